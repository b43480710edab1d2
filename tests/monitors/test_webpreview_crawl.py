"""Crawling a channel page by page through the real client over loopback: paging, resuming
from a checkpoint, limits, and the checkpoint only ever claiming what was yielded."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from monitors import ChannelUnavailable, Checkpoint, FetchFailed
from monitors.webpreview import CrawlPage, PreviewClient, crawl
from tests.telegram.webpreview_pages import SavedChannel, fixture
from tests.telegram.webpreview_server import RecordedSleep, Reply, WebPreviewServer

ALL_IDS = [*range(419, 434), *range(435, 440)]  # the saved page lacks post 434


@pytest.fixture
def channel(webpreview_server: WebPreviewServer) -> SavedChannel:
    return webpreview_server.add_channel(SavedChannel(fixture("telegram.html"), page_size=6))


@pytest.fixture
def client(
    http: httpx.AsyncClient, webpreview_server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> PreviewClient:
    return PreviewClient(
        http, base_url=webpreview_server.url, delay=0.5, retries=1, sleep=recorded_sleep
    )


async def collect(pages: AsyncIterator[CrawlPage]) -> list[CrawlPage]:
    return [page async for page in pages]


def ids(pages: list[CrawlPage]) -> list[int]:
    return sorted(p.message_id for page in pages for p in page.posts)


def cursors(server: WebPreviewServer) -> list[int | None]:
    return [r.before for r in server.requests]


async def test_first_crawl_pages_back_to_the_first_post(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    pages = await collect(crawl(client, "telegram"))
    assert [[p.message_id for p in page.posts] for page in pages] == [
        [433, 435, 436, 437, 438, 439],
        [427, 428, 429, 430, 431, 432],
        [421, 422, 423, 424, 425, 426],
        [419, 420],
    ]
    assert [page.checkpoint for page in pages] == [
        Checkpoint(439, 433, False),
        Checkpoint(439, 427, False),
        Checkpoint(439, 421, False),
        Checkpoint(439, 419, True),
    ]
    assert cursors(webpreview_server) == [None, 433, 427, 421]
    assert all(page.channel.username == "telegram" for page in pages)


async def test_second_run_fetches_only_new_posts(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    channel.published = 15  # up to post 433
    first = await collect(crawl(client, "telegram"))
    stored = first[-1].checkpoint
    assert stored == Checkpoint(433, 419, True)
    channel.published = 20
    webpreview_server.requests.clear()
    second = await collect(crawl(client, "telegram", checkpoint=stored))
    assert ids(second) == [435, 436, 437, 438, 439]
    assert cursors(webpreview_server) == [None]
    assert second[-1].checkpoint == Checkpoint(439, 419, True)


async def test_new_posts_over_several_pages_claim_nothing_until_they_join_the_stored_range(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    stored = Checkpoint(426, 419, True)
    pages = await collect(crawl(client, "telegram", checkpoint=stored))
    assert ids(pages) == [427, 428, 429, 430, 431, 432, 433, 435, 436, 437, 438, 439]
    assert [page.checkpoint for page in pages] == [stored, stored, Checkpoint(439, 419, True)]
    assert cursors(webpreview_server) == [None, 433, 427]


async def test_interrupted_backfill_continues_where_it_stopped(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    first = await collect(crawl(client, "telegram", limit=8))
    assert ids(first) == [431, 432, 433, 435, 436, 437, 438, 439]
    stored = first[-1].checkpoint
    assert stored == Checkpoint(439, 431, False)
    webpreview_server.requests.clear()
    second = await collect(crawl(client, "telegram", checkpoint=stored))
    assert second[0].posts == ()  # nothing new at the top
    assert ids(second) == list(range(419, 431))
    assert cursors(webpreview_server) == [None, 431, 425]
    assert second[-1].checkpoint == Checkpoint(439, 419, True)
    assert sorted(ids(first) + ids(second)) == ALL_IDS


async def test_consumer_stopping_mid_crawl_resumes_from_the_last_checkpoint(
    client: PreviewClient, channel: SavedChannel
) -> None:
    seen: list[int] = []
    stored = Checkpoint()
    async for page in crawl(client, "telegram"):
        seen += [p.message_id for p in page.posts]
        stored = page.checkpoint
        if len(seen) >= 12:
            break  # e.g. the process is stopped after archiving two pages
    async for page in crawl(client, "telegram", checkpoint=stored):
        seen += [p.message_id for p in page.posts]
        stored = page.checkpoint
    assert sorted(seen) == ALL_IDS
    assert stored == Checkpoint(439, 419, True)


async def test_failure_mid_crawl_keeps_the_checkpoint_of_the_archived_pages(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    webpreview_server.script("telegram", Reply(503), Reply(503), before=427)
    archived: list[CrawlPage] = []
    with pytest.raises(FetchFailed, match="before=427"):
        async for page in crawl(client, "telegram"):
            archived.append(page)
    assert archived[-1].checkpoint == Checkpoint(439, 427, False)
    rest = await collect(crawl(client, "telegram", checkpoint=archived[-1].checkpoint))
    assert sorted(ids(archived) + ids(rest)) == ALL_IDS


async def test_limit_keeps_the_newest_posts(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    pages = await collect(crawl(client, "telegram", limit=3))
    assert ids(pages) == [437, 438, 439]
    assert pages[-1].checkpoint == Checkpoint(439, 437, False)
    assert cursors(webpreview_server) == [None]


async def test_limit_counts_across_new_posts_and_backfill(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    stored = Checkpoint(437, 431, False)
    pages = await collect(crawl(client, "telegram", checkpoint=stored, limit=5))
    assert ids(pages) == [428, 429, 430, 438, 439]
    assert pages[-1].checkpoint == Checkpoint(439, 428, False)
    assert cursors(webpreview_server) == [None, 431]


async def test_until_id_stops_before_older_posts(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    pages = await collect(crawl(client, "telegram", until_id=430))
    assert ids(pages) == [430, 431, 432, 433, 435, 436, 437, 438, 439]
    assert pages[-1].checkpoint == Checkpoint(439, 430, False)
    assert cursors(webpreview_server) == [None, 433]


async def test_until_id_in_the_backfill(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    pages = await collect(crawl(client, "telegram", checkpoint=Checkpoint(439, 431), until_id=428))
    assert ids(pages) == [428, 429, 430]
    assert pages[-1].checkpoint == Checkpoint(439, 428, False)
    webpreview_server.requests.clear()
    again = await collect(crawl(client, "telegram", checkpoint=pages[-1].checkpoint, until_id=428))
    assert ids(again) == []
    assert cursors(webpreview_server) == [None]  # nothing at or above 428 is left below


async def test_zero_limit_makes_no_request(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    assert await collect(crawl(client, "telegram", limit=0)) == []
    assert webpreview_server.requests == []


async def test_exhausted_channel_only_reads_new_posts(
    client: PreviewClient, channel: SavedChannel, webpreview_server: WebPreviewServer
) -> None:
    pages = await collect(crawl(client, "telegram", checkpoint=Checkpoint(439, 419, True)))
    assert [(page.posts, page.checkpoint) for page in pages] == [((), Checkpoint(439, 419, True))]
    assert cursors(webpreview_server) == [None]


async def test_empty_channel_is_exhausted_at_once(
    client: PreviewClient, channel: SavedChannel
) -> None:
    channel.published = 0
    pages = await collect(crawl(client, "telegram"))
    assert [(page.posts, page.checkpoint) for page in pages] == [((), Checkpoint(exhausted=True))]


async def test_albums_absorb_ids_and_paging_follows_the_ids_shown(
    client: PreviewClient, webpreview_server: WebPreviewServer
) -> None:
    webpreview_server.add_channel(SavedChannel(fixture("sudpress53.html"), page_size=4))
    pages = await collect(crawl(client, "sudpress53"))
    assert ids(pages) == [*range(6510, 6518), *range(6525, 6530)]
    assert cursors(webpreview_server) == [None, 6526, 6515, 6511]
    album = next(p for page in pages for p in page.posts if p.message_id == 6517)
    assert len(album.media) == 8
    assert pages[-1].checkpoint == Checkpoint(6529, 6510, True)


async def test_unknown_channel_raises_unavailable(
    client: PreviewClient, webpreview_server: WebPreviewServer
) -> None:
    with pytest.raises(ChannelUnavailable):
        await collect(crawl(client, "nosuchchannel"))
    assert len(webpreview_server.requests) == 1


async def test_negative_limit_is_refused(client: PreviewClient) -> None:
    with pytest.raises(ValueError, match="limit"):
        await collect(crawl(client, "telegram", limit=-1))
