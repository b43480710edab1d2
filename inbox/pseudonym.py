"""Keyed pseudonyms for people: the same person gets the same token, nobody can reverse it.

HMAC-SHA256 with a secret key: unlike a plain hash, a phone number or user id cannot be
recovered by hashing every candidate without the key. Public channels are not people and
keep their names.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Container

# Bounded repetitions only: linear on any input.
_PHONE = re.compile(r"(?<![\w+])\+?\d(?:[ .\-]?\d){7,14}(?!\w)")
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z][A-Za-z0-9_]{3,31})\b")
_TME = re.compile(
    r"\b((?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?)([A-Za-z][A-Za-z0-9_]{3,31})\b",
    re.IGNORECASE,
)


class Pseudonymizer:
    """Turns identifiers of people into stable tokens such as ``p_3kq9xw2m7d4a5t6b``."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("the pseudonymisation key must be at least 16 bytes")
        self._key = key

    def token(self, value: str, kind: str = "p") -> str:
        """The pseudonym of ``value``; ``kind`` separates namespaces (user ids, phones, …)."""
        digest = hmac.new(self._key, f"{kind}\0{value}".encode(), hashlib.sha256).digest()
        return f"{kind}_" + base64.b32encode(digest[:10]).decode("ascii").lower()

    def optional(self, value: str | None, kind: str = "p") -> str | None:
        """:meth:`token` that passes ``None`` and empty values through."""
        return self.token(value, kind) if value else None

    def handle(self, username: str, public: Container[str]) -> str:
        """A username as exported: kept when it is a public channel we know, else a token."""
        return username if username.lower() in public else self.token(username.lower(), "h")

    def scrub(self, text: str, public: Container[str]) -> str:
        """Replace phone numbers and handles of people inside free text.

        ``public`` holds the lower-cased usernames of known public channels, which stay.
        """
        text = _PHONE.sub(lambda m: self.token(re.sub(r"\D", "", m.group()), "tel"), text)
        text = _TME.sub(lambda m: m.group(1) + self.handle(m.group(2), public), text)
        return _HANDLE.sub(lambda m: "@" + self.handle(m.group(1), public), text)


def handles_in(text: str) -> list[str]:
    """Usernames mentioned in ``text`` as ``@name`` or ``t.me/name`` links, lower-cased."""
    found = [m.group(1).lower() for m in _HANDLE.finditer(text)]
    found += [m.group(2).lower() for m in _TME.finditer(text)]
    return [name for name in found if name not in {"joinchat", "share", "addstickers", "proxy"}]
