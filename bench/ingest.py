"""Ingest throughput: our parse-and-archive path against a bare baseline, in the same run.

Ours: stream a Telegram Desktop export through ``monitors.desktop_export`` into the archive
(idempotent upserts, versions, channel resolution, one transaction).
Baseline: ``json.load`` of the same file and ``sqlite3.executemany`` of the same rows into a
table of the same columns, the least work that still parses and stores the posts.

Prints posts/s of both and the ratio ours/baseline (target >= 0.5). Run from the repo root:
``.venv/bin/python bench/ingest.py [--posts N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from inbox.archive import Archive
from inbox.store import Database
from meldpunt.ingest import import_export

WORDS = (
    "❄️ coke 1g 60 5g 250 bezorging heel NL @plug_demo wiet ophalen Rotterdam "
    "nieuwe voorraad vandaag BTC cash Tikkie stealth verzending menu dm"
).split()


def make_export(path: Path, posts: int) -> None:
    """A deterministic channel export with varied texts, entities, edits and media."""
    start = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())
    messages = []
    for i in range(1, posts + 1):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(8 + i % 25)]
        stamp = start + i * 60
        message: dict[str, object] = {
            "id": i,
            "type": "message",
            "date": datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%S"),
            "date_unixtime": str(stamp),
            "from": "Bench channel",
            "from_id": "channel9000",
            "text": [" ".join(words), {"type": "mention", "text": "@plug_demo"}],
            "text_entities": [
                {"type": "plain", "text": " ".join(words)},
                {"type": "mention", "text": "@plug_demo"},
            ],
        }
        if i % 10 == 0:
            message["edited"] = message["date"]
            message["edited_unixtime"] = str(stamp + 30)
        if i % 4 == 0:
            message["photo"] = f"photos/photo_{i}.jpg"
        messages.append(message)
    doc = {"name": "Bench channel", "type": "public_channel", "id": 9000, "messages": messages}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def baseline(path: Path, db: Path) -> int:
    """json.load plus executemany of the same columns the archive stores."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for m in doc["messages"]:
        text = (
            m["text"]
            if isinstance(m["text"], str)
            else "".join(part if isinstance(part, str) else part["text"] for part in m["text"])
        )
        rows.append(
            (
                doc["id"],
                m["id"],
                datetime.fromtimestamp(int(m["date_unixtime"]), UTC).isoformat(),
                m.get("edited_unixtime"),
                text,
                json.dumps(m.get("text_entities", [])),
                "photo" if "photo" in m else "",
            )
        )
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(
            "CREATE TABLE posts (channel_id, message_id, date, edit_date, text, entities, media,"
            " PRIMARY KEY (channel_id, message_id))"
        )
        conn.executemany("INSERT INTO posts VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


async def ours(path: Path, db: Path) -> int:
    async with Database.open(db) as database:
        result = await import_export(Archive(database), path)
    return result.new


def timed(fn: object, *args: object) -> tuple[int, float]:
    start = time.perf_counter()
    count = asyncio.run(fn(*args)) if asyncio.iscoroutinefunction(fn) else fn(*args)  # type: ignore[operator]
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--posts", type=int, default=20_000, help="posts in the export")
    parser.add_argument("--rounds", type=int, default=5, help="paired rounds to run")
    args = parser.parse_args()
    ratios: list[float] = []
    best_ours = best_base = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export = folder / "result.json"
        make_export(export, args.posts)
        for r in range(args.rounds):
            # Each round times both sides back to back, so a burst of load elsewhere hits
            # one round's pair rather than one side of the comparison.
            n_base, t_base = timed(baseline, export, folder / f"base{r}.sqlite3")
            n_ours, t_ours = timed(ours, export, folder / f"ours{r}.sqlite3")
            assert n_base == n_ours == args.posts, (n_base, n_ours)
            ratios.append(t_base / t_ours)
            best_base, best_ours = min(best_base, t_base), min(best_ours, t_ours)
    print(f"posts: {args.posts}, {args.rounds} paired rounds")
    print(
        f"baseline (json.load + sqlite3.executemany): {args.posts / best_base:,.0f} posts/s (best)"
    )
    print(
        f"meldpunt (stream export + archive):         {args.posts / best_ours:,.0f} posts/s (best)"
    )
    print(f"ratio: {statistics.median(ratios):.2f} (median of rounds; target >= 0.5)")


if __name__ == "__main__":
    main()
