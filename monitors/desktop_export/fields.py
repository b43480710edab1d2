"""Typed, bounded access to the fields of one exported message.

Fields the post cannot do without (id, date, text) are checked strictly and raise
:class:`FieldError`; optional metadata of the wrong type (a size given as a word, say) is
treated as absent, so one odd value does not make a whole export unreadable.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

SHORT_TEXT_CHARS = 512
"""Names, titles, file names and poll questions are cut to this many characters."""

MAX_INT = 2**63 - 1
"""Integers above this are treated as absent: no Telegram number is larger, and SQLite
stores no larger one."""

_MAX_DIGITS = 19


class FieldError(ValueError):
    """One field of a message is missing or has the wrong shape; the text says which."""


def opt_int(value: object) -> int | None:
    """A non-negative integer given as a number or a string of digits, else None."""
    # Strings first: the export writes its timestamps as digit strings.
    if isinstance(value, str):
        if 0 < len(value) <= _MAX_DIGITS and value.isascii() and value.isdigit():
            number = int(value)
            return number if number <= MAX_INT else None
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value <= MAX_INT else None
    return None


def positive_int(value: object) -> int | None:
    """An integer from 1 to :data:`MAX_INT` given as a JSON number (ids are never strings)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_INT:
        return value
    return None


def opt_str(value: object, limit: int = SHORT_TEXT_CHARS) -> str | None:
    """A non-empty string cut to ``limit`` characters, else None."""
    if isinstance(value, str) and value:
        return value[:limit]
    return None


def opt_id(value: object) -> str | None:
    """A peer id as the export writes it (``"user123"``, ``"channel5"``, or an old bare number)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return opt_str(value, 64)


def peer_number(value: object, prefix: str) -> int | None:
    """The number in a peer id such as ``"channel500"`` when it has ``prefix``, else None."""
    if not isinstance(value, str) or not value.startswith(prefix):
        return None
    number = opt_int(value[len(prefix) :])
    return number if number else None


def unix_date(value: object, name: str) -> datetime:
    """A UTC datetime from seconds since the epoch, given as a number or digit string."""
    seconds = opt_int(value)
    if seconds is None:
        raise FieldError(f"'{name}' must be seconds since 1970, found {value!r:.40}")
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise FieldError(f"'{name}' is out of range: {seconds}") from exc


def local_date(value: object, name: str, local_tz: tzinfo | None) -> datetime | None:
    """An ISO date from the export's ``date`` style fields, made timezone-aware.

    Telegram Desktop writes these in the exporting computer's local time without saying
    which zone that was; without ``local_tz`` the moment is unknown and None comes back.
    """
    if not isinstance(value, str):
        raise FieldError(f"'{name}' must be an ISO date string, found {value!r:.40}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise FieldError(f"'{name}' is not an ISO date: {value!r:.40}") from exc
    if parsed.tzinfo is not None:
        return parsed
    if local_tz is None:
        return None
    return parsed.replace(tzinfo=local_tz)
