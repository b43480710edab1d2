"""Evaluation of the offer detector on labelled examples (``data/eval/*.jsonl``).

Measures precision, recall and F1 of "offer", category accuracy among true offers, the same
per language and per category, and lists the worst errors (false alarms with the highest
score, missed offers with the lowest). Pure: callers read the files and pass the lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from nlp.analysis import Analysis
from nlp.taxonomy import Category


class Analyses(Protocol):
    """What evaluation needs of an analyser: many posts in, analyses out, in order."""

    def analyze_many(self, texts: Iterable[str]) -> Iterator[Analysis]: ...


class EvalDataError(ValueError):
    """An evaluation line is malformed; the message names the source and line."""


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled post."""

    text: str
    offer: bool
    category: str
    lang: str
    source: str = ""
    hard: bool = False


@dataclass(slots=True)
class Counts:
    """Confusion counts for "offer", plus category hits among true offers found."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    category_hits: int = 0

    @property
    def n(self) -> int:
        """How many examples were counted."""
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        """Share of predicted offers that are offers (1.0 when nothing was predicted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of offers found (1.0 when there were none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def category_accuracy(self) -> float | None:
        """Share of true offers with the right category, among the offers found."""
        return self.category_hits / self.tp if self.tp else None

    def add(self, gold: Example, analysis: Analysis) -> None:
        """Count one example."""
        if gold.offer and analysis.offer:
            self.tp += 1
            self.category_hits += analysis.category.value == gold.category
        elif analysis.offer:
            self.fp += 1
        elif gold.offer:
            self.fn += 1
        else:
            self.tn += 1

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        accuracy = self.category_accuracy
        return {
            "n": self.n,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "category_accuracy": None if accuracy is None else round(accuracy, 4),
        }


@dataclass(frozen=True, slots=True)
class Error:
    """One example the detector got wrong."""

    kind: str  # false_positive, false_negative or wrong_category
    text: str
    lang: str
    gold_category: str
    predicted_category: str
    score: float
    reasons: tuple[str, ...]
    source: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": self.kind,
            "text": self.text,
            "lang": self.lang,
            "gold_category": self.gold_category,
            "predicted_category": self.predicted_category,
            "score": self.score,
            "reasons": list(self.reasons),
            "source": self.source,
        }


@dataclass(slots=True)
class Report:
    """Everything ``evaluate`` measured."""

    overall: Counts = field(default_factory=Counts)
    per_lang: dict[str, Counts] = field(default_factory=dict)
    per_category: dict[str, Counts] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)

    def worst(self, limit: int) -> list[Error]:
        """False alarms with the highest scores and missed offers with the lowest first."""

        def badness(error: Error) -> float:
            if error.kind == "false_positive":
                return error.score
            if error.kind == "false_negative":
                return 1.0 - error.score
            return 0.0

        return sorted(self.errors, key=badness, reverse=True)[:limit]

    def to_dict(self, worst: int = 20) -> dict[str, Any]:
        """JSON-ready report with the keys ``meldpunt nlp eval --json`` prints."""
        overall = self.overall.to_dict()
        return {
            **overall,
            "per_lang": {k: v.to_dict() for k, v in sorted(self.per_lang.items())},
            "per_category": {k: v.to_dict() for k, v in sorted(self.per_category.items())},
            "errors": len(self.errors),
            "worst_errors": [e.to_dict() for e in self.worst(worst)],
        }


def parse_examples(lines: Iterable[str], source: str = "<input>") -> list[Example]:
    """Examples from JSONL lines with ``text``, ``offer``, ``category`` and ``lang``."""
    examples = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise EvalDataError(f"{where}: not JSON: {error.msg}") from None
        if not isinstance(row, dict):
            raise EvalDataError(f"{where}: expected an object, got {type(row).__name__}")
        text, offer = row.get("text"), row.get("offer")
        if not isinstance(text, str) or not isinstance(offer, bool):
            raise EvalDataError(f"{where}: needs a string 'text' and a boolean 'offer'")
        category = str(row.get("category") or (Category.DRUGS if offer else Category.NONE))
        examples.append(
            Example(
                text=text,
                offer=offer,
                category=category,
                lang=str(row.get("lang") or "und"),
                source=str(row.get("source") or ""),
                hard=bool(row.get("hard", False)),
            )
        )
    return examples


def evaluate(analyzer: Analyses, examples: Iterable[Example]) -> Report:
    """Run the analyser over ``examples`` and count how it did."""
    examples = list(examples)
    return report(examples, analyzer.analyze_many(example.text for example in examples))


def report(examples: Iterable[Example], analyses: Iterable[Analysis]) -> Report:
    """Count how ``analyses`` (one per example, in order) did against the labels."""
    counted = Report()
    for gold, analysis in zip(examples, analyses, strict=True):
        counted.overall.add(gold, analysis)
        counted.per_lang.setdefault(gold.lang, Counts()).add(gold, analysis)
        category = gold.category if gold.offer else Category.NONE.value
        counted.per_category.setdefault(category, Counts()).add(gold, analysis)
        kind = _error_kind(gold, analysis)
        if kind is not None:
            counted.errors.append(
                Error(
                    kind=kind,
                    text=gold.text,
                    lang=gold.lang,
                    gold_category=gold.category,
                    predicted_category=analysis.category.value,
                    score=analysis.score,
                    reasons=analysis.reasons,
                    source=gold.source,
                )
            )
    return counted


def _error_kind(gold: Example, analysis: Analysis) -> str | None:
    if analysis.offer and not gold.offer:
        return "false_positive"
    if gold.offer and not analysis.offer:
        return "false_negative"
    if gold.offer and analysis.category.value != gold.category:
        return "wrong_category"
    return None
