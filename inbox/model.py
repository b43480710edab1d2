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
