"""Timestamps as the inbox stores them: ISO 8601 in UTC, to the second.

Stored strings sort in time order, so SQL can compare them directly.
"""

from __future__ import annotations

from datetime import UTC, datetime


def stamp(moment: datetime) -> str:
    """``moment`` as stored; it must be timezone-aware."""
    if moment.utcoffset() is None:
        raise ValueError(f"timestamp {moment!r} has no time zone")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def read(stored: str) -> datetime:
    """A stored timestamp back as an aware datetime."""
    moment = datetime.fromisoformat(stored)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def read_optional(stored: str | None) -> datetime | None:
    """Like :func:`read`, passing None through."""
    return None if stored is None else read(stored)
