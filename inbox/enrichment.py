"""Enrichment: the post a notice names, fetched, archived, analysed and attached to its case.

Runs after the notice is safely stored. A post already in the archive is not fetched again.
Every outcome is recorded on the notice (:class:`~inbox.model.Enrichment`); failures also go
to the audit log, and failed notices can be retried later with :meth:`Enricher.retry_failed`.
Attaching a post preserves it as evidence (:mod:`inbox.evidence`) once per case.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from inbox import audit, evidence
from inbox.analysing import Analyser, PostAnalysis
from inbox.archive import Archive
from inbox.audit import AuditAction
from inbox.cases import raise_priority
from inbox.fetching import PostFetcher
from inbox.model import Enrichment, NoticeSource
from inbox.moments import stamp
from inbox.priority import notice_priority
from inbox.sla import SlaPolicy
from inbox.store import analyses as analysis_store
from inbox.store import archived
from inbox.store import cases as case_store
from inbox.store import evidence as evidence_store
from inbox.store import notices as notice_store
from inbox.store.archived import ArchivedPost
from inbox.store.database import Database
from nlp.taxonomy import Category

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

ACTOR = "intake"
_MAX_ERROR_CHARS = 500


def describe(error: BaseException) -> str:
    """An error in one line for the audit log: its type and message, cut short."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}"[:_MAX_ERROR_CHARS]


class Enricher:
    """Fetches, archives, analyses and attaches the posts notices name."""

    def __init__(
        self,
        db: Database,
        archive: Archive,
        analyser: Analyser,
        fetcher: PostFetcher,
        *,
        clock: Clock,
        sla: SlaPolicy,
    ) -> None:
        self._db = db
        self._archive = archive
        self._analyser = analyser
        self._fetcher = fetcher
        self._clock = clock
        self._sla = sla

    async def enrich(self, notice_id: int) -> Enrichment:
        """Attach the notice's post to its case; returns how far it got.

        Never raises for a failed fetch or analysis (that is recorded); raises ``LookupError``
        only for an unknown notice id.
        """
        row = await notice_store.get(self._db.conn, notice_id)
        if row is None:
            raise LookupError(f"no notice {notice_id}")
        if row.message_id is None:
            return Enrichment.CHANNEL_ONLY
        if row.enrichment == Enrichment.ATTACHED:
            return Enrichment.ATTACHED
        try:
            return await self._enrich(row)
        except Exception as error:  # the notice is stored: record why its post is missing
            log.exception("enriching notice %d failed", notice_id)
            await self._record(row, Enrichment.FAILED, AuditAction.ENRICHMENT_FAILED, error)
            return Enrichment.FAILED

    async def retry_failed(self) -> dict[Enrichment, int]:
        """Enrich again every notice whose enrichment failed or never finished (a cancelled
        request leaves it pending); returns counts of the new states. Safe to run while
        other enrichments run: archiving and attaching are idempotent."""
        counts: dict[Enrichment, int] = {}
        for state in (Enrichment.FAILED, Enrichment.PENDING):
            for notice_id in await notice_store.with_enrichment(self._db.conn, state):
                after = await self.enrich(notice_id)
                counts[after] = counts.get(after, 0) + 1
        return counts

    async def _enrich(self, row: notice_store.NoticeRow) -> Enrichment:
        assert row.message_id is not None
        post = await self._archived(row.username, row.internal_id, row.message_id)
        obtained = "archive"
        if post is None:
            if row.username is None:
                await self._record(
                    row,
                    Enrichment.UNAVAILABLE,
                    None,
                    "a private channel's post is attached only once it is in the archive",
                )
                return Enrichment.UNAVAILABLE
            try:
                fetched = await self._fetcher.fetch_post(row.username, row.message_id)
            except Exception as error:  # any fetch failure: keep the notice, retry later
                await self._record(row, Enrichment.FAILED, AuditAction.FETCH_FAILED, error)
                return Enrichment.FAILED
            if fetched is None:
                await self._record(
                    row,
                    Enrichment.NOT_FOUND,
                    AuditAction.POST_NOT_FOUND,
                    f"the web preview does not show {row.location}",
                )
                return Enrichment.NOT_FOUND
            if fetched.message_id != row.message_id or (
                (fetched.channel.username or "").lower() != row.username
            ):
                await self._record(
                    row,
                    Enrichment.FAILED,
                    AuditAction.FETCH_FAILED,
                    f"the fetcher returned another post ({fetched.url}) for {row.location}",
                )
                return Enrichment.FAILED
            await self._archive.add([fetched])
            post = await self._archived(row.username, None, row.message_id)
            if post is None:
                raise LookupError(f"{row.location} is not in the archive after archiving it")
            obtained = "fetched"
        await self._attach(row, post, obtained)
        return Enrichment.ATTACHED

    async def _archived(
        self, username: str | None, internal_id: int | None, message_id: int
    ) -> ArchivedPost | None:
        known = await archived.channel_id(self._db.conn, username=username, tg_id=internal_id)
        if known is None:
            return None
        return await archived.post(self._db.conn, known[0], message_id)

    async def _attach(self, row: notice_store.NoticeRow, post: ArchivedPost, obtained: str) -> None:
        version = analysis_store.PendingText(
            post.channel_id, post.message_id, post.version, post.text
        )
        stored = await analysis_store.get(
            self._db.conn, post.channel_id, post.message_id, post.version
        )
        # Analysed outside the write transaction: the analyser may take a moment.
        analysis = (
            PostAnalysis.from_json(stored)
            if stored is not None
            else PostAnalysis.of(self._analyser(post.text))
        )
        now = self._clock()
        where = row.location
        async with self._db.transaction() as conn:
            if stored is None:
                await analysis_store.insert(
                    conn,
                    version,
                    offer=analysis.offer,
                    score=analysis.score,
                    category=analysis.category.value,
                    analysis=analysis.to_json(),
                    now=stamp(now),
                )
            case = await case_store.get(conn, row.case_id)
            assert case is not None  # notices reference their case
            if not await evidence_store.attached(conn, case.id, post.channel_id, post.message_id):
                versions = await archived.versions(conn, post.channel_id, post.message_id)
                content = evidence.snapshot(
                    post, versions, analysis, evidence.FetchInfo(obtained, now)
                )
                entry = await evidence.append(
                    conn, case.id, (post.channel_id, post.message_id), content, now
                )
                await audit.record(
                    conn,
                    at=now,
                    actor=ACTOR,
                    action=AuditAction.POST_ATTACHED,
                    case_id=case.id,
                    notice_id=row.id,
                    detail=f"{where} preserved as evidence {entry.id}"
                    f" (sha256 {entry.snapshot_sha256})",
                )
            priority = notice_priority(
                NoticeSource(row.source), offer=analysis.offer, score=analysis.score
            )
            await notice_store.set_priority(conn, row.id, priority)
            await raise_priority(
                conn,
                case,
                priority,
                self._sla,
                now=now,
                actor=ACTOR,
                why=f"analysis of {where}: offer={analysis.offer}, score {analysis.score:.2f}",
            )
            if analysis.offer and analysis.category is not Category.NONE:
                await case_store.set_category_if_none(
                    conn, case.id, analysis.category.value, stamp(now)
                )
            await notice_store.set_enrichment(conn, row.id, Enrichment.ATTACHED, None)
            await case_store.touch(conn, case.id, stamp(now))

    async def _record(
        self,
        row: notice_store.NoticeRow,
        state: Enrichment,
        action: AuditAction | None,
        why: str | BaseException,
    ) -> None:
        detail = describe(why) if isinstance(why, BaseException) else why
        now = self._clock()
        async with self._db.transaction() as conn:
            await notice_store.set_enrichment(conn, row.id, state, detail)
            if action is not None:
                await audit.record(
                    conn,
                    at=now,
                    actor=ACTOR,
                    action=action,
                    case_id=row.case_id,
                    notice_id=row.id,
                    detail=detail,
                )
