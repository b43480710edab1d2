"""``meldpunt_terms``: finds lexicon terms (products, payment, delivery...) in a Doc.

A PhraseMatcher over token norms of the normalised, lower-cased text. Word-level evasion is
undone here, guided by the lexicon's own words so nothing else changes:

- token norms: ``c0ke`` -> ``coke``, ``w33d`` -> ``weed``, ``m.d.m.a`` -> ``mdma``,
  ``10xtc`` -> ``xtc`` (computed once per word type, when spaCy first sees it), and Dutch
  and Flemish diminutives of lexicon words: ``diazepammetjes`` -> ``diazepam``;
- spaced letters: ``c o k e``, ``c-0-k-e``, ``🅲🅾🅺🅴`` (single-character tokens in a row).

Results, at character offsets of the Doc's text: ``doc.user_data["meldpunt_terms"]`` holds
``[match id, start, end]`` per match (``entry_by_id`` gives the entry: kind, canonical name,
class, ambiguity, source) and ``doc.user_data["meldpunt_evasion"]`` holds ``[kind, start,
end]`` for undone evasion (``leetspeak``, ``spaced_letters``). With ``write_spans`` (the
default) the same also goes to ``doc.spans["meldpunt_terms"]`` (label = kind, ``kb_id_`` =
canonical name, ``id_`` = entry key) and ``doc.spans["meldpunt_evasion"]``; the analyser
turns that off, since building Span objects costs more than matching.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.attrs import NORM
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from nlp.components.batching import pipe_in_batches
from nlp.components.text import doc_text

SPANS_KEY = "meldpunt_terms"
EVASION_KEY = "meldpunt_evasion"
DATA_KEY = "meldpunt_terms"
EVASION_DATA_KEY = "meldpunt_evasion"
PRODUCTS_KEY = "meldpunt_products"  # [start, end, class] of product matches, for later steps
LEETSPEAK = "leetspeak"
SPACED_LETTERS = "spaced_letters"
_FILE = "terms.json"

_LEET = (
    str.maketrans("0134578@$!|€¢©®¡", "oieastbasileccri"),
    str.maketrans("0134578@$!|€¢©®¡", "oleastbaslleccri"),
)
_SEPARATORS = re.compile(r"(?<=\w)[.\-_*·•|/+~](?=\w)")
_STRETCHED = re.compile(r"(\w)\1{2,}")
_GLUED_NUMBER = re.compile(r"\d{1,5}([a-z]{3,})|([a-z]{3,})\d{1,5}")
_SINGLE = [*"abcdefghijklmnopqrstuvwxyz0123456789", "@", "$", "!", "|"]
_SPACERS = [".", "-", "_", "*", "·", "•", "|", "/", "+", "~"]
_LETTER_KEY = "meldpunt:letter"
_MIN_WORD = 3
# Dutch diminutive endings, longest first, and the Flemish ones with their Dutch forms.
_DIMINUTIVES = ("etjes", "etje", "tjes", "pjes", "kjes", "tje", "pje", "kje", "jes", "je")
_FLEMISH = (("kes", "jes"), ("ke", "je"))
_MIN_STEM = 4  # shorter stems turn everyday words into slang: "make" is no "maje"
_MAX_SPACED = 12
_MAX_RUNS = 20
_MAX_STARS = 100
_MIN_SPELLED = 4  # single letters in a row that spell something out, found in the lexicon or not


@dataclass(frozen=True, slots=True)
class TermEntry:
    """What the component knows about one phrase of one kind."""

    label: str
    phrase: str
    name: str
    category: str
    ambiguous: bool
    source: str
    code: bool = False  # a code phrase of everyday words (``nlp.lexicon.Term.code``)

    @property
    def key(self) -> str:
        """Unique per kind and phrase; stored as the span's ``id_``."""
        return f"{self.label}|{self.phrase}"


class TokenNorms:
    """spaCy's NORM getter for our pipelines: lexicon words behind leet, glued numbers,
    diminutives and letters held for emphasis.

    Runs once per word type. Plain words keep their (already lower-cased) form.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words = frozenset(words)

    def __call__(self, text: str) -> str:
        if len(text) == 2 and text[1] == "." and text[0].isalpha():
            return text[0].lower()  # "c o k e.": the tokenizer keeps an initial's full stop
        return self.fold(text) or self.base(text) or self.unstretched(text) or text.lower()

    def unstretched(self, text: str) -> str | None:
        """The lexicon word behind letters held for emphasis: ``wieeeet`` -> ``wiet``,
        ``weeeeed`` -> ``weed``; else None. Runs of three or more become one or two."""
        if not text.isalpha() or _STRETCHED.search(text) is None:
            return None
        for candidate in (_STRETCHED.sub(r"\1", text), _STRETCHED.sub(r"\1\1", text)):
            if candidate in self.words:
                return candidate
        return None

    def base(self, text: str) -> str | None:
        """The lexicon word behind a Dutch or Flemish diminutive: ``diazepammetjes`` ->
        ``diazepam``, ``briefkes`` -> ``briefjes``; else None. Not evasion: plain grammar."""
        if not text.isalpha() or text in self.words:
            return None
        for suffix, replacement in _FLEMISH:
            stem = text[: -len(suffix)]
            if (
                text.endswith(suffix)
                and len(stem) >= _MIN_STEM
                and stem + replacement in self.words
            ):
                return stem + replacement
        for suffix in _DIMINUTIVES:
            stem = text[: -len(suffix)]
            if text.endswith(suffix) and len(stem) >= _MIN_STEM:
                if stem in self.words:
                    return stem
                if stem[-1] == stem[-2] and stem[:-1] in self.words:  # pil-letjes, diazepam-metjes
                    return stem[:-1]
        return None

    def fold(self, text: str) -> str | None:
        """The lexicon word ``text`` spells, when it is not written plainly; else None."""
        if text.isalpha() or len(text) < _MIN_WORD or text in self.words:
            return None
        folded = self.unleet(_SEPARATORS.sub("", text))
        if folded is not None:
            return folded
        glued = _GLUED_NUMBER.fullmatch(text)
        if glued is not None:
            letters = glued.group(1) or glued.group(2)
            if letters in self.words:
                return letters
        return None

    def unleet(self, text: str) -> str | None:
        """``text`` itself or with leet characters read as letters, if that is a word."""
        for candidate in (text, *(text.translate(table) for table in _LEET)):
            if candidate in self.words:
                return candidate
        return None


class TermMatcher:
    """Matches lexicon phrases; serialisable with ``to_disk``/``from_disk``."""

    def __init__(
        self, nlp: Language, name: str = "meldpunt_terms", write_spans: bool = True
    ) -> None:
        self.name = name
        self.write_spans = write_spans
        self._nlp = nlp
        self._norms = TokenNorms()
        self._matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self._entries: dict[str, TermEntry] = {}
        self._single: dict[str, TermEntry] = {}
        # match id -> (entry, label hash, name hash): spans built from hashes are cheaper.
        self._by_id: dict[int, tuple[TermEntry, int, int]] = {}
        # match id -> (phrase, class) of product entries: what each match needs at hand.
        self._products: dict[int, tuple[str, str]] = {}
        self._letter_id = nlp.vocab.strings.add(_LETTER_KEY)
        self._spacer_ids = frozenset(nlp.vocab.strings.add(c) for c in _SPACERS)

    def add_entries(self, entries: Iterable[TermEntry]) -> None:
        """Add phrases; the first entry for a kind and phrase wins (files load in order)."""
        new: list[TermEntry] = []
        for entry in entries:
            if entry.key in self._entries or not entry.phrase.strip():
                continue
            self._entries[entry.key] = entry
            new.append(entry)
            if " " not in entry.phrase and len(entry.phrase) >= _MIN_WORD:
                current = self._single.get(entry.phrase)
                if current is None or (current.label != "PRODUCT" and entry.label == "PRODUCT"):
                    self._single[entry.phrase] = entry
        # Norms must know every word before any pattern or post is tokenized.
        # The words of multi-word phrases too, so "n1ne m1l" reads as "nine mil".
        self._norms = TokenNorms(
            word
            for known in self._entries.values()
            for word in known.phrase.split()
            if len(word) >= _MIN_WORD
        )
        vocab: Any = self._nlp.vocab  # spaCy's stubs do not declare lex_attr_getters
        getters = dict(vocab.lex_attr_getters)  # a copy: never touch spaCy's defaults
        getters[NORM] = self._norms
        vocab.lex_attr_getters = getters
        # Words the vocabulary already holds (the tokenizer's exceptions, such as the initial
        # "e." in "c o k e.") got their norm before this getter: they get it again.
        for lexeme in vocab:
            lexeme.norm_ = self._norms(lexeme.orth_)
        strings = self._nlp.vocab.strings
        docs = self._tokenize([entry.phrase for entry in new])
        for entry, doc in zip(new, docs, strict=True):
            # One key per entry: the match id names the entry, no lookup by text needed.
            forms = [doc]
            if " " in entry.phrase:
                words = [
                    w for token in doc for w in (token.text, "-")[: 2 if token.whitespace_ else 1]
                ]
                forms.append(Doc(self._nlp.vocab, words=words, spaces=[False] * len(words)))
            self._matcher.add(entry.key, forms)
            match_id = strings.add(entry.key)
            self._by_id[match_id] = (entry, strings.add(entry.label), strings.add(entry.name))
            if entry.label == "PRODUCT":
                self._products[match_id] = (entry.phrase, entry.category)
        # Single letters and digits too: runs of them are words spelled out ("c o k e").
        if _LETTER_KEY not in self._matcher:
            self._matcher.add(_LETTER_KEY, list(self._tokenize(_SINGLE)))

    def _tokenize(self, phrases: Iterable[str]) -> Iterable[Doc]:
        tokenizer: Any = self._nlp.tokenizer  # typed as a plain callable by spaCy
        return tokenizer.pipe(phrases)  # type: ignore[no-any-return]

    def entry(self, key: str) -> TermEntry | None:
        """The entry behind a span's ``id_``."""
        return self._entries.get(key)

    def entry_by_id(self, match_id: int) -> TermEntry | None:
        """The entry behind a match id in ``doc.user_data["meldpunt_terms"]``."""
        found = self._by_id.get(match_id)
        return found[0] if found else None

    def __len__(self) -> int:
        return len(self._entries)

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process ``stream`` a batch at a time (see ``nlp.components.batching``)."""
        return pipe_in_batches(self, stream, batch_size)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        products = self._products
        letter_id = self._letter_id
        terms: list[list[int]] = []  # [match id, start char, end char]
        found: list[tuple[int, int, int]] = []  # [match id, start token, end token]
        product_spans: list[list[Any]] = []
        evasions: list[list[Any]] = []  # [kind, start char, end char, start token, end token]
        folded: set[int] = set()  # tokens recorded as folded
        letters: list[int] = []
        for match_id, start, end in self._matcher(doc):
            if match_id == letter_id:
                letters.append(start)
                continue
            last = doc[end - 1]
            first_char = last.idx if end - start == 1 else doc[start].idx
            end_char = last.idx + len(last)
            terms.append([match_id, first_char, end_char])
            found.append((match_id, start, end))
            product = products.get(match_id)
            if product is not None:
                product_spans.append([first_char, end_char, product[1]])
                if text[first_char:end_char] != product[0]:
                    self._folded_tokens(doc, start, end, evasions, folded)
        spelled: list[tuple[TermEntry, Token, Token]] = []
        if len(letters) >= _MIN_WORD:
            runs = self._letter_runs(doc, letters)[:_MAX_RUNS]
            for start, end in runs:
                if end - start <= 2 * _MAX_SPACED:  # longer runs are noise, not a word
                    spelled += self._spelled_out(doc, start, end)
            spelling = _spelling_tokens(doc, runs, spelled)
            if spelling:
                _drop_letters(doc, spelling, terms, found, product_spans)
        if "*" in text:
            spelled += self._starred(doc)
        strings = self._nlp.vocab.strings
        for entry, first, last in spelled:
            first_char, end_char = first.idx, last.idx + len(last)
            match_id = strings[entry.key]
            terms.append([match_id, first_char, end_char])
            found.append((match_id, first.i, last.i + 1))
            if entry.label == "PRODUCT":
                product_spans.append([first_char, end_char, entry.category])
            evasions.append([SPACED_LETTERS, first_char, end_char, first.i, last.i + 1])
        data = doc.user_data
        data[DATA_KEY] = terms
        data[PRODUCTS_KEY] = product_spans
        data[EVASION_DATA_KEY] = [e[:3] for e in evasions] if evasions else []
        if self.write_spans:
            by_id = self._by_id
            doc.spans[SPANS_KEY] = [
                Span(doc, s, e, label=by_id[m][1], kb_id=by_id[m][2], span_id=m)
                for m, s, e in found
            ]
            doc.spans[EVASION_KEY] = [Span(doc, s, e, label=k) for k, _, _, s, e in evasions]
        return doc

    def _folded_tokens(
        self, doc: Doc, start: int, end: int, evasions: list[list[Any]], seen: set[int]
    ) -> None:
        """Record tokens of a product match that only matched after folding, once each
        (``seen``: their indexes, a set, as a post may hold thousands)."""
        for token in doc[start:end]:
            if token.i in seen or token.norm_ == token.orth_ or not self._norms.fold(token.orth_):
                continue
            seen.add(token.i)
            kind = SPACED_LETTERS if _SEPARATORS.search(token.orth_) else LEETSPEAK
            evasions.append([kind, token.idx, token.idx + len(token), token.i, token.i + 1])

    def _letter_runs(self, doc: Doc, letters: list[int]) -> list[tuple[int, int]]:
        """Token ranges of 3+ single letters or digits, one spacer (. - *) allowed between."""
        runs: list[tuple[int, int]] = []
        first = last = letters[0]
        count = 1
        for index in letters[1:]:
            if index == last + 1 or (index == last + 2 and doc[last + 1].norm in self._spacer_ids):
                last, count = index, count + 1
                continue
            if count >= _MIN_WORD:
                runs.append((first, last + 1))
            first = last = index
            count = 1
        if count >= _MIN_WORD:
            runs.append((first, last + 1))
        return runs

    def _spelled_out(self, doc: Doc, start: int, end: int) -> list[tuple[TermEntry, Token, Token]]:
        """Known words spelled letter by letter in ``doc[start:end]``, longest first, with
        their first and last letter."""
        letters = [t for t in doc[start:end] if t.norm_ in _SINGLE]
        spelled = []
        i = 0
        while i <= len(letters) - _MIN_WORD:
            for j in range(min(len(letters), i + _MAX_SPACED), i + _MIN_WORD - 1, -1):
                entry = self._spelled_word("".join(t.norm_ for t in letters[i:j]))
                if entry is not None:
                    spelled.append((entry, letters[i], letters[j - 1]))
                    i = j
                    break
            else:
                i += 1
        return spelled

    def _starred(self, doc: Doc) -> list[tuple[TermEntry, Token, Token]]:
        """Known words with a star put in them against filters: ``co*ke``, ``xa*nax``. The
        tokenizer splits at a star (as it must in ``1g*€60``), so the halves are joined here."""
        spelled = []
        stars = (t for t in doc if t.orth_ == "*" and not t.whitespace_)
        for star in islice(stars, _MAX_STARS):
            i = star.i
            if i == 0 or i + 1 >= len(doc) or doc[i - 1].whitespace_:
                continue
            left, right = doc[i - 1], doc[i + 1]
            if left.orth_[-1].isalnum() and right.orth_[0].isalnum():
                entry = self._spelled_word(left.lower_ + right.lower_)
                if entry is not None:
                    spelled.append((entry, left, right))
        return spelled

    def _spelled_word(self, word: str) -> TermEntry | None:
        """The single-word entry ``word`` spells, leet read as letters. A bar is a leet l or
        i, or spaces the letters: between them ("c|o|k|e") it is read both ways."""
        entry = self._single.get(word) or self._single.get(self._norms.unleet(word) or "")
        if entry is None and "|" in word[1:-1] and not (word.startswith("|") or word.endswith("|")):
            return self._spelled_word(word.replace("|", ""))
        return entry

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the entries as JSON; the matchers are rebuilt from them on load."""
        directory = ensure_path(path)
        directory.mkdir(parents=True, exist_ok=True)
        rows = [asdict(entry) for entry in self._entries.values()]
        (directory / _FILE).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> TermMatcher:
        """Load entries written by ``to_disk``."""
        rows: list[dict[str, Any]] = json.loads(
            (ensure_path(path) / _FILE).read_text(encoding="utf-8")
        )
        self._matcher = PhraseMatcher(self._nlp.vocab, attr="NORM")
        self._entries = {}
        self._single = {}
        self._by_id = {}
        self._products = {}
        self.add_entries(TermEntry(**row) for row in rows)
        return self


def _spelling_tokens(
    doc: Doc, runs: list[tuple[int, int]], spelled: list[tuple[TermEntry, Token, Token]]
) -> set[int]:
    """Tokens that are letters of a word spelled out: those of a spelled-out term, and all of
    a run of four or more single letters ("e x a m e n"), though no term was found in it."""
    tokens: set[int] = set()
    for start, end in runs:
        if sum(1 for token in doc[start:end] if token.is_alpha) >= _MIN_SPELLED:
            tokens.update(range(start, end))
    for _, first, last in spelled:
        tokens.update(range(first.i, last.i + 1))
    return tokens


def _drop_letters(
    doc: Doc,
    spelling: set[int],
    terms: list[list[int]],
    found: list[tuple[int, int, int]],
    product_spans: list[list[Any]],
) -> None:
    """Drop the one-letter terms (K, X, E) that are letters of a spelled-out word: the "e" of
    "c o k e" is no ecstasy."""
    dropped = {
        index
        for index, (_, start, end) in enumerate(found)
        if end - start == 1 and start in spelling and len(doc[start]) == 1
    }
    if not dropped:
        return
    spans = {(terms[index][1], terms[index][2]) for index in dropped}
    terms[:] = [term for index, term in enumerate(terms) if index not in dropped]
    found[:] = [match for index, match in enumerate(found) if index not in dropped]
    product_spans[:] = [span for span in product_spans if (span[0], span[1]) not in spans]


@Language.factory("meldpunt_terms", default_config={"write_spans": True})
def make_term_matcher(nlp: Language, name: str, write_spans: bool) -> TermMatcher:
    """Factory: an empty matcher; fill it with ``add_entries`` or ``from_disk``."""
    return TermMatcher(nlp, name, write_spans)
