"""SQL of the ``cases`` table.

A case gathers the notices and posts about one channel. Counts of notices, distinct reporters
and attached posts are computed on read, so they can never drift from the rows they count.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

# Distinct reporters: the reporter key when given, else the e-mail address, else the notice
# itself (each anonymous notice counts as one reporter).
_SELECT = (
    "SELECT c.*,"
    " (SELECT count(*) FROM notices n WHERE n.case_id = c.id) AS notice_count,"
    " (SELECT count(DISTINCT coalesce(n.reporter_key, 'email:' || lower(n.notifier_email),"
    " 'notice:' || n.id)) FROM notices n WHERE n.case_id = c.id) AS reporter_count,"
    " (SELECT count(*) FROM evidence e WHERE e.case_id = c.id) AS post_count"
    " FROM cases c"
)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A stored case with its counts; timestamps as stored (ISO 8601, UTC)."""

    id: str
    channel_key: str
    status: str
    priority: int
    category: str
    origin: str
    assignee: str | None
    escalation_target: str | None
    outcome: str | None
    decision_reason: str | None
    legal_ground: str | None
    received_at: str
    first_review_at: str | None
    decided_at: str | None
    closed_at: str | None
    sla_due: str
    updated_at: str
    notices: int
    reporters: int
    posts: int


@dataclass(frozen=True, slots=True)
class NewCase:
    """What a new case starts with."""

    id: str
    year: int
    seq: int
    channel_key: str
    status: str
    priority: int
    category: str
    origin: str
    received_at: str
    sla_due: str


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """Which cases a listing shows; None means any."""

    status: str | None = None
    assignee: str | None = None
    category: str | None = None
    origin: str | None = None
    open_only: bool = False
    overdue_at: str | None = None
    limit: int = 100
    offset: int = 0


def _row(row: aiosqlite.Row) -> CaseRow:
    return CaseRow(
        id=row["id"],
        channel_key=row["channel_key"],
        status=row["status"],
        priority=row["priority"],
        category=row["category"],
        origin=row["origin"],
        assignee=row["assignee"],
        escalation_target=row["escalation_target"],
        outcome=row["outcome"],
        decision_reason=row["decision_reason"],
        legal_ground=row["legal_ground"],
        received_at=row["received_at"],
        first_review_at=row["first_review_at"],
        decided_at=row["decided_at"],
        closed_at=row["closed_at"],
        sla_due=row["sla_due"],
        updated_at=row["updated_at"],
        notices=row["notice_count"],
        reporters=row["reporter_count"],
        posts=row["post_count"],
    )


async def next_seq(conn: aiosqlite.Connection, year: int) -> int:
    """The next case number of ``year``; call inside the transaction that inserts the case."""
    async with conn.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE year = ?", (year,)
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def insert(conn: aiosqlite.Connection, case: NewCase) -> None:
    """Store a new case."""
    await conn.execute(
        "INSERT INTO cases (id, year, seq, channel_key, status, priority, category, origin,"
        " received_at, sla_due, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case.id,
            case.year,
            case.seq,
            case.channel_key,
            case.status,
            case.priority,
            case.category,
            case.origin,
            case.received_at,
            case.sla_due,
            case.received_at,
        ),
    )


async def open_for_channel(conn: aiosqlite.Connection, channel_key: str) -> CaseRow | None:
    """The case of ``channel_key`` that is not closed, if any."""
    async with conn.execute(
        _SELECT + " WHERE c.channel_key = ? AND c.status != 'closed'", (channel_key,)
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else _row(row)


async def get(conn: aiosqlite.Connection, case_id: str) -> CaseRow | None:
    """The case with this id."""
    async with conn.execute(_SELECT + " WHERE c.id = ?", (case_id,)) as cur:
        row = await cur.fetchone()
    return None if row is None else _row(row)


async def listing(conn: aiosqlite.Connection, where: CaseFilter) -> list[CaseRow]:
    """Cases matching ``where``: most urgent first, then the earliest due."""
    async with conn.execute(
        _SELECT + " WHERE (?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR c.assignee = ?2)"
        " AND (?3 = 0 OR c.status != 'closed')"
        " AND (?4 IS NULL OR (c.decided_at IS NULL AND c.sla_due < ?4))"
        " AND (?7 IS NULL OR c.category = ?7) AND (?8 IS NULL OR c.origin = ?8)"
        " ORDER BY c.priority DESC, c.sla_due, c.id LIMIT ?5 OFFSET ?6",
        (
            where.status,
            where.assignee,
            where.open_only,
            where.overdue_at,
            where.limit,
            where.offset,
            where.category,
            where.origin,
        ),
    ) as cur:
        return [_row(row) async for row in cur]


async def decided_between(
    conn: aiosqlite.Connection, since: str | None, until: str | None
) -> list[CaseRow]:
    """Cases first decided in ``[since, until)``, in decision order."""
    async with conn.execute(
        _SELECT + " WHERE c.decided_at IS NOT NULL AND (?1 IS NULL OR c.decided_at >= ?1)"
        " AND (?2 IS NULL OR c.decided_at < ?2) ORDER BY c.decided_at, c.id",
        (since, until),
    ) as cur:
        return [_row(row) async for row in cur]


async def received_between(
    conn: aiosqlite.Connection, since: str | None, until: str | None
) -> list[CaseRow]:
    """Cases received in ``[since, until)``, oldest first."""
    async with conn.execute(
        _SELECT + " WHERE (?1 IS NULL OR c.received_at >= ?1)"
        " AND (?2 IS NULL OR c.received_at < ?2) ORDER BY c.received_at, c.id",
        (since, until),
    ) as cur:
        return [_row(row) async for row in cur]


async def raise_priority(
    conn: aiosqlite.Connection, case_id: str, priority: int, sla_due: str, now: str
) -> bool:
    """Raise the priority (never lower it) and move the due time; True when it rose."""
    cur = await conn.execute(
        "UPDATE cases SET priority = ?, sla_due = ?, updated_at = ? WHERE id = ? AND priority < ?",
        (priority, sla_due, now, case_id, priority),
    )
    return cur.rowcount > 0


async def set_category_if_none(
    conn: aiosqlite.Connection, case_id: str, category: str, now: str
) -> bool:
    """Give the case a category when it has none yet; True when it changed."""
    cur = await conn.execute(
        "UPDATE cases SET category = ?, updated_at = ? WHERE id = ? AND category = 'none'",
        (category, now, case_id),
    )
    return cur.rowcount > 0


async def set_category(conn: aiosqlite.Connection, case_id: str, category: str, now: str) -> None:
    """Set the category (an investigator's correction)."""
    await conn.execute(
        "UPDATE cases SET category = ?, updated_at = ? WHERE id = ?", (category, now, case_id)
    )


async def touch(conn: aiosqlite.Connection, case_id: str, now: str) -> None:
    """Mark the case as changed now (a notice or post was added)."""
    await conn.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (now, case_id))


async def assign(conn: aiosqlite.Connection, case_id: str, assignee: str, now: str) -> None:
    """Make ``assignee`` the case's investigator."""
    await conn.execute(
        "UPDATE cases SET assignee = ?, updated_at = ? WHERE id = ?", (assignee, now, case_id)
    )


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A move to ``status``; the first-time stamps are only set when still empty."""

    status: str
    now: str
    review: bool
    decided: bool
    closed: bool
    outcome: str | None
    clear_outcome: bool
    escalation_target: str | None
    decision_reason: str | None
    legal_ground: str | None


async def change_status(
    conn: aiosqlite.Connection, case_id: str, expected: str, change: StatusChange
) -> bool:
    """Move the case from ``expected`` to ``change.status``; False when it was not in
    ``expected`` any more (another user moved it first)."""
    cur = await conn.execute(
        "UPDATE cases SET status = :status, updated_at = :now,"
        " first_review_at = CASE WHEN :review THEN coalesce(first_review_at, :now)"
        "  ELSE first_review_at END,"
        " decided_at = CASE WHEN :decided THEN coalesce(decided_at, :now) ELSE decided_at END,"
        " closed_at = CASE WHEN :closed THEN :now ELSE closed_at END,"
        " outcome = CASE WHEN :outcome IS NOT NULL THEN :outcome"
        "  WHEN :clear_outcome THEN NULL ELSE outcome END,"
        " escalation_target = coalesce(:target, escalation_target),"
        " decision_reason = coalesce(:reason, decision_reason),"
        " legal_ground = coalesce(:ground, legal_ground)"
        " WHERE id = :id AND status = :expected",
        {
            "status": change.status,
            "now": change.now,
            "review": change.review,
            "decided": change.decided,
            "closed": change.closed,
            "outcome": change.outcome,
            "clear_outcome": change.clear_outcome,
            "target": change.escalation_target,
            "reason": change.decision_reason,
            "ground": change.legal_ground,
            "id": case_id,
            "expected": expected,
        },
    )
    return cur.rowcount > 0
