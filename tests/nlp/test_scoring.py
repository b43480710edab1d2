"""The scorer on its own: points, caps, ambiguity, negative context, categories."""

from __future__ import annotations

import pytest

from nlp.analysis import Contact, Price, Quantity
from nlp.lexicon import CTA, DELIVERY, LEGAL, NEGATIVE, PAYMENT, PRODUCT, SALES
from nlp.scoring import Mention, Scorer
from nlp.taxonomy import Category


def _m(
    label: str,
    name: str,
    start: int,
    *,
    category: Category = Category.NONE,
    ambiguous: bool = False,
    coded: bool = False,
    code: bool = False,
) -> Mention:
    return Mention(
        label, name, category, ambiguous or code, start, start + 4, name, coded=coded, code=code
    )


COKE = _m(PRODUCT, "cocaine", 0, category=Category.DRUGS)
PRICE = Price(60.0, "EUR", 1.0, "g", 10, 18, "1g €60")
CONTACT = Contact("handle", "@plug_nl", 30, 38)


def test_product_and_selling_make_an_offer() -> None:
    decision = Scorer().decide([COKE], [PRICE], [], [CONTACT], [])
    assert decision.offer and decision.score == 0.9  # 0.4 + 0.25 + 0.05 + 0.2
    assert decision.category is Category.DRUGS
    assert decision.reasons[:3] == (
        "product: cocaine",
        "price: 60 EUR per 1 g",
        "contact: @plug_nl",
    )


def test_without_a_product_there_is_no_offer() -> None:
    decision = Scorer().decide([], [PRICE], [], [CONTACT], [])
    assert not decision.offer and decision.score <= 0.45
    assert "no product offered" in decision.reasons
    assert decision.category is Category.NONE


def test_a_product_alone_is_not_an_offer() -> None:
    decision = Scorer().decide([COKE], [], [Quantity(500.0, "kg", 10, 18, "500 kilo")], [], [])
    assert not decision.offer
    assert "no sign of selling" in decision.reasons


def test_ambiguous_words_count_only_beside_selling() -> None:
    wit = _m(PRODUCT, "cocaine", 0, category=Category.DRUGS, ambiguous=True)
    far = Contact("handle", "@x_plug", 500, 507)
    assert not Scorer().decide([wit], [], [], [far], []).products
    near = Contact("handle", "@x_plug", 10, 17)
    assert Scorer().decide([wit], [], [], [near], []).products


def test_code_phrases_need_drug_talk_not_just_a_price() -> None:
    old_lady = _m(PRODUCT, "cocaine", 0, category=Category.DRUGS, code=True)
    price = Price(40.0, "GBP", None, None, 10, 13, "£40")
    assert not Scorer().decide([old_lady], [price], [], [CONTACT], []).products
    by_weight = Price(40.0, "GBP", 1.0, "g", 10, 16, "1g £40")
    assert Scorer().decide([old_lady], [by_weight], [], [CONTACT], []).products
    named = _m(PRODUCT, "cocaine", 20, category=Category.DRUGS)
    assert len(Scorer().decide([old_lady, named], [price], [], [CONTACT], []).products) == 2


def test_two_code_phrases_for_one_product_confirm_each_other() -> None:
    home_boy = _m(PRODUCT, "ghb", 0, category=Category.DRUGS, code=True)
    liquid_x = Mention(PRODUCT, "ghb", Category.DRUGS, True, 30, 38, "liquid x", code=True)
    price = Price(25.0, "EUR", None, None, 10, 13, "25")
    assert not Scorer().decide([home_boy], [price], [], [CONTACT], []).products
    assert Scorer().decide([home_boy, liquid_x], [price], [], [CONTACT], []).products


def test_everyday_senses_block_ambiguous_words() -> None:
    ice = _m(PRODUCT, "methamphetamine", 0, category=Category.DRUGS, ambiguous=True)
    cream = _m(LEGAL, "food and ice cream", 5)
    price = Price(3.0, "EUR", None, None, 12, 14, "€3")
    assert not Scorer().decide([ice, cream], [price], [], [], []).products


def test_a_legal_word_with_a_class_blocks_only_that_class() -> None:
    logs = _m(PRODUCT, "account logs", 0, category=Category.STOLEN_DATA, ambiguous=True)
    cookies = _m(LEGAL, "food and ice cream", 5, category=Category.DRUGS)
    price = Price(60.0, "USD", None, None, 12, 14, "$60")
    assert Scorer().decide([logs, cookies], [price], [], [], []).products
    ice = _m(PRODUCT, "methamphetamine", 0, category=Category.DRUGS, ambiguous=True)
    assert not Scorer().decide([ice, cookies], [price], [], [], []).products


def test_emoji_codes_count_beside_selling_but_not_beside_a_contact_alone() -> None:
    snow = _m(PRODUCT, "cocaine", 0, category=Category.DRUGS, ambiguous=True, coded=True)
    assert not Scorer().decide([snow], [], [], [], []).products
    handle = Contact("handle", "@some_bot", 10, 19)  # spam decorates its handles with 💎
    assert not Scorer().decide([snow], [], [], [handle], []).products
    far = Price(39.0, "EUR", None, None, 300, 303, "39€")
    assert not Scorer().decide([snow], [far], [], [handle], []).products
    price = Price(39.0, "EUR", None, None, 6, 9, "39€")
    assert Scorer().decide([snow], [price], [], [handle], []).products
    # With only codes and everyday words, the classifier has the last word: a winter sale.
    sale = Scorer().decide([snow], [price], [], [handle], [], likeness=lambda: 0.05)
    assert sale.products and not sale.offer


def test_negative_context_takes_points_off() -> None:
    police = _m(NEGATIVE, "police or court", 40)
    arrested = Mention(NEGATIVE, "police or court", Category.NONE, False, 50, 58, "arrested")
    plain = Scorer().decide([COKE], [PRICE], [], [], [])
    news = Scorer().decide([COKE, police, arrested], [PRICE], [], [], [])
    assert news.score < plain.score
    assert not news.offer
    assert any(r.startswith("against: police or court") for r in news.reasons)


def test_negative_context_comes_off_a_score_of_at_most_one() -> None:
    # A warning quoting a whole advert: however much the quote shows, the warning counts.
    words = [
        COKE,
        _m(SALES, "quality", 8),
        _m(DELIVERY, "post", 20),
        _m(PAYMENT, "bitcoin", 26),
        _m(NEGATIVE, "warning", 60),
        _m(NEGATIVE, "scam complaint", 70),
    ]
    decision = Scorer().decide(words, [PRICE], [], [CONTACT], [])
    # 1.3 points of evidence count as 1.0; minus 0.25 (warning) and 0.4 (scam complaint).
    assert not decision.offer and decision.score == 0.35, decision.reasons


def test_legal_words_inside_sales_phrases_do_not_count() -> None:
    passport = _m(PRODUCT, "passports", 0, category=Category.DOCUMENTS, ambiguous=True)
    promise = Mention(
        SALES, "forgery", Category.NONE, False, 10, 40, "geregistreerd bij de gemeente"
    )
    town_hall = Mention(LEGAL, "legal statement", Category.NONE, False, 32, 40, "gemeente")
    decision = Scorer().decide([passport, promise, town_hall], [PRICE], [], [CONTACT], [])
    assert decision.offer and "against: legal statement" not in decision.reasons


def test_negative_words_inside_sales_phrases_do_not_count() -> None:
    reship = Mention(SALES, "dealer", Category.NONE, False, 40, 56, "reship if seized")
    seized = Mention(NEGATIVE, "police or court", Category.NONE, False, 50, 56, "seized")
    decision = Scorer().decide([COKE, reship, seized], [PRICE], [], [], [])
    assert decision.offer
    assert not any(r.startswith("against") for r in decision.reasons)


def test_legal_sellers_lower_the_score() -> None:
    cbd = _m(LEGAL, "cbd", 20)
    assert Scorer().decide([COKE, cbd], [PRICE], [], [], []).score < 1.0


def test_document_words_count_beside_selling_when_the_post_reads_like_an_offer() -> None:
    passport = _m(PRODUCT, "passports", 0, category=Category.DOCUMENTS, ambiguous=True)
    assert not Scorer().decide([passport], [], [], [], []).products
    fee = Price(900.0, "GBP", None, None, 10, 14, "£900")
    seller = Scorer().decide([passport], [fee], [], [CONTACT], [], likeness=lambda: 0.9)
    assert seller.offer and seller.category is Category.DOCUMENTS
    # A passport office's fees: the same words, read as no offer.
    office = Scorer().decide([passport], [fee], [], [CONTACT], [], likeness=lambda: 0.1)
    assert not office.offer


def test_a_mixed_menu_of_drugs_and_medicines_is_drugs() -> None:
    xanax = _m(PRODUCT, "alprazolam", 5, category=Category.MEDICINES)
    oxy = _m(PRODUCT, "oxycodone", 10, category=Category.MEDICINES)
    assert Scorer().decide([COKE, xanax, oxy], [PRICE], [], [], []).category is Category.DRUGS
    assert Scorer().decide([xanax, oxy], [PRICE], [], [], []).category is Category.MEDICINES


def test_delivery_and_cta_are_reported() -> None:
    mentions = [COKE, _m(DELIVERY, "delivery", 10), _m(CTA, "message", 20)]
    decision = Scorer().decide(mentions, [], [], [], [])
    assert decision.offer
    assert decision.delivery == ("delivery",)


def test_negative_words_inside_product_words_do_not_count() -> None:
    pages = Mention(PRODUCT, "phishing kits", Category.STOLEN_DATA, False, 0, 10, "scam pages")
    scam = Mention(NEGATIVE, "scam complaint", Category.NONE, False, 0, 4, "scam")
    decision = Scorer().decide([pages, scam], [PRICE], [], [CONTACT], [])
    assert decision.offer
    assert not any(r.startswith("against") for r in decision.reasons)


def _request(start: int, question: int | None) -> Mention:
    return Mention(
        NEGATIVE,
        "asking to buy",
        Category.NONE,
        False,
        start,
        start + 11,
        "looking for",
        question=question,
    )


def _drug(name: str, start: int) -> Mention:
    return Mention(PRODUCT, name, Category.DRUGS, False, start, start + 4, name)


@pytest.mark.parametrize(
    ("case", "mentions", "contacts", "asking"),
    [
        # "Looking for a plug? ... weed, coke ... delivery": the advert answers its question.
        (
            "answered",
            [
                _request(0, 27),
                _drug("cannabis", 40),
                _drug("cocaine", 50),
                _m(DELIVERY, "post", 60),
            ],
            [],
            False,
        ),
        (
            "sales talk answers too",
            [_request(0, 27), _drug("cannabis", 40), _drug("cocaine", 50), _m(SALES, "stock", 60)],
            [],
            False,
        ),
        # Buyers give a contact and payment, but no delivery or stock of their own.
        (
            "buyer with a contact",
            [_request(0, 27), _drug("cannabis", 40), _drug("cocaine", 50)],
            [CONTACT],
            True,
        ),
        # "Anyone selling weed or coke? ... delivery": the products are inside the question.
        (
            "products in the question",
            [
                _request(0, 27),
                _drug("cannabis", 12),
                _drug("cocaine", 20),
                _m(DELIVERY, "post", 60),
            ],
            [],
            True,
        ),
        # "Looking for weed and coke, delivery to my hotel": no question at all.
        (
            "no question",
            [
                _request(0, None),
                _drug("cannabis", 12),
                _drug("cocaine", 20),
                _m(DELIVERY, "post", 60),
            ],
            [],
            True,
        ),
        (
            "one product",
            [_request(0, 27), _drug("cannabis", 40), _m(DELIVERY, "post", 60)],
            [],
            True,
        ),
        (
            "delivery only before the question",
            [
                _m(DELIVERY, "post", 0),
                _request(10, 27),
                _drug("cannabis", 40),
                _drug("cocaine", 50),
            ],
            [],
            True,
        ),
    ],
)
def test_a_rhetorical_looking_for_is_not_a_request(
    case: str, mentions: list[Mention], contacts: list[Contact], asking: bool
) -> None:
    decision = Scorer().decide(mentions, [], [], contacts, [])
    assert any(r.startswith("against: asking to buy") for r in decision.reasons) is asking, case


def test_selling_words_inside_negative_phrases_do_not_count() -> None:
    request = Mention(NEGATIVE, "asking to buy", Category.NONE, False, 0, 14, "anyone selling")
    selling = Mention(SALES, "for sale", Category.NONE, False, 7, 14, "selling")
    decision = Scorer().decide([request, selling, COKE], [], [], [CONTACT], [])
    assert not any(r.startswith("sales talk") for r in decision.reasons)
    alone = Scorer().decide([selling, COKE], [], [], [CONTACT], [])
    assert "sales talk: selling" in alone.reasons


def test_street_weights_are_amounts_of_drugs() -> None:
    # An ambiguous word beside its everyday sense still counts beside a price per zip or qp.
    ice = _m(PRODUCT, "methamphetamine", 0, category=Category.DRUGS, ambiguous=True)
    cream = _m(LEGAL, "food and ice cream", 5)
    for unit in ("half oz", "quarter oz", "qp", "teener"):
        zip_price = Price(180.0, "EUR", 1.0, unit, 12, 20, "unit 180")
        assert Scorer().decide([ice, cream], [zip_price], [], [], []).products, unit


def test_a_request_without_price_or_delivery_weighs_double() -> None:
    weed = _m(PRODUCT, "cannabis", 20, category=Category.DRUGS)
    coke = _m(PRODUCT, "cocaine", 30, category=Category.DRUGS)
    asking = _m(NEGATIVE, "asking to buy", 0)
    cash = _m(PAYMENT, "cash", 40)
    buyer = Scorer().decide([asking, weed, coke, cash], [], [], [CONTACT], [])
    assert not buyer.offer  # a contact and cash is what buyers give too
    delivered = _m(DELIVERY, "delivery", 50)
    seller = Scorer().decide([asking, weed, coke, cash, delivered], [], [], [CONTACT], [])
    assert seller.score > buyer.score + 0.4


def test_a_price_per_kilo_does_not_outweigh_an_everyday_sense() -> None:
    dabs = _m(PRODUCT, "hashish", 6, category=Category.DRUGS, ambiguous=True)
    fish = _m(LEGAL, "food and ice cream", 16)
    per_kilo = Price(6.0, "GBP", 1.0, "kg", 40, 50, "£6 a kilo")
    assert not Scorer().decide([dabs, fish], [per_kilo], [], [], []).products
    per_gram = Price(6.0, "GBP", 1.0, "g", 40, 50, "£6 a gram")
    assert Scorer().decide([dabs, fish], [per_gram], [], [], []).products
