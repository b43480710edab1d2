"""Inbox commands: users and API tokens, evidence verification, the transparency report and
case exports (CSV, statements of reasons, Article 16 notices)."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from inbox import casefiles, dsa, evidence, transparency
from inbox.accounts import Accounts
from inbox.archive import utc_now
from inbox.cases import Cases
from inbox.errors import CaseNotFound
from inbox.evidence import of_case as evidence_of_case
from inbox.model import CaseQuery, CaseStatus, NoticeSource, Role
from inbox.service import InboxConfig
from inbox.sla import SlaPolicy
from inbox.store import Database
from meldpunt.console import console, errors
from meldpunt.context import AppContext
from meldpunt.settings import Settings

T = TypeVar("T")

PASSWORD_ENV = "MELDPUNT_NEW_PASSWORD"  # noqa: S105 - a variable name
"""Where ``users add`` takes the password from when set (scripts); otherwise it asks."""


def inbox_config(settings: Settings) -> InboxConfig:
    """The inbox's settings values."""
    return InboxConfig(
        case_prefix=settings.case_prefix,
        sla=SlaPolicy(
            normal_hours=settings.sla_hours,
            high_hours=settings.sla_hours_high,
            urgent_hours=settings.sla_hours_urgent,
        ),
        offer_threshold=settings.offer_threshold,
    )


def notice_sender(settings: Settings) -> dsa.Notifier | None:
    """Who Article 16 notices are sent by; None (anonymous) unless name and e-mail are set."""
    if settings.notice_sender_name and settings.notice_sender_email:
        return dsa.Notifier(settings.notice_sender_name, settings.notice_sender_email)
    return None


def _with_db(ctx: typer.Context, work: Callable[[Database], Awaitable[T]]) -> T:
    app: AppContext = ctx.obj

    async def run() -> T:
        async with app.database() as db:
            return await work(db)

    return asyncio.run(run())


def _day(value: datetime | None, *, end: bool = False) -> datetime | None:
    """A ``--since``/``--until`` date as the UTC moment it starts (``end``: the next day's
    start, so the until day is included)."""
    if value is None:
        return None
    start = value.replace(tzinfo=UTC)
    return start + timedelta(days=1) if end else start


Since = Annotated[
    datetime | None,
    typer.Option("--since", formats=["%Y-%m-%d"], help="First day (UTC) to include."),
]
Until = Annotated[
    datetime | None,
    typer.Option("--until", formats=["%Y-%m-%d"], help="Last day (UTC) to include."),
]


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    console.print(f"wrote {output}")


# users ---------------------------------------------------------------------------------------

users_app = typer.Typer(help="Web-inbox users: investigators, researchers, admins.")


def _accounts(db: Database) -> Accounts:
    return Accounts(db, clock=utc_now)


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name (no spaces).")],
    role: Annotated[Role, typer.Option("--role", help="investigator, researcher or admin.")],
) -> None:
    """Add a user. The password is asked twice (hidden), or read from MELDPUNT_NEW_PASSWORD."""
    password = os.environ.get(PASSWORD_ENV) or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    user = _with_db(ctx, lambda db: _accounts(db).add_user(name, role, password))
    console.print(f"added user {user.name} ({user.role})", highlight=False)


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """List users with their roles."""
    for user in _with_db(ctx, lambda db: _accounts(db).users()):
        state = " (disabled)" if user.disabled else ""
        typer.echo(f"{user.name}\t{user.role}\t{user.created_at:%Y-%m-%d}{state}")


@users_app.command("disable")
def users_disable(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The user to disable.")]
) -> None:
    """Disable a user: they can no longer log in (their actions stay in the audit log)."""
    _with_db(ctx, lambda db: _accounts(db).set_disabled(name, True))
    console.print(f"disabled user {name}", highlight=False)


# tokens --------------------------------------------------------------------------------------

tokens_app = typer.Typer(help="API tokens for trusted flaggers and authorities.")


class TokenSource(StrEnum):
    """Who an API token is for."""

    TRUSTED_FLAGGER = NoticeSource.TRUSTED_FLAGGER.value
    AUTHORITY = NoticeSource.AUTHORITY.value


@tokens_app.command("add")
def tokens_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Who the token is for (no spaces).")],
    source: Annotated[TokenSource, typer.Option("--source", help="trusted_flagger or authority.")],
) -> None:
    """Make an API token. It is printed once and cannot be shown again."""
    token, secret = _with_db(
        ctx, lambda db: _accounts(db).add_token(name, NoticeSource(source.value))
    )
    errors.print(f"token {token.name} ({token.source}); store it now, it is not kept:")
    typer.echo(secret)


@tokens_app.command("list")
def tokens_list(ctx: typer.Context) -> None:
    """List tokens (never their secrets)."""
    for token in _with_db(ctx, lambda db: _accounts(db).tokens()):
        state = "active" if token.active else f"revoked {token.revoked_at:%Y-%m-%d}"
        typer.echo(f"{token.name}\t{token.source}\t{token.created_at:%Y-%m-%d}\t{state}")


@tokens_app.command("revoke")
def tokens_revoke(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The token to revoke.")]
) -> None:
    """Revoke a token at once."""
    _with_db(ctx, lambda db: _accounts(db).revoke_token(name))
    console.print(f"revoked token {name}", highlight=False)


# verify and report ---------------------------------------------------------------------------


def verify(ctx: typer.Context) -> None:
    """Check the evidence hash chain and the append-only guards.

    Names what is broken and exits 1 if anything is.
    """
    result = _with_db(ctx, lambda db: evidence.verify(db.conn))
    if result.ok:
        typer.echo(f"ok: {result.entries} entries")
        return
    if result.broken_id is not None:
        errors.print(
            f"broken: evidence entry {result.broken_id}: {result.problem}"
            f" ({result.entries} entries before it are intact)",
            highlight=False,
        )
    if result.missing_guards:
        errors.print(
            f"broken: append-only guards dropped: {', '.join(result.missing_guards)}"
            " (edits of evidence or audit log are no longer refused)",
            highlight=False,
        )
    raise typer.Exit(1)


report_app = typer.Typer(help="Reports over the inbox.")


class ReportFormat(StrEnum):
    """Transparency report formats."""

    HTML = "html"
    JSON = "json"


@report_app.command("transparency")
def report_transparency(
    ctx: typer.Context,
    since: Since = None,
    until: Until = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", help="html or json.")] = (
        ReportFormat.HTML
    ),
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Notices and cases by source and category, proactive share, speed and outcomes."""
    now = utc_now()
    report = _with_db(
        ctx,
        lambda db: transparency.transparency_report(
            db, since=_day(since), until=_day(until, end=True) or now, now=now
        ),
    )
    text = (
        transparency.render_html(report)
        if fmt is ReportFormat.HTML
        else transparency.render_json(report)
    )
    _write(text, output)


# cases ---------------------------------------------------------------------------------------

cases_app = typer.Typer(help="Cases: list them and export them (CSV, DSA statements, notices).")


@cases_app.command("list")
def cases_list(
    ctx: typer.Context,
    status: Annotated[CaseStatus | None, typer.Option("--status", help="Only this status.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue cases.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="At most this many.")] = 50,
) -> None:
    """The queue: most urgent first, then the earliest due (closed cases left out)."""
    now = utc_now()
    found = _with_db(
        ctx,
        lambda db: Cases(db, clock=lambda: now).listing(
            CaseQuery(status=status, open_only=status is None, overdue_only=overdue, limit=limit)
        ),
    )
    for case in found:
        flag = "OVERDUE" if case.overdue(now) else ""
        typer.echo(
            f"{case.id}\t{case.status}\t{case.priority.name.lower()}\t{case.category}"
            f"\t{case.channel}\t{case.notices} notices\t{case.reporters} reporters\t{flag}"
        )


@cases_app.command("export")
def cases_export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="CSV file to write.")],
    since: Since = None,
    until: Until = None,
) -> None:
    """Cases received in the period as CSV (no reporters, no free text)."""
    now = utc_now()
    count = _with_db(
        ctx,
        lambda db: casefiles.write_cases_csv(
            db, output, now=now, since=_day(since), until=_day(until, end=True)
        ),
    )
    console.print(f"wrote {count} cases to {output}", highlight=False)


@cases_app.command("statements")
def cases_statements(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON lines file to write.")],
    since: Since = None,
    until: Until = None,
) -> None:
    """Statements of reasons (DSA Transparency Database format) for cases decided in the
    period with a restriction; validated, written all or nothing."""
    count = _with_db(
        ctx,
        lambda db: casefiles.write_statements(
            db, output, since=_day(since), until=_day(until, end=True)
        ),
    )
    console.print(f"wrote {count} statements to {output}", highlight=False)


class NoticeFormat(StrEnum):
    """Article 16 notice formats."""

    TEXT = "text"
    JSON = "json"


@cases_app.command("notice")
def cases_notice(
    ctx: typer.Context,
    case_id: Annotated[str, typer.Argument(help="The case, e.g. MP-2026-000123.")],
    fmt: Annotated[NoticeFormat, typer.Option("--format", help="text or json.")] = (
        NoticeFormat.TEXT
    ),
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """The Article 16 notice of a case escalated to the platform, one per preserved post."""
    app: AppContext = ctx.obj
    sender = notice_sender(app.settings)

    async def build(db: Database) -> casefiles.NoticeFile:
        case = await Cases(db, clock=utc_now).get(case_id)
        if case is None:
            raise CaseNotFound(case_id)
        posts = await evidence_of_case(db.conn, case_id)
        return casefiles.platform_notices(case, posts, sender=sender, now=utc_now())

    notices = _with_db(ctx, build)
    if fmt is NoticeFormat.TEXT:
        _write(notices.text(), output)
    else:
        _write(json.dumps(notices.data(), indent=2, ensure_ascii=False) + "\n", output)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the application."""
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(report_app, name="report")
    app.add_typer(cases_app, name="cases")
    app.command()(verify)
