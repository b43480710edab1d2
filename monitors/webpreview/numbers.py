"""Numbers as the web preview prints them: ``1.2K`` views, ``12 345 subscribers``, ``1:05``.

The page is hostile input, so every parser here bounds its input, uses no backtracking
pattern and answers None for anything it does not recognise instead of guessing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

_MAX_CHARS = 32
_SUFFIXES = {"K": 1_000, "M": 1_000_000, "B": 1_000_000_000}
# Thousands separators Telegram and browsers use: space, no-break space, narrow no-break space.
_SEPARATORS = str.maketrans("", "", " \u00a0\u202f\u2009")


def parse_count(raw: str) -> int | None:
    """Turn ``"1.2K"``, ``"436.6K"``, ``"3.1M"``, ``"12 345"`` or ``"1,234"`` into an int.

    A trailing word (``"10.7M subscribers"``) is ignored. Returns None when the text is not a
    count, so a changed page layout shows as a missing value, never as a wrong one.
    """
    words = raw.strip().split()
    # Drop a trailing label such as "subscribers" or "views".
    while words and not words[-1][:1].isdigit() and words[-1][-1:].isalpha():
        if len(words[-1]) == 1 and words[-1].upper() in _SUFFIXES:
            break
        words.pop()
    text = "".join(words).translate(_SEPARATORS)
    if not text or len(text) > _MAX_CHARS:
        return None
    factor = _SUFFIXES.get(text[-1].upper(), 1)
    # With a suffix a comma is a decimal mark ("1,2K"); without one it groups thousands.
    digits = text[:-1].replace(",", ".") if factor != 1 else text.replace(",", "")
    if not digits or not all(ch.isascii() and (ch.isdigit() or ch == ".") for ch in digits):
        return None
    try:
        value = Decimal(digits) * factor
    except InvalidOperation:
        return None
    return int(value)


def parse_duration(raw: str) -> int | None:
    """Turn ``"0:52"`` or ``"1:02:03"`` into seconds; None when it is not a duration."""
    parts = raw.strip().split(":")
    if not 2 <= len(parts) <= 3 or len(raw) > _MAX_CHARS:
        return None
    if not all(part.isascii() and part.isdigit() for part in parts):
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


def parse_file_size(raw: str) -> int | None:
    """Turn a document's ``"1.4 MB"`` into bytes (1024-based, as Telegram prints them)."""
    words = raw.strip().split()
    if len(words) != 2 or len(raw) > _MAX_CHARS:
        return None
    units = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}
    factor = units.get(words[1].upper())
    number = words[0].replace(",", ".")
    if factor is None or not all(ch.isascii() and (ch.isdigit() or ch == ".") for ch in number):
        return None
    try:
        return int(Decimal(number) * factor)
    except InvalidOperation:
        return None
