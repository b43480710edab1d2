"""The command line end to end: real files, a real database, the loopback web preview."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer

from meldpunt.cli import app, main
from monitors import MalformedInput
from tests.telegram.webpreview_pages import SavedChannel, fixture
from tests.telegram.webpreview_server import WebPreviewServer

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "desktop_export" / "result.json"


@pytest.fixture(autouse=True)
def settings_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every run works in a temporary folder with its own database and key."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MELDPUNT_DB", str(tmp_path / "m.sqlite3"))
    monkeypatch.setenv("MELDPUNT_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("MELDPUNT_REQUEST_DELAY", "0")
    return tmp_path / "m.sqlite3"


def run(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


def count(db: Path, sql: str) -> object:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    for name, command in group.commands.items():
        assert command.help, f"{name} has no help text"
        assert run(name, "--help") == 0
        assert "Usage" in capsys.readouterr().out


def test_import_twice_then_stats(settings_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import", str(EXPORT)) == 0
    assert run("import", str(EXPORT)) == 0
    capsys.readouterr()
    assert run("stats", "--json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["channels"] == 1
    assert figures["posts"] == figures["versions"] > 50


def test_a_full_account_import_keeps_personal_chats_out_unless_asked(
    settings_env: Path, tmp_path: Path
) -> None:
    personal = json.loads(EXPORT.read_text(encoding="utf-8"))  # a personal chat
    channel = {**personal, "id": 77, "type": "public_channel"}
    account = tmp_path / "account.json"
    account.write_text(json.dumps({"chats": {"list": [personal, channel]}}), encoding="utf-8")
    assert run("import", str(account)) == 0
    assert count(settings_env, "SELECT COUNT(DISTINCT channel_id) FROM posts") == 1
    assert run("import", str(account), "--chat-type", "personal_chat") == 0
    assert count(settings_env, "SELECT COUNT(DISTINCT channel_id) FROM posts") == 2


def test_truncated_export_is_one_line_error_and_writes_nothing(
    settings_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = tmp_path / "cut.json"
    cut.write_bytes(EXPORT.read_bytes()[:3000])
    assert run("import", str(cut)) == 1
    err = capsys.readouterr().err
    assert "cut.json" in err and "invalid JSON" in err
    assert "Traceback" not in err
    assert count(settings_env, "SELECT count(*) FROM posts") == 0


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_text('{"name": "x", "messages": [', encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"cut\.json"):
        main(["--debug", "import", str(cut)])


def test_export_parquet_with_datasheet(settings_env: Path, tmp_path: Path) -> None:
    assert run("import", str(EXPORT)) == 0
    out = tmp_path / "posts.parquet"
    assert run("export", "posts", "--format", "parquet", "-o", str(out)) == 0
    table = pq.read_table(out)
    assert table.num_rows == count(settings_env, "SELECT count(*) FROM posts")
    assert "user10001" not in json.dumps(table.to_pylist(), default=str)
    assert (tmp_path / "posts.parquet.datasheet.md").exists()
    assert (tmp_path / "var" / "pseudonym.key").exists()


def test_gexf_only_for_the_graph(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "posts", "--format", "gexf", "-o", "x.gexf") == 2
    assert "graph" in capsys.readouterr().err


def test_crawl_pages_through_the_loopback_preview(
    settings_env: Path, monkeypatch: pytest.MonkeyPatch, webpreview_server: WebPreviewServer
) -> None:
    saved = webpreview_server.add_channel(SavedChannel(fixture("telegram.html"), page_size=6))
    monkeypatch.setenv("MELDPUNT_WEBPREVIEW_URL", webpreview_server.url)
    assert run("crawl", "@telegram", "--limit", "10") == 0
    assert count(settings_env, "SELECT count(*) FROM posts") == 10
    assert run("crawl", "telegram") == 0  # resumes the backfill to the first post
    assert count(settings_env, "SELECT count(*) FROM posts") == len(saved.ids)
    assert count(settings_env, "SELECT count(*) FROM checkpoints WHERE exhausted = 1") == 1


def test_crawl_keeps_edits_as_versions_and_marks_deletions(
    settings_env: Path, monkeypatch: pytest.MonkeyPatch, webpreview_server: WebPreviewServer
) -> None:
    saved = webpreview_server.add_channel(SavedChannel(fixture("telegram.html"), page_size=25))
    monkeypatch.setenv("MELDPUNT_WEBPREVIEW_URL", webpreview_server.url)
    assert run("crawl", "telegram") == 0
    newest = saved.posts[-1]
    first_text = count(
        settings_env, f"SELECT text FROM posts WHERE message_id = {newest.message_id}"
    )
    assert isinstance(first_text, str) and first_text
    word = first_text.split()[0]
    saved.posts[-1] = replace(newest, html=newest.html.replace(word, "SOLD-OUT", 1))
    gone = saved.posts.pop(5)
    saved.published = len(saved.posts)
    assert run("crawl", "telegram") == 0
    assert count(settings_env, "SELECT count(*) FROM post_versions") == len(saved.posts) + 2
    assert (
        count(settings_env, f"SELECT version FROM posts WHERE message_id = {newest.message_id}")
        == 2
    )
    assert (
        count(settings_env, "SELECT message_id FROM posts WHERE deleted_at IS NOT NULL")
        == gone.message_id
    )


def test_unknown_channel_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
    webpreview_server: WebPreviewServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MELDPUNT_WEBPREVIEW_URL", webpreview_server.url)
    assert run("crawl", "nosuchchannel") == 1
    assert "nosuchchannel" in capsys.readouterr().err


def test_run_loads_the_demo_into_the_inbox(
    settings_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("run", "--no-serve") == 0
    assert count(settings_env, "SELECT count(*) FROM channels") >= 5
    assert count(settings_env, "SELECT count(*) FROM channels WHERE username IS NULL") == 0
    findings = count(settings_env, "SELECT count(*) FROM notices WHERE source = 'monitor'")
    assert isinstance(findings, int) and findings > 10
    assert count(settings_env, "SELECT count(*) FROM cases") >= 3
    login = (tmp_path / "var" / "demo-login").read_text(encoding="utf-8").split()
    assert login[0] == "admin" and (tmp_path / "var" / "demo-login").stat().st_mode & 0o077 == 0
    capsys.readouterr()
    assert run("run", "--no-serve") == 0  # a second run adds nothing
    assert count(settings_env, "SELECT count(*) FROM notices WHERE source = 'monitor'") == findings
    assert count(settings_env, "SELECT count(*) FROM users") == 1
