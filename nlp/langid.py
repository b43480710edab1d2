"""Which language a post is in, from function words, without downloading anything.

Each language has a list of frequent function words that the other languages do not use
(``data/lexicons/languages.yaml``). The language whose words occur most wins; ties are broken
by letters only one language uses (ß, ij, ç...). Adverts are often bare lists ("Wiet, hasj,
pillen, bezorging Eindhoven"), so a post without function words is judged by hint words
instead: the trade's content words of each language (bezorging, delivery, Lieferung). Posts
without evidence get ``und``. Dutch and English sellers mix languages freely, so this only
chooses the tokenizer, the negative words that count and the report field: every post is
matched against the whole multilingual lexicon anyway.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

UNDETERMINED = "und"
_MAX_CHARS = 1000
# Function words are looked up as split by whitespace, also with punctuation stuck to them.
_STUCK = (",", ".", "!", "?", ":", ";", ")")
# Letters (in the original, unnormalised text) that point at one language.
_LETTER_HINTS = (
    ("de", re.compile(r"[ßäöü]")),
    ("fr", re.compile(r"[çèêàùœ]|\b(?:l|d|j|qu|c|n)'[a-zàâéèêîôû]")),
    ("nl", re.compile(r"ij|\b(?:'t|'s|z'n|m'n)\b")),
)
# Posts written mostly in Cyrillic are Russian: after folding, their look-alike letters read
# as Latin ("то" as "to"), so their function words cannot be counted against the others.
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z]")
_RUSSIAN = "ru"


class LanguageDetector:
    """Guesses nl/en/de/fr (or ``und``) from the stopwords it is given."""

    def __init__(
        self,
        stopwords: Mapping[str, frozenset[str]],
        hints: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self._table = _lookup(stopwords)
        self._hints = _lookup(hints or {})
        self.languages = tuple(stopwords)

    def detect(self, normalised: str, original: str = "") -> str:
        """The language of ``normalised`` text; ``original`` helps break ties."""
        if _RUSSIAN in self.languages and _mostly_cyrillic(original):
            return _RUSSIAN
        words = _latin_words(normalised, original)
        ranked = _ranked(self._table, words) or _ranked(self._hints, words)
        if not ranked:
            return self._by_letters(original) or UNDETERMINED
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            hint = self._by_letters(original)
            if hint in (ranked[0][0], ranked[1][0]):
                return hint
        return ranked[0][0]

    @staticmethod
    def _by_letters(original: str) -> str | None:
        sample = original[:_MAX_CHARS].lower()
        for lang, pattern in _LETTER_HINTS:
            if pattern.search(sample):
                return lang
        return None


def _lookup(words: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Each word, also as written with punctuation stuck to it, to its language."""
    table: dict[str, str] = {}
    for lang, listed in words.items():
        for word in listed:
            for written in (word, *(word + mark for mark in _STUCK), "(" + word):
                table.setdefault(written, lang)
    return table


def _ranked(table: Mapping[str, str], words: list[str]) -> list[tuple[str, int]]:
    """Languages with their number of ``words`` in ``table``, most first (a tie: first seen)."""
    found = list(filter(None, map(table.get, words)))
    if not found:
        return []
    if found.count(found[0]) == len(found):
        return [(found[0], len(found))]  # most posts: one language's words, or none
    return Counter(found).most_common()


def _latin_words(normalised: str, original: str) -> list[str]:
    """The words of ``normalised`` to count, less those written in Cyrillic in the original
    (a "по" hidden in a Dutch post folds to "no", which is no English word there)."""
    words = normalised[:_MAX_CHARS].split()
    if original.isascii() or _CYRILLIC.search(original, 0, _MAX_CHARS) is None:
        return words  # most posts
    written = original[:_MAX_CHARS].split()
    if len(written) != len(words):
        return words  # normalising changed the spacing: no word-by-word view
    return [word for word, raw in zip(words, written, strict=True) if not _CYRILLIC.search(raw)]


def _mostly_cyrillic(original: str) -> bool:
    """More Cyrillic than Latin letters in the first part of the post."""
    sample = original[:_MAX_CHARS]
    if sample.isascii() or _CYRILLIC.search(sample) is None:
        return False  # most posts: no Cyrillic at all
    return len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample))
