"""Web-inbox sessions, kept server-side in SQLite.

The cookie holds a random 256-bit secret; the table holds its SHA-256, the user's name, the
session's CSRF token and its times. A session ends at a fixed time after log-in, after a
spell without use, or at log-out, whichever comes first; ended sessions are removed. The
user's role is not kept here: it is read from the accounts on every request, so disabling a
user or changing a role takes effect at once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from inbox.moments import read, stamp
from inbox.store import web_sessions as session_store
from inbox.store.database import Database

Clock = Callable[[], datetime]

SECRET_BYTES = 32
MAX_SECRET_CHARS = 64
TOUCH_EVERY = timedelta(minutes=1)
"""How stale the last-seen time may get before a request writes it again."""


@dataclass(frozen=True, slots=True)
class Session:
    """A live session: whose it is and the token its forms must carry."""

    user_name: str
    csrf_token: str
    expires_at: datetime


class SessionStore(Protocol):
    """What the web layer needs from a session store."""

    async def start(self, user_name: str) -> tuple[str, Session]:
        """A new session for ``user_name``; returns the cookie secret and the session."""
        ...

    async def find(self, secret: str) -> Session | None:
        """The live session for a cookie secret, else None."""
        ...

    async def end(self, secret: str) -> None:
        """End the session (log-out); unknown secrets are ignored."""
        ...


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


class SqliteSessions:
    """:class:`SessionStore` on the inbox database."""

    def __init__(self, db: Database, *, clock: Clock, lifetime: timedelta, idle: timedelta) -> None:
        if lifetime <= timedelta(0) or idle <= timedelta(0):
            raise ValueError("session lifetime and idle time must be positive")
        self._db = db
        self._clock = clock
        self._lifetime = lifetime
        self._idle = idle

    async def start(self, user_name: str) -> tuple[str, Session]:
        """A new session; stale sessions of anyone are removed on the way."""
        now = self._clock()
        secret = secrets.token_urlsafe(SECRET_BYTES)
        row = session_store.SessionRow(
            secret_sha256=_digest(secret),
            user_name=user_name,
            csrf_token=secrets.token_urlsafe(SECRET_BYTES),
            created_at=stamp(now),
            seen_at=stamp(now),
            expires_at=stamp(now + self._lifetime),
        )
        async with self._db.transaction() as conn:
            await session_store.delete_stale(conn, stamp(now), stamp(now - self._idle))
            await session_store.insert(conn, row)
        return secret, Session(user_name, row.csrf_token, read(row.expires_at))

    async def find(self, secret: str) -> Session | None:
        """The live session for ``secret``; an expired or idle one is removed."""
        if not secret or len(secret) > MAX_SECRET_CHARS:
            return None
        digest = _digest(secret)
        row = await session_store.get(self._db.conn, digest)
        if row is None:
            return None
        now = self._clock()
        seen = read(row.seen_at)
        expires = read(row.expires_at)
        if now >= expires or now - seen >= self._idle:
            async with self._db.transaction() as conn:
                await session_store.delete(conn, digest)
            return None
        if now - seen >= TOUCH_EVERY:
            async with self._db.transaction() as conn:
                await session_store.touch(conn, digest, stamp(now))
        return Session(row.user_name, row.csrf_token, expires)

    async def end(self, secret: str) -> None:
        """Remove the session."""
        if not secret or len(secret) > MAX_SECRET_CHARS:
            return
        async with self._db.transaction() as conn:
            await session_store.delete(conn, _digest(secret))
