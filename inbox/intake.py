"""The intake: the one door every notice comes in by, whoever sends it.

Order of work, so a notice is never lost: check and parse it (refusing what we cannot parse,
with the reason), then store it and attach it to its case in one transaction, and only then
enrich it (fetch, archive, analyse and attach its post; see :mod:`inbox.enrichment`). A
failed enrichment is recorded on the notice and in the audit log; the submit still succeeds.

Cases: one case per channel is open (not closed) at a time and gathers that channel's
notices and posts; a notice about a channel whose case was closed opens a new one.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import aiosqlite

from inbox import audit
from inbox.analysing import PostAnalysis
from inbox.audit import AuditAction
from inbox.cases import raise_priority
from inbox.enrichment import Enricher
from inbox.errors import InvalidNotice
from inbox.locations import Location, parse_location
from inbox.model import CaseStatus, Enrichment, Notice, NoticeSource, Priority, Receipt
from inbox.moments import stamp
from inbox.priority import notice_priority
from inbox.sla import SlaPolicy
from inbox.store import analyses as analysis_store
from inbox.store import archived
from inbox.store import cases as case_store
from inbox.store import notices as notice_store
from inbox.store.database import Database
from nlp.taxonomy import Category

Clock = Callable[[], datetime]

MAX_EXPLANATION_CHARS = 5000
MAX_NAME_CHARS = 200
MAX_EMAIL_CHARS = 254
MAX_KEY_CHARS = 128
RECEIPT_BYTES = 24
"""Entropy of a receipt secret: 192 bits, shown as 32 URL-safe characters."""


@dataclass(frozen=True, slots=True)
class IntakeConfig:
    """Case numbering and service levels."""

    case_prefix: str = "MP"
    sla: SlaPolicy = field(default_factory=SlaPolicy)

    def __post_init__(self) -> None:
        prefix = self.case_prefix
        if not (1 <= len(prefix) <= 8 and prefix.isascii() and prefix.isalnum()):
            raise ValueError(f"the case id prefix must be 1-8 letters or digits, not {prefix!r}")


def receipt_hash(receipt: str) -> str:
    """How a receipt secret is stored: its SHA-256 (the secret itself is never kept)."""
    return hashlib.sha256(receipt.encode("utf-8", "surrogatepass")).hexdigest()


def channel_key(location: Location, known_username: str | None) -> str:
    """The key a channel's cases are filed under: ``@username`` when known, else
    ``c/<internal id>`` for a private channel we cannot name."""
    username = location.username or (known_username.lower() if known_username else None)
    return f"@{username}" if username else f"c/{location.internal_id}"


def check_notice(notice: Notice) -> None:
    """Refuse a notice with an empty or oversized field, naming the field."""
    if not isinstance(notice.source, NoticeSource):
        NoticeSource(notice.source)  # raises ValueError naming the value
    Category(notice.category)
    explanation = notice.explanation.strip()
    if not explanation:
        raise InvalidNotice("the explanation is empty: say why the content is illegal")
    if len(explanation) > MAX_EXPLANATION_CHARS:
        raise InvalidNotice(
            f"the explanation has {len(explanation)} characters, at most {MAX_EXPLANATION_CHARS}"
        )
    notifier = notice.notifier
    if notifier is not None:
        if notifier.name is not None and len(notifier.name) > MAX_NAME_CHARS:
            raise InvalidNotice(f"the notifier's name is longer than {MAX_NAME_CHARS} characters")
        if notifier.email is not None and (
            len(notifier.email) > MAX_EMAIL_CHARS or "@" not in notifier.email
        ):
            raise InvalidNotice("the notifier's e-mail address is not valid")
    if notice.reporter_key is not None and not 0 < len(notice.reporter_key) <= MAX_KEY_CHARS:
        raise InvalidNotice(f"the reporter key must have 1 to {MAX_KEY_CHARS} characters")
    if notice.submitted_at is not None and notice.submitted_at.utcoffset() is None:
        raise InvalidNotice("submitted_at must carry a time zone")


class Intake:
    """Accepts notices from every source (see the module docstring for the order of work)."""

    def __init__(
        self, db: Database, enricher: Enricher, *, clock: Clock, config: IntakeConfig
    ) -> None:
        self._db = db
        self._enricher = enricher
        self._clock = clock
        self._config = config

    async def submit(
        self, notice: Notice, *, via: str | None = None, enrich: bool = True
    ) -> Receipt:
        """Accept ``notice`` and file it in its channel's case; returns the receipt.

        ``via`` names the channel it came by (an API token's name, ``citizen-bot``, ``scan``)
        for the audit log. Raises ``InvalidLocation`` or :class:`InvalidNotice` (nothing is
        stored then). Never fails because the post could not be fetched. With ``enrich``
        False the post is left for a later ``Enricher.enrich(receipt.notice_id)`` (a request
        handler answering at once); the notice stays ``pending`` until then.
        """
        check_notice(notice)
        location = parse_location(notice.location)
        secret = secrets.token_urlsafe(RECEIPT_BYTES)
        now = self._clock()
        async with self._db.transaction() as conn:
            case_id, notice_id, created = await self._file(
                conn, notice, location, via, receipt_hash(secret), now
            )
        if enrich and location.message_id is not None:
            await self._enricher.enrich(notice_id)
        return Receipt(case_id=case_id, receipt=secret, notice_id=notice_id, created_case=created)

    async def _file(
        self,
        conn: aiosqlite.Connection,
        notice: Notice,
        location: Location,
        via: str | None,
        receipt_sha256: str,
        now: datetime,
    ) -> tuple[str, int, bool]:
        source = NoticeSource(notice.source)
        category = Category(notice.category)
        known = await archived.channel_id(
            conn, username=location.username, tg_id=location.internal_id
        )
        analysis = await _known_analysis(conn, known, location)
        priority = notice_priority(
            source,
            offer=None if analysis is None else analysis.offer,
            score=None if analysis is None else analysis.score,
        )
        key = channel_key(location, None if known is None else known[1])
        actor = via or f"intake:{source}"
        case = await case_store.open_for_channel(conn, key)
        created = case is None
        if case is None:
            case_id = await self._open_case(conn, key, source, category, priority, now, actor)
        else:
            case_id = case.id
            await raise_priority(
                conn,
                case,
                priority,
                self._config.sla,
                now=now,
                actor=actor,
                why=f"{source} notice",
            )
            if category is not Category.NONE:
                await case_store.set_category_if_none(conn, case_id, category.value, stamp(now))
            await case_store.touch(conn, case_id, stamp(now))
        notifier = notice.notifier
        notice_id = await notice_store.insert(
            conn,
            notice_store.NewNotice(
                case_id=case_id,
                source=source.value,
                category=category.value,
                location=location.url,
                username=location.username,
                internal_id=location.internal_id,
                message_id=location.message_id,
                explanation=notice.explanation.strip(),
                good_faith=notice.good_faith,
                notifier_name=None if notifier is None else notifier.name,
                notifier_email=None if notifier is None else notifier.email,
                notifier_telegram_id=None if notifier is None else notifier.telegram_user_id,
                notifier_consent=notifier is not None and notifier.consent_to_contact,
                reporter_key=notice.reporter_key,
                via=via[:MAX_KEY_CHARS] if via else None,
                submitted_at=None if notice.submitted_at is None else stamp(notice.submitted_at),
                received_at=stamp(now),
                priority=priority,
                receipt_sha256=receipt_sha256,
                enrichment=(
                    Enrichment.CHANNEL_ONLY if location.message_id is None else Enrichment.PENDING
                ).value,
            ),
        )
        await audit.record(
            conn,
            at=now,
            actor=actor,
            action=AuditAction.NOTICE_ATTACHED,
            case_id=case_id,
            notice_id=notice_id,
            detail=f"{source} notice about {location.url}",
        )
        return case_id, notice_id, created

    async def _open_case(
        self,
        conn: aiosqlite.Connection,
        key: str,
        source: NoticeSource,
        category: Category,
        priority: Priority,
        now: datetime,
        actor: str,
    ) -> str:
        year = now.year
        seq = await case_store.next_seq(conn, year)
        case_id = f"{self._config.case_prefix}-{year}-{seq:06d}"
        await case_store.insert(
            conn,
            case_store.NewCase(
                id=case_id,
                year=year,
                seq=seq,
                channel_key=key,
                status=CaseStatus.NEW.value,
                priority=priority,
                category=category.value,
                origin=source.value,
                received_at=stamp(now),
                sla_due=stamp(self._config.sla.due(now, priority)),
            ),
        )
        await audit.record(
            conn,
            at=now,
            actor=actor,
            action=AuditAction.CASE_OPENED,
            case_id=case_id,
            detail=f"case for {key}, priority {priority.name}",
        )
        return case_id


async def _known_analysis(
    conn: aiosqlite.Connection, known: tuple[int, str | None] | None, location: Location
) -> PostAnalysis | None:
    """The stored analysis of the notice's post when it is archived and analysed already."""
    if known is None or location.message_id is None:
        return None
    post = await archived.post(conn, known[0], location.message_id)
    if post is None:
        return None
    stored = await analysis_store.get(conn, post.channel_id, post.message_id, post.version)
    return None if stored is None else PostAnalysis.from_json(stored)
