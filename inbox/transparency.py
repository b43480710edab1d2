"""The transparency report: how many notices and cases, from whom, about what, how fast and
with what outcome, over a period; as JSON (stable keys) and as an HTML page with SVG charts.

Definitions (also printed on the page):

- notices and cases count when *received* in ``[since, until)``; cases by source count the
  source of their first notice;
- proactive share: notices from our own monitor over all notices;
- time to first review and to decision: hours from a case's first notice to its first move to
  ``in_review`` and to its first decision (escalated, actioned or dismissed), over the cases
  that got there; median and 90th percentile (nearest rank);
- decided within 24 h: cases decided within 24 hours of receipt, over all cases received;
- outcomes: cases by current status, by last decision, and escalations by target.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from inbox import charts
from inbox.model import DECIDED, CaseStatus, EscalationTarget, NoticeSource
from inbox.moments import read, read_optional, stamp
from inbox.store import cases as case_store
from inbox.store import notices as notice_store
from inbox.store.database import Database
from nlp.taxonomy import Category

WITHIN = timedelta(hours=24)
UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class Durations:
    """Hours to reach a step, over the cases that reached it."""

    hours: tuple[float, ...]

    @property
    def count(self) -> int:
        """How many cases reached the step."""
        return len(self.hours)

    @property
    def median(self) -> float | None:
        """The median in hours, None without data."""
        return statistics.median(self.hours) if self.hours else None

    @property
    def p90(self) -> float | None:
        """The 90th percentile in hours (nearest rank), None without data."""
        if not self.hours:
            return None
        ordered = sorted(self.hours)
        return ordered[math.ceil(0.9 * len(ordered)) - 1]

    def to_dict(self) -> dict[str, Any]:
        """Count, median and p90, rounded to minutes' precision."""
        return {"count": self.count, "median": _round(self.median), "p90": _round(self.p90)}


@dataclass(frozen=True, slots=True)
class TransparencyReport:
    """The figures of one period; ``since`` None means from the start."""

    since: datetime | None
    until: datetime
    generated_at: datetime
    notices_by_source: Mapping[str, int]
    notices_by_category: Mapping[str, int]
    cases_by_source: Mapping[str, int]
    cases_by_category: Mapping[str, int]
    first_review: Durations
    decision: Durations
    decided_within_24h: int
    by_status: Mapping[str, int]
    by_outcome: Mapping[str, int]
    by_escalation_target: Mapping[str, int]

    @property
    def notices(self) -> int:
        """Notices received in the period."""
        return sum(self.notices_by_source.values())

    @property
    def cases(self) -> int:
        """Cases received in the period."""
        return sum(self.cases_by_source.values())

    @property
    def proactive(self) -> int:
        """Notices from our own monitoring."""
        return self.notices_by_source[NoticeSource.MONITOR.value]

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data; every key is always present, in a fixed order."""
        notified = self.notices - self.proactive
        return {
            "period": {
                "since": None if self.since is None else stamp(self.since),
                "until": stamp(self.until),
            },
            "generated_at": stamp(self.generated_at),
            "notices": {
                "total": self.notices,
                "by_source": dict(self.notices_by_source),
                "by_category": dict(self.notices_by_category),
            },
            "cases": {
                "total": self.cases,
                "by_source": dict(self.cases_by_source),
                "by_category": dict(self.cases_by_category),
            },
            "proactive": {
                "monitor_notices": self.proactive,
                "notified_notices": notified,
                "share": _share(self.proactive, self.notices),
            },
            "time_to_first_review_hours": self.first_review.to_dict(),
            "time_to_decision_hours": self.decision.to_dict(),
            "decided_within_24h": {
                "cases": self.decided_within_24h,
                "of_cases": self.cases,
                "share": _share(self.decided_within_24h, self.cases),
            },
            "outcomes": {
                "by_status": dict(self.by_status),
                "by_outcome": dict(self.by_outcome),
                "by_escalation_target": dict(self.by_escalation_target),
            },
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _counts(values: Iterable[str], keys: Sequence[str]) -> dict[str, int]:
    """Counts for every key in ``keys`` (zeros included), in that order."""
    found = Counter(values)
    return {key: found.get(key, 0) for key in keys}


_SOURCES = [s.value for s in NoticeSource]
_CATEGORIES = [c.value for c in Category]
_STATUSES = [s.value for s in CaseStatus]
_OUTCOMES = [s.value for s in CaseStatus if s in DECIDED] + [UNDECIDED]
_TARGETS = [t.value for t in EscalationTarget]


async def transparency_report(
    db: Database, *, since: datetime | None, until: datetime, now: datetime
) -> TransparencyReport:
    """The figures for notices and cases received in ``[since, until)``."""
    if since is not None and since >= until:
        raise ValueError("the report period is empty: 'since' must be before 'until'")
    low = None if since is None else stamp(since)
    high = stamp(until)
    notices = await notice_store.received_between(db.conn, low, high)
    cases = await case_store.received_between(db.conn, low, high)
    review_hours: list[float] = []
    decision_hours: list[float] = []
    within = 0
    for case in cases:
        received = read(case.received_at)
        reviewed = read_optional(case.first_review_at)
        decided = read_optional(case.decided_at)
        if reviewed is not None:
            review_hours.append((reviewed - received).total_seconds() / 3600)
        if decided is not None:
            decision_hours.append((decided - received).total_seconds() / 3600)
            within += decided - received <= WITHIN
    return TransparencyReport(
        since=since,
        until=until,
        generated_at=now,
        notices_by_source=_counts((n.source for n in notices), _SOURCES),
        notices_by_category=_counts((n.category for n in notices), _CATEGORIES),
        cases_by_source=_counts((c.origin for c in cases), _SOURCES),
        cases_by_category=_counts((c.category for c in cases), _CATEGORIES),
        first_review=Durations(tuple(review_hours)),
        decision=Durations(tuple(decision_hours)),
        decided_within_24h=within,
        by_status=_counts((c.status for c in cases), _STATUSES),
        by_outcome=_counts((c.outcome or UNDECIDED for c in cases), _OUTCOMES),
        by_escalation_target=_counts(
            (c.escalation_target for c in cases if c.escalation_target), _TARGETS
        ),
    )


def render_json(report: TransparencyReport) -> str:
    """The report as indented JSON text, keys in a fixed order."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _labelled(counts: Mapping[str, int]) -> list[tuple[str, float]]:
    return [(key.replace("_", " "), float(value)) for key, value in counts.items()]


CHART_TEXTS: Mapping[str, str] = {
    "notices_by_source": "Notices by source",
    "notices_by_category": "Notices by category",
    "proactive_and_notified": "Proactive and notified",
    "proactive": "proactive (monitor)",
    "notified": "notified",
    "first_review": "Time to first review",
    "decision": "Time to decision",
    "outcomes": "Outcomes",
}
"""The words the charts draw (English); a page in another language passes its own."""


def report_charts(
    report: TransparencyReport, texts: Mapping[str, str] = CHART_TEXTS
) -> dict[str, Markup]:
    """The report's SVG charts by name, safe to insert into an autoescaped template.

    ``texts`` holds the titles and labels under the keys of :data:`CHART_TEXTS`.
    """
    svgs = {
        "notices_by_source": charts.bar_chart(
            texts["notices_by_source"], _labelled(report.notices_by_source)
        ),
        "notices_by_category": charts.bar_chart(
            texts["notices_by_category"], _labelled(report.notices_by_category)
        ),
        "proactive": charts.stacked_share(
            texts["proactive_and_notified"],
            [
                (texts["proactive"], float(report.proactive)),
                (texts["notified"], float(report.notices - report.proactive)),
            ],
        ),
        "first_review": charts.duration_bars(texts["first_review"], report.first_review.hours),
        "decision": charts.duration_bars(texts["decision"], report.decision.hours),
        "outcomes": charts.bar_chart(texts["outcomes"], _labelled(report.by_outcome)),
    }
    # The chart module escapes every text it draws; the SVG itself is trusted markup.
    return {name: Markup(svg) for name, svg in svgs.items()}  # noqa: S704


_ENVIRONMENT = Environment(
    loader=PackageLoader("inbox", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(report: TransparencyReport) -> str:
    """The report as one self-contained HTML page (no scripts, no external resources)."""
    template = _ENVIRONMENT.get_template("transparency.html")
    return template.render(report=report, figures=report.to_dict(), charts=report_charts(report))
