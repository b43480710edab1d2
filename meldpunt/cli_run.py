"""``meldpunt run``: the main job, what ``make run`` starts.

Until live monitoring of Telegram is configured, it archives the bundled demo channels, runs
detection over the archive (findings enter the inbox as monitor notices), makes sure there is
someone to log in as, and serves the web inbox.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

import nlp
from inbox.accounts import Accounts
from inbox.archive import Archive, utc_now
from inbox.model import Role
from meldpunt.cli_archive import summary
from meldpunt.cli_web import serve_app, web_app
from meldpunt.console import console
from meldpunt.context import AppContext
from meldpunt.demo import load_demo

DEMO_USER = "admin"


async def demo_login(accounts: Accounts, var_dir: Path) -> tuple[str, str] | None:
    """The demo log-in: created with a random password when nobody can log in yet.

    The password is kept in ``<var_dir>/demo-login`` (owner-only) so that the next
    ``make run`` can show it again; None when users were made by hand.
    """
    path = var_dir / "demo-login"
    if path.exists():
        name, _, password = path.read_text(encoding="utf-8").strip().partition(" ")
        return (name, password) if await accounts.user(name) is not None else None
    if await accounts.users():
        return None
    password = secrets.token_urlsafe(12)
    await accounts.add_user(DEMO_USER, Role.ADMIN, password)
    var_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"{DEMO_USER} {password}\n")
    return DEMO_USER, password


def run(
    ctx: typer.Context,
    demo: Annotated[
        bool,
        typer.Option("--demo/--no-demo", help="Archive the bundled demo channels first."),
    ] = True,
    serve: Annotated[
        bool,
        typer.Option("--serve/--no-serve", help="Serve the web inbox afterwards."),
    ] = True,
) -> None:
    """Run Meldpunt: archive the demo channels, detect offers into the inbox, serve it."""
    app: AppContext = ctx.obj
    settings = app.settings

    async def main() -> None:
        async with app.database() as db, web_app(settings, db) as web:
            if demo:
                console.print(summary("demo channels archived", await load_demo(Archive(db))))
            with console.status("detecting offers in the archive"):
                await asyncio.to_thread(nlp.analyze, "")  # load the pipelines once, up front
                scan = await web.inbox.scan_archive()
            console.print(
                f"detection: {scan.analysed} posts analysed, {scan.notices} new findings"
                " in the inbox"
            )
            login = await demo_login(Accounts(db, clock=utc_now), settings.var_dir)
            if not serve:
                return
            console.print(f"web inbox: http://{settings.web_host}:{settings.web_port}/")
            if login:
                console.print(f"log in as [bold]{login[0]}[/bold] with password {login[1]}")
            else:
                console.print("log in with a user from `meldpunt users add`")
            console.print("Ctrl+C stops it.")
            await serve_app(web.app, host=settings.web_host, port=settings.web_port)

    asyncio.run(main())


def register(app: typer.Typer) -> None:
    """Add this module's commands to the application."""
    app.command()(run)
