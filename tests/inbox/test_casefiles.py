"""Case exports on a real SQLite file: the cases CSV, statements of reasons valid against the
DSA enumerations, and Article 16 notices for escalations to the platform."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from inbox.archive import Archive
from inbox.casefiles import CSV_COLUMNS
from inbox.dsa import GOOD_FAITH_STATEMENT, Notifier, load_enums, validate_statement
from inbox.model import Actor, EscalationTarget, Notice, NoticeSource, Role
from inbox.service import Inbox
from inbox.store import Database
from monitors import Channel, Post
from tests.inbox.support import INVESTIGATOR, OFFER_TEXT, Clock

CHANNEL = Channel(id=660001, username="export_kanaal", title="Export")
SENDER = Notifier("Meldpunt", "meldingen@meldpunt.example")


async def decided_case(inbox: Inbox, db: Database, clock: Clock, *, to: str) -> str:
    """A citizen's notice about an archived offer, claimed and decided one hour later."""
    await Archive(db, clock=clock).add(
        [Post(CHANNEL, 9, datetime(2026, 2, 28, 22, 0, tzinfo=UTC), text=OFFER_TEXT)]
    )
    receipt = await inbox.submit(
        Notice("t.me/export_kanaal/9", "verkoopt cocaïne", NoticeSource.CITIZEN, good_faith=True)
    )
    await inbox.claim(receipt.case_id, INVESTIGATOR)
    clock.advance(hours=1)
    if to == "platform":
        await inbox.escalate(
            receipt.case_id, EscalationTarget.PLATFORM, INVESTIGATOR, reason="Aanbod van harddrugs."
        )
    elif to == "actioned":
        await inbox.action(
            receipt.case_id,
            INVESTIGATOR,
            reason="Aanbod van harddrugs, verwijderd.",
            legal_ground="Opiumwet art. 2 en 10",
        )
    else:
        await inbox.dismiss(receipt.case_id, INVESTIGATOR, reason="geen aanbod")
    return receipt.case_id


async def test_cases_csv_has_one_row_per_case_and_no_formulas(
    inbox: Inbox, db: Database, clock: Clock, tmp_path: Path
) -> None:
    case_id = await decided_case(inbox, db, clock, to="actioned")
    await inbox.submit(Notice("@open_kanaal", "wapens", NoticeSource.AUTHORITY))
    await inbox.claim(case_id, Actor("=HYPERLINK(1)", Role.ADMIN))
    clock.advance(hours=2)
    path = tmp_path / "cases.csv"

    assert await inbox.write_cases_csv(path) == 2

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        first, second = list(reader)
    assert (first["case_id"], first["status"], first["outcome"]) == (
        case_id,
        "actioned",
        "actioned",
    )
    assert first["channel"] == "https://t.me/export_kanaal"
    assert (first["notices"], first["reporters"], first["posts"]) == ("1", "1", "1")
    assert first["assignee"] == "'=HYPERLINK(1)"
    assert (first["overdue"], second["overdue"]) == ("no", "yes")
    assert (second["priority"], second["origin"]) == ("urgent", "authority")
    assert "verkoopt" not in path.read_text(encoding="utf-8")


async def test_statements_for_restricting_decisions_are_valid(
    inbox: Inbox, db: Database, clock: Clock, tmp_path: Path
) -> None:
    actioned = await decided_case(inbox, db, clock, to="actioned")
    await inbox.close(actioned, INVESTIGATOR)
    dismissed = (await inbox.submit(Notice("@leeg_kanaal", "x", NoticeSource.CITIZEN))).case_id
    await inbox.dismiss(dismissed, INVESTIGATOR, reason="niets te zien")

    [statement] = await inbox.statements()

    assert validate_statement(statement, load_enums()) == []
    assert statement["puid"] == actioned
    assert statement["source_type"] == "SOURCE_ARTICLE_16"
    assert statement["category"] == "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"
    assert statement["illegal_content_legal_ground"] == "Opiumwet art. 2 en 10"
    assert statement["content_date"] == "2026-02-28"
    assert statement["application_date"] == clock.now.date().isoformat()
    assert statement["automated_detection"] == "No"
    assert "https://t.me/export_kanaal/9" in str(statement["decision_facts"])
    path = tmp_path / "statements.jsonl"
    assert await inbox.write_statements(path) == 1
    assert json.loads(path.read_text(encoding="utf-8")) == statement


async def test_statements_of_monitor_findings_say_detection_was_automated(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    await Archive(db, clock=clock).add(
        [Post(CHANNEL, 9, datetime(2026, 2, 28, 22, 0, tzinfo=UTC), text=OFFER_TEXT)]
    )
    await inbox.scan_archive()
    [case] = await inbox.queue()
    await inbox.claim(case.id, INVESTIGATOR)
    await inbox.escalate(case.id, EscalationTarget.POLICE, INVESTIGATOR, reason="Harddrugs.")

    [statement] = await inbox.statements()

    assert validate_statement(statement) == []
    assert (statement["source_type"], statement["automated_detection"]) == (
        "SOURCE_VOLUNTARY",
        "Yes",
    )
    assert str(statement["illegal_content_legal_ground"]).startswith("Opiumwet")


async def test_statements_by_decision_period(inbox: Inbox, db: Database, clock: Clock) -> None:
    await decided_case(inbox, db, clock, to="actioned")
    decided = clock.now
    assert len(await inbox.statements(since=decided)) == 1
    assert await inbox.statements(until=decided) == []
    assert await inbox.statements(since=decided + timedelta(seconds=1)) == []


async def test_platform_notice_carries_the_article_16_elements(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    case_id = await decided_case(inbox, db, clock, to="platform")
    [entry] = await inbox.evidence(case_id)

    notices = await inbox.platform_notices(case_id, sender=SENDER)

    text = notices.text()
    assert "https://t.me/export_kanaal/9" in text
    assert "Aanbod van harddrugs." in text
    assert entry.snapshot_sha256 in text
    assert "E-mail: meldingen@meldpunt.example" in text
    assert GOOD_FAITH_STATEMENT in text
    [data] = notices.data()
    assert data["case_id"] == case_id
    assert data["location"] == {
        "url": "https://t.me/export_kanaal/9",
        "channel_username": "export_kanaal",
        "channel_id": None,
        "message_id": 9,
        "content_date": "2026-02-28",
        "excerpt": OFFER_TEXT,
    }
    assert data["evidence"]["sha256"] == entry.snapshot_sha256
    anonymous = (await inbox.platform_notices(case_id, sender=None)).data()[0]
    assert anonymous["anonymous"] is True


async def test_platform_notices_only_for_platform_escalations_with_a_post(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    dismissed = await decided_case(inbox, db, clock, to="dismissed")
    with pytest.raises(ValueError, match="not escalated to the platform"):
        await inbox.platform_notices(dismissed, sender=SENDER)
    bare = (await inbox.submit(Notice("@zonder_posts", "kanaal", NoticeSource.CITIZEN))).case_id
    await inbox.claim(bare, INVESTIGATOR)
    await inbox.escalate(bare, EscalationTarget.PLATFORM, INVESTIGATOR, reason="kanaal")
    with pytest.raises(ValueError, match="no preserved post"):
        await inbox.platform_notices(bare, sender=SENDER)
