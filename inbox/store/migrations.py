"""Named, ordered schema migrations, recorded in ``schema_migrations``.

A migration is a name and a list of statements; once applied it is never edited, only
followed by a new one. :func:`pending` only reads, so ``what would change`` is safe to ask.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema."""

    name: str
    statements: tuple[str, ...]


_ARCHIVE = Migration(
    "0001_archive",
    (
        """CREATE TABLE channels (
            id INTEGER PRIMARY KEY,
            tg_id INTEGER UNIQUE,
            username TEXT UNIQUE COLLATE NOCASE,
            title TEXT,
            about TEXT,
            subscribers INTEGER,
            verified INTEGER NOT NULL DEFAULT 0,
            scam INTEGER NOT NULL DEFAULT 0,
            fake INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (tg_id IS NOT NULL OR username IS NOT NULL)
        )""",
        """CREATE TABLE posts (
            channel_id INTEGER NOT NULL REFERENCES channels(id),
            message_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            edit_date TEXT,
            edited INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            entities TEXT NOT NULL,
            media TEXT NOT NULL,
            views INTEGER,
            forwards INTEGER,
            fwd_name TEXT,
            fwd_username TEXT,
            fwd_channel_tg_id INTEGER,
            fwd_message_id INTEGER,
            reply_to INTEGER,
            album_id TEXT,
            signature TEXT,
            sender_id TEXT,
            sender_name TEXT,
            service TEXT,
            truncated INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            archived_at TEXT NOT NULL,
            deleted_at TEXT,
            PRIMARY KEY (channel_id, message_id)
        )""",
        "CREATE INDEX posts_date ON posts(date)",
        """CREATE TABLE post_versions (
            channel_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            text TEXT NOT NULL,
            edit_date TEXT,
            recorded_at TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (channel_id, message_id, version),
            FOREIGN KEY (channel_id, message_id) REFERENCES posts(channel_id, message_id)
        )""",
        """CREATE TABLE checkpoints (
            channel_id INTEGER NOT NULL REFERENCES channels(id),
            source TEXT NOT NULL,
            newest_id INTEGER,
            oldest_id INTEGER,
            exhausted INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (channel_id, source)
        )""",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (_ARCHIVE,)


async def _ensure_table(conn: aiosqlite.Connection) -> None:
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ')))"
    )


async def applied(conn: aiosqlite.Connection) -> list[str]:
    """Names of the migrations already applied, oldest first."""
    await _ensure_table(conn)
    async with conn.execute("SELECT name FROM schema_migrations ORDER BY rowid") as cur:
        return [row[0] async for row in cur]


async def pending(conn: aiosqlite.Connection, migrations: tuple[Migration, ...]) -> list[Migration]:
    """The migrations not applied yet, in order."""
    done = set(await applied(conn))
    return [m for m in migrations if m.name not in done]


async def apply_pending(conn: aiosqlite.Connection, migrations: tuple[Migration, ...]) -> None:
    """Apply every pending migration inside the caller's transaction."""
    for migration in await pending(conn, migrations):
        for statement in migration.statements:
            await conn.execute(statement)
        await conn.execute("INSERT INTO schema_migrations(name) VALUES (?)", (migration.name,))
