"""The Doc's text, cheaply.

``Doc.text`` rebuilds the string from its tokens (a Python object per token), which costs
more than tokenising. Our tokenizer stores the input string under ``TEXT_KEY``; components
read it through ``doc_text`` and fall back to ``Doc.text`` for Docs made elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "meldpunt_text"
# The only non-ASCII characters that an IGNORECASE pattern lets stand for ASCII letters
# (ı İ ſ and the Kelvin sign). Without them, a match can only start where the lower-cased
# text contains how it starts, which ``str.find`` locates far faster than a regex scans.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def doc_text(doc: Doc) -> str:
    """The text ``doc`` was made from."""
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text
