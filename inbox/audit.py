"""The audit log: who did what to which case, when and why. Append-only.

Entries are written inside the transaction of the change they describe, so a change and its
entry land together or not at all. SQLite triggers refuse any UPDATE or DELETE of the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from inbox.moments import read, stamp
from inbox.store import audit as audit_store

MAX_DETAIL_CHARS = 2000
"""Details quote reasons and error messages; longer ones are cut."""


class AuditAction(StrEnum):
    """What an entry records."""

    CASE_OPENED = "case_opened"
    NOTICE_ATTACHED = "notice_attached"
    POST_ATTACHED = "post_attached"
    FETCH_FAILED = "fetch_failed"
    POST_NOT_FOUND = "post_not_found"
    ENRICHMENT_FAILED = "enrichment_failed"
    PRIORITY_RAISED = "priority_raised"
    CATEGORY_CHANGED = "category_changed"
    CLAIMED = "claimed"
    STATUS_CHANGED = "status_changed"
    IDENTITY_VIEWED = "reporter_identity_viewed"
    IDENTITY_REFUSED = "reporter_identity_refused"
    EXPORTED = "exported"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the log."""

    id: int
    at: datetime
    actor: str
    action: str
    case_id: str | None
    notice_id: int | None
    detail: str


async def record(
    conn: aiosqlite.Connection,
    *,
    at: datetime,
    actor: str,
    action: AuditAction,
    case_id: str | None = None,
    notice_id: int | None = None,
    detail: str = "",
) -> int:
    """Append an entry inside the caller's transaction; returns its id."""
    return await audit_store.append(
        conn,
        at=stamp(at),
        actor=actor[:200],
        action=action.value,
        case_id=case_id,
        notice_id=notice_id,
        detail=detail[:MAX_DETAIL_CHARS],
    )


def _entry(row: audit_store.AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=read(row.at),
        actor=row.actor,
        action=row.action,
        case_id=row.case_id,
        notice_id=row.notice_id,
        detail=row.detail,
    )


async def case_trail(conn: aiosqlite.Connection, case_id: str) -> list[AuditEntry]:
    """A case's entries, oldest first."""
    return [_entry(row) for row in await audit_store.of_case(conn, case_id)]


async def recent(
    conn: aiosqlite.Connection, *, limit: int = 100, before_id: int | None = None
) -> list[AuditEntry]:
    """The newest entries, newest first; page with ``before_id`` (the last id seen)."""
    return [_entry(row) for row in await audit_store.recent(conn, limit, before_id)]
