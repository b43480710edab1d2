"""Templated drug menus (price lists), the one templated part of the set.

Real channels post long menus whose structure varies: header, products with price ladders
in several layouts, then delivery, contact and payment lines in any order. This module varies
all of those, seeded, so the output is the same on every run. Its items carry the source tag
``team:written/template-menu`` so their share of the set stays visible (kept well under 30%).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from items import Record


@dataclass(frozen=True)
class Product:
    """One menu product: names by language, emoji, unit and price for one unit in euro."""

    names: tuple[str, ...]
    emoji: str
    unit: str
    price: float
    ladder: tuple[int, ...]


PRODUCTS = (
    Product(
        ("Coke", "Cocaïne", "Colombiaanse flake", "Peru 90%+", "Charlie", "Bolivian"),
        "❄️",
        "g",
        60,
        (1, 2, 5, 10, 25),
    ),
    Product(
        (
            "Amnesia Haze",
            "Gorilla Glue #4",
            "Lemon Haze",
            "White Widow",
            "Wedding Cake",
            "Gelato 41",
            "Super Silver Haze",
            "OG Kush",
        ),
        "🍃",
        "g",
        10,
        (5, 10, 25, 50, 100),
    ),
    Product(
        ("Hash Ketama", "Charras", "Ketama Gold", "Caramello", "Dry sift", "Polm"),
        "🍫",
        "g",
        11,
        (5, 10, 25, 50),
    ),
    Product(("MDMA crystal", "Mandy", "MDMA 84%", "Molly"), "💎", "g", 28, (1, 5, 10, 25)),
    Product(
        (
            "XTC Tesla 250mg",
            "Blue Punisher",
            "Philipp Plein XTC",
            "Red Bull XTC",
            "Rolex XTC",
        ),
        "💊",
        "st",
        5,
        (10, 25, 50, 100, 500),
    ),
    Product(("Speed pasta", "Amfetamine", "Speed nat", "Pep"), "⚡", "g", 10, (5, 10, 25, 50)),
    Product(
        ("Ketamine needles", "Keta shards", "Special K", "Ketamine"), "🦄", "g", 30, (1, 5, 10, 25)
    ),
    Product(("3-MMC", "3mmc crystal", "4-MMC"), "🧪", "g", 20, (1, 5, 10, 50)),
    Product(("2C-B", "Tusi pink"), "💗", "st", 10, (5, 10, 25)),
    Product(("LSD blotters 150µg", "Acid tabs"), "🌈", "st", 12, (5, 10, 25, 50)),
    Product(("Crystal meth", "Tina (ice)"), "🧊", "g", 100, (1, 2, 5)),
    Product(("GHB", "G (ml)"), "💧", "ml", 0.5, (100, 250, 500)),
    Product(("Golden Teacher shrooms", "Dried shrooms B+"), "🍄", "g", 8, (10, 25, 50)),
)

HEADERS = {
    "nl": (
        "🔥 MENU VAN DE WEEK 🔥",
        "Nieuwe voorraad binnen!!",
        "📋 PRIJSLIJST",
        "Goedemiddag fam, dit is er vandaag:",
        "✅ TOP KWALITEIT ✅",
        "‼️ UPDATE MENU ‼️",
        "Dagmenu 💯",
        "ALLES OP VOORRAAD 📦",
    ),
    "en": (
        "🔥 WEEKLY MENU 🔥",
        "Fresh restock just landed",
        "📋 PRICE LIST",
        "Good morning fam, today's menu:",
        "✅ PREMIUM ONLY ✅",
        "‼️ MENU UPDATE ‼️",
        "🔌 Your plug is open",
    ),
    "de": ("🔥 WOCHENMENÜ 🔥", "Neue Ware eingetroffen!", "📋 PREISLISTE", "✅ BESTE QUALITÄT ✅"),
    "fr": ("🔥 MENU DE LA SEMAINE 🔥", "Nouvel arrivage !!", "📋 TARIFS", "✅ QUALITÉ PREMIUM ✅"),
}
DELIVERY = {
    "nl": (
        "🚚 Bezorging heel NL",
        "Ophalen Rotterdam-Zuid of bezorgd binnen 1 uur",
        "📦 Verzending via PostNL, stealth verpakt",
        "Bezorgen in 010/020/030, rest van NL per post",
        "Levering binnen de ring gratis vanaf 100",
        "Afhalen alleen op afspraak (Utrecht centrum)",
    ),
    "en": (
        "🚚 Delivery all over NL and BE",
        "📦 Worldwide stealth shipping, tracked",
        "Meetups Amsterdam only",
        "Same day drop in London zones 1-4",
        "Next day delivery EU, vacuum sealed",
    ),
    "de": (
        "🚚 Lieferung in ganz NRW",
        "📦 Versand deutschlandweit, diskret verpackt",
        "Abholung Köln oder Düsseldorf",
    ),
    "fr": (
        "🚚 Livraison Paris et petite couronne",
        "📦 Envoi discret partout en France",
        "Remise en main propre à Lille",
    ),
}
PAYMENT = {
    "nl": (
        "💰 Cash / BTC / XMR",
        "Betalen: contant bij levering of Tikkie vooraf",
        "Betaling in USDT (TRC20) of cash",
        "Alleen crypto, geen bankoverschrijving",
    ),
    "en": (
        "💰 Cash, BTC, XMR, USDT",
        "Payment: crypto only (BTC/LTC/XMR)",
        "Cash on delivery for regulars, crypto for new clients",
    ),
    "de": ("💰 Bar, BTC oder XMR", "Zahlung nur in Krypto"),
    "fr": ("💰 Espèces, BTC, USDT", "Paiement en crypto uniquement"),
}
CONTACT = {
    "nl": (
        "📲 Bestellen via {handle}",
        "Contact: Signal {phone}",
        "Alleen Threema: {code}",
        "Wickr: {wickr}",
        "👉 t.me/{slug}",
        "DM {handle} (geen voicemails)",
    ),
    "en": (
        "📲 Order via {handle}",
        "Signal only: {phone}",
        "Wickr me: {wickr}",
        "👉 t.me/{slug}",
        "Session ID in bio, or DM {handle}",
    ),
    "de": ("📲 Bestellung über {handle}", "Nur Signal: {phone}", "👉 t.me/{slug}"),
    "fr": ("📲 Commande sur {handle}", "Contact Signal : {phone}", "👉 t.me/{slug}"),
}
EXTRAS = {
    "nl": (
        "Minimale bestelling 50 euro",
        "Geen vragen, geen gezeik",
        "Nieuwe klanten: eerst verifiëren",
        "Vandaag tot 02:00 bereikbaar",
    ),
    "en": (
        "Min order 50",
        "No time wasters",
        "New customers must verify first",
        "Open 10am till late",
    ),
    "de": ("Mindestbestellung 50€", "Keine Zeitverschwender"),
    "fr": ("Commande minimum 50€", "Pas de perte de temps"),
}
UNITS = {
    "nl": {"st": "st"},
    "en": {"st": "pcs"},
    "de": {"st": "Stk"},
    "fr": {"st": "pcs"},
}
# Made-up numbers in unused or fiction ranges: NL +31 6 00, UK Ofcom drama 07700 900xxx,
# FR ARCEP fiction 06 39 98 xx xx.
PHONES = {
    "nl": "+31 6 00{abc}",
    "en": "+44 7700 900{c}{a}",
    "de": "+31 6 00{abc}",
    "fr": "06 39 98 {a} {b}",
}
FROM = {"nl": "vanaf", "en": "from", "de": "ab", "fr": "dès"}
_HANDLE_PARTS = (
    ("dutch", "rdam", "holland", "lowlands", "polder", "mokum", "euro", "flying", "night"),
    ("plug", "connect", "delivery", "supply", "shop", "express", "menu", "bros"),
)


def _price(product: Product, quantity: int, index: int) -> int:
    # Bulk gets cheaper per unit, as on real menus; prices end in 0 or 5.
    value = product.price * quantity * (1 - 0.07 * index)
    return max(5, round(value / 5.0) * 5)


def _product_block(rng: random.Random, product: Product, layout: int, lang: str) -> str:
    name = rng.choice(product.names)
    start = rng.randrange(0, max(1, len(product.ladder) - 2))
    steps = product.ladder[start : start + rng.choice((2, 3, 3, 4))]
    pairs = [(q, _price(product, q, i)) for i, q in enumerate(steps)]
    unit = UNITS[lang].get(product.unit, product.unit)
    if layout == 0:
        lines = [f"{product.emoji} {name}"] + [f"{q}{unit} - €{p}" for q, p in pairs]
        return "\n".join(lines)
    if layout == 1:
        return f"{name}: " + " | ".join(f"{q}{unit}/{p}" for q, p in pairs)
    if layout == 2:
        return f"• {name} .......... " + ", ".join(f"{q}{unit} {p}e" for q, p in pairs)
    if layout == 3:
        return f"{product.emoji}{product.emoji} {name.upper()} " + " ".join(
            f"{q}={p}" for q, p in pairs
        )
    if rng.random() < 0.5:
        first_quantity, first_price = pairs[0]
        return f"{name} ({product.emoji}) {FROM[lang]} {first_price}/{first_quantity}{unit}"
    return f"{name} -> " + " / ".join(f"€{p} ({q}{unit})" for q, p in pairs)


def _contact(rng: random.Random, lang: str) -> str:
    handle = (
        "@"
        + rng.choice(_HANDLE_PARTS[0])
        + "_"
        + rng.choice(_HANDLE_PARTS[1])
        + str(rng.randrange(10, 99))
    )
    digits = "".join(str(rng.randrange(10)) for _ in range(6))
    phone = PHONES[lang].format(a=digits[:2], b=digits[2:4], c=digits[4:], abc=digits)
    return rng.choice(CONTACT[lang]).format(
        handle=handle,
        phone=phone,
        code="".join(rng.choice("ABCDEFGHJKMNPRSTUVWXYZ23456789") for _ in range(8)),
        wickr=handle[1:].replace("_", "."),
        slug=handle[1:],
    )


def menu(rng: random.Random, lang: str) -> str:
    """Return one menu text in ``lang``."""
    products = rng.sample(PRODUCTS, rng.choice((2, 3, 3, 4, 5)))
    layout = rng.randrange(5)
    blocks = [
        _product_block(rng, p, layout if rng.random() < 0.8 else rng.randrange(5), lang)
        for p in products
    ]
    tail = [rng.choice(DELIVERY[lang]), _contact(rng, lang), rng.choice(PAYMENT[lang])]
    if rng.random() < 0.6:
        tail.append(rng.choice(EXTRAS[lang]))
    rng.shuffle(tail)
    separator = "\n\n" if layout == 0 else "\n"
    parts = [rng.choice(HEADERS[lang]), separator.join(blocks), "\n".join(tail)]
    if rng.random() < 0.3:
        parts.pop(0)
    return "\n\n".join(parts)


def menu_records(counts: dict[str, int], seed: int = 2026) -> list[Record]:
    """Return ``counts[lang]`` menus per language, all drug offers."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not security
    records = []
    for lang, count in counts.items():
        for _ in range(count):
            records.append(
                Record(menu(rng, lang), True, "drugs", lang, "team:written/template-menu", False)
            )
    return records
