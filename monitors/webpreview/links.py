"""Usernames and ``t.me`` links: the only strings we ever build a request from.

A username is checked against Telegram's shape before it becomes part of a URL; links found in
posts are only *read* (who was forwarded, which post was replied to), never followed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Linear pattern (no nested quantifiers); fullmatch on short input only.
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}", re.ASCII)
_TME_HOSTS = frozenset({"t.me", "telegram.me", "telegram.dog", "www.t.me"})
_MAX_LINK_CHARS = 2048


def is_username(value: str) -> bool:
    """True when ``value`` has the shape of a public Telegram username (without ``@``)."""
    return len(value) <= 32 and _USERNAME.fullmatch(value) is not None


def parse_tme_link(href: str) -> tuple[str, int | None] | None:
    """Read ``https://t.me/<name>`` or ``https://t.me/<name>/<id>``.

    Returns the username and the message id (None for a channel link), or None for anything
    else: other hosts, private ``t.me/c/...`` links, invite links, malformed ids.
    """
    if len(href) > _MAX_LINK_CHARS:
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in _TME_HOSTS:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments[:1] == ["s"]:
        segments = segments[1:]
    if not 1 <= len(segments) <= 2 or not is_username(segments[0]):
        return None
    if len(segments) == 1:
        return segments[0], None
    message_id = parse_message_id(segments[1])
    return (segments[0], message_id) if message_id is not None else None


def parse_message_id(raw: str) -> int | None:
    """A positive message id written in ASCII digits, else None."""
    if not raw or len(raw) > 12 or not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if value > 0 else None
