"""A warmed-up Normalizer (fast whole-text paths) folds exactly like a fresh one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.normalize import Normalized, Normalizer

_PIECES = st.sampled_from(
    [
        "Coke ",
        "ХТС",
        "ᴄᴏᴋᴇ",
        "❄️",
        "🍃",
        "c\u200bo\u200bk\u200be",
        "e\u0301",
        "ﬁ",
        "𝐰𝐞𝐞𝐝",
        "\x07",
        "Ⓜ",
        " 50€ ",
        "\u2028",
        "ß",
    ]
)


def _view(result: Normalized, length: int) -> tuple[object, ...]:
    spans = [result.offsets.span(i, i + 1) for i in range(len(result.text))]
    return result.text, spans, result.offsets.span(0, len(result.text)), result.evasions, length


@settings(max_examples=200)
@given(st.lists(_PIECES, max_size=12).map("".join), st.lists(_PIECES, max_size=12).map("".join))
def test_seen_characters_fold_the_same(warm_up: str, text: str) -> None:
    warm = Normalizer()
    warm(warm_up)
    warm(text)
    assert _view(warm(text), len(text)) == _view(Normalizer()(text), len(text))
