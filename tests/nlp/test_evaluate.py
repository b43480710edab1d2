"""Evaluation: parsing labelled lines and counting how the detector did."""

from __future__ import annotations

import json

import pytest

from nlp import Analyzer
from nlp.evaluate import EvalDataError, evaluate, parse_examples

LINES = [
    json.dumps({"text": t, "offer": o, "category": c, "lang": lang})
    for t, o, c, lang in [
        ("Verse coke 1g €60, bezorging heel NL, dm @snow_nl", True, "drugs", "nl"),
        ("Xanax 2mg 100 stuks €150 zonder recept", True, "medicines", "nl"),
        ("Fresh weed 10 a gram, delivery, text @green_uk", True, "drugs", "en"),
        ("Politie vindt 500 kilo cocaïne in een container", False, "none", "nl"),
        ("Coca cola 1,5L €2,50 bezorging", False, "none", "nl"),
        ("Hoi, hoe gaat het?", False, "none", "nl"),
        ("XTC is a great band, their album is on sale for €10", False, "none", "en"),
    ]
]


def test_counts_precision_recall_and_categories(analyzer: Analyzer) -> None:
    report = evaluate(analyzer, parse_examples(LINES, "test"))
    data = report.to_dict()
    assert {"precision", "recall", "f1", "n", "per_lang", "per_category"} <= set(data)
    assert data["n"] == len(LINES)
    overall = report.overall
    assert overall.tp + overall.fn == 3
    assert overall.fp + overall.tn == 4
    assert set(data["per_lang"]) == {"nl", "en"}
    assert set(data["per_category"]) == {"drugs", "medicines", "none"}
    assert data["per_category"]["medicines"]["n"] == 1
    assert len(report.errors) == overall.fp + overall.fn + (overall.tp - overall.category_hits)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "expected an object"),
        ('{"text": "x"}', "boolean 'offer'"),
        ('{"text": 1, "offer": true}', "string 'text'"),
    ],
)
def test_bad_lines_name_where(line: str, message: str) -> None:
    with pytest.raises(EvalDataError, match=message) as caught:
        parse_examples(["", line], "dev.jsonl")
    assert "dev.jsonl:2" in str(caught.value)
