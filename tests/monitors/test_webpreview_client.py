"""The web-preview HTTP client over loopback: real httpx against a real local server that
answers like t.me, with scripted failures; sleeps are recorded, never slept."""

from __future__ import annotations

import socket

import httpx
import pytest

from monitors import ChannelUnavailable, FetchFailed, MalformedInput
from monitors.webpreview import InvalidUsername, PreviewClient
from tests.telegram.webpreview_pages import SavedChannel, fixture
from tests.telegram.webpreview_server import RecordedSleep, Reply, Request, WebPreviewServer


@pytest.fixture
def server(webpreview_server: WebPreviewServer) -> WebPreviewServer:
    webpreview_server.add_channel(SavedChannel(fixture("telegram.html"), page_size=6))
    return webpreview_server


def make_client(
    http: httpx.AsyncClient,
    server: WebPreviewServer,
    sleep: RecordedSleep,
    *,
    delay: float = 0.0,
    retries: int = 3,
    backoff: float = 1.0,
    timeout: float = 5.0,
    max_page_bytes: int = 4 * 1024 * 1024,
) -> PreviewClient:
    return PreviewClient(
        http,
        base_url=server.url,
        delay=delay,
        retries=retries,
        backoff=backoff,
        timeout=timeout,
        max_page_bytes=max_page_bytes,
        sleep=sleep,
    )


async def test_fetches_newest_and_older_pages(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    client = make_client(http, server, recorded_sleep)
    newest = await client.fetch("telegram")
    older = await client.fetch("telegram", before=newest.posts[0].message_id)
    assert [p.message_id for p in newest.posts] == [433, 435, 436, 437, 438, 439]
    assert [p.message_id for p in older.posts] == [427, 428, 429, 430, 431, 432]
    assert newest.channel.title == "Telegram News"
    assert server.requests == [
        Request("/s/telegram", None, "/s/telegram"),
        Request("/s/telegram", 433, "/s/telegram?before=433"),
    ]
    assert recorded_sleep.calls == []


async def test_pauses_between_requests_but_not_before_the_first(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    client = make_client(http, server, recorded_sleep, delay=1.5)
    await client.fetch("telegram")
    await client.fetch("telegram", before=433)
    await client.fetch("telegram", before=427)
    assert recorded_sleep.calls == [1.5, 1.5]


@pytest.mark.parametrize(
    "name",
    ["", "abc", "1abc", "_abc", "a" * 33, "te st", "../etc", "tele/gram", "tele%67ram", "телеграм"],
)
async def test_invalid_username_is_refused_without_a_request(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep, name: str
) -> None:
    client = make_client(http, server, recorded_sleep)
    with pytest.raises(InvalidUsername):
        await client.fetch(name)
    assert server.requests == []


@pytest.mark.parametrize("before", [0, -5, True])
async def test_invalid_cursor_is_refused_without_a_request(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep, before: int
) -> None:
    client = make_client(http, server, recorded_sleep)
    with pytest.raises(ValueError, match="before"):
        await client.fetch("telegram", before=before)
    assert server.requests == []


async def test_unknown_channel_redirect_is_unavailable_and_not_followed(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    client = make_client(http, server, recorded_sleep)
    with pytest.raises(ChannelUnavailable) as caught:
        await client.fetch("nosuchchannel")
    assert caught.value.username == "nosuchchannel"
    assert "redirects to '/nosuchchannel'" in str(caught.value)
    assert [r.path for r in server.requests] == ["/s/nosuchchannel"]


async def test_not_found_is_unavailable_without_retry(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(404, "gone"))
    client = make_client(http, server, recorded_sleep)
    with pytest.raises(ChannelUnavailable, match="HTTP 404"):
        await client.fetch("telegram")
    assert len(server.requests) == 1


async def test_page_that_is_not_a_channel_preview_is_unavailable(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(200, fixture("snippets/channel_info.html")))
    client = make_client(http, server, recorded_sleep)
    with pytest.raises(ChannelUnavailable, match="not a channel preview"):
        await client.fetch("telegram")


async def test_429_waits_retry_after_then_succeeds(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(429, "slow down", (("Retry-After", "7"),)))
    client = make_client(http, server, recorded_sleep, delay=1.0)
    page = await client.fetch("telegram")
    assert len(page.posts) == 6
    assert recorded_sleep.calls == [7.0]
    assert len(server.requests) == 2


async def test_server_errors_back_off_exponentially_then_succeed(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(500), Reply(502))
    client = make_client(http, server, recorded_sleep, backoff=2.0)
    page = await client.fetch("telegram")
    assert page.posts[-1].message_id == 439
    assert recorded_sleep.calls == [2.0, 4.0]


async def test_server_errors_fail_after_the_retries(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", *[Reply(503)] * 4, before=433)
    client = make_client(http, server, recorded_sleep, retries=3, backoff=1.0)
    with pytest.raises(FetchFailed) as caught:
        await client.fetch("telegram", before=433)
    message = str(caught.value)
    assert "/s/telegram?before=433" in message
    assert "HTTP 503" in message
    assert "4 attempts" in message
    assert len(server.requests) == 4
    assert recorded_sleep.calls == [1.0, 2.0, 4.0]


async def test_time_out_is_retried(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(stall=True))
    client = make_client(http, server, recorded_sleep, timeout=0.2, backoff=3.0)
    page = await client.fetch("telegram")
    assert len(page.posts) == 6
    assert recorded_sleep.calls == [3.0]
    assert len(server.requests) == 2


async def test_repeated_time_outs_fail_naming_the_time_out(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(stall=True), Reply(stall=True))
    client = make_client(http, server, recorded_sleep, timeout=0.2, retries=1)
    with pytest.raises(FetchFailed, match="last: time-out"):
        await client.fetch("telegram")


async def test_retry_after_beyond_the_limit_fails_at_once(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(429, headers=(("Retry-After", "86400"),)))
    client = make_client(http, server, recorded_sleep)
    with pytest.raises(FetchFailed, match="86400"):
        await client.fetch("telegram")
    assert recorded_sleep.calls == []
    assert len(server.requests) == 1


async def test_other_client_errors_are_not_retried(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    server.script("telegram", Reply(403, "forbidden"))
    client = make_client(http, server, recorded_sleep)
    with pytest.raises(FetchFailed, match="HTTP 403"):
        await client.fetch("telegram")
    assert len(server.requests) == 1


async def test_oversized_page_is_refused(
    http: httpx.AsyncClient, server: WebPreviewServer, recorded_sleep: RecordedSleep
) -> None:
    client = make_client(http, server, recorded_sleep, max_page_bytes=10_000)
    with pytest.raises(MalformedInput, match="larger than 10000 bytes"):
        await client.fetch("telegram")


async def test_connection_refused_fails_after_retries(
    http: httpx.AsyncClient, recorded_sleep: RecordedSleep
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = PreviewClient(
        http, base_url=f"http://127.0.0.1:{port}", retries=2, delay=0, sleep=recorded_sleep
    )
    with pytest.raises(FetchFailed, match="connection error"):
        await client.fetch("telegram")
    assert recorded_sleep.calls == [2.0, 4.0]


@pytest.mark.parametrize("base_url", ["ftp://t.me", "t.me", "https://t.me/?x=1"])
async def test_base_url_must_be_http(http: httpx.AsyncClient, base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        PreviewClient(http, base_url=base_url)
