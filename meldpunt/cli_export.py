"""``meldpunt export``: research datasets with a datasheet beside each file."""

from __future__ import annotations

import asyncio
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from inbox.archive import utc_now
from inbox.exports import ExportResult, export_dataset
from inbox.pseudonym import Pseudonymizer
from meldpunt.console import console
from meldpunt.context import AppContext
from meldpunt.keys import pseudonym_key


class Dataset(StrEnum):
    """What can be exported."""

    POSTS = "posts"
    CHANNELS = "channels"
    GRAPH = "graph"


class FileFormat(StrEnum):
    """File formats; ``gexf`` (for Gephi) only for the graph."""

    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"
    GEXF = "gexf"


def export(
    ctx: typer.Context,
    dataset: Annotated[
        Dataset,
        typer.Argument(help="posts, channels or graph (forwards and mentions between channels)."),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[
        FileFormat, typer.Option("--format", help="csv, jsonl, parquet, or gexf for the graph.")
    ] = FileFormat.CSV,
    pseudonymize: Annotated[
        bool,
        typer.Option(
            "--pseudonymize/--no-pseudonymize",
            help="Replace people's ids, names, phone numbers and handles by keyed hashes.",
        ),
    ] = True,
) -> None:
    """Export a dataset for research, pseudonymised by default, with a datasheet beside it."""
    app: AppContext = ctx.obj
    if fmt is FileFormat.GEXF and dataset is not Dataset.GRAPH:
        raise typer.BadParameter("gexf is a graph format: use it with the graph dataset")
    pseudonymizer = Pseudonymizer(pseudonym_key(app.settings)) if pseudonymize else None

    async def run() -> ExportResult:
        async with app.database() as db:
            return await export_dataset(
                db, dataset.value, fmt.value, output, pseudonymizer=pseudonymizer, now=utc_now()
            )

    result = asyncio.run(run())
    console.print(
        f"wrote {result.rows} rows to {result.path} (datasheet: {result.datasheet.name})"
        + ("" if pseudonymize else " [bold red]with personal data in the clear[/bold red]")
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the application."""
    app.command()(export)
