"""Shared pieces of the inbox tests: a real SQLite file, a clock the test moves by hand, the
real analyser, and the real web-preview client talking to the loopback fake of t.me."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import nlp  # noqa: E402
from inbox.analysing import Analyser  # noqa: E402
from inbox.archive import Archive  # noqa: E402
from inbox.fetching import PreviewPostFetcher  # noqa: E402
from inbox.service import Inbox, InboxConfig  # noqa: E402
from inbox.store import Database  # noqa: E402
from monitors.webpreview import PreviewClient  # noqa: E402
from tests.inbox.support import Clock  # noqa: E402
from tests.telegram.webpreview_pages import SavedChannel, fixture  # noqa: E402
from tests.telegram.webpreview_server import RecordedSleep, WebPreviewServer  # noqa: E402


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with Database.open(tmp_path / "inbox.sqlite3") as database:
        yield database


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
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


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
