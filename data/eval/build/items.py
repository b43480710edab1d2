"""Parse the team-written item files in ``items/`` into evaluation records.

Why a text format and not Python lists: items are long multi-line Telegram posts in four
languages; analysts review them as plain text, without string quoting or line-length rules.

File format (one file per language and theme, named ``<lang>_<theme>.txt``)::

    %% tag seizure-news          default source tag for the items that follow
    @@ none hard                  header: category, then flags
    Politie vindt 50 kilo cocaïne in container
    (more lines of the same text)

    @@ drugs evade:homoglyph #menu
    Verse {coke} binnen ...

Header flags: ``hard`` marks a hard negative; ``#tag`` overrides the source tag for one item;
``evade:<kind>`` rewrites the words in ``{braces}`` with an evasion technique (see evasion.py)
and sets the source tag to ``evasion``; hand-typed tricks are tagged ``#evasion`` explicitly.
Lines starting with ``//`` are comments. Blank lines at the edges of a text are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from evasion import apply_evasion

CATEGORIES = frozenset(
    {
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
)
_TAG = re.compile(r"[a-z0-9][a-z0-9-]{0,40}")


@dataclass(frozen=True)
class Record:
    """One labelled text, in the JSONL schema of data/eval."""

    text: str
    offer: bool
    category: str
    lang: str
    source: str
    hard: bool

    def as_json(self) -> dict[str, object]:
        """Return the record as the JSON object written to the JSONL file."""
        return {
            "text": self.text,
            "offer": self.offer,
            "category": self.category,
            "lang": self.lang,
            "source": self.source,
            "hard": self.hard,
        }


class ItemFileError(ValueError):
    """An item file is malformed; the message names the file and line."""


def _header(line: str, where: str, default_tag: str) -> tuple[str, bool, str, str | None]:
    parts = line[2:].split()
    if not parts or parts[0] not in CATEGORIES:
        raise ItemFileError(f"{where}: header needs a known category, got {line!r}")
    category, hard, tag, evade = parts[0], False, default_tag, None
    for flag in parts[1:]:
        if flag == "hard":
            hard = True
        elif flag.startswith("#") and _TAG.fullmatch(flag[1:]):
            tag = flag[1:]
        elif flag.startswith("evade:"):
            evade = flag[len("evade:") :]
        else:
            raise ItemFileError(f"{where}: unknown header flag {flag!r}")
    if hard and category != "none":
        raise ItemFileError(f"{where}: only negatives (category none) can be hard")
    return category, hard, tag, evade


def parse_file(path: Path) -> list[Record]:
    """Read one item file; raise ItemFileError naming the line on any mistake."""
    lang = path.stem.split("_", 1)[0]
    records: list[Record] = []
    default_tag = "misc"
    current: tuple[str, bool, str, str | None] | None = None
    body: list[str] = []
    start = 0

    def flush() -> None:
        if current is None:
            return
        text = "\n".join(body).strip("\n").rstrip()
        where = f"{path.name}:{start}"
        if not text.strip():
            raise ItemFileError(f"{where}: empty item")
        category, hard, tag, evade = current
        if evade is not None:
            text = apply_evasion(text, evade, where)
            tag = "evasion"
        elif "{" in text or "}" in text:
            raise ItemFileError(f"{where}: braces without an evade: flag")
        records.append(
            Record(
                text=text,
                offer=category != "none",
                category=category,
                lang=lang,
                source=f"team:written/{tag}",
                hard=hard,
            )
        )

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("//"):
            continue
        if line.startswith("%% tag "):
            flush()
            current, body = None, []
            default_tag = line[len("%% tag ") :].strip()
            if not _TAG.fullmatch(default_tag):
                raise ItemFileError(f"{path.name}:{number}: bad tag {default_tag!r}")
        elif line.startswith("@@"):
            flush()
            current = _header(line, f"{path.name}:{number}", default_tag)
            body, start = [], number
        elif current is None:
            if line.strip():
                raise ItemFileError(f"{path.name}:{number}: text before the first @@ header")
        else:
            body.append(line)
    flush()
    return records


def parse_dir(folder: Path) -> list[Record]:
    """Parse every ``*.txt`` item file in ``folder``, in name order (deterministic)."""
    records: list[Record] = []
    for path in sorted(folder.glob("*.txt")):
        records.extend(parse_file(path))
    return records
