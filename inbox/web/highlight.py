"""Split a post's text at the analysis' spans, so a template can highlight them.

The result is a list of plain-text segments, each with the labels of the spans covering it;
the template escapes every segment on its own and wraps labelled ones in ``<mark>``. Nothing
here produces markup: the text is hostile, and marking up first and escaping afterwards (or
trusting markup) is how highlighting turns into script injection.

Spans come from a stored analysis (JSON) and are checked like any input: offsets must be
integers inside the text, and when a span quotes its text the quote must match (except for
kinds that quote a decoded value), so an analysis of another version of the post highlights
nothing rather than the wrong words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

MAX_SPANS = 500
KIND_OF_LABEL: Mapping[str, str] = {
    "product": "product",
    "price": "price",
    "quantity": "quantity",
    "contact": "contact",
    "payment": "payment",
    "delivery": "delivery",
    "place": "place",
    "cta": "cta",
    "sales": "cta",
    "evasion": "evasion",
    "legal": "context",
    "negative": "context",
}
"""Highlight classes by span label (``nlp`` labels, any case); other labels are ``other``."""
KINDS = tuple(dict.fromkeys(KIND_OF_LABEL.values()))
"""The highlight classes the stylesheet colours, in the order the legend lists them."""
DECODED_KINDS = frozenset({"evasion"})
"""Kinds whose span quotes the decoded value rather than the original text."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the text; ``labels`` empty when no span covers it."""

    text: str
    labels: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """The highlight class of the first covering span (one of :data:`KINDS` or ``other``)."""
        return kind_of(self.labels[0]) if self.labels else ""


def kind_of(label: str) -> str:
    """The highlight class for a span label."""
    return KIND_OF_LABEL.get(label.lower(), "other")


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    label: str


def valid_spans(text: str, raw: Iterable[Any]) -> list[_Span]:
    """The usable spans of ``raw`` (mappings with ``start``, ``end``, ``label`` and optionally
    ``text``); malformed ones and ones that do not fit ``text`` are left out."""
    spans: list[_Span] = []
    for item in raw:
        if len(spans) >= MAX_SPANS:
            break
        if not isinstance(item, Mapping):
            continue
        start, end, label = item.get("start"), item.get("end"), item.get("label")
        if type(start) is not int or type(end) is not int or not isinstance(label, str):
            continue
        if not 0 <= start < end <= len(text):
            continue
        quoted = item.get("text")
        if (
            isinstance(quoted, str)
            and quoted != text[start:end]
            and kind_of(label) not in DECODED_KINDS
        ):
            continue
        spans.append(_Span(start, end, label[:60]))
    return spans


def segments(text: str, raw_spans: Iterable[Any]) -> list[Segment]:
    """``text`` cut at every span boundary; each piece carries the labels covering it.

    Joining the segments' texts gives back ``text`` exactly.
    """
    spans = valid_spans(text, raw_spans)
    if not spans:
        return [Segment(text)] if text else []
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    result: list[Segment] = []
    for left, right in pairwise(cuts):
        labels = _labels_over(ordered, left, right)
        if result and result[-1].labels == labels:
            result[-1] = Segment(result[-1].text + text[left:right], labels)
        else:
            result.append(Segment(text[left:right], labels))
    return result


def _labels_over(spans: Sequence[_Span], left: int, right: int) -> tuple[str, ...]:
    labels: list[str] = []
    for span in spans:
        if span.start >= right:
            break
        if span.end > left and span.label not in labels:
            labels.append(span.label)
    return tuple(labels)
