"""``meldpunt_contacts``: how to reach the seller.

Telegram handles and links, WhatsApp links, e-mail addresses, Session ids, messenger ids
written as ``wickr: name`` or ``signal: +31 6...``, and phone numbers (validated with the
``phonenumbers`` package, default region configurable). URLs are recorded, never fetched.
Telegram links and handles taken apart to slip past filters (``t . me / plug``,
``t[.]me/plug``, ``@ plug_nl``) are recorded with their canonical value, and also as an
evasion in ``doc.user_data["meldpunt_evasion"]``.

Results: ``doc.user_data["meldpunt_contacts"]``, a list of ``[kind, start, end, value]``
where value is the canonical form (E.164 for phone numbers) or None to use the text as
written; with ``write_spans`` (the default) also ``doc.spans["meldpunt_contacts"]`` (CONTACT
spans, ``kb_id_`` = kind).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import phonenumbers
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from nlp.components.batching import pipe_in_batches
from nlp.components.terms import EVASION_DATA_KEY, PRODUCTS_KEY
from nlp.components.text import FOLDS_TO_ASCII, doc_text

SPANS_KEY = "meldpunt_contacts"
DATA_KEY = "meldpunt_contacts"
CONTACT = "CONTACT"
_FILE = "contacts.json"
_MAX_PHONES = 10
_MAX_MATCHES = 100

# Messenger names as written -> the kind we report.
_APPS = {
    "wickr": "wickr",
    "wickr me": "wickr",
    "wickrme": "wickr",
    "signal": "signal",
    "threema": "threema",
    "session": "session",
    "snapchat": "snapchat",
    "snap": "snapchat",
    "whatsapp": "whatsapp",
    "whats app": "whatsapp",
    "watsapp": "whatsapp",
    "wa": "whatsapp",
    "instagram": "instagram",
    "insta": "instagram",
    "ig": "instagram",
    "potato": "potato",
    "kik": "kik",
    "discord": "discord",
    "element": "element",
    "telegram": "telegram",
    "tg": "telegram",
    "teams": "teams",
}
# Names that are words too: these need a separator (``signal: x``), the others do not.
_NEEDS_SEPARATOR = frozenset({"signal", "session", "snap", "wa", "ig", "element", "teams", "tg"})
_APP_NAMES = "|".join(re.escape(n) for n in sorted(_APPS, key=len, reverse=True))
# How matches of the patterns scanned with ``_scan`` can begin (lower case).
_APP_STARTS = tuple(_APPS)

# Each pattern is only run when a cheap substring test says it can match.
_TELEGRAM_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:t|telegram)\.(?:me|dog)/(?:joinchat/|\+)?[\w-]{3,64}",
    re.IGNORECASE,
)
_WHATSAPP_LINK = re.compile(
    r"(?:https?://)?(?:wa\.me/\+?\d{6,15}|chat\.whatsapp\.com/[\w-]{8,40})", re.IGNORECASE
)
_AT = re.compile(r"@[a-z0-9_][\w.-]{0,63}", re.IGNORECASE)
_LOCAL_PART = re.compile(r"[\w.+-]{1,64}$", re.IGNORECASE)
_DOMAIN = re.compile(r"@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,4}", re.IGNORECASE)
_HANDLE = re.compile(r"@[a-z][\w]{3,31}(?![\w@])", re.IGNORECASE)
# A Telegram link taken apart so that filters miss it: "t . me / plug", "t[.]me/plug",
# "t dot me/plug". Telegram usernames are 5 to 32 letters, digits and underscores.
_DISGUISED_LINK = re.compile(
    r"(?<![\w.])(?:t|telegram)"
    r"(?:\s{0,2}(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))\s{0,2}|\s{1,2}(?:dot|punt)\s{1,2})"
    r"(?:me|dog)\s{0,2}/\s{0,2}(?P<name>[a-z0-9_]{5,32})(?!\w)",
    re.IGNORECASE,
)
_LINK_GAP = re.compile(r"me\s{0,2}/")  # what every disguised link holds
# "@ plugnl": a handle with a space after its @. "@ home" and "@ the station" are places, so
# the name must look like a username (a digit or underscore in it) or follow a word that
# asks to be contacted ("contact @ plugnl", "dm @ plugnl").
_SPACED_HANDLE = re.compile(
    r"(?<![\w@])@\s{1,2}(?P<name>[a-z][a-z0-9_]{4,31})(?![\w@])", re.IGNORECASE
)
_CONTACT_CUE = re.compile(
    r"(?:^|\W)(?:contact|kontakt|contacteer|dm|pm|add|hmu|message|msg|text|tg|telegram"
    r"|app|bericht|schreib|écris)\W{0,3}$",
    re.IGNORECASE,
)
_CUE_REACH = 16
DISGUISED = "disguised_contact"  # the evasion kind of a contact written apart
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']{3,200}", re.IGNORECASE)
_ONION = re.compile(r"[a-z2-7]{16,56}\.onion", re.IGNORECASE)
_SESSION = re.compile(r"05[0-9a-f]{64}", re.IGNORECASE)
_LINK_STARTS = ("http", "www.", "t.", "telegram.")
_URL_STARTS = ("http", "www.")
# Between the app and the id: a colon, equals sign or arrow ("tg: x", "wickr -> x"), a
# pointing or phone emoji ("snap 👻 x", "signal 📲 x"), a dash with spaces around it
# ("signal - x"), or a space. A dash glued to the name joins a compound
# noun: "Telegram-Shops", "WhatsApp-Gruppe".
_MESSENGER = re.compile(
    rf"(?P<app>{_APP_NAMES})(?![a-z0-9])"
    r"(?:[\s\-–]?(?:id|me|nr|nummer|number|user(?:name)?|naam|name|handle))?"  # threema-id
    r"(?P<sep>\s?(?:[:=>→][:=>→\-–]?|[\-–][:=>→]|[👻📲📱📞☎👉➡])\s?|\s[\-–]{1,2}\s|\s)"
    r"@?(?P<id>\+?\d[\d \-.]{6,18}\d|\+?[\w.\-]{3,66})",
    re.IGNORECASE,
)
_PHONE = re.compile(r"[+(\d][\d \-./()]{6,16}\d")
_WORD_ID = re.compile(r"[a-z][\w.\-]*", re.IGNORECASE)
_LOOKS_LIKE_ID = re.compile(r"[\d_.]")  # without a separator an id needs a digit, _ or .
_USERNAME_JOINER = re.compile(r"[_.]")
_APP_HINTS = (
    "wickr",
    "signal",
    "threema",
    "session",
    "snap",
    "whats",
    "watsapp",
    "insta",
    "potato",
    "kik",
    "discord",
    "element",
    "telegram",
    "teams",
    "wa",
    "ig",
    "tg",
)
# The app names each hint is part of. A name can only be in a post that holds every part of
# it, so only the names of the hints a post holds are looked for (most posts hold just "wa",
# "ig" or "tg", inside words such as "waar" and "high"); a name without any hint always is.
_NAMES_WITH = {hint: tuple(name for name in _APP_STARTS if hint in name) for hint in _APP_HINTS}
_NAMES_WITHOUT_HINT = tuple(
    name for name in _APP_STARTS if not any(hint in name for hint in _APP_HINTS)
)
_DIGITS = b"0123456789"
# Mobile numbers of the two home markets, read by their shape: fast, and they include the
# ranges kept free for fiction (06-00, 07700 900), which ``phonenumbers`` calls invalid.
_MOBILES = (
    (re.compile(r"(?:\+31|0031|0)[\s.\-()]*6(?:[\s.\-]*\d){8}"), "+316", 8),
    (re.compile(r"(?:(?:\+44|0044)[\s.\-]*(?:\(0\))?|0)[\s.\-]*7(?:[\s.\-]*\d){9}"), "+447", 9),
)
_MAX_REMEMBERED = 4096


class ContactExtractor:
    """Extracts contacts; serialisable with ``to_disk``/``from_disk``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "meldpunt_contacts",
        region: str = "NL",
        write_spans: bool = True,
        only_with_products: bool = False,
    ) -> None:
        self.name = name
        self.region = region
        self.write_spans = write_spans
        self.only_with_products = only_with_products
        self._phones_seen: dict[str, str | None] = {}

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process ``stream`` a batch at a time (see ``nlp.components.batching``)."""
        return pipe_in_batches(self, stream, batch_size)

    def __call__(self, doc: Doc) -> Doc:
        if self.only_with_products and not doc.user_data.get(PRODUCTS_KEY):
            doc.user_data[DATA_KEY] = []
            return doc
        text = doc_text(doc)
        records: list[list[Any]] = []
        lowered = text.lower()  # the analyser's text is lower case already; others may not be
        if ".me/" in lowered or ".dog/" in lowered:
            _add(records, "telegram", _scan(_TELEGRAM_LINK, _LINK_STARTS, text, lowered), text)
        if "wa.me/" in lowered or "whatsapp.com/" in lowered:
            _add(records, "whatsapp", _WHATSAPP_LINK.finditer(text), text)
        if "@" in text:
            self._at_signs(text, records)
        disguised = _disguised(text, lowered, records)
        if "http" in lowered or "www." in lowered:
            _add(records, "url", _scan(_URL, _URL_STARTS, text, lowered), text)
        if ".onion" in lowered:
            _add(records, "onion", _ONION.finditer(text), text)
        if len(text) >= 66 and "05" in text:
            _add(records, "session", _SESSION.finditer(text), text)
        hints = [hint for hint in _APP_HINTS if hint in lowered]
        if hints:
            messengers = _scan(_MESSENGER, _app_names(hints), text, lowered)
            for match in islice(messengers, _MAX_MATCHES):  # as many as of any other kind
                if match.start() > 0 and text[match.start() - 1].isalnum():
                    continue
                record = self._messenger(match)
                if record is not None and not _covered(record[1], record[2], records):
                    records.append(record)
        encoded = text.encode("utf-8", "surrogatepass")
        if len(encoded) - len(encoded.translate(None, _DIGITS)) >= 8:
            records.extend(self._phones(text, records))
        if len(records) > 1:
            records.sort(key=lambda r: (r[1], r[2]))
        doc.user_data[DATA_KEY] = records
        if disguised:
            evasions = doc.user_data.setdefault(EVASION_DATA_KEY, [])
            evasions.extend([DISGUISED, start, end] for start, end in disguised)
        if not self.write_spans:
            return doc
        spans = []
        for kind, start, end, _ in records:
            span = doc.char_span(start, end, label=CONTACT, kb_id=kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def _at_signs(self, text: str, records: list[list[Any]]) -> None:
        """@handles and e-mail addresses, found from their @."""
        for index, match in enumerate(_AT.finditer(text)):
            if index >= _MAX_MATCHES:
                break
            at = match.start()
            if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "._+-"):
                local = _LOCAL_PART.search(text, max(0, at - 64), at)
                domain = _DOMAIN.match(text, at)
                if local is not None and domain is not None:
                    _record(records, "email", local.start(), domain.end())
                continue
            handle = _HANDLE.match(text, at)
            if handle is not None and (at == 0 or text[at - 1] not in "/@"):
                _record(records, "handle", at, handle.end())

    def _messenger(self, match: re.Match[str]) -> list[Any] | None:
        app, identifier = match.group("app").lower(), match.group("id").rstrip(".-")
        if not match.group("sep").strip() and not _username_after_word(app, identifier):
            return None  # "telegram krijgt", "snapchat coke", "snap decision": words, not ids
        kind = _APPS[app]
        digits = re.sub(r"\D", "", identifier)
        start = match.start("id")
        if len(digits) >= 8 and len(digits) >= len(identifier) - 4:
            phone = self._parse_phone(identifier)
            if phone is None:
                return None
            return [kind, start, start + len(identifier), phone]
        if not _WORD_ID.fullmatch(identifier) or len(identifier) < 3:
            return None
        return [kind, start, start + len(identifier), None]

    def _phones(self, text: str, taken: list[list[Any]]) -> list[list[Any]]:
        found: list[list[Any]] = []
        for index, match in enumerate(_PHONE.finditer(text)):
            if index >= _MAX_PHONES:
                break
            start, end = match.span()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "+/.,"):
                continue
            if end < len(text) and (text[end].isalnum() or text[end] == "/"):
                continue
            if _covered(start, end, taken):
                continue
            for begin in _phone_starts(text, start, end):
                phone = self._parse_phone(text[begin:end])
                if phone is not None:
                    found.append(["phone", begin, end, phone])
                    break
        return found

    def _parse_phone(self, raw: str) -> str | None:
        """E.164 form of a phone number, or None. Dutch and UK mobiles (06-..., 07...) are
        read directly; other numbers go through ``phonenumbers`` (slow), remembered per
        written form."""
        digits = re.sub(r"[^\d+]", "", raw)
        if not 8 <= len(digits.lstrip("+")) <= 15:
            return None
        for shape, prefix, length in _MOBILES:
            if shape.fullmatch(raw):
                return prefix + digits[-length:]
        if raw in self._phones_seen:
            return self._phones_seen[raw]
        if len(self._phones_seen) >= _MAX_REMEMBERED:
            self._phones_seen.clear()
        self._phones_seen[raw] = found = self._validate(raw)
        return found

    def _validate(self, raw: str) -> str | None:
        try:
            number = phonenumbers.parse(raw, self.region)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_valid_number(number):
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the settings (the default phone region) as JSON."""
        directory = ensure_path(path)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / _FILE).write_text(json.dumps({"region": self.region}), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ContactExtractor:
        """Load settings written by ``to_disk``."""
        data = json.loads((ensure_path(path) / _FILE).read_text(encoding="utf-8"))
        self.region = str(data["region"])
        return self


def _disguised(text: str, lowered: str, records: list[list[Any]]) -> list[tuple[int, int]]:
    """Telegram links and handles written apart ("t . me / plug", "@ plug_nl"), recorded
    with their canonical value; returns where they are, for the evasion signal."""
    found: list[tuple[int, int]] = []
    if "me" in lowered and _LINK_GAP.search(lowered):
        for match in islice(_DISGUISED_LINK.finditer(text), _MAX_MATCHES):
            start, end = match.span()
            if not _covered(start, end, records):
                records.append(["telegram", start, end, "t.me/" + match.group("name").lower()])
                found.append((start, end))
    if "@ " in text or "@\t" in text:
        for match in islice(_SPACED_HANDLE.finditer(text), _MAX_MATCHES):
            start, end = match.span()
            name = match.group("name")
            cue = _CONTACT_CUE.search(text, max(0, start - _CUE_REACH), start)
            if (cue is not None or _LOOKS_LIKE_ID.search(name)) and not _covered(
                start, end, records
            ):
                records.append(["handle", start, end, "@" + name.lower()])
                found.append((start, end))
    return found


def _username_after_word(app: str, identifier: str) -> bool:
    """Whether ``identifier``, after ``app`` and a space only, reads as an id: it needs a
    digit, ``_`` or ``.``; after an app name that is also a word ("snap", "signal"), a ``_``
    or ``.`` inside it ("snap glesga.nights"), as numbers follow such words every day."""
    if app not in _NEEDS_SEPARATOR:
        return _LOOKS_LIKE_ID.search(identifier) is not None
    return _USERNAME_JOINER.search(identifier.strip("._")) is not None


def _app_names(hints: list[str]) -> tuple[str, ...]:
    """The app names a post holding ``hints`` (and no other hint) can contain."""
    names = dict.fromkeys(name for hint in hints for name in _NAMES_WITH[hint])
    return (*names, *_NAMES_WITHOUT_HINT)


def _scan(
    pattern: re.Pattern[str], starts: tuple[str, ...], text: str, lowered: str
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying only where one of ``starts`` begins.

    ``starts`` are lower-case ASCII strings such that every match of ``pattern``
    (IGNORECASE) begins with one of them. Posts with characters that IGNORECASE lets stand
    for ASCII letters get the plain scan.
    """
    if len(lowered) != len(text) or not FOLDS_TO_ASCII.isdisjoint(text):
        yield from pattern.finditer(text)
        return
    found: set[int] = set()
    for start in starts:
        at = lowered.find(start)
        while at >= 0:
            found.add(at)
            at = lowered.find(start, at + 1)
    reached = 0  # finditer resumes after each match
    for at in sorted(found):
        if at >= reached:
            match = pattern.match(text, at)
            if match is not None:
                reached = match.end()
                yield match


def _phone_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Where a phone number in ``text[start:end]`` may begin: at its start, then after each
    space, as a price may run into it ("€60 06-12345678")."""
    yield start
    for index in range(start + 1, end):
        if text[index - 1] == " " and text[index] != " ":
            yield index


def _add(records: list[list[Any]], kind: str, matches: Iterator[re.Match[str]], text: str) -> None:
    for index, match in enumerate(matches):
        if index >= _MAX_MATCHES:
            break
        start = match.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "./"):
            continue
        _record(records, kind, start, match.end())


def _record(records: list[list[Any]], kind: str, start: int, end: int) -> None:
    if not _covered(start, end, records):
        records.append([kind, start, end, None])


def _covered(start: int, end: int, records: list[list[Any]]) -> bool:
    return any(start < r[2] and r[1] < end for r in records)


@Language.factory(
    "meldpunt_contacts",
    default_config={"region": "NL", "write_spans": True, "only_with_products": False},
)
def make_contact_extractor(
    nlp: Language, name: str, region: str, write_spans: bool, only_with_products: bool
) -> ContactExtractor:
    """Factory: ``region`` is the default country for phone numbers without +code.

    ``only_with_products`` skips posts in which ``meldpunt_terms`` found no product.
    """
    return ContactExtractor(nlp, name, region, write_spans, only_with_products)
