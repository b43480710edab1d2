"""Case exports: the case list as CSV, statements of reasons for decided cases (DSA
Transparency Database, JSON lines) and Article 16 notices for escalations to the platform.

Nothing here names a reporter: statements are public, the CSV goes to analysts, and a notice
to the platform is sent by Meldpunt (the ``sender``), not by the citizens who told us.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from inbox import dsa
from inbox.cases import to_case
from inbox.evidence import EvidenceEntry
from inbox.evidence import of_case as evidence_of_case
from inbox.exports.writers import atomic_path
from inbox.locations import Location
from inbox.model import Case, CaseStatus, EscalationTarget, NoticeSource
from inbox.moments import read, stamp
from inbox.store import cases as case_store
from inbox.store.database import Database
from nlp.taxonomy import Category

CSV_COLUMNS = (
    "case_id",
    "status",
    "priority",
    "category",
    "origin",
    "channel",
    "received_at",
    "first_review_at",
    "decided_at",
    "closed_at",
    "sla_due",
    "overdue",
    "outcome",
    "escalation_target",
    "notices",
    "reporters",
    "posts",
    "assignee",
)
# A spreadsheet runs cells starting with these as formulas; such cells get a leading quote.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

DEFAULT_LEGAL_GROUNDS: Mapping[Category, str] = {
    Category.DRUGS: "Opiumwet, artikelen 2 en 3 (handel in middelen van lijst I en II)",
    Category.WEAPONS: "Wet wapens en munitie, artikelen 13 en 26 (verboden wapens)",
    Category.DOCUMENTS: "Wetboek van Strafrecht, artikelen 225 en 231 (valse documenten)",
    Category.COUNTERFEIT_MONEY: "Wetboek van Strafrecht, artikelen 208 en 209 (valsemunterij)",
    Category.STOLEN_DATA: "Wetboek van Strafrecht, artikel 139g (heling van gegevens)",
    Category.MEDICINES: "Geneesmiddelenwet (handel in geneesmiddelen zonder vergunning)",
    Category.FIREWORKS: "Wet milieubeheer en Vuurwerkbesluit (verboden vuurwerk)",
    Category.OTHER_ILLEGAL: "Nederlands recht (zie de toelichting)",
    Category.NONE: "Nederlands recht (zie de toelichting)",
}
"""The ground a statement names when the investigator gave none with the decision."""

RESTRICTING_OUTCOMES = frozenset({CaseStatus.ACTIONED, CaseStatus.ESCALATED})
"""Decisions that restrict content and so get a statement of reasons (dismissals do not)."""


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def channel_link(channel: str) -> str:
    """A case's channel key as a link: ``@name`` -> ``https://t.me/name``."""
    if channel.startswith("@"):
        return f"https://t.me/{channel[1:]}"
    return f"https://t.me/{channel}"


def case_row(case: Case, now: datetime) -> dict[str, object]:
    """One CSV row of a case (no free text, no reporter)."""

    def when(moment: datetime | None) -> str:
        return "" if moment is None else stamp(moment)

    return {
        "case_id": case.id,
        "status": case.status.value,
        "priority": case.priority.name.lower(),
        "category": case.category.value,
        "origin": case.origin.value,
        "channel": channel_link(case.channel),
        "received_at": when(case.received_at),
        "first_review_at": when(case.first_review_at),
        "decided_at": when(case.decided_at),
        "closed_at": when(case.closed_at),
        "sla_due": when(case.sla_due),
        "overdue": "yes" if case.overdue(now) else "no",
        "outcome": "" if case.outcome is None else case.outcome.value,
        "escalation_target": "" if case.escalation_target is None else case.escalation_target,
        "notices": case.notices,
        "reporters": case.reporters,
        "posts": case.posts,
        "assignee": case.assignee or "",
    }


async def write_cases_csv(
    db: Database,
    path: Path,
    *,
    now: datetime,
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """Write cases received in ``[since, until)`` (all by default) to ``path``; the file
    appears whole or not at all. Returns the number of cases written."""
    rows = await case_store.received_between(
        db.conn, None if since is None else stamp(since), None if until is None else stamp(until)
    )
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in case_row(to_case(row), now).items()})
    return len(rows)


def _content_date(case: Case, posts: Sequence[EvidenceEntry]) -> date:
    dates = [read(str(p.snapshot["post"]["date"])).date() for p in posts]
    return min(dates) if dates else case.received_at.date()


def _language(posts: Sequence[EvidenceEntry]) -> str | None:
    for post in posts:
        analysis = post.analysis
        lang = analysis.get("lang") if analysis else None
        if isinstance(lang, str) and len(lang) == 2 and lang.isascii() and lang.isalpha():
            return lang.lower()
    return None


def _post_facts(post: EvidenceEntry) -> str:
    where = post.url or f"post {post.message_id} of private channel {post.channel_id}"
    line = f"- {where}, posted {post.snapshot['post']['date']}, preserved with sha256 "
    line += post.snapshot_sha256
    analysis = post.analysis
    if analysis and analysis.get("offer"):
        line += f"; automated analysis: offer of {analysis.get('category')}"
        line += f" (score {float(analysis.get('score', 0)):.2f})"
        reasons = [str(r) for r in analysis.get("reasons", [])]
        if reasons:
            line += ": " + "; ".join(reasons)
    return line


def decision_for(case: Case, posts: Sequence[EvidenceEntry]) -> dsa.Decision:
    """The statement-of-reasons view of a case decided with a restriction."""
    if case.decided_at is None or case.outcome not in RESTRICTING_OUTCOMES:
        raise ValueError(f"case {case.id} has no decision that restricts content")
    facts = [
        f"Case {case.id}: {case.notices} notice(s) from {case.reporters} reporter(s) about"
        f" Telegram channel {channel_link(case.channel)}; {len(posts)} post(s) preserved."
    ]
    facts += [_post_facts(p) for p in posts]
    explanation = case.decision_reason or "The content offers a product whose trade is illegal."
    return dsa.Decision(
        case_id=case.id,
        category=case.category,
        decided_at=case.decided_at,
        content_date=_content_date(case, posts),
        legal_ground=case.legal_ground or DEFAULT_LEGAL_GROUNDS[case.category],
        explanation=explanation,
        facts="\n".join(facts),
        source=case.origin.value,
        automated_detection=case.origin is NoticeSource.MONITOR,
        automated_decision="not",
        language=_language(posts),
        territorial_scope=("NL",),
    )


async def statements(
    db: Database, *, since: datetime | None = None, until: datetime | None = None
) -> list[dict[str, object]]:
    """Statements of reasons for cases first decided in ``[since, until)`` with a
    restricting outcome (actioned or escalated), in decision order."""
    rows = await case_store.decided_between(
        db.conn, None if since is None else stamp(since), None if until is None else stamp(until)
    )
    result = []
    for row in rows:
        case = to_case(row)
        if case.outcome in RESTRICTING_OUTCOMES:
            posts = await evidence_of_case(db.conn, case.id)
            result.append(dsa.build_statement(decision_for(case, posts)))
    return result


async def write_statements(
    db: Database,
    path: Path,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """Write the statements (validated, all or nothing) as JSON lines to ``path``."""
    return dsa.write_statements_jsonl(await statements(db, since=since, until=until), path)


@dataclass(frozen=True, slots=True)
class NoticeFile:
    """Article 16 notices of one case, one per preserved post."""

    case_id: str
    notices: tuple[dsa.Article16Notice, ...]

    def text(self) -> str:
        """All notices as plain text, separated by a rule."""
        return ("\n" + "-" * 72 + "\n\n").join(dsa.notice_text(n) for n in self.notices)

    def data(self) -> list[dict[str, Any]]:
        """All notices as JSON-ready dicts."""
        return [dsa.notice_dict(n) for n in self.notices]


def _location(post: EvidenceEntry) -> Location:
    username = post.snapshot["channel"]["username"]
    if username:
        return Location(str(username).lower(), None, post.message_id)
    return Location(None, int(post.snapshot["channel"]["tg_id"]), post.message_id)


def platform_notices(
    case: Case,
    posts: Sequence[EvidenceEntry],
    *,
    sender: dsa.Notifier | None,
    now: datetime,
) -> NoticeFile:
    """Article 16 notices for a case escalated to the platform, one per preserved post.

    Raises ``ValueError`` when the case was not escalated to the platform or has no post.
    """
    if case.escalation_target is not EscalationTarget.PLATFORM:
        raise ValueError(f"case {case.id} was not escalated to the platform")
    if not posts:
        raise ValueError(f"case {case.id} has no preserved post to give as the exact location")
    notices = []
    for post in posts:
        reasons = [str(r) for r in (post.analysis or {}).get("reasons", [])]
        explanation = case.decision_reason or "The post offers a product whose trade is illegal."
        if reasons:
            explanation += "\n\nWhat the post shows:\n" + "\n".join(f"- {r}" for r in reasons)
        notices.append(
            dsa.Article16Notice(
                case_id=case.id,
                category=case.category,
                location=_location(post),
                explanation=explanation,
                notifier=sender,
                good_faith=True,
                submitted_at=now,
                evidence_sha256=post.snapshot_sha256,
                content_date=read(str(post.snapshot["post"]["date"])).date(),
                preserved_at=post.created_at,
                excerpt=post.text or None,
            )
        )
    return NoticeFile(case.id, tuple(notices))
