"""SQL of the ``posts`` and ``post_versions`` tables.

A post is keyed by (channel, message id). Its current text lives in ``posts``; every text it
ever had, the first included, lives in ``post_versions``, so an edit never loses evidence.
Deletions are marked with ``deleted_at``; rows are never removed.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import UTC, datetime
from json.encoder import encode_basestring

import aiosqlite

from monitors import Entity, Media, Post

INSERT_COLUMNS = (
    "channel_id",
    "message_id",
    "date",
    "edit_date",
    "edited",
    "text",
    "entities",
    "media",
    "views",
    "forwards",
    "fwd_name",
    "fwd_username",
    "fwd_channel_tg_id",
    "fwd_message_id",
    "reply_to",
    "album_id",
    "signature",
    "sender_id",
    "sender_name",
    "service",
    "truncated",
    "source",
    "version",
    "archived_at",
)

_INSERT = (
    f"INSERT INTO posts ({', '.join(INSERT_COLUMNS)})"  # noqa: S608 - fixed column names
    f" VALUES ({', '.join('?' for _ in INSERT_COLUMNS)})"
)

Row = tuple[object, ...]


# One encoder for every row: json.dumps with options builds a new encoder per call.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def iso(moment: datetime | None) -> str | None:
    """A timestamp as stored: ISO 8601 in UTC, to the second."""
    if moment is None:
        return None
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="seconds")


def _entities_json(entities: Sequence[Entity]) -> str:
    # Formatted by hand: the same text the encoder gives for these dicts, without building
    # them. Strings go through the encoder's own escaping, so content cannot break out.
    if not entities:
        return "[]"
    return (
        "["
        + ",".join(
            f'{{"kind":{encode_basestring(e.kind)},"offset":{e.offset},"length":{e.length}'
            + (f',"url":{encode_basestring(e.url)}}}' if e.url else "}")
            for e in entities
        )
        + "]"
    )


def _media_json(media: Sequence[Media]) -> str:
    if not media:
        return "[]"
    items = []
    for m in media:
        item: dict[str, object] = {"kind": m.kind}
        for key, value in (
            ("detail", m.detail),
            ("duration", m.duration),
            ("size", m.size),
            ("sha256", m.sha256),
        ):
            if value is not None:
                item[key] = value
        items.append(item)
    return _JSON.encode(items)


def post_row(channel_id: int, post: Post, archived_at: str) -> Row:
    """The ``posts`` row of a new post, in :data:`INSERT_COLUMNS` order."""
    fwd = post.forwarded_from
    return (
        channel_id,
        post.message_id,
        iso(post.date),
        iso(post.edit_date),
        post.edited or post.edit_date is not None,
        post.text,
        _entities_json(post.entities),
        _media_json(post.media),
        post.views,
        post.forwards,
        fwd.name if fwd else None,
        fwd.username if fwd else None,
        fwd.channel_id if fwd else None,
        fwd.message_id if fwd else None,
        post.reply_to,
        post.album_id,
        post.signature,
        post.sender_id,
        post.sender_name,
        post.service,
        post.truncated,
        post.source.value,
        1,
        archived_at,
    )


async def current_texts(
    conn: aiosqlite.Connection, channel_id: int, message_ids: Iterable[int]
) -> dict[int, tuple[str, int]]:
    """Current text and version number of the given posts that are already stored."""
    ids = json.dumps(list(message_ids))
    async with conn.execute(
        "SELECT message_id, text, version FROM posts WHERE channel_id = ?"
        " AND message_id IN (SELECT value FROM json_each(?))",
        (channel_id, ids),
    ) as cur:
        return {row[0]: (row[1], row[2]) async for row in cur}


async def highest_id(conn: aiosqlite.Connection, channel_id: int) -> int:
    """The largest stored message id of a channel; 0 when it has no posts."""
    async with conn.execute(
        "SELECT coalesce(max(message_id), 0) FROM posts WHERE channel_id = ?", (channel_id,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def insert(conn: aiosqlite.Connection, rows: Sequence[Row]) -> None:
    """Insert new posts (rows from :func:`post_row`) and their first version."""
    if not rows:
        return
    await conn.executemany(_INSERT, rows)
    # Columns: channel, message, version 1, text, edit date, recorded at, source.
    await conn.executemany(
        "INSERT INTO post_versions (channel_id, message_id, version, text, edit_date,"
        " recorded_at, source) VALUES (?, ?, 1, ?, ?, ?, ?)",
        [(r[0], r[1], r[5], r[3], r[23], r[21]) for r in rows],
    )


async def add_versions(
    conn: aiosqlite.Connection,
    edits: Sequence[tuple[int, int, int, Post]],
    recorded_at: str,
) -> None:
    """Record new texts of stored posts: ``(channel id, message id, new version, post)``."""
    if not edits:
        return
    await conn.executemany(
        "INSERT INTO post_versions (channel_id, message_id, version, text, edit_date,"
        " recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (ch, msg, version, p.text, iso(p.edit_date), recorded_at, p.source.value)
            for ch, msg, version, p in edits
        ],
    )
    await conn.executemany(
        "UPDATE posts SET text = ?, version = ?, edit_date = coalesce(?, edit_date), edited = 1,"
        " entities = ?, truncated = ? WHERE channel_id = ? AND message_id = ?",
        [
            (p.text, version, iso(p.edit_date), _entities_json(p.entities), p.truncated, ch, msg)
            for ch, msg, version, p in edits
        ],
    )


async def refresh_counters(
    conn: aiosqlite.Connection, rows: Sequence[tuple[int | None, int | None, int, int]]
) -> None:
    """Update views and forwards ``(views, forwards, channel id, message id)`` where a source
    now shows them; unknown counts never erase known ones."""
    if not rows:
        return
    await conn.executemany(
        "UPDATE posts SET views = coalesce(?1, views), forwards = coalesce(?2, forwards)"
        " WHERE channel_id = ?3 AND message_id = ?4"
        " AND (views IS NOT coalesce(?1, views) OR forwards IS NOT coalesce(?2, forwards))",
        rows,
    )


async def mark_deleted(
    conn: aiosqlite.Connection, channel_id: int, message_ids: Iterable[int], at: str
) -> int:
    """Mark stored posts as deleted (once); returns how many were newly marked."""
    cur = await conn.execute(
        "UPDATE posts SET deleted_at = ? WHERE channel_id = ? AND deleted_at IS NULL"
        " AND message_id IN (SELECT value FROM json_each(?))",
        (at, channel_id, json.dumps(list(message_ids))),
    )
    return cur.rowcount


async def ids_between(
    conn: aiosqlite.Connection, channel_id: int, low: int, high: int, source: str
) -> list[int]:
    """Ids of stored, not deleted posts read by ``source`` with ``low <= id <= high``."""
    async with conn.execute(
        "SELECT message_id FROM posts WHERE channel_id = ? AND message_id BETWEEN ? AND ?"
        " AND deleted_at IS NULL AND source = ?",
        (channel_id, low, high, source),
    ) as cur:
        return [row[0] async for row in cur]


async def iter_with_channel(
    conn: aiosqlite.Connection, batch_size: int = 1000
) -> AsyncIterator[aiosqlite.Row]:
    """Every stored post with its channel's Telegram id and username, oldest first."""
    async with conn.execute(
        "SELECT p.*, c.tg_id AS channel_tg_id, c.username AS channel_username"
        " FROM posts p JOIN channels c ON c.id = p.channel_id"
        " ORDER BY p.channel_id, p.message_id"
    ) as cur:
        while rows := await cur.fetchmany(batch_size):
            for row in rows:
                yield row
