"""``meldpunt_money``: prices and quantities, and which price goes with which quantity.

Works on the Doc's text (normalised, lower case) with one bounded scan for numbers, each
looked at together with what stands right before and after it, using the unit and currency
aliases of ``data/lexicons/units.yaml``: ``€50``, ``50e``, ``50 euro``, ``50,-``, ``eur 50``,
``$``/``£``, crypto amounts (``0.01 btc``); ``5g``, ``10 pillen``, ``1 kg``; pairs such as
``1g=€60``, ``€60 per gram``, ``60 per gram``, ``€50 (5g)``, ``€5 each``, ``45 de g`` and price
lists like ``1g 60 / 5g 250`` (a bare number right after a quantity is a price in the post's
currency; a bare number right before a price is what it buys, ``3.5 £35``).
Street menus also write the unit first: in ``zips 180 halves 100 qp 320``, ``8th 35`` and
``oz £200`` a number right after a drug weight unit is the price of one of it.

Results, with exact character offsets and values: ``doc.user_data["meldpunt_money"]``, a
list of ``[kind, start, end, amount, currency, quantity, unit]``; with ``write_spans`` (the
default) also ``doc.spans["meldpunt_money"]`` (PRICE and QUANTITY spans).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from nlp.components.amounts import NUMBER_WORDS, parse_amount
from nlp.components.batching import pipe_in_batches
from nlp.components.terms import PRODUCTS_KEY
from nlp.components.text import FOLDS_TO_ASCII, doc_text

SPANS_KEY = "meldpunt_money"
DATA_KEY = "meldpunt_money"
PRICE = "PRICE"
QUANTITY = "QUANTITY"
DEFAULT_CURRENCY = "EUR"
_FILE = "money.json"

# Between a quantity and its price: separators and a few filler words, nothing else.
_PAIR_GAP = re.compile(
    r"[\s:=\-–>→|/@*•·,.()]{0,6}"
    r"(?:(?:voor|for|für|fur|pour|is|kost|kosten|kostet|only|maar|slechts|nur|seulement|a|à)\b)?"
    r"[\s:=\-–>→|/@*•·.()]{0,6}",
    re.IGNORECASE,
)
_BARE_GAP = re.compile(r"[\s:=\-–>→|/@*•·()]{1,6}(?:(?:voor|for|a|à)\s)?", re.IGNORECASE)
_BOUGHT_GAP = re.compile(r"[\s:=\-–>→()]{1,4}")  # "3.5 £35", "3.5 - £35", "7 (£60)"
_FOR = re.compile(r"\s(?:for|voor|für|fur|pour)\s", re.IGNORECASE)  # fur: für, folded
# A price of one piece without its unit: "20 each", "£5 apiece", "2,50 p/s" (per stuk).
_EACH = re.compile(  # accents as written and as folded by normalisation
    r"\s?(?:each|apiece|ea|p/s|p/st|pro st[üu]ck|la pi[èe]ce)(?![\w/])", re.IGNORECASE
)
_MAX_GAP = 16
_LISTED = re.compile(r"\s?/\s?([^\W\d_]+)")
_MAX_NUMBERS = 300
# Suffixes that are only a currency when the amount is not tiny (5e is "fifth" in Dutch).
_WEAK_SUFFIXES = frozenset({"e", "eu", "eo", "eus"})
# Crypto amounts keep every decimal ("0.015 btc"); in any other currency "1.000" is a thousand.
_CRYPTO = frozenset({"BTC", "XMR", "USDT", "ETH", "LTC"})
# Products whose names are followed by model numbers, not prices: Glock 17, Cobra 6.
_NUMBERED = frozenset({"weapons", "fireworks"})
_DOSES = frozenset({"mg", "ug"})
# Units that can come before their price ("zips 180", "8th 35"): weights drugs are sold by.
# Words shorter than two letters (g, q) are left out, and so is "ons" (also Dutch for "us").
_LEAD_UNITS = frozenset(
    {"g", "kg", "oz", "half oz", "quarter oz", "eighth", "teener", "qp", "lb", "point"}
)
_NOT_LEADING = frozenset({"ons"})
# A number read unit first may have the next unit after it ("zips 180 halves 100"), but only a
# street unit: "zip 28g 220" restates the weight of the zip, and 28 is not its price.
_CHAINED = frozenset({"oz", "half oz", "quarter oz", "eighth", "teener", "qp", "lb"})
_LEAD_PRICES = (10.0, 50_000.0)  # below: a count or a point five; above: a phone number
_EIGHTH = 3.5  # an eighth of an ounce in grams: menus write "3.5 £35" without the unit
_ORDINAL_MAX = 1000.0  # after "8th" a larger number is more likely a date: "May 8th 2025"


@dataclass(slots=True)
class _Number:
    start: int
    end: int  # end of the number itself
    raw: str
    unit: str | None = None  # canonical unit written right after it
    currency: str | None = None  # currency written right before or after it
    weak: bool = False  # the currency is a weak suffix such as "e"
    thousands: bool = False  # written with k: 6k
    until: int = 0  # end including the unit or currency


class MoneyExtractor:
    """Extracts prices and quantities; serialisable with ``to_disk``/``from_disk``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "meldpunt_money",
        write_spans: bool = True,
        only_with_products: bool = False,
    ) -> None:
        self.name = name
        self.write_spans = write_spans
        self.only_with_products = only_with_products
        self._units: dict[str, str] = {}
        self._currencies: dict[str, str] = {}
        self._other: list[str] = []
        self._other_set: frozenset[str] = frozenset()
        self._compile()

    def configure(
        self,
        units: Mapping[str, str],
        currencies: Mapping[str, str],
        other_units: Iterable[str] = (),
    ) -> None:
        """Set the aliases: ``{alias: canonical unit}``, ``{alias: currency code}``, and the
        units that never go with money (``30 cm``, ``24 uur``)."""
        self._units = {k.lower(): v for k, v in units.items()}
        self._currencies = {k.lower(): v for k, v in currencies.items()}
        self._other = sorted({unit.lower() for unit in other_units})
        self._other_set = frozenset(self._other)
        self._compile()

    def _compile(self) -> None:
        units = _alternation(self._units)
        written = [alias for alias in self._currencies if len(alias) >= 3]
        words = _alternation(dict.fromkeys(written, ""))
        # How those words can end: a number preceded by anything else has none before it.
        self._word_ends = frozenset(alias[-1] for alias in written) | FOLDS_TO_ASCII
        # Currency symbols: the one-character aliases that are no letter (€, $, £, ₹).
        self._symbols = frozenset(a for a in self._currencies if len(a) == 1 and not a.isalnum())
        after = "".join(re.escape(c) for c in sorted(self._symbols | {"%", "°"}))
        # Every number, with the word or symbol written right after it (looked up in Python:
        # a dictionary is much faster than a regex alternation of every alias). The first
        # character stands alone and case-sensitive at the front, so that the regex engine
        # skips to the next digit or h instead of trying the whole pattern at every position
        # (twice as fast); the lookbehinds then say which it was and what came before it.
        self._number = re.compile(
            r"(?-i:[\dhH])(?<![\w.,].)"  # not glued to a word or number before it
            r"(?:(?<=\d)(?:/\d{1,2}(?!\d)|\d*+(?:[.,]\d++)*+)|(?<=[hH])(?:alf|alve))"
            rf"(?:\s?(?P<word>[^\W\d_]++|[{after}]|,-))?",
            re.IGNORECASE,
        )
        self._word_before = re.compile(rf"(?:^|[^a-z0-9])(?P<cur>{words})\s?$", re.IGNORECASE)
        leading = [
            alias
            for alias, unit in self._units.items()
            if unit in _LEAD_UNITS and len(alias) >= 2 and alias not in _NOT_LEADING
        ]
        self._unit_before = re.compile(
            rf"(?<![\w.,])(?P<unit>{_alternation(dict.fromkeys(leading, ''))})\s?[:=\-–@]?\s?$",
            re.IGNORECASE,
        )
        self._unit_after = re.compile(
            rf"\s{{0,2}}(?:/|per|p/|p\.|pro|la|le|par|each|a|an|de|het|das|die|=|\()\s{{0,2}}"
            rf"(?:(?P<amount>\d{{1,5}}(?:[.,]\d{{1,3}})?)\s?)?(?P<unit>{units})(?![a-z0-9])",
            re.IGNORECASE,
        )

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process ``stream`` a batch at a time (see ``nlp.components.batching``)."""
        return pipe_in_batches(self, stream, batch_size)

    def __call__(self, doc: Doc) -> Doc:
        products = doc.user_data.get(PRODUCTS_KEY) or []
        if self.only_with_products and not products:
            doc.user_data[DATA_KEY] = []
            return doc
        text = doc_text(doc)
        numbers = self._numbers(text)
        records = self._records(text, numbers, products) if numbers else []
        doc.user_data[DATA_KEY] = records
        if not self.write_spans:
            return doc
        spans = []
        for record in records:
            label = PRICE if record[0] == "price" else QUANTITY
            span = doc.char_span(record[1], record[2], label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def _numbers(self, text: str) -> list[_Number]:
        found: list[_Number] = []
        units, currencies, other = self._units, self._currencies, self._other_set
        for match in self._number.finditer(text):
            start, until = match.span()
            word = match.group("word")
            if word in self._symbols and text[until : until + 1].isdigit():
                until, word = match.start("word"), None  # "3.5 £35": the next number's symbol
            alias = word.lower() if word is not None else None
            if alias in currencies and self._listed_currency(text, until):
                until, alias = match.start("word"), None  # "60 btc/xmr accepted": payment
            if alias is not None and alias not in units and alias not in currencies:
                if alias in other:
                    continue  # 30 cm, 24 uur: not money, not an amount of product
                if text[start : match.end("word")].lower() in units:
                    continue  # 8th, 8ball: a unit spelled with a digit, not a number
                if alias != "k":
                    if not text[match.start("word") - 1].isspace():
                        continue  # glued to a word that is no unit: oxy 80s, £20s, 4mmc
                    until = match.start("word")  # a word that is no unit: the number alone
                    alias = None
            raw = text[start:until] if alias is None else text[start : match.start("word")]
            raw = raw.rstrip().lower()
            if raw in NUMBER_WORDS and (alias is None or alias not in units):
                continue  # "half" only counts as a number before a unit: half oz
            number = _Number(start, start + len(raw), raw, until=until)
            # What the number before took ("60€ 5g": its €) is not this one's to take.
            taken = found[-1].until if found else 0
            if alias is None:
                number.until = number.end
                self._currency_before(text, number, taken)
            elif alias in units and _symbol_before(text, start, self._symbols, taken):
                number.until = number.end  # £60 eighths: a price, the unit begins the next item
                self._currency_before(text, number, taken)
            elif alias in units:
                number.unit = units[alias]
            elif alias in currencies:
                number.currency = currencies[alias]
                number.weak = alias in _WEAK_SUFFIXES
                if start > 0 and text[start - 1] in self._symbols:
                    number.start -= 1  # €50,-
                _join_thousands(text, found, number)
            else:
                number.thousands = True  # 6k
            found.append(number)
            if len(found) >= _MAX_NUMBERS:
                break
        return found

    def _listed_currency(self, text: str, end: int) -> bool:
        """Another currency follows the one ending at ``end`` after a slash ("btc/xmr"): a
        list of the currencies a seller accepts, not the currency of the amount before it."""
        listed = _LISTED.match(text, end)
        return listed is not None and listed.group(1).lower() in self._currencies

    def _currency_before(self, text: str, number: _Number, taken: int) -> None:
        """``€50``, ``€ 50``, ``eur 50``, ``btc 0.01``: a currency written before the number,
        not before ``taken`` (where the number before it ends)."""
        start = number.start
        for back in (1, 2):
            if start - back >= taken and text[start - back] in self._symbols:
                symbol = text[start - back]
                if back == 1 or text[start - 1].isspace():
                    number.currency = self._currencies[symbol]
                    number.start = start - back
                    if text.startswith(",-", number.until):
                        number.until += 2
                    return
        if start == 0:
            return
        last = text[start - 1]
        if last.isspace() and start > 1:
            last = text[start - 2]
        if last not in self._word_ends and last.lower() not in self._word_ends:
            return  # no currency word can end right before the number
        before = self._word_before.search(text, max(0, start - 8, taken), start)
        if before is not None:
            number.currency = self._currencies[before.group("cur").lower()]
            number.start = before.start("cur")

    def _records(
        self, text: str, numbers: list[_Number], products: list[list[Any]]
    ) -> list[list[Any]]:
        records: list[list[Any]] = []
        explicit: dict[str, int] = {}
        for number in numbers:
            if number.currency and not number.weak:
                explicit[number.currency] = explicit.get(number.currency, 0) + 1
        # The most written currency; on a tie the first written (as Counter.most_common).
        currency = max(explicit, key=explicit.__getitem__) if explicit else DEFAULT_CURRENCY
        product_ends: list[tuple[int, str]] | None = None  # sorted when first needed
        previous: _Number | None = None  # the last quantity, waiting for its price
        skip_until = priced_until = -1
        chained = -1  # end of the last number read unit first: the unit after it is the next's
        for index, number in enumerate(numbers):
            if number.start < skip_until:
                continue
            before = numbers[index - 1] if index else None
            led = self._unit_first(text, number, before, chained, currency)
            if led is not None:
                records.append(led)
                chained, previous = number.end, None
                continue
            if number.unit is not None:
                value = parse_amount(number.raw, crypto=False)
                if value and value > 0 and not _vague_count(number, value, text):
                    records.append(
                        ["quantity", number.start, number.until, None, None, value, number.unit]
                    )
                    # 30mg, 100ug: the strength of a pill or blotter, not what a price buys;
                    # and the 5g of "€50 per 5g" or "€50 (5g)" went with the price before it.
                    bought = number.unit in _DOSES or number.start < priced_until
                    previous = None if bought else number
                continue
            following = numbers[index + 1] if index + 1 < len(numbers) else None
            price = self._for_price(text, number, following, currency)
            if price is None and _bought_by(text, number, following):
                # "3.5 £35", "7 - £60": the bare number is what the price after it buys. An
                # eighth (3.5) is weighed in grams; other counts are left without a unit.
                if parse_amount(number.raw, crypto=False) == _EIGHTH:
                    number.unit = "g"
                    records.append(["quantity", number.start, number.end, None, None, _EIGHTH, "g"])
                    previous = number
                else:
                    previous = None
                continue
            if price is None and previous is None and self._names_a_strain(text, numbers, index):
                continue
            if price is None:
                if product_ends is None and number.currency is None:
                    product_ends = sorted((end, category) for _, end, category in products)
                price = self._price(text, number, previous, currency, product_ends or [])
            else:
                skip_until = price[2]
            if price is not None:
                records.append(price)
                priced_until = price[2]
            previous = None
        return records

    def _price(
        self,
        text: str,
        number: _Number,
        quantity: _Number | None,
        currency: str,
        product_ends: list[tuple[int, str]],
    ) -> list[Any] | None:
        explicit = number.currency
        paired = quantity is not None and self._follows(text, quantity, number)
        if number.thousands:
            explicit = currency
        elif explicit is None:
            if text.startswith(("%", "/7"), number.until):
                return None  # 90% puur, 24/7
            if _listed_after_number(text, number.start):
                return None  # 10/20/40mg: strengths listed, not prices
            if paired and quantity is not None:  # a bare number right after a quantity
                if _BARE_GAP.fullmatch(text, quantity.until, number.start) is None:
                    return None
                amount = parse_amount(number.raw, crypto=False)
                return self._pair(quantity, number, amount, currency)
            per_unit = self._per_unit(text, number.until)
            if per_unit is None:
                if text.startswith(("+", "-", "x", "/"), number.until):
                    return None  # 300+ mg, 60-70, 2x
                if not _after_product(text, number, product_ends):
                    return None  # a number on its own: a date, a count, a phone number
                amount = parse_amount(number.raw, crypto=False)
                if amount is None or amount < 2:
                    return None
                return ["price", number.start, number.until, amount, currency, None, None]
            explicit = currency
        amount = parse_amount(number.raw, crypto=explicit in _CRYPTO)
        if amount is None or amount <= 0 or (number.weak and amount < 5):
            return None
        if number.thousands:
            amount *= 1000
        if paired and quantity is not None:
            return self._pair(quantity, number, amount, explicit)
        per_unit = self._per_unit(text, number.until)
        if per_unit is not None:
            end, value, unit = per_unit
            return ["price", number.start, end, amount, explicit, value, unit]
        return ["price", number.start, number.until, amount, explicit, None, None]

    def _per_unit(self, text: str, end: int) -> tuple[int, float | None, str] | None:
        """What the price ending at ``end`` buys, written after it: ``per gram``, ``/5g``,
        ``each`` (one piece); as (end of the words, quantity, unit), or None."""
        per_unit = self._unit_after.match(text, end)
        if per_unit is not None:
            raw = per_unit.group("amount")
            value = parse_amount(raw, crypto=False) if raw else 1.0
            until = per_unit.end()
            if "(" in text[end : per_unit.start("unit")]:  # "€50 (5g)": the bracket closes
                closing = text.find(")", until, until + 2)
                until = until if closing < 0 else closing + 1
            return until, value, self._units[per_unit.group("unit").lower()]
        each = _EACH.match(text, end)
        return None if each is None else (each.end(), 1.0, "piece")

    def _unit_first(
        self, text: str, number: _Number, before: _Number | None, chained: int, currency: str
    ) -> list[Any] | None:
        """``zips 180``, ``8th 35``, ``qp 320``, ``oz £200``: a number right after a drug
        weight unit is the price of one of it, in its own currency or the post's.

        Not when the unit belongs to the number before it (``5g 250`` is the usual pairing),
        unless that number was itself read unit first (``zips 180 halves 100``).
        """
        if number.start == 0:
            return None
        if number.unit is not None and number.unit not in _CHAINED:
            return None  # "oz 28g": the weight restated, "oz 3 pills": a count
        if not _word_before(text, number.start):
            return None  # most numbers: no unit can end right before them
        found = self._unit_before.search(text, max(0, number.start - 16), number.start)
        if found is None:
            return None
        unit_start = found.start("unit")
        if (
            before is not None
            and before.unit is not None
            and before.start < unit_start < before.until
            and before.end != chained
        ):
            return None
        amount = parse_amount(number.raw, crypto=False)
        if amount is None or text.startswith(("%", "/"), number.end):
            return None
        if number.thousands:
            amount *= 1000
        written = found.group("unit")
        low, high = _LEAD_PRICES
        if not low <= amount <= high or (written[0].isdigit() and amount >= _ORDINAL_MAX):
            return None
        end = number.until if number.thousands or number.currency else number.end
        unit = self._units[written.lower()]
        return ["price", unit_start, end, amount, number.currency or currency, 1.0, unit]

    def _for_price(
        self, text: str, number: _Number, following: _Number | None, currency: str
    ) -> list[Any] | None:
        """``3 for 50``, ``10 voor 45``: the second number is the price of the first many."""
        if following is None or following.unit is not None or number.currency is not None:
            return None
        if _FOR.fullmatch(text, number.until, following.start) is None:
            return None
        count = parse_amount(number.raw, crypto=False)
        amount = parse_amount(following.raw, crypto=False)
        if not count or not amount or count != int(count) or count < 2:
            return None
        if following.thousands:
            amount *= 1000
        return [
            "price",
            number.start,
            following.until,
            amount,
            following.currency or currency,
            count,
            "piece",
        ]

    def _names_a_strain(self, text: str, numbers: list[_Number], index: int) -> bool:
        """A bare number before a quantity that has its own price belongs to the name before
        it: the 41 of "Gelato 41 10g 80". In "coke 60 1g" the 60 is still the price."""
        number = numbers[index]
        if number.currency is not None or number.thousands or index + 2 >= len(numbers):
            return False
        quantity, price = numbers[index + 1], numbers[index + 2]
        if quantity.unit is None or quantity.currency is not None:
            return False
        if _BOUGHT_GAP.fullmatch(text, number.until, quantity.start) is None:
            return False
        return price.unit is None and self._follows(text, quantity, price)

    @staticmethod
    def _follows(text: str, quantity: _Number, number: _Number) -> bool:
        gap = number.start - quantity.until
        if not 0 <= gap <= _MAX_GAP:
            return False
        return _PAIR_GAP.fullmatch(text, quantity.until, number.start) is not None

    @staticmethod
    def _pair(
        quantity: _Number, number: _Number, amount: float | None, currency: str
    ) -> list[Any] | None:
        value = parse_amount(quantity.raw, crypto=False)
        if amount is None or amount <= 0 or not value:
            return None
        return ["price", quantity.start, number.until, amount, currency, value, quantity.unit]

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the unit and currency aliases as JSON."""
        directory = ensure_path(path)
        directory.mkdir(parents=True, exist_ok=True)
        data = {"units": self._units, "currencies": self._currencies, "other": self._other}
        (directory / _FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> MoneyExtractor:
        """Load aliases written by ``to_disk``."""
        data = json.loads((ensure_path(path) / _FILE).read_text(encoding="utf-8"))
        self.configure(data["units"], data["currencies"], data.get("other", ()))
        return self


def _join_thousands(text: str, found: list[_Number], number: _Number) -> None:
    """``30 000 euros``: a 1-3 digit number, a space, then exactly 3 digits with a currency."""
    if not found or not number.raw.isdigit() or len(number.raw) != 3:
        return
    before = found[-1]
    adjacent = before.until + 1 == number.start and text[before.until] == " "
    plain = before.unit is None and before.currency is None and before.raw.isdigit()
    if adjacent and plain and len(before.raw) <= 3:
        found.pop()
        number.start, number.raw = before.start, before.raw + number.raw


def _bought_by(text: str, number: _Number, following: _Number | None) -> bool:
    """``number`` is bare, and a price with its currency written follows right after it."""
    if following is None or following.currency is None or following.weak:
        return False
    if number.currency is not None or number.thousands or following.unit is not None:
        return False
    return _BOUGHT_GAP.fullmatch(text, number.until, following.start) is not None


def _listed_after_number(text: str, start: int) -> bool:
    """The number at ``start`` follows another and a slash: ``20`` in ``10/20/40mg``."""
    return start > 1 and text[start - 1] == "/" and text[start - 2].isdigit()


def _word_before(text: str, start: int) -> bool:
    """A letter or digit ends right before ``start``, past at most three separators
    (what ``_unit_before`` allows between a unit and its price: ``zips: 180``)."""
    index = start - 1
    while index >= 0 and start - index <= 3 and (text[index].isspace() or text[index] in ":=-–@"):
        index -= 1
    return index >= 0 and text[index].isalnum()


def _symbol_before(text: str, start: int, symbols: frozenset[str], taken: int) -> bool:
    """A currency symbol right before ``start``, maybe with one space between (``£60``), and
    not before ``taken``."""
    if start - 1 >= taken and text[start - 1] in symbols:
        return True
    return start - 2 >= taken and text[start - 1] == " " and text[start - 2] in symbols


def _after_product(text: str, number: _Number, product_ends: list[tuple[int, str]]) -> bool:
    """A bare number right after a drug name is its price: ``wit 60``, ``coke: 70``."""
    index = bisect_right(product_ends, (number.start, ""))
    if index == 0:
        return False
    end, category = product_ends[index - 1]
    if category in _NUMBERED:
        return False
    return number.start - end <= 6 and _BARE_GAP.fullmatch(text, end, number.start) is not None


def _alternation(aliases: Mapping[str, str]) -> str:
    """A regex alternation of the aliases, longest first so ``gram`` beats ``g``."""
    ordered = sorted(aliases, key=len, reverse=True)
    return "|".join(re.escape(alias) for alias in ordered) or "(?!)"


def _vague_count(number: _Number, value: float, text: str) -> bool:
    """ "1st" and "1 x" (once) are not quantities."""
    written = text[number.end : number.until].strip()
    return value == 1 and written in ("st", "x")


@Language.factory(
    "meldpunt_money", default_config={"write_spans": True, "only_with_products": False}
)
def make_money_extractor(
    nlp: Language, name: str, write_spans: bool, only_with_products: bool
) -> MoneyExtractor:
    """Factory: an extractor without aliases; ``configure`` it or load it ``from_disk``.

    ``only_with_products`` skips posts in which ``meldpunt_terms`` found no product.
    """
    return MoneyExtractor(nlp, name, write_spans, only_with_products)
