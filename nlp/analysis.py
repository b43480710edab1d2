"""The result of analysing one post: what is offered, for how much, how to get it, and why.

Every offset indexes the ORIGINAL text handed to ``analyze`` (not the normalised form), so a
caller can highlight exactly what the post says. All types are JSON-ready through ``to_dict``.
They are plain slotted dataclasses, to be treated as values: a frozen dataclass costs four
times as much to build, and analysing one post builds a dozen of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nlp.taxonomy import Category


@dataclass(slots=True)
class TextSpan:
    """A labelled stretch of the original text."""

    label: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The span as a JSON-ready mapping."""
        return {"label": self.label, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Product:
    """A product named in the post, by its canonical name."""

    name: str
    category: Category
    start: int
    end: int
    text: str
    ambiguous: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The product as a JSON-ready mapping."""
        return {
            "name": self.name,
            "category": self.category.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "ambiguous": self.ambiguous,
        }


@dataclass(slots=True)
class Price:
    """An amount of money, with the quantity it buys when the post says so."""

    amount: float
    currency: str
    quantity: float | None
    unit: str | None
    start: int
    end: int
    text: str

    @property
    def per_unit(self) -> float | None:
        """The price of one unit (for example EUR per gram), when a quantity is known."""
        if self.quantity is None or self.quantity <= 0:
            return None
        return round(self.amount / self.quantity, 4)

    def to_dict(self) -> dict[str, Any]:
        """The price as a JSON-ready mapping."""
        return {
            "amount": self.amount,
            "currency": self.currency,
            "quantity": self.quantity,
            "unit": self.unit,
            "per_unit": self.per_unit,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(slots=True)
class Quantity:
    """An amount of product (5 g, 10 pills), whether or not a price goes with it."""

    quantity: float
    unit: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The quantity as a JSON-ready mapping."""
        return {"quantity": self.quantity, "unit": self.unit, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Contact:
    """A way to reach the seller: a handle, link, phone number or messenger id."""

    kind: str
    value: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The contact as a JSON-ready mapping."""
        return {"kind": self.kind, "value": self.value, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Signal:
    """Something noticed about the post that is not a field: evasion, emoji codes, context."""

    kind: str
    value: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The signal as a JSON-ready mapping."""
        return {"kind": self.kind, "value": self.value, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Analysis:
    """Everything ``analyze`` found in one post, with the offer decision and its reasons."""

    lang: str
    offer: bool
    score: float
    category: Category
    dsa_category: str
    dsa_keyword: str | None
    products: tuple[Product, ...] = ()
    prices: tuple[Price, ...] = ()
    contacts: tuple[Contact, ...] = ()
    payment: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()
    signals: tuple[Signal, ...] = ()
    spans: tuple[TextSpan, ...] = ()
    reasons: tuple[str, ...] = ()
    truncated: bool = False
    quantities: tuple[Quantity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The analysis as a JSON-ready mapping (the shape ``meldpunt analyze --json`` prints)."""
        return {
            "offer": self.offer,
            "score": self.score,
            "category": self.category.value,
            "dsa_category": self.dsa_category,
            "dsa_keyword": self.dsa_keyword,
            "lang": self.lang,
            "products": [p.to_dict() for p in self.products],
            "prices": [p.to_dict() for p in self.prices],
            "quantities": [q.to_dict() for q in self.quantities],
            "contacts": [c.to_dict() for c in self.contacts],
            "payment": list(self.payment),
            "delivery": list(self.delivery),
            "signals": [s.to_dict() for s in self.signals],
            "spans": [s.to_dict() for s in self.spans],
            "reasons": list(self.reasons),
            "truncated": self.truncated,
        }
