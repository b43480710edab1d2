"""Lexicon files: the repository's load, and mistakes are reported by file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp import load_lexicon
from nlp.lexicon import LEGAL, PRODUCT, Lexicon, LexiconError
from nlp.taxonomy import Category


def test_repository_lexicons_cover_every_class(lexicon: Lexicon) -> None:
    classes = {term.category for term in lexicon.terms if term.label == PRODUCT}
    assert classes == set(Category) - {Category.NONE}


def test_every_term_carries_class_name_languages_ambiguity_and_source(lexicon: Lexicon) -> None:
    for term in lexicon.terms:
        assert term.text and term.name and term.langs
        assert term.source in lexicon.sources
        assert isinstance(term.ambiguous, bool)


def test_dea_terms_keep_their_source(lexicon: Lexicon) -> None:
    dea = [t for t in lexicon.terms if t.source == "dea2018"]
    assert len(dea) > 500
    assert {"yayo", "zannies"} <= {t.text.lower() for t in dea}


def test_dea_phrases_of_everyday_words_are_code(lexicon: Lexicon) -> None:
    found = {t.text.lower(): t for t in lexicon.terms if t.source == "dea2018"}
    assert all(found[p].code for p in ("old lady", "salt and pepper", "my brother"))
    assert not found["ercs"].ambiguous


@pytest.mark.parametrize("word", ["wit", "ice", "k", "x", "e", "snow", "speed", "coke"])
def test_everyday_words_are_ambiguous(lexicon: Lexicon, word: str) -> None:
    found = [t for t in lexicon.terms if t.text == word and t.label == PRODUCT]
    assert found and all(t.ambiguous for t in found)


# A legal phrase that is also a product term switches that product off for good, so each such
# pair must be meant: the DEA list's everyday names for drugs ("Coca-Cola", "T-Shirts", "Bud
# Light") and toy money.
MEANT_TO_BE_LEGAL = {
    "coca cola",
    "coca-cola",
    "diet coke",
    "ice cubes",
    "speelgeld",
    "t-shirts",
    "bud light",
}


def test_legal_words_switch_off_no_product_by_accident(lexicon: Lexicon) -> None:
    legal = {t.text.lower() for t in lexicon.terms if t.label == LEGAL}
    products = {t.text.lower() for t in lexicon.terms if t.label == PRODUCT}
    assert (legal & products) - MEANT_TO_BE_LEGAL == set()


def test_units_currencies_and_stopwords(lexicon: Lexicon) -> None:
    assert lexicon.units["gram"] == "g"
    assert lexicon.currencies["€"] == "EUR"
    assert "cm" in lexicon.other_units
    assert {"nl", "en", "de", "fr"} <= set(lexicon.stopwords)
    assert {"nl", "en", "de", "fr"} <= set(lexicon.hints)


def test_language_words_belong_to_one_language(lexicon: Lexicon) -> None:
    owners: dict[str, set[str]] = {}
    for table in (lexicon.stopwords, lexicon.hints):
        for lang, words in table.items():
            for word in words:
                owners.setdefault(word, set()).add(lang)
    assert {word: langs for word, langs in owners.items() if len(langs) > 1} == {}


def _write(directory: Path, body: str) -> Path:
    (directory / "sources.yaml").write_text("sources:\n  team: us\n", encoding="utf-8")
    (directory / "terms.yaml").write_text(body, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("groups: [{kind: product, name: x, lang: [nl], source: team, terms: [a]}]", "class"),
        ("groups: [{kind: wrong, name: x, lang: [nl], source: team, terms: [a]}]", "kind"),
        (
            "groups: [{kind: cta, class: drugs, name: x, lang: [nl], source: team, terms: [a]}]",
            "class",
        ),
        ("groups: [{kind: cta, name: x, lang: [xy], source: team, terms: [a]}]", "lang"),
        ("groups: [{kind: cta, name: x, lang: [nl], source: nobody, terms: [a]}]", "source"),
        (
            "groups: [{kind: cta, name: x, lang: [nl], source: team, terms: [a], extra: 1}]",
            "unknown",
        ),
        (
            "groups: [{kind: cta, name: x, lang: [nl], source: team, terms: [{term: a, amb: 1}]}]",
            "unknown",
        ),
        (
            "groups: [{kind: cta, name: x, lang: [nl], source: team, ambiguous: 2, terms: [a]}]",
            "ambiguous",
        ),
        (  # YAML splits an unquoted "0,3% thc" in a [...] list into 0 and "3% thc"
            "groups: [{kind: legal, name: x, lang: [de], source: team, terms: [cbd, 0,3% thc]}]",
            "got the int 0 .*quote numbers and terms with commas",
        ),
        (
            "groups: [{kind: cta, name: x, lang: [en], source: team, terms: [420]}]",
            "quote",
        ),
        ("groups: {kind: cta}", "list"),
        ("groups: [", "YAML"),
    ],
)
def test_mistakes_name_file_and_entry(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as caught:
        load_lexicon(_write(tmp_path, body))
    assert "terms.yaml" in str(caught.value)


def test_a_small_lexicon_loads(tmp_path: Path) -> None:
    body = (
        "groups:\n"
        "  - {kind: product, class: weapons, name: taser, lang: [nl], source: team,\n"
        "     terms: [taser, {term: stroomstootwapen, lang: [nl, en], ambiguous: true},\n"
        "             {term: zappy boy, ambiguous: code}]}\n"
    )
    lexicon = load_lexicon(_write(tmp_path, body))
    assert [(t.text, t.category, t.langs, t.ambiguous, t.code) for t in lexicon.terms] == [
        ("taser", Category.WEAPONS, ("nl",), False, False),
        ("stroomstootwapen", Category.WEAPONS, ("nl", "en"), True, False),
        ("zappy boy", Category.WEAPONS, ("nl",), True, True),
    ]


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon(tmp_path / "nope")


def test_no_term_is_a_bare_small_number(lexicon: Lexicon) -> None:
    # A term "0" or "12" would match every such count in a post ("c 0 k e 1g 60").
    assert [t.text for t in lexicon.terms if t.text.isdigit() and len(t.text) < 3] == []
