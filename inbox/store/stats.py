"""Counts over the archive, for ``meldpunt stats`` and the datasheets."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """How much the archive holds."""

    channels: int
    posts: int
    versions: int
    edited_posts: int
    deleted_posts: int
    truncated_posts: int
    first_post: str | None
    last_post: str | None


async def archive_stats(conn: aiosqlite.Connection) -> ArchiveStats:
    """One pass of counts over channels, posts and versions."""
    async with conn.execute(
        "SELECT (SELECT count(*) FROM channels), count(*), sum(version > 1),"
        " sum(deleted_at IS NOT NULL), sum(truncated), min(date), max(date),"
        " (SELECT count(*) FROM post_versions) FROM posts"
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    return ArchiveStats(
        channels=row[0],
        posts=row[1],
        versions=row[7],
        edited_posts=row[2] or 0,
        deleted_posts=row[3] or 0,
        truncated_posts=row[4] or 0,
        first_post=row[5],
        last_post=row[6],
    )


async def posts_per_channel(conn: aiosqlite.Connection) -> dict[int, int]:
    """Archived posts per channel (our channel id)."""
    async with conn.execute("SELECT channel_id, count(*) FROM posts GROUP BY channel_id") as cur:
        return {row[0]: row[1] async for row in cur}
