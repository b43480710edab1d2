"""SQL of the ``users`` and ``api_tokens`` tables.

Passwords are stored only as argon2 hashes and API tokens only as the SHA-256 of the secret.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class UserRow:
    """A stored web-inbox user."""

    id: int
    name: str
    role: str
    password_hash: str
    created_at: str
    disabled: bool


@dataclass(frozen=True, slots=True)
class TokenRow:
    """A stored API token (its hash, never the secret)."""

    id: int
    name: str
    source: str
    token_sha256: str
    created_at: str
    revoked_at: str | None


def _user(row: aiosqlite.Row) -> UserRow:
    return UserRow(
        row["id"],
        row["name"],
        row["role"],
        row["password_hash"],
        row["created_at"],
        bool(row["disabled"]),
    )


def _token(row: aiosqlite.Row) -> TokenRow:
    return TokenRow(
        row["id"],
        row["name"],
        row["source"],
        row["token_sha256"],
        row["created_at"],
        row["revoked_at"],
    )


async def insert_user(
    conn: aiosqlite.Connection, name: str, role: str, password_hash: str, now: str
) -> int:
    """Store a new user; raises ``sqlite3.IntegrityError`` when the name is taken."""
    cur = await conn.execute(
        "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
        (name, role, password_hash, now),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def user_by_name(conn: aiosqlite.Connection, name: str) -> UserRow | None:
    """The user with this name (any case)."""
    async with conn.execute("SELECT * FROM users WHERE name = ?", (name,)) as cur:
        row = await cur.fetchone()
    return None if row is None else _user(row)


async def users(conn: aiosqlite.Connection) -> list[UserRow]:
    """Every user, by name."""
    async with conn.execute("SELECT * FROM users ORDER BY name") as cur:
        return [_user(row) async for row in cur]


async def set_password_hash(conn: aiosqlite.Connection, user_id: int, password_hash: str) -> None:
    """Replace a user's password hash."""
    await conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))


async def set_disabled(conn: aiosqlite.Connection, name: str, disabled: bool) -> bool:
    """Disable or enable a user; False when there is no such user."""
    cur = await conn.execute("UPDATE users SET disabled = ? WHERE name = ?", (disabled, name))
    return cur.rowcount > 0


async def insert_token(
    conn: aiosqlite.Connection, name: str, source: str, token_sha256: str, now: str
) -> int:
    """Store a new token; raises ``sqlite3.IntegrityError`` when the name is taken."""
    cur = await conn.execute(
        "INSERT INTO api_tokens (name, source, token_sha256, created_at) VALUES (?, ?, ?, ?)",
        (name, source, token_sha256, now),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def token_by_hash(conn: aiosqlite.Connection, token_sha256: str) -> TokenRow | None:
    """The token whose secret hashes to ``token_sha256``."""
    async with conn.execute(
        "SELECT * FROM api_tokens WHERE token_sha256 = ?", (token_sha256,)
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else _token(row)


async def tokens(conn: aiosqlite.Connection) -> list[TokenRow]:
    """Every token, by name."""
    async with conn.execute("SELECT * FROM api_tokens ORDER BY name") as cur:
        return [_token(row) async for row in cur]


async def revoke_token(conn: aiosqlite.Connection, name: str, now: str) -> bool:
    """Revoke a token (once); False when there is no such live token."""
    cur = await conn.execute(
        "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (now, name)
    )
    return cur.rowcount > 0
