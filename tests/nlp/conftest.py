"""Shared fixtures: one Analyzer over the repository's lexicons (building it takes seconds)."""

from __future__ import annotations

import pytest

from nlp import Analyzer, load_lexicon
from nlp.lexicon import Lexicon


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def analyzer(lexicon: Lexicon) -> Analyzer:
    return Analyzer(lexicon)
