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
from typing import TYPE_CHECKING, Any

from nlp.analysis import Analysis, Contact, Price, Product, Quantity, Signal, TextSpan
from nlp.lexicon import Lexicon, LexiconError, load_lexicon
from nlp.taxonomy import Category, DsaClass, dsa_class

if TYPE_CHECKING:
    from nlp.analyzer import MAX_BYTES, Analyzer


def __getattr__(name: str) -> Any:
    # spaCy takes over a second to import: only code that analyses pays for it, not every
    # user of the taxonomy (and not every `meldpunt --help`).
    if name in ("Analyzer", "MAX_BYTES"):
        from nlp import analyzer

        return getattr(analyzer, name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")


@cache
def default_analyzer() -> Analyzer:
    """The shared Analyzer over the repository's lexicons, built once on first use."""
    from nlp.analyzer import Analyzer

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
