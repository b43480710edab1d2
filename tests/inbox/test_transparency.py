"""The transparency report over a known history on a real SQLite file: counts by source and
category, proactive share, speed, outcomes; JSON with stable keys and HTML with SVG charts."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from inbox.model import EscalationTarget, Notice, NoticeSource
from inbox.service import Inbox
from inbox.transparency import Durations, render_html, render_json
from nlp.taxonomy import Category
from tests.inbox.support import INVESTIGATOR, START, Clock


def test_durations_median_and_nearest_rank_p90() -> None:
    assert Durations(tuple(float(h) for h in range(1, 11))).p90 == 9.0
    assert Durations((4.0, 1.0, 3.0, 2.0)).median == 2.5
    assert Durations((5.0,)).p90 == 5.0
    assert (Durations(()).median, Durations(()).p90, Durations(()).count) == (None, None, 0)


async def history(inbox: Inbox, clock: Clock) -> None:
    """Five notices: one before the period, four in it (see the figures below)."""
    clock.now = START - timedelta(days=2)
    await inbox.submit(Notice("@te_vroeg", "oud", NoticeSource.TRUSTED_FLAGGER))
    clock.now = START
    a = (await inbox.submit(Notice("@kanaal_a", "drugs", NoticeSource.CITIZEN))).case_id
    clock.now = START + timedelta(hours=1)
    b = (
        await inbox.submit(
            Notice("@kanaal_b", "wapens", NoticeSource.AUTHORITY, category=Category.WEAPONS)
        )
    ).case_id
    clock.now = START + timedelta(hours=1, minutes=30)
    await inbox.claim(b, INVESTIGATOR)
    clock.now = START + timedelta(hours=2)
    await inbox.claim(a, INVESTIGATOR)
    await inbox.submit(Notice("@kanaal_c", "menu", NoticeSource.MONITOR))
    clock.now = START + timedelta(hours=3)
    await inbox.submit(Notice("@kanaal_a", "nog steeds", NoticeSource.CITIZEN))
    clock.now = START + timedelta(hours=5)
    await inbox.dismiss(a, INVESTIGATOR, reason="geen aanbod")
    clock.now = START + timedelta(hours=31)
    await inbox.escalate(b, EscalationTarget.PLATFORM, INVESTIGATOR, reason="vuurwapens")
    clock.now = START + timedelta(days=3)


async def test_figures_over_a_period(inbox: Inbox, clock: Clock) -> None:
    await history(inbox, clock)

    report = await inbox.transparency(since=START - timedelta(hours=1))
    figures = report.to_dict()

    assert figures["notices"]["total"] == 4
    assert figures["notices"]["by_source"] == {
        "citizen": 2,
        "monitor": 1,
        "trusted_flagger": 0,
        "authority": 1,
    }
    assert figures["notices"]["by_category"]["weapons"] == 1
    assert figures["notices"]["by_category"]["none"] == 3
    assert figures["cases"]["total"] == 3
    assert figures["cases"]["by_source"]["trusted_flagger"] == 0
    assert figures["proactive"] == {"monitor_notices": 1, "notified_notices": 3, "share": 0.25}
    assert figures["time_to_first_review_hours"] == {"count": 2, "median": 1.25, "p90": 2.0}
    assert figures["time_to_decision_hours"] == {"count": 2, "median": 17.5, "p90": 30.0}
    assert figures["decided_within_24h"] == {"cases": 1, "of_cases": 3, "share": 0.3333}
    assert figures["outcomes"]["by_status"] == {
        "new": 1,
        "in_review": 0,
        "escalated": 1,
        "actioned": 0,
        "dismissed": 1,
        "closed": 0,
    }
    assert figures["outcomes"]["by_outcome"] == {
        "escalated": 1,
        "actioned": 0,
        "dismissed": 1,
        "undecided": 1,
    }
    assert figures["outcomes"]["by_escalation_target"] == {
        "police": 0,
        "regulator": 0,
        "platform": 1,
    }


async def test_all_time_includes_everything_and_an_empty_period_has_no_shares(
    inbox: Inbox, clock: Clock
) -> None:
    await history(inbox, clock)
    assert (await inbox.transparency()).notices == 5
    empty = (
        await inbox.transparency(since=START + timedelta(days=10), until=START + timedelta(days=11))
    ).to_dict()
    assert empty["notices"]["total"] == 0
    assert empty["proactive"]["share"] is None
    assert empty["time_to_decision_hours"] == {"count": 0, "median": None, "p90": None}
    with pytest.raises(ValueError, match="period is empty"):
        await inbox.transparency(since=START, until=START)


async def test_json_keeps_its_keys_whatever_the_data(inbox: Inbox, clock: Clock) -> None:
    empty = json.loads(render_json(await inbox.transparency()))
    await history(inbox, clock)
    full = json.loads(render_json(await inbox.transparency()))

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        return None

    assert list(full) == [
        "period",
        "generated_at",
        "notices",
        "cases",
        "proactive",
        "time_to_first_review_hours",
        "time_to_decision_hours",
        "decided_within_24h",
        "outcomes",
    ]
    assert shape(empty) == shape(full)


async def test_html_page_has_the_figures_and_inline_svg_charts(inbox: Inbox, clock: Clock) -> None:
    await history(inbox, clock)
    page = render_html(await inbox.transparency(since=START - timedelta(hours=1)))

    assert page.startswith("<!doctype html>")
    assert page.count("<svg") == 6 and "&lt;svg" not in page
    assert "Decided within 24 hours: 1 of 3 cases (33.3%)" in page
    assert "25.0% proactive" in page
    assert "<script" not in page
