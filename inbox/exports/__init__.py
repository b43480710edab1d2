"""Research exports: posts, channels and the forward graph, with a datasheet each."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import aiosqlite

from inbox.exports import datasets
from inbox.exports.columns import DATASETS
from inbox.exports.datasheet import DatasheetFacts, datasheet_path, render
from inbox.exports.gexf import write_gexf
from inbox.exports.writers import Format, write_rows
from inbox.pseudonym import Pseudonymizer
from inbox.store import Database

__all__ = ["DATASET_NAMES", "ExportResult", "Format", "export_dataset"]

_ROWS: dict[
    str,
    Callable[[aiosqlite.Connection, Pseudonymizer | None], AsyncIterator[dict[str, Any]]],
] = {
    "posts": datasets.post_rows,
    "channels": datasets.channel_rows,
    "graph": datasets.edge_rows,
}
DATASET_NAMES = tuple(_ROWS)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    datasheet: Path
    rows: int


async def export_dataset(
    db: Database,
    dataset: str,
    fmt: Format | str,
    path: Path,
    *,
    pseudonymizer: Pseudonymizer | None,
    now: datetime,
) -> ExportResult:
    """Export one dataset to ``path`` and write its datasheet beside it.

    ``pseudonymizer`` None exports personal data in the clear (the CLI asks for it
    explicitly). ``fmt`` may also be ``"gexf"`` for the graph.
    """
    if dataset not in _ROWS:
        raise ValueError(f"unknown dataset {dataset!r}: choose one of {', '.join(_ROWS)}")
    columns = DATASETS[dataset]
    dates: list[str] = []

    async def tracked() -> AsyncIterator[dict[str, Any]]:
        async for row in _ROWS[dataset](db.conn, pseudonymizer):
            if row.get("date"):
                if not dates:
                    dates[:] = [row["date"], row["date"]]
                dates[0] = min(dates[0], row["date"])
                dates[1] = max(dates[1], row["date"])
            yield row

    if fmt == "gexf":
        if dataset != "graph":
            raise ValueError("GEXF is a graph format: use it with the graph dataset")
        rows = write_gexf([r async for r in tracked()], path, today=now.date())
    else:
        rows = await write_rows(tracked(), columns, Format(fmt), path)
    facts = DatasheetFacts(
        dataset=dataset,
        file=path.name,
        format=str(fmt),
        rows=rows,
        made_at=now,
        pseudonymized=pseudonymizer is not None,
        first_date=dates[0] if dates else None,
        last_date=dates[1] if dates else None,
    )
    sheet = datasheet_path(path)
    sheet.write_text(render(facts, columns), encoding="utf-8")
    return ExportResult(path=path, datasheet=sheet, rows=rows)
