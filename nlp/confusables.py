"""Characters that sellers use to look like Latin letters without being them.

NFKC/NFKD already folds fullwidth, mathematical, circled and superscript letters. What it does
not fold is listed here: Cyrillic, Greek and Cherokee look-alikes (``соке`` with Cyrillic с,
о, е; ``ᏟᏫᏦᎬ`` in Cherokee, which real Telegram spam uses too), small capitals (``ᴄᴏᴋᴇ``),
negative squared and circled letters (``🅲🅾🅺🅴``) and regional indicator letters
(``🇨 🇴 🇰 🇪``). Tables are built once from Unicode names where a name
says exactly which Latin letter a character shows.
"""

from __future__ import annotations

import unicodedata

# Lower-case look-alikes only: text is lower-cased before this table applies.
# Chosen from the Unicode confusables data (UTS #39) for the letters that matter in practice.
_LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "с": "c",
    "ԁ": "d",
    "е": "e",
    "ё": "e",
    "һ": "h",
    "н": "h",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "к": "k",
    "ӏ": "l",
    "м": "m",
    "п": "n",
    "о": "o",
    "р": "p",
    "ԛ": "q",
    "г": "r",
    "ѕ": "s",
    "т": "t",
    "ѵ": "v",
    "ԝ": "w",
    "х": "x",
    "у": "y",
    # Greek
    "α": "a",
    "β": "b",
    "ϲ": "c",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "γ": "y",
    "ω": "w",
    "μ": "u",
    # Armenian and other Latin-script variants
    "օ": "o",
    "ս": "u",
    "ց": "g",
    "ɡ": "g",
    "ı": "i",
    "ȷ": "j",
    "ℓ": "l",
    # Latin letters with a stroke, which no decomposition takes off (cøke, ĸetamine)
    "ø": "o",
    "ĸ": "k",
    "ł": "l",
    "đ": "d",
    "ħ": "h",
}

# Cherokee capitals that are drawn as Latin capitals (UTS #39 confusables). Cherokee has
# lower-case letters too, so the table takes the lower-case form of each.
_CHEROKEE: dict[str, str] = {
    "Ꭺ": "a",
    "Ᏼ": "b",
    "Ꮟ": "b",
    "Ꮯ": "c",
    "Ꭰ": "d",
    "Ꭼ": "e",
    "Ꮐ": "g",
    "Ꮋ": "h",
    "Ꮒ": "h",
    "Ꭵ": "i",
    "Ꭻ": "j",
    "Ꮶ": "k",
    "Ꮮ": "l",
    "Ꮇ": "m",
    "Ꮻ": "o",
    "Ꮲ": "p",
    "Ꭱ": "r",
    "Ꮢ": "r",
    "Ꮪ": "s",
    "Ꮥ": "s",
    "Ꭲ": "t",
    "Ꮩ": "v",
    "Ꮃ": "w",
    "Ꮤ": "w",
    "Ꭹ": "y",
    "Ꮍ": "y",
    "Ꮓ": "z",
}
# The scripts folded as homoglyphs, as a regex character class: Greek and Cyrillic (with its
# supplement), Cherokee and its lower-case letters.
LOOKALIKE_SCRIPTS = "\u0370-\u052f\u13a0-\u13ff\uab70-\uabbf"

# Blocks whose names spell out the Latin letter they show.
_NAMED_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0250, 0x02AF),  # IPA extensions: small capitals
    (0x1D00, 0x1D7F),  # phonetic extensions: small capitals
    (0xA720, 0xA7FF),  # Latin extended-D: small capital F, S, Q
    (0x1F100, 0x1F1FF),  # enclosed alphanumeric supplement: squared, negative, regional
)
_NAME_PREFIXES: tuple[str, ...] = (
    "LATIN LETTER SMALL CAPITAL ",
    "NEGATIVE CIRCLED LATIN CAPITAL LETTER ",
    "NEGATIVE SQUARED LATIN CAPITAL LETTER ",
    "SQUARED LATIN CAPITAL LETTER ",
    "CIRCLED LATIN CAPITAL LETTER ",
    "PARENTHESIZED LATIN SMALL LETTER ",
    "REGIONAL INDICATOR SYMBOL LETTER ",
)

# Which evasion each kind of folded character counts as.
HOMOGLYPH = "homoglyph"
FANCY_LETTERS = "fancy_letters"


def _named_letters() -> dict[str, str]:
    """Letters recognised by their Unicode name in the blocks above."""
    table: dict[str, str] = {}
    for first, last in _NAMED_BLOCKS:
        for code in range(first, last + 1):
            name = unicodedata.name(chr(code), "")
            for prefix in _NAME_PREFIXES:
                rest = name.removeprefix(prefix)
                if rest != name and len(rest) == 1 and rest.isalpha():
                    table[chr(code)] = rest.lower()
                    break
    return table


def build_fold_table() -> dict[str, tuple[str, str]]:
    """Look-alike character -> (Latin replacement, evasion kind)."""
    table = {char: (latin, FANCY_LETTERS) for char, latin in _named_letters().items()}
    table.update({char: (latin, HOMOGLYPH) for char, latin in _LOOKALIKES.items()})
    table.update({char.lower(): (latin, HOMOGLYPH) for char, latin in _CHEROKEE.items()})
    return table


def is_lookalike_script(char: str) -> bool:
    """True for the scripts whose letters are folded as homoglyphs (Cyrillic, Greek,
    Cherokee)."""
    return (
        "\u0370" <= char <= "\u052f" or "\u13a0" <= char <= "\u13ff" or "\uab70" <= char <= "\uabbf"
    )
