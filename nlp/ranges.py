"""Character ranges with fast "is anything near / around this?" questions."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Ranges:
    """Character ranges, sorted once, for "is any range near / around this one?" queries.

    Both queries are a bisection plus a prefix maximum, so a hostile post full of terms
    stays linear-logarithmic instead of quadratic.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the ranges up to each index.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def near(self, start: int, end: int, window: int) -> bool:
        """Some range lies within ``window`` characters of ``[start, end)`` (or overlaps it)."""
        count = bisect_right(self._starts, end + window)
        return count > 0 and self._reach[count - 1] >= start - window

    def __bool__(self) -> bool:
        return bool(self._starts)

    def contains(self, start: int, end: int) -> bool:
        """Some range covers all of ``[start, end)``."""
        count = bisect_right(self._starts, start)
        return count > 0 and self._reach[count - 1] >= end
