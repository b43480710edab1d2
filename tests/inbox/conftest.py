"""Shared pieces of the inbox tests: a real SQLite file, a clock the test moves by hand, the
real analyser, and the real web-preview client talking to the loopback fake of t.me."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import nlp
from inbox.analysing import Analyser
from inbox.archive import Archive
from inbox.fetching import PreviewPostFetcher
from inbox.service import Inbox, InboxConfig
from inbox.store import Database
from monitors.webpreview import PreviewClient
from tests.inbox.support import Clock
from tests.telegram.webpreview_pages import SavedChannel, fixture
from tests.telegram.webpreview_server import RecordedSleep, WebPreviewServer


@pytest.fixture
def analyser() -> Analyser:
    return nlp.analyze


@pytest.fixture
def webpreview_server() -> Iterator[WebPreviewServer]:
    """The fake t.me serving the saved @telegram page (posts 419-439, 434 absent)."""
    with WebPreviewServer() as server:
        server.add_channel(SavedChannel(fixture("telegram.html"), page_size=20))
        yield server


@pytest.fixture
def fetcher(http: httpx.AsyncClient, webpreview_server: WebPreviewServer) -> PreviewPostFetcher:
    client = PreviewClient(
        http,
        base_url=webpreview_server.url,
        delay=0,
        retries=1,
        backoff=0,
        timeout=5,
        sleep=RecordedSleep(),
    )
    return PreviewPostFetcher(client)


@pytest.fixture
def inbox(db: Database, analyser: Analyser, fetcher: PreviewPostFetcher, clock: Clock) -> Inbox:
    return Inbox(db, Archive(db, clock=clock), analyser, fetcher, clock=clock, config=InboxConfig())
