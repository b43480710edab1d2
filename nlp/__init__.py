"""Text analysis of Telegram posts: is this an offer of an illegal product, and of what?

Pure: no I/O beyond loading its own lexicons, no imports of our other packages.

    >>> import nlp
    >>> result = nlp.analyze("XTC 10 pillen €25, bezorging heel NL, dm @plugNL")
    >>> result.offer, result.category.value
    (True, 'drugs')

Callers that analyse a lot construct one ``Analyzer`` and pass it around; ``analyze`` and
``analyze_many`` here use a default one, built on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from nlp.analysis import Analysis, Contact, Price, Product, Quantity, Signal, TextSpan
from nlp.analyzer import MAX_BYTES, Analyzer
from nlp.lexicon import Lexicon, LexiconError, load_lexicon
from nlp.taxonomy import Category, DsaClass, dsa_class


@cache
def default_analyzer() -> Analyzer:
    """The shared Analyzer over the repository's lexicons, built once on first use."""
    return Analyzer()


def analyze(text: str, lang: str | None = None) -> Analysis:
    """Analyse one post with the default Analyzer (see ``Analyzer.analyze``)."""
    return default_analyzer().analyze(text, lang)


def analyze_many(
    texts: Iterable[str], *, n_process: int = 1, batch_size: int = 256
) -> Iterator[Analysis]:
    """Analyse many posts in order with the default Analyzer (see ``Analyzer.analyze_many``)."""
    return default_analyzer().analyze_many(texts, n_process=n_process, batch_size=batch_size)


__all__ = [
    "MAX_BYTES",
    "Analysis",
    "Analyzer",
    "Category",
    "Contact",
    "DsaClass",
    "Lexicon",
    "LexiconError",
    "Price",
    "Product",
    "Quantity",
    "Signal",
    "TextSpan",
    "analyze",
    "analyze_many",
    "default_analyzer",
    "dsa_class",
    "load_lexicon",
]
