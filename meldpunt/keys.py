"""The pseudonymisation key: from the settings, else made once and kept in ``var/``."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from meldpunt.settings import Settings


def pseudonym_key(settings: Settings) -> bytes:
    """The key for keyed hashes of people.

    A configured key wins. Otherwise a random 32-byte key is created on first use in
    ``<var_dir>/pseudonym.key`` (readable by the owner only) and reused, so pseudonyms stay
    stable between exports.
    """
    if settings.pseudonym_key is not None and settings.pseudonym_key.get_secret_value():
        return settings.pseudonym_key.get_secret_value().encode("utf-8")
    path = settings.var_dir / "pseudonym.key"
    if not path.exists():
        _create(path)
    key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if len(key) < 16:
        raise ValueError(f"{path}: the key is too short; delete the file to make a new one")
    return key


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
