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


APPEND_ONLY_TABLES = ("evidence", "audit_log")
GUARDS = tuple(
    f"{table}_no_{verb}" for table in APPEND_ONLY_TABLES for verb in ("update", "delete")
)
"""The triggers that keep the append-only tables append-only (``verify`` checks they exist)."""


def _append_only(table: str) -> tuple[str, str]:
    """Triggers refusing UPDATE and DELETE on ``table``: rows are written once, never changed."""
    return (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}"
        f" BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}"
        f" BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
    )


async def missing_guards(conn: aiosqlite.Connection) -> tuple[str, ...]:
    """The append-only triggers the database no longer has (someone dropped them)."""
    async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'") as cursor:
        present = {str(row[0]) async for row in cursor}
    return tuple(name for name in GUARDS if name not in present)


_INBOX = Migration(
    "0002_inbox",
    (
        # One row per case; channel_key is '@username' or 'c/<internal id>'. At most one case
        # per channel is not closed: new notices about the channel gather there.
        """CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            channel_key TEXT NOT NULL,
            status TEXT NOT NULL,
            priority INTEGER NOT NULL,
            category TEXT NOT NULL,
            origin TEXT NOT NULL,
            assignee TEXT,
            escalation_target TEXT,
            outcome TEXT,
            decision_reason TEXT,
            legal_ground TEXT,
            received_at TEXT NOT NULL,
            first_review_at TEXT,
            decided_at TEXT,
            closed_at TEXT,
            sla_due TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (year, seq)
        )""",
        "CREATE UNIQUE INDEX cases_open_channel ON cases(channel_key) WHERE status != 'closed'",
        "CREATE INDEX cases_queue ON cases(status, priority, sla_due)",
        "CREATE INDEX cases_received ON cases(received_at)",
        """CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            source TEXT NOT NULL,
            category TEXT NOT NULL,
            location TEXT NOT NULL,
            username TEXT,
            internal_id INTEGER,
            message_id INTEGER,
            explanation TEXT NOT NULL,
            good_faith INTEGER NOT NULL,
            notifier_name TEXT,
            notifier_email TEXT,
            notifier_telegram_id INTEGER,
            notifier_consent INTEGER NOT NULL DEFAULT 0,
            reporter_key TEXT,
            via TEXT,
            submitted_at TEXT,
            received_at TEXT NOT NULL,
            priority INTEGER NOT NULL,
            receipt_sha256 TEXT NOT NULL,
            enrichment TEXT NOT NULL,
            enrichment_detail TEXT
        )""",
        "CREATE INDEX notices_case ON notices(case_id)",
        "CREATE INDEX notices_received ON notices(received_at)",
        # Evidence entries form a hash chain in id order; each one attaches a post to a case.
        """CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id),
            channel_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            snapshot TEXT NOT NULL,
            snapshot_sha256 TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL,
            UNIQUE (case_id, channel_id, message_id),
            FOREIGN KEY (channel_id, message_id) REFERENCES posts(channel_id, message_id)
        )""",
        *_append_only("evidence"),
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id TEXT,
            notice_id INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX audit_log_case ON audit_log(case_id)",
        *_append_only("audit_log"),
        """CREATE TABLE post_analyses (
            channel_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            offer INTEGER NOT NULL,
            score REAL NOT NULL,
            category TEXT NOT NULL,
            analysis TEXT NOT NULL,
            analysed_at TEXT NOT NULL,
            PRIMARY KEY (channel_id, message_id, version),
            FOREIGN KEY (channel_id, message_id, version)
                REFERENCES post_versions(channel_id, message_id, version)
        )""",
        "CREATE INDEX post_analyses_offer ON post_analyses(offer, score)",
        # A post becomes a proactive notice once, whatever versions it goes through.
        """CREATE TABLE findings (
            channel_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            score REAL NOT NULL,
            notice_id INTEGER NOT NULL REFERENCES notices(id),
            created_at TEXT NOT NULL,
            PRIMARY KEY (channel_id, message_id)
        )""",
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            source TEXT NOT NULL CHECK (source IN ('trusted_flagger', 'authority')),
            token_sha256 TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )""",
    ),
)

_WEB_SESSIONS = Migration(
    "0003_web_sessions",
    (
        # Web-inbox log-ins; found by the SHA-256 of the cookie's secret (never the secret).
        """CREATE TABLE web_sessions (
            secret_sha256 TEXT PRIMARY KEY,
            user_name TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        )""",
        "CREATE INDEX web_sessions_expiry ON web_sessions(expires_at)",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (_ARCHIVE, _INBOX, _WEB_SESSIONS)


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
