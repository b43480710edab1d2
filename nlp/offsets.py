"""Offsets from a normalised text back to the original it was made from.

Normalisation deletes characters (zero-width, combining marks), expands some (ligatures) and
joins spaced letters, so a position in the normalised text is not a position in the post.
``OffsetMap`` remembers, for every normalised character, which stretch of the original it came
from; identity maps (the common, pure-ASCII case) store nothing, and maps in which every
character came from exactly one original character (only deletions) store only the starts.
"""

from __future__ import annotations

from collections.abc import Sequence


class OffsetMap:
    """Maps character offsets of a normalised text back onto its original.

    ``starts[i]`` and ``ends[i]`` are the original offsets of the stretch that normalised
    character ``i`` came from. Without ``ends`` every stretch is one character long
    (``ends[i] == starts[i] + 1``); without either the map is the identity.
    """

    __slots__ = ("_ends", "_original_length", "_starts")

    def __init__(
        self,
        original_length: int,
        starts: Sequence[int] | None = None,
        ends: Sequence[int] | None = None,
    ) -> None:
        if starts is None and ends is not None:
            raise ValueError("OffsetMap needs starts to go with its ends")
        if starts is not None and ends is not None and len(starts) != len(ends):
            raise ValueError(f"OffsetMap: {len(starts)} starts but {len(ends)} ends")
        self._original_length = original_length
        self._starts = starts
        self._ends = ends

    @property
    def is_identity(self) -> bool:
        """True when normalised offsets are original offsets."""
        return self._starts is None

    def start(self, index: int) -> int:
        """The original offset where normalised character ``index`` begins."""
        if self._starts is None:
            return min(index, self._original_length)
        if index >= len(self._starts):
            return self._original_length
        return self._starts[index]

    def end(self, index: int) -> int:
        """The original offset just after the normalised stretch ending at ``index``."""
        starts = self._starts
        if starts is None:
            return min(index, self._original_length)
        if index <= 0:
            return self.start(0)
        last = min(index, len(starts)) - 1
        return self._ends[last] if self._ends is not None else starts[last] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the normalised stretch ``[start, end)``."""
        orig_start = self.start(start)
        return orig_start, max(orig_start, self.end(end))

    def then(self, starts: Sequence[int], ends: Sequence[int]) -> OffsetMap:
        """Compose with a later pass whose characters came from ``[starts[i], ends[i])``.

        ``starts``/``ends`` index the text this map produces; the result maps the later text
        straight back onto the original.
        """
        mine_starts = self._starts
        if mine_starts is None:
            return OffsetMap(self._original_length, starts, ends)
        mine_ends = self._ends if self._ends is not None else [s + 1 for s in mine_starts]
        last = len(mine_starts) - 1
        new_starts = [mine_starts[min(s, last)] for s in starts]
        new_ends = [mine_ends[min(max(e - 1, 0), last)] for e in ends]
        return OffsetMap(self._original_length, new_starts, new_ends)
