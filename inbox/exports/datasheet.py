"""A datasheet written beside every export: what is in the file and how it was made.

Researchers and reviewers read it before the data: columns and their meaning, how many rows,
which dates, and what was pseudonymised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from inbox.exports.columns import Column


@dataclass(frozen=True, slots=True)
class DatasheetFacts:
    """What the datasheet reports about one export."""

    dataset: str
    file: str
    format: str
    rows: int
    made_at: datetime
    pseudonymized: bool
    first_date: str | None
    last_date: str | None


def datasheet_path(export: Path) -> Path:
    """Where the datasheet of ``export`` goes: beside it, ``<name>.datasheet.md``."""
    return export.with_name(export.name + ".datasheet.md")


def render(facts: DatasheetFacts, columns: Sequence[Column]) -> str:
    """The datasheet as Markdown."""
    if facts.pseudonymized:
        how = (
            "Pseudonymised. Columns marked *personal* and people's phone numbers and handles "
            "inside texts were replaced by keyed hashes (HMAC-SHA256, key held by the data "
            "controller, never exported): the same person gets the same token in every export "
            "made with the same key, and the token cannot be reversed without the key. Public "
            "channels (their ids, usernames and titles) are not people and are kept."
        )
    else:
        how = (
            "NOT pseudonymised: this file holds personal data (user ids, names, phone numbers, "
            "handles). Keep it within the investigation and delete it when done."
        )
    dates = f"{facts.first_date} to {facts.last_date}" if facts.first_date else "no dated rows"
    lines = [
        f"# Datasheet: {facts.dataset}",
        "",
        f"- File: `{facts.file}` ({facts.format})",
        f"- Made: {facts.made_at.isoformat(timespec='seconds')} by Meldpunt",
        f"- Rows: {facts.rows}",
        f"- Dates covered: {dates}",
        "- Collected from public Telegram channels (web preview), Telegram Desktop exports"
        " and, where configured, a Telegram user account.",
        "",
        "## Pseudonymisation",
        "",
        how,
        "",
        "## Columns",
        "",
        "| column | type | personal | meaning |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {c.name} | {c.type} | {'yes' if c.personal else ''} | {c.description} |"
        for c in columns
    ]
    return "\n".join(lines) + "\n"
