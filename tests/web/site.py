"""The web inbox on real services, put together the way ``meldpunt serve`` does, for the
fixtures and for the tests that run the app on a thread of its own."""

from __future__ import annotations

from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
from argon2 import PasswordHasher
from fastapi import FastAPI

import nlp
from inbox.accounts import Accounts
from inbox.archive import Archive
from inbox.fetching import PreviewPostFetcher
from inbox.pseudonym import Pseudonymizer
from inbox.service import Inbox, InboxConfig
from inbox.store import Database
from inbox.web import PseudonymisedDatasets, SqliteSessions, WebConfig, WebServices, create_app
from meldpunt.demo import load_demo
from monitors.webpreview import PreviewClient
from tests.telegram.webpreview_server import RecordedSleep
from tests.web.support import PASSWORD, USERS, Clock

KEY = b"k" * 32
CHEAP_ARGON2 = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def make_inbox(db: Database, http: httpx.AsyncClient, webpreview_url: str, clock: Clock) -> Inbox:
    """The inbox with the real analyser, fetching posts from the (fake) web preview."""
    pages = PreviewClient(
        http,
        base_url=webpreview_url,
        delay=0,
        retries=1,
        backoff=0,
        timeout=5,
        sleep=RecordedSleep(),
    )
    return Inbox(
        db,
        Archive(db, clock=clock),
        nlp.analyze,
        PreviewPostFetcher(pages),
        clock=clock,
        config=InboxConfig(),
    )


async def add_users(accounts: Accounts) -> None:
    """One user of each role, all with :data:`PASSWORD`."""
    for role, name in USERS.items():
        await accounts.add_user(name, role, PASSWORD)


def make_app(
    db: Database, inbox: Inbox, accounts: Accounts, clock: Clock, config: WebConfig
) -> FastAPI:
    """The application over these services."""
    services = WebServices(
        inbox=inbox,
        accounts=accounts,
        sessions=SqliteSessions(
            db, clock=clock, lifetime=timedelta(hours=12), idle=timedelta(hours=1)
        ),
        datasets=PseudonymisedDatasets(db, Pseudonymizer(KEY), clock=clock),
    )
    return create_app(services, config=config, clock=clock)


@dataclass(frozen=True)
class Site:
    """A running set of services and the app over them."""

    app: FastAPI
    inbox: Inbox
    accounts: Accounts


async def open_site(
    stack: AsyncExitStack,
    path: Path,
    *,
    clock: Clock,
    webpreview_url: str,
    config: WebConfig,
    demo: bool = False,
) -> Site:
    """Open the database at ``path`` and build the app; with ``demo``, the demo channels are
    archived and scanned first, as ``meldpunt run`` does. Closed with ``stack``."""
    db = await stack.enter_async_context(Database.open(path))
    http = await stack.enter_async_context(httpx.AsyncClient())
    inbox = make_inbox(db, http, webpreview_url, clock)
    accounts = Accounts(db, clock=clock, hasher=CHEAP_ARGON2)
    await add_users(accounts)
    if demo:
        await load_demo(Archive(db, clock=clock))
        await inbox.scan_archive()
    return Site(make_app(db, inbox, accounts, clock, config), inbox, accounts)
