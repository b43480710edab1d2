"""Build data/eval/dev.jsonl from the item files, the menu templates and the shared fixtures.

Usage (from the repository root)::

    .venv/bin/python data/eval/build/build.py [--fixtures ../shared/fixtures] [--check]

The committed JSONL is the artefact; this script only documents how it was made and rebuilds
it byte for byte (``--check`` compares instead of writing). It prints the composition table
used in data/eval/README.md and lists pairs of items that look like near-copies.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from fixtures import desktop_export_records, spam_records, webpreview_records
from items import Record, parse_dir
from menus import menu_records

HERE = Path(__file__).resolve().parent
EVAL_DIR = HERE.parent
REPO = EVAL_DIR.parent.parent
MENU_COUNTS = {"nl": 18, "en": 10, "de": 5, "fr": 5}
NEAR_COPY = 0.6
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Casefold and collapse whitespace: the key for duplicate detection."""
    return _SPACE.sub(" ", text.casefold()).strip()


def _shingles(text: str) -> set[str]:
    key = normalise(text)
    return {key[i : i + 5] for i in range(max(1, len(key) - 4))}


def near_copies(records: list[Record]) -> list[tuple[float, str, str]]:
    """Pairs of texts whose 5-gram Jaccard similarity reaches NEAR_COPY, most similar first."""
    sets = [_shingles(r.text) for r in records]
    found = []
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            a, b = sets[i], sets[j]
            smaller, larger = min(len(a), len(b)), max(len(a), len(b))
            if smaller < NEAR_COPY * larger:
                continue
            score = len(a & b) / len(a | b)
            if score >= NEAR_COPY:
                found.append((score, records[i].text[:70], records[j].text[:70]))
    return sorted(found, reverse=True)


def collect(fixtures: Path) -> list[Record]:
    """Every record, duplicates dropped (first one kept), in a fixed shuffled order."""
    records = parse_dir(HERE / "items") + menu_records(MENU_COUNTS)
    records += spam_records(fixtures / "spam" / "tg-spam_spam-samples.txt")
    records += webpreview_records(fixtures / "webpreview")
    records += desktop_export_records(fixtures / "desktop_export")
    seen: set[str] = set()
    unique = []
    for record in records:
        key = normalise(record.text)
        if key in seen:
            print(f"duplicate dropped: {record.text[:60]!r}", file=sys.stderr)
            continue
        seen.add(key)
        unique.append(record)
    # Shuffled so that any slice of the file mixes languages, classes and sources.
    random.Random(7).shuffle(unique)  # noqa: S311 - reproducible order, not security
    return unique


def _pivot(offers: list[Record]) -> list[str]:
    """Offers per product class (rows) and language (columns)."""
    langs = sorted({r.lang for r in offers})
    cells = Counter((r.category, r.lang) for r in offers)
    rows = [
        "| offers: class by lang | " + " | ".join(langs) + " | total |",
        "| --- |" + " ---: |" * (len(langs) + 1),
    ]
    for category in sorted({r.category for r in offers}):
        counts = [cells[(category, lang)] for lang in langs]
        rows.append(f"| {category} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    return [*rows, ""]


def composition(records: list[Record]) -> str:
    """Markdown tables of the counts that README.md reports."""
    total = len(records)

    def table(title: str, counter: Counter[str], of: str = "all items") -> list[str]:
        base = sum(counter.values()) if of != "all items" else total
        rows = [f"| {title} | items | share of {of} |", "| --- | ---: | ---: |"]
        for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            rows.append(f"| {key} | {count} | {100 * count / base:.1f}% |")
        return [*rows, ""]

    offers = [r for r in records if r.offer]
    lines = [f"Total: {total} items.", ""]
    lines += table("lang", Counter(r.lang for r in records))
    lines += table("category", Counter(r.category for r in records))
    kinds = Counter(
        "offer" if r.offer else ("hard negative" if r.hard else "easy negative") for r in records
    )
    lines += table("kind", kinds)
    by_lang = Counter(f"{r.lang} {'offer' if r.offer else 'non-offer'}" for r in records)
    lines += table("lang and label", by_lang)
    lines += table("source", Counter(r.source.split("/")[0] for r in records))
    lines += _pivot(offers)
    themes = Counter(r.source for r in records if r.hard)
    lines += table("hard negatives by source", themes, of="hard negatives")
    evasive = sum(1 for r in offers if r.source.endswith("/evasion"))
    templated = sum(1 for r in records if r.source.endswith("/template-menu"))
    lines.append(
        f"Offers with evasion: {evasive} of {len(offers)} ({100 * evasive / len(offers):.1f}%)."
    )
    lines.append(f"Templated items: {templated} ({100 * templated / total:.1f}%).")
    return "\n".join(lines)


def main() -> int:
    """Build (or check) dev.jsonl; print the composition and any near-copies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=REPO.parent / "shared" / "fixtures")
    parser.add_argument(
        "--check", action="store_true", help="compare with dev.jsonl, write nothing"
    )
    args = parser.parse_args()
    records = collect(args.fixtures)
    body = "".join(json.dumps(r.as_json(), ensure_ascii=False) + "\n" for r in records)
    target = EVAL_DIR / "dev.jsonl"
    print(composition(records))
    for score, left, right in near_copies(records):
        print(f"near copy {score:.2f}: {left!r} ~ {right!r}")
    if args.check:
        same = target.exists() and target.read_text(encoding="utf-8") == body
        print("dev.jsonl is up to date" if same else "dev.jsonl differs from a fresh build")
        return 0 if same else 1
    target.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
