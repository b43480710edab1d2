"""Fixtures shared across the suite: the loopback web-preview server (a protocol-level fake
of t.me), a real httpx client and a sleep that records instead of sleeping."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

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
