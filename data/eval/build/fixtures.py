"""Take real texts from the shared fixtures and label them by hand (the tables below).

Why a fixed table of line numbers and not a heuristic: every real text in the set carries a
label a person chose after reading it; the table is that decision, reviewable line by line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from items import Record
from selectolax.lexbor import LexborHTMLParser

# tg-spam_spam-samples.txt, 0-based line number -> (category, hard, lang).
# Offers: counterfeit roubles/dollars, stolen or drop bank and courier accounts, an e-mail
# flooding (bombing) service. Everything else chosen here is a job, earning, betting or
# crypto scam, an ad sale or a service: not an offer of an illegal product (category none).
# Hard negatives share the vocabulary of offers: prices, @handles, t.me links, "sale",
# homoglyph evasion, a courier job, or "not drugs". Left out on purpose: sexual and escort
# spam (not a product class of ours, and labelling it either way would mislead), and
# near-copies of lines already taken (e.g. 154 repeats 152, 97 and 119 repeat 86).
SPAM_LABELS: dict[int, tuple[str, bool, str]] = {
    73: ("other_illegal", False, "ru"),
    79: ("stolen_data", False, "ru"),
    83: ("counterfeit_money", False, "ru"),
    84: ("counterfeit_money", False, "ru"),
    109: ("counterfeit_money", False, "ru"),
    124: ("counterfeit_money", False, "ru"),
    127: ("counterfeit_money", False, "ru"),
    152: ("counterfeit_money", False, "ru"),
    0: ("none", False, "en"),
    7: ("none", True, "en"),
    9: ("none", False, "en"),
    10: ("none", False, "en"),
    13: ("none", False, "en"),
    15: ("none", True, "en"),
    21: ("none", False, "en"),
    25: ("none", False, "en"),
    26: ("none", True, "en"),
    32: ("none", False, "en"),
    37: ("none", True, "en"),
    46: ("none", False, "en"),
    47: ("none", True, "en"),
    48: ("none", False, "ru"),
    50: ("none", True, "ru"),
    52: ("none", False, "ru"),
    53: ("none", False, "ru"),
    54: ("none", False, "ru"),
    55: ("none", False, "ru"),
    58: ("none", True, "ru"),
    60: ("none", True, "ru"),
    61: ("none", True, "ru"),
    62: ("none", True, "ru"),
    64: ("none", False, "ru"),
    71: ("none", False, "ru"),
    77: ("none", True, "ru"),
    85: ("none", True, "ru"),
    86: ("none", False, "ru"),
    90: ("none", False, "ru"),
    94: ("none", False, "ru"),
    106: ("none", False, "ru"),
    108: ("none", True, "ru"),
    114: ("none", True, "ru"),
    115: ("none", False, "ru"),
    144: ("none", False, "ru"),
    147: ("none", False, "ru"),
    148: ("none", True, "ru"),
    158: ("none", False, "ru"),
    172: ("none", True, "ru"),
    180: ("none", False, "ru"),
}

# Web-preview pages: ordinary channel posts (Telegram's own news in English, a Russian
# court press service). Court posts that name forgery or explosives are hard negatives.
WEBPREVIEW_PAGES: dict[str, str] = {"telegram.html": "en", "sudpress53.html": "ru"}
HARD_WORDS = re.compile(r"взрыв|подделк|мошенничеств|offers", re.IGNORECASE)
# Snippet pages with an English (or language-free) text worth keeping as a negative.
SNIPPETS = (
    "parse_signed_edited_text_message.html",
    "parse_text_message_link_no_preview.html",
    "parse_text_message_link_with_right_preview.html",
    "parse_text_message_multiline.html",
    "parse_text_reply_to_video.html",
    "parse_photo_single.html",
)
# Desktop export message ids whose text reads like a message (the others name a media or
# poll kind, e.g. "Paid media", and would only add noise).
DESKTOP_IDS: dict[str, frozenset[int]] = {
    "result.json": frozenset({1, 2, 84, 85, 86}),
    "result_group.json": frozenset({7, 14, 25, 34, 35, 42, 43, 44}),
}
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def spam_records(path: Path) -> list[Record]:
    """Return the labelled lines of the tg-spam sample file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    records = []
    for number, (category, hard, lang) in sorted(SPAM_LABELS.items()):
        records.append(
            Record(
                text=lines[number].strip(),
                offer=category != "none",
                category=category,
                lang=lang,
                source="fixture:tg-spam",
                hard=hard,
            )
        )
    return records


def _post_texts(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    texts = []
    for node in tree.css(".tgme_widget_message_text"):
        inner = LexborHTMLParser(_BR.sub("\n", node.html or ""))
        body = inner.body
        text = (body.text(separator="") if body is not None else "").strip()
        if text:
            texts.append(text)
    return texts


def webpreview_records(folder: Path) -> list[Record]:
    """Return every post text of the saved pages and the chosen snippets, as negatives."""
    records = []
    for name, lang in WEBPREVIEW_PAGES.items():
        for text in _post_texts((folder / name).read_text(encoding="utf-8")):
            hard = bool(HARD_WORDS.search(text))
            source = f"fixture:webpreview/{name}"
            records.append(Record(text, False, "none", lang, source, hard))
    for name in SNIPPETS:
        for text in _post_texts((folder / "snippets" / name).read_text(encoding="utf-8")):
            source = f"fixture:webpreview/snippets/{name}"
            records.append(Record(text, False, "none", "en", source, False))
    return records


def _flat_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(_flat_text(part) for part in value)
    if isinstance(value, dict):
        return _flat_text(value.get("text", ""))
    return ""


def desktop_export_records(folder: Path) -> list[Record]:
    """Return the chosen message texts of the two Desktop export files, as negatives."""
    records = []
    for name, ids in DESKTOP_IDS.items():
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        for message in data.get("messages", []):
            text = _flat_text(message.get("text", "")).strip()
            if message.get("id") in ids and text:
                source = f"fixture:desktop_export/{name}"
                records.append(Record(text, False, "none", "en", source, False))
    return records
