"""``Analyzer``: the loaded pipelines, and ``analyze`` / ``analyze_many`` on top of them.

Per post: bound the size (first 64 KiB), normalise against evasion (keeping an offset map),
detect the language, run the blank spaCy pipeline for that language with our components, map
every span back onto the original text, and let the scorer decide. Construct one Analyzer
and pass it around: building the matchers takes a moment, analysing does not.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from nlp.analysis import Analysis
from nlp.classifier import DEFAULT_DIR as DEFAULT_CLASSIFIER
from nlp.classifier import OfferClassifier
from nlp.components.terms import TermEntry, TermMatcher
from nlp.confusables import is_lookalike_script
from nlp.langid import UNDETERMINED, LanguageDetector
from nlp.lexicon import NEGATIVE, PRODUCT, EmojiCode, Lexicon, Term, load_lexicon
from nlp.normalize import Normalized, Normalizer
from nlp.pipeline import LANGUAGES, make_pipeline, term_matcher
from nlp.reading import EMOJI_SOURCE, Reading, read_doc
from nlp.scoring import Decision, Scorer, Weights

MAX_BYTES = 64 * 1024
DEFAULT_BATCH = 256
_FALLBACK = "en"
_REGIONS = {"nl": "NL", "en": "GB", "de": "DE", "fr": "FR"}
_ANY_LANGUAGE = "xx"  # spaCy's code for terms used in every language
_NOTHING: frozenset[int] = frozenset()


class Analyzer:
    """Holds the normaliser, language detector, pipelines, classifier and scorer.

    ``lexicon`` defaults to the repository's ``data/lexicons`` (or ``lexicon_dir``);
    ``region`` is the country for phone numbers written without +code (by default the
    post's language decides: nl NL, en GB, de DE, fr FR). ``classifier`` defaults to the
    trained one in ``data/models/offer_classifier``; with ``Weights(classifier=0)`` none is
    loaded or consulted and the rules decide alone.
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        *,
        lexicon_dir: Path | None = None,
        region: str | None = None,
        weights: Weights | None = None,
        classifier: OfferClassifier | None = None,
    ) -> None:
        self.lexicon = lexicon or load_lexicon(lexicon_dir)
        self._decide_with(weights, classifier)
        self.region = region
        folder = self._normalizer = Normalizer()
        entries = [_entry(term, folder.fold_term(term.text)) for term in self.lexicon.terms]
        self._negative_langs = _negative_langs(self.lexicon.terms, entries)
        self._tagged = frozenset(lang for langs in self._negative_langs.values() for lang in langs)
        self._foreign: dict[str, frozenset[int]] = {}
        entries += [_emoji_entry(code, folder.fold_term(code.emoji)) for code in self.lexicon.emoji]
        # One phrase of one kind keeps one meaning: the least ambiguous one wins (AK-47 the
        # rifle over AK-47 the DEA slang for a synthetic cannabinoid; our "oxy" that needs a
        # sales context over the DEA's code word "Oxy" that needs drug talk).
        entries.sort(key=lambda entry: (entry.ambiguous, entry.code))
        self._detector = LanguageDetector(
            _detectable(folder, self.lexicon.stopwords), _detectable(folder, self.lexicon.hints)
        )
        self._entries = entries
        # Built on first use: spaCy's French tokenizer alone takes seconds to compile.
        self._pipelines: dict[str, Language] = {}
        self._steps: dict[str, list[Callable[[Any], Doc]]] = {}
        self._matchers: dict[str, TermMatcher] = {}

    def with_classifier(
        self, classifier: OfferClassifier, weights: Weights | None = None
    ) -> Analyzer:
        """This analyser asking ``classifier`` where the rules need it (and the scorer's
        ``weights``), sharing its lexicon and pipelines: building those takes seconds."""
        twin = copy.copy(self)
        twin._decide_with(weights, classifier)
        return twin

    def _decide_with(self, weights: Weights | None, classifier: OfferClassifier | None) -> None:
        self._scorer = Scorer(weights)
        self._weights = weights
        if self._scorer.weights.classifier <= 0:
            classifier = None
        elif classifier is None:
            classifier = OfferClassifier.load(DEFAULT_CLASSIFIER)
        self.classifier = classifier

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages with their own pipeline."""
        return LANGUAGES

    def pipeline(self, lang: str) -> Language:
        """The spaCy pipeline used for ``lang`` (English rules for anything unknown)."""
        key = lang if lang in LANGUAGES else _FALLBACK
        pipeline = self._pipelines.get(key)
        if pipeline is None:
            lexicon = self.lexicon
            pipeline = make_pipeline(
                key,
                self._entries,
                lexicon.units,
                lexicon.currencies,
                self.region or _REGIONS.get(key, "NL"),
                other_units=lexicon.other_units,
                lean=True,
            )
            self._pipelines[key] = pipeline
            self._steps[key] = [pipeline.tokenizer, *(proc for _, proc in pipeline.pipeline)]
        return pipeline

    def tokens(self, text: str, lang: str | None = None) -> Doc:
        """The post's tokens as the analyser reads them (normalised, tokenised for its
        language), without the components: what the classifier learns from."""
        _, _, normalised, detected = self._prepare(text, lang)
        tokenizer: Any = self.pipeline(detected).tokenizer  # typed as a plain callable
        doc: Doc = tokenizer(normalised.text)
        return doc

    def analyze(self, text: str, lang: str | None = None) -> Analysis:
        """Analyse one post. ``lang`` skips language detection when given.

        >>> analyzer.analyze("XTC 10 pillen €25, bezorging heel NL").offer
        True
        """
        original, truncated, normalised, detected = self._prepare(text, lang)
        key = detected if detected in LANGUAGES else _FALLBACK
        steps = self._steps.get(key)
        if steps is None:
            self.pipeline(key)
            steps = self._steps[key]
        # The pipeline's steps called directly: Language.__call__ adds checks we do not need.
        doc: Any = normalised.text
        for step in steps:
            doc = step(doc)
        return self._finish(original, truncated, normalised, detected, doc)

    def analyze_many(
        self,
        texts: Iterable[str],
        *,
        n_process: int = 1,
        batch_size: int = DEFAULT_BATCH,
    ) -> Iterator[Analysis]:
        """Analyse many posts in order, batching through ``nlp.pipe``.

        With ``n_process > 1`` batches are spread over worker processes, each of which builds
        its own Analyzer from the same lexicon.
        """
        if batch_size < 1 or n_process < 1:
            raise ValueError("analyze_many: batch_size and n_process must be at least 1")
        batches = _batches(texts, batch_size)
        if n_process == 1:
            for batch in batches:
                yield from self._analyze_batch(batch)
            return
        with ProcessPoolExecutor(
            n_process,
            initializer=_start_worker,
            initargs=(self.lexicon, self.region, self._weights, self.classifier),
        ) as pool:
            for results in pool.map(_work, batches):
                yield from results

    def _analyze_batch(self, texts: list[str]) -> list[Analysis]:
        """Each step over the whole batch before the next (warm caches, see
        ``nlp.components.batching``); spaCy's ``pipe`` per language."""
        prepared = [self._prepare(text, None) for text in texts]
        by_lang: dict[str, list[int]] = {}
        for index, item in enumerate(prepared):
            by_lang.setdefault(item[3], []).append(index)
        docs: dict[int, Doc] = {}
        for lang, indexes in by_lang.items():
            stream = [prepared[i][2].text for i in indexes]
            processed = self.pipeline(lang).pipe(stream, batch_size=len(stream))
            docs.update(zip(indexes, processed, strict=True))
        readings = [
            read_doc(docs[i], original, normalised, self._terms(lang), self._foreign_terms(lang))
            for i, (original, _, normalised, lang) in enumerate(prepared)
        ]
        decisions = [self._decide(reading, docs[i]) for i, reading in enumerate(readings)]
        return [
            reading.analysis(item[3], decision, item[1])
            for reading, decision, item in zip(readings, decisions, prepared, strict=True)
        ]

    def _prepare(self, text: str, lang: str | None) -> tuple[str, bool, Normalized, str]:
        if not isinstance(text, str):
            raise TypeError(f"analyze() needs a str, got {type(text).__name__}")
        if lang is not None and not isinstance(lang, str):
            raise TypeError(f"analyze() needs lang as str or None, got {type(lang).__name__}")
        original, truncated = _bound(text)
        normalised = self._normalizer(original)
        detected = lang.lower() if lang else self._detector.detect(normalised.text, original)
        return original, truncated, normalised, detected

    def _finish(
        self, original: str, truncated: bool, normalised: Normalized, lang: str, doc: Doc
    ) -> Analysis:
        reading = read_doc(doc, original, normalised, self._terms(lang), self._foreign_terms(lang))
        return reading.analysis(lang, self._decide(reading, doc), truncated)

    def _decide(self, reading: Reading, doc: Doc) -> Decision:
        classifier = self.classifier
        return self._scorer.decide(
            reading.mentions,
            reading.prices,
            reading.quantities,
            reading.contacts,
            reading.evasions,
            None if classifier is None else partial(classifier.probability, doc),
        )

    def _foreign_terms(self, lang: str) -> frozenset[int]:
        """Match ids of negative words that do not count in a post in ``lang``.

        Negative context is language-bound ("hof" is a court in Dutch, a yard in German), so a
        negative term counts only in the languages it is tagged with. Posts in a language no
        negative term is tagged with (undetermined, Russian) keep every term.
        """
        if lang not in self._tagged:
            return _NOTHING  # also keeps the cache bounded: ``lang`` may come from the caller
        found = self._foreign.get(lang)
        if found is None:
            langs = self._negative_langs
            found = frozenset(
                get_string_id(key)
                for key, tagged in langs.items()
                if lang not in tagged and _ANY_LANGUAGE not in tagged
            )
            self._foreign[lang] = found
        return found

    def _terms(self, lang: str) -> TermMatcher:
        key = lang if lang in LANGUAGES else _FALLBACK
        found = self._matchers.get(key)
        if found is None:
            found = self._matchers[key] = term_matcher(self.pipeline(key))
        return found


def _detectable(
    folder: Normalizer, words: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Each language's ``words`` as posts show them after folding, less those folding into
    Latin letters.

    Russian "на", "а", "то" fold to "ha", "a", "to" (their letters look Latin): left in, they
    would count every English "a" and "to" as Russian.
    """
    found: dict[str, frozenset[str]] = {}
    for lang, listed in words.items():
        folded = ((word, folder.fold_term(word)) for word in listed)
        found[lang] = frozenset(
            seen
            for word, seen in folded
            if not (seen.isascii() and any(map(is_lookalike_script, word)))
        )
    return found


def _entry(term: Term, phrase: str) -> TermEntry:
    return TermEntry(
        label=term.label,
        phrase=phrase,
        name=term.name,
        category=term.category.value,
        ambiguous=term.ambiguous,
        source=term.source,
        code=term.code,
    )


def _negative_langs(terms: Iterable[Term], entries: Iterable[TermEntry]) -> dict[str, set[str]]:
    """The languages of each negative phrase, by entry key (a phrase listed twice gets both)."""
    langs: dict[str, set[str]] = {}
    for term, entry in zip(terms, entries, strict=True):
        if entry.label == NEGATIVE:
            langs.setdefault(entry.key, set()).update(term.langs)
    return langs


def _emoji_entry(code: EmojiCode, phrase: str) -> TermEntry:
    return TermEntry(
        label=code.label,
        phrase=phrase,
        name=code.name,
        category=code.category.value,
        ambiguous=code.label == PRODUCT,
        source=EMOJI_SOURCE,
    )


def _bound(text: str) -> tuple[str, bool]:
    """The longest prefix of ``text`` that fits in 64 KiB of UTF-8, and whether it was cut."""
    if len(text) <= MAX_BYTES // 4:
        return text, False

    def size(chars: int) -> int:
        return len(text[:chars].encode("utf-8", "surrogatepass"))

    if size(len(text)) <= MAX_BYTES:
        return text, False
    low, high = 0, min(len(text), MAX_BYTES)  # size(low) fits, size(high + 1) does not
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if size(middle) <= MAX_BYTES else (low, middle - 1)
    return text[:low], True


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(texts)
    while batch := list(islice(iterator, size)):
        yield batch


_worker: Analyzer | None = None


def _start_worker(
    lexicon: Lexicon,
    region: str | None,
    weights: Weights | None,
    classifier: OfferClassifier | None,
) -> None:
    global _worker  # one Analyzer per worker process, built once
    _worker = Analyzer(lexicon, region=region, weights=weights, classifier=classifier)


def _work(batch: list[str]) -> list[Analysis]:
    if _worker is None:
        raise RuntimeError("analyze_many worker was not started")
    return _worker._analyze_batch(batch)


__all__ = ["MAX_BYTES", "UNDETERMINED", "Analyzer"]
