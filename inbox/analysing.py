"""What the inbox needs from the detector, and how an analysis is kept per post version.

The inbox depends on a narrow view of ``nlp``: a callable that takes a post's text and gives
back something with an offer decision, a score, a category, reasons in plain words and a
JSON-ready dict. The whole dict is stored (it is evidence of why a post was flagged); the
four fields the inbox decides on are stored beside it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from nlp.taxonomy import Category


class AnalysisLike(Protocol):
    """The part of ``nlp.Analysis`` the inbox reads."""

    @property
    def offer(self) -> bool: ...

    @property
    def score(self) -> float: ...

    @property
    def category(self) -> Category: ...

    @property
    def reasons(self) -> Sequence[str]: ...

    def to_dict(self) -> Mapping[str, Any]: ...


Analyser = Callable[[str], AnalysisLike]
"""Analyses a post's text (``nlp.analyze``)."""


@dataclass(frozen=True, slots=True)
class PostAnalysis:
    """A stored analysis: the fields the inbox decides on, and the analyser's whole dict."""

    offer: bool
    score: float
    category: Category
    reasons: tuple[str, ...]
    data: Mapping[str, Any]

    @classmethod
    def of(cls, analysis: AnalysisLike) -> PostAnalysis:
        """Take what the analyser returned."""
        data = dict(analysis.to_dict())
        result = cls(
            offer=bool(analysis.offer),
            score=float(analysis.score),
            category=Category(analysis.category),
            reasons=tuple(str(r) for r in analysis.reasons),
            data=data,
        )
        # The decided-on fields win over whatever the dict says, so reading back is exact.
        data.update(
            offer=result.offer,
            score=result.score,
            category=result.category.value,
            reasons=list(result.reasons),
        )
        return result

    def to_json(self) -> str:
        """The stored form: the dict as compact JSON with sorted keys."""
        return json.dumps(
            self.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )

    @classmethod
    def from_json(cls, text: str) -> PostAnalysis:
        """Read a stored analysis back."""
        data = json.loads(text)
        return cls(
            offer=bool(data["offer"]),
            score=float(data["score"]),
            category=Category(data["category"]),
            reasons=tuple(str(r) for r in data.get("reasons", ())),
            data=data,
        )
