"""The offer decision: a transparent sum of points, each with a reason in plain words.

A post is an offer when it names an illegal product AND shows selling: a price, a quantity, a
contact, a call to action, sales talk, delivery or payment. The evidence counts up to 1.0;
negative context (news, police, warnings, harm reduction, people asking where to buy) then
takes points off, so a warning that quotes a whole advert is still a warning. Ambiguous words
(wit, ice, speed, K, X) only count as a product beside a sales context and away from their
everyday senses (cola, ice cream, internet). Every point that counted becomes a reason.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from nlp.analysis import Contact, Price, Product, Quantity, Signal
from nlp.lexicon import CTA, DELIVERY, LEGAL, NEGATIVE, PAYMENT, PLACE, PRODUCT, SALES
from nlp.ranges import Ranges
from nlp.taxonomy import Category


@dataclass(slots=True)
class Mention:
    """A lexicon term or emoji code found in the post, at original offsets."""

    label: str
    name: str
    category: Category
    ambiguous: bool
    start: int
    end: int
    text: str
    short: bool = False
    coded: bool = False  # an emoji code, not a word
    # Negative context only: where the question it is asked in ends (its "?"), if it is one.
    question: int | None = None
    # Products only: named right after a negation ("not a magic mushroom hunt").
    denied: bool = False
    code: bool = False  # a code phrase of everyday words ("old lady")


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per kind of evidence; the offer threshold is ``threshold``."""

    product: float = 0.40
    extra_product: float = 0.05
    price: float = 0.25
    paired_price: float = 0.05
    quantity: float = 0.10
    contact: float = 0.20
    cta: float = 0.10
    sales: float = 0.15
    delivery: float = 0.15
    place: float = 0.05
    payment: float = 0.10
    evasion: float = 0.10
    # Near the threshold, the learned classifier moves the score by up to half this, either
    # way (0: not used).
    classifier: float = 0.20
    # When only everyday words name a product (wit, ice, crystal) and no amount is in the
    # units drugs are dealt in, a post the classifier reads as this unlike an offer is none:
    # every marketplace post has a price and "pickup" beside its colours and glassware.
    everyday_gate: float = 0.30
    no_selling_cap: float = 0.45
    max_negative: float = 0.80
    # Each kind of negative context counts once, more when several of its words appear.
    negative: dict[str, float] = field(
        default_factory=lambda: {
            "news report": 0.30,
            "police or court": 0.30,
            "harm reduction": 0.30,
            "warning": 0.25,
            "asking to buy": 0.45,
            "policy or research": 0.25,
            "personal story": 0.30,
            "scam complaint": 0.40,
            "group rules": 0.45,
            "game or fiction": 0.35,
            "culture or history": 0.30,
        }
    )
    default_negative: float = 0.25
    repeat_factor: float = 0.5
    max_factor: float = 2.0
    # Legal sellers and statements of legality.
    legal: dict[str, float] = field(
        default_factory=lambda: {
            "legal statement": 0.55,
            "cbd": 0.35,
            "magic truffles": 0.35,
            "coffeeshop": 0.35,
        }
    )
    window: int = 120
    short_window: int = 30
    legal_window: int = 40
    threshold: float = 0.5


@dataclass(slots=True)
class Decision:
    """What the scorer concluded."""

    offer: bool
    score: float
    category: Category
    products: tuple[Product, ...]
    payment: tuple[str, ...]
    delivery: tuple[str, ...]
    reasons: tuple[str, ...]
    signals: tuple[Signal, ...]


# Amounts drugs are dealt in; kilos and pounds also weigh fish and potatoes.
_DRUG_UNITS = frozenset(
    {"g", "mg", "ons", "oz", "half oz", "quarter oz", "eighth", "teener", "qp"}
    | {"point", "pill", "blotter", "capsule"}
)
_REQUEST = "asking to buy"
_NOWHERE = Ranges(())


class Scorer:
    """Turns the evidence of one post into a decision."""

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = w = weights or Weights()
        # The kinds of selling words: their label, points and title in the reasons.
        self._kinds = (
            (CTA, w.cta, "call to action"),
            (SALES, w.sales, "sales talk"),
            (PAYMENT, w.payment, "payment"),
            (DELIVERY, w.delivery, "delivery"),
        )

    def decide(
        self,
        mentions: Sequence[Mention],
        prices: Sequence[Price],
        quantities: Sequence[Quantity],
        contacts: Sequence[Contact],
        evasions: Sequence[Signal],
        likeness: Callable[[], float] | None = None,
    ) -> Decision:
        """Score the evidence; ``mentions`` are terms and emoji codes in text order.

        ``likeness`` gives the learned classifier's probability that the post is an offer. It
        is asked when the rules' score lies within half of ``Weights.classifier`` of the
        threshold, the only scores its reading can turn, and then moves the score by up to
        that much either way; and when only everyday words make the post an offer, which it
        then is only if the classifier's probability reaches ``Weights.everyday_gate``. It
        never makes an offer of a post that names no product or shows no selling.
        """
        w = self.weights
        by_label: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_label.setdefault(mention.label, []).append(mention)
        # Words inside a phrase of another kind belong to that phrase: "selling" in "anyone
        # selling" is no sales talk, "gemeente" in "geregistreerd bij de gemeente" (a forger's
        # promise) no town hall.
        if NEGATIVE in by_label:
            _drop_inside(by_label, NEGATIVE, (SALES, CTA))
        if SALES in by_label and LEGAL in by_label:
            _drop_inside(by_label, SALES, (LEGAL,))
        candidates = by_label.get(PRODUCT, [])
        products, skipped = (
            self._count_products(candidates, by_label, prices, quantities, contacts)
            if candidates
            else ([], [])
        )
        reasons: list[str] = []
        points = 0.0
        if products:
            names = list(dict.fromkeys(p.name for p in products))
            points += w.product + min(len(names) - 1, 2) * w.extra_product
            reasons.append("product: " + ", ".join(names))
        selling, selling_reasons = self._selling(by_label, prices, quantities, contacts)
        points += selling
        reasons.extend(selling_reasons)
        if products and evasions:
            around = Ranges((p.start, p.end) for p in products)
            evaded = [
                e.value
                for e in evasions
                if e.start is not None and e.end is not None and around.near(e.start, e.end, 0)
            ]
            if evaded:
                points += w.evasion
                reasons.append("evasion: " + ", ".join(dict.fromkeys(evaded)))
        capped = not products or not selling
        if capped:
            points = min(points, w.no_selling_cap)
            reasons.append("no product offered" if not products else "no sign of selling")
        points = min(points, 1.0) - self._against(by_label, prices, products, reasons)
        close = abs(points - w.threshold) <= w.classifier / 2
        everyday = points >= w.threshold and _everyday_only(products, prices, quantities)
        if likeness is not None and not capped and (close or everyday):
            # A bag of words sees how the whole post reads, which no rule names; far from
            # the threshold its reading could not change the decision, so it is not asked,
            # unless only everyday words make the post an offer.
            probability = likeness()
            if everyday and probability < w.everyday_gate:
                points = min(points, w.no_selling_cap)
                reasons.append(_everyday_text(products, probability, agrees=False))
            elif close:
                points += w.classifier * (probability - 0.5)
                reasons.append(_likeness_text(probability))
            else:  # the classifier let an offer made of everyday words stand: say so
                reasons.append(_everyday_text(products, probability, agrees=True))
        score = round(min(max(points, 0.0), 1.0), 3)
        delivery = _names(by_label.get(DELIVERY, ()))
        if PLACE in by_label:
            delivery += tuple(f"area: {n}" for n in _names(by_label[PLACE]))
        return Decision(
            offer=score >= w.threshold,
            score=score,
            category=_category(products, candidates),
            products=tuple(products),
            payment=_names(by_label.get(PAYMENT, ())),
            delivery=delivery,
            reasons=tuple(reasons),
            signals=_not_counted(skipped) if skipped else (),
        )

    def _count_products(
        self,
        candidates: Sequence[Mention],
        by_label: dict[str, list[Mention]],
        prices: Sequence[Price],
        quantities: Sequence[Quantity],
        contacts: Sequence[Contact],
    ) -> tuple[list[Product], list[Mention]]:
        """Products that count, and those that did not (ambiguous or denied)."""
        w = self.weights
        denied = [m for m in candidates if m.denied]
        if denied:
            candidates = [m for m in candidates if not m.denied]
        legal_mentions = by_label.get(LEGAL, ())
        if not legal_mentions and not any(m.ambiguous for m in candidates):
            return [_product(m) for m in candidates], denied  # the common case: nothing to weigh
        legal: _LegalWords | None = None
        dosed = _NOWHERE
        if legal_mentions:
            inside = Ranges((m.start, m.end) for m in candidates)
            legal = _LegalWords(
                m
                for m in legal_mentions
                if not inside.contains(m.start, m.end)  # "snacks" in "scooby snacks"
            )
            # An amount of drugs (1g, 10 pills) beside a word outweighs its everyday sense.
            dosed = Ranges(_drug_amounts(prices, quantities, candidates))
        # Built when first needed: everyday words (document and banknote words too) and emoji
        # codes count beside selling, code phrases beside drug talk.
        anchors: Ranges | None = None
        coded_anchors: Ranges | None = None
        drug_talk: Ranges | None = None
        counted: list[Product] = []
        skipped: list[Mention] = denied
        for mention in candidates:
            start, end = mention.start, mention.end
            near_legal = None if legal is None else legal.of(mention.category)
            if near_legal is not None and near_legal.contains(start, end):
                continue  # part of a legal phrase: "coca cola", "cbd wiet"
            if mention.ambiguous:
                window = w.short_window if mention.short else w.window
                if mention.code:
                    if drug_talk is None:
                        drug_talk = Ranges(_drug_talk(candidates, prices, quantities))
                    near = drug_talk
                elif mention.coded:
                    # Not beside a contact alone: spam decorates its handles with 💎 and 🍃.
                    if coded_anchors is None:
                        coded_anchors = Ranges(
                            _selling_ranges(candidates, by_label, prices, quantities, ())
                        )
                    near = coded_anchors
                else:
                    if anchors is None:
                        anchors = Ranges(
                            _selling_ranges(candidates, by_label, prices, quantities, contacts)
                        )
                    near = anchors
                blocked = (
                    near_legal is not None
                    and bool(near_legal)
                    and near_legal.near(start, end, w.legal_window)
                    and not dosed.near(start, end, w.window)
                )
                if blocked or not near.near(start, end, window):
                    skipped.append(mention)
                    continue
            counted.append(_product(mention))
        return counted, skipped

    def _selling(
        self,
        by_label: dict[str, list[Mention]],
        prices: Sequence[Price],
        quantities: Sequence[Quantity],
        contacts: Sequence[Contact],
    ) -> tuple[float, list[str]]:
        w = self.weights
        points = 0.0
        reasons: list[str] = []
        if prices:
            points += w.price + (w.paired_price if any(p.quantity for p in prices) else 0.0)
            reasons.append("price: " + "; ".join(_price_text(p) for p in prices[:4]))
        if contacts:
            points += w.contact
            reasons.append("contact: " + ", ".join(c.value for c in contacts[:4]))
        for label, weight, title in self._kinds:
            found = by_label.get(label)
            if found:
                points += weight
                reasons.append(f"{title}: " + ", ".join(dict.fromkeys(m.text for m in found[:4])))
        places = by_label.get(PLACE)
        if places and not by_label.get(DELIVERY):
            points += w.place
            reasons.append("place: " + ", ".join(_names(places[:4])))
        if quantities and not prices and points:
            # A quantity alone is news ("500 kilo"); beside selling it is a menu.
            points += w.quantity
            reasons.append("quantity: " + ", ".join(_quantity_text(q) for q in quantities[:4]))
        return points, reasons

    def _against(
        self,
        by_label: dict[str, list[Mention]],
        prices: Sequence[Price],
        products: Sequence[Product],
        reasons: list[str],
    ) -> float:
        """Points off for negative context and legal sellers, with their reasons."""
        negatives = by_label.get(NEGATIVE, ())
        if not negatives and LEGAL not in by_label:
            return 0.0  # most posts: nothing against them
        w = self.weights
        words: dict[str, set[str]] = {}
        positive = Ranges(
            (m.start, m.end)
            for label in ((SALES, CTA, DELIVERY, PRODUCT) if negatives else ())
            for m in by_label.get(label, ())
        )
        asked: list[int] = []  # where the questions of people asking to buy end
        for mention in negatives:
            if not positive.contains(mention.start, mention.end):  # "reship if seized", "scam page"
                words.setdefault(mention.name, set()).add(mention.text.lower())
                if mention.name == _REQUEST and mention.question is not None:
                    asked.append(mention.question)
        total = 0.0
        for name, seen in words.items():
            if name == _REQUEST and (
                len(prices) >= 2 or _answers_itself(asked, products, by_label)
            ):
                continue  # a price list, or "looking for a plug? weed, coke... delivery"
            factor = min(1.0 + w.repeat_factor * (len(seen) - 1), w.max_factor)
            if name == _REQUEST and not prices and DELIVERY not in by_label:
                # A buyer gives a contact and pays cash; what a buyer does not give is a price
                # or delivery: without either, the request weighs double.
                factor = w.max_factor
            total += w.negative.get(name, w.default_negative) * factor
            reasons.append(f"against: {name} ({', '.join(sorted(seen)[:3])})")
        for name in dict.fromkeys(m.name for m in by_label.get(LEGAL, ())):
            if name in w.legal:
                total += w.legal[name]
                reasons.append(f"against: {name}")
        return min(total, w.max_negative)


class _LegalWords:
    """Legal words of a post, as ranges for each product class they disambiguate: a legal
    word with a class blocks only that class's ambiguous words, one without blocks any."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._spans = [(m.start, m.end, m.category) for m in mentions]
        self._by_class: dict[Category, Ranges] = {}

    def of(self, category: Category) -> Ranges:
        """The legal words that count beside an ambiguous word of ``category``."""
        found = self._by_class.get(category)
        if found is None:
            found = self._by_class[category] = Ranges(
                (start, end)
                for start, end, blocks in self._spans
                if blocks is Category.NONE or blocks is category
            )
        return found


def _answers_itself(
    questions: Sequence[int], products: Sequence[Product], by_label: dict[str, list[Mention]]
) -> bool:
    """True when the post answers its own "looking for...?": after the first question mark
    it names two or more products and speaks as a seller (delivery or sales talk).

    A buyer names what they want inside the question ("anyone selling weed or coke?") or
    without one ("looking for weed and coke, pm me"), and gives a contact and payment too
    ("paying cash, dm me"); what a buyer does not do is offer delivery or stock.
    """
    if not questions:
        return False
    after = min(questions)
    if len({p.name for p in products if p.start > after}) < 2:
        return False
    return any(
        mention.start > after for label in (DELIVERY, SALES) for mention in by_label.get(label, ())
    )


def _drop_inside(by_label: dict[str, list[Mention]], outer: str, inner: tuple[str, ...]) -> None:
    """Leave out the ``inner`` mentions that lie inside an ``outer`` one."""
    around = Ranges((m.start, m.end) for m in by_label[outer])
    for label in inner:
        found = by_label.get(label)
        if found:
            kept = [m for m in found if not around.contains(m.start, m.end)]
            if len(kept) < len(found):
                by_label[label] = kept


def _drug_talk(
    candidates: Sequence[Mention], prices: Sequence[Price], quantities: Sequence[Quantity]
) -> list[tuple[int, int]]:
    """What makes a code phrase count: plainly named products, another code phrase for the
    same product ("Georgia Home Boy ... liquid X"), and amounts in the units drugs are dealt
    in (1g, 10 pills). A price alone does not: "salt and pepper wings £6.50" is a takeaway."""
    found = [(m.start, m.end) for m in candidates if not m.ambiguous]
    found += _drug_amounts(prices, quantities, candidates)
    codes = [m for m in candidates if m.code]
    if len(codes) > 1:
        phrases: dict[str, set[str]] = {}
        for m in codes:
            phrases.setdefault(m.name, set()).add(m.text.lower())
        found += [(m.start, m.end) for m in codes if len(phrases[m.name]) > 1]
    return found


def _selling_ranges(
    candidates: Sequence[Mention],
    by_label: dict[str, list[Mention]],
    prices: Sequence[Price],
    quantities: Sequence[Quantity],
    contacts: Sequence[Contact],
) -> list[tuple[int, int]]:
    """What makes an everyday word or an emoji code count: plainly named products,
    quantities, prices, contacts, and words of delivery, payment, sales or calls to action.
    Where only such words name the products, the classifier still has to agree (see
    ``Weights.everyday_gate``): a ❄️ beside a winter sale's price is no cocaine."""
    found = [(m.start, m.end) for m in candidates if not m.ambiguous]
    found += [(q.start, q.end) for q in quantities]
    found += [(p.start, p.end) for p in prices]
    found += [(c.start, c.end) for c in contacts]
    for label in (CTA, SALES, PAYMENT, DELIVERY):
        found += [(m.start, m.end) for m in by_label.get(label, ())]
    return found


def _category(products: Sequence[Product], candidates: Sequence[Mention]) -> Category:
    """The class most products belong to; a mixed menu of drugs and medicines is drugs."""
    if products and all(p.category is products[0].category for p in products):
        return products[0].category  # most posts: one class
    weights: dict[Category, float] = {}
    plain_drugs = False
    for product in products:
        weight = 0.5 if product.ambiguous else 1.0
        weights[product.category] = weights.get(product.category, 0.0) + weight
        plain_drugs = plain_drugs or (product.category is Category.DRUGS and not product.ambiguous)
    if not weights:
        for mention in candidates:
            if not mention.ambiguous:
                weights[mention.category] = weights.get(mention.category, 0.0) + 1.0
    if not weights:
        return Category.NONE
    if plain_drugs and Category.MEDICINES in weights:
        return Category.DRUGS
    return max(weights, key=lambda category: weights[category])


def _not_counted(skipped: Iterable[Mention]) -> tuple[Signal, ...]:
    """Signals for the product words that did not count (ambiguous or denied)."""
    return tuple(Signal("not_counted", f"{m.name} ({m.text})", m.start, m.end) for m in skipped)


def _product(mention: Mention) -> Product:
    return Product(
        mention.name, mention.category, mention.start, mention.end, mention.text, mention.ambiguous
    )


def _names(mentions: Sequence[Mention]) -> tuple[str, ...]:
    if not mentions:
        return ()
    return tuple(dict.fromkeys(m.name for m in mentions))


def _everyday_only(
    products: Sequence[Product], prices: Sequence[Price], quantities: Sequence[Quantity]
) -> bool:
    """Only ambiguous words name the products, and no amount is in drug units."""
    if not products or not all(p.ambiguous for p in products):
        return False
    return not _drug_amounts(prices, quantities, products)


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def _drug_amounts(
    prices: Sequence[Price], quantities: Sequence[Quantity], words: Sequence[_Spanned]
) -> list[tuple[int, int]]:
    """Where amounts in the units drugs are dealt in (1g, 10 pills) stand, less those that only
    hold a product word: in "120 tabletjes" of vitamins the unit is the word "pills" itself.
    ``words`` are in text order."""
    amounts = [(q.start, q.end) for q in quantities if q.unit in _DRUG_UNITS]
    amounts += [(p.start, p.end) for p in prices if p.unit in _DRUG_UNITS]
    if not amounts or not words:
        return amounts
    starts = [w.start for w in words]
    kept = []
    for start, end in amounts:
        first = bisect_left(starts, start)  # the first word starting inside the amount
        if first < len(words) and words[first].end <= end:
            continue
        kept.append((start, end))
    return kept


def _everyday_text(products: Sequence[Product], probability: float, *, agrees: bool) -> str:
    words = ", ".join(dict.fromkeys(p.text for p in products[:4]))
    reads = "like" if agrees else "unlike"
    return f"classifier: only everyday words ({words}), reads {reads} an offer ({probability:.2f})"


def _likeness_text(probability: float) -> str:
    reads = "like" if probability >= 0.5 else "unlike"
    return f"classifier: close call, reads {reads} an offer ({probability:.2f})"


def _number(value: float) -> str:
    return f"{value:g}"


def _price_text(price: Price) -> str:
    text = f"{_number(price.amount)} {price.currency}"
    if price.quantity is not None and price.unit is not None:
        text += f" per {_number(price.quantity)} {price.unit}"
    return text


def _quantity_text(quantity: Quantity) -> str:
    return f"{_number(quantity.quantity)} {quantity.unit}"
