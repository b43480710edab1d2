"""``meldpunt serve``: the settings reach the app, and the app it builds serves the inbox."""

from __future__ import annotations

from pathlib import Path

import httpx
from typer.testing import CliRunner

from inbox.store import Database
from meldpunt.cli import app as cli
from meldpunt.cli_web import rate, web_app, web_config
from meldpunt.settings import Settings


def settings_for(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, db=tmp_path / "db.sqlite3", var_dir=tmp_path / "var", **values)  # type: ignore[call-arg]


def test_settings_become_the_web_config(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path,
        web_cookie_secure=False,
        web_max_body_kib=4,
        web_api_per_minute=10,
        notice_sender_name="Meldpunt",
        notice_sender_email="meldpunt@example.org",
    )
    config = web_config(settings)
    assert config.cookie_secure is False
    assert config.max_body_bytes == 4096
    assert (config.api_rate.per_minute, config.api_rate.burst) == (10, 4)
    assert config.notice_sender is not None and config.notice_sender.name == "Meldpunt"
    assert rate(1).burst == 1


async def test_the_served_app_answers_on_the_settings_database(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, web_cookie_secure=False)
    async with Database.open(settings.db) as db, web_app(settings, db) as web:
        transport = httpx.ASGITransport(app=web.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            login = await client.get("/login")
            queue = await client.get("/queue")
        assert login.status_code == 200
        assert "mp_login" in login.cookies
        assert queue.headers["location"] == "/login?next=/queue"
        assert await web.inbox.queue() == []
    assert (tmp_path / "var" / "pseudonym.key").exists()


def test_serve_is_a_command_with_host_and_port() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output
