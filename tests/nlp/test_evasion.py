"""Generated evasion: every positive stays positive, every negative stays negative.

Each example marks its product word with braces; hypothesis rewrites that word with one of
the tricks sellers use (homoglyphs, zero-width characters, small capitals, fullwidth and
mathematical letters, combining marks, spaced or dotted letters, a star put in, leetspeak,
case). Runs are deterministic (derandomize, no example database) and bounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp import Analyzer

POSITIVES = [
    ("Verse {coke} binnen, 1g €60, bezorging heel NL, dm @snow_nl", "cocaine"),
    ("{wiet} 5g 45 euro, afhalen in Utrecht, app 06-12345678", "cannabis"),
    ("{xtc} pillen 10 stuks €25, bezorging door heel Rotterdam", "mdma"),
    ("Top {ketamine} 1g 40e, stuur een dm naar @keta_plug", "ketamine"),
    ("Fresh {cocaine} 1g £80, delivery all over London, text @white_uk", "cocaine"),
    ("Best {mdma} crystals 5g €90, stealth shipping EU, wickr: molly_eu", "mdma"),
]
NEGATIVES = [
    "Politie vindt 20 kilo {cocaine} in een container, drie verdachten aangehouden",
    "Waar kan ik {wiet} kopen in Utrecht? Weet iemand een adres?",
    "Jellinek waarschuwt voor {xtc} met een hoge dosis, laat je pillen testen",
    "Court jails man who sold {cocaine} from his flat, police seized 2 kilos",
]

_CYRILLIC = str.maketrans("aceopxyik", "асеорхуік")
_SMALL_CAPS = str.maketrans("abcdefghijklmnopqrstuvwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡʏᴢ")
_LEET = str.maketrans("aeiot", "43107")
_ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
_SPACERS = [" ", ".", "-", "*", " . ", "_", "|", "/", "•", "~", "+"]


def _fullwidth(word: str) -> str:
    return "".join(chr(ord(c) - 0x61 + 0xFF41) if "a" <= c <= "z" else c for c in word)


def _bold(word: str) -> str:
    return "".join(chr(ord(c) - 0x61 + 0x1D41A) if "a" <= c <= "z" else c for c in word)


@st.composite
def disguise(draw: st.DrawFn) -> Callable[[str], str]:
    """One evasion trick, with its random choices drawn by hypothesis."""
    kind = draw(
        st.sampled_from(
            [
                "cyrillic",
                "zero_width",
                "small_caps",
                "fullwidth",
                "bold",
                "combining",
                "spaced",
                "starred",
                "leet",
                "upper",
            ]
        )
    )
    if kind == "cyrillic":
        mask = draw(st.lists(st.booleans(), min_size=12, max_size=12))
        return lambda w: "".join(
            c.translate(_CYRILLIC) if mask[i % 12] else c for i, c in enumerate(w)
        )
    if kind == "zero_width":
        mark = draw(st.sampled_from(_ZERO_WIDTH))
        where = draw(st.integers(min_value=1, max_value=8))
        return lambda w: w[: min(where, len(w) - 1)] + mark + w[min(where, len(w) - 1) :]
    if kind == "combining":
        mark = draw(st.sampled_from(["\u0301", "\u0308", "\u0336", "\u0323"]))
        return lambda w: "".join(c + mark for c in w)
    if kind == "spaced":
        spacer = draw(st.sampled_from(_SPACERS))
        return lambda w: spacer.join(w)
    if kind == "starred":  # one star put in, as filters are dodged: "co*ke"
        where = draw(st.integers(min_value=1, max_value=8))
        return lambda w: w[: min(where, len(w) - 1)] + "*" + w[min(where, len(w) - 1) :]
    if kind == "leet":
        return lambda w: w.translate(_LEET)
    tables: dict[str, Callable[[str], str]] = {
        "small_caps": lambda w: w.translate(_SMALL_CAPS),
        "fullwidth": _fullwidth,
        "bold": _bold,
        "upper": str.upper,
    }
    return tables[kind]


def _apply(template: str, trick: Callable[[str], str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: trick(m.group(1)), template)


@pytest.mark.parametrize(("template", "product"), POSITIVES)
@settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(trick=disguise())
def test_positives_stay_positive(
    analyzer: Analyzer, template: str, product: str, trick: Callable[[str], str]
) -> None:
    text = _apply(template, trick)
    result = analyzer.analyze(text)
    assert result.offer, (text, result.reasons)
    assert product in {p.name for p in result.products}, (text, result.reasons)
    for span in result.spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("template", NEGATIVES)
@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(trick=disguise())
def test_negatives_stay_negative(
    analyzer: Analyzer, template: str, trick: Callable[[str], str]
) -> None:
    text = _apply(template, trick)
    assert not analyzer.analyze(text).offer, text


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("соке", "homoglyph"),
        ("cоke", "mixed_script"),
        ("ᏟᏫᏦᎬ", "homoglyph"),  # Cherokee capitals
        ("cꮻke", "mixed_script"),  # a Cherokee small letter among Latin ones
        ("ᴄᴏᴋᴇ", "fancy_letters"),
        ("c0ke", "leetspeak"),
        ("c o k e", "spaced_letters"),
        ("co\u200bke", "zero_width"),
        ("co*ke", "spaced_letters"),
    ],
)
def test_evasion_is_a_signal(analyzer: Analyzer, word: str, kind: str) -> None:
    result = analyzer.analyze(f"Verse {word} 1g €60, dm @snow_nl")
    assert kind in {s.kind for s in result.signals}
    assert any(r.startswith("evasion:") for r in result.reasons)
    assert [p.name for p in result.products] == ["cocaine"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("c o k e 1g 60, dm @snow_nl", ["cocaine"]),  # the "e" of "c o k e" is no ecstasy
        ("r i j b e w i j s z o n d e r e x a m e n, dm @rb_nl", ["driving licences"]),
        ("counterfeit notes, contact: w i c k r notesmaster99", ["counterfeit money"]),
        ("E en K, 1g 30, bezorging", ["mdma", "ketamine"]),  # letters standing alone count
    ],
)
def test_letters_of_a_spelled_out_word_are_no_short_terms(
    analyzer: Analyzer, text: str, names: list[str]
) -> None:
    assert [p.name for p in analyzer.analyze(text).products] == names


@pytest.mark.parametrize("lang", ["nl", "de", "en", "fr"])
def test_an_exclamation_mark_between_letters_is_a_leet_i(analyzer: Analyzer, lang: str) -> None:
    # Dutch and German tokenizer rules split "!" off between letters, as punctuation.
    result = analyzer.analyze("r!jb3w!js B, g3r3g!str33rd, 1900, dm @docs_nl", lang=lang)
    assert [p.name for p in result.products] == ["driving licences"]
    assert "leetspeak" in {s.kind for s in result.signals}


@pytest.mark.parametrize(
    ("word", "product"),
    [
        ("wieeeet", "cannabis"),  # letters held for emphasis
        ("cooooke", "cocaine"),
        ("weeeeed", "cannabis"),
        ("$peed", "amphetamine"),  # a dollar sign before a letter is a leet s
        ("c o k e.", "cocaine"),  # the last letter keeps the full stop as an initial does
        ("special k.", "ketamine"),
    ],
)
def test_informal_spellings_name_the_product(analyzer: Analyzer, word: str, product: str) -> None:
    result = analyzer.analyze(f"{word} 10g 80 euro, bezorging, dm @groen_nl")
    assert [p.name for p in result.products] == [product]
