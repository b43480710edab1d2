"""Validate the labelled evaluation sets in data/eval/*.jsonl.

Every file must follow the schema in data/eval/README.md; together the files must meet the
composition minima the detector's evaluation relies on (enough items, enough hard negatives,
Dutch and English both well represented) and contain no duplicate texts.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.data.evalsets import (
    CATEGORIES,
    EVAL_DIR,
    FICTION_PREFIXES,
    FIELDS,
    MAX_TEXT,
    PHONE_SHAPES,
    load,
    normalise,
)

FILES = sorted(EVAL_DIR.glob("*.jsonl"))
LANGS = {"nl", "en", "de", "fr", "ru"}
# Languages other than our four appear only in real texts taken from fixtures.
FIXTURE_ONLY_LANGS = {"ru"}
SOURCE = re.compile(
    r"team:written(?:/[a-z0-9-]{1,40})?"
    r"|fixture:[A-Za-z0-9_.-]{1,40}(?:/[A-Za-z0-9_.-]{1,60}){0,3}"
)


def all_records() -> list[dict[str, object]]:
    return [record for path in FILES for record in load(path)]


def test_dev_set_exists() -> None:
    assert EVAL_DIR / "dev.jsonl" in FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_schema(path: Path) -> None:
    problems = []
    for number, record in enumerate(load(path), start=1):
        where = f"{path.name}:{number}"
        if set(record) != set(FIELDS):
            problems.append(f"{where}: fields {sorted(record)} != {sorted(FIELDS)}")
            continue
        for field, kind in FIELDS.items():
            if not isinstance(record[field], kind):
                problems.append(f"{where}: {field} is not {kind.__name__}")
        text, source = str(record["text"]), str(record["source"])
        if not text.strip() or len(text) > MAX_TEXT:
            problems.append(f"{where}: text empty or longer than {MAX_TEXT}")
        if record["category"] not in CATEGORIES:
            problems.append(f"{where}: unknown category {record['category']!r}")
        if record["lang"] not in LANGS:
            problems.append(f"{where}: unknown lang {record['lang']!r}")
        if record["lang"] in FIXTURE_ONLY_LANGS and not source.startswith("fixture:"):
            problems.append(f"{where}: lang {record['lang']} only for texts from fixtures")
        if record["offer"] != (record["category"] != "none"):
            problems.append(f"{where}: offer={record['offer']} but category={record['category']}")
        if record["hard"] and record["offer"]:
            problems.append(f"{where}: an offer cannot be a hard negative")
        if not SOURCE.fullmatch(source):
            problems.append(f"{where}: source {source!r} is not team:written[/tag] or fixture:...")
    assert not problems, "\n".join(problems[:20])


def test_no_duplicates_after_normalisation() -> None:
    seen: dict[str, int] = {}
    duplicates = []
    for index, record in enumerate(all_records()):
        key = normalise(str(record["text"]))
        if key in seen:
            duplicates.append(f"item {index} repeats item {seen[key]}: {key[:60]!r}")
        seen.setdefault(key, index)
    assert not duplicates, "\n".join(duplicates[:20])


def test_composition_minima() -> None:
    records = all_records()
    total = len(records)
    langs = Counter(str(r["lang"]) for r in records)
    hard = sum(1 for r in records if r["hard"])
    assert total >= 600
    assert hard / total >= 0.40, f"hard negatives {hard}/{total}"
    assert langs["nl"] / total >= 0.35, f"nl {langs['nl']}/{total}"
    assert langs["en"] / total >= 0.35, f"en {langs['en']}/{total}"
    assert langs["de"] / total >= 0.04, f"de {langs['de']}/{total}"
    assert langs["fr"] / total >= 0.04, f"fr {langs['fr']}/{total}"


def test_every_product_class_has_offers() -> None:
    offers = Counter(str(r["category"]) for r in all_records() if r["offer"])
    thin = {c: offers[c] for c in CATEGORIES - {"none"} if offers[c] < 5}
    assert not thin, f"product classes with fewer than 5 offers: {thin}"


def test_both_labels_in_every_language_we_write() -> None:
    pairs = Counter((str(r["lang"]), bool(r["offer"])) for r in all_records())
    for lang in LANGS - FIXTURE_ONLY_LANGS:
        assert pairs[(lang, True)] >= 20, f"{lang} offers"
        assert pairs[(lang, False)] >= 20, f"{lang} non-offers"


def test_team_written_phone_numbers_are_made_up() -> None:
    real_looking = []
    for record in all_records():
        if not str(record["source"]).startswith("team:written"):
            continue
        for shape in PHONE_SHAPES:
            for match in shape.finditer(str(record["text"])):
                digits = re.sub(r"\D", "", match.group(0))
                if not digits.startswith(FICTION_PREFIXES):
                    real_looking.append(match.group(0))
    assert not real_looking, f"use the fiction ranges from the README: {real_looking}"


def test_readme_states_the_current_total() -> None:
    readme = (EVAL_DIR / "README.md").read_text(encoding="utf-8")
    assert f"Total: {len(all_records())} items." in readme
