"""Lexicons: the words analysts maintain in ``data/lexicons/*.yaml``, loaded and checked.

Terms are grouped in the files to keep them short to review; each loaded ``Term`` carries
everything on its own: its label (what kind of word it is), canonical name, product class,
languages, ambiguity flag and source. Special files hold emoji codes (``emoji.yaml``), units
and currencies (``units.yaml``) and the words for language detection (``languages.yaml``).
A mistake in a file raises ``LexiconError`` naming the file and entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from nlp.taxonomy import Category

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicons"

# What a term can be; the labels are also the span labels shown to users.
PRODUCT = "PRODUCT"
LEGAL = "LEGAL"
PAYMENT = "PAYMENT"
DELIVERY = "DELIVERY"
PLACE = "PLACE"
CTA = "CTA"
SALES = "SALES"
NEGATIVE = "NEGATIVE"
LABELS = {
    "product": PRODUCT,
    "legal": LEGAL,
    "payment": PAYMENT,
    "delivery": DELIVERY,
    "place": PLACE,
    "cta": CTA,
    "sales": SALES,
    "negative": NEGATIVE,
}
CODE = "code"  # the ambiguity of code phrases: ``ambiguous: code``
LANGUAGES = frozenset({"nl", "en", "de", "fr", "es", "ru", "xx"})
_SPECIAL_FILES = frozenset({"emoji.yaml", "units.yaml", "languages.yaml"})
_GROUP_KEYS = frozenset({"kind", "class", "name", "lang", "source", "ambiguous", "terms"})
_TERM_KEYS = frozenset({"term", "lang", "source", "ambiguous"})
_MAX_TERM = 100


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase as written by analysts, with what it means."""

    text: str
    label: str
    name: str
    category: Category
    langs: tuple[str, ...]
    ambiguous: bool
    source: str
    # A code phrase of everyday words ("old lady", "salt and pepper"): as a product it counts
    # only where drugs are plainly talked about, not beside any price. Implies ``ambiguous``.
    code: bool = False


@dataclass(frozen=True, slots=True)
class EmojiCode:
    """An emoji used as a code word: for a product, for dealing, for delivery."""

    emoji: str
    label: str
    name: str
    category: Category


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything loaded from one lexicon directory."""

    terms: tuple[Term, ...]
    emoji: tuple[EmojiCode, ...]
    units: Mapping[str, str]
    currencies: Mapping[str, str]
    other_units: frozenset[str]
    stopwords: Mapping[str, frozenset[str]]
    hints: Mapping[str, frozenset[str]]
    sources: Mapping[str, str]


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Load and check every ``*.yaml`` file in ``directory`` (default: the repo's lexicons)."""
    directory = directory or DEFAULT_DIR
    if not directory.is_dir():
        raise LexiconError(f"lexicon directory not found: {directory}")
    files = {
        path.name: _read(path)
        for path in sorted(directory.glob("*.yaml"))
        if path.name not in _SPECIAL_FILES
    }
    sources: dict[str, str] = {}
    for name, data in files.items():
        declared = _mapping(data.get("sources", {}), f"{name}: sources")
        sources.update({str(k): str(v) for k, v in declared.items()})
    terms: list[Term] = []
    for name, data in files.items():
        for index, group in enumerate(_list(data.get("groups", []), f"{name}: groups")):
            terms.extend(_group_terms(group, f"{name}: group {index + 1}", sources))
    return Lexicon(
        terms=tuple(terms),
        emoji=_emoji(directory / "emoji.yaml"),
        units=_aliases(directory / "units.yaml", "units"),
        currencies=_aliases(directory / "units.yaml", "currencies"),
        other_units=_words(directory / "units.yaml", "other"),
        stopwords=_language_words(directory / "languages.yaml", "stopwords"),
        hints=_language_words(directory / "languages.yaml", "hints"),
        sources=sources,
    )


def _group_terms(group: object, where: str, sources: Mapping[str, str]) -> list[Term]:
    group = _mapping(group, where)
    unknown = set(group) - _GROUP_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
    kind = str(group.get("kind", ""))
    if kind not in LABELS:
        raise LexiconError(f"{where}: kind must be one of {sorted(LABELS)}, got {kind!r}")
    name = _text(group.get("name"), f"{where}: name")
    where = f"{where} ({name})"
    category = _category(group.get("class"), kind, where)
    default_langs = _langs(group.get("lang"), where)
    default_source = _source(group.get("source"), where, sources)
    default_ambiguous = group.get("ambiguous", False)
    terms = []
    for raw in _list(group.get("terms"), f"{where}: terms"):
        entry = _mapping(raw, where) if isinstance(raw, dict) else {"term": raw}
        unknown = set(entry) - _TERM_KEYS
        if unknown:
            raise LexiconError(f"{where}: term {entry!r} has unknown keys {sorted(unknown)}")
        text = _term_text(entry.get("term"), f"{where}: term")
        ambiguous, code = _ambiguity(entry.get("ambiguous", default_ambiguous), where)
        terms.append(
            Term(
                text=text,
                label=LABELS[kind],
                name=text if kind == "place" else name,
                category=category,
                langs=_langs(entry["lang"], where) if "lang" in entry else default_langs,
                ambiguous=ambiguous,
                source=(
                    _source(entry["source"], where, sources)
                    if "source" in entry
                    else default_source
                ),
                code=code,
            )
        )
    return terms


def _category(value: object, kind: str, where: str) -> Category:
    """A product's class; for a legal word, the one class whose ambiguous words it
    disambiguates (cookies beside drug words, not beside stolen-data "logs"), else any."""
    if kind == "legal" and value is None:
        return Category.NONE
    if kind not in ("product", "legal"):
        if value is not None:
            raise LexiconError(f"{where}: only product and legal groups have a class")
        return Category.NONE
    try:
        category = Category(str(value))
    except ValueError:
        raise LexiconError(f"{where}: unknown class {value!r}") from None
    if category is Category.NONE:
        raise LexiconError(f"{where}: a class other than none is needed")
    return category


def _emoji(path: Path) -> tuple[EmojiCode, ...]:
    if not path.exists():
        return ()
    codes = []
    for index, raw in enumerate(_list(_read(path).get("emoji", []), f"{path.name}: emoji")):
        where = f"{path.name}: entry {index + 1}"
        entry = _mapping(raw, where)
        kind = str(entry.get("kind", ""))
        codes.append(
            EmojiCode(
                emoji=_text(entry.get("emoji"), f"{where}: emoji"),
                label=LABELS.get(kind) or _fail(f"{where}: unknown kind {kind!r}"),
                name=_text(entry.get("name"), f"{where}: name"),
                category=_category(entry.get("class"), kind, where),
            )
        )
    return tuple(codes)


def _aliases(path: Path, key: str) -> dict[str, str]:
    """``{canonical: [alias, ...]}`` in the file -> ``{alias: canonical}``."""
    if not path.exists():
        return {}
    table: dict[str, str] = {}
    for canonical, aliases in _mapping(_read(path).get(key, {}), f"{path.name}: {key}").items():
        for alias in _list(aliases, f"{path.name}: {key}.{canonical}"):
            table[_text(alias, f"{path.name}: {key}.{canonical}").lower()] = str(canonical)
    return table


def _words(path: Path, key: str) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    items = _list(_read(path).get(key, []), f"{path.name}: {key}")
    return frozenset(_text(item, f"{path.name}: {key}").lower() for item in items)


def _language_words(path: Path, key: str) -> dict[str, frozenset[str]]:
    if not path.exists():
        return {}
    words = _mapping(_read(path).get(key, {}), f"{path.name}: {key}")
    return {
        str(lang): frozenset(str(w).lower() for w in _list(items, f"{path.name}: {lang}"))
        for lang, items in words.items()
    }


def _read(path: Path) -> dict[str, Any]:
    try:
        # The C loader when present: the lexicons are thousands of lines.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    except yaml.YAMLError as error:
        raise LexiconError(f"{path.name}: not valid YAML: {error}") from None
    return _mapping(data or {}, path.name)


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value):
        raise LexiconError(f"{where}: expected text, got {value!r}")
    text = str(value)
    if len(text) > _MAX_TERM:
        raise LexiconError(f"{where}: longer than {_MAX_TERM} characters: {text[:40]!r}...")
    return text


def _term_text(value: object, where: str) -> str:
    """A term as YAML text. A number is refused: inside ``[...]`` YAML reads ``0,3% thc`` as
    the number 0 and ``3% thc``, and a bare "0" would then match every zero in a post."""
    if not isinstance(value, str):
        raise LexiconError(
            f"{where}: expected text, got the {type(value).__name__} {value!r} "
            "(quote numbers and terms with commas)"
        )
    return _text(value, where)


def _langs(value: object, where: str) -> tuple[str, ...]:
    langs = tuple(str(v) for v in _list(value, f"{where}: lang"))
    unknown = set(langs) - LANGUAGES
    if not langs or unknown:
        raise LexiconError(f"{where}: lang must be a non-empty list of {sorted(LANGUAGES)}")
    return langs


def _source(value: object, where: str, sources: Mapping[str, str]) -> str:
    source = str(value or "")
    if source not in sources:
        raise LexiconError(f"{where}: source {source!r} is not declared under sources")
    return source


def _ambiguity(value: object, where: str) -> tuple[bool, bool]:
    """``ambiguous: true | false | code`` as (ambiguous, code)."""
    if value == CODE:
        return True, True
    if not isinstance(value, bool):
        raise LexiconError(f"{where}: ambiguous must be true, false or code, got {value!r}")
    return value, False


def _fail(message: str) -> str:
    raise LexiconError(message)
