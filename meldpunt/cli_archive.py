"""CLI commands that fill and describe the archive: ``crawl``, ``import``, ``stats``."""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import httpx
import typer
from rich.table import Table

from inbox.archive import Archive, ArchiveResult
from inbox.store.stats import archive_stats
from meldpunt.console import console, progress
from meldpunt.context import AppContext
from meldpunt.ingest import crawl_channel, import_export
from meldpunt.settings import Settings
from monitors.webpreview import PreviewClient


def summary(title: str, result: ArchiveResult) -> Table:
    """A small table of what an archive run did."""
    table = Table(title=title, show_header=False)
    for label, value in (
        ("channels", len(result.channels)),
        ("new posts", result.new),
        ("edited (new version)", result.edited),
        ("unchanged", result.unchanged),
        ("marked deleted", result.deleted),
        ("truncated to 64 KiB", result.truncated),
    ):
        table.add_row(label, str(value))
    return table


def web_preview_client(settings: Settings, http: httpx.AsyncClient) -> PreviewClient:
    """The web-preview client configured by the settings."""
    return PreviewClient(
        http,
        base_url=settings.webpreview_url,
        delay=settings.request_delay,
        retries=settings.request_retries,
    )


def http_client(settings: Settings) -> httpx.AsyncClient:
    """An HTTP client that never follows redirects and identifies itself honestly."""
    return httpx.AsyncClient(
        timeout=settings.request_timeout,
        follow_redirects=False,
        headers={"User-Agent": "Meldpunt/0.1 (public web preview archiver)"},
    )


def crawl(
    ctx: typer.Context,
    channels: Annotated[list[str], typer.Argument(help="Channel usernames (with or without @).")],
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Stop after this many posts a channel.")
    ] = None,
    until_id: Annotated[
        int | None, typer.Option("--until-id", min=1, help="Do not go back past this message id.")
    ] = None,
) -> None:
    """Archive channels from Telegram's public web preview (t.me/s/NAME).

    Each crawl resumes where the last one stopped.
    """
    app: AppContext = ctx.obj

    async def run() -> ArchiveResult:
        total = ArchiveResult()
        async with app.database() as db, http_client(app.settings) as http:
            archive = Archive(db)
            client = web_preview_client(app.settings, http)
            with progress() as bar:
                for name in channels:
                    username = name.removeprefix("@")
                    task = bar.add_task(f"@{username}", total=limit)
                    total.merge(
                        await crawl_channel(
                            archive,
                            client,
                            username,
                            limit=limit,
                            until_id=until_id,
                            progress=partial(bar.advance, task),
                        )
                    )
        return total

    console.print(summary("crawl", asyncio.run(run())))


class ChatType(StrEnum):
    """Chat types as Telegram Desktop writes them in an export."""

    PUBLIC_CHANNEL = "public_channel"
    PRIVATE_CHANNEL = "private_channel"
    PUBLIC_SUPERGROUP = "public_supergroup"
    PRIVATE_SUPERGROUP = "private_supergroup"
    PRIVATE_GROUP = "private_group"
    PERSONAL_CHAT = "personal_chat"
    BOT_CHAT = "bot_chat"
    SAVED_MESSAGES = "saved_messages"


def import_(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Telegram Desktop export files (result.json).",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ],
    username: Annotated[
        str | None,
        typer.Option("--username", help="Public username of the exported channel (one file)."),
    ] = None,
    chat_types: Annotated[
        list[ChatType] | None,
        typer.Option(
            "--chat-type",
            help="Import only chats of this export type (repeat for more). Default: the "
            "chosen chat of a single-chat export; the channels and groups of a full-account "
            "export, never your own conversations unless named here.",
        ),
    ] = None,
) -> None:
    """Archive Telegram Desktop exports: one chat or a whole account, one transaction a file."""
    app: AppContext = ctx.obj
    if username and len(paths) > 1:
        raise typer.BadParameter("--username names one channel: give one file with it")

    async def run() -> ArchiveResult:
        total = ArchiveResult()
        async with app.database() as db:
            archive = Archive(db)
            with progress() as bar:
                for path in paths:
                    task = bar.add_task(path.name, total=None)
                    total.merge(
                        await import_export(
                            archive,
                            path,
                            username=username.removeprefix("@") if username else None,
                            chat_types={t.value for t in chat_types} if chat_types else None,
                            progress=partial(bar.advance, task),
                        )
                    )
        return total

    console.print(summary("import", asyncio.run(run())))


def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Show what the archive holds: channels, posts, versions, deletions, date range."""
    app: AppContext = ctx.obj

    async def run() -> dict[str, object]:
        async with app.database() as db:
            return asdict(await archive_stats(db.conn))

    figures = asyncio.run(run())
    if as_json:
        typer.echo(json.dumps(figures))
        return
    table = Table(title="archive", show_header=False)
    for key, value in figures.items():
        table.add_row(key.replace("_", " "), "" if value is None else str(value))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the application."""
    app.command()(crawl)
    app.command("import")(import_)
    app.command()(stats)
