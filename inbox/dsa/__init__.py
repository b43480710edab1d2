"""DSA exports: statements of reasons for the Transparency Database and Article 16 notices.

Pure functions over small frozen dataclasses; the inbox decides when to call them.
"""

from inbox.dsa.enums import DEFAULT_ENUMS_PATH, EEA_COUNTRY_CODES, DsaEnums, load_enums
from inbox.dsa.jsonl import write_statements_jsonl
from inbox.dsa.notice import (
    ANONYMOUS_STATEMENT,
    GOOD_FAITH_STATEMENT,
    Article16Notice,
    Notifier,
    notice_dict,
    notice_text,
)
from inbox.dsa.statement import Decision, build_statement, make_puid
from inbox.dsa.texts import clean_text, fit
from inbox.dsa.validate import validate_statement

__all__ = [
    "ANONYMOUS_STATEMENT",
    "DEFAULT_ENUMS_PATH",
    "EEA_COUNTRY_CODES",
    "GOOD_FAITH_STATEMENT",
    "Article16Notice",
    "Decision",
    "DsaEnums",
    "Notifier",
    "build_statement",
    "clean_text",
    "fit",
    "load_enums",
    "make_puid",
    "notice_dict",
    "notice_text",
    "validate_statement",
    "write_statements_jsonl",
]
