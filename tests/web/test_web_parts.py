"""The web layer's pure parts: highlighting, rate limiting, texts, reading snapshots."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox.web.case_views import channel_url, post_view, telegram_username
from inbox.web.highlight import Segment, segments
from inbox.web.ratelimit import Rate, RateLimiter, retry_after
from inbox.web.texts import ENGLISH, preferred_language, texts_for
from inbox.web.texts_nl import DUTCH
from tests.web.support import Clock

TEXT = "Coke 1g €80, DM @seller"
PLACEHOLDER = re.compile(r"%(?:\.\d)?[sdf]")


def span(label: str, start: int, end: int, text: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"label": label, "start": start, "end": end}
    if text is not None:
        found["text"] = text
    return found


def test_segments_cut_the_text_at_span_edges_with_the_covering_labels() -> None:
    spans = [span("PRODUCT", 0, 4, "Coke"), span("PRICE", 5, 11), span("QUANTITY", 5, 7)]
    assert segments(TEXT, spans) == [
        Segment("Coke", ("PRODUCT",)),
        Segment(" "),
        Segment("1g", ("PRICE", "QUANTITY")),
        Segment(" €80", ("PRICE",)),
        Segment(", DM @seller"),
    ]


@pytest.mark.parametrize(
    "bad",
    [
        span("PRODUCT", -1, 4),
        span("PRODUCT", 4, 4),
        span("PRODUCT", 3, 99),
        span("PRODUCT", 0, 4, "Weed"),
        {"label": "PRODUCT", "start": "0", "end": 4},
        {"label": "PRODUCT", "start": True, "end": 4},
        {"label": None, "start": 0, "end": 4},
        ["PRODUCT", 0, 4],
        "PRODUCT",
    ],
)
def test_malformed_or_misplaced_spans_highlight_nothing(bad: Any) -> None:
    assert segments(TEXT, [bad]) == [Segment(TEXT)]


def test_a_decoded_evasion_span_is_kept_though_it_quotes_another_text() -> None:
    text = "c0ke for sale"
    assert segments(text, [span("EVASION", 0, 4, "coke")])[0] == Segment("c0ke", ("EVASION",))


@given(
    text=st.text(alphabet=string.printable + "€❄️<>&\"'", max_size=60),
    raw=st.lists(
        st.tuples(
            st.sampled_from(["PRODUCT", "PRICE", "CONTACT"]),
            st.integers(-3, 70),
            st.integers(-3, 70),
        ),
        max_size=12,
    ),
)
def test_segments_always_join_back_to_the_text(text: str, raw: list[tuple[str, int, int]]) -> None:
    spans = [span(label, start, end) for label, start, end in raw]
    parts = segments(text, spans)
    assert "".join(part.text for part in parts) == text
    position = 0
    for part in parts:
        covering = {
            label
            for label, start, end in raw
            if 0 <= start < end <= len(text) and start <= position < end
        }
        assert set(part.labels) == covering
        position += len(part.text)


def test_a_bucket_allows_its_burst_then_refills_at_its_rate() -> None:
    clock = Clock(datetime(2026, 1, 1, tzinfo=UTC))
    limiter = RateLimiter(Rate(per_minute=30, burst=2), clock=clock)
    assert [limiter.take("a"), limiter.take("a")] == [None, None]
    assert limiter.take("a") == pytest.approx(2.0)
    assert limiter.take("b") is None  # buckets are per key
    clock.advance(seconds=1)
    assert limiter.take("a") == pytest.approx(1.0)
    clock.advance(seconds=2)
    assert limiter.take("a") is None
    clock.advance(seconds=-3600)  # a clock stepping back adds nothing
    assert limiter.take("a") is not None


def test_buckets_are_bounded_dropping_the_least_recently_used() -> None:
    clock = Clock(datetime(2026, 1, 1, tzinfo=UTC))
    limiter = RateLimiter(Rate(per_minute=1, burst=1), clock=clock, max_buckets=2)
    limiter.take("a")
    limiter.take("b")
    limiter.take("c")  # "a" is dropped and comes back full
    assert limiter.take("a") is None
    assert limiter.take("c") is not None


@pytest.mark.parametrize(("seconds", "header"), [(0.01, "1"), (1.0, "1"), (1.2, "2"), (59.9, "60")])
def test_retry_after_is_whole_seconds_rounded_up(seconds: float, header: str) -> None:
    assert retry_after(seconds) == header


@pytest.mark.parametrize("rate", [(0, 1), (-1, 1), (float("inf"), 1), (1, 0)])
def test_nonsense_rates_are_refused(rate: tuple[float, int]) -> None:
    with pytest.raises(ValueError, match="rate"):
        Rate(per_minute=rate[0], burst=rate[1])


def test_dutch_has_every_english_text_with_the_same_placeholders() -> None:
    assert set(DUTCH) == set(ENGLISH)
    for key, english in ENGLISH.items():
        assert PLACEHOLDER.findall(DUTCH[key]) == PLACEHOLDER.findall(english), key


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("", "en"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("de-DE,de;q=0.9,nl;q=0.5,en;q=0.8", "en"),
        ("en;q=0.2, nl;q=0.9", "nl"),
        ("nl;q=0, en;q=0.1", "en"),
        ("nl;q=bad, fr", "en"),
        ("x" * 5000, "en"),
    ],
)
def test_the_language_follows_the_browser(header: str, lang: str) -> None:
    assert preferred_language(header) == lang
    assert texts_for(header).lang == lang


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Plug_NL", "plug_nl"), ("evil.example/x", None), ('a"b', None), ("", None), (5, None)],
)
def test_only_plain_usernames_make_links(value: object, expected: str | None) -> None:
    assert telegram_username(value) == expected


def test_channel_links_are_built_for_public_channels_only() -> None:
    assert channel_url("@somechannel") == "https://t.me/somechannel"
    assert channel_url("c/12345") is None
    assert channel_url("@bad/../x") is None


class Entry:
    """An evidence entry whose snapshot is whatever the test says."""

    id = 7
    message_id = 42
    created_at = datetime(2026, 3, 1, tzinfo=UTC)
    snapshot_sha256 = "a" * 64
    entry_hash = "b" * 64

    def __init__(self, snapshot: Any) -> None:
        self.snapshot = snapshot


@pytest.mark.parametrize(
    "snapshot",
    [
        {},
        {"channel": "x", "post": [], "analysis": 3, "versions": "v"},
        {"channel": {"username": "evil.example/x"}, "post": {"text": 5, "date": "yesterday"}},
        {"analysis": {"category": "sweets", "score": 7, "reasons": [1, "ok"], "spans": "x"}},
    ],
)
def test_a_malformed_snapshot_gives_a_plain_empty_view(snapshot: Any) -> None:
    view = post_view(Entry(snapshot))
    assert view.url is None
    assert view.category == "none"
    assert view.score == 0.0
    assert view.segments == ()
    assert all(isinstance(reason, str) for reason in view.reasons)
