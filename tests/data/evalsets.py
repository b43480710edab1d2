"""What every labelled evaluation file shares: schema, categories, the duplicate key, the
fiction phone ranges and a JSONL loader that names the bad line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).resolve().parents[2] / "data" / "eval"
FIELDS = {"text": str, "offer": bool, "category": str, "lang": str, "source": str, "hard": bool}
CATEGORIES = {
    "drugs",
    "weapons",
    "documents",
    "counterfeit_money",
    "stolen_data",
    "medicines",
    "fireworks",
    "other_illegal",
    "none",
}
MAX_TEXT = 5000
# Phone numbers written by the team must be made up: NL mobile +31 6 00xxxxxx,
# UK Ofcom drama range 07700 900xxx, FR ARCEP fiction range 06 39 98 xx xx.
PHONE_SHAPES = (
    re.compile(r"(?<![\d+])(?:\+31 ?|0)6[ -]?(?:\d[ -]?){7}\d"),
    re.compile(r"(?<![\d+])(?:\+44 ?|0)7\d{3} ?\d{3} ?\d{3}"),
    re.compile(r"(?<![\d+])0[67](?:[ .]?\d{2}){4}"),
)
FICTION_PREFIXES = ("31600", "0600", "447700900", "07700900", "063998")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Casefold and collapse whitespace: the duplicate key named in the READMEs."""
    return _SPACE.sub(" ", text.casefold()).strip()


def load(path: Path) -> list[dict[str, object]]:
    """Read one JSONL file; fail naming the file and line of any unreadable line."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            pytest.fail(f"{path.name}:{number}: not JSON ({error})")
        if not isinstance(record, dict):
            pytest.fail(f"{path.name}:{number}: not a JSON object")
        records.append(record)
    return records
