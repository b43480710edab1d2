"""SQL of the ``channels`` table."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from monitors import Channel


@dataclass(frozen=True, slots=True)
class ChannelRow:
    """A stored channel; ``id`` is our key, ``tg_id`` Telegram's."""

    id: int
    tg_id: int | None
    username: str | None
    title: str | None
    about: str | None
    subscribers: int | None
    verified: bool
    scam: bool
    fake: bool
    first_seen: str
    updated_at: str


_BY_TG_ID = (
    "SELECT id, tg_id, username, title, about, subscribers, verified, scam, fake, first_seen,"
    " updated_at FROM channels WHERE tg_id = ?"
)
_BY_USERNAME = (
    "SELECT id, tg_id, username, title, about, subscribers, verified, scam, fake, first_seen,"
    " updated_at FROM channels WHERE username = ?"
)
_ALL = (
    "SELECT id, tg_id, username, title, about, subscribers, verified, scam, fake, first_seen,"
    " updated_at FROM channels ORDER BY id"
)


def _row(row: aiosqlite.Row) -> ChannelRow:
    return ChannelRow(
        id=row["id"],
        tg_id=row["tg_id"],
        username=row["username"],
        title=row["title"],
        about=row["about"],
        subscribers=row["subscribers"],
        verified=bool(row["verified"]),
        scam=bool(row["scam"]),
        fake=bool(row["fake"]),
        first_seen=row["first_seen"],
        updated_at=row["updated_at"],
    )


async def find(
    conn: aiosqlite.Connection, *, tg_id: int | None = None, username: str | None = None
) -> ChannelRow | None:
    """The stored channel with this Telegram id, else with this username (any case)."""
    if tg_id is not None:
        async with conn.execute(_BY_TG_ID, (tg_id,)) as cur:
            row = await cur.fetchone()
        if row is not None:
            return _row(row)
    if username:
        async with conn.execute(_BY_USERNAME, (username,)) as cur:
            row = await cur.fetchone()
        if row is not None:
            return _row(row)
    return None


async def upsert(conn: aiosqlite.Connection, channel: Channel, now: str) -> int:
    """Insert or refresh a channel and return our id for it.

    Known fields are never overwritten with unknowns: a source that does not tell the
    subscriber count keeps the count another source saw. When a username moved to another
    channel, the old holder loses it (Telegram usernames are unique at any one time).
    """
    found = await find(conn, tg_id=channel.id, username=channel.username)
    if found is None:
        if channel.username:
            await conn.execute(
                "UPDATE channels SET username = NULL WHERE username = ? AND tg_id IS NOT NULL",
                (channel.username,),
            )
        cur = await conn.execute(
            "INSERT INTO channels (tg_id, username, title, about, subscribers, verified, scam,"
            " fake, first_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                channel.id,
                channel.username,
                channel.title,
                channel.about,
                channel.subscribers,
                channel.verified,
                channel.scam,
                channel.fake,
                now,
                now,
            ),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid
    if channel.username and (found.username or "").lower() != channel.username.lower():
        await conn.execute(
            "UPDATE channels SET username = NULL WHERE username = ? AND id != ?",
            (channel.username, found.id),
        )
    await conn.execute(
        "UPDATE channels SET tg_id = coalesce(?, tg_id), username = coalesce(?, username),"
        " title = coalesce(?, title), about = coalesce(?, about),"
        " subscribers = coalesce(?, subscribers), verified = max(verified, ?),"
        " scam = max(scam, ?), fake = max(fake, ?), updated_at = ? WHERE id = ?",
        (
            channel.id,
            channel.username,
            channel.title,
            channel.about,
            channel.subscribers,
            channel.verified,
            channel.scam,
            channel.fake,
            now,
            found.id,
        ),
    )
    return found.id


async def all_channels(conn: aiosqlite.Connection) -> list[ChannelRow]:
    """Every stored channel, in the order they were first seen."""
    async with conn.execute(_ALL) as cur:
        return [_row(row) async for row in cur]
