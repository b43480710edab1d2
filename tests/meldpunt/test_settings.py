"""Settings: `.env.example` documents exactly the fields of the settings class."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meldpunt.keys import pseudonym_key
from meldpunt.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def example_entries() -> dict[str, list[str]]:
    """Setting names in .env.example with the comment lines just above each."""
    entries: dict[str, list[str]] = {}
    comments: list[str] = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        elif match := re.match(r"^([A-Z_]+)=", line):
            entries[match.group(1)] = comments
            comments = []
        else:
            comments = []
    return entries


def test_env_example_lists_every_setting_with_a_comment() -> None:
    fields = {f"MELDPUNT_{name.upper()}" for name in Settings.model_fields}
    entries = example_entries()
    assert set(entries) == fields
    assert all(entries[name] for name in entries), "every setting needs a comment above it"


def test_every_setting_has_a_description() -> None:
    assert all(field.description for field in Settings.model_fields.values())


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELDPUNT_REQUEST_DELAY", "0.25")
    monkeypatch.setenv("MELDPUNT_WEBPREVIEW_URL", "http://127.0.0.1:9")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.request_delay == 0.25
    assert settings.webpreview_url == "http://127.0.0.1:9"


def test_secret_key_never_shows_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELDPUNT_PSEUDONYM_KEY", "correct horse battery staple")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert "staple" not in repr(settings)
    assert pseudonym_key(settings) == b"correct horse battery staple"


def test_generated_key_is_private_and_stable(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, var_dir=tmp_path)  # type: ignore[call-arg]
    first = pseudonym_key(settings)
    assert len(first) == 32
    assert pseudonym_key(settings) == first
    assert (tmp_path / "pseudonym.key").stat().st_mode & 0o077 == 0
