"""``Ranges`` answers like a plain scan, for few ranges and for many."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp.ranges import Ranges

_PAIRS = st.lists(
    st.tuples(st.integers(0, 300), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=60,
)


@given(_PAIRS, st.integers(0, 340), st.integers(0, 20), st.integers(0, 130))
def test_queries_match_a_scan(
    pairs: list[tuple[int, int]], start: int, length: int, window: int
) -> None:
    ranges = Ranges(iter(pairs))
    end = start + length
    assert bool(ranges) == bool(pairs)
    assert ranges.near(start, end, window) == any(
        s <= end + window and e >= start - window for s, e in pairs
    )
    assert ranges.contains(start, end) == any(s <= start and e >= end for s, e in pairs)


def test_many_ranges_still_found() -> None:
    ranges = Ranges((i * 10, i * 10 + 2) for i in range(100))
    assert ranges.contains(500, 502)
    assert not ranges.contains(503, 504)
    assert ranges.near(505, 506, 3)
    assert not ranges.near(504, 505, 1)
