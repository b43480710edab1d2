"""The web inbox and HTTP API as one FastAPI application, built from what it is given.

:func:`create_app` takes the inbox services, the accounts, a session store, a dataset
writer, the settings values and a clock; it keeps no globals, so tests build as many
independent apps as they like. The OpenAPI description of the API is at
``/api/openapi.json``; there are no interactive docs (they would load scripts from a CDN).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from inbox import dsa
from inbox.web import api, case_page, errors, exports_page, queue, transparency_page
from inbox.web.auth import Auth, UserDirectory
from inbox.web.ratelimit import Rate, RateLimiter
from inbox.web.security import BodyLimit, SecurityHeaders
from inbox.web.sessions import SessionStore
from inbox.web.templating import Pages, environment

Clock = Callable[[], datetime]

STATIC = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True, slots=True)
class WebConfig:
    """How the web inbox runs (built from ``meldpunt.settings.Settings``).

    ``cookie_secure`` sends the session cookie over HTTPS only (browsers treat
    ``http://127.0.0.1`` and ``http://localhost`` as secure, so local use works either way).
    Rates: ``api_rate`` per API token for notices, ``address_rate`` per client address for
    any API request, ``login_rate`` per client address for log-in attempts.
    ``notice_sender`` signs the Article 16 notices to platforms (None: anonymous).
    """

    cookie_secure: bool = True
    session_lifetime: timedelta = timedelta(hours=12)
    max_body_bytes: int = 16 * 1024
    api_rate: Rate = field(default_factory=lambda: Rate(per_minute=60, burst=20))
    address_rate: Rate = field(default_factory=lambda: Rate(per_minute=300, burst=60))
    login_rate: Rate = field(default_factory=lambda: Rate(per_minute=10, burst=5))
    notice_sender: dsa.Notifier | None = None


class InboxServices(
    queue.QueueSource,
    case_page.CaseWork,
    exports_page.CaseFiles,
    transparency_page.ReportSource,
    api.NoticeDesk,
    Protocol,
):
    """Everything the web layer asks of the inbox (``inbox.service.Inbox`` provides it)."""


class Accounts(UserDirectory, api.TokenCheck, Protocol):
    """Users and API tokens (``inbox.accounts.Accounts`` provides them)."""


@dataclass(frozen=True, slots=True)
class WebServices:
    """The services the web layer is built on."""

    inbox: InboxServices
    accounts: Accounts
    sessions: SessionStore
    datasets: exports_page.Datasets


def create_app(services: WebServices, *, config: WebConfig, clock: Clock) -> FastAPI:
    """The web inbox and the API, wired to ``services``."""
    app = FastAPI(
        title="Meldpunt API",
        version="1",
        description=(
            "Notices of illegal content on Telegram from trusted flaggers and authorities, "
            "and case status for receipt holders."
        ),
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    pages = Pages(environment(), clock=clock)
    auth = Auth(
        services.accounts,
        services.sessions,
        pages,
        cookie_secure=config.cookie_secure,
        session_lifetime=config.session_lifetime,
        login_limiter=RateLimiter(config.login_rate, clock=clock),
    )
    gate = api.ApiGate(
        services.accounts,
        per_address=RateLimiter(config.address_rate, clock=clock),
        per_token=RateLimiter(config.api_rate, clock=clock),
    )
    app.include_router(api.routes(services.inbox, gate))
    app.include_router(auth.router())
    app.include_router(queue.routes(services.inbox, auth, pages))
    app.include_router(case_page.routes(services.inbox, auth, pages, sender=config.notice_sender))
    app.include_router(
        exports_page.routes(services.inbox, services.datasets, auth, pages, clock=clock)
    )
    app.include_router(transparency_page.routes(services.inbox, auth, pages))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    errors.install(app, pages, auth, gate)
    # Added last, so it runs first: the body is bounded before anything reads it.
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
