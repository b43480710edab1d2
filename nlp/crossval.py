"""Cross-validation of the learned classifier: honest figures on the set it learns from.

The classifier is trained on ``data/eval/dev.jsonl``, so the dev set's own figures flatter it,
and the held-out set is only for reporting. Cross-validation splits the labelled posts into
folds and decides each post with a classifier trained on the other folds only: the figure
that chooses the classifier's weight and settings without spending the held-out set.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from nlp.analysis import Analysis
from nlp.analyzer import Analyzer
from nlp.classifier import train_classifier
from nlp.evaluate import Example, Report, report
from nlp.scoring import Weights


def cross_validate(
    rules: Analyzer,
    examples: Sequence[Example],
    *,
    folds: int = 5,
    seed: int = 0,
    weights: Weights | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Evaluate ``examples``, each decided by a classifier that never saw it.

    ``rules`` gives the tokens and, sharing its pipelines, each fold's analyser (its own
    classifier is not used);
    ``weights`` are the scorer's for the folds' analysers (default: ``Weights()``). Posts are
    dealt into ``folds`` in an order shuffled with ``seed``, so the same inputs give the same
    report. ``progress`` is called with the number of each finished fold.
    """
    if not 2 <= folds <= len(examples):
        raise ValueError(f"cross_validate: folds must be from 2 to {len(examples)}, got {folds}")
    docs = [rules.tokens(example.text) for example in examples]
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)  # noqa: S311  (reproducible folds, not secrecy)
    decided: dict[int, Analysis] = {}
    for fold in range(folds):
        held = order[fold::folds]
        skipped = set(held)
        trained = [i for i in order if i not in skipped]
        classifier = train_classifier(
            [docs[i] for i in trained], [examples[i].offer for i in trained], seed=seed
        )
        analyses = rules.with_classifier(classifier, weights).analyze_many(
            examples[i].text for i in held
        )
        decided.update(zip(held, analyses, strict=True))
        if progress is not None:
            progress(fold + 1)
    return report(examples, (decided[i] for i in range(len(examples))))
