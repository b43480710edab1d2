"""Blank spaCy pipelines with our tokenizer rules and components.

No pretrained model: ``spacy.blank(lang)`` plus three registered components
(``meldpunt_terms``, ``meldpunt_money``, ``meldpunt_contacts``). The tokenizer also splits
where sellers glue words together: ``coke/xtc``, ``xtc-pillen``, ``1g=€60``. Letters and digits
stay together (``c0ke`` must reach the term matcher whole); prices are found in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

import nlp.components  # noqa: F401  (registers the factories)
from nlp.components.money import MoneyExtractor
from nlp.components.terms import TermEntry, TermMatcher
from nlp.components.text import TEXT_KEY

LANGUAGES = ("nl", "en", "de", "fr")
# Chunks (text between spaces) whose tokens the tokenizer remembers. spaCy's default of
# 10,000 is half spent on the lexicon's own words, tokenised when the term matcher is built;
# past the limit every new chunk is split by regexes again, post after post. An entry costs
# tens of bytes.
_TOKENIZER_CACHE = 100_000

_EXTRA_INFIXES = (
    r"(?<=\S)[/|*+=~;•·](?=\S)",  # coke/xtc, 1g=€60
    r"(?<=[^\W_])[-–—](?=[^\W_])",  # xtc-pillen, 3-mmc (the same in every language)
)
# "w!et", "r!jb3w!js": an exclamation mark between letters is a leet i. The Dutch and German
# rules split it off there as punctuation (the "!" of their infix "[,!?]"), and the word would
# never reach the term matcher whole.
_PUNCTUATION_BETWEEN_LETTERS = ("[,!?]", "[,?]")
# "$peed", "$hrooms": a dollar sign before a letter is a leet s, not a currency to split off.
_DOLLAR = ("\\$", r"\$(?![^\W\d_])")


def make_pipeline(
    lang: str,
    entries: Iterable[TermEntry],
    units: Mapping[str, str],
    currencies: Mapping[str, str],
    region: str = "NL",
    *,
    other_units: Iterable[str] = (),
    lean: bool = False,
) -> Language:
    """A blank ``lang`` pipeline with our tokenizer rules and filled components.

    ``lean=True`` is how the analyser runs it: results only in ``doc.user_data`` (no Span
    objects in ``doc.spans``), and prices and contacts only for posts that name a product.
    """
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    spans = {"write_spans": not lean}
    extract = {**spans, "only_with_products": lean}
    terms = nlp.add_pipe("meldpunt_terms", config=spans)
    money = nlp.add_pipe("meldpunt_money", config=extract)
    nlp.add_pipe("meldpunt_contacts", config={"region": region, **extract})
    assert isinstance(terms, TermMatcher) and isinstance(money, MoneyExtractor)
    terms.add_entries(entries)
    money.configure(units, currencies, other_units)
    return nlp


TOKENIZER = "meldpunt.Tokenizer.v1"


class TextKeepingTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy's tokenizer that also keeps the input string on the Doc.

    ``Doc.text`` rebuilds the string from Token objects, which costs more than tokenising;
    our components read ``doc_text(doc)`` instead.
    """

    def __call__(self, text: str) -> Doc:
        doc: Doc = super().__call__(text)
        doc.user_data[TEXT_KEY] = text
        return doc


@registry.tokenizers(TOKENIZER)  # type: ignore[untyped-decorator]
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer for the language plus our infixes, without URL matching.

    Links are found by the contact extractor's own patterns; as tokens they would hide the
    words glued to them. Built in one go: changing rules afterwards reloads every exception.
    """

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        dollar, currency_only = _DOLLAR
        prefix_rules = [
            currency_only if rule == dollar else rule for rule in defaults.prefixes or ()
        ]
        prefixes = compile_prefix_regex(prefix_rules) if prefix_rules else None
        suffixes = compile_suffix_regex(defaults.suffixes) if defaults.suffixes else None
        split, kept = _PUNCTUATION_BETWEEN_LETTERS
        rules = [
            rule.replace(split, kept) if isinstance(rule, str) else rule
            for rule in defaults.infixes or ()
        ]
        infixes = compile_infix_regex([*rules, *_EXTRA_INFIXES])
        return TextKeepingTokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=prefixes.search if prefixes else None,
            suffix_search=suffixes.search if suffixes else None,
            infix_finditer=infixes.finditer,
            token_match=defaults.token_match,
            url_match=None,
            max_cache_size=_TOKENIZER_CACHE,
        )

    return make


def term_matcher(nlp: Language) -> TermMatcher:
    """The pipeline's term matcher (typed access for callers)."""
    component = nlp.get_pipe("meldpunt_terms")
    assert isinstance(component, TermMatcher)
    return component
