"""SQL of the ``checkpoints`` table: how far each source read each channel."""

from __future__ import annotations

import aiosqlite

from monitors import Checkpoint


async def load(conn: aiosqlite.Connection, channel_id: int, source: str) -> Checkpoint:
    """The stored checkpoint, or an empty one when the channel was never read by ``source``."""
    async with conn.execute(
        "SELECT newest_id, oldest_id, exhausted FROM checkpoints"
        " WHERE channel_id = ? AND source = ?",
        (channel_id, source),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return Checkpoint()
    return Checkpoint(newest_id=row[0], oldest_id=row[1], exhausted=bool(row[2]))


async def save(
    conn: aiosqlite.Connection, channel_id: int, source: str, checkpoint: Checkpoint, now: str
) -> None:
    """Store ``checkpoint``, replacing the previous one."""
    await conn.execute(
        "INSERT INTO checkpoints (channel_id, source, newest_id, oldest_id, exhausted, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, source) DO UPDATE SET"
        " newest_id = excluded.newest_id, oldest_id = excluded.oldest_id,"
        " exhausted = excluded.exhausted, updated_at = excluded.updated_at",
        (channel_id, source, checkpoint.newest_id, checkpoint.oldest_id, checkpoint.exhausted, now),
    )
