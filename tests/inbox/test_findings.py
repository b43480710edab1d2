"""Proactive findings on a real SQLite file with the real analyser: archived offers become
monitor notices through the same intake, once."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from inbox.analysing import Analyser
from inbox.archive import Archive
from inbox.fetching import PreviewPostFetcher
from inbox.findings import scan_archive
from inbox.model import NoticeSource
from inbox.priority import notice_priority
from inbox.service import Inbox, InboxConfig
from inbox.store import Database
from monitors import Channel, Post, Source
from nlp.taxonomy import Category
from tests.inbox.support import OFFER_TEXT, PLAIN_TEXT, Clock
from tests.telegram.webpreview_server import WebPreviewServer

PUBLIC = Channel(id=880001, username="menu_kanaal", title="Menu")
EXPORTED = Channel(id=990001, username=None, title="Besloten groep", source=Source.EXPORT)


def post(channel: Channel, message_id: int, text: str) -> Post:
    return Post(
        channel=channel,
        message_id=message_id,
        date=datetime(2026, 3, 1, 10, message_id, tzinfo=UTC),
        text=text,
        source=channel.source,
    )


def count(db: Database, statement: str) -> object:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return conn.execute(statement).fetchone()[0]


async def test_offers_become_monitor_notices_and_the_rest_is_only_analysed(
    inbox: Inbox,
    db: Database,
    clock: Clock,
    analyser: Analyser,
    webpreview_server: WebPreviewServer,
) -> None:
    await Archive(db, clock=clock).add([post(PUBLIC, 1, PLAIN_TEXT), post(PUBLIC, 2, OFFER_TEXT)])
    expected = analyser(OFFER_TEXT)
    assert expected.offer and expected.score >= inbox.config.offer_threshold

    result = await inbox.scan_archive()

    assert (result.analysed, result.notices, result.skipped) == (2, 1, 0)
    assert webpreview_server.requests == []
    [case] = await inbox.queue()
    assert (case.origin, case.category, case.posts, case.reporters) == (
        NoticeSource.MONITOR,
        Category.DRUGS,
        1,
        1,
    )
    assert case.priority is notice_priority(NoticeSource.MONITOR, offer=True, score=expected.score)
    [notice] = await inbox.notices(case.id)
    assert notice.location == "https://t.me/menu_kanaal/2"
    assert notice.good_faith and not notice.named
    assert all(reason in notice.explanation for reason in expected.reasons)
    trail = await inbox.audit_trail(case.id)
    assert {e.actor for e in trail if e.action == "notice_attached"} == {"scan"}


async def test_scanning_twice_adds_nothing_and_an_edit_is_analysed_but_not_reported_again(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    archive = Archive(db, clock=clock)
    await archive.add([post(PUBLIC, 2, OFFER_TEXT)])
    await inbox.scan_archive()

    again = await inbox.scan_archive()
    assert (again.analysed, again.notices) == (0, 0)

    await archive.add([replace(post(PUBLIC, 2, OFFER_TEXT + "\nNu ook XTC €5"), edited=True)])
    after_edit = await inbox.scan_archive()
    assert (after_edit.analysed, after_edit.notices) == (1, 0)
    assert count(db, "SELECT count(*) FROM notices") == 1
    assert count(db, "SELECT count(*) FROM post_analyses") == 2
    assert count(db, "SELECT count(*) FROM findings") == 1


WEAK_OFFER = "Wiet te koop, 5g voor €45"
"""An offer, but a less certain one than a full menu."""


async def test_nothing_is_reported_below_the_threshold(
    inbox: Inbox, db: Database, clock: Clock, analyser: Analyser, fetcher: PreviewPostFetcher
) -> None:
    strict = Inbox(
        db,
        Archive(db, clock=clock),
        analyser,
        fetcher,
        clock=clock,
        config=InboxConfig(offer_threshold=0.95),
    )
    await Archive(db, clock=clock).add([post(PUBLIC, 2, WEAK_OFFER)])
    weak = analyser(WEAK_OFFER)
    assert weak.offer and inbox.config.offer_threshold <= weak.score < 0.95

    result = await strict.scan_archive()

    assert (result.analysed, result.notices) == (1, 0)
    assert count(db, "SELECT count(*) FROM notices") == 0
    lenient = await inbox.scan_archive()  # the default threshold (0.7) takes it
    assert (lenient.analysed, lenient.notices) == (0, 1)


async def test_posts_of_channels_without_username_are_reported_by_internal_id(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    await Archive(db, clock=clock).add([post(EXPORTED, 31, OFFER_TEXT)])

    result = await inbox.scan_archive(batch_size=1)

    assert result.notices == 1
    [case] = await inbox.queue()
    assert case.channel == "c/990001"
    assert case.posts == 1  # archived already, so attached although private
    [notice] = await inbox.notices(case.id)
    assert notice.location == "https://t.me/c/990001/31"


async def test_many_posts_in_small_batches(inbox: Inbox, db: Database, clock: Clock) -> None:
    posts = [post(PUBLIC, i, OFFER_TEXT if i % 2 else PLAIN_TEXT) for i in range(1, 8)]
    await Archive(db, clock=clock).add(posts)

    result = await inbox.scan_archive(batch_size=2)

    assert (result.analysed, result.notices) == (7, 4)
    [case] = await inbox.queue()
    assert (case.notices, case.posts, case.reporters) == (4, 4, 1)


async def test_scan_checks_its_arguments(
    db: Database, inbox: Inbox, analyser: Analyser, clock: Clock
) -> None:
    with pytest.raises(ValueError, match="threshold"):
        await scan_archive(db, inbox, analyser, clock=clock, threshold=1.5)
    with pytest.raises(ValueError, match="batch_size"):
        await scan_archive(db, inbox, analyser, clock=clock, threshold=0.5, batch_size=0)
