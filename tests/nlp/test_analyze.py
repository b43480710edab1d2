"""``analyze`` end to end: the offer decision, the fields, offsets, hostile input."""

from __future__ import annotations

import json

import pytest

import nlp
from nlp import Analyzer
from nlp.taxonomy import Category, dsa_class

EXAMPLE = "COKE/XTC * 1Gram = €50 * 5Gram = €230 bezorging heel NL @plugNL"
KEYS = {
    "offer",
    "score",
    "category",
    "dsa_category",
    "lang",
    "products",
    "prices",
    "contacts",
    "payment",
    "delivery",
    "signals",
    "spans",
    "reasons",
}


def test_the_example_offer(analyzer: Analyzer) -> None:
    result = analyzer.analyze(EXAMPLE)
    assert result.offer and result.score >= 0.5
    assert result.category is Category.DRUGS
    assert {p.name for p in result.products} == {"cocaine", "mdma"}
    assert [(p.amount, p.currency, p.quantity, p.unit) for p in result.prices] == [
        (50.0, "EUR", 1.0, "g"),
        (230.0, "EUR", 5.0, "g"),
    ]
    assert [(c.kind, c.value) for c in result.contacts] == [("handle", "@plugNL")]
    assert "delivery" in result.delivery and "nationwide" in result.delivery
    assert result.reasons[0] == "product: cocaine, mdma"
    assert "price: 50 EUR per 1 g; 230 EUR per 5 g" in result.reasons


def test_to_dict_is_json_with_the_promised_keys(analyzer: Analyzer) -> None:
    data = json.loads(json.dumps(analyzer.analyze(EXAMPLE).to_dict()))
    assert set(data) >= KEYS
    assert data["category"] == "drugs"
    assert (data["prices"][0]["amount"], data["prices"][0]["currency"]) == (50.0, "EUR")
    assert {"label", "start", "end", "text"} <= set(data["spans"][0])


def test_dsa_fields_follow_the_taxonomy(analyzer: Analyzer) -> None:
    result = analyzer.analyze("Glock 19 te koop, munitie erbij. Wickr: guns_nl")
    assert result.category is Category.WEAPONS
    expected = dsa_class(Category.WEAPONS)
    assert (result.dsa_category, result.dsa_keyword) == (expected.category, expected.keyword)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Verse wiet binnen! 1g 10 / 5g 45. Bezorging Amsterdam, dm @greenplug", "drugs"),
        ("Fresh weed and hash, 10 a gram, delivery all over London, text 07911 123456", "drugs"),
        ("Xanax 2mg 100 stuks €150, zonder recept, verzending heel NL", "medicines"),
        ("Fake passports and ID cards for sale, registered. Contact @docs_pro", "documents"),
        (
            "Valse biljetten van 50, gaan overal door. 1000 voor 300, verzending heel NL",
            "counterfeit_money",
        ),
        (
            "Fresh CVV dumps with pin, fullz and bank logs. BTC only. t.me/carder_shop",
            "stolen_data",
        ),
        ("Cobra 6 en nitraat te koop, levering heel Brabant, app 06-12345678", "fireworks"),
        ("Taser en pepperspray te koop, discreet verzonden, dm @safe_nl", "weapons"),
        ("GPS jammers voor in de auto, €150, verzending heel NL, dm @jam_nl", "other_illegal"),
        ("Kokain und Ecstasy, 1g 70€, Lieferung in ganz Berlin, schreib mir @schnee_b", "drugs"),
        ("Cocaïne de qualité, 1g 80€, livraison rapide à Paris, contactez @neige_paris", "drugs"),
        # Sellers borrow the words of pharmacies, labs and disclaimers; none makes them legal.
        (
            "Prescription meds in stock: Xanax 2mg, Valium 10mg, oxy 80. DM for prices, UK post",
            "medicines",
        ),
        ("Pharmacy grade Xanax 2mg €3 per pill, bezorging heel NL, dm @pharmaplug", "medicines"),
        (
            "We don't sell cut coke, only pure 90% 1g €70, bezorging Rotterdam, snap: purecoke010",
            "drugs",
        ),
        ("Test E 250mg/ml, GMP certified lab, 10ml vial €45, EU shipping, t.me/gainz_lab", "drugs"),
        ("bag of ching 40, grams only, Royal Mail tracked, text me", "drugs"),  # British slang
        ("Vallies 10mg 100 for £50, next day tracked, telegram @uk_meds_direct", "medicines"),
        ("Percs 30 $25 each, 10 for $200, Atlanta drop, text 404-555-0199", "medicines"),
        ("Oxy 30s £20 each, tracked post, dm", "medicines"),
        ("Clean fakes, Bank of England £20s, 1000 face for 250, tracked post", "counterfeit_money"),
        (
            "Bad paper, 100s and 50s that get past the pen at the gas station, $1k face for $250",
            "counterfeit_money",
        ),
    ],
)
def test_offers_of_every_class(analyzer: Analyzer, text: str, category: str) -> None:
    result = analyzer.analyze(text)
    assert result.offer, result.reasons
    assert result.category.value == category


@pytest.mark.parametrize(
    "text",
    [
        "Politie vindt 500 kilo cocaïne in een container in de haven, twee verdachten aangehouden",
        "Jellinek waarschuwt: XTC-pillen met een hoge dosis MDMA in omloop. Laat je drugs testen!",
        "Waar kan ik in Utrecht wiet kopen? Weet iemand een betrouwbaar adres?",
        "Gezocht: iemand die wiet kan leveren in Zwolle, dm me",
        "Schnee in den Alpen: Skipass 60€ pro Tag, Lieferung der Ausrüstung möglich",
        # Spam decorates its handles with emoji that are also codes.
        "New AI bot finds any photo 💎 ➡️ @photo_finder_bot ➡️ @photo_finder_bot",
        "Coca cola 1,5L €2,50 en Coke Zero, bezorging door heel Utrecht",
        "Ice cream 2 scoops €3, delivery in 30 minutes",
        "Internet speed test: 500 mbps glasvezel voor €40 per maand",
        "Magic truffels bestellen, legaal in Nederland, verzending heel NL, €15",
        "Vuurwerk pakket categorie F2, 50 euro, ophalen in de winkel vanaf 28 december",
        "Got scammed by a vendor on Telegram, sent €150 in BTC for weed and got blocked.",
        "Invest $500 and earn $5000 in 3 days! contact @investpro",
        "Hoi allemaal, morgen gaan we met de hele familie naar het strand.",
        # Marketplace posts with the DEA's code phrases in their everyday sense.
        "Salt and pepper chicken wings £6.50, delivery till 2am, order on the app",
        "One pot pasta kit for two, €12, delivered to your door, order now",
        "Old lady selling her sewing machine, £40 collection only, text me",
        "Baby powder and wipes bundle, €8, pickup Utrecht, app me",
        # Buy-and-sell groups: street words in their everyday sense.
        "Crystal glasses set of 6, €25, ophalen Haarlem",
        "Blow dryer Dyson, €200, ophalen Den Haag, dm",
        "Crack repair for your windscreen, €50, we come to you, call 0612345678",
        "Molly the cat needs a new home, free to good home, Rotterdam, dm",
        "Our shop sells genuine UK driving licence holders and wallets, £5, free postage",
    ],
)
def test_non_offers(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)
    assert not result.offer, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Foraging walk, £30 per person. Not a magic mushroom hunt, sorry lads.",
        "Vuurwerkwinkel open! F2 siervuurwerk €25, geen cobra's, bestel in de shop.",
    ],
)
def test_products_named_after_a_negation_do_not_count(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)
    assert not result.products and not result.offer, result.reasons


def test_sellers_reassurances_are_no_complaints(analyzer: Analyzer) -> None:
    result = analyzer.analyze("Legit plug, no scam. Coke 1g 70, delivery Leeds. Wickr: leeds_legit")
    assert result.offer and not [r for r in result.reasons if r.startswith("against")]


def test_ambiguous_words_need_a_sales_context(analyzer: Analyzer) -> None:
    assert not analyzer.analyze("Wat een sneeuw vandaag, alles is wit!").offer
    assert analyzer.analyze("Wit 1g 60, snel geleverd in Utrecht, dm @witplug").offer


def test_spans_index_the_original_text(analyzer: Analyzer) -> None:
    text = "Nu: ᴄᴏᴋᴇ 1g = €60 ❄️ en co\u200bke, bezorging 🚚 heel NL, dm @plug_nl"
    result = analyzer.analyze(text)
    assert result.offer
    assert result.spans
    for span in result.spans:
        assert text[span.start : span.end] == span.text
    assert {s.kind for s in result.signals} >= {"fancy_letters", "zero_width", "emoji"}


def test_language_is_detected_or_given(analyzer: Analyzer) -> None:
    assert analyzer.analyze("wij hebben de beste wiet van de stad").lang == "nl"
    assert analyzer.analyze("we have the best weed in town").lang == "en"
    assert analyzer.analyze("weed", lang="en").lang == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "💊" * 3000,
        "\u202eekoc 1g 60\u202c مرحبا بالعالم שלום",
        "c\u0301\u0302\u0303o\u0304k\u0305e " * 200,
        "".join(chr(i) for i in range(32)) * 50,
        "abc\ud800def",
        "(" * 20000,
    ],
)
def test_any_string_gives_an_analysis(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text)
    json.dumps(result.to_dict())
    for span in result.spans:
        assert 0 <= span.start <= span.end <= len(text)


def test_only_the_first_64_kib_is_analysed(analyzer: Analyzer) -> None:
    text = "coke 1g €60 dm @plug_nl " * 50_000
    result = analyzer.analyze(text)
    assert result.truncated and result.offer
    assert max(span.end for span in result.spans) <= nlp.MAX_BYTES
    assert not analyzer.analyze("coke 1g €60").truncated


@pytest.mark.parametrize("value", [None, 12, b"coke", ["coke"]])
def test_non_strings_are_a_type_error(analyzer: Analyzer, value: object) -> None:
    with pytest.raises(TypeError, match=type(value).__name__):
        analyzer.analyze(value)  # type: ignore[arg-type]


def test_analyze_many_keeps_order(analyzer: Analyzer) -> None:
    texts = [EXAMPLE, "hallo", "we have the best weed, 10 a gram, dm @green_uk", ""] * 3
    many = list(analyzer.analyze_many(texts, batch_size=5))
    assert [a.to_dict() for a in many] == [analyzer.analyze(t).to_dict() for t in texts]


def test_analyze_many_in_several_processes(analyzer: Analyzer) -> None:
    texts = [EXAMPLE, "hallo allemaal", "Xanax 2mg 100 stuks €150 zonder recept"]
    many = list(analyzer.analyze_many(texts, n_process=2, batch_size=1))
    assert [a.offer for a in many] == [True, False, True]
    with pytest.raises(ValueError, match="batch_size"):
        list(analyzer.analyze_many(texts, batch_size=0))


def test_module_level_functions_use_a_default_analyzer() -> None:
    assert nlp.analyze(EXAMPLE).offer
    assert [a.offer for a in nlp.analyze_many([EXAMPLE, "hallo"])] == [True, False]
    assert nlp.default_analyzer() is nlp.default_analyzer()
