"""How urgent a notice is, from who sent it and what its post turned out to be.

Authorities first, then trusted flaggers, then our own monitor (by how sure the analysis is),
then citizens (raised when their post is an offer). A case takes the highest priority of its
notices and never goes down by itself.
"""

from __future__ import annotations

from inbox.model import NoticeSource, Priority

MONITOR_HIGH_SCORE = 0.9
"""A monitor finding at least this sure is handled like a trusted flagger's notice."""


def notice_priority(source: NoticeSource, *, offer: bool | None, score: float | None) -> Priority:
    """The priority of one notice; ``offer`` and ``score`` are None while its post is not
    analysed (or when it names no post)."""
    if source is NoticeSource.AUTHORITY:
        return Priority.URGENT
    if source is NoticeSource.TRUSTED_FLAGGER:
        return Priority.HIGH
    if source is NoticeSource.MONITOR:
        return (
            Priority.HIGH if score is not None and score >= MONITOR_HIGH_SCORE else Priority.NORMAL
        )
    return Priority.NORMAL if offer else Priority.LOW
