"""The inbox commands end to end: a real database file, real argon2, the real analyser."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

import nlp
from inbox.accounts import Accounts
from inbox.archive import Archive, utc_now
from inbox.fetching import PreviewPostFetcher
from inbox.model import Actor, EscalationTarget, Notice, NoticeSource, Role
from inbox.service import Inbox
from inbox.store import Database
from meldpunt.cli import app, main
from monitors import Channel, Post
from monitors.webpreview import PreviewClient
from tests.telegram.webpreview_server import WebPreviewServer

OFFER = (
    "Cocaine 1g €80, MDMA pillen 10 voor €50. Bezorging in Utrecht binnen het uur, "
    "betalen met BTC. Bestellen via @cli_kanaal"
)
INVESTIGATOR = Actor("ines", Role.INVESTIGATOR)
PASSWORD = "een lang genoeg wachtwoord"


@pytest.fixture(autouse=True)
def settings_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every run works in a temporary folder with its own database."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MELDPUNT_DB", str(tmp_path / "m.sqlite3"))
    monkeypatch.setenv("MELDPUNT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("MELDPUNT_NEW_PASSWORD", raising=False)
    monkeypatch.setenv("MELDPUNT_NOTICE_SENDER_NAME", "Meldpunt")
    monkeypatch.setenv("MELDPUNT_NOTICE_SENDER_EMAIL", "meldingen@meldpunt.example")
    return tmp_path / "m.sqlite3"


@pytest.fixture
def server() -> Iterator[WebPreviewServer]:
    with WebPreviewServer() as fake:
        yield fake


def run(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def seed(path: Path, server: WebPreviewServer) -> str:
    """An archived offer, reported by a citizen two days ago and escalated to the platform."""
    moment = utc_now() - timedelta(days=2)

    async def build() -> str:
        async with Database.open(path) as db, httpx.AsyncClient() as http:
            clock = lambda: moment  # noqa: E731
            fetcher = PreviewPostFetcher(PreviewClient(http, base_url=server.url, delay=0))
            inbox = Inbox(db, Archive(db, clock=clock), nlp.analyze, fetcher, clock=clock)
            post = Post(Channel(4401, "cli_kanaal"), 3, moment - timedelta(hours=5), text=OFFER)
            await Archive(db, clock=clock).add([post])
            receipt = await inbox.submit(Notice("t.me/cli_kanaal/3", "drugs", NoticeSource.CITIZEN))
            await inbox.claim(receipt.case_id, INVESTIGATOR)
            await inbox.escalate(
                receipt.case_id, EscalationTarget.PLATFORM, INVESTIGATOR, reason="Harddrugs."
            )
            return receipt.case_id

    return asyncio.run(build())


async def login(path: Path, name: str, password: str) -> bool:
    async with Database.open(path) as db:
        return await Accounts(db, clock=utc_now).authenticate(name, password) is not None


async def token_works(path: Path, secret: str) -> bool:
    async with Database.open(path) as db:
        return await Accounts(db, clock=utc_now).token_for(secret) is not None


def test_users_add_takes_the_password_from_the_environment(
    settings_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MELDPUNT_NEW_PASSWORD", PASSWORD)
    assert run("users", "add", "ines", "--role", "investigator") == 0
    assert run("users", "list") == 0
    out = capsys.readouterr().out
    assert "added user ines (investigator)" in out
    assert "ines\tinvestigator\t" in out
    assert PASSWORD not in out
    assert asyncio.run(login(settings_env, "ines", PASSWORD))


def test_users_add_asks_for_the_password_twice_without_echo(settings_env: Path) -> None:
    result = CliRunner().invoke(
        app, ["users", "add", "ada", "--role", "admin"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert "Repeat for confirmation" in result.output
    assert asyncio.run(login(settings_env, "ada", PASSWORD))


def test_a_weak_password_is_one_line_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MELDPUNT_NEW_PASSWORD", "kort")
    assert run("users", "add", "kees", "--role", "researcher") == 1
    err = capsys.readouterr().err
    assert "at least 12 characters" in err and "Traceback" not in err


def test_disabled_users_cannot_log_in(
    settings_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MELDPUNT_NEW_PASSWORD", PASSWORD)
    assert run("users", "add", "rob", "--role", "researcher") == 0
    assert run("users", "disable", "rob") == 0
    assert not asyncio.run(login(settings_env, "rob", PASSWORD))
    assert run("users", "list") == 0
    assert "(disabled)" in capsys.readouterr().out


def test_tokens_are_printed_once_and_can_be_revoked(
    settings_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("tokens", "add", "nvwa", "--source", "authority") == 0
    captured = capsys.readouterr()
    secret = captured.out.strip()
    assert secret.startswith("mpt_") and "\n" not in secret
    assert "not kept" in captured.err
    assert asyncio.run(token_works(settings_env, secret))

    assert run("tokens", "list") == 0
    listing = capsys.readouterr().out
    assert "nvwa\tauthority" in listing and secret not in listing

    assert run("tokens", "revoke", "nvwa") == 0
    assert not asyncio.run(token_works(settings_env, secret))
    assert run("tokens", "add", "burger", "--source", "citizen") == 2


def test_verify_counts_entries_and_names_the_broken_one(
    settings_env: Path, server: WebPreviewServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("verify") == 0
    assert capsys.readouterr().out == "ok: 0 entries\n"
    seed(settings_env, server)
    assert run("verify") == 0
    assert capsys.readouterr().out == "ok: 1 entries\n"

    with sqlite3.connect(settings_env) as conn:
        conn.execute("DROP TRIGGER evidence_no_update")
        conn.execute("UPDATE evidence SET snapshot = replace(snapshot, 'Cocaine', 'Koffie')")

    assert run("verify") == 1
    err = capsys.readouterr().err
    assert "broken: evidence entry 1" in err
    assert "snapshot does not match" in err
    assert "guards dropped: evidence_no_update" in err


def test_verify_names_a_dropped_guard_before_anything_is_edited(
    settings_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("verify") == 0
    with sqlite3.connect(settings_env) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
    assert run("verify") == 1
    captured = capsys.readouterr()
    assert "append-only guards dropped: audit_log_no_delete" in captured.err
    assert "evidence entry" not in captured.err


def test_transparency_report_as_json_and_html(
    settings_env: Path, server: WebPreviewServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(settings_env, server)
    today = datetime.now(UTC).date()
    since = (today - timedelta(days=7)).isoformat()
    output = tmp_path / "report.json"

    assert (
        run("report", "transparency", "--since", since, "--format", "json", "-o", str(output)) == 0
    )

    figures = json.loads(output.read_text(encoding="utf-8"))
    assert figures["notices"]["by_source"]["citizen"] == 1
    assert figures["outcomes"]["by_escalation_target"]["platform"] == 1
    assert figures["period"]["since"] == f"{since}T00:00:00+00:00"
    capsys.readouterr()
    until = (today - timedelta(days=5)).isoformat()
    assert run("report", "transparency", "--since", since, "--until", until) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "0 notices" in page  # the case came in after the chosen period


def test_cases_list_export_statements_and_notice(
    settings_env: Path, server: WebPreviewServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = seed(settings_env, server)

    assert run("cases", "list", "--status", "escalated") == 0
    assert capsys.readouterr().out.startswith(f"{case_id}\tescalated\t")

    cases_csv = tmp_path / "cases.csv"
    assert run("cases", "export", "-o", str(cases_csv)) == 0
    with cases_csv.open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["case_id"], row["escalation_target"]) == (case_id, "platform")

    statements = tmp_path / "statements.jsonl"
    assert run("cases", "statements", "-o", str(statements)) == 0
    [line] = statements.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["puid"] == case_id

    notice = tmp_path / "notice.json"
    assert run("cases", "notice", case_id, "--format", "json", "-o", str(notice)) == 0
    [data] = json.loads(notice.read_text(encoding="utf-8"))
    assert data["notifier"] == {"name": "Meldpunt", "email": "meldingen@meldpunt.example"}
    capsys.readouterr()
    assert run("cases", "notice", case_id) == 0
    assert "https://t.me/cli_kanaal/3" in capsys.readouterr().out

    assert run("cases", "notice", "MP-2026-999999") == 1
    assert "no case" in capsys.readouterr().err
