"""The learned half of the offer decision: a spaCy text categoriser over the analyser's tokens.

The rules find products, prices and contacts and explain every point they give; what no rule
names, they miss. A bag-of-words text categoriser (spaCy's ``textcat`` with the
``TextCatBOW`` architecture: single words and pairs of words, hashed, in one linear layer)
learns from the labelled set how offers and the posts that look like them read. Its
probability moves the rules' score by a bounded amount (``Weights.classifier``), so the rules
keep the final say on what a post offers and why.

It reads the tokens the analyser reads (normalised text, the pipeline's tokenizer for the
post's language), so training and use see the same words. Trained reproducibly from data in
the repository (``meldpunt nlp train``: fixed seed, fixed order, no pretrained vectors) and
loaded offline from ``data/models/offer_classifier``.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import fix_random_seed

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "data" / "models" / "offer_classifier"
OFFER = "OFFER"
OTHER = "OTHER"
META_KEY = "meldpunt"  # our entry in the model's meta.json: what it was trained on, and how
_COMPONENT = "textcat"
_MODEL = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**18,
}
_BATCH = 16
_DROPOUT = 0.2


class ClassifierError(ValueError):
    """The classifier directory is missing or does not hold a trained offer classifier."""


class OfferClassifier:
    """How much a tokenised post reads like the offers it learned (0 to 1)."""

    def __init__(self, pipeline: Language) -> None:
        component = pipeline.get_pipe(_COMPONENT) if _COMPONENT in pipeline.pipe_names else None
        if not isinstance(component, TextCategorizer) or OFFER not in component.labels:
            raise ClassifierError(f"not an offer classifier: no {_COMPONENT} with {OFFER}")
        self._pipeline = pipeline
        self._textcat = component
        self._offer = component.labels.index(OFFER)

    @classmethod
    def load(cls, path: Path) -> OfferClassifier:
        """Load a classifier saved by ``to_disk`` (offline: it has no vectors or references)."""
        if not (path / "config.cfg").is_file():
            raise ClassifierError(f"no offer classifier in {path} (run: meldpunt nlp train)")
        try:
            return cls(spacy.load(path))
        except (OSError, ValueError) as error:
            raise ClassifierError(f"cannot load the offer classifier in {path}: {error}") from None

    @property
    def meta(self) -> dict[str, Any]:
        """What it was trained on (``trained_on``: file name to SHA-256), and how."""
        found = self._pipeline.meta.get(META_KEY, {})
        return dict(found) if isinstance(found, dict) else {}

    def probability(self, doc: Doc) -> float:
        """The probability that ``doc`` is an offer. Works on any pipeline's Doc: the model
        reads hashed token texts, which do not depend on the vocabulary."""
        scores = self._textcat.predict([doc])
        return float(scores[0][self._offer])

    def to_disk(self, path: Path) -> None:
        """Save to ``path`` (a directory, created or replaced file by file)."""
        self._pipeline.to_disk(path)


def train_classifier(
    docs: Sequence[Doc],
    offers: Sequence[bool],
    *,
    epochs: int = 12,
    seed: int = 0,
    trained_on: dict[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> OfferClassifier:
    """Train on ``docs`` labelled offer or not; the same inputs and seed give the same model.

    ``trained_on`` is recorded in the model's meta (file name to SHA-256 of its bytes), so a
    test can tell when the labelled set changed and the model was not trained again.
    ``progress`` is called with the number of each finished epoch.
    """
    if len(docs) != len(offers):
        raise ValueError("train_classifier: as many labels as docs are needed")
    if not (any(offers) and not all(offers)):
        raise ValueError("train_classifier: the examples need both offers and non-offers")
    fix_random_seed(seed)
    pipeline = spacy.blank("xx")
    pipeline.add_pipe(_COMPONENT, config={"model": _MODEL})
    examples = [
        Example(_retokenised(pipeline, doc), _retokenised(pipeline, doc))
        for doc in docs  # the same words in the classifier's own vocabulary
    ]
    for example, offer in zip(examples, offers, strict=True):
        example.reference.cats = {OFFER: float(offer), OTHER: float(not offer)}
    optimizer = pipeline.initialize(lambda: examples)
    order = random.Random(seed)  # noqa: S311  (reproducible shuffling, not secrecy)
    for epoch in range(1, epochs + 1):
        order.shuffle(examples)
        for first in range(0, len(examples), _BATCH):
            pipeline.update(examples[first : first + _BATCH], sgd=optimizer, drop=_DROPOUT)
        if progress is not None:
            progress(epoch)
    pipeline.meta[META_KEY] = {
        "trained_on": dict(trained_on or {}),
        "examples": len(examples),
        "offers": sum(map(bool, offers)),
        "epochs": epochs,
        "seed": seed,
        "model": dict(_MODEL),
    }
    return OfferClassifier(pipeline)


def file_digest(data: bytes) -> str:
    """The SHA-256 recorded for a training file in the model's meta."""
    return hashlib.sha256(data).hexdigest()


def _retokenised(pipeline: Language, doc: Doc) -> Doc:
    words = [token.text for token in doc]
    spaces = [bool(token.whitespace_) for token in doc]
    return Doc(pipeline.vocab, words=words, spaces=spaces)
