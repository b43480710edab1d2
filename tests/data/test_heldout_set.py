"""Validate the held-out evaluation set in data/eval/heldout/test.jsonl.

The set was written blind, apart from the dev set the detector is tuned on, so that its
figures say something about real performance. These tests keep it honest: the schema and
labelling rules of data/eval/heldout/README.md, the composition it promises, no duplicates,
made-up phone numbers only, and not a single text shared with the dev sets in data/eval/.
"""

from __future__ import annotations

import re
from collections import Counter

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

HELDOUT = EVAL_DIR / "heldout" / "test.jsonl"
README = EVAL_DIR / "heldout" / "README.md"
LANGS = {"nl", "en", "de", "fr"}
SOURCE = re.compile(r"team:written/heldout/[a-z0-9-]{1,60}")


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    return load(HELDOUT)


def test_schema_and_labelling_rules(records: list[dict[str, object]]) -> None:
    problems = []
    for number, record in enumerate(records, start=1):
        where = f"test.jsonl:{number}"
        if set(record) != set(FIELDS):
            problems.append(f"{where}: fields {sorted(record)} != {sorted(FIELDS)}")
            continue
        wrong_types = [f for f, kind in FIELDS.items() if not isinstance(record[f], kind)]
        if wrong_types:
            problems.append(f"{where}: wrong type for {wrong_types}")
            continue
        text = str(record["text"])
        if not text.strip() or len(text) > MAX_TEXT:
            problems.append(f"{where}: text empty or longer than {MAX_TEXT}")
        if record["category"] not in CATEGORIES:
            problems.append(f"{where}: unknown category {record['category']!r}")
        if record["lang"] not in LANGS:
            problems.append(f"{where}: unknown lang {record['lang']!r}")
        if record["offer"] != (record["category"] != "none"):
            problems.append(f"{where}: offer={record['offer']} but category={record['category']}")
        if record["offer"] and record["hard"]:
            problems.append(f"{where}: an offer cannot be a hard negative")
        if not SOURCE.fullmatch(str(record["source"])):
            problems.append(f"{where}: source {record['source']!r} is not team:written/heldout/…")
    assert not problems, "\n".join(problems[:20])


def test_no_duplicates_after_normalisation(records: list[dict[str, object]]) -> None:
    seen: dict[str, int] = {}
    duplicates = []
    for number, record in enumerate(records, start=1):
        key = normalise(str(record["text"]))
        if key in seen:
            duplicates.append(f"line {number} repeats line {seen[key]}: {key[:60]!r}")
        seen.setdefault(key, number)
    assert not duplicates, "\n".join(duplicates[:20])


def test_composition_minima(records: list[dict[str, object]]) -> None:
    total = len(records)
    langs = Counter(str(r["lang"]) for r in records)
    hard = sum(1 for r in records if r["hard"])
    offers = sum(1 for r in records if r["offer"])
    assert total >= 300, f"only {total} items"
    assert hard / total >= 0.40, f"hard negatives {hard}/{total}"
    assert 0.35 <= offers / total <= 0.55, f"offers {offers}/{total}"
    assert langs["nl"] / total >= 0.35, f"nl {langs['nl']}/{total}"
    assert langs["en"] / total >= 0.35, f"en {langs['en']}/{total}"
    assert langs["de"] / total >= 0.05, f"de {langs['de']}/{total}"
    assert langs["fr"] / total >= 0.05, f"fr {langs['fr']}/{total}"


def test_every_product_class_has_offers(records: list[dict[str, object]]) -> None:
    offers = Counter(str(r["category"]) for r in records if r["offer"])
    thin = {c: offers[c] for c in sorted(CATEGORIES - {"none"}) if offers[c] < 5}
    assert not thin, f"product classes with fewer than 5 offers: {thin}"


def test_no_text_shared_with_the_dev_sets(records: list[dict[str, object]]) -> None:
    dev_files = sorted(EVAL_DIR.glob("*.jsonl"))
    assert dev_files, f"no dev sets found in {EVAL_DIR}"
    dev_texts = {normalise(str(r["text"])) for path in dev_files for r in load(path)}
    shared = [
        f"line {number}: {normalise(str(r['text']))[:60]!r}"
        for number, r in enumerate(records, start=1)
        if normalise(str(r["text"])) in dev_texts
    ]
    assert not shared, "held-out texts also in a dev set:\n" + "\n".join(shared[:20])


def test_phone_numbers_are_made_up(records: list[dict[str, object]]) -> None:
    real_looking = []
    for record in records:
        for shape in PHONE_SHAPES:
            for match in shape.finditer(str(record["text"])):
                digits = re.sub(r"\D", "", match.group(0))
                if not digits.startswith(FICTION_PREFIXES):
                    real_looking.append(match.group(0))
    assert not real_looking, f"use the fiction ranges from the README: {real_looking}"


def test_readme_states_the_current_total(records: list[dict[str, object]]) -> None:
    assert f"Total: {len(records)} items." in README.read_text(encoding="utf-8")
