"""SQL of ``post_analyses`` (one analysis per post version) and ``findings`` (posts that
became proactive notices)."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class PendingText:
    """A post version not analysed yet."""

    channel_id: int
    message_id: int
    version: int
    text: str


@dataclass(frozen=True, slots=True)
class Offer:
    """The newest analysis of a post that is an offer, with what a notice about it needs."""

    channel_id: int
    message_id: int
    version: int
    score: float
    category: str
    analysis: str
    channel_username: str | None
    channel_tg_id: int | None


async def get(
    conn: aiosqlite.Connection, channel_id: int, message_id: int, version: int
) -> str | None:
    """The stored analysis (JSON) of one post version."""
    async with conn.execute(
        "SELECT analysis FROM post_analyses WHERE channel_id = ? AND message_id = ?"
        " AND version = ?",
        (channel_id, message_id, version),
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else str(row[0])


async def insert(
    conn: aiosqlite.Connection,
    text: PendingText,
    *,
    offer: bool,
    score: float,
    category: str,
    analysis: str,
    now: str,
) -> None:
    """Store the analysis of a post version (a second analysis of it is ignored)."""
    await conn.execute(
        "INSERT INTO post_analyses (channel_id, message_id, version, offer, score, category,"
        " analysis, analysed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (text.channel_id, text.message_id, text.version, offer, score, category, analysis, now),
    )


async def pending(conn: aiosqlite.Connection, limit: int) -> list[PendingText]:
    """Current versions of archived posts that have no analysis yet, oldest first."""
    async with conn.execute(
        "SELECT p.channel_id, p.message_id, p.version, p.text FROM posts p"
        " WHERE NOT EXISTS (SELECT 1 FROM post_analyses a WHERE a.channel_id = p.channel_id"
        " AND a.message_id = p.message_id AND a.version = p.version)"
        " ORDER BY p.channel_id, p.message_id LIMIT ?",
        (limit,),
    ) as cur:
        return [PendingText(row[0], row[1], row[2], row[3]) async for row in cur]


async def offers_without_finding(
    conn: aiosqlite.Connection, threshold: float, after: tuple[int, int], limit: int
) -> list[Offer]:
    """Posts whose current version is an offer scoring at least ``threshold`` and that have
    not become a proactive notice yet, in key order after ``after`` (channel id, message id)."""
    async with conn.execute(
        "SELECT a.channel_id, a.message_id, a.version, a.score, a.category, a.analysis,"
        " c.username, c.tg_id FROM posts p"
        " JOIN post_analyses a ON a.channel_id = p.channel_id AND a.message_id = p.message_id"
        " AND a.version = p.version JOIN channels c ON c.id = p.channel_id"
        " WHERE a.offer = 1 AND a.score >= ? AND NOT EXISTS (SELECT 1 FROM findings f"
        " WHERE f.channel_id = p.channel_id AND f.message_id = p.message_id)"
        " AND (p.channel_id, p.message_id) > (?, ?)"
        " ORDER BY p.channel_id, p.message_id LIMIT ?",
        (threshold, after[0], after[1], limit),
    ) as cur:
        return [
            Offer(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])
            async for row in cur
        ]


async def add_finding(conn: aiosqlite.Connection, offer: Offer, notice_id: int, now: str) -> None:
    """Remember that ``offer`` became notice ``notice_id``."""
    await conn.execute(
        "INSERT INTO findings (channel_id, message_id, version, score, notice_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (offer.channel_id, offer.message_id, offer.version, offer.score, notice_id, now),
    )
