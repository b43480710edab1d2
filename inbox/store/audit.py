"""SQL of the ``audit_log`` table: append-only (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One stored audit entry."""

    id: int
    at: str
    actor: str
    action: str
    case_id: str | None
    notice_id: int | None
    detail: str


async def append(
    conn: aiosqlite.Connection,
    *,
    at: str,
    actor: str,
    action: str,
    case_id: str | None,
    notice_id: int | None,
    detail: str,
) -> int:
    """Add an entry and return its id."""
    cur = await conn.execute(
        "INSERT INTO audit_log (at, actor, action, case_id, notice_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (at, actor, action, case_id, notice_id, detail),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def _row(row: aiosqlite.Row) -> AuditRow:
    return AuditRow(
        id=row["id"],
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        case_id=row["case_id"],
        notice_id=row["notice_id"],
        detail=row["detail"],
    )


async def of_case(conn: aiosqlite.Connection, case_id: str) -> list[AuditRow]:
    """A case's entries, oldest first."""
    async with conn.execute(
        "SELECT id, at, actor, action, case_id, notice_id, detail FROM audit_log"
        " WHERE case_id = ? ORDER BY id",
        (case_id,),
    ) as cur:
        return [_row(row) async for row in cur]


async def recent(conn: aiosqlite.Connection, limit: int, before_id: int | None) -> list[AuditRow]:
    """The newest entries (older than ``before_id`` when given), newest first."""
    async with conn.execute(
        "SELECT id, at, actor, action, case_id, notice_id, detail FROM audit_log"
        " WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2",
        (before_id, limit),
    ) as cur:
        return [_row(row) async for row in cur]
