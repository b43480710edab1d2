"""The learned offer classifier: reproducible training, saving and loading, its bounded say
in the decision, and the built model being the one the labelled set trains."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy

from nlp import Analyzer
from nlp.analysis import Contact, Price
from nlp.classifier import (
    DEFAULT_DIR,
    ClassifierError,
    OfferClassifier,
    file_digest,
    train_classifier,
)
from nlp.crossval import cross_validate
from nlp.evaluate import Example
from nlp.lexicon import Lexicon
from nlp.scoring import Mention, Scorer, Weights
from nlp.taxonomy import Category

DEV_SET = Path(__file__).resolve().parents[2] / "data" / "eval" / "dev.jsonl"
_OFFERS = [
    "verse wiet binnen 10g 80 euro bezorging heel nl dm",
    "coke 1g 60 5g 250 snapchat plugnl bezorging",
    "xtc pillen 10 voor 25 euro ophalen of bezorgen",
    "fresh weed in stock 3.5g for 30 dm for the menu",
    "mdma crystals 1g 40 postage uk wide wickr only",
    "ketamine 5g 120 bezorging randstad tikkie of cash",
]
_OTHERS = [
    "politie vindt 500 kilo cocaine in de haven van rotterdam",
    "waar kan ik wiet kopen in utrecht iemand een tip",
    "police warn about fake pills sold at festivals this summer",
    "cbd olie 10 procent gratis verzending legaal in nederland",
    "the new coke zero tastes like the old one honestly",
    "jellinek tip test je pillen altijd bij een testlocatie",
]


@pytest.fixture(scope="module")
def rules(lexicon: Lexicon) -> Analyzer:
    return Analyzer(lexicon, weights=Weights(classifier=0))


def _small(rules: Analyzer, seed: int = 0) -> OfferClassifier:
    texts = _OFFERS + _OTHERS
    docs = [rules.tokens(text) for text in texts]
    labels = [True] * len(_OFFERS) + [False] * len(_OTHERS)
    return train_classifier(docs, labels, epochs=5, seed=seed, trained_on={"small": "0"})


def test_training_is_reproducible(rules: Analyzer) -> None:
    first, second = _small(rules), _small(rules)
    docs = [rules.tokens(text) for text in ("wiet 5g 50 euro dm", "politie in rotterdam")]
    assert [first.probability(d) for d in docs] == [second.probability(d) for d in docs]
    assert first.meta == second.meta
    assert first.meta["trained_on"] == {"small": "0"}
    assert first.meta["examples"] == 12 and first.meta["offers"] == 6


def test_it_learns_the_difference(rules: Analyzer) -> None:
    classifier = _small(rules)
    offer = classifier.probability(rules.tokens("verse coke 1g 60 bezorging dm"))
    news = classifier.probability(rules.tokens("politie vindt cocaine in de haven"))
    assert offer > 0.5 > news


def test_saved_and_loaded_it_scores_the_same(rules: Analyzer, tmp_path: Path) -> None:
    classifier = _small(rules)
    classifier.to_disk(tmp_path / "model")
    loaded = OfferClassifier.load(tmp_path / "model")
    doc = rules.tokens("xtc pillen 10 voor 25 euro")
    assert loaded.probability(doc) == pytest.approx(classifier.probability(doc), abs=1e-7)
    assert loaded.meta == classifier.meta


def test_training_needs_both_kinds_and_one_label_per_doc(rules: Analyzer) -> None:
    docs = [rules.tokens(text) for text in _OFFERS]
    with pytest.raises(ValueError, match="both offers and non-offers"):
        train_classifier(docs, [True] * len(docs))
    with pytest.raises(ValueError, match="as many labels"):
        train_classifier(docs, [True, False])


def test_loading_names_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(ClassifierError, match=r"no offer classifier in .*nlp train"):
        OfferClassifier.load(tmp_path)
    spacy.blank("xx").to_disk(tmp_path / "blank")
    with pytest.raises(ClassifierError, match="not an offer classifier"):
        OfferClassifier.load(tmp_path / "blank")


def test_the_built_model_was_trained_on_the_current_dev_set() -> None:
    meta = OfferClassifier.load(DEFAULT_DIR).meta
    digest = file_digest(DEV_SET.read_bytes())
    assert meta["trained_on"] == {"dev.jsonl": digest}, (
        "data/eval/dev.jsonl changed: run `make setup` (or `meldpunt nlp train`)"
    )
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    assert meta["examples"] == len(rows)


def _mention(label: str, name: str, start: int, end: int) -> Mention:
    return Mention(label, name, Category.DRUGS, False, start, end, name)


def _asked(probability: float, calls: list[float]) -> Callable[[], float]:
    def likeness() -> float:
        calls.append(probability)
        return probability

    return likeness


def test_near_the_threshold_the_classifier_moves_the_score_by_half_its_weight() -> None:
    scorer = Scorer(Weights(classifier=0.2))
    product = [_mention("PRODUCT", "cocaine", 0, 4)]
    cash = [*product, _mention("PAYMENT", "cash", 5, 9)]  # product 0.40 + payment 0.10: on the line
    plain = scorer.decide(cash, (), (), (), ())
    calls: list[float] = []
    liked = scorer.decide(cash, (), (), (), (), likeness=_asked(1.0, calls))
    disliked = scorer.decide(cash, (), (), (), (), likeness=_asked(0.0, calls))
    assert calls == [1.0, 0.0]
    assert liked.score == pytest.approx(plain.score + 0.1)
    assert disliked.score == pytest.approx(plain.score - 0.1)
    assert liked.offer and not disliked.offer
    assert "classifier: close call, reads like an offer (1.00)" in liked.reasons
    assert "classifier: close call, reads unlike an offer (0.00)" in disliked.reasons


def test_far_from_the_threshold_the_classifier_is_not_asked() -> None:
    scorer = Scorer(Weights(classifier=0.2))
    product = [_mention("PRODUCT", "cocaine", 0, 4)]
    price = [Price(50.0, "EUR", None, None, 5, 8, "€50")]
    contact = [Contact("telegram", "@plug", 9, 14)]
    calls: list[float] = []
    clear = scorer.decide(product, price, (), contact, (), likeness=_asked(0.0, calls))
    assert calls == [] and clear.offer
    assert not any(reason.startswith("classifier:") for reason in clear.reasons)


def test_an_offer_made_only_of_everyday_words_must_read_like_one() -> None:
    scorer = Scorer(Weights(classifier=0.2, everyday_gate=0.3))
    white = Mention("PRODUCT", "cocaine", Category.DRUGS, True, 0, 5, "white")
    price = [Price(8.0, "GBP", 1.0, "piece", 6, 14, "£8 each")]
    contact = [Contact("handle", "@crochet_by_jo", 15, 29)]
    calls: list[float] = []
    plain = scorer.decide([white], price, (), contact, ())
    unlike = scorer.decide([white], price, (), contact, (), likeness=_asked(0.1, calls))
    like = scorer.decide([white], price, (), contact, (), likeness=_asked(0.6, calls))
    assert calls == [0.1, 0.6]  # asked although the rules' score is far above the threshold
    assert plain.offer and like.offer and like.score == plain.score
    assert not unlike.offer
    assert "classifier: only everyday words (white), reads unlike an offer (0.10)" in unlike.reasons
    assert "classifier: only everyday words (white), reads like an offer (0.60)" in like.reasons
    # An amount in grams speaks for itself: the classifier is not asked.
    grams = [Price(60.0, "GBP", 1.0, "g", 6, 13, "1g £60")]
    assert scorer.decide([white], grams, (), contact, (), likeness=_asked(0.1, calls)).offer
    assert calls == [0.1, 0.6]


def test_the_classifier_makes_no_offer_without_a_product_or_selling() -> None:
    scorer = Scorer(Weights(classifier=1.0))
    price = [Price(50.0, "EUR", None, None, 0, 3, "€50")]
    assert not scorer.decide((), price, (), (), (), likeness=lambda: 1.0).offer
    product = [_mention("PRODUCT", "cocaine", 0, 4)]
    assert not scorer.decide(product, (), (), (), (), likeness=lambda: 1.0).offer


def test_without_weight_the_classifier_is_neither_loaded_nor_asked(rules: Analyzer) -> None:
    assert rules.classifier is None
    reasons = rules.analyze("coke 1g 60 bezorging").reasons
    assert not any(reason.startswith("classifier:") for reason in reasons)


def test_by_default_a_close_call_gives_the_classifiers_reading(analyzer: Analyzer) -> None:
    text = "Blaffer te koop, schoon, met 2 volle mags. 2500 en hij is van jou. Alleen bekenden"
    analysis = analyzer.analyze(text)
    assert analysis.offer
    assert any(r.startswith("classifier: close call, reads like") for r in analysis.reasons)


def _examples() -> list[Example]:
    offers = [Example(text, True, "drugs", "nl") for text in _OFFERS]
    others = [Example(text, False, "none", "nl") for text in _OTHERS]
    return offers + others


def test_cross_validation_decides_every_post_once_and_reproducibly(rules: Analyzer) -> None:
    first = cross_validate(rules, _examples(), folds=3, seed=1)
    second = cross_validate(rules, _examples(), folds=3, seed=1)
    assert first.overall.n == len(_OFFERS) + len(_OTHERS)
    assert first.to_dict() == second.to_dict()


@pytest.mark.parametrize("folds", [1, 13])
def test_cross_validation_needs_two_folds_at_least_and_a_post_in_each(
    rules: Analyzer, folds: int
) -> None:
    with pytest.raises(ValueError, match="folds must be from 2 to 12"):
        cross_validate(rules, _examples(), folds=folds)


def test_with_classifier_shares_the_pipelines(rules: Analyzer) -> None:
    classifier = _small(rules)
    twin = rules.with_classifier(classifier)
    assert twin.classifier is classifier and rules.classifier is None
    assert twin.pipeline("nl") is rules.pipeline("nl")
