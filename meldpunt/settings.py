"""Every setting of Meldpunt: one class, read from the environment and `.env`.

Each field has a default and a description; `.env.example` mirrors them (a test keeps the two
in step). Secrets are `SecretStr` so they never print.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Meldpunt's configuration. Environment names are the field names, upper-cased, with the
    prefix ``MELDPUNT_``."""

    model_config = SettingsConfigDict(
        env_prefix="MELDPUNT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    db: Path = Field(
        Path("var/meldpunt.sqlite3"), description="Path of the SQLite database (the archive)."
    )
    var_dir: Path = Field(
        Path("var"), description="Folder for runtime files: keys, sessions, exports."
    )
    webpreview_url: str = Field(
        "https://t.me", description="Base address of Telegram's public web preview (t.me/s/...)."
    )
    request_delay: float = Field(
        1.0, ge=0, description="Seconds to wait between two web-preview requests."
    )
    request_retries: int = Field(
        4, ge=0, description="Retries of a web-preview request after a 429, 5xx or time-out."
    )
    request_timeout: float = Field(
        20.0, gt=0, description="Seconds before a web-preview request times out."
    )
    pseudonym_key: SecretStr | None = Field(
        None,
        description=(
            "Key of the keyed hash that pseudonymises people in exports. When empty, a random "
            "key is made once and kept in <var_dir>/pseudonym.key."
        ),
    )
    offer_threshold: float = Field(
        0.7,
        ge=0,
        le=1,
        description=(
            "Score (0-1) from which an archived post the analyser marks as an offer becomes a "
            "proactive notice from our monitor."
        ),
    )
    sla_hours: float = Field(
        24.0, gt=0, description="Hours to decide a case of normal or low priority (citizens)."
    )
    sla_hours_high: float = Field(
        12.0,
        gt=0,
        description="Hours to decide a high-priority case (trusted flaggers, sure monitor finds).",
    )
    sla_hours_urgent: float = Field(
        1.0, gt=0, description="Hours to decide an urgent case (notices from authorities)."
    )
    case_prefix: str = Field(
        "MP",
        pattern=r"^[A-Za-z0-9]{1,8}$",
        description="Prefix of case numbers, as in MP-2026-000123.",
    )
    notice_sender_name: str | None = Field(
        None,
        description=(
            "Name Article 16 notices to platforms are sent under (with the e-mail below); when "
            "empty, notices are anonymous."
        ),
    )
    notice_sender_email: str | None = Field(
        None, description="E-mail address Article 16 notices to platforms are sent from."
    )
    web_host: str = Field(
        "127.0.0.1",
        description="Address `meldpunt serve` listens on (127.0.0.1: this machine only).",
    )
    web_port: int = Field(8080, ge=1, le=65535, description="Port `meldpunt serve` listens on.")
    web_cookie_secure: bool = Field(
        True,
        description=(
            "Send the web inbox's session cookie over HTTPS only. Browsers count "
            "http://127.0.0.1 and http://localhost as secure; turn off only to serve plain "
            "HTTP on another address."
        ),
    )
    web_session_hours: float = Field(
        12.0, gt=0, description="Hours a web-inbox log-in lasts at most."
    )
    web_idle_minutes: float = Field(
        60.0, gt=0, description="Minutes without use after which a web-inbox log-in ends."
    )
    web_max_body_kib: int = Field(
        16,
        ge=1,
        le=1024,
        description="Largest request body the web inbox and the API accept, in KiB (larger: 413).",
    )
    web_api_per_minute: float = Field(
        60.0,
        gt=0,
        description="Notices a minute one API token may send (in bursts of up to a third of it).",
    )
    web_address_per_minute: float = Field(
        300.0,
        gt=0,
        description="API requests a minute from one client address (bursts up to a third of it).",
    )
    web_login_per_minute: float = Field(
        10.0,
        gt=0,
        description="Log-in attempts a minute from one client address (bursts up to a third).",
    )
