"""Service levels: how soon a case must be decided, by priority.

A case is due ``hours(priority)`` after its first notice. When its priority rises the due
time is recomputed from the same start, so an authority's notice on an old case makes it due
soon (or at once), never later. A case is overdue while undecided past its due time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from inbox.model import Priority


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """Hours to a decision per priority: ``urgent`` (authorities), ``high`` (trusted
    flaggers, strong monitor findings), ``normal`` (everything else, LOW included)."""

    normal_hours: float = 24.0
    high_hours: float = 12.0
    urgent_hours: float = 1.0

    def __post_init__(self) -> None:
        for name in ("normal_hours", "high_hours", "urgent_hours"):
            if not getattr(self, name) > 0:
                raise ValueError(f"SLA {name} must be positive, not {getattr(self, name)}")

    def hours(self, priority: Priority) -> float:
        """Hours allowed for a case of this priority."""
        if priority >= Priority.URGENT:
            return self.urgent_hours
        if priority >= Priority.HIGH:
            return self.high_hours
        return self.normal_hours

    def due(self, received: datetime, priority: Priority) -> datetime:
        """When a case received at ``received`` with this priority must be decided."""
        return received + timedelta(hours=self.hours(priority))
