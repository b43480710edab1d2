"""Evasion rewrites for team-written offers: the tricks sellers use to dodge keyword filters.

Only the words an item marks with ``{braces}`` are rewritten, so reviewers can read the
source file and see which word hides which trick. Every rewrite is deterministic.
Hand-typed tricks (leetspeak ``c0ke``, spaced ``c o k e``, dotted ``M.D.M.A``) need no
rewrite and are written as they are in the item files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Latin letters and the Cyrillic or Greek letters that render the same in most fonts.
_HOMOGLYPHS = str.maketrans(
    {
        "a": "а",
        "c": "с",
        "e": "е",
        "i": "і",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у",
        "A": "А",
        "B": "В",
        "C": "С",
        "E": "Е",
        "H": "Н",
        "K": "К",
        "M": "М",
        "O": "О",
        "P": "Р",
        "T": "Т",
        "X": "Х",
    }
)
# Small capitals as seen in Telegram spam; letters without one are kept.
_SMALLCAPS = str.maketrans(
    {
        "a": "ᴀ",
        "b": "ʙ",
        "c": "ᴄ",
        "d": "ᴅ",
        "e": "ᴇ",
        "g": "ɢ",
        "h": "ʜ",
        "i": "ɪ",
        "j": "ᴊ",
        "k": "ᴋ",
        "l": "ʟ",
        "m": "ᴍ",
        "n": "ɴ",
        "o": "ᴏ",
        "p": "ᴘ",
        "r": "ʀ",
        "t": "ᴛ",
        "u": "ᴜ",
        "w": "ᴡ",
        "y": "ʏ",
        "z": "ᴢ",
    }
)
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060")
_BRACED = re.compile(r"\{([^{}\n]{1,60})\}")


def _zero_width(word: str) -> str:
    # Cycle through the invisible characters so that one stripping rule is not enough.
    out: list[str] = []
    for index, char in enumerate(word):
        out.append(char)
        if index < len(word) - 1:
            out.append(_ZERO_WIDTH[index % len(_ZERO_WIDTH)])
    return "".join(out)


def _fullwidth(word: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)


def _math_bold(word: str) -> str:
    out: list[str] = []
    for char in word:
        if "a" <= char <= "z":
            out.append(chr(0x1D41A + ord(char) - ord("a")))
        elif "A" <= char <= "Z":
            out.append(chr(0x1D400 + ord(char) - ord("A")))
        else:
            out.append(char)
    return "".join(out)


_KINDS: dict[str, Callable[[str], str]] = {
    "homoglyph": lambda word: word.translate(_HOMOGLYPHS),
    "smallcaps": lambda word: word.lower().translate(_SMALLCAPS),
    "zw": _zero_width,
    "fullwidth": _fullwidth,
    "mathbold": _math_bold,
}
KINDS = frozenset(_KINDS)


def apply_evasion(text: str, kind: str, where: str) -> str:
    """Rewrite every ``{word}`` in ``text`` with evasion ``kind``; ``where`` names the item."""
    rewrite = _KINDS.get(kind)
    if rewrite is None:
        raise ValueError(f"{where}: unknown evasion {kind!r}; known: {sorted(_KINDS)}")
    if not _BRACED.search(text):
        raise ValueError(f"{where}: evade:{kind} but no {{word}} marked")
    result = _BRACED.sub(lambda match: rewrite(match.group(1)), text)
    if "{" in result or "}" in result:
        raise ValueError(f"{where}: unbalanced braces")
    return result
