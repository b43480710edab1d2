"""The contact scans find exactly what plain regex scans find, only faster."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.components import contacts
from nlp.components.text import FOLDS_TO_ASCII

_PIECES = st.sampled_from(
    [
        "wickr me",
        "Signal",
        "WA",
        "wa",
        "telegram",
        "tg",
        "whats app",
        ": ",
        " ",
        "-",
        "@",
        "plug_420",
        "0612345678",
        "x",
        "é",
        "🍃",
        "\u212a",
        "ſ",
        "İ",
        "snap",
        "id",
        "https://",
        "HTTP://",
        "www.",
        "t.me/",
        "telegram.dog/",
        "T.",
        "joinchat/",
        "shop",
        ".",
    ]
)


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_same_matches_as_finditer(text: str) -> None:
    for pattern, starts in (
        (contacts._MESSENGER, contacts._APP_STARTS),
        (contacts._TELEGRAM_LINK, contacts._LINK_STARTS),
        (contacts._URL, contacts._URL_STARTS),
    ):
        expected = [m.span() for m in pattern.finditer(text)]
        found = [m.span() for m in contacts._scan(pattern, starts, text, text.lower())]
        assert found == expected, pattern.pattern


def test_only_these_characters_stand_for_ascii_letters() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = {chr(c) for c in range(128, 0x110000) if letter.match(chr(c))}
    assert odd == FOLDS_TO_ASCII
