"""HTTP access to Telegram's public web preview: ``GET {base}/s/{username}[?before=id]``.

Only a validated username and an integer cursor ever go into a URL. Redirects are not
followed: t.me redirects ``/s/<name>`` to ``/<name>`` for chats without a public preview, so
a redirect means "unavailable". Requests are paced (``delay`` between two requests) and
retried with exponential backoff on 429, 5xx, time-outs and connection errors, honouring
``Retry-After`` (seconds). The sleep function is injected so tests record sleeps instead of
sleeping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import httpx

from monitors.errors import ChannelUnavailable, FetchFailed, MalformedInput, MonitorError
from monitors.webpreview.links import is_username
from monitors.webpreview.parse import PreviewPage, parse_page

Sleep = Callable[[float], Awaitable[None]]

log = logging.getLogger(__name__)

_UNAVAILABLE = frozenset({404, 410})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class InvalidUsername(MonitorError, ValueError):
    """A string that is not a public username was given where one is needed."""

    def __init__(self, value: str) -> None:
        super().__init__(f"not a public channel username: {value[:40]!r}")
        self.value = value


class _Retry(Exception):
    """One failed attempt worth repeating, with how long the server asked us to wait."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class PreviewClient:
    """Fetches and parses web-preview pages of public channels.

    ``http`` is the caller's ``httpx.AsyncClient`` (its lifetime is the caller's). ``retries``
    is the number of repeats after the first attempt; the wait before repeat *n* is
    ``backoff * 2**(n-1)`` seconds (at most ``max_backoff``) unless the server sent
    ``Retry-After``. A server asking for more than ``max_retry_after`` seconds ends the
    fetch at once with :class:`FetchFailed`, so a scheduler can come back later.

    Example::

        async with httpx.AsyncClient() as http:
            client = PreviewClient(http, base_url="https://t.me")
            page = await client.fetch("telegram")
            older = await client.fetch("telegram", before=page.posts[0].message_id)
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        base_url: str = "https://t.me",
        delay: float = 1.0,
        retries: int = 4,
        timeout: float = 20.0,
        backoff: float = 2.0,
        max_backoff: float = 120.0,
        max_retry_after: float = 600.0,
        max_page_bytes: int = 4 * 1024 * 1024,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError(f"base_url must be an http(s) address, got {base_url!r}")
        if delay < 0 or retries < 0 or timeout <= 0 or backoff < 0 or max_page_bytes <= 0:
            raise ValueError("delay, retries, backoff must be >= 0; timeout, size limit > 0")
        self._base = base_url.rstrip("/")
        self._http = http
        self._delay = delay
        self._attempts = retries + 1
        self._timeout = timeout
        self._backoff = backoff
        self._max_backoff = max_backoff
        self._max_retry_after = max_retry_after
        self._max_page_bytes = max_page_bytes
        self._sleep = sleep
        self._has_requested = False

    async def fetch(self, username: str, *, before: int | None = None) -> PreviewPage:
        """The newest page of ``@username``, or the page of posts older than ``before``.

        Raises :class:`InvalidUsername` (no request made), :class:`ChannelUnavailable`,
        :class:`FetchFailed` after the retries, :class:`MalformedInput` for an unreadable page.
        """
        if not is_username(username):
            raise InvalidUsername(username)
        if before is not None and (isinstance(before, bool) or before <= 0):
            raise ValueError(f"before must be a positive message id, got {before!r}")
        path = f"/s/{username}"
        params = {"before": str(before)} if before is not None else None
        where = f"{path}?before={before}" if before is not None else path
        html = await self._get(username, path, params, where)
        return parse_page(html, where=where, username=username)

    async def _get(
        self, username: str, path: str, params: dict[str, str] | None, where: str
    ) -> str:
        wait = self._delay if self._has_requested else 0.0
        last = "no attempt"
        for attempt in range(1, self._attempts + 1):
            if wait > 0:
                await self._sleep(wait)
            self._has_requested = True
            try:
                return await self._attempt(username, path, params, where)
            except _Retry as failure:
                last = failure.reason
                asked = failure.wait if failure.wait is not None else self._pause(attempt)
                # Never retry faster than the pacing delay between ordinary requests.
                wait = max(asked, self._delay)
                log.warning(
                    "GET %s failed (%s), attempt %d/%d", where, last, attempt, self._attempts
                )
        raise FetchFailed(f"GET {where}: gave up after {self._attempts} attempts; last: {last}")

    async def _attempt(
        self, username: str, path: str, params: dict[str, str] | None, where: str
    ) -> str:
        try:
            async with self._http.stream(
                "GET",
                self._base + path,
                params=params,
                timeout=self._timeout,
                follow_redirects=False,
            ) as response:
                self._check_status(response, username, where)
                body = await self._read(response, where)
        except httpx.TimeoutException:
            raise _Retry("time-out") from None
        except httpx.TransportError as error:
            raise _Retry(f"connection error ({type(error).__name__})") from None
        return body.decode("utf-8", errors="replace")

    def _check_status(self, response: httpx.Response, username: str, where: str) -> None:
        status = response.status_code
        if status == 200:
            return
        if status in _REDIRECTS:
            target = urlsplit(response.headers.get("location", "")).path[:100]
            raise ChannelUnavailable(username, f"{where} redirects to {target!r}: no preview")
        if status in _UNAVAILABLE:
            raise ChannelUnavailable(username, f"{where} answered HTTP {status}")
        if status == 429 or 500 <= status <= 599:
            retry_after = _retry_after(response.headers.get("retry-after"))
            if retry_after is not None and retry_after > self._max_retry_after:
                raise FetchFailed(
                    f"GET {where}: HTTP {status} asks to wait {retry_after:g} s, "
                    f"more than the {self._max_retry_after:g} s we wait"
                )
            raise _Retry(f"HTTP {status}", retry_after)
        raise FetchFailed(f"GET {where}: HTTP {status}")

    async def _read(self, response: httpx.Response, where: str) -> bytes:
        chunks = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self._max_page_bytes:
                raise MalformedInput(where, f"page larger than {self._max_page_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _pause(self, attempt: int) -> float:
        return float(min(self._backoff * 2.0 ** (attempt - 1), self._max_backoff))


def _retry_after(raw: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header; None for absent or HTTP-date forms."""
    if raw is None:
        return None
    raw = raw.strip()
    if not raw or len(raw) > 10 or not (raw.isascii() and raw.isdigit()):
        return None
    return float(raw)
