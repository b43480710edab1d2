"""Errors a monitor raises: each names what was wrong and where, in one readable line."""

from __future__ import annotations


class MonitorError(Exception):
    """Base of every error raised while reading Telegram or its exports."""


class ChannelUnavailable(MonitorError):
    """The channel does not exist or shows no public preview."""

    def __init__(self, username: str, reason: str) -> None:
        super().__init__(f"channel @{username}: {reason}")
        self.username = username


class FetchFailed(MonitorError):
    """A request kept failing after every retry."""


class MalformedInput(MonitorError):
    """A page or export file could not be parsed.

    ``where`` names the file or page and, when known, the position or post.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
