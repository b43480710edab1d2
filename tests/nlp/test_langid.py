"""Language detection from function words, no downloads."""

from __future__ import annotations

import pytest

from nlp.analyzer import Analyzer
from nlp.langid import UNDETERMINED, LanguageDetector
from nlp.lexicon import Lexicon


@pytest.fixture(scope="module")
def detector(lexicon: Lexicon) -> LanguageDetector:
    return LanguageDetector(lexicon.stopwords, lexicon.hints)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("wij hebben weer verse wiet, stuur een bericht voor de prijzen", "nl"),
        ("we have the best quality in town, message me for the menu", "en"),
        ("wir haben heute neue ware, schreib mir für die preise", "de"),
        ("nous avons de la qualité, livraison rapide dans toute la ville", "fr"),
        ("у нас есть все что нужно, пишите", "ru"),
        ("💊💊💊 1g 60", UNDETERMINED),
        ("", UNDETERMINED),
    ],
)
def test_detects_languages(detector: LanguageDetector, text: str, lang: str) -> None:
    assert detector.detect(text, text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("wiet • hasj • pillen 🍃 bezorging eindhoven, veldhoven. 06-00994021", "nl"),
        ("ketamine shards 1g £25 | 5g £100 | uk next day delivery", "en"),
        ("gras 10g 80€, versand dhl, diskret verpackt", "de"),
        ("beuh 5g 50€, livraison paris", "fr"),
    ],
)
def test_bare_lists_are_judged_by_hint_words(
    detector: LanguageDetector, text: str, lang: str
) -> None:
    assert detector.detect(text, text) == lang


def test_function_words_outweigh_hint_words(detector: LanguageDetector) -> None:
    # Dutch vendors write English trade words; one Dutch function word decides.
    assert detector.detect("delivery shipping worldwide, alleen cash", "") == "nl"


def test_letters_break_ties(detector: LanguageDetector) -> None:
    assert detector.detect("xyz qqq", "straße groß") == "de"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("a bag to go, a box to sell", "en"),  # "а", "то" fold to "a", "to": not Russian
        ("то что надо, на складе всё есть", "ru"),  # mostly Cyrillic: Russian
        ("ХТС по 10 pillen, bezorging in heel NL", "nl"),  # Cyrillic as evasion: "по" is no "no"
    ],
)
def test_cyrillic_look_alikes_do_not_decide_the_language(
    analyzer: Analyzer, text: str, lang: str
) -> None:
    assert analyzer.analyze(text).lang == lang
