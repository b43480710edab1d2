"""Our spaCy components. Importing this package registers their factories with spaCy."""

from nlp.components.contacts import ContactExtractor
from nlp.components.money import MoneyExtractor
from nlp.components.terms import TermMatcher

__all__ = ["ContactExtractor", "MoneyExtractor", "TermMatcher"]
