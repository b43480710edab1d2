"""Log-in, log-out and who may see what: sessions, roles and CSRF checks as dependencies.

A page route asks for ``Depends(auth.page(ROLES))`` and a form route for
``Depends(auth.form(ROLES))``; both hand the route the logged-in :class:`WebUser`. Anonymous
visitors are sent to the log-in page; a role outside ``ROLES`` gets 403; a form that fails a
CSRF check (see :mod:`inbox.web.csrf`) gets 403 before anything else happens.
"""

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Protocol
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from inbox.model import Actor, Role
from inbox.web import csrf
from inbox.web.ratelimit import RateLimiter, retry_after
from inbox.web.sessions import SessionStore
from inbox.web.templating import Pages

LOGIN_COOKIE = "mp_login"
LOGIN_TOKEN_LIFETIME = timedelta(hours=1)
MAX_NEXT_CHARS = 512
ALL_ROLES = frozenset(Role)


class UserLike(Protocol):
    """A web-inbox account as the accounts service gives it."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> Role: ...

    @property
    def disabled(self) -> bool: ...


class UserDirectory(Protocol):
    """The part of ``inbox.accounts.Accounts`` the web inbox uses."""

    async def authenticate(self, name: str, password: str) -> UserLike | None: ...

    async def user(self, name: str) -> UserLike | None: ...


@dataclass(frozen=True, slots=True)
class WebUser:
    """The logged-in user of a request, with the CSRF token their forms carry."""

    name: str
    role: Role
    csrf_token: str

    @property
    def actor(self) -> Actor:
        """The user as the inbox services know actors."""
        return Actor(self.name, self.role)


class LoginRequired(Exception):
    """Nobody is logged in; ``next_path`` is where to return after logging in."""

    def __init__(self, next_path: str) -> None:
        super().__init__("login required")
        self.next_path = next_path


class Refused(Exception):
    """A request answered with an error page: ``status``, a title text key and a message."""

    def __init__(self, status: int, message_key: str, *, detail: str | None = None) -> None:
        super().__init__(message_key)
        self.status = status
        self.message_key = message_key
        self.detail = detail


def client_address(request: Request) -> str:
    """The client's address as the server saw it (behind a proxy: as the proxy passed it)."""
    return request.client.host if request.client else "unknown"


def safe_next(candidate: str | None) -> str:
    """A local path to go to after log-in; anything else (other sites, ``//host``) is ``/``."""
    if (
        not candidate
        or len(candidate) > MAX_NEXT_CHARS
        or not candidate.startswith("/")
        or candidate.startswith(("//", "/\\"))
        or any(not c.isprintable() or c.isspace() or c == "\\" for c in candidate)
    ):
        return "/"
    return candidate


class Auth:
    """Sessions, roles and CSRF checks for the web pages (see the module docstring)."""

    def __init__(
        self,
        users: UserDirectory,
        sessions: SessionStore,
        pages: Pages,
        *,
        cookie_secure: bool,
        session_lifetime: timedelta,
        login_limiter: RateLimiter,
    ) -> None:
        self._users = users
        self._sessions = sessions
        self._pages = pages
        self._secure = cookie_secure
        self._lifetime = session_lifetime
        self._login_limiter = login_limiter
        # The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only
        # and for the whole site, so no subdomain or plain-HTTP page can plant one.
        self.cookie_name = "__Host-mp_session" if cookie_secure else "mp_session"

    async def current(self, request: Request) -> WebUser | None:
        """The logged-in user: a live session of an existing, enabled account."""
        secret = request.cookies.get(self.cookie_name, "")
        if not secret:
            return None
        session = await self._sessions.find(secret)
        if session is None:
            return None
        account = await self._users.user(session.user_name)
        if account is None or account.disabled:
            await self._sessions.end(secret)
            return None
        return WebUser(account.name, Role(account.role), session.csrf_token)

    def page(self, roles: Collection[Role] = ALL_ROLES) -> Callable[[Request], Awaitable[WebUser]]:
        """A dependency for pages: the user, when logged in with one of ``roles``."""
        allowed = frozenset(roles)

        async def logged_in(request: Request) -> WebUser:
            user = await self.current(request)
            if user is None:
                target = request.url.path
                if request.url.query:
                    target += "?" + request.url.query
                raise LoginRequired(target)
            if user.role not in allowed:
                raise Refused(403, "error_role")
            return user

        return logged_in

    def form(self, roles: Collection[Role] = ALL_ROLES) -> Callable[..., Awaitable[WebUser]]:
        """A dependency for forms: like :meth:`page`, after the CSRF checks."""
        allowed = frozenset(roles)

        async def checked(request: Request, csrf_token: Annotated[str, Form()] = "") -> WebUser:
            user = await self.current(request)
            if user is None:
                raise LoginRequired("/")
            try:
                csrf.check_origin(request)
                csrf.check_token(user.csrf_token, csrf_token)
            except csrf.CsrfRefused as refused:
                raise Refused(403, "error_csrf", detail=str(refused)) from None
            if user.role not in allowed:
                raise Refused(403, "error_role")
            return user

        return checked

    def _cookie(self, response: Response, secret: str) -> None:
        response.set_cookie(
            self.cookie_name,
            secret,
            max_age=int(self._lifetime.total_seconds()),
            path="/",
            secure=self._secure,
            httponly=True,
            samesite="lax",
        )

    def _login_page(
        self, request: Request, *, status: int, error: str | None, username: str, next_path: str
    ) -> Response:
        token = csrf.new_token()
        response = self._pages.render(
            request,
            "login.html",
            status=status,
            error=error,
            username=username,
            next=next_path,
            login_token=token,
        )
        response.set_cookie(
            LOGIN_COOKIE,
            token,
            max_age=int(LOGIN_TOKEN_LIFETIME.total_seconds()),
            path="/login",
            secure=self._secure,
            httponly=True,
            samesite="strict",
        )
        return response

    def router(self) -> APIRouter:
        """The log-in and log-out routes."""
        router = APIRouter(include_in_schema=False)

        @router.get("/login")
        async def login_page(request: Request, next: str = "/") -> Response:
            if await self.current(request) is not None:
                return RedirectResponse(safe_next(next), status_code=303)
            return self._login_page(
                request, status=200, error=None, username="", next_path=safe_next(next)
            )

        @router.post("/login")
        async def login(
            request: Request,
            username: Annotated[str, Form(max_length=256)] = "",
            password: Annotated[str, Form(max_length=1024)] = "",
            csrf_token: Annotated[str, Form()] = "",
            next: Annotated[str, Form(max_length=MAX_NEXT_CHARS)] = "/",
        ) -> Response:
            target = safe_next(next)
            shown_name = username[:64]
            try:
                csrf.check_origin(request)
                csrf.check_token(request.cookies.get(LOGIN_COOKIE, ""), csrf_token)
            except csrf.CsrfRefused:
                return self._login_page(
                    request, status=403, error="login_expired", username="", next_path=target
                )
            wait = self._login_limiter.take(client_address(request))
            if wait is not None:
                response = self._login_page(
                    request, status=429, error="login_throttled", username="", next_path=target
                )
                response.headers["Retry-After"] = retry_after(wait)
                return response
            account = await self._users.authenticate(username, password)
            if account is None:
                return self._login_page(
                    request, status=401, error="login_failed", username=shown_name, next_path=target
                )
            old = request.cookies.get(self.cookie_name)
            if old:
                await self._sessions.end(old)
            secret, _ = await self._sessions.start(account.name)
            response = RedirectResponse(target, status_code=303)
            self._cookie(response, secret)
            response.delete_cookie(LOGIN_COOKIE, path="/login", secure=self._secure, httponly=True)
            return response

        @router.post("/logout")
        async def logout(
            request: Request, user: Annotated[WebUser, Depends(self.form())]
        ) -> Response:
            await self._sessions.end(request.cookies.get(self.cookie_name, ""))
            response = RedirectResponse("/login", status_code=303)
            response.delete_cookie(self.cookie_name, path="/", secure=self._secure, httponly=True)
            return response

        return router


def login_redirect(next_path: str) -> RedirectResponse:
    """Where an anonymous visitor of ``next_path`` is sent."""
    return RedirectResponse(f"/login?next={quote(safe_next(next_path), safe='/')}", status_code=303)
