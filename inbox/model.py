"""The inbox's words: notices, cases, their states and who may do what.

Plain frozen types shared by the intake, the case services, the web inbox, the bots and the
exports. Behaviour lives in the services; these only say what things are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from nlp.taxonomy import Category


class NoticeSource(StrEnum):
    """Who reported: counted apart in the transparency report (proactive = ``monitor``)."""

    CITIZEN = "citizen"
    MONITOR = "monitor"
    TRUSTED_FLAGGER = "trusted_flagger"
    AUTHORITY = "authority"


class CaseStatus(StrEnum):
    """Where a case stands. Allowed moves are in :data:`TRANSITIONS`."""

    NEW = "new"
    IN_REVIEW = "in_review"
    ESCALATED = "escalated"
    ACTIONED = "actioned"
    DISMISSED = "dismissed"
    CLOSED = "closed"


TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.NEW: frozenset({CaseStatus.IN_REVIEW, CaseStatus.DISMISSED}),
    CaseStatus.IN_REVIEW: frozenset(
        {CaseStatus.ESCALATED, CaseStatus.ACTIONED, CaseStatus.DISMISSED}
    ),
    CaseStatus.ESCALATED: frozenset({CaseStatus.ACTIONED, CaseStatus.CLOSED}),
    CaseStatus.ACTIONED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.DISMISSED: frozenset({CaseStatus.CLOSED, CaseStatus.IN_REVIEW}),
    CaseStatus.CLOSED: frozenset(),
}
"""Allowed status changes. A dismissed case may be reopened for review (new evidence)."""

DECIDED = frozenset({CaseStatus.ESCALATED, CaseStatus.ACTIONED, CaseStatus.DISMISSED})
"""Statuses that count as a decision for the transparency report."""


class Priority(IntEnum):
    """Higher is more urgent; the queue sorts by it."""

    LOW = 1
    NORMAL = 2
    HIGH = 3
    URGENT = 4


class Role(StrEnum):
    """What a web-inbox user may do."""

    INVESTIGATOR = "investigator"
    RESEARCHER = "researcher"
    ADMIN = "admin"


class EscalationTarget(StrEnum):
    """Where an investigator sends a case."""

    POLICE = "police"
    REGULATOR = "regulator"
    PLATFORM = "platform"


@dataclass(frozen=True, slots=True)
class Notifier:
    """Who reported, when they chose to say so. Personal data: shown only with consent."""

    name: str | None = None
    email: str | None = None
    telegram_user_id: int | None = None
    consent_to_contact: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """One report, shaped after DSA Article 16(2).

    ``location`` is as given (a t.me link, ``@channel``, ``tg://`` link); the intake parses
    it and refuses what it cannot parse. ``notifier`` None is an anonymous report.
    ``reporter_key`` identifies the same reporter across notices without naming them (for
    example a keyed hash of a Telegram user id), so cases can count distinct reporters.
    """

    location: str
    explanation: str
    source: NoticeSource
    category: Category = Category.NONE
    notifier: Notifier | None = None
    good_faith: bool = False
    reporter_key: str | None = None
    submitted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Receipt:
    """What the reporter gets back: the case number and a secret to ask for its status."""

    case_id: str
    receipt: str
    notice_id: int
    created_case: bool


@dataclass(frozen=True, slots=True)
class CaseStatusView:
    """What a receipt holder may learn about a case: no more."""

    case_id: str
    status: CaseStatus
    updated_at: datetime


class Enrichment(StrEnum):
    """How far a notice's post was fetched, archived, analysed and attached to its case."""

    CHANNEL_ONLY = "channel_only"
    """The location names a channel, no post: nothing to fetch."""
    PENDING = "pending"
    ATTACHED = "attached"
    NOT_FOUND = "not_found"
    """The web preview does not show the post (deleted, or never there)."""
    UNAVAILABLE = "unavailable"
    """A post of a private channel that is not in the archive: it cannot be fetched."""
    FAILED = "failed"
    """The fetch failed; the notice is kept and the fetch can be retried."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts on a case: a web-inbox user (or a system part) with a role."""

    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Case:
    """A case as investigators see it.

    ``channel`` is ``@username`` or ``c/<internal id>`` for a private channel. ``outcome`` is
    the last decision (escalated, actioned, dismissed); ``decided_at`` the first one. Counts:
    notices, distinct reporters, attached posts.
    """

    id: str
    status: CaseStatus
    priority: Priority
    category: Category
    origin: NoticeSource
    channel: str
    assignee: str | None
    escalation_target: EscalationTarget | None
    outcome: CaseStatus | None
    decision_reason: str | None
    legal_ground: str | None
    received_at: datetime
    first_review_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    sla_due: datetime
    updated_at: datetime
    notices: int
    reporters: int
    posts: int

    def overdue(self, now: datetime) -> bool:
        """Not decided yet and past its due time."""
        return self.decided_at is None and now > self.sla_due


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """Which cases a queue listing shows, most urgent first, then the earliest due.

    None means any. ``origin`` is the source of a case's first notice; ``open_only`` leaves
    out closed cases; ``overdue_only`` keeps undecided cases past their due time. ``limit``
    is capped at 1,000.
    """

    status: CaseStatus | None = None
    assignee: str | None = None
    category: Category | None = None
    origin: NoticeSource | None = None
    open_only: bool = True
    overdue_only: bool = False
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class NoticeView:
    """A stored notice without the notifier's identity (see ``Inbox.reporter_identity``).

    ``named`` says whether the notifier gave any identity; ``consent`` whether they agreed to
    be contacted. ``location`` is the canonical link rebuilt from the parsed parts.
    """

    id: int
    case_id: str
    source: NoticeSource
    category: Category
    location: str
    explanation: str
    good_faith: bool
    named: bool
    consent: bool
    received_at: datetime
    priority: Priority
    enrichment: Enrichment
    enrichment_detail: str | None
