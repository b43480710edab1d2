"""Undo the character tricks sellers use to get past word filters, keeping an offset map.

Character by character, only where the text is not plain ASCII: NFKD, lower case, combining
marks and format characters (zero-width and friends) removed, control characters to spaces,
look-alike letters folded to Latin (Cyrillic/Greek homoglyphs, small capitals, circled,
fullwidth and mathematical letters). Very long runs of symbols get spaces, which keeps the
tokenizer linear on hostile input. Pure-ASCII text (most posts) only gets lower-cased, with
an identity offset map.

Word-level tricks are undone on tokens, by the term matcher: leetspeak (``c0ke``) through
token norms and spaced or dotted letters (``c o k e``, ``M.D.M.A``) through a token pattern,
both guided by the lexicon so ``3-MMC`` and ``@plug420`` stay as they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nlp.confusables import (
    FANCY_LETTERS,
    HOMOGLYPH,
    LOOKALIKE_SCRIPTS,
    build_fold_table,
    is_lookalike_script,
)
from nlp.offsets import OffsetMap

ZERO_WIDTH = "zero_width"
COMBINING_MARKS = "combining_marks"
MIXED_SCRIPT = "mixed_script"

# ASCII control characters become spaces; the length never changes.
_ASCII_TABLE = {i: " " for i in [*range(0, 9), 11, 12, *range(14, 32), 127]}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# What ``_fold_ascii`` does, as one translate table (the start of the whole-text table).
_ASCII_FOLD = {**{i: chr(i + 32) for i in range(ord("A"), ord("Z") + 1)}, **_ASCII_TABLE}

_LONG_RUN = re.compile(r"\S{100,}")
_SYMBOL_PAIR = re.compile(r"(?<=[^\w\s])(?=[^\w\s])")
# Variation selectors and the keycap mark belong to emoji, not to evasion.
_SILENT = frozenset([*map(chr, range(0xFE00, 0xFE10)), "\u20e3"])
# What folds to nothing without being a trick: the above and lone surrogates (category Cs).
_SILENT_RUN = re.compile("[\ufe00-\ufe0f\u20e3\ud800-\udfff]+")
_MAX_CACHE = 50_000
_LONG = 100
_MAX_WORD = 64
_DELETIONS = frozenset({ZERO_WIDTH, COMBINING_MARKS})
_MIXED = re.compile(rf"[a-zA-Z][{LOOKALIKE_SCRIPTS}]|[{LOOKALIKE_SCRIPTS}][a-zA-Z]")
_LOOKALIKE = re.compile(rf"[{LOOKALIKE_SCRIPTS}]")  # one scan, cheaper than _MIXED's two
_MAX_MIXED = 32
_MAX_EVENTS = 128


@dataclass(slots=True)
class Evasion:
    """One evasion trick seen in the post, at original offsets."""

    kind: str
    start: int
    end: int


@dataclass(slots=True)
class Normalized:
    """The normalised text, its map back to the original and the tricks that were undone."""

    text: str
    offsets: OffsetMap
    evasions: tuple[Evasion, ...]


@dataclass(slots=True)
class _Edit:
    start: int
    end: int
    replacement: str


class _UnknownCharacter(Exception):
    """A character the plain table does not know yet (raised out of ``str.translate``)."""


class _PlainTable(dict[int, str]):
    """Every character known to fold to one character, or to none without being a trick
    (emoji variation selectors), all of ASCII included, mapped to what it folds to.

    Identity entries are there on purpose: ``str.translate`` is several times faster when
    every lookup hits. A character not in the table stops the translation, so the
    normaliser can take the careful path.
    """

    def __missing__(self, key: int) -> str:
        raise _UnknownCharacter


class Normalizer:
    """Normalises posts, caching how each character folds (bounded)."""

    def __init__(self) -> None:
        self._fold_table = build_fold_table()
        self._cache: dict[str, tuple[str, str | None]] = {}
        # Characters known to fold to exactly one character, and the table doing it.
        self._one_to_one: set[str] = set()
        self._table: dict[int, str] = {}
        self._plain = _PlainTable({i: chr(i) for i in range(128)})
        self._plain.update(_ASCII_FOLD)

    def fold_term(self, term: str) -> str:
        """Character-level normalisation only: how lexicon entries are compared to posts."""
        text, _, _, _ = self._fold_characters(term)
        return " ".join(text.split())

    def __call__(self, text: str) -> Normalized:
        """Normalise ``text``; every offset in the result maps back through ``offsets``."""
        folded, starts, ends, events = self._fold_characters(text)
        offsets = OffsetMap(len(text), starts, ends)
        evasions = self._character_evasions(text, events) if events else []
        if not text.isascii():
            evasions.extend(_mixed_scripts(text))
        if len(folded) >= _LONG and _LONG_RUN.search(folded):
            folded, offsets = self._split_long_runs(folded, offsets)
        return Normalized(folded, offsets, tuple(evasions))

    # -- pass 1: characters -------------------------------------------------------------

    def _fold_char(self, char: str) -> tuple[str, str | None]:
        cached = self._cache.get(char)
        if cached is not None:
            return cached
        result = self._fold_uncached(char)
        if len(self._cache) < _MAX_CACHE:
            self._cache[char] = result
            if len(result[0]) == 1:
                self._one_to_one.add(char)
                self._plain[ord(char)] = result[0]
                if result[0] != char:
                    self._table[ord(char)] = result[0]
            elif result == ("", None):
                self._plain[ord(char)] = ""
        return result

    def _fold_uncached(self, char: str) -> tuple[str, str | None]:
        category = unicodedata.category(char)
        if char in _SILENT or category == "Cs":
            return "", None
        if category == "Cf":
            return "", ZERO_WIDTH
        if category in ("Mn", "Me"):
            return "", COMBINING_MARKS
        if category == "Cc" or category == "Zs":
            return " ", None
        if category in ("Zl", "Zp"):
            return "\n", None
        direct = self._fold_table.get(char) or self._fold_table.get(char.lower())
        if direct is not None:
            return direct
        decomposed = unicodedata.normalize("NFKD", char)
        kind = FANCY_LETTERS if decomposed != unicodedata.normalize("NFD", char) else None
        out = []
        for part in decomposed.lower():
            if unicodedata.category(part) in ("Mn", "Me", "Cf"):
                continue
            folded = self._fold_table.get(part)
            out.append(folded[0] if folded else part)
        result = "".join(out)
        if kind is not None and not any(c.isalpha() for c in result):
            kind = None  # ½, ™ and friends are not disguised letters
        return result, kind

    def _fold_characters(
        self, text: str
    ) -> tuple[str, list[int] | None, list[int] | None, list[tuple[str, int]]]:
        """The folded text, where each of its characters came from (``None``: the same
        place; ends ``None``: one character each) and the tricks seen."""
        if text.isascii():
            return _fold_ascii(text), None, None, []
        try:  # characters seen before, none of them a trick: one call at C speed
            folded = text.translate(self._plain)
        except _UnknownCharacter:
            pass
        else:
            if len(folded) == len(text):
                return folded, None, None, []
            return folded, _kept_positions(text), None, []
        parts: list[str] = []
        events: list[tuple[str, int]] = []
        same_length = True
        position = 0
        for match in _NON_ASCII_RUN.finditer(text):
            first, last = match.span()
            if first > position:
                parts.append(_fold_ascii(text[position:first]))
            run = match.group()
            if self._one_to_one.issuperset(run):
                parts.append(run.translate(self._table))  # the common case, at C speed
            else:
                for index in range(first, last):
                    replacement, kind = self._fold_char(text[index])
                    parts.append(replacement)
                    same_length = same_length and len(replacement) == 1
                    if kind in _DELETIONS:
                        events.append((kind, index))
            position = last
        if position < len(text):
            parts.append(_fold_ascii(text[position:]))
        folded = "".join(parts)
        if same_length:
            return folded, None, None, events
        starts, ends = self._positions(text)
        return folded, starts, ends, events

    def _positions(self, text: str) -> tuple[list[int], list[int]]:
        """For each character of the folded text, where in ``text`` it came from."""
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        one_to_one = self._one_to_one
        fold = self._fold_char
        for match in _NON_ASCII_RUN.finditer(text):
            run = match.group()
            if one_to_one.issuperset(run):
                continue  # character for character, like the ASCII around it
            first, last = match.span()
            starts.extend(range(position, first))
            ends.extend(range(position + 1, first + 1))
            for index, char in enumerate(run, first):
                width = 1 if char in one_to_one else len(fold(char)[0])
                if width == 1:
                    starts.append(index)
                    ends.append(index + 1)
                elif width:
                    starts.extend([index] * width)
                    ends.extend([index + 1] * width)
            position = last
        starts.extend(range(position, len(text)))
        ends.extend(range(position + 1, len(text) + 1))
        return starts, ends

    def _character_evasions(self, text: str, events: list[tuple[str, int]]) -> list[Evasion]:
        """Zero-width and combining characters inside words, merged per word."""
        found: list[Evasion] = []
        covered: dict[str, int] = {}
        for kind, index in events[:_MAX_EVENTS]:
            if index < covered.get(kind, 0):
                continue  # this word was looked at already
            start, end = _word_around(text, index)
            covered[kind] = end
            if start == index or (kind == ZERO_WIDTH and end == index + 1):
                continue  # joiners between emoji, marks at word edges: normal text
            if found and found[-1].kind == kind and start <= found[-1].end:
                start = found.pop().start
            found.append(Evasion(kind, start, end))
        return found

    # -- long runs ----------------------------------------------------------------

    @staticmethod
    def _split_long_runs(text: str, offsets: OffsetMap) -> tuple[str, OffsetMap]:
        """A space between adjacent symbols inside runs of 100+ non-space characters."""
        edits = [
            _Edit(match.start() + gap.start(), match.start() + gap.start(), " ")
            for match in _LONG_RUN.finditer(text)
            for gap in _SYMBOL_PAIR.finditer(match.group())
        ]
        return _apply(text, offsets, edits)


def _apply(text: str, offsets: OffsetMap, edits: list[_Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping ``edits`` (in order) and compose the offset map."""
    if not edits:
        return text, offsets
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for edit in edits:
        parts.append(text[position : edit.start])
        starts.extend(range(position, edit.start))
        ends.extend(range(position + 1, edit.start + 1))
        parts.append(edit.replacement)
        starts.extend([edit.start] * len(edit.replacement))
        ends.extend([max(edit.end, edit.start)] * len(edit.replacement))
        position = edit.end
    parts.append(text[position:])
    starts.extend(range(position, len(text)))
    ends.extend(range(position + 1, len(text) + 1))
    return "".join(parts), offsets.then(starts, ends)


def _mixed_scripts(text: str) -> list[Evasion]:
    """Words that mix Latin with Cyrillic or Greek letters (``cоke`` with a Cyrillic о)."""
    found: list[Evasion] = []
    if _LOOKALIKE.search(text) is None:
        return found
    for index, match in enumerate(_MIXED.finditer(text)):
        if index >= _MAX_MIXED:
            break
        start, end = _word_around(text, match.start())
        if not found or start >= found[-1].end:
            found.append(Evasion(MIXED_SCRIPT, start, end))
    return found


def evasion_kind(written: str) -> str | None:
    """How a matched term was disguised, judged from its original characters."""
    if written.isascii():
        return None
    if any(is_lookalike_script(c) for c in written):
        latin = any("a" <= c.lower() <= "z" for c in written)
        return MIXED_SCRIPT if latin else HOMOGLYPH
    if any(unicodedata.category(c) in ("Cf",) for c in written):
        return ZERO_WIDTH
    if any(unicodedata.category(c) in ("Mn", "Me") for c in written):
        return COMBINING_MARKS
    for char in written:
        if char.isalpha() and unicodedata.normalize("NFKD", char) != unicodedata.normalize(
            "NFD", char
        ):
            return FANCY_LETTERS
        if unicodedata.name(char, "").startswith(("LATIN LETTER SMALL CAPITAL", "NEGATIVE ")):
            return FANCY_LETTERS
    return None


def _kept_positions(text: str) -> list[int]:
    """Where each character left after deleting the silent ones stood in ``text``."""
    starts: list[int] = []
    position = 0
    for match in _SILENT_RUN.finditer(text):
        starts.extend(range(position, match.start()))
        position = match.end()
    starts.extend(range(position, len(text)))
    return starts


def _fold_ascii(text: str) -> str:
    """Lower case; control characters to spaces (same length, so offsets stay)."""
    lowered = text.lower()
    if _CONTROL.search(lowered):
        return lowered.translate(_ASCII_TABLE)
    return lowered


def _word_around(text: str, index: int) -> tuple[int, int]:
    """The letters (and format characters) around ``index``, at most ``_MAX_WORD`` each way."""
    start = index
    while start > 0 and index - start < _MAX_WORD and _in_word(text[start - 1]):
        start -= 1
    end = index + 1
    while end < len(text) and end - index < _MAX_WORD and _in_word(text[end]):
        end += 1
    return start, end


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) in ("Cf", "Mn", "Me")
