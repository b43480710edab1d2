"""Fixtures shared across the suite: the loopback web-preview server (a protocol-level fake
of t.me), a real httpx client, a sleep that records instead of sleeping, a clock the test moves
by hand and a real SQLite database file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from inbox.store import Database
from tests.inbox.support import Clock
from tests.telegram.webpreview_server import RecordedSleep, WebPreviewServer


@pytest.fixture
def webpreview_server() -> Iterator[WebPreviewServer]:
    with WebPreviewServer() as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as client:
        yield client


@pytest.fixture
def recorded_sleep() -> RecordedSleep:
    return RecordedSleep()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with Database.open(tmp_path / "inbox.sqlite3") as database:
        yield database
