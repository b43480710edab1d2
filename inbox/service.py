"""The inbox as one service: what the web inbox, the HTTP API, the bots and the jobs call.

:class:`Inbox` is built with everything it needs (database, archive, analyser, post fetcher,
clock, settings values) and composes the focused services: intake and enrichment, cases,
reporters, evidence, findings, transparency and exports. It adds no logic of its own.

Example::

    inbox = Inbox(db, Archive(db), nlp.analyze, PreviewPostFetcher(client))
    receipt = await inbox.submit(Notice("https://t.me/somechannel/42", "sells cocaine",
                                        NoticeSource.CITIZEN))
    view = await inbox.case_status(receipt.case_id, receipt.receipt)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from inbox import audit, casefiles, dsa, findings
from inbox import evidence as evidence_log
from inbox.analysing import Analyser
from inbox.archive import Archive, utc_now
from inbox.audit import AuditAction, AuditEntry
from inbox.cases import Cases
from inbox.enrichment import Enricher
from inbox.errors import CaseNotFound
from inbox.evidence import EvidenceEntry, Verification
from inbox.fetching import PostFetcher
from inbox.intake import Intake, IntakeConfig
from inbox.model import (
    Actor,
    Case,
    CaseQuery,
    CaseStatus,
    CaseStatusView,
    Enrichment,
    EscalationTarget,
    Notice,
    NoticeView,
    Notifier,
    Receipt,
)
from inbox.reporters import Reporters
from inbox.sla import SlaPolicy
from inbox.store import channels as channel_store
from inbox.store.channels import ChannelRow
from inbox.store.database import Database
from inbox.transparency import TransparencyReport, transparency_report
from nlp.taxonomy import Category

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class InboxConfig:
    """The settings the inbox runs with (built from ``meldpunt.settings.Settings``)."""

    case_prefix: str = "MP"
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    offer_threshold: float = 0.7

    def __post_init__(self) -> None:
        if not 0.0 <= self.offer_threshold <= 1.0:
            raise ValueError(f"the offer threshold must be in [0, 1], not {self.offer_threshold}")


class Inbox:
    """The reporting inbox (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        archive: Archive,
        analyser: Analyser,
        fetcher: PostFetcher,
        *,
        clock: Clock = utc_now,
        config: InboxConfig | None = None,
    ) -> None:
        self.config = config or InboxConfig()
        self._db = db
        self._clock = clock
        self._analyser = analyser
        self._enricher = Enricher(db, archive, analyser, fetcher, clock=clock, sla=self.config.sla)
        self._intake = Intake(
            db,
            self._enricher,
            clock=clock,
            config=IntakeConfig(case_prefix=self.config.case_prefix, sla=self.config.sla),
        )
        self.cases = Cases(db, clock=clock)
        self._reporters = Reporters(db, clock=clock)

    # Intake -------------------------------------------------------------------------------

    async def submit(
        self, notice: Notice, *, via: str | None = None, enrich: bool = True
    ) -> Receipt:
        """Accept a notice from any source; see :meth:`inbox.intake.Intake.submit`.

        ``enrich=False`` returns before fetching the post; call :meth:`enrich` with
        ``receipt.notice_id`` afterwards (for instance as a background task).
        """
        return await self._intake.submit(notice, via=via, enrich=enrich)

    async def enrich(self, notice_id: int) -> Enrichment:
        """Fetch, archive, analyse and attach a notice's post (again, after a failure)."""
        return await self._enricher.enrich(notice_id)

    async def retry_failed_enrichments(self) -> dict[Enrichment, int]:
        """Enrich again every notice whose post could not be fetched (or whose enrichment was
        interrupted); a job can call this now and then."""
        return await self._enricher.retry_failed()

    async def scan_archive(self, *, batch_size: int = 200) -> findings.ScanResult:
        """Turn archived offers over the threshold into monitor notices (idempotent)."""
        return await findings.scan_archive(
            self._db,
            self,
            self._analyser,
            clock=self._clock,
            threshold=self.config.offer_threshold,
            batch_size=batch_size,
        )

    # Reporters ----------------------------------------------------------------------------

    async def case_status(self, case_id: str, receipt: str) -> CaseStatusView | None:
        """Status of a case for the holder of one of its receipts, else None."""
        return await self._reporters.case_status(case_id, receipt)

    async def reporter_identity(
        self, case_id: str, notice_id: int, actor: Actor
    ) -> Notifier | None:
        """A consenting notifier's identity for investigators and admins (audited)."""
        return await self._reporters.reporter_identity(case_id, notice_id, actor)

    # Cases --------------------------------------------------------------------------------

    async def case(self, case_id: str) -> Case | None:
        """The case, or None."""
        return await self.cases.get(case_id)

    async def queue(self, query: CaseQuery | None = None) -> list[Case]:
        """Cases to work on, most urgent first (closed cases left out by default)."""
        return await self.cases.listing(query or CaseQuery())

    async def record_export(self, actor: Actor, what: str) -> None:
        """Note in the audit log that ``actor`` took an export (``what``: file and period)."""
        async with self._db.transaction() as conn:
            await audit.record(
                conn, at=self._clock(), actor=actor.name, action=AuditAction.EXPORTED, detail=what
            )

    async def channel(self, case: Case) -> ChannelRow | None:
        """The archived channel a case is about (title, description, subscribers, flags);
        None when it was never archived."""
        key = case.channel
        if key.startswith("@"):
            return await channel_store.find(self._db.conn, username=key[1:])
        internal = key.removeprefix("c/")
        return (
            await channel_store.find(self._db.conn, tg_id=int(internal))
            if internal.isdigit()
            else None
        )

    async def notices(self, case_id: str) -> list[NoticeView]:
        """A case's notices, without notifiers' identities."""
        return await self.cases.notices(case_id)

    async def evidence(self, case_id: str) -> list[EvidenceEntry]:
        """The posts attached to a case as preserved (snapshot, analysis, hashes)."""
        return await evidence_log.of_case(self._db.conn, case_id)

    async def audit_trail(self, case_id: str) -> list[AuditEntry]:
        """A case's audit entries, oldest first."""
        return await self.cases.audit_trail(case_id)

    async def recent_audit(
        self, *, limit: int = 100, before_id: int | None = None
    ) -> list[AuditEntry]:
        """The whole audit log, newest first, a page at a time."""
        return await audit.recent(self._db.conn, limit=limit, before_id=before_id)

    def overdue(self, case: Case) -> bool:
        """True when the case is undecided past its due time (now, by the inbox's clock)."""
        return case.overdue(self._clock())

    async def claim(self, case_id: str, actor: Actor) -> Case:
        """Assign the case to ``actor``; a new case moves to in_review."""
        return await self.cases.claim(case_id, actor)

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
        """Any allowed status change; see :meth:`inbox.cases.Cases.move`."""
        return await self.cases.move(
            case_id, to, actor, reason=reason, target=target, legal_ground=legal_ground
        )

    async def escalate(
        self,
        case_id: str,
        target: EscalationTarget,
        actor: Actor,
        *,
        reason: str,
        legal_ground: str | None = None,
    ) -> Case:
        """Escalate to the police, the regulator or the platform."""
        return await self.move(
            case_id,
            CaseStatus.ESCALATED,
            actor,
            reason=reason,
            target=target,
            legal_ground=legal_ground,
        )

    async def action(
        self, case_id: str, actor: Actor, *, reason: str, legal_ground: str | None = None
    ) -> Case:
        """Record that the content was acted on (removed, blocked)."""
        return await self.move(
            case_id, CaseStatus.ACTIONED, actor, reason=reason, legal_ground=legal_ground
        )

    async def dismiss(self, case_id: str, actor: Actor, *, reason: str) -> Case:
        """Dismiss the case (not illegal, not actionable)."""
        return await self.move(case_id, CaseStatus.DISMISSED, actor, reason=reason)

    async def close(self, case_id: str, actor: Actor, *, reason: str = "") -> Case:
        """Close a decided case; later notices about its channel open a new case."""
        return await self.move(case_id, CaseStatus.CLOSED, actor, reason=reason)

    async def reopen(self, case_id: str, actor: Actor, *, reason: str) -> Case:
        """Take a dismissed case back into review (new evidence)."""
        return await self.move(case_id, CaseStatus.IN_REVIEW, actor, reason=reason)

    async def set_category(
        self, case_id: str, category: Category, actor: Actor, *, reason: str
    ) -> Case:
        """Correct a case's product category."""
        return await self.cases.set_category(case_id, category, actor, reason=reason)

    # Evidence, reports, exports -------------------------------------------------------------

    async def verify_evidence(self) -> Verification:
        """Recompute the evidence hash chain; names the first broken entry."""
        return await evidence_log.verify(self._db.conn)

    async def transparency(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> TransparencyReport:
        """The transparency figures for ``[since, until)`` (until defaults to now)."""
        now = self._clock()
        return await transparency_report(self._db, since=since, until=until or now, now=now)

    async def statements(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[dict[str, object]]:
        """Statements of reasons for cases decided in the period with a restriction."""
        return await casefiles.statements(self._db, since=since, until=until)

    async def write_statements(
        self, path: Path, *, since: datetime | None = None, until: datetime | None = None
    ) -> int:
        """Write the statements as validated JSON lines; returns how many."""
        return await casefiles.write_statements(self._db, path, since=since, until=until)

    async def write_cases_csv(
        self, path: Path, *, since: datetime | None = None, until: datetime | None = None
    ) -> int:
        """Write the cases received in the period as CSV; returns how many."""
        return await casefiles.write_cases_csv(
            self._db, path, now=self._clock(), since=since, until=until
        )

    async def platform_notices(
        self, case_id: str, *, sender: dsa.Notifier | None
    ) -> casefiles.NoticeFile:
        """Article 16 notices for a case escalated to the platform (one per post)."""
        case = await self.cases.get(case_id)
        if case is None:
            raise CaseNotFound(case_id)
        posts = await self.evidence(case_id)
        return casefiles.platform_notices(case, posts, sender=sender, now=self._clock())
