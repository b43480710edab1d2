"""Reads of archived posts for the inbox: one post with its channel, and its versions."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class ArchivedPost:
    """A stored post with its channel's identity; JSON columns kept as stored."""

    channel_id: int
    channel_tg_id: int | None
    channel_username: str | None
    channel_title: str | None
    message_id: int
    date: str
    edit_date: str | None
    edited: bool
    text: str
    entities: str
    media: str
    views: int | None
    forwards: int | None
    fwd_name: str | None
    fwd_username: str | None
    fwd_channel_tg_id: int | None
    fwd_message_id: int | None
    reply_to: int | None
    album_id: str | None
    signature: str | None
    service: str | None
    truncated: bool
    source: str
    version: int
    archived_at: str
    deleted_at: str | None


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One text a post had."""

    version: int
    text: str
    edit_date: str | None
    recorded_at: str
    source: str


async def channel_id(
    conn: aiosqlite.Connection, *, username: str | None, tg_id: int | None
) -> tuple[int, str | None] | None:
    """Our id and the username of the channel with this username (or Telegram id)."""
    sql = "SELECT id, username FROM channels WHERE username = ?"
    value: str | int | None = username
    if username is None:
        sql, value = "SELECT id, username FROM channels WHERE tg_id = ?", tg_id
    async with conn.execute(sql, (value,)) as cur:
        row = await cur.fetchone()
    return None if row is None else (row[0], row[1])


async def post(conn: aiosqlite.Connection, channel_id: int, message_id: int) -> ArchivedPost | None:
    """The stored post, with its channel."""
    async with conn.execute(
        "SELECT p.*, c.tg_id AS channel_tg_id, c.username AS channel_username,"
        " c.title AS channel_title FROM posts p JOIN channels c ON c.id = p.channel_id"
        " WHERE p.channel_id = ? AND p.message_id = ?",
        (channel_id, message_id),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return None
    return ArchivedPost(
        channel_id=row["channel_id"],
        channel_tg_id=row["channel_tg_id"],
        channel_username=row["channel_username"],
        channel_title=row["channel_title"],
        message_id=row["message_id"],
        date=row["date"],
        edit_date=row["edit_date"],
        edited=bool(row["edited"]),
        text=row["text"],
        entities=row["entities"],
        media=row["media"],
        views=row["views"],
        forwards=row["forwards"],
        fwd_name=row["fwd_name"],
        fwd_username=row["fwd_username"],
        fwd_channel_tg_id=row["fwd_channel_tg_id"],
        fwd_message_id=row["fwd_message_id"],
        reply_to=row["reply_to"],
        album_id=row["album_id"],
        signature=row["signature"],
        service=row["service"],
        truncated=bool(row["truncated"]),
        source=row["source"],
        version=row["version"],
        archived_at=row["archived_at"],
        deleted_at=row["deleted_at"],
    )


async def versions(
    conn: aiosqlite.Connection, channel_id: int, message_id: int
) -> list[VersionRow]:
    """Every text the post had, first version first."""
    async with conn.execute(
        "SELECT version, text, edit_date, recorded_at, source FROM post_versions"
        " WHERE channel_id = ? AND message_id = ? ORDER BY version",
        (channel_id, message_id),
    ) as cur:
        return [VersionRow(row[0], row[1], row[2], row[3], row[4]) async for row in cur]
