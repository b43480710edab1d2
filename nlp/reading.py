"""Reading a processed Doc back onto the original post, and assembling the ``Analysis``.

The components work on the normalised text; here every offset goes through the offset map
so spans, products, prices and contacts index the ORIGINAL text. Short ambiguous terms
(K, X, E) must stand alone as written in Latin letters, and product words written with
homoglyphs or fancy letters become evasion signals.

A few readings need the words around a term, so they are made here, where the text is: a
legal word negated before or after it ("ohne Waffenschein", "speelgoed is het niet") is sales
talk, not a legal seller; a product named right after a negation is denied ("geen cobra's",
``Mention.denied``); negative context learns whether it is asked as a question
(``Mention.question``); and negative words of another language than the post's can be left
out (``foreign``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from spacy.tokens import Doc

from nlp.analysis import Analysis, Contact, Price, Quantity, Signal, TextSpan
from nlp.components import contacts as contact_component
from nlp.components import money as money_component
from nlp.components import terms as terms_component
from nlp.components.terms import TermMatcher
from nlp.lexicon import LEGAL, NEGATIVE, PRODUCT, SALES
from nlp.normalize import Normalized, evasion_kind
from nlp.ranges import Ranges
from nlp.scoring import Decision, Mention
from nlp.taxonomy import Category, dsa_class

_SHORT = 2
_BEFORE_SHORT = frozenset(" \t\n\r/,(+&|:;*•·")
_AFTER_SHORT = frozenset(" \t\n\r/,)+&|:;*•·=!?")
_MAX_ITEMS = 50
_MAX_SPANS = 500
EMOJI_SOURCE = "emoji"  # the source of terms made from data/lexicons/emoji.yaml
_CATEGORIES = {category.value: category for category in Category}
_SPAN_ORDER = attrgetter("start", "end")
NEGATED_LEGAL = "negated legal word"  # the name of a legal word read as sales talk
# A negation right before a legal word, articles allowed between: "no licence required",
# "ohne Waffenschein", "geen truffels", "pas de permis de chasse", "pas d'ordonnance".
_NEGATION = re.compile(
    r"(?<![\w'’])(?:(?P<word>no|not|without|w/o|zonder|geen|niet|ohne|kein|keine|keinen|nicht"
    r"|sans|pas de|aucun|aucune)(?:\s+(?:a|an|any|the|een|ein|eine|einen|un|une|de|la|le))?\s+"
    r"|pas d['’])$",
    re.IGNORECASE,
)
_NEGATION_REACH = 28
# "Speelgoed is het niet", "legal it is not": the negation after the word.
_NEGATION_AFTER = re.compile(
    r"\s+(?:is|it's|it is|ist)\s+(?:het\s+|dit\s+|dat\s+|es\s+|it\s+)?(?:niet|not|nicht)(?!\w)",
    re.IGNORECASE,
)
_NEGATION_AFTER_REACH = 20
# The negations that deny a product named right after them ("without" and "niet" do not:
# "zonder recept", "niet dat poeder spul").
_DENYING = frozenset({"no", "not", "geen", "kein", "keine", "keinen", "aucun", "aucune", "pas de"})
# What each of them contains, as written (lower case): a window without any of these denies
# nothing, and this case-sensitive search skips through it far faster than ``_NEGATION`` can.
_DENYING_PART = re.compile(r"no|geen|kein|aucun|pas de")
_REQUIREMENT_REACH = 32
# "Without" after another negation is a requirement: "no sale without a licence".
_WITHOUT = frozenset({"without", "w/o", "zonder", "ohne", "sans"})
_NEGATED_BEFORE = re.compile(
    r"(?<!\w)(?:no|not|never|geen|niet|nooit|kein|keine|keinen|nicht|nie|pas|jamais|aucun|aucune)"
    r"(?!\w)[^.!?\n]{0,24}$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?\n]")
_QUESTION_REACH = 100


@dataclass(slots=True)
class Reading:
    """Everything the components found, at original offsets."""

    original: str
    mentions: tuple[Mention, ...]
    prices: tuple[Price, ...]
    quantities: tuple[Quantity, ...]
    contacts: tuple[Contact, ...]
    evasions: tuple[Signal, ...]
    # An ``emoji`` signal per emoji code among the mentions (made in ``read_doc``, which knows
    # whether there are any without another pass over the mentions).
    emoji: tuple[Signal, ...] = ()

    def analysis(self, lang: str, decision: Decision, truncated: bool) -> Analysis:
        """The final, JSON-ready result."""
        dsa = dsa_class(decision.category)
        spans = [TextSpan(PRODUCT, p.start, p.end, p.text) for p in decision.products]
        spans += [
            TextSpan(m.label, m.start, m.end, m.text) for m in self.mentions if m.label != PRODUCT
        ]
        # Most posts have no contact or evasion, many no price: an empty comprehension still
        # costs a function call.
        if self.prices:
            spans += [TextSpan("PRICE", p.start, p.end, p.text) for p in self.prices]
        if self.quantities:
            spans += [TextSpan("QUANTITY", q.start, q.end, q.text) for q in self.quantities]
        if self.contacts:
            spans += [
                TextSpan("CONTACT", c.start, c.end, self.original[c.start : c.end])
                for c in self.contacts
            ]
        if self.evasions:
            spans += [
                TextSpan("EVASION", e.start, e.end, e.value)
                for e in self.evasions
                if e.start is not None and e.end is not None
            ]
        signals = [*self.evasions, *self.emoji, *decision.signals]
        return Analysis(
            lang=lang,
            offer=decision.offer,
            score=decision.score,
            category=decision.category,
            dsa_category=dsa.category,
            dsa_keyword=dsa.keyword,
            products=decision.products[:_MAX_ITEMS],
            prices=self.prices[:_MAX_ITEMS],
            contacts=self.contacts[:_MAX_ITEMS],
            payment=decision.payment,
            delivery=decision.delivery,
            signals=tuple(signals[:_MAX_ITEMS]),
            spans=tuple(sorted(spans, key=_SPAN_ORDER)[:_MAX_SPANS]),
            reasons=decision.reasons,
            truncated=truncated,
            quantities=self.quantities[:_MAX_ITEMS],
        )


def read_doc(
    doc: Doc,
    original: str,
    normalised: Normalized,
    terms: TermMatcher,
    foreign: frozenset[int] = frozenset(),
) -> Reading:
    """Collect the components' results from ``doc`` and map them onto ``original``.

    ``foreign`` holds the match ids of terms that do not count in this post: negative words
    of another language than the post's ("hof" is a court in Dutch, a yard in German).
    """
    offsets = normalised.offsets
    identity = offsets.is_identity
    text = normalised.text
    data = doc.user_data
    money = data.get(money_component.DATA_KEY, ())
    mentions: list[Mention] = []
    disguised: list[Signal] = []
    legal = any_coded = False
    for match_id, start, end in data.get(terms_component.DATA_KEY, ()):
        entry = terms.entry_by_id(match_id)
        if entry is None or match_id in foreign:
            continue
        coded = entry.source == EMOJI_SOURCE
        any_coded = any_coded or coded
        short = end - start <= _SHORT and not coded
        if short and not _stands_alone(text, start, end, money):
            continue
        label, question, denied = entry.label, None, False
        if label == PRODUCT:
            denied = start > 0 and text[start - 1] == " " and _denied(text, start)
        elif label == NEGATIVE:
            question = _question_after(text, end)
        elif label == LEGAL:
            legal = True
        if not identity:
            start, end = offsets.span(start, end)
            if question is not None:
                question = offsets.start(question)
        written = original[start:end]
        if short and not written.isascii():
            continue  # a Cyrillic к or х on its own is a Russian word, not K or X
        if label == PRODUCT and not coded and not written.isascii():
            kind = evasion_kind(written)
            if kind is not None:
                disguised.append(Signal(kind, written, start, end))
        mentions.append(
            Mention(
                label,
                entry.name,
                _CATEGORIES[entry.category],
                entry.ambiguous,
                start,
                end,
                written,
                short,
                coded,
                question,
                denied,
                entry.code,
            )
        )
    prices: list[Price] = []
    quantities: list[Quantity] = []
    for kind, start, end, amount, currency, quantity, unit in money:
        if not identity:
            start, end = offsets.span(start, end)
        if kind == "price":
            prices.append(Price(amount, currency, quantity, unit, start, end, original[start:end]))
        else:
            quantities.append(Quantity(quantity, unit, start, end, original[start:end]))
    contacts = []
    for kind, start, end, value in data.get(contact_component.DATA_KEY, ()):
        if not identity:
            start, end = offsets.span(start, end)
        written = original[start:end]
        contacts.append(Contact(kind, value or _contact_value(kind, written), start, end))
    evasions = [
        Signal(e.kind, original[e.start : e.end], e.start, e.end) for e in normalised.evasions
    ]
    undone = data.get(terms_component.EVASION_DATA_KEY, ())
    # "plug_nl" in t.me/plug_nl: a username's underscore, not letters spaced apart.
    in_contacts = Ranges((c.start, c.end) for c in contacts) if undone and contacts else None
    for kind, start, end in undone:
        if not identity:
            start, end = offsets.span(start, end)
        if (
            in_contacts is not None
            and kind != contact_component.DISGUISED
            and in_contacts.contains(start, end)
        ):
            continue
        evasions.append(Signal(kind, original[start:end], start, end))
    if disguised:  # homoglyphs and fancy letters, seen on the words they hide
        # A set, not a scan of the list: a post of 13,000 disguised words made it quadratic.
        seen = {(e.start, e.kind) for e in evasions}
        for signal in disguised:
            if (signal.start, signal.kind) not in seen:
                seen.add((signal.start, signal.kind))
                evasions.append(signal)
    kept = _dedupe(mentions) if len(mentions) > 1 else mentions
    if legal:
        kept = _negated_legal(kept, original)
    return Reading(
        original=original,
        mentions=tuple(kept),
        prices=tuple(prices),
        quantities=tuple(quantities),
        contacts=tuple(contacts),
        evasions=tuple(evasions),
        emoji=_emoji_signals(kept) if any_coded else (),
    )


def _emoji_signals(mentions: Sequence[Mention]) -> tuple[Signal, ...]:
    """An ``emoji`` signal for each emoji code among ``mentions``."""
    return tuple(
        Signal("emoji", f"{m.name} ({m.text})", m.start, m.end) for m in mentions if m.coded
    )


def _stands_alone(text: str, start: int, end: int, money: Sequence[Sequence[Any]]) -> bool:
    """K, X, E count only as separate words, not inside prices, e-mail or 10x."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if after == "." and (end + 1 >= len(text) or not text[end + 1].isalpha()):
        after = " "
    if before not in _BEFORE_SHORT or after not in _AFTER_SHORT:
        return False
    return not any(r[1] < end and start < r[2] for r in money)


def _negated_legal(mentions: Sequence[Mention], original: str) -> Sequence[Mention]:
    """Legal words right after or before a negation become sales talk, negation included.

    "Ohne Waffenschein", "no licence required", "geen truffels" and "speelgoed is het niet"
    are what sellers say, not what legal shops say. Runs after ``_dedupe``, so "legal" inside
    "not legal tender" is gone.
    """
    changed = False
    read: list[Mention] = []
    for mention in mentions:
        if mention.label == LEGAL:
            start, end = mention.start, mention.end
            negation = _negation_before(original, start)
            if negation is not None:
                start = negation
            else:
                after = _NEGATION_AFTER.match(original, end, end + _NEGATION_AFTER_REACH)
                end = end if after is None else after.end()
            if (start, end) != (mention.start, mention.end):
                mention = Mention(
                    SALES,
                    NEGATED_LEGAL,
                    mention.category,
                    mention.ambiguous,
                    start,
                    end,
                    original[start:end],
                )
                changed = True
        read.append(mention)
    if not changed:
        return mentions
    return _dedupe(sorted(read, key=lambda m: (m.start, -m.end)))


def _denied(text: str, start: int) -> bool:
    """A product named right after "no", "not a", "geen": "not a magic mushroom hunt",
    "geen cobra's". ``text`` is the normalised text (lower case)."""
    reach = max(0, start - _NEGATION_REACH)
    if _DENYING_PART.search(text, reach, start) is None:
        return False  # most products: no denying word before them
    found = _NEGATION.search(text, reach, start)
    return found is not None and found.group("word") in _DENYING


def _negation_before(original: str, start: int) -> int | None:
    """Where a negation right before the word at ``start`` begins, if there is one.

    A "without" after another negation is a requirement ("no sale without a licence"), and
    the legal word keeps counting.
    """
    found = _NEGATION.search(original, max(0, start - _NEGATION_REACH), start)
    if found is None:
        return None
    negation = found.start()
    word = found.group("word")
    required = (
        word is not None
        and word.lower() in _WITHOUT
        and _NEGATED_BEFORE.search(original, max(0, negation - _REQUIREMENT_REACH), negation)
    )
    return None if required else negation


def _question_after(text: str, end: int) -> int | None:
    """The offset of the ``?`` that closes the clause ending after ``end``, if it is one."""
    found = _CLAUSE_END.search(text, end, end + _QUESTION_REACH)
    return found.start() if found is not None and found.group() == "?" else None


def _contact_value(kind: str, written: str) -> str:
    if kind == "telegram":
        return written.split("://")[-1].removeprefix("www.")
    return written


def _apart(mentions: Sequence[Mention]) -> bool:
    """Mentions in strictly increasing start order, none overlapping one of its own kind."""
    reach: dict[str, int] = {}
    previous = -1
    for mention in mentions:
        start = mention.start
        if start <= previous or reach.get(mention.label, -1) > start:
            return False
        previous = start
        reach[mention.label] = mention.end
    return True


def _dedupe(mentions: Sequence[Mention]) -> Sequence[Mention]:
    """Drop a mention inside a longer one of the same kind ("special k" over "k")."""
    if _apart(mentions):
        return mentions  # the common case: in order, nothing of one kind overlapping
    kept: list[Mention] = []
    reach: dict[str, int] = {}  # per label, the furthest end of the mentions kept so far
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if reach.get(mention.label, -1) >= mention.end:
            continue
        kept.append(mention)
        reach[mention.label] = max(reach.get(mention.label, -1), mention.end)
    return kept
