"""SQL of the ``web_sessions`` table: who is logged in to the web inbox.

A session is found by the SHA-256 of its cookie secret; the secret itself is never stored,
so a copy of the database does not let anyone take over a session.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A stored session; timestamps as stored (ISO 8601, UTC)."""

    secret_sha256: str
    user_name: str
    csrf_token: str
    created_at: str
    seen_at: str
    expires_at: str


async def insert(conn: aiosqlite.Connection, row: SessionRow) -> None:
    """Store a new session."""
    await conn.execute(
        "INSERT INTO web_sessions (secret_sha256, user_name, csrf_token, created_at, seen_at,"
        " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            row.secret_sha256,
            row.user_name,
            row.csrf_token,
            row.created_at,
            row.seen_at,
            row.expires_at,
        ),
    )


async def get(conn: aiosqlite.Connection, secret_sha256: str) -> SessionRow | None:
    """The session whose secret hashes to ``secret_sha256``."""
    async with conn.execute(
        "SELECT secret_sha256, user_name, csrf_token, created_at, seen_at, expires_at"
        " FROM web_sessions WHERE secret_sha256 = ?",
        (secret_sha256,),
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else SessionRow(*row)


async def touch(conn: aiosqlite.Connection, secret_sha256: str, seen_at: str) -> None:
    """Record that the session was used at ``seen_at``."""
    await conn.execute(
        "UPDATE web_sessions SET seen_at = ? WHERE secret_sha256 = ?", (seen_at, secret_sha256)
    )


async def delete(conn: aiosqlite.Connection, secret_sha256: str) -> None:
    """End one session."""
    await conn.execute("DELETE FROM web_sessions WHERE secret_sha256 = ?", (secret_sha256,))


async def delete_stale(conn: aiosqlite.Connection, now: str, idle_since: str) -> int:
    """End every session past its end or unused since ``idle_since``; returns how many."""
    cur = await conn.execute(
        "DELETE FROM web_sessions WHERE expires_at <= ? OR seen_at < ?", (now, idle_since)
    )
    return cur.rowcount
