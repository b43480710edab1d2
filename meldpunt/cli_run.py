"""``meldpunt run``: the main job, what ``make run`` starts."""

from __future__ import annotations

import asyncio

import typer

from inbox.archive import Archive, ArchiveResult
from meldpunt.cli_archive import summary
from meldpunt.console import console
from meldpunt.context import AppContext
from meldpunt.demo import load_demo


def run(ctx: typer.Context) -> None:
    """Run Meldpunt. Without Telegram credentials it archives the bundled demo channels."""
    app: AppContext = ctx.obj

    async def main() -> ArchiveResult:
        async with app.database() as db:
            return await load_demo(Archive(db))

    result = asyncio.run(main())
    console.print(summary("demo channels archived", result))
    console.print(f"archive: {app.settings.db}  (try: meldpunt stats, meldpunt export posts)")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the application."""
    app.command()(run)
