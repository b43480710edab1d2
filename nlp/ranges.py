"""Character ranges with fast "is anything near / around this?" questions."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

# Up to this many ranges a plain scan beats sorting and bisecting (most posts have a few).
_SCAN = 16


class Ranges:
    """Character ranges for "is any range near / around this one?" queries.

    A few ranges are scanned; many are sorted once, and then both queries are a bisection
    plus a prefix maximum, so a hostile post full of terms stays linear-logarithmic instead
    of quadratic.
    """

    __slots__ = ("_pairs", "_reach", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        pairs = list(ranges)
        self._pairs: list[tuple[int, int]] | None = pairs
        self._starts: list[int] = []
        self._reach: list[int] = []
        if len(pairs) > _SCAN:
            pairs.sort()
            self._pairs = None
            self._starts = [start for start, _ in pairs]
            # The furthest end among the ranges up to each index.
            self._reach = list(accumulate((end for _, end in pairs), max))

    def near(self, start: int, end: int, window: int) -> bool:
        """Some range lies within ``window`` characters of ``[start, end)`` (or overlaps it)."""
        low, high = start - window, end + window
        pairs = self._pairs
        if pairs is not None:
            # A plain loop: ``any`` over a generator costs twice as much for a few ranges.
            for first, last in pairs:  # noqa: SIM110
                if first <= high and last >= low:
                    return True
            return False
        count = bisect_right(self._starts, high)
        return count > 0 and self._reach[count - 1] >= low

    def __bool__(self) -> bool:
        return bool(self._pairs) if self._pairs is not None else bool(self._starts)

    def contains(self, start: int, end: int) -> bool:
        """Some range covers all of ``[start, end)``."""
        pairs = self._pairs
        if pairs is not None:
            for first, last in pairs:  # noqa: SIM110  (a plain loop, as in ``near``)
                if first <= start and last >= end:
                    return True
            return False
        count = bisect_right(self._starts, start)
        return count > 0 and self._reach[count - 1] >= end
