"""Check a statement of reasons against the rules of the DSA Transparency Database (API v2).

The rules mirror the database's own request validation, so an export that passes here is not
sent back: required fields, enumerations, lengths, the puid alphabet, dates and their ranges,
the conditional ``*_other`` and ground fields, and at least one kind of restriction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from inbox.dsa.enums import EEA_COUNTRY_CODES, DsaEnums, load_enums
from inbox.dsa.statement import (
    DECISION_FACTS_MAX,
    EXPLANATION_MAX,
    LEGAL_GROUND_MAX,
    OTHER_SPECIFICATION_MAX,
    PUID_MAX,
    SOURCE_IDENTITY_MAX,
)

_REQUIRED = (
    "decision_ground",
    "category",
    "content_type",
    "content_date",
    "application_date",
    "decision_facts",
    "source_type",
    "automated_detection",
    "automated_decision",
    "puid",
)
_RESTRICTIONS = (
    "decision_visibility",
    "decision_monetary",
    "decision_provision",
    "decision_account",
)
_GROUND_FIELDS = {
    "DECISION_GROUND_ILLEGAL_CONTENT": (
        ("illegal_content_legal_ground", LEGAL_GROUND_MAX),
        ("illegal_content_explanation", EXPLANATION_MAX),
    ),
    "DECISION_GROUND_INCOMPATIBLE_CONTENT": (
        ("incompatible_content_ground", LEGAL_GROUND_MAX),
        ("incompatible_content_explanation", EXPLANATION_MAX),
    ),
}
_TEXT_LIMITS = {
    "decision_facts": DECISION_FACTS_MAX,
    "source_identity": SOURCE_IDENTITY_MAX,
    "puid": PUID_MAX,
    "category_specification_other": OTHER_SPECIFICATION_MAX,
    "decision_ground_reference_url": 500,
}
# (choice field, value that needs a specification, the specification field)
_OTHER_FIELDS = (
    ("decision_visibility", "DECISION_VISIBILITY_OTHER", "decision_visibility_other"),
    ("decision_monetary", "DECISION_MONETARY_OTHER", "decision_monetary_other"),
    ("content_type", "CONTENT_TYPE_OTHER", "content_type_other"),
)
# Each date field with its inclusive range, as the database checks them.
_DATES = {
    "content_date": (date(2000, 1, 1), date(2038, 1, 1)),
    "application_date": (date(2020, 1, 1), date(2038, 1, 1)),
    "end_date_account_restriction": (date.min, date(2038, 1, 1)),
    "end_date_monetary_restriction": (date.min, date(2038, 1, 1)),
    "end_date_service_restriction": (date.min, date(2038, 1, 1)),
    "end_date_visibility_restriction": (date.min, date(2038, 1, 1)),
}
_PUID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_LIST_ENUMS: dict[str, Callable[[DsaEnums], frozenset[str]]] = {
    "decision_visibility": lambda e: e.decision_visibilities,
    "content_type": lambda e: e.content_types,
    "category_specification": lambda e: e.keywords,
    "category_addition": lambda e: e.categories,
}
_ONE_ENUMS: dict[str, Callable[[DsaEnums], frozenset[str]]] = {
    "decision_ground": lambda e: e.decision_grounds,
    "category": lambda e: e.categories,
    "source_type": lambda e: e.source_types,
    "automated_detection": lambda e: e.automated_detections,
    "automated_decision": lambda e: e.automated_decisions,
    "decision_monetary": lambda e: e.decision_monetaries,
    "decision_provision": lambda e: e.decision_provisions,
    "decision_account": lambda e: e.decision_accounts,
    "account_type": lambda e: e.account_types,
    "incompatible_content_illegal": lambda e: e.incompatible_content_illegals,
}
_OTHER_KNOWN = {
    "illegal_content_legal_ground",
    "illegal_content_explanation",
    "incompatible_content_ground",
    "incompatible_content_explanation",
    "decision_visibility_other",
    "decision_monetary_other",
    "content_type_other",
    "territorial_scope",
    "content_language",
}
KNOWN_FIELDS = frozenset(
    {*_REQUIRED, *_RESTRICTIONS, *_TEXT_LIMITS, *_DATES, *_LIST_ENUMS, *_ONE_ENUMS, *_OTHER_KNOWN}
)


def validate_statement(obj: object, enums: DsaEnums | None = None) -> list[str]:
    """Every problem with ``obj`` as a statement of reasons, in plain words; empty when valid.

    ``enums`` defaults to the enumerations in ``data/dsa/statement_enums.json``.
    """
    if not isinstance(obj, Mapping):
        return ["a statement must be a JSON object"]
    allowed = enums if enums is not None else load_enums()
    problems: list[str] = []
    for key in obj:
        if key not in KNOWN_FIELDS:
            problems.append(f"unknown field {str(key)[:60]!r}")
    for field in _REQUIRED:
        if _is_empty(obj.get(field)):
            problems.append(f"required field '{field}' is missing or empty")
    problems += _check_characters(obj)
    problems += _check_enums(obj, allowed)
    problems += _check_ground(obj)
    problems += _check_texts(obj)
    problems += _check_dates(obj)
    problems += _check_scope(obj)
    if all(_is_empty(obj.get(field)) for field in _RESTRICTIONS):
        problems.append(f"at least one of {', '.join(_RESTRICTIONS)} is required")
    return problems


def _check_characters(obj: Mapping[str, object]) -> list[str]:
    """Control characters and unpaired surrogates break storage and encoding downstream."""
    problems: list[str] = []
    for field, value in obj.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and any(_is_bad_char(c) for c in text):
                problems.append(
                    f"field {str(field)[:60]!r} contains control characters or unpaired surrogates"
                )
                break
    return problems


def _is_bad_char(char: str) -> bool:
    code = ord(char)
    return (code < 32 and char not in "\t\n\r") or code == 127 or 0xD800 <= code <= 0xDFFF


def _check_enums(obj: Mapping[str, object], enums: DsaEnums) -> list[str]:
    problems: list[str] = []
    for field, values_of in _ONE_ENUMS.items():
        value = obj.get(field)
        if value is None:
            continue
        if not isinstance(value, str) or value not in values_of(enums):
            problems.append(f"field '{field}': {_show(value)} is not an allowed value")
    for field, values_of in _LIST_ENUMS.items():
        value = obj.get(field)
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(f"field '{field}' must be a list")
            continue
        for item in value:
            if not isinstance(item, str) or item not in values_of(enums):
                problems.append(f"field '{field}': {_show(item)} is not an allowed value")
        if len(set(map(str, value))) != len(value):
            problems.append(f"field '{field}' repeats a value")
    for field, other_value, other_field in _OTHER_FIELDS:
        chosen = obj.get(field)
        needs = chosen == other_value or (isinstance(chosen, list) and other_value in chosen)
        if needs and _is_empty(obj.get(other_field)):
            problems.append(f"field '{other_field}' is required when '{field}' is {other_value}")
        elif not needs and other_field in obj:
            problems.append(f"field '{other_field}' is only allowed with {other_value}")
    return problems


def _check_ground(obj: Mapping[str, object]) -> list[str]:
    ground = obj.get("decision_ground")
    problems: list[str] = []
    for name, fields in _GROUND_FIELDS.items():
        for field, limit in fields:
            if name == ground:
                if _is_empty(obj.get(field)):
                    problems.append(f"field '{field}' is required for {name}")
                else:
                    problems += _check_length(obj, field, limit)
            elif ground in _GROUND_FIELDS and field in obj:
                problems.append(f"field '{field}' does not belong with decision ground {ground}")
    return problems


def _check_texts(obj: Mapping[str, object]) -> list[str]:
    problems: list[str] = []
    for field, limit in _TEXT_LIMITS.items():
        problems += _check_length(obj, field, limit)
    for _, _, other_field in _OTHER_FIELDS:
        problems += _check_length(obj, other_field, OTHER_SPECIFICATION_MAX)
    puid = obj.get("puid")
    if isinstance(puid, str):
        bad = next((i for i, c in enumerate(puid) if c not in _PUID_CHARS), None)
        if bad is not None:
            problems.append(
                f"field 'puid' may only contain A-Z a-z 0-9 - _ "
                f"(found {puid[bad]!r} at position {bad + 1})"
            )
    language = obj.get("content_language")
    if language is not None and not (
        isinstance(language, str)
        and len(language) == 2
        and language.isascii()
        and language.isalpha()
        and language.isupper()
    ):
        problems.append(
            f"field 'content_language': {_show(language)} is not a two-letter upper-case "
            f"ISO 639-1 code"
        )
    return problems


def _check_length(obj: Mapping[str, object], field: str, limit: int) -> list[str]:
    value = obj.get(field)
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"field '{field}' must be text"]
    if len(value) > limit:
        return [f"field '{field}' is {len(value)} characters long, at most {limit} allowed"]
    return []


def _check_dates(obj: Mapping[str, object]) -> list[str]:
    problems: list[str] = []
    for field, (earliest, latest) in _DATES.items():
        value = obj.get(field)
        if value is None:
            continue
        day = _parse_day(value)
        if day is None:
            problems.append(f"field '{field}': {_show(value)} is not a date as YYYY-MM-DD")
        elif not earliest <= day <= latest:
            problems.append(
                f"field '{field}': {day.isoformat()} is outside {earliest.isoformat()} "
                f"to {latest.isoformat()}"
            )
    return problems


def _check_scope(obj: Mapping[str, object]) -> list[str]:
    scope = obj.get("territorial_scope")
    if scope is None:
        return []
    if not isinstance(scope, list):
        return ["field 'territorial_scope' must be a list"]
    problems = [
        f"field 'territorial_scope': {_show(code)} is not an EEA country code"
        for code in scope
        if not isinstance(code, str) or code not in EEA_COUNTRY_CODES
    ]
    if len(set(map(str, scope))) != len(scope):
        problems.append("field 'territorial_scope' repeats a country")
    return problems


def _parse_day(value: object) -> date | None:
    # fromisoformat alone would also take "20240101" and week dates; insist on YYYY-MM-DD.
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    if not (value[:4] + value[5:7] + value[8:]).isdigit() or not value.isascii():
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _is_empty(value: object) -> bool:
    """Empty as the database sees it: absent, null, blank text or an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    return False


def _show(value: object) -> str:
    """A short, printable rendering of a value for a problem message."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
