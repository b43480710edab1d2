"""Errors of the inbox services, each naming what was refused and why.

The web layer maps them: :class:`CaseNotFound` to 404, :class:`Forbidden` to 403,
:class:`TransitionNotAllowed` to 409, :class:`InvalidNotice` (and
``inbox.locations.InvalidLocation``) to 422.
"""

from __future__ import annotations


class InboxError(Exception):
    """Base of the inbox's own errors."""


class InvalidNotice(InboxError, ValueError):
    """A notice that cannot be accepted as given (empty or oversized fields)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CaseNotFound(InboxError, LookupError):
    """No case with this id."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"no case {case_id[:40]!r}")
        self.case_id = case_id


class Forbidden(InboxError, PermissionError):
    """The actor's role does not allow the action."""

    def __init__(self, actor: str, action: str) -> None:
        super().__init__(f"{actor} may not {action}")
        self.actor = actor
        self.action = action


class TransitionNotAllowed(InboxError, ValueError):
    """A status change that :data:`inbox.model.TRANSITIONS` does not allow (or that needs
    something missing, like the escalation target)."""

    def __init__(self, case_id: str, reason: str) -> None:
        super().__init__(f"case {case_id}: {reason}")
        self.case_id = case_id
        self.reason = reason
