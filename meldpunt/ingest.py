"""Getting posts into the archive: Desktop export files and web-preview crawls.

Plain async functions taking their dependencies, so the CLI, ``meldpunt run`` and the
benchmarks share one path.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path

from inbox.archive import Archive, ArchiveResult
from monitors import Channel, Post, Source
from monitors.desktop_export import iter_export
from monitors.webpreview import PreviewClient, crawl

BATCH = 1000

Progress = Callable[[int], None]
"""Told how many more posts were handled."""


def _batches(posts: Iterable[Post], size: int) -> Iterator[list[Post]]:
    it = iter(posts)
    while batch := list(islice(it, size)):
        yield batch


def _as_channel(posts: Iterable[Post], username: str) -> Iterator[Post]:
    channels: dict[Channel, Channel] = {}
    for post in posts:
        channel = channels.get(post.channel)
        if channel is None:
            channel = channels[post.channel] = replace(post.channel, username=username)
        yield replace(post, channel=channel)


async def import_export(
    archive: Archive,
    path: Path,
    *,
    username: str | None = None,
    chat_types: Collection[str] | None = None,
    progress: Progress | None = None,
) -> ArchiveResult:
    """Archive a Telegram Desktop export (one chat or a whole account) in one transaction.

    A malformed file raises :class:`monitors.MalformedInput` and leaves the archive as it
    was. ``username`` names the exported channel when the export does not (exports carry
    ids, not usernames). ``chat_types`` chooses chats by export type; by default a
    full-account export gives only its channels and groups (see ``iter_export``).
    Importing the same file twice changes nothing.
    """
    posts: Iterable[Post] = iter_export(path, chat_types=chat_types)
    if username:
        posts = _as_channel(posts, username)
    async with archive.session() as session:
        for batch in _batches(posts, BATCH):
            await session.add(batch)
            if progress:
                progress(len(batch))
    return session.result


async def crawl_channel(
    archive: Archive,
    client: PreviewClient,
    username: str,
    *,
    limit: int | None = None,
    until_id: int | None = None,
    progress: Progress | None = None,
) -> ArchiveResult:
    """Read a channel's public web preview into the archive, page by page.

    Each page is archived with the checkpoint that covers it in one transaction, so an
    interrupted crawl resumes where it stopped. Posts archived from the web preview that a
    later listing of the same id range no longer shows are marked deleted.
    """
    total = ArchiveResult()
    checkpoint = await archive.checkpoint(Channel(id=None, username=username), Source.WEBPREVIEW)
    async for page in crawl(
        client, username, checkpoint=checkpoint, limit=limit, until_id=until_id
    ):
        shown = page.known + page.posts
        async with archive.session() as session:
            await session.add(shown)
            if shown:
                ids = {p.message_id for p in shown}
                await session.mark_missing(page.channel, Source.WEBPREVIEW, min(ids), max(ids), ids)
            else:
                await session.channel(page.channel)
            await session.save_checkpoint(page.channel, Source.WEBPREVIEW, page.checkpoint)
        total.merge(session.result)
        if progress:
            progress(len(page.posts))
    return total
