"""The ``meldpunt`` command line: one Typer application composed from per-area modules.

Errors print as one readable line and exit 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from meldpunt import cli_archive, cli_export, cli_inbox, cli_nlp, cli_run, cli_web
from meldpunt.console import errors
from meldpunt.context import AppContext
from meldpunt.settings import Settings

app = typer.Typer(
    name="meldpunt",
    help="Find illegal products offered on public Telegram channels and get them reported.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _global(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="SQLite database to use (default: MELDPUNT_DB or var/)."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
) -> None:
    """Meldpunt: archive public Telegram channels, detect offers, report them."""
    settings = Settings()
    if db is not None:
        settings = settings.model_copy(update={"db": db})
    ctx.obj = AppContext(settings=settings, debug=debug)


cli_archive.register(app)
cli_export.register(app)
cli_run.register(app)
cli_inbox.register(app)
cli_web.register(app)
cli_nlp.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="meldpunt", standalone_mode=False)
    except typer.Abort:
        errors.print("aborted")
        raise SystemExit(130) from None
    except typer.TyperException as exc:  # usage errors: Typer's own one-line message
        exc.show()  # type: ignore[attr-defined]
        raise SystemExit(getattr(exc, "exit_code", 2)) from None
    except Exception as exc:
        if "--debug" in args:
            raise
        message = str(exc) or type(exc).__name__
        errors.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None
    if isinstance(code, int) and code:
        raise SystemExit(code)
