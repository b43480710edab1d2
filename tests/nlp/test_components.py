"""Our spaCy components on blank pipelines: what each finds, and serialisation round trips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from nlp.analyzer import Analyzer
from nlp.components.contacts import ContactExtractor
from nlp.components.money import MoneyExtractor
from nlp.components.terms import TermEntry, TermMatcher
from nlp.lexicon import Lexicon
from nlp.pipeline import TOKENIZER, make_pipeline

ENTRIES = [
    TermEntry("PRODUCT", "coke", "cocaine", "drugs", True, "test"),
    TermEntry("PRODUCT", "xtc", "mdma", "drugs", False, "test"),
    TermEntry("PRODUCT", "3-mmc", "3-mmc", "drugs", False, "test"),
    TermEntry("PRODUCT", "special k", "ketamine", "drugs", False, "test"),
    TermEntry("PRODUCT", "keta", "ketamine", "drugs", False, "test"),
    TermEntry("PRODUCT", "meth", "methamphetamine", "drugs", False, "test"),
    TermEntry("PRODUCT", "cocaine", "cocaine", "drugs", False, "test"),
    TermEntry("DELIVERY", "heel nl", "nationwide", "none", False, "test"),
    TermEntry("CTA", "dm", "message", "none", False, "test"),
]


@pytest.fixture(scope="module")
def money_nlp(lexicon: Lexicon) -> Language:
    nlp = spacy.blank("nl")
    money = nlp.add_pipe("meldpunt_money")
    assert isinstance(money, MoneyExtractor)
    money.configure(lexicon.units, lexicon.currencies, lexicon.other_units)
    return nlp


@pytest.fixture(scope="module")
def terms_nlp() -> Language:
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    terms = nlp.add_pipe("meldpunt_terms")
    assert isinstance(terms, TermMatcher)
    terms.add_entries(ENTRIES)
    return nlp


def _prices(nlp: Language, text: str) -> list[tuple[Any, ...]]:
    doc = nlp(text)
    return [
        (amount, currency, quantity, unit)
        for kind, _, _, amount, currency, quantity, unit in doc.user_data["meldpunt_money"]
        if kind == "price"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1g = €60", [(60.0, "EUR", 1.0, "g")]),
        ("1gram voor 50 euro", [(50.0, "EUR", 1.0, "g")]),
        ("€50 per gram", [(50.0, "EUR", 1.0, "g")]),
        ("nu 50e", [(50.0, "EUR", None, None)]),
        ("nu 50,-", [(50.0, "EUR", None, None)]),
        ("1g 60 / 5g 250", [(60.0, "EUR", 1.0, "g"), (250.0, "EUR", 5.0, "g")]),
        ("10 pillen €25", [(25.0, "EUR", 10.0, "pill")]),
        ("5 stuks voor 20 euro", [(20.0, "EUR", 5.0, "piece")]),
        ("1 kg = 25.000 euro", [(25000.0, "EUR", 1.0, "kg")]),
        ("100 xtc = 250", [(250.0, "EUR", 100.0, "pill")]),
        ("€ 1.500,50", [(1500.5, "EUR", None, None)]),
        ("30 000 euros", [(30000.0, "EUR", None, None)]),
        ("60 per gram", [(60.0, "EUR", 1.0, "g")]),
        ("10 euro de gram", [(10.0, "EUR", 1.0, "g")]),  # Flemish and spoken Dutch
        ("2,50 het stuk", [(2.5, "EUR", 1.0, "piece")]),
        ("xtc €2,50 p/s", [(2.5, "EUR", 1.0, "piece")]),
        # Euros written after the amount: each € is its own number's, not the next one's.
        ("1g 60€ 5g 250€", [(60.0, "EUR", 1.0, "g"), (250.0, "EUR", 5.0, "g")]),
        (
            "10 pillen 25 € 20 pillen 45 €",
            [(25.0, "EUR", 10.0, "pill"), (45.0, "EUR", 20.0, "pill")],
        ),
        ("30 cm lang", []),
        ("open 24/7", []),
        ("bel 0612345678", []),
        ("de 3e plaats", []),
    ],
)
def test_prices_in_dutch(money_nlp: Language, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _prices(money_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1g = $60", [(60.0, "USD", 1.0, "g")]),
        ("an eighth £30", [(30.0, "GBP", 1.0, "eighth")]),
        ("teile 10 each", [(10.0, "EUR", 1.0, "piece")]),
        ("fake twenties £5 apiece", [(5.0, "GBP", 1.0, "piece")]),
        # A symbol between two numbers is the second's, and a bare number right before a
        # price is what it buys: an eighth (3.5) in grams, other counts without a unit.
        ("3.5 £35", [(35.0, "GBP", 3.5, "g")]),
        ("3.5 - £35 7 - £60", [(35.0, "GBP", 3.5, "g"), (60.0, "GBP", None, None)]),
        ("gelato 41 -> €50", [(50.0, "EUR", None, None)]),
        # What a price buys, in brackets after it or after a slash: not the next price's.
        ("€50 (5g) / €95 (10g)", [(50.0, "EUR", 5.0, "g"), (95.0, "EUR", 10.0, "g")]),
        ("€50 per 5g, €90 per 10g", [(50.0, "EUR", 5.0, "g"), (90.0, "EUR", 10.0, "g")]),
        ("from 100/1g", [(100.0, "EUR", 1.0, "g")]),
        ("€50/5g €90", [(50.0, "EUR", 5.0, "g"), (90.0, "EUR", None, None)]),
        ("1/2 oz £120", [(120.0, "GBP", 0.5, "oz")]),
        ("oxycodone 10/20/40/80mg", []),
        ("₹2,000 per gram", [(2000.0, "INR", 1.0, "g")]),
        ("5g ₦6,000", [(6000.0, "NGN", 5.0, "g")]),
        ("¥ 1200", [(1200.0, "JPY", None, None)]),
        ("half oz 100", [(100.0, "EUR", 0.5, "oz")]),
        ("3 for 50", [(50.0, "EUR", 3.0, "piece")]),
        ("20 a bag", [(20.0, "EUR", 1.0, "piece")]),
        ("0.01 btc", [(0.01, "BTC", None, None)]),
        ("only 100 usdt", [(100.0, "USDT", None, None)]),
        ("10 tabs 80 euro", [(80.0, "EUR", 10.0, "pill")]),
        ("10 bucks a gram", [(10.0, "USD", 1.0, "g")]),
        # Currencies listed with a slash are what the seller accepts, not the amount's.
        ("1g 60 btc/xmr accepted", [(60.0, "EUR", 1.0, "g")]),
    ],
)
def test_prices_in_english(money_nlp: Language, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _prices(money_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Normalised text, as the analyser passes it: "für" has lost its umlaut.
        ("1g fur 80€", [(80.0, "EUR", 1.0, "g")]),
        ("80€ das gramm", [(80.0, "EUR", 1.0, "g")]),
        ("10€ le gramme", [(10.0, "EUR", 1.0, "g")]),
        ("5g a 40€", [(40.0, "EUR", 5.0, "g")]),
    ],
)
def test_prices_in_german_and_french(
    money_nlp: Language, text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert _prices(money_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oz 220", [(220.0, "EUR", 1.0, "oz")]),
        ("8th 35", [(35.0, "EUR", 1.0, "eighth")]),
        ("8ball 180, teener 100", [(180.0, "EUR", 1.0, "eighth"), (100.0, "EUR", 1.0, "teener")]),
        (
            "zips 180 halves 100 qp 320",
            [(180.0, "EUR", 1.0, "oz"), (100.0, "EUR", 1.0, "half oz"), (320.0, "EUR", 1.0, "qp")],
        ),
        (
            "quarters £60 eighths 35",
            [(60.0, "GBP", 1.0, "quarter oz"), (35.0, "GBP", 1.0, "eighth")],
        ),
        ("oz £200, QP £700", [(200.0, "GBP", 1.0, "oz"), (700.0, "GBP", 1.0, "qp")]),
        ("kilo 27k", [(27000.0, "EUR", 1.0, "kg")]),
        ("lbs: 2800", [(2800.0, "EUR", 1.0, "lb")]),
        # The unit belongs to the number before it: the usual pairing.
        ("1 oz 220 2 oz 400", [(220.0, "EUR", 1.0, "oz"), (400.0, "EUR", 2.0, "oz")]),
        # The weight of the zip restated, not its price.
        ("zip 28g 220", [(220.0, "EUR", 28.0, "g")]),
        # Not prices: too small, a date, a percentage, a count, no drug weight, a lone letter.
        ("point 5", []),
        ("may 8th 2025", []),
        ("oz 90%", []),
        ("oz 3 pills", []),
        ("bel ons 50", []),
        ("tabs 40", []),
        ("g 60", []),
    ],
)
def test_prices_written_unit_first(
    money_nlp: Language, text: str, expected: list[tuple[Any, ...]]
) -> None:
    assert _prices(money_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "oxy 30s and percs 10s, dm",  # pill strengths
        "copy notes £20s, dm",  # banknotes
        "falschgeld 50er, dm",
        "4mmc en 3mmc binnen, dm",
    ],
)
def test_numbers_glued_to_a_word_are_no_prices(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).prices == ()


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        ("Gelato 41 10g 80, bezorging", [(80.0, 10.0)]),  # a strain's number, then its price
        ("Testosteron enanthaat 250 10ml €45, verzending", [(45.0, 10.0)]),
        ("wiet 5g 50 10g 90, bezorging", [(50.0, 5.0), (90.0, 10.0)]),
        ("coke 60 1g, bezorging", [(60.0, None)]),  # the price before what it buys
    ],
)
def test_a_number_in_a_products_name_is_no_price(
    analyzer: Analyzer, text: str, prices: list[tuple[float, float | None]]
) -> None:
    assert [(p.amount, p.quantity) for p in analyzer.analyze(text).prices] == prices


def test_money_spans_and_quantities(money_nlp: Language) -> None:
    doc = money_nlp("wiet 5 gram €45 en 10 pillen")
    labels = [(span.label_, span.text) for span in doc.spans["meldpunt_money"]]
    assert ("QUANTITY", "5 gram") in labels
    assert ("PRICE", "5 gram €45") in labels
    assert ("QUANTITY", "10 pillen") in labels


def test_term_spans_with_offsets(terms_nlp: Language) -> None:
    doc = terms_nlp("coke/xtc and special k, heel nl, dm")
    found = [(s.label_, s.kb_id_, s.text, s.start_char) for s in doc.spans["meldpunt_terms"]]
    assert ("PRODUCT", "cocaine", "coke", 0) in found
    assert ("PRODUCT", "mdma", "xtc", 5) in found
    assert ("PRODUCT", "ketamine", "special k", 13) in found
    assert ("DELIVERY", "nationwide", "heel nl", 24) in found
    assert ("CTA", "message", "dm", 33) in found


@pytest.mark.parametrize("text", ["coke 1g 60, d.m. for menu", "coke 1g 60, D.M me"])
def test_dotted_dm_is_a_call_to_action(analyzer: Analyzer, text: str) -> None:
    spans = analyzer.analyze(text).spans
    assert [s.text.lower() for s in spans if s.label == "CTA"][:1] == ["d.m"]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("c0ke", "cocaine", "leetspeak"),
        ("k3ta", "ketamine", "leetspeak"),
        ("c o k e", "cocaine", "spaced_letters"),
        ("x.t.c", "mdma", "spaced_letters"),
        ("c-0-k-e", "cocaine", "spaced_letters"),
        ("co*ke", "cocaine", "spaced_letters"),  # a star put in against filters
        ("m€th", "methamphetamine", "leetspeak"),
        ("¢oke", "cocaine", "leetspeak"),
        ("coca¡ne", "cocaine", "leetspeak"),
        ("coc*aine", "cocaine", "spaced_letters"),
    ],
)
def test_terms_undo_word_evasion(terms_nlp: Language, text: str, name: str, kind: str) -> None:
    doc = terms_nlp(f"verse {text} nu")
    spans = doc.spans["meldpunt_terms"]
    assert [s.kb_id_ for s in spans] == [name]
    assert spans[0].start_char == 6 and spans[0].end_char == 6 + len(text)
    assert [s.label_ for s in doc.spans["meldpunt_evasion"]] == [kind]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("diazepammetjes", "diazepam"),
        ("pilletjes", "pills"),
        ("valse briefkes", "counterfeit money"),
    ],
)
def test_terms_see_through_diminutives(analyzer: Analyzer, text: str, name: str) -> None:
    analysis = analyzer.analyze(f"{text} 50 stuks 40 euro, bezorging")
    assert name in [p.name for p in analysis.products]
    assert [s.kind for s in analysis.signals] == []  # grammar, not leetspeak


def test_leetspeak_inside_phrases_is_undone(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("b4nk l0gs, vers, 50 per set. dm")
    assert [p.name for p in analysis.products] == ["account logs"]
    assert {s.value for s in analysis.signals} == {"b4nk", "l0gs"}


def test_short_words_are_no_diminutives(analyzer: Analyzer) -> None:
    assert analyzer.analyze("make it 50 euro, dm").products == ()


def test_words_glued_by_a_star_stay_two_words(terms_nlp: Language) -> None:
    doc = terms_nlp("coke*xtc 1g*60")
    assert [s.kb_id_ for s in doc.spans["meldpunt_terms"]] == ["cocaine", "mdma"]
    assert len(doc.spans["meldpunt_evasion"]) == 0


def test_3mmc_is_not_leetspeak(terms_nlp: Language) -> None:
    doc = terms_nlp("3-mmc en 3mmc")
    assert [s.kb_id_ for s in doc.spans["meldpunt_terms"]] == ["3-mmc"]
    assert len(doc.spans["meldpunt_evasion"]) == 0


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("dm @plugNL", "handle", None),
        ("join t.me/plugnl", "telegram", None),
        ("https://t.me/+AbC123xyz", "telegram", None),
        ("app wa.me/31612345678", "whatsapp", None),
        ("wickr: plug_nl", "wickr", None),
        ("threema: ABCD1234", "threema", None),
        ("Threema-ID: ABCD1234", "threema", None),
        ("signal: +31 6 12345678", "signal", "+31612345678"),
        ("bel 06-12345678", "phone", "+31612345678"),
        ("uk +44 7911 123456", "phone", "+447911123456"),
        ("text 07700 900614", "phone", "+447700900614"),  # the range kept for fiction
        ("ring +44 (0)7700 900317", "phone", "+447700900317"),
        ("bel 06-00385129", "phone", "+31600385129"),
        ("1g 60 06-12345678", "phone", "+31612345678"),  # a price runs into the number
        ("€60 0031 6 12345678", "phone", "+31612345678"),
        ("mail john.doe@example.com", "email", None),
        ("session 05" + "ab" * 32, "session", None),
        ("see www.example.com/shop", "url", None),
    ],
)
def test_contacts(text: str, kind: str, value: str | None) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("meldpunt_contacts")
    doc = nlp(text)
    records = doc.user_data["meldpunt_contacts"]
    assert [(r[0], r[3]) for r in records] == [(kind, value)]
    assert [s.kb_id_ for s in doc.spans["meldpunt_contacts"]] == [kind]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("join t . me / plugnl", "telegram", "t.me/plugnl"),
        ("t[.]me/PlugNL", "telegram", "t.me/plugnl"),
        ("T(.)ME/plug_nl", "telegram", "t.me/plug_nl"),
        ("t dot me/plugnl", "telegram", "t.me/plugnl"),
        ("telegram . me /plug_nl", "telegram", "t.me/plug_nl"),
        ("contact @ plugnl", "handle", "@plugnl"),
        ("dm:  @ PlugNL", "handle", "@plugnl"),
        ("bestellen @ plug_010", "handle", "@plug_010"),
    ],
)
def test_contacts_written_apart(text: str, kind: str, value: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("meldpunt_contacts")
    doc = nlp(text)
    assert [(r[0], r[3]) for r in doc.user_data["meldpunt_contacts"]] == [(kind, value)]
    evasions = doc.user_data["meldpunt_evasion"]
    assert [kind for kind, _, _ in evasions] == ["disguised_contact"]


def test_a_usernames_underscore_is_no_spaced_letters(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("wiet 5g 50 euro, join t.me/plug_nl")
    assert [c.value for c in analysis.contacts] == ["t.me/plug_nl"]
    assert [s.kind for s in analysis.signals if s.kind == "spaced_letters"] == []


def test_a_contact_written_apart_is_an_evasion_signal(analyzer: Analyzer) -> None:
    text = "wiet 5g 50 euro, bestel via t . me / plugnl"
    analysis = analyzer.analyze(text)
    assert [c.value for c in analysis.contacts] == ["t.me/plugnl"]
    signal = next(s for s in analysis.signals if s.kind == "disguised_contact")
    assert (signal.start, signal.end) == (text.index("t . me"), len(text))


@pytest.mark.parametrize(
    "text",
    [
        "via telegram krijgt hij",
        "snapchat coke",
        "prijs 12345678 euro",
        "e-mail me",
        "24/7 open",
        # Places and times after a spaced @ are no handles.
        "bezorging @ home",
        "meet @ the station",
        "ophalen @ centraal",
        "pickup @ 10pm",
        "it's me / you",
        "make a snap decision. Then go",
        "signal strength is low today",
    ],
)
def test_words_are_not_contacts(text: str) -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe("meldpunt_contacts")
    assert nlp(text).user_data["meldpunt_contacts"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("telegram - plug_nl", "plug_nl"),
        ("telegram -> plug_nl", "plug_nl"),
        ("wickr – plug_nl", "plug_nl"),
        ("tg=plug_nl", "plug_nl"),
        ("threema:plug_nl", "plug_nl"),
        # After a space alone, an app name that is also a word needs a username after it.
        ("Snap glesga.nights", "glesga.nights"),
        ("add me on snap plug_nl", "plug_nl"),
        ("snap 👻 pecks.zaza", "pecks.zaza"),  # an emoji between app and id
        ("signal 📲 plug_nl", "plug_nl"),
    ],
)
def test_messenger_ids_after_a_separator(text: str, value: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("meldpunt_contacts")
    records = nlp(text).user_data["meldpunt_contacts"]
    assert [text[r[1] : r[2]] for r in records] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Die Angeklagten verkauften über Telegram-Shops Kokain",
        "Die Polizei warnt vor WhatsApp-Gruppen",
        "ein Signal-Chat unter Freunden",
        "de Telegram–kanalen van de politie",
    ],
)
def test_app_names_in_compound_words_are_not_contacts(text: str) -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("meldpunt_contacts")
    assert nlp(text).user_data["meldpunt_contacts"] == []


def test_components_round_trip(tmp_path: Path, lexicon: Lexicon) -> None:
    nlp = make_pipeline(
        "nl", ENTRIES, lexicon.units, lexicon.currencies, other_units=lexicon.other_units
    )
    text = "c0ke/xtc 1g=€60, heel nl, dm @plug_nl of 06-12345678"
    before = nlp(text)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    after = loaded(text)
    assert loaded.pipe_names == ["meldpunt_terms", "meldpunt_money", "meldpunt_contacts"]
    for key in ("meldpunt_money", "meldpunt_contacts", "meldpunt_evasion"):
        assert after.user_data[key] == before.user_data[key]
    assert [(s.label_, s.kb_id_, s.start, s.end) for s in after.spans["meldpunt_terms"]] == [
        (s.label_, s.kb_id_, s.start, s.end) for s in before.spans["meldpunt_terms"]
    ]
    assert [t.text for t in after] == [t.text for t in before]


def test_each_component_serialises(tmp_path: Path, lexicon: Lexicon) -> None:
    nlp = spacy.blank("nl")
    terms = TermMatcher(nlp)
    terms.add_entries(ENTRIES)
    terms.to_disk(tmp_path / "terms")
    assert len(TermMatcher(nlp).from_disk(tmp_path / "terms")) == len(ENTRIES)
    money = MoneyExtractor(nlp)
    money.configure({"g": "g"}, {"€": "EUR"}, ["cm"])
    money.to_disk(tmp_path / "money")
    restored = MoneyExtractor(nlp).from_disk(tmp_path / "money")
    doc = restored(nlp("1g €5 en 30 cm"))
    assert [r[0] for r in doc.user_data["meldpunt_money"]] == ["quantity", "price"]
    contacts = ContactExtractor(nlp, region="BE")
    contacts.to_disk(tmp_path / "contacts")
    assert ContactExtractor(nlp).from_disk(tmp_path / "contacts").region == "BE"


def test_lean_pipelines_skip_posts_without_products(lexicon: Lexicon) -> None:
    nlp = make_pipeline(
        "en", ENTRIES, lexicon.units, lexicon.currencies, other_units=lexicon.other_units, lean=True
    )
    doc = nlp("invest $500 today, dm @investpro")
    assert doc.user_data["meldpunt_money"] == []
    assert doc.user_data["meldpunt_contacts"] == []
    assert "meldpunt_terms" not in doc.spans
    offer = nlp("xtc $5 each, dm @plug_nl")
    assert [r[0] for r in offer.user_data["meldpunt_contacts"]] == ["handle"]


def test_pipe_in_batches_finds_what_one_doc_at_a_time_finds(lexicon: Lexicon) -> None:
    nlp = make_pipeline("nl", ENTRIES, lexicon.units, lexicon.currencies)
    texts = ["coke 1g €60 dm @plug_nl", "hallo", "xtc 10 pillen 25 euro", "", "keta 5g = 100"]
    keys = ("meldpunt_terms", "meldpunt_money", "meldpunt_contacts")

    def found(doc: Any) -> list[Any]:
        return [doc.user_data.get(key) for key in keys]

    one_by_one = [found(nlp(text)) for text in texts]
    assert [found(doc) for doc in nlp.pipe(texts, batch_size=2)] == one_by_one
    assert one_by_one[0][1] and one_by_one[2][1]  # prices were found, so the check has teeth
