"""The web tests run the real application on real services: a SQLite file in ``tmp_path``,
the real analyser, argon2 (with cheap parameters), and the web-preview client talking to the
loopback fake of t.me. Only the network edge is faked."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI

from inbox.accounts import Accounts
from inbox.service import Inbox
from inbox.store import Database
from inbox.web import WebConfig
from tests.telegram.webpreview_pages import SavedChannel, fixture
from tests.telegram.webpreview_server import WebPreviewServer
from tests.web.site import CHEAP_ARGON2, add_users, make_app, make_inbox
from tests.web.support import BASE, Clock


@pytest.fixture
def webpreview_server() -> Iterator[WebPreviewServer]:
    """The fake t.me serving the saved @telegram page."""
    with WebPreviewServer() as server:
        server.add_channel(SavedChannel(fixture("telegram.html"), page_size=20))
        yield server


@pytest.fixture
def inbox(
    db: Database, http: httpx.AsyncClient, webpreview_server: WebPreviewServer, clock: Clock
) -> Inbox:
    return make_inbox(db, http, webpreview_server.url, clock)


@pytest.fixture
async def accounts(db: Database, clock: Clock) -> Accounts:
    accounts = Accounts(db, clock=clock, hasher=CHEAP_ARGON2)
    await add_users(accounts)
    return accounts


@pytest.fixture
def config() -> WebConfig:
    return WebConfig()


@pytest.fixture
def app(db: Database, inbox: Inbox, accounts: Accounts, clock: Clock, config: WebConfig) -> FastAPI:
    return make_app(db, inbox, accounts, clock, config)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A browser-like client: cookies kept, redirects not followed (tests assert them)."""
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as http_client:
        yield http_client
