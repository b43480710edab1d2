"""``meldpunt serve``: the web inbox and the HTTP API, served by uvicorn.

:func:`web_app` builds the application on an open database from the settings (the inbox with
the real analyser and the web-preview fetcher, the accounts, server-side sessions and the
pseudonymised dataset exports); :func:`serve_app` runs it. ``meldpunt run`` can use both
after loading and scanning the demo channels.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

import nlp
from inbox.accounts import Accounts
from inbox.archive import Archive, utc_now
from inbox.fetching import PreviewPostFetcher
from inbox.pseudonym import Pseudonymizer
from inbox.service import Inbox
from inbox.store import Database
from meldpunt.cli_archive import http_client, web_preview_client
from meldpunt.cli_inbox import inbox_config, notice_sender
from meldpunt.console import console
from meldpunt.context import AppContext
from meldpunt.keys import pseudonym_key
from meldpunt.settings import Settings

# The web stack (FastAPI, uvicorn, the inbox's web package) is imported where it is used:
# it costs half a second that every other command, and `meldpunt --help`, need not pay.
if TYPE_CHECKING:
    from fastapi import FastAPI

    from inbox.web import Rate, WebConfig


def rate(per_minute: float) -> Rate:
    """A rate with bursts of up to a third of a minute's allowance (at least one request)."""
    from inbox.web import Rate

    return Rate(per_minute=per_minute, burst=max(1, math.ceil(per_minute / 3)))


def web_config(settings: Settings) -> WebConfig:
    """The web inbox's settings values."""
    from inbox.web import WebConfig

    return WebConfig(
        cookie_secure=settings.web_cookie_secure,
        session_lifetime=timedelta(hours=settings.web_session_hours),
        max_body_bytes=settings.web_max_body_kib * 1024,
        api_rate=rate(settings.web_api_per_minute),
        address_rate=rate(settings.web_address_per_minute),
        login_rate=rate(settings.web_login_per_minute),
        notice_sender=notice_sender(settings),
    )


@dataclass(frozen=True, slots=True)
class WebApp:
    """The application and the inbox it serves (for callers that prepare data first)."""

    app: FastAPI
    inbox: Inbox


@asynccontextmanager
async def web_app(settings: Settings, db: Database) -> AsyncIterator[WebApp]:
    """The web inbox on ``db``, wired as the settings say; its HTTP client closes on exit."""
    from inbox.web import PseudonymisedDatasets, SqliteSessions, WebServices, create_app

    async with http_client(settings) as http:
        inbox = Inbox(
            db,
            Archive(db),
            nlp.analyze,
            PreviewPostFetcher(web_preview_client(settings, http)),
            clock=utc_now,
            config=inbox_config(settings),
        )
        services = WebServices(
            inbox=inbox,
            accounts=Accounts(db, clock=utc_now),
            sessions=SqliteSessions(
                db,
                clock=utc_now,
                lifetime=timedelta(hours=settings.web_session_hours),
                idle=timedelta(minutes=settings.web_idle_minutes),
            ),
            datasets=PseudonymisedDatasets(
                db, Pseudonymizer(pseudonym_key(settings)), clock=utc_now
            ),
        )
        yield WebApp(create_app(services, config=web_config(settings), clock=utc_now), inbox)


async def serve_app(app: FastAPI, *, host: str, port: int) -> None:
    """Serve ``app`` until interrupted. Forwarded client addresses are trusted from a proxy
    on this machine only (uvicorn's default), so rate limits see the real client."""
    import uvicorn

    server = uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, lifespan="off", proxy_headers=True)
    )
    await server.serve()


def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None,
        typer.Option(
            "--host", help="Address to listen on (default: MELDPUNT_WEB_HOST, 127.0.0.1)."
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port", min=1, max=65535, help="Port to listen on (default: MELDPUNT_WEB_PORT, 8080)."
        ),
    ] = None,
) -> None:
    """Serve the web inbox and the HTTP API (log in with a user from `meldpunt users add`)."""
    app: AppContext = ctx.obj
    settings = app.settings
    address = host or settings.web_host
    listen = port or settings.web_port

    async def main() -> None:
        async with app.database() as db, web_app(settings, db) as web:
            # Load the language models now rather than during the first notice.
            await asyncio.to_thread(nlp.analyze, "warm-up")
            console.print(f"web inbox on http://{address}:{listen}/ (Ctrl+C stops it)")
            await serve_app(web.app, host=address, port=listen)

    asyncio.run(main())


def register(app: typer.Typer) -> None:
    """Add this module's commands to the application."""
    app.command()(serve)
