"""Proactive findings: archived posts the analyser marks as offers become monitor notices.

:func:`scan_archive` is a plain job (dependencies and a clock passed in; a scheduler only
decides when to call it). It analyses every archived post version not analysed yet, storing
each analysis, then submits a ``monitor`` notice through the same intake as everyone else
for each post whose current version is an offer scoring at least the threshold. A post
becomes a notice once, whatever later versions say; running the scan again adds nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from inbox.analysing import Analyser, PostAnalysis
from inbox.errors import InvalidNotice
from inbox.intake import MAX_EXPLANATION_CHARS
from inbox.locations import InvalidLocation
from inbox.model import Notice, NoticeSource, Receipt
from inbox.moments import stamp
from inbox.store import analyses as analysis_store
from inbox.store.database import Database
from nlp.taxonomy import Category

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

VIA = "scan"
MONITOR_REPORTER = "monitor"
"""The reporter key of monitor notices: our monitor counts as one reporter on a case."""


class Submitter(Protocol):
    """The intake's entry (``Inbox.submit``)."""

    async def submit(
        self, notice: Notice, *, via: str | None = None, enrich: bool = True
    ) -> Receipt: ...


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What one scan did: versions analysed, notices submitted, offers that could not be
    submitted (no usable location; logged)."""

    analysed: int
    notices: int
    skipped: int


def finding_location(offer: analysis_store.Offer) -> str | None:
    """The link a monitor notice names: the public post, else the private-channel post."""
    if offer.channel_username:
        return f"https://t.me/{offer.channel_username}/{offer.message_id}"
    if offer.channel_tg_id:
        return f"https://t.me/c/{offer.channel_tg_id}/{offer.message_id}"
    return None


def finding_explanation(analysis: PostAnalysis) -> str:
    """Why the monitor reports the post: the analysis' own reasons in plain words."""
    head = (
        f"Found by Meldpunt's monitoring: an offer of {analysis.category.value.replace('_', ' ')}"
        f" (score {analysis.score:.2f})."
    )
    reasons = "\n".join(f"- {reason}" for reason in analysis.reasons)
    text = f"{head}\n{reasons}" if reasons else head
    return text[:MAX_EXPLANATION_CHARS]


async def scan_archive(
    db: Database,
    intake: Submitter,
    analyser: Analyser,
    *,
    clock: Clock,
    threshold: float,
    batch_size: int = 200,
) -> ScanResult:
    """Analyse what is new in the archive and report the offers (see the module docstring)."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"the offer threshold must be between 0 and 1, not {threshold}")
    if batch_size <= 0:
        raise ValueError("batch_size must be positive")
    analysed = await _analyse_pending(db, analyser, clock, batch_size)
    notices = skipped = 0
    after = (0, 0)
    while offers := await analysis_store.offers_without_finding(
        db.conn, threshold, after, batch_size
    ):
        for offer in offers:
            after = (offer.channel_id, offer.message_id)
            if await _report(db, intake, offer, clock):
                notices += 1
            else:
                skipped += 1
    return ScanResult(analysed=analysed, notices=notices, skipped=skipped)


async def _analyse_pending(db: Database, analyser: Analyser, clock: Clock, batch_size: int) -> int:
    count = 0
    while batch := await analysis_store.pending(db.conn, batch_size):
        # Analysed outside the write transaction, stored in one per batch.
        results = [(text, PostAnalysis.of(analyser(text.text))) for text in batch]
        now = stamp(clock())
        async with db.transaction() as conn:
            for text, analysis in results:
                await analysis_store.insert(
                    conn,
                    text,
                    offer=analysis.offer,
                    score=analysis.score,
                    category=analysis.category.value,
                    analysis=analysis.to_json(),
                    now=now,
                )
        count += len(batch)
    return count


async def _report(
    db: Database, intake: Submitter, offer: analysis_store.Offer, clock: Clock
) -> bool:
    location = finding_location(offer)
    analysis = PostAnalysis.from_json(offer.analysis)
    if location is None:
        log.warning("offer %d/%d has no usable location", offer.channel_id, offer.message_id)
        return False
    notice = Notice(
        location=location,
        explanation=finding_explanation(analysis),
        source=NoticeSource.MONITOR,
        category=Category(offer.category),
        good_faith=True,
        reporter_key=MONITOR_REPORTER,
        submitted_at=clock(),
    )
    try:
        receipt = await intake.submit(notice, via=VIA)
    except (InvalidLocation, InvalidNotice) as error:
        log.warning("offer at %s not submitted: %s", location, error)
        return False
    async with db.transaction() as conn:
        await analysis_store.add_finding(conn, offer, receipt.notice_id, stamp(clock()))
    return True
