"""Readings made where the post's text is: negated legal words, questions, and negative
words of another language than the post's."""

from __future__ import annotations

import pytest

from nlp import Analyzer
from nlp.lexicon import NEGATIVE, PRODUCT, SALES, Lexicon, Term
from nlp.reading import _negation_before, _question_after
from nlp.scoring import Weights
from nlp.taxonomy import Category


@pytest.mark.parametrize(
    ("text", "word", "negation"),
    [
        ("Pistole, ohne Waffenschein, 2.000€", "Waffenschein", "ohne "),
        ("Glock 19, no licence required", "licence required", "no "),
        ("Glock 19, NO licence required", "licence required", "NO "),
        ("dit zijn GEEN truffels", "truffels", "GEEN "),
        ("pistool, geen wapenvergunning nodig", "wapenvergunning", "geen "),
        ("pistolet, pas de permis de chasse", "permis de chasse", "pas de "),
        ("without a firearm certificate", "firearm certificate", "without a "),
        ("kein Waffenschein nötig", "Waffenschein", "kein "),
        ("İstanbul: Glock, no licence required", "licence required", "no "),
        # A requirement: a "without" after another negation.
        ("geen verkoop zonder wapenvergunning", "wapenvergunning", None),
        ("kein Verkauf ohne Waffenschein", "Waffenschein", None),
        ("no sale without a firearm certificate", "firearm certificate", None),
        # Not right before the word, or not a negation.
        ("no. Pharmacy open till 6", "Pharmacy", None),
        ("geen idee, apotheek", "apotheek", None),
        ("nur mit Waffenschein", "Waffenschein", None),
        ("piano licence required", "licence required", None),
        ("casino licence required", "licence required", None),
    ],
)
def test_a_negation_right_before_a_word(text: str, word: str, negation: str | None) -> None:
    start = text.index(word)
    found = _negation_before(text, start)
    assert (None if found is None else text[found:start]) == negation


@pytest.mark.parametrize(
    ("text", "offer", "reason"),
    [
        (
            "Scharfe Pistole mit Munition, ohne Waffenschein, 2.000€. Nur persönlich in Frankfurt.",
            True,
            "sales talk: ohne Waffenschein",
        ),
        (
            "Tramadol 100mg and diazepam 10mg, no prescription required. Discreet post, UK",
            True,
            "sales talk: no prescription required",
        ),
        (
            "Wapenhandel: jachtgeweren en kogels, geen verkoop zonder wapenvergunning.",
            False,
            "against: legal statement",
        ),
        (
            "Glock 17 met demper, speelgoed is het niet 😉 6k. Kom zelf kijken in 010",
            True,
            "sales talk: speelgoed is het niet",
        ),
        (
            "Psilocybin chocolate bars €35 each, shipped in the EU. Not the legal truffle stuff",
            True,
            "sales talk: Not the legal",
        ),
        # "legal" inside "not legal tender" is no negated legal word: the phrase counts.
        (
            "Prop money, clearly marked, not legal tender. 100 notes $25",
            False,
            "against: legal statement",
        ),
    ],
)
def test_negated_legal_words_are_sales_talk(
    analyzer: Analyzer, text: str, offer: bool, reason: str
) -> None:
    result = analyzer.analyze(text)
    assert result.offer is offer
    assert reason in result.reasons
    if offer:
        assert not any(r.startswith("against") for r in result.reasons)
    else:
        assert not any("not legal" in r for r in result.reasons if r.startswith("sales talk"))


@pytest.mark.parametrize(
    ("text", "after", "question"),
    [
        ("Looking for a plug? Look no further", "Looking for", "?"),
        ("looking for weed, dm me", "looking for", None),
        ("Looking for a plug. Any?", "Looking for", None),
        ("Looking for\na plug?", "Looking for", None),
    ],
)
def test_the_question_a_word_is_asked_in(text: str, after: str, question: str | None) -> None:
    found = _question_after(text, text.index(after) + len(after))
    assert (None if found is None else text[found]) == question


def _term(text: str, label: str, name: str, langs: tuple[str, ...], category: Category) -> Term:
    return Term(text, label, name, category, langs, False, "test")


@pytest.fixture(scope="module")
def verse_analyzer() -> Analyzer:
    """The example of the review: "verse" is a song's verse in English, "fresh" in Dutch."""
    terms = (
        _term("coke", PRODUCT, "cocaine", ("nl", "en"), Category.DRUGS),
        _term("verse", NEGATIVE, "game or fiction", ("en",), Category.NONE),
        _term("politie", NEGATIVE, "police or court", ("nl",), Category.NONE),
        _term("te koop", SALES, "for sale", ("nl",), Category.NONE),
    )
    lexicon = Lexicon(
        terms=terms,
        emoji=(),
        units={"g": "g"},
        currencies={"€": "EUR"},
        other_units=frozenset(),
        stopwords={},
        hints={},
        sources={"test": "test"},
    )
    return Analyzer(lexicon, weights=Weights(classifier=0))  # the rules' points, exactly


# Undetermined and Russian posts keep every term: no negative word is tagged with them.
@pytest.mark.parametrize(
    ("lang", "counted"),
    [("nl", False), ("en", True), ("und", True), ("ru", True)],
)
def test_negative_words_count_in_their_own_languages(
    verse_analyzer: Analyzer, lang: str, counted: bool
) -> None:
    result = verse_analyzer.analyze("Verse coke te koop, 1g €60", lang=lang)
    assert any(r.startswith("against: game or fiction") for r in result.reasons) is counted
    assert result.score == (0.5 if counted else 0.85)  # "game or fiction" takes 0.35 off


@pytest.mark.parametrize(
    ("text", "lang", "counted"),
    [
        ("Gras 🍃 10g 90€, Abholung auf dem Hof in Kleve, Telegram @kleve_gras", "de", False),
        ("Het hof bevestigde de straf voor de verkoop van wiet, 10g 90€", "nl", True),
        ("Service gericht op discretie: wiet 10g 90€, bezorging in Arnhem", "nl", False),
    ],
)
def test_false_friends_of_negative_words(
    analyzer: Analyzer, text: str, lang: str, counted: bool
) -> None:
    result = analyzer.analyze(text, lang=lang)
    assert any(r.startswith("against: police or court") for r in result.reasons) is counted
