"""Write dataset rows as CSV, JSON lines or Parquet, atomically.

Rows are streamed: Parquet in row groups, CSV and JSONL line by line, so an export of millions
of posts needs little memory. The file appears under its name only once complete.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from inbox.exports.columns import Column

_ARROW_TYPES: dict[str, pa.DataType] = {
    "int": pa.int64(),
    "float": pa.float64(),
    "str": pa.string(),
    "bool": pa.bool_(),
    "timestamp": pa.timestamp("ms", tz="UTC"),
}


class Format(StrEnum):
    """Dataset file formats."""

    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"


def arrow_schema(columns: Sequence[Column]) -> pa.Schema:
    """The Parquet schema of a dataset."""
    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.type]) for c in columns])


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _timestamps(row: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    for name in names:
        if row[name] is not None:
            row[name] = datetime.fromisoformat(row[name])
    return row


async def _write_parquet(
    rows: AsyncIterator[dict[str, Any]], columns: Sequence[Column], path: Path, batch: int
) -> int:
    schema = arrow_schema(columns)
    stamps = [c.name for c in columns if c.type == "timestamp"]
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        pending: list[dict[str, Any]] = []
        async for row in rows:
            pending.append(_timestamps(row, stamps))
            if len(pending) >= batch:
                writer.write_table(pa.Table.from_pylist(pending, schema=schema))
                count += len(pending)
                pending = []
        if pending or count == 0:
            writer.write_table(pa.Table.from_pylist(pending, schema=schema))
            count += len(pending)
    return count


async def _write_text(
    rows: AsyncIterator[dict[str, Any]], columns: Sequence[Column], out: TextIO, fmt: Format
) -> int:
    count = 0
    if fmt is Format.CSV:
        writer = csv.DictWriter(out, fieldnames=[c.name for c in columns])
        writer.writeheader()
        async for row in rows:
            writer.writerow(row)
            count += 1
    else:
        async for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


async def write_rows(
    rows: AsyncIterator[dict[str, Any]],
    columns: Sequence[Column],
    fmt: Format,
    path: Path,
    *,
    batch: int = 10_000,
) -> int:
    """Write every row to ``path`` in ``fmt``; returns the number of rows written."""
    with atomic_path(path) as tmp:
        if fmt is Format.PARQUET:
            return await _write_parquet(rows, columns, tmp, batch)
        with tmp.open("w", encoding="utf-8", newline="") as out:
            return await _write_text(rows, columns, out, fmt)
