"""Web-inbox users (argon2 password hashes) and API tokens for trusted flaggers and
authorities (stored as the SHA-256 of a high-entropy secret, shown once).

Login checks take the same work whether or not the user exists: an unknown or disabled user
still costs one argon2 verification, so response times do not reveal who has an account.
Hashing runs in a worker thread, as argon2 is deliberately slow.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from inbox.errors import InboxError
from inbox.model import NoticeSource, Role
from inbox.moments import read, read_optional, stamp
from inbox.store import accounts as account_store
from inbox.store.database import Database

Clock = Callable[[], datetime]

MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024
MAX_NAME_CHARS = 64
TOKEN_PREFIX = "mpt_"  # noqa: S105 - a public marker, not a secret
TOKEN_BYTES = 32
TOKEN_SOURCES = frozenset({NoticeSource.TRUSTED_FLAGGER, NoticeSource.AUTHORITY})
"""Who gets API tokens: citizens use the bot, our monitor the intake directly."""


class AccountError(InboxError, ValueError):
    """A user or token that cannot be created or changed as asked."""


@dataclass(frozen=True, slots=True)
class User:
    """A web-inbox user (never with the password hash)."""

    id: int
    name: str
    role: Role
    created_at: datetime
    disabled: bool


@dataclass(frozen=True, slots=True)
class ApiToken:
    """An API token (never with its secret)."""

    id: int
    name: str
    source: NoticeSource
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None


def token_hash(token: str) -> str:
    """How a token is stored: the SHA-256 of the secret."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def check_name(name: str, what: str) -> str:
    """A user or token name: 1-64 visible characters without spaces."""
    if not 0 < len(name) <= MAX_NAME_CHARS:
        raise AccountError(f"the {what} name must have 1 to {MAX_NAME_CHARS} characters")
    if any(c.isspace() or not c.isprintable() for c in name):
        raise AccountError(f"the {what} name must not contain spaces or control characters")
    return name


def check_password(password: str) -> None:
    """Refuse passwords too short to resist guessing (or absurdly long)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"the password has more than {MAX_PASSWORD_CHARS} characters")


def _user(row: account_store.UserRow) -> User:
    return User(row.id, row.name, Role(row.role), read(row.created_at), row.disabled)


def _token(row: account_store.TokenRow) -> ApiToken:
    return ApiToken(
        row.id,
        row.name,
        NoticeSource(row.source),
        read(row.created_at),
        read_optional(row.revoked_at),
    )


class Accounts:
    """Users and API tokens. ``hasher`` is argon2's ``PasswordHasher`` (tests pass cheap
    parameters; production keeps the library's defaults)."""

    def __init__(self, db: Database, *, clock: Clock, hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._clock = clock
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    async def add_user(self, name: str, role: Role, password: str) -> User:
        """Create a user; raises :class:`AccountError` for a taken name or a weak password."""
        check_name(name, "user")
        role = Role(role)
        check_password(password)
        hashed = await asyncio.to_thread(self._hasher.hash, password)
        try:
            async with self._db.transaction() as conn:
                await account_store.insert_user(
                    conn, name, role.value, hashed, stamp(self._clock())
                )
        except sqlite3.IntegrityError:
            raise AccountError(f"there is already a user named {name!r}") from None
        user = await self.user(name)
        assert user is not None
        return user

    async def user(self, name: str) -> User | None:
        """The user with this name (any case)."""
        row = await account_store.user_by_name(self._db.conn, name)
        return None if row is None else _user(row)

    async def users(self) -> list[User]:
        """Every user, by name."""
        return [_user(row) for row in await account_store.users(self._db.conn)]

    async def authenticate(self, name: str, password: str) -> User | None:
        """The user when ``password`` is theirs and they are not disabled; else None.

        Costs one argon2 verification in every case (see the module docstring).
        """
        row = None
        if 0 < len(name) <= MAX_NAME_CHARS and len(password) <= MAX_PASSWORD_CHARS:
            row = await account_store.user_by_name(self._db.conn, name)
        stored = row.password_hash if row is not None else await self._dummy()
        valid = await asyncio.to_thread(self._verify, stored, password)
        if row is None or not valid or row.disabled:
            return None
        if self._hasher.check_needs_rehash(row.password_hash):
            rehashed = await asyncio.to_thread(self._hasher.hash, password)
            async with self._db.transaction() as conn:
                await account_store.set_password_hash(conn, row.id, rehashed)
        return _user(row)

    async def set_password(self, name: str, password: str) -> None:
        """Give a user a new password."""
        check_password(password)
        row = await account_store.user_by_name(self._db.conn, name)
        if row is None:
            raise AccountError(f"there is no user named {name!r}")
        hashed = await asyncio.to_thread(self._hasher.hash, password)
        async with self._db.transaction() as conn:
            await account_store.set_password_hash(conn, row.id, hashed)

    async def set_disabled(self, name: str, disabled: bool) -> None:
        """Disable (or enable again) a user; a disabled user cannot log in."""
        async with self._db.transaction() as conn:
            if not await account_store.set_disabled(conn, name, disabled):
                raise AccountError(f"there is no user named {name!r}")

    async def add_token(self, name: str, source: NoticeSource) -> tuple[ApiToken, str]:
        """Create an API token; returns it and its secret (shown once, never stored)."""
        check_name(name, "token")
        source = NoticeSource(source)
        if source not in TOKEN_SOURCES:
            raise AccountError("API tokens are for trusted flaggers and authorities only")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
        try:
            async with self._db.transaction() as conn:
                await account_store.insert_token(
                    conn, name, source.value, token_hash(secret), stamp(self._clock())
                )
        except sqlite3.IntegrityError:
            raise AccountError(f"there is already a token named {name!r}") from None
        found = await self.token_for(secret)
        assert found is not None
        return found, secret

    async def token_for(self, presented: str) -> ApiToken | None:
        """The active token whose secret is ``presented``; None otherwise."""
        if not presented.startswith(TOKEN_PREFIX) or len(presented) > 256:
            return None
        digest = token_hash(presented)
        row = await account_store.token_by_hash(self._db.conn, digest)
        if row is None or row.revoked_at is not None:
            return None
        # The lookup matched on the hash; compare again in constant time all the same.
        return _token(row) if hmac.compare_digest(row.token_sha256, digest) else None

    async def tokens(self) -> list[ApiToken]:
        """Every token (active and revoked), by name."""
        return [_token(row) for row in await account_store.tokens(self._db.conn)]

    async def revoke_token(self, name: str) -> None:
        """Revoke a token; raises :class:`AccountError` when there is no such active token."""
        async with self._db.transaction() as conn:
            if not await account_store.revoke_token(conn, name, stamp(self._clock())):
                raise AccountError(f"there is no active token named {name!r}")

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    async def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = await asyncio.to_thread(self._hasher.hash, secrets.token_urlsafe(16))
        return self._dummy_hash
