"""Making hostile free text safe to put into exported statements and notices.

Explanations quote posts written by criminals: they may be huge, carry control characters
(terminal escapes, NUL), bidirectional overrides that make a text read differently from what
it says, or lone surrogates that cannot be encoded. Exports cut and clean instead of failing.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"

# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(text: str, *, multiline: bool = True) -> str:
    """Replace control characters, bidi overrides and lone surrogates.

    Tabs survive; newlines survive when ``multiline`` (otherwise they become spaces, so a
    one-line field cannot start a forged line of its own). Other controls become spaces and
    unencodable characters become U+FFFD.
    """
    out: list[str] = []
    for char in text.replace("\r\n", "\n"):
        if char == "\n":
            out.append("\n" if multiline else " ")
        elif char == "\t":
            out.append(char)
        elif char in _BIDI_CONTROLS:
            continue
        else:
            category = unicodedata.category(char)
            if category == "Cc":
                out.append(" ")
            elif category == "Cs":
                out.append("\ufffd")
            else:
                out.append(char)
    return "".join(out)


def fit(text: str, limit: int, *, multiline: bool = True) -> str:
    """Clean ``text`` and cut it to at most ``limit`` characters, ending in an ellipsis if cut."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    cleaned = clean_text(text, multiline=multiline).strip()
    if len(cleaned) <= limit:
        return cleaned
    return cleaned[: limit - 1].rstrip() + ELLIPSIS
