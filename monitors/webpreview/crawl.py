"""Paging through a channel's web preview, newest first, resuming from a :class:`Checkpoint`.

A run has two legs. First it reads from the newest page backwards until it meets the newest
post of the last run (``checkpoint.newest_id``): the posts published since. Then, unless the
channel's first post was reached before, it continues the backfill below
``checkpoint.oldest_id``. Each page is yielded with the checkpoint to store once that page is
archived; a checkpoint only ever claims posts that were yielded, so an interrupted run
resumes correctly. The checkpoint describes one unbroken range of ids
(``oldest_id``..``newest_id``, plus everything older when ``exhausted``). While new posts are
being read, the stored range is left as it was until the new posts reach it; if the run
stops first (``limit`` or ``until_id``), the new posts become the range and the backfill
later walks down through the old one again (the archive is idempotent, so this only costs
requests). Ids are not contiguous (albums absorb ids, deleted posts leave gaps), so ranges
are bounded by ids seen, never by counting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from monitors.checkpoint import Checkpoint
from monitors.types import Channel, Post
from monitors.webpreview.parse import PreviewPage


class PageSource(Protocol):
    """What the crawl needs: one page of a channel, newest or older than ``before``."""

    async def fetch(self, username: str, *, before: int | None = None) -> PreviewPage:
        """Return the page; raise :class:`monitors.MonitorError` subclasses on failure."""
        ...


@dataclass(frozen=True, slots=True)
class CrawlPage:
    """One fetched page: the channel as shown, the posts to archive (oldest first) and the
    checkpoint to store in the same transaction.

    ``known`` holds the posts of the page that an earlier run already read: archiving them
    again is how edits, new view counts and deletions among recent posts are noticed. They
    do not count towards ``limit``.
    """

    channel: Channel
    posts: tuple[Post, ...]
    checkpoint: Checkpoint
    known: tuple[Post, ...] = ()


@dataclass(slots=True)
class _Budget:
    """Posts still allowed (None: unlimited) and the lowest id still wanted."""

    left: int | None
    until_id: int | None

    def take(self, posts: Sequence[Post]) -> tuple[list[Post], bool]:
        """The posts to yield from an ascending run of ``posts``, and whether any was refused.

        Going backwards, the newest posts are kept first, so what is yielded stays one
        unbroken range from the top.
        """
        wanted = [p for p in posts if self.until_id is None or p.message_id >= self.until_id]
        if self.left is not None and len(wanted) > self.left:
            wanted = wanted[len(wanted) - self.left :]
        if self.left is not None:
            self.left -= len(wanted)
        return wanted, len(wanted) < len(posts)

    @property
    def spent(self) -> bool:
        return self.left == 0


async def crawl(
    source: PageSource,
    username: str,
    *,
    checkpoint: Checkpoint | None = None,
    limit: int | None = None,
    until_id: int | None = None,
) -> AsyncIterator[CrawlPage]:
    """Yield the pages of ``@username`` not yet archived according to ``checkpoint``.

    ``limit`` caps the posts yielded in all; ``until_id`` skips posts with a smaller id and
    stops there. Every fetched page is yielded, also one without new posts, so the caller
    always gets the channel's current header and the checkpoint to store.

    Example::

        async for page in crawl(client, "telegram", checkpoint=stored, limit=500):
            async with archive.session() as session:
                ...  # store page.channel, page.posts and page.checkpoint together
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    if limit == 0:
        return
    budget = _Budget(limit, until_id)
    state = checkpoint or Checkpoint()
    leg = _NewPosts(state)
    cursor: int | None = None
    while True:
        page = await source.fetch(username, before=cursor)
        posts = _below(page, cursor)
        state, done = leg.step(page, posts, budget)
        newest_known = leg.stored.newest_id
        known = (
            () if newest_known is None else tuple(p for p in posts if p.message_id <= newest_known)
        )
        yield CrawlPage(page.channel, tuple(leg.kept), state, known)
        if done:
            break
        cursor = posts[0].message_id
    if leg.stopped or state.exhausted or state.oldest_id is None:
        return
    async for crawled in _backfill(source, username, state, budget):
        yield crawled


class _NewPosts:
    """The first leg: from the newest page down to the stored range (or the channel's start)."""

    def __init__(self, stored: Checkpoint) -> None:
        self.stored = stored
        self.top: int | None = stored.newest_id
        self.lowest: int | None = None
        self.kept: list[Post] = []
        self.stopped = False

    def step(
        self, page: PreviewPage, posts: list[Post], budget: _Budget
    ) -> tuple[Checkpoint, bool]:
        """Take this page's new posts; return the checkpoint to store and whether the leg ends."""
        stored = self.stored
        if posts:
            self.top = max(self.top or 0, posts[-1].message_id)
        fresh = [p for p in posts if stored.newest_id is None or p.message_id > stored.newest_id]
        self.kept, refused = budget.take(fresh)
        if self.kept:
            self.lowest = self.kept[0].message_id
        reached_stored = stored.newest_id is not None and len(fresh) < len(posts)
        bottom = not posts or not page.has_older
        self.stopped = refused or budget.spent
        if reached_stored and not refused:
            return Checkpoint(self.top, stored.oldest_id, stored.exhausted), True
        ends = reached_stored or bottom or self.stopped
        if self.lowest is None:
            # Nothing yielded yet: claim no more than before; an empty channel is exhausted.
            empty = stored.newest_id is None and not posts
            return (Checkpoint(exhausted=True) if empty else stored), ends
        if stored.newest_id is not None and not ends:
            return stored, False  # a gap remains between these posts and the stored range
        return Checkpoint(self.top, self.lowest, bottom and not refused), ends


async def _backfill(
    source: PageSource, username: str, state: Checkpoint, budget: _Budget
) -> AsyncIterator[CrawlPage]:
    """The second leg: pages older than ``state.oldest_id`` down to the channel's first post."""
    cursor = state.oldest_id
    while cursor is not None:
        if budget.until_id is not None and cursor <= budget.until_id:
            return  # every older post is below until_id
        page = await source.fetch(username, before=cursor)
        posts = _below(page, cursor)
        kept, refused = budget.take(posts)
        bottom = not posts or not page.has_older
        oldest = kept[0].message_id if kept else state.oldest_id
        state = Checkpoint(state.newest_id, oldest, bottom and not refused)
        yield CrawlPage(page.channel, tuple(kept), state)
        if bottom or refused or budget.spent:
            return
        cursor = posts[0].message_id


def _below(page: PreviewPage, cursor: int | None) -> list[Post]:
    """The page's posts older than ``cursor``, oldest first.

    Telegram only shows older posts for ``?before=``; filtering anyway guarantees each step
    moves strictly downwards, so a misbehaving page cannot make the crawl loop.
    """
    posts = [p for p in page.posts if cursor is None or p.message_id < cursor]
    return sorted(posts, key=lambda p: p.message_id)
