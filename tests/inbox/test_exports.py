"""Research exports read back in every format; nothing personal leaks when pseudonymised."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from inbox.archive import Archive
from inbox.exports import export_dataset
from inbox.exports.columns import DATASETS
from inbox.pseudonym import Pseudonymizer, handles_in
from inbox.store import Database
from monitors import Channel, ForwardedFrom, Media, Post, Source

NOW = datetime(2026, 3, 1, tzinfo=UTC)
KEY = b"k" * 32
PLUG = Channel(id=111, username="plugNL", title="Plug NL", subscribers=900)
NEWS = Channel(id=222, username="nieuwsNL", title="Nieuws")
GROUP = Channel(id=333, username=None, title="Chat", source=Source.EXPORT)

PERSONAL = ("user424242", "Jan Jansen", "0612345678", "janjansen_private", "Signed Piet")


def at(minute: int) -> datetime:
    return datetime(2026, 2, 1, 9, minute, tzinfo=UTC)


POSTS = [
    Post(PLUG, 1, at(1), "❄️ 1g 60 bel 06 1234 5678 of @janjansen_private", views=10),
    Post(
        PLUG,
        2,
        at(2),
        "menu via t.me/nieuwsNL en @plugNL",
        signature="Signed Piet",
        media=(Media("photo"),),
    ),
    Post(
        NEWS,
        7,
        at(3),
        "Waarschuwing",
        forwarded_from=ForwardedFrom(name="Plug NL", username="plugNL", message_id=1),
    ),
    Post(NEWS, 8, at(4), "doorgestuurd", forwarded_from=ForwardedFrom(name="Jan Jansen")),
    Post(
        GROUP,
        5,
        at(5),
        "hoi",
        sender_id="user424242",
        sender_name="Jan Jansen",
        source=Source.EXPORT,
    ),
]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with Database.open(tmp_path / "m.sqlite3") as database:
        await Archive(database, clock=lambda: NOW).add(POSTS)
        yield database


def read_back(path: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("dataset", ["posts", "channels", "graph"])
async def test_every_dataset_reads_back_in_every_format(
    db: Database, tmp_path: Path, dataset: str, fmt: str
) -> None:
    out = tmp_path / f"{dataset}.{fmt}"
    result = await export_dataset(db, dataset, fmt, out, pseudonymizer=Pseudonymizer(KEY), now=NOW)
    rows = read_back(out, fmt)
    assert len(rows) == result.rows > 0
    assert list(rows[0]) == [c.name for c in DATASETS[dataset]]
    sheet = result.datasheet.read_text(encoding="utf-8")
    assert f"Rows: {result.rows}" in sheet and "Pseudonymised" in sheet
    assert not list(tmp_path.glob(".*.partial"))


async def test_pseudonymised_export_holds_no_personal_identifier(
    db: Database, tmp_path: Path
) -> None:
    for dataset in ("posts", "channels", "graph"):
        out = tmp_path / f"{dataset}.jsonl"
        await export_dataset(db, dataset, "jsonl", out, pseudonymizer=Pseudonymizer(KEY), now=NOW)
        text = out.read_text(encoding="utf-8")
        for secret in PERSONAL:
            assert secret not in text, (dataset, secret)
    posts = read_back(tmp_path / "posts.jsonl", "jsonl")
    first = next(p for p in posts if p["message_id"] == 1)
    assert "@plugNL" not in str(first["text"])  # the person's handle went, not by accident
    second = next(p for p in posts if p["message_id"] == 2)
    assert second["text"] == "menu via t.me/nieuwsNL en @plugNL"  # public channels stay
    group = next(p for p in posts if p["message_id"] == 5)
    assert str(group["sender_id"]).startswith("user_")


async def test_clear_export_keeps_identifiers_and_says_so(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "posts.csv"
    result = await export_dataset(db, "posts", "csv", out, pseudonymizer=None, now=NOW)
    assert "user424242" in out.read_text(encoding="utf-8")
    assert "NOT pseudonymised" in result.datasheet.read_text(encoding="utf-8")


async def test_parquet_types_and_date_range(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "posts.parquet"
    result = await export_dataset(db, "posts", "parquet", out, pseudonymizer=None, now=NOW)
    table = pq.read_table(out)
    assert str(table.schema.field("date").type) == "timestamp[ms, tz=UTC]"
    assert str(table.schema.field("views").type) == "int64"
    assert "2026-02-01T09:01:00+00:00 to 2026-02-01T09:05:00+00:00" in (
        result.datasheet.read_text(encoding="utf-8")
    )


async def test_graph_edges_and_gexf(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "graph.csv"
    await export_dataset(db, "graph", "csv", out, pseudonymizer=Pseudonymizer(KEY), now=NOW)
    edges = {(r["source"], r["target"], r["kind"]): r["weight"] for r in read_back(out, "csv")}
    assert edges[("@nieuwsNL", "@plugNL", "forward")] == "1"
    assert edges[("@plugNL", "@nieuwsNL", "mention")] == "1"
    assert ("@plugNL", "@plugNL", "mention") not in edges  # self-mentions are no edge
    gexf = tmp_path / "graph.gexf"
    result = await export_dataset(
        db, "graph", "gexf", gexf, pseudonymizer=Pseudonymizer(KEY), now=NOW
    )
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(gexf).getroot()
    assert len(root.findall(".//g:edge", ns)) == result.rows == len(edges)
    labels = {n.get("label") for n in root.findall(".//g:node", ns)}
    assert {"@plugNL", "@nieuwsNL"} <= labels


def test_pseudonyms_are_keyed_and_stable() -> None:
    a, b = Pseudonymizer(KEY), Pseudonymizer(b"x" * 32)
    assert a.token("user1") == a.token("user1") != b.token("user1")
    assert a.token("user1", "user") != a.token("user1", "tel")
    with pytest.raises(ValueError, match="at least 16 bytes"):
        Pseudonymizer(b"short")


def test_scrub_replaces_phone_numbers_and_private_handles() -> None:
    pz = Pseudonymizer(KEY)
    text = pz.scrub("call +31 6 1234 5678 or @dealer_joe, see t.me/s/plugNL", {"plugnl"})
    assert "1234" not in text and "dealer_joe" not in text
    assert "t.me/s/plugNL" in text
    assert handles_in("@abcd and https://t.me/efgh/12") == ["abcd", "efgh"]


def test_scrub_is_linear_on_hostile_input() -> None:
    # Long digit runs and @-storms must neither hang nor crash.
    pz = Pseudonymizer(KEY)
    assert pz.scrub("1 " * 50_000 + "@" * 50_000, set())
