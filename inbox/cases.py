"""Cases: reading them, claiming them and moving them through their statuses.

Every change is one transaction together with its audit entry. Status changes follow
:data:`inbox.model.TRANSITIONS` only, and are conditional on the status the caller saw, so two
investigators acting at once cannot both move a case. The first move to ``in_review`` stamps
the first review, the first move into a decision stamps the decision time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import aiosqlite

from inbox import audit
from inbox.audit import AuditAction
from inbox.errors import CaseNotFound, Forbidden, TransitionNotAllowed
from inbox.model import (
    DECIDED,
    TRANSITIONS,
    Actor,
    Case,
    CaseQuery,
    CaseStatus,
    Enrichment,
    EscalationTarget,
    NoticeSource,
    NoticeView,
    Priority,
    Role,
)
from inbox.moments import read, read_optional, stamp
from inbox.sla import SlaPolicy
from inbox.store import cases as case_store
from inbox.store import notices as notice_store
from inbox.store.database import Database
from nlp.taxonomy import Category

Clock = Callable[[], datetime]

MAX_REASON_CHARS = 2000
CASEWORKERS = frozenset({Role.INVESTIGATOR, Role.ADMIN})
"""Roles that may claim, decide and see reporters' identities (researchers may not)."""


def to_case(row: case_store.CaseRow) -> Case:
    """A stored case as the :class:`~inbox.model.Case` services hand out."""
    return Case(
        id=row.id,
        status=CaseStatus(row.status),
        priority=Priority(row.priority),
        category=Category(row.category),
        origin=NoticeSource(row.origin),
        channel=row.channel_key,
        assignee=row.assignee,
        escalation_target=(
            None if row.escalation_target is None else EscalationTarget(row.escalation_target)
        ),
        outcome=None if row.outcome is None else CaseStatus(row.outcome),
        decision_reason=row.decision_reason,
        legal_ground=row.legal_ground,
        received_at=read(row.received_at),
        first_review_at=read_optional(row.first_review_at),
        decided_at=read_optional(row.decided_at),
        closed_at=read_optional(row.closed_at),
        sla_due=read(row.sla_due),
        updated_at=read(row.updated_at),
        notices=row.notices,
        reporters=row.reporters,
        posts=row.posts,
    )


def to_notice_view(row: notice_store.NoticeRow) -> NoticeView:
    """A stored notice without its notifier's identity."""
    return NoticeView(
        id=row.id,
        case_id=row.case_id,
        source=NoticeSource(row.source),
        category=Category(row.category),
        location=row.location,
        explanation=row.explanation,
        good_faith=row.good_faith,
        named=row.named,
        consent=row.consent,
        received_at=read(row.received_at),
        priority=Priority(row.priority),
        enrichment=Enrichment(row.enrichment),
        enrichment_detail=row.enrichment_detail,
    )


async def raise_priority(
    conn: aiosqlite.Connection,
    case: case_store.CaseRow,
    priority: Priority,
    sla: SlaPolicy,
    *,
    now: datetime,
    actor: str,
    why: str,
) -> bool:
    """Raise ``case`` to ``priority`` (never lower) and recompute its due time from its
    received time; audited. True when it rose."""
    if priority <= case.priority:
        return False
    due = sla.due(read(case.received_at), priority)
    if not await case_store.raise_priority(conn, case.id, priority, stamp(due), stamp(now)):
        return False
    await audit.record(
        conn,
        at=now,
        actor=actor,
        action=AuditAction.PRIORITY_RAISED,
        case_id=case.id,
        detail=f"{Priority(case.priority).name} -> {priority.name}: {why}",
    )
    return True


def require_caseworker(actor: Actor, action: str) -> None:
    """Refuse ``action`` to roles other than investigator and admin."""
    if actor.role not in CASEWORKERS:
        raise Forbidden(actor.name, action)


class Cases:
    """Reads and moves cases. ``clock`` gives the current time (fixed in tests)."""

    def __init__(self, db: Database, *, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def get(self, case_id: str) -> Case | None:
        """The case, or None."""
        row = await case_store.get(self._db.conn, case_id)
        return None if row is None else to_case(row)

    async def require(self, case_id: str) -> Case:
        """The case; raises :class:`CaseNotFound`."""
        found = await self.get(case_id)
        if found is None:
            raise CaseNotFound(case_id)
        return found

    async def listing(self, query: CaseQuery) -> list[Case]:
        """Cases for the queue, as ``query`` selects them (see :class:`CaseQuery`)."""
        where = case_store.CaseFilter(
            status=None if query.status is None else query.status.value,
            assignee=query.assignee,
            category=None if query.category is None else query.category.value,
            origin=None if query.origin is None else query.origin.value,
            open_only=query.open_only,
            overdue_at=stamp(self._clock()) if query.overdue_only else None,
            limit=max(0, min(query.limit, 1000)),
            offset=max(0, query.offset),
        )
        return [to_case(row) for row in await case_store.listing(self._db.conn, where)]

    async def notices(self, case_id: str) -> list[NoticeView]:
        """The case's notices in the order received, without notifiers' identities."""
        return [to_notice_view(r) for r in await notice_store.of_case(self._db.conn, case_id)]

    async def claim(self, case_id: str, actor: Actor) -> Case:
        """Assign the case to ``actor``; a new case moves to ``in_review``."""
        require_caseworker(actor, "claim cases")
        now = self._clock()
        async with self._db.transaction() as conn:
            row = await case_store.get(conn, case_id)
            if row is None:
                raise CaseNotFound(case_id)
            if row.status == CaseStatus.CLOSED:
                raise TransitionNotAllowed(case_id, "a closed case cannot be claimed")
            await case_store.assign(conn, case_id, actor.name, stamp(now))
            await audit.record(
                conn,
                at=now,
                actor=actor.name,
                action=AuditAction.CLAIMED,
                case_id=case_id,
                detail=f"assigned to {actor.name}"
                + (f" (was {row.assignee})" if row.assignee else ""),
            )
            if row.status == CaseStatus.NEW:
                await self._change(conn, row, CaseStatus.IN_REVIEW, actor, now, "claimed")
        return await self.require(case_id)

    async def move(
        self,
        case_id: str,
        to: CaseStatus,
        actor: Actor,
        *,
        reason: str = "",
        target: EscalationTarget | None = None,
        legal_ground: str | None = None,
    ) -> Case:
        """Move the case to ``to`` along an allowed transition.

        Decisions (escalated, actioned, dismissed) and reopening need a ``reason``; escalation
        needs a ``target``. ``legal_ground`` (the law broken) is kept for statements of
        reasons. Raises :class:`TransitionNotAllowed` otherwise.
        """
        require_caseworker(actor, "change a case's status")
        to = CaseStatus(to)
        reason = reason.strip()[:MAX_REASON_CHARS]
        if to in DECIDED and not reason:
            raise TransitionNotAllowed(case_id, f"a move to {to} needs a reason")
        if (to is CaseStatus.ESCALATED) != (target is not None):
            raise TransitionNotAllowed(
                case_id, "an escalation needs a target, and only an escalation has one"
            )
        now = self._clock()
        async with self._db.transaction() as conn:
            row = await case_store.get(conn, case_id)
            if row is None:
                raise CaseNotFound(case_id)
            await self._change(
                conn, row, to, actor, now, reason, target=target, legal_ground=legal_ground
            )
        return await self.require(case_id)

    async def _change(
        self,
        conn: aiosqlite.Connection,
        row: case_store.CaseRow,
        to: CaseStatus,
        actor: Actor,
        now: datetime,
        reason: str,
        *,
        target: EscalationTarget | None = None,
        legal_ground: str | None = None,
    ) -> None:
        current = CaseStatus(row.status)
        if to not in TRANSITIONS[current]:
            raise TransitionNotAllowed(row.id, f"cannot move from {current} to {to}")
        if current is CaseStatus.DISMISSED and to is CaseStatus.IN_REVIEW and not reason:
            raise TransitionNotAllowed(row.id, "reopening a dismissed case needs a reason")
        decided = to in DECIDED
        change = case_store.StatusChange(
            status=to.value,
            now=stamp(now),
            review=to is CaseStatus.IN_REVIEW,
            decided=decided,
            closed=to is CaseStatus.CLOSED,
            outcome=to.value if decided else None,
            clear_outcome=to is CaseStatus.IN_REVIEW,
            escalation_target=None if target is None else target.value,
            decision_reason=reason if decided else None,
            legal_ground=legal_ground.strip()[:MAX_REASON_CHARS] if legal_ground else None,
        )
        if not await case_store.change_status(conn, row.id, current.value, change):
            raise TransitionNotAllowed(row.id, "the case was changed by someone else meanwhile")
        detail = f"{current} -> {to}"
        if target is not None:
            detail += f" ({target})"
        await audit.record(
            conn,
            at=now,
            actor=actor.name,
            action=AuditAction.STATUS_CHANGED,
            case_id=row.id,
            detail=f"{detail}: {reason}" if reason else detail,
        )

    async def set_category(
        self, case_id: str, category: Category, actor: Actor, *, reason: str
    ) -> Case:
        """Correct the case's product category; audited with the reason."""
        require_caseworker(actor, "change a case's category")
        category = Category(category)
        now = self._clock()
        async with self._db.transaction() as conn:
            row = await case_store.get(conn, case_id)
            if row is None:
                raise CaseNotFound(case_id)
            await case_store.set_category(conn, case_id, category.value, stamp(now))
            await audit.record(
                conn,
                at=now,
                actor=actor.name,
                action=AuditAction.CATEGORY_CHANGED,
                case_id=case_id,
                detail=f"{row.category} -> {category}: {reason.strip()[:MAX_REASON_CHARS]}",
            )
        return await self.require(case_id)

    async def audit_trail(self, case_id: str) -> list[audit.AuditEntry]:
        """The case's audit entries, oldest first."""
        return await audit.case_trail(self._db.conn, case_id)
