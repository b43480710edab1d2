"""The enumerations of the DSA Transparency Database, loaded from ``data/dsa/statement_enums.json``.

The file is reference data extracted from the database's source; reading it (rather than
copying its values into code) keeps one place to update when the database changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_ENUMS_PATH = Path(__file__).resolve().parents[2] / "data" / "dsa" / "statement_enums.json"

# The database accepts these as territorial scope: the EU member states plus the other
# EEA countries. Greece is "GR" here, not the EU's "EL".
EU_COUNTRY_CODES = frozenset(
    {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"}
    | {"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
)
EEA_COUNTRY_CODES = EU_COUNTRY_CODES | {"IS", "LI", "NO"}


@dataclass(frozen=True, slots=True)
class DsaEnums:
    """The allowed values of each enumerated field of a statement of reasons."""

    source_types: frozenset[str]
    content_types: frozenset[str]
    automated_detections: frozenset[str]
    automated_decisions: frozenset[str]
    decision_grounds: frozenset[str]
    incompatible_content_illegals: frozenset[str]
    decision_visibilities: frozenset[str]
    decision_monetaries: frozenset[str]
    decision_provisions: frozenset[str]
    decision_accounts: frozenset[str]
    account_types: frozenset[str]
    categories: frozenset[str]
    keywords: frozenset[str]


_SECTIONS = {
    "source_types": "SOURCE_TYPES",
    "content_types": "CONTENT_TYPES",
    "automated_detections": "AUTOMATED_DETECTIONS",
    "automated_decisions": "AUTOMATED_DECISIONS",
    "decision_grounds": "DECISION_GROUNDS",
    "incompatible_content_illegals": "INCOMPATIBLE_CONTENT_ILLEGALS",
    "decision_visibilities": "DECISION_VISIBILITIES",
    "decision_monetaries": "DECISION_MONETARIES",
    "decision_provisions": "DECISION_PROVISIONS",
    "decision_accounts": "DECISION_ACCOUNTS",
    "account_types": "ACCOUNT_TYPES",
    "categories": "STATEMENT_CATEGORIES",
    "keywords": "KEYWORDS",
}


@lru_cache(maxsize=4)
def load_enums(path: Path = DEFAULT_ENUMS_PATH) -> DsaEnums:
    """Read the enumerations once per path.

    Raises ``ValueError`` naming the file and the section when the file is not as expected.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read DSA enumerations from {path}: {error}") from error
    enums = document.get("enums") if isinstance(document, dict) else None
    if not isinstance(enums, dict):
        raise ValueError(f"{path}: no 'enums' object")
    values: dict[str, frozenset[str]] = {}
    for field, section in _SECTIONS.items():
        entry = enums.get(section)
        # Keyed enumerations map KEY -> label; Yes/No ones are plain lists of the values.
        if isinstance(entry, dict):
            values[field] = frozenset(str(key) for key in entry)
        elif isinstance(entry, list):
            values[field] = frozenset(str(item) for item in entry)
        else:
            raise ValueError(f"{path}: enumeration '{section}' is missing")
    return DsaEnums(**values)
