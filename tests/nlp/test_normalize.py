"""Normalisation: what each trick folds to, and offsets that still point into the original."""

from __future__ import annotations

import pytest

from nlp.normalize import (
    COMBINING_MARKS,
    MIXED_SCRIPT,
    ZERO_WIDTH,
    Normalizer,
    evasion_kind,
)
from nlp.offsets import OffsetMap


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COKE/XTC * 1Gram = €50", "coke/xtc * 1gram = €50"),
        ("соке", "coke"),  # Cyrillic с о к е
        ("cоke", "coke"),  # Cyrillic о only
        ("ᴄᴏᴋᴇ", "coke"),  # small capitals
        ("ｃｏｋｅ", "coke"),  # fullwidth
        ("𝐜𝐨𝐤𝐞", "coke"),  # mathematical bold
        ("ⓒⓞⓚⓔ", "coke"),  # circled
        ("🅲🅾🅺🅴", "coke"),  # negative squared
        ("ᏟᏫᏦᎬ", "coke"),  # Cherokee capitals
        ("cøke", "coke"),  # a letter with a stroke
        ("ĸetamine", "ketamine"),  # kra
        ("co\u200bke", "coke"),  # zero-width space
        ("c\u0301oke", "coke"),  # combining accent
        ("cocaïne", "cocaine"),
        ("❄️ wiet", "❄ wiet"),  # variation selector dropped, emoji kept
        ("a\x00b\x07c", "a b c"),  # control characters become spaces
        ("\u202eekoc\u202c", "ekoc"),  # bidi controls removed
        ("3-MMC", "3-mmc"),
    ],
)
def test_folds_characters(normalizer: Normalizer, text: str, expected: str) -> None:
    assert normalizer(text).text == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Nu: co\u200bke 1g", "coke"),
        ("Nu: c\u0301\u0302oke 1g", "coke"),
        ("❄️❄️ verse ᴄᴏᴋᴇ", "coke"),
        ("ﬁne ﬁne coke", "coke"),  # ligatures grow the text
        ("İİİ coke", "coke"),  # İ lower-cases to two characters
    ],
)
def test_offsets_point_into_the_original(normalizer: Normalizer, text: str, needle: str) -> None:
    result = normalizer(text)
    start = result.text.index(needle)
    original_start, original_end = result.offsets.span(start, start + len(needle))
    written = text[original_start:original_end]
    assert normalizer(written).text == needle


def test_ascii_text_has_an_identity_map(normalizer: Normalizer) -> None:
    result = normalizer("Wiet 1g 10 EURO")
    assert result.offsets.is_identity
    assert result.offsets.span(5, 7) == (5, 7)


@pytest.mark.parametrize(
    ("text", "kind", "word"),
    [
        ("koop co\u200bke hier", ZERO_WIDTH, "co\u200bke"),
        ("koop c\u0301oke hier", COMBINING_MARKS, "c\u0301oke"),
        ("koop cоke hier", MIXED_SCRIPT, "cоke"),
    ],
)
def test_reports_character_evasion(normalizer: Normalizer, text: str, kind: str, word: str) -> None:
    evasions = normalizer(text).evasions
    assert [(e.kind, text[e.start : e.end]) for e in evasions] == [(kind, word)]


def test_emoji_sequences_are_not_evasion(normalizer: Normalizer) -> None:
    assert normalizer("👨\u200d👩\u200d👧 1️⃣ ❄️").evasions == ()


@pytest.mark.parametrize(
    ("written", "kind"),
    [("соке", "homoglyph"), ("cоke", "mixed_script"), ("ᴄᴏᴋᴇ", "fancy_letters"), ("coke", None)],
)
def test_evasion_kind_of_a_word(written: str, kind: str | None) -> None:
    assert evasion_kind(written) == kind


def test_long_symbol_runs_are_split_so_tokenizing_stays_linear(normalizer: Normalizer) -> None:
    text = "(" * 5000
    result = normalizer(text)
    assert result.text.count(" ") > 1000
    assert result.offsets.span(0, len(result.text)) == (0, len(text))


def test_offset_map_composes_and_clamps() -> None:
    first = OffsetMap(10, [0, 2, 3], [2, 3, 4])  # "xx" folded to one character
    assert first.span(0, 1) == (0, 2)
    assert first.span(1, 3) == (2, 4)
    assert first.span(3, 9) == (10, 10)
    later = first.then([0, 0, 1], [0, 1, 3])  # an inserted character, then the rest
    assert later.span(1, 3) == (0, 4)
    with pytest.raises(ValueError, match="starts"):
        OffsetMap(3, [0, 1], [1])
