"""The archive on a real SQLite file: idempotent, versioned, never loses a row."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inbox.archive import Archive
from inbox.store import Database
from inbox.store.migrations import MIGRATIONS, applied, pending
from monitors import Channel, Checkpoint, Entity, ForwardedFrom, Media, Post, Source

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
CHANNEL = Channel(id=1001, username="plugNL", title="Plug", source=Source.WEBPREVIEW)


def post(message_id: int, text: str = "hello", **kw: object) -> Post:
    return Post(
        channel=CHANNEL,
        message_id=message_id,
        date=datetime(2026, 2, 1, 9, message_id % 60, tzinfo=UTC),
        text=text,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with Database.open(tmp_path / "m.sqlite3") as database:
        yield database


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


async def test_migrations_from_empty_are_recorded_and_not_repeated(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    async with Database.open(path) as db:
        assert await applied(db.conn) == [m.name for m in MIGRATIONS]
        assert await pending(db.conn, MIGRATIONS) == []
    async with Database.open(path) as db:  # reopening applies nothing twice
        assert await applied(db.conn) == [m.name for m in MIGRATIONS]
    assert rows(path, "PRAGMA journal_mode") == [("wal",)]


async def test_same_post_twice_is_one_row(db: Database) -> None:
    archive = Archive(db, clock=lambda: NOW)
    first = await archive.add([post(1), post(2)])
    again = await archive.add([post(1), post(2)])
    assert (first.new, first.unchanged) == (2, 0)
    assert (again.new, again.edited, again.unchanged) == (0, 0, 2)
    assert db.path is not None
    assert rows(db.path, "SELECT count(*) FROM posts") == [(2,)]
    assert rows(db.path, "SELECT count(*) FROM post_versions") == [(2,)]
    assert rows(db.path, "SELECT count(*) FROM channels") == [(1,)]


async def test_edit_adds_version_and_keeps_old_text(db: Database) -> None:
    archive = Archive(db, clock=lambda: NOW)
    await archive.add([post(7, "coke 50 euro")])
    edited_at = datetime(2026, 2, 2, 10, 0, tzinfo=UTC)
    result = await archive.add([post(7, "sold out", edit_date=edited_at)])
    assert result.edited == 1
    assert db.path is not None
    assert rows(db.path, "SELECT text, version, edited FROM posts") == [("sold out", 2, 1)]
    assert rows(db.path, "SELECT version, text, edit_date FROM post_versions ORDER BY version") == [
        (1, "coke 50 euro", None),
        (2, "sold out", "2026-02-02T10:00:00+00:00"),
    ]


async def test_failed_session_leaves_nothing_half_written(db: Database) -> None:
    archive = Archive(db, clock=lambda: NOW)
    with pytest.raises(RuntimeError):
        async with archive.session() as session:
            await session.add([post(1), post(2)])
            raise RuntimeError("parser failed half-way")
    assert db.path is not None
    assert rows(db.path, "SELECT count(*) FROM posts") == [(0,)]
    assert rows(db.path, "SELECT count(*) FROM channels") == [(0,)]


async def test_deletions_are_marked_not_removed(db: Database) -> None:
    archive = Archive(db, clock=lambda: NOW)
    await archive.add([post(1), post(2), post(3)])
    async with archive.session() as session:
        assert await session.mark_missing(CHANNEL, Source.WEBPREVIEW, 1, 3, seen={1, 3}) == 1
        assert await session.mark_missing(CHANNEL, Source.WEBPREVIEW, 1, 3, seen={1, 3}) == 0
    assert db.path is not None
    assert rows(db.path, "SELECT message_id FROM posts WHERE deleted_at IS NOT NULL") == [(2,)]
    assert rows(db.path, "SELECT count(*) FROM posts") == [(3,)]


async def test_channel_identified_by_id_or_username_is_one_row(db: Database) -> None:
    archive = Archive(db, clock=lambda: NOW)
    by_name = replace(CHANNEL, id=None, subscribers=120)
    await archive.add([replace(post(1), channel=by_name)])
    await archive.add([post(2)])  # same username, now with its id
    assert db.path is not None
    assert rows(db.path, "SELECT tg_id, username, subscribers FROM channels") == [
        (1001, "plugNL", 120)
    ]


async def test_all_fields_round_trip_and_counters_refresh(db: Database) -> None:
    archive = Archive(db, clock=lambda: NOW)
    rich = post(
        5,
        "x",
        media=(Media("photo"), Media("poll", detail="Which?")),
        forwarded_from=ForwardedFrom(name="Other", username="other", message_id=9),
        views=10,
        reply_to=4,
    )
    await archive.add([rich])
    await archive.add([replace(rich, views=25)])
    assert db.path is not None
    assert rows(
        db.path, "SELECT media, fwd_username, fwd_message_id, views, reply_to FROM posts"
    ) == [('[{"kind":"photo"},{"kind":"poll","detail":"Which?"}]', "other", 9, 25, 4)]


async def test_checkpoint_round_trip(db: Database) -> None:
    archive = Archive(db, clock=lambda: NOW)
    assert await archive.checkpoint(CHANNEL, Source.WEBPREVIEW) == Checkpoint()
    assert db.path is not None
    assert rows(db.path, "SELECT count(*) FROM channels") == [(0,)]  # reading creates nothing
    async with archive.session() as session:
        await session.save_checkpoint(CHANNEL, Source.WEBPREVIEW, Checkpoint(40, 10, True))
    assert await archive.checkpoint(CHANNEL, Source.WEBPREVIEW) == Checkpoint(40, 10, True)
    assert await archive.checkpoint(CHANNEL, Source.EXPORT) == Checkpoint()


async def test_batches_below_the_highest_stored_id_still_find_stored_posts(
    db: Database,
) -> None:
    # Posts above the highest stored id are taken as new without a lookup; anything at or
    # below it must still be looked up, in this session's writes as in earlier ones.
    archive = Archive(db, clock=lambda: NOW)
    await archive.add([post(5, "old text")])
    async with archive.session() as session:
        await session.add([post(6), post(7)])
        await session.add([post(5, "new text"), post(7), post(3)])
        await session.add([post(8)])
    result = session.result
    assert (result.new, result.edited, result.unchanged) == (4, 1, 1)
    assert db.path is not None
    assert rows(db.path, "SELECT message_id, version FROM posts ORDER BY message_id") == [
        (3, 1),
        (5, 2),
        (6, 1),
        (7, 1),
        (8, 1),
    ]
    assert rows(db.path, "SELECT count(*) FROM post_versions") == [(6,)]


async def test_entities_are_stored_as_json_even_with_hostile_strings(db: Database) -> None:
    hostile = 'https://x.example/"},{"kind":"bold\\\n\u2028é'
    entities = (
        Entity("text_link", 0, 3, hostile),
        Entity('me"ntion', 4, 2),
        Entity("url", 7, 1, ""),  # an empty target is left out, as for no target
    )
    await Archive(db, clock=lambda: NOW).add([post(9, "abc de f", entities=entities)])
    assert db.path is not None
    [(stored,)] = rows(db.path, "SELECT entities FROM posts")
    assert json.loads(stored) == [
        {"kind": "text_link", "offset": 0, "length": 3, "url": hostile},
        {"kind": 'me"ntion', "offset": 4, "length": 2},
        {"kind": "url", "offset": 7, "length": 1},
    ]
    assert stored == json.dumps(json.loads(stored), ensure_ascii=False, separators=(",", ":"))
