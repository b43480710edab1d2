"""How far a crawl of one channel got, so the next run resumes instead of starting over."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What a source has read of one channel.

    ``newest_id`` is the newest message id read; ``oldest_id`` the oldest reached going
    backwards; ``exhausted`` is true once the channel's first post was reached, so there is
    nothing older left to backfill.
    """

    newest_id: int | None = None
    oldest_id: int | None = None
    exhausted: bool = False
