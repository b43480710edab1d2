"""Evidence on a real SQLite file: snapshots with every version, canonical JSON, a hash chain,
and tampering by hand with sqlite3 found by ``verify``."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from inbox import evidence
from inbox.archive import Archive
from inbox.model import Notice, NoticeSource
from inbox.service import Inbox
from inbox.store import Database
from monitors import Channel, Post
from tests.inbox.support import OFFER_TEXT, PLAIN_TEXT, Clock

CHANNEL = Channel(id=555001, username="bewijs_kanaal", title="Bewijs")


def post(message_id: int, text: str) -> Post:
    return Post(
        channel=CHANNEL,
        message_id=message_id,
        date=datetime(2026, 3, 1, 8, message_id, tzinfo=UTC),
        text=text,
    )


def sql(db: Database, statement: str, *args: object) -> list[tuple[object, ...]]:
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        return conn.execute(statement, args).fetchall()


async def three_entries(inbox: Inbox, db: Database, clock: Clock) -> None:
    archive = Archive(db, clock=clock)
    await archive.add([post(1, PLAIN_TEXT), post(2, OFFER_TEXT), post(3, "Nieuwe voorraad!")])
    for message_id in (1, 2, 3):
        clock.advance(minutes=5)
        await inbox.submit(
            Notice(f"t.me/bewijs_kanaal/{message_id}", "aanbod", NoticeSource.CITIZEN)
        )


def test_canonical_json_is_one_fixed_form() -> None:
    assert evidence.canonical_json({"b": [1, 2.5], "a": "é"}) == '{"a":"é","b":[1,2.5]}'
    with pytest.raises(ValueError):
        evidence.canonical_json({"x": float("nan")})


async def test_snapshot_holds_the_post_every_version_the_analysis_and_the_fetch(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    archive = Archive(db, clock=clock)
    await archive.add([post(7, "Wiet 5g")])
    clock.advance(hours=1)
    await archive.add([replace(post(7, OFFER_TEXT), edited=True)])
    clock.advance(hours=1)

    receipt = await inbox.submit(Notice("@bewijs_kanaal", "kanaal", NoticeSource.CITIZEN))
    await inbox.submit(Notice("t.me/bewijs_kanaal/7", "zie menu", NoticeSource.CITIZEN))

    [entry] = await inbox.evidence(receipt.case_id)
    snap = entry.snapshot
    assert snap["channel"] == {"tg_id": 555001, "username": "bewijs_kanaal", "title": "Bewijs"}
    assert (snap["post"]["message_id"], snap["post"]["text"], snap["post"]["version"]) == (
        7,
        OFFER_TEXT,
        2,
    )
    assert [(v["version"], v["text"]) for v in snap["versions"]] == [
        (1, "Wiet 5g"),
        (2, OFFER_TEXT),
    ]
    assert snap["analysis"]["offer"] is True
    assert snap["fetch"] == {
        "source": "webpreview",
        "fetched_at": "2026-03-02T09:00:00+00:00",
        "obtained": "archive",
        "attached_at": clock.now.isoformat(),
    }
    [(stored, digest)] = sql(db, "SELECT snapshot, snapshot_sha256 FROM evidence")
    assert isinstance(stored, str)
    assert stored == evidence.canonical_json(json.loads(stored))
    assert digest == hashlib.sha256(stored.encode()).hexdigest() == entry.snapshot_sha256


async def test_entries_are_chained_and_verify(inbox: Inbox, db: Database, clock: Clock) -> None:
    await three_entries(inbox, db, clock)

    chain = sql(db, "SELECT id, prev_hash, entry_hash FROM evidence ORDER BY id")
    assert [row[0] for row in chain] == [1, 2, 3]
    assert chain[0][1] == "0" * 64
    assert chain[1][1] == chain[0][2] and chain[2][1] == chain[1][2]
    result = await inbox.verify_evidence()
    assert (result.ok, result.entries, result.broken_id) == (True, 3, None)


async def test_sqlite_refuses_plain_edits_of_evidence(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    await three_entries(inbox, db, clock)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        sql(db, "UPDATE evidence SET snapshot = '{}' WHERE id = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        sql(db, "DELETE FROM evidence WHERE id = 3")


def tamper(db: Database, statement: str, *args: object) -> None:
    """Edit by hand as someone with the database file would: drop the guard, then edit."""
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        conn.execute("DROP TRIGGER evidence_no_update")
        conn.execute("DROP TRIGGER evidence_no_delete")
        conn.execute(statement, args)


async def test_an_edited_snapshot_is_found(inbox: Inbox, db: Database, clock: Clock) -> None:
    await three_entries(inbox, db, clock)
    tamper(db, "UPDATE evidence SET snapshot = replace(snapshot, 'Cocaine', 'Cacao') WHERE id = 2")

    result = await inbox.verify_evidence()

    assert (result.ok, result.broken_id, result.entries) == (False, 2, 1)
    assert result.problem == "its snapshot does not match the snapshot hash"
    assert result.missing_guards == ("evidence_no_update", "evidence_no_delete")


async def test_an_edit_with_a_recomputed_snapshot_hash_is_found(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    await three_entries(inbox, db, clock)
    [(text,)] = sql(db, "SELECT snapshot FROM evidence WHERE id = 2")
    forged = str(text).replace("Cocaine", "Cacao")
    digest = hashlib.sha256(forged.encode()).hexdigest()
    tamper(db, "UPDATE evidence SET snapshot = ?, snapshot_sha256 = ? WHERE id = 2", forged, digest)

    result = await inbox.verify_evidence()

    assert (result.broken_id, result.problem) == (2, "its entry hash does not match its contents")


async def test_a_rewritten_entry_breaks_the_link_to_the_next(
    inbox: Inbox, db: Database, clock: Clock
) -> None:
    await three_entries(inbox, db, clock)
    [(text, prev, case_id, channel_id, created)] = sql(
        db, "SELECT snapshot, prev_hash, case_id, channel_id, created_at FROM evidence WHERE id = 2"
    )
    forged = str(text).replace("Cocaine", "Cacao")
    digest = hashlib.sha256(forged.encode()).hexdigest()
    rehashed = evidence.entry_hash(
        str(prev),
        digest,
        entry_id=2,
        case_id=str(case_id),
        channel_id=int(str(channel_id)),
        message_id=2,
        created_at=str(created),
    )
    tamper(
        db,
        "UPDATE evidence SET snapshot = ?, snapshot_sha256 = ?, entry_hash = ? WHERE id = 2",
        forged,
        digest,
        rehashed,
    )

    result = await inbox.verify_evidence()

    assert result.broken_id == 3
    assert result.problem == "its previous-entry hash does not match the entry before it"


async def test_a_deleted_entry_is_found(inbox: Inbox, db: Database, clock: Clock) -> None:
    await three_entries(inbox, db, clock)
    tamper(db, "DELETE FROM evidence WHERE id = 2")
    result = await inbox.verify_evidence()
    assert (result.broken_id, result.entries) == (3, 1)


async def test_a_moved_entry_is_found(inbox: Inbox, db: Database, clock: Clock) -> None:
    await three_entries(inbox, db, clock)
    tamper(db, "UPDATE evidence SET case_id = 'MP-2026-000099' WHERE id = 1")
    result = await inbox.verify_evidence()
    assert (result.broken_id, result.problem) == (1, "its entry hash does not match its contents")


async def test_a_post_is_attached_once_per_case(inbox: Inbox, db: Database, clock: Clock) -> None:
    await Archive(db, clock=clock).add([post(2, OFFER_TEXT)])
    for _ in range(3):
        await inbox.submit(Notice("t.me/bewijs_kanaal/2", "menu", NoticeSource.CITIZEN))
    assert sql(db, "SELECT count(*) FROM evidence") == [(1,)]
