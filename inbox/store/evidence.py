"""SQL of the ``evidence`` table: the hash chain of post snapshots attached to cases.

Append-only (triggers refuse UPDATE and DELETE); rows are read in id order, the chain order.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass

import aiosqlite

GENESIS = "0" * 64
"""The ``prev_hash`` of the first entry."""

_COLUMNS = (
    "id, case_id, channel_id, message_id, created_at, snapshot, snapshot_sha256, prev_hash,"
    " entry_hash"
)


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One stored evidence entry."""

    id: int
    case_id: str
    channel_id: int
    message_id: int
    created_at: str
    snapshot: str
    snapshot_sha256: str
    prev_hash: str
    entry_hash: str


def _row(row: aiosqlite.Row) -> EvidenceRow:
    return EvidenceRow(
        id=row["id"],
        case_id=row["case_id"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        created_at=row["created_at"],
        snapshot=row["snapshot"],
        snapshot_sha256=row["snapshot_sha256"],
        prev_hash=row["prev_hash"],
        entry_hash=row["entry_hash"],
    )


async def head(conn: aiosqlite.Connection) -> tuple[int, str]:
    """The id and entry hash of the last entry; ``(0, GENESIS)`` for an empty chain."""
    async with conn.execute("SELECT id, entry_hash FROM evidence ORDER BY id DESC LIMIT 1") as cur:
        row = await cur.fetchone()
    return (0, GENESIS) if row is None else (row[0], row[1])


async def insert(conn: aiosqlite.Connection, row: EvidenceRow) -> None:
    """Append an entry (its id is the head's id plus one, chosen by the caller)."""
    await conn.execute(
        f"INSERT INTO evidence ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        (
            row.id,
            row.case_id,
            row.channel_id,
            row.message_id,
            row.created_at,
            row.snapshot,
            row.snapshot_sha256,
            row.prev_hash,
            row.entry_hash,
        ),
    )


async def attached(
    conn: aiosqlite.Connection, case_id: str, channel_id: int, message_id: int
) -> bool:
    """True when the post already has an entry in this case."""
    async with conn.execute(
        "SELECT 1 FROM evidence WHERE case_id = ? AND channel_id = ? AND message_id = ?",
        (case_id, channel_id, message_id),
    ) as cur:
        return await cur.fetchone() is not None


async def of_case(conn: aiosqlite.Connection, case_id: str) -> list[EvidenceRow]:
    """A case's entries in the order they were attached."""
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM evidence WHERE case_id = ? ORDER BY id",  # noqa: S608
        (case_id,),
    ) as cur:
        return [_row(row) async for row in cur]


async def chain(
    conn: aiosqlite.Connection, batch_size: int = 500
) -> AsyncGenerator[EvidenceRow, None]:
    """Every entry in chain order, read in batches."""
    async with conn.execute(f"SELECT {_COLUMNS} FROM evidence ORDER BY id") as cur:  # noqa: S608
        while rows := await cur.fetchmany(batch_size):
            for row in rows:
                yield _row(row)
