"""The SQLite connection: WAL, foreign keys, one writer transaction at a time.

SQL lives in the store modules only; every statement binds its parameters.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from inbox.store.migrations import MIGRATIONS, apply_pending


class Database:
    """An open SQLite database, migrated to the newest schema.

    Use :meth:`open` (or ``async with Database.open(path) as db``) rather than the constructor.
    Writes go through :meth:`transaction`, which commits on success and rolls back on any
    exception, so a failed batch leaves nothing half-written.
    """

    def __init__(self, conn: aiosqlite.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    @asynccontextmanager
    async def open(cls, path: Path | str) -> AsyncIterator[Database]:
        """Open (creating if needed) and migrate the database at ``path``.

        ``":memory:"`` opens a private in-memory database.
        """
        memory = str(path) == ":memory:"
        if not memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            conn.row_factory = aiosqlite.Row
            if not memory:
                await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk imports stay in memory
            db = cls(conn, None if memory else Path(path))
            async with db.transaction():
                await apply_pending(conn, MIGRATIONS)
            yield db
        finally:
            await conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run the block in one write transaction (``BEGIN IMMEDIATE`` … ``COMMIT``)."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")
