"""The intake on a real SQLite file, fetching through the real web-preview client from the
loopback fake of t.me: one entry for every source, cases per channel, a notice never lost."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from inbox.archive import Archive
from inbox.errors import InvalidNotice
from inbox.locations import InvalidLocation
from inbox.model import (
    CaseStatus,
    Enrichment,
    Notice,
    NoticeSource,
    Notifier,
    Priority,
)
from inbox.service import Inbox
from inbox.store import Database
from monitors import Channel, Post
from nlp.taxonomy import Category
from tests.inbox.support import INVESTIGATOR, OFFER_TEXT, Clock
from tests.telegram.webpreview_server import Reply, Request, WebPreviewServer

TG_CHANNEL_ID = 1005640892
"""Telegram's id of @telegram, as its saved preview page shows it."""


def citizen(location: str, **kw: object) -> Notice:
    return Notice(
        location=location,
        explanation="Dit kanaal verkoopt drugs.",
        source=NoticeSource.CITIZEN,
        good_faith=True,
        **kw,  # type: ignore[arg-type]
    )


def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return conn.execute(sql).fetchall()


async def archive_offer(db: Database, clock: Clock, username: str = "snelle_bezorger") -> Post:
    post = Post(
        channel=Channel(id=777001, username=username, title="Snel"),
        message_id=12,
        date=datetime(2026, 3, 1, 20, 0, tzinfo=UTC),
        text=OFFER_TEXT,
    )
    await Archive(db, clock=clock).add([post])
    return post


async def test_citizen_notice_fetches_archives_analyses_and_attaches_the_post(
    inbox: Inbox, db: Database, webpreview_server: WebPreviewServer
) -> None:
    receipt = await inbox.submit(citizen("https://t.me/s/Telegram/436?single"))

    assert receipt.case_id == "MP-2026-000001"
    assert receipt.created_case and len(receipt.receipt) >= 32
    assert webpreview_server.requests == [Request("/s/telegram", 437, "/s/telegram?before=437")]
    assert rows(db, "SELECT message_id, source FROM posts") == [(436, "webpreview")]
    assert rows(db, "SELECT message_id, version, offer FROM post_analyses") == [(436, 1, 0)]
    case = await inbox.case(receipt.case_id)
    assert case is not None
    assert (case.channel, case.status, case.notices, case.posts) == ("@telegram", "new", 1, 1)
    [notice] = await inbox.notices(receipt.case_id)
    assert notice.location == "https://t.me/telegram/436"
    assert notice.enrichment is Enrichment.ATTACHED
    [entry] = await inbox.evidence(receipt.case_id)
    assert entry.url == "https://t.me/telegram/436"
    assert entry.text.startswith("10+ Features for Polls")
    assert entry.snapshot["fetch"]["obtained"] == "fetched"


async def test_notices_about_the_same_post_merge_and_fetch_once(
    inbox: Inbox, db: Database, webpreview_server: WebPreviewServer
) -> None:
    first = await inbox.submit(citizen("t.me/telegram/436", reporter_key="a"))
    second = await inbox.submit(citizen("tg://resolve?domain=telegram&post=436", reporter_key="b"))
    channel = await inbox.submit(citizen("@telegram", reporter_key="a"))

    assert first.case_id == second.case_id == channel.case_id
    assert not second.created_case and not channel.created_case
    assert len(webpreview_server.requests) == 1
    assert rows(db, "SELECT count(*) FROM evidence") == [(1,)]
    case = await inbox.case(first.case_id)
    assert case is not None
    assert (case.notices, case.reporters, case.posts) == (3, 2, 1)
    states = [n.enrichment for n in await inbox.notices(first.case_id)]
    assert states == [Enrichment.ATTACHED, Enrichment.ATTACHED, Enrichment.CHANNEL_ONLY]


async def test_distinct_reporters_by_key_then_email_then_each_anonymous_notice(
    inbox: Inbox,
) -> None:
    anna = Notifier(name="Anna", email="Anna@Example.org")
    for notice in (
        citizen("@telegram", reporter_key="tg:1"),
        citizen("@telegram", reporter_key="tg:1"),
        citizen("@telegram", notifier=anna),
        citizen("@telegram", notifier=Notifier(email="anna@example.org")),
        citizen("@telegram"),
        citizen("@telegram"),
    ):
        receipt = await inbox.submit(notice)
    case = await inbox.case(receipt.case_id)
    assert case is not None
    assert (case.notices, case.reporters) == (6, 4)


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("https://evil.example/telegram/1", "not Telegram's"),
        ("https://t.me/+AbCdEf", "invite links"),
        ("t.me/telegram/0", "must be positive"),
        ("", "empty"),
    ],
)
async def test_unparsable_locations_are_refused_with_the_reason_and_store_nothing(
    inbox: Inbox, db: Database, webpreview_server: WebPreviewServer, location: str, reason: str
) -> None:
    with pytest.raises(InvalidLocation, match=reason):
        await inbox.submit(citizen(location))
    assert rows(db, "SELECT count(*) FROM notices") == [(0,)]
    assert rows(db, "SELECT count(*) FROM cases") == [(0,)]
    assert webpreview_server.requests == []


async def test_empty_or_oversized_explanations_are_refused(inbox: Inbox, db: Database) -> None:
    with pytest.raises(InvalidNotice, match="empty"):
        await inbox.submit(Notice("@telegram", "   ", NoticeSource.CITIZEN))
    with pytest.raises(InvalidNotice, match="at most 5000"):
        await inbox.submit(Notice("@telegram", "x" * 5001, NoticeSource.CITIZEN))
    assert rows(db, "SELECT count(*) FROM notices") == [(0,)]


async def test_a_failed_fetch_keeps_the_notice_and_a_retry_attaches_the_post(
    inbox: Inbox, db: Database, webpreview_server: WebPreviewServer
) -> None:
    webpreview_server.script("telegram", Reply(503), Reply(503))

    receipt = await inbox.submit(citizen("t.me/telegram/436"))

    [notice] = await inbox.notices(receipt.case_id)
    assert notice.enrichment is Enrichment.FAILED
    assert notice.enrichment_detail is not None and "FetchFailed" in notice.enrichment_detail
    trail = [(e.action, e.notice_id) for e in await inbox.audit_trail(receipt.case_id)]
    assert ("fetch_failed", receipt.notice_id) in trail
    assert rows(db, "SELECT count(*) FROM posts") == [(0,)]

    assert await inbox.retry_failed_enrichments() == {Enrichment.ATTACHED: 1}
    [notice] = await inbox.notices(receipt.case_id)
    assert notice.enrichment is Enrichment.ATTACHED
    assert rows(db, "SELECT count(*) FROM evidence") == [(1,)]


async def test_missing_posts_and_channels_without_preview_are_not_found(
    inbox: Inbox, webpreview_server: WebPreviewServer
) -> None:
    absent = await inbox.submit(citizen("t.me/telegram/434"))
    unknown = await inbox.submit(citizen("t.me/nobody_here/5"))

    for receipt in (absent, unknown):
        [notice] = await inbox.notices(receipt.case_id)
        assert notice.enrichment is Enrichment.NOT_FOUND
        actions = [e.action for e in await inbox.audit_trail(receipt.case_id)]
        assert actions[-1] == "post_not_found"
    assert absent.case_id != unknown.case_id


async def test_private_links_are_keyed_by_internal_id_and_never_fetched(
    inbox: Inbox, webpreview_server: WebPreviewServer
) -> None:
    receipt = await inbox.submit(citizen("https://t.me/c/123456789/5"))

    case = await inbox.case(receipt.case_id)
    assert case is not None and case.channel == "c/123456789"
    [notice] = await inbox.notices(receipt.case_id)
    assert notice.enrichment is Enrichment.UNAVAILABLE
    assert webpreview_server.requests == []


async def test_private_link_to_an_archived_channel_joins_its_case_and_attaches_the_post(
    inbox: Inbox, webpreview_server: WebPreviewServer
) -> None:
    public = await inbox.submit(citizen("t.me/telegram/436"))
    private = await inbox.submit(citizen(f"t.me/c/{TG_CHANNEL_ID}/436"))

    assert private.case_id == public.case_id
    assert len(webpreview_server.requests) == 1
    notices = await inbox.notices(public.case_id)
    assert [n.enrichment for n in notices] == [Enrichment.ATTACHED, Enrichment.ATTACHED]


async def test_a_closed_case_makes_the_next_notice_open_a_new_case(inbox: Inbox) -> None:
    first = await inbox.submit(citizen("@telegram"))
    await inbox.claim(first.case_id, INVESTIGATOR)
    await inbox.dismiss(first.case_id, INVESTIGATOR, reason="nieuwsberichten, geen aanbod")
    joined = await inbox.submit(citizen("@telegram"))
    assert joined.case_id == first.case_id  # dismissed is not closed: still gathers notices
    await inbox.close(first.case_id, INVESTIGATOR)

    again = await inbox.submit(citizen("@telegram"))

    assert again.created_case and again.case_id == "MP-2026-000002"


async def test_case_ids_count_up_per_year(inbox: Inbox, clock: Clock) -> None:
    a = await inbox.submit(citizen("@telegram"))
    b = await inbox.submit(citizen("@durov"))
    clock.now = datetime(2027, 1, 1, 0, 0, 1, tzinfo=UTC)
    c = await inbox.submit(citizen("@another_channel"))
    assert [a.case_id, b.case_id, c.case_id] == [
        "MP-2026-000001",
        "MP-2026-000002",
        "MP-2027-000001",
    ]


@pytest.mark.parametrize(
    ("source", "priority", "hours"),
    [
        (NoticeSource.AUTHORITY, Priority.URGENT, 1),
        (NoticeSource.TRUSTED_FLAGGER, Priority.HIGH, 12),
        (NoticeSource.MONITOR, Priority.NORMAL, 24),
        (NoticeSource.CITIZEN, Priority.LOW, 24),
    ],
)
async def test_priority_and_due_time_follow_the_source(
    inbox: Inbox, clock: Clock, source: NoticeSource, priority: Priority, hours: int
) -> None:
    receipt = await inbox.submit(Notice("@telegram", "verkoopt wapens", source))
    case = await inbox.case(receipt.case_id)
    assert case is not None
    assert (case.priority, case.origin) == (priority, source)
    assert case.sla_due == clock.now + timedelta(hours=hours)


async def test_priority_rises_with_a_weightier_notice_and_never_falls(
    inbox: Inbox, clock: Clock
) -> None:
    received = clock.now
    first = await inbox.submit(citizen("@telegram"))
    clock.advance(minutes=30)
    await inbox.submit(Notice("@telegram", "strafbaar aanbod", NoticeSource.AUTHORITY))
    clock.advance(minutes=30)
    await inbox.submit(citizen("@telegram"))

    case = await inbox.case(first.case_id)
    assert case is not None
    assert case.priority is Priority.URGENT
    assert case.sla_due == received + timedelta(hours=1)  # recomputed from the first notice
    assert inbox.overdue(case) is False
    clock.advance(minutes=1)
    assert inbox.overdue(case) is True
    raised = [e for e in await inbox.audit_trail(first.case_id) if e.action == "priority_raised"]
    assert [e.detail.split(":")[0] for e in raised] == ["LOW -> URGENT"]


async def test_a_citizen_notice_about_an_archived_offer_is_normal_and_sets_the_category(
    inbox: Inbox, db: Database, clock: Clock, webpreview_server: WebPreviewServer
) -> None:
    await archive_offer(db, clock)

    receipt = await inbox.submit(citizen("t.me/snelle_bezorger/12"))

    assert webpreview_server.requests == []  # archived already: not fetched again
    case = await inbox.case(receipt.case_id)
    assert case is not None
    assert (case.priority, case.category, case.posts) == (Priority.NORMAL, Category.DRUGS, 1)
    [entry] = await inbox.evidence(receipt.case_id)
    assert entry.snapshot["fetch"]["obtained"] == "archive"
    assert entry.analysis is not None and entry.analysis["offer"] is True


async def test_the_notifier_is_stored_but_not_shown_with_the_notices(
    inbox: Inbox, db: Database
) -> None:
    receipt = await inbox.submit(
        citizen("@telegram", notifier=Notifier("Piet", "piet@example.org", None, True))
    )
    [notice] = await inbox.notices(receipt.case_id)
    assert notice.named and notice.consent
    assert "piet@example.org" not in repr(notice)
    assert rows(db, "SELECT notifier_email FROM notices") == [("piet@example.org",)]


async def test_the_receipt_is_stored_only_as_a_hash(inbox: Inbox, tmp_path: Path) -> None:
    receipt = await inbox.submit(citizen("@telegram"))
    assert receipt.receipt.encode() not in (tmp_path / "inbox.sqlite3").read_bytes()
    assert await inbox.case_status(receipt.case_id, receipt.receipt) is not None


async def test_every_source_goes_through_the_same_entry(inbox: Inbox) -> None:
    for source in NoticeSource:
        receipt = await inbox.submit(Notice("@telegram", "aanbod", source), via=f"test-{source}")
        assert receipt.case_id == "MP-2026-000001"
    case = await inbox.case("MP-2026-000001")
    assert case is not None
    assert (case.notices, case.status) == (4, CaseStatus.NEW)
    vias = [e.actor for e in await inbox.audit_trail(case.id) if e.action == "notice_attached"]
    assert vias == [f"test-{s}" for s in NoticeSource]


async def test_enrichment_can_be_left_for_later(
    inbox: Inbox, webpreview_server: WebPreviewServer
) -> None:
    receipt = await inbox.submit(citizen("t.me/telegram/436"), enrich=False)

    [notice] = await inbox.notices(receipt.case_id)
    assert notice.enrichment is Enrichment.PENDING
    assert webpreview_server.requests == []
    assert await inbox.enrich(receipt.notice_id) is Enrichment.ATTACHED
    assert await inbox.enrich(receipt.notice_id) is Enrichment.ATTACHED  # once is enough
    assert len(webpreview_server.requests) == 1
