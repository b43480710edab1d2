"""The archive: every post a monitor read, stored idempotently with its full edit history.

Writes happen inside :meth:`Archive.session`, one transaction: a batch, a page or a whole
import file lands completely or not at all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

import aiosqlite

from inbox.store import channels, checkpoints, posts
from inbox.store.database import Database
from monitors import Channel, Checkpoint, Post, Source

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock; tests pass a fixed one instead."""
    return datetime.now(UTC)


@dataclass(slots=True)
class ArchiveResult:
    """What a session did: posts new to the archive, edited (a new version), unchanged."""

    new: int = 0
    edited: int = 0
    unchanged: int = 0
    truncated: int = 0
    deleted: int = 0
    channels: set[int] = field(default_factory=set)

    @property
    def seen(self) -> int:
        """Posts handled in all."""
        return self.new + self.edited + self.unchanged

    def merge(self, other: ArchiveResult) -> None:
        """Add ``other``'s counts to these."""
        self.new += other.new
        self.edited += other.edited
        self.unchanged += other.unchanged
        self.truncated += other.truncated
        self.deleted += other.deleted
        self.channels |= other.channels


class ArchiveSession:
    """Writes inside one open transaction; obtained from :meth:`Archive.session`."""

    def __init__(self, conn: aiosqlite.Connection, now: str) -> None:
        self._conn = conn
        self._now = now
        self._channel_ids: dict[tuple[int | None, str | None], int] = {}
        # Per channel, the largest message id stored, this session's writes included: posts
        # above it are new without asking the database (exports come in id order).
        self._highest: dict[int, int] = {}
        self.result = ArchiveResult()

    async def channel(self, channel: Channel) -> int:
        """Store or refresh ``channel`` (once per session) and return our id for it."""
        key = (channel.id, channel.username.lower() if channel.username else None)
        known = self._channel_ids.get(key)
        if known is None:
            known = await channels.upsert(self._conn, channel, self._now)
            self._channel_ids[key] = known
            self.result.channels.add(known)
        return known

    async def add(self, batch: Sequence[Post]) -> None:
        """Archive posts: new ones inserted, changed texts versioned, the rest refreshed.

        The same post twice is one row; a changed text adds a version with its edit date.
        """
        by_channel: dict[int, list[Post]] = {}
        # Posts of one chat share their Channel object: resolve each object once.
        resolved: list[Post] = []
        last: Channel | None = None
        for post in batch:
            if post.channel is not last:
                last = post.channel
                resolved = by_channel.setdefault(await self.channel(last), [])
            resolved.append(post)
        for channel_id, group in by_channel.items():
            await self._add_group(channel_id, group)

    async def _add_group(self, channel_id: int, group: list[Post]) -> None:
        # The last copy of a post within one batch wins, as it is the newest read.
        unique = {p.message_id: p for p in group}
        highest = self._highest.get(channel_id)
        if highest is None:
            highest = await posts.highest_id(self._conn, channel_id)
        stored: dict[int, tuple[str, int]] = {}
        if min(unique) <= highest:
            stored = await posts.current_texts(self._conn, channel_id, unique)
        self._highest[channel_id] = max(highest, max(unique))
        new_rows: list[posts.Row] = []
        edits: list[tuple[int, int, int, Post]] = []
        counters: list[tuple[int | None, int | None, int, int]] = []
        for message_id, post in unique.items():
            self.result.truncated += post.truncated
            known = stored.get(message_id)
            if known is None:
                new_rows.append(posts.post_row(channel_id, post, self._now))
                continue
            text, version = known
            if text != post.text:
                edits.append((channel_id, message_id, version + 1, post))
            else:
                self.result.unchanged += 1
            if post.views is not None or post.forwards is not None:
                counters.append((post.views, post.forwards, channel_id, message_id))
        await posts.insert(self._conn, new_rows)
        await posts.add_versions(self._conn, edits, self._now)
        await posts.refresh_counters(self._conn, counters)
        self.result.new += len(new_rows)
        self.result.edited += len(edits)

    async def mark_deleted(self, channel: Channel, message_ids: Iterable[int]) -> int:
        """Mark posts as deleted; they stay in the archive with every version."""
        count = await posts.mark_deleted(
            self._conn, await self.channel(channel), message_ids, self._now
        )
        self.result.deleted += count
        return count

    async def mark_missing(
        self, channel: Channel, source: Source, low: int, high: int, seen: set[int]
    ) -> int:
        """Mark as deleted the posts ``source`` archived with ids in ``[low, high]`` that its
        complete listing of that range (``seen``) no longer shows."""
        stored = await posts.ids_between(
            self._conn, await self.channel(channel), low, high, source.value
        )
        return await self.mark_deleted(channel, [i for i in stored if i not in seen])

    async def save_checkpoint(
        self, channel: Channel, source: Source, checkpoint: Checkpoint
    ) -> None:
        """Remember how far ``source`` has read ``channel``."""
        await checkpoints.save(
            self._conn, await self.channel(channel), source.value, checkpoint, self._now
        )


class Archive:
    """The system of record for channels and posts."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    @asynccontextmanager
    async def session(self) -> AsyncIterator[ArchiveSession]:
        """One transaction of archive writes; rolled back whole if the block raises."""
        async with self._db.transaction() as conn:
            yield ArchiveSession(conn, posts.iso(self._clock()) or "")

    async def checkpoint(self, channel: Channel, source: Source) -> Checkpoint:
        """How far ``source`` read ``channel``; reads only, so an unknown channel stays
        unknown."""
        found = await channels.find(self._db.conn, tg_id=channel.id, username=channel.username)
        if found is None:
            return Checkpoint()
        return await checkpoints.load(self._db.conn, found.id, source.value)

    async def add(self, batch: Sequence[Post]) -> ArchiveResult:
        """Archive ``batch`` in a transaction of its own."""
        async with self.session() as session:
            await session.add(batch)
        return session.result
