"""Statements of reasons in the DSA Transparency Database format (API v2).

A decided case becomes one JSON object the database accepts (``POST /api/v1/statement``).
Statements are public, so a citizen's identity never goes into one; free texts are cleaned
and cut to the database's limits rather than rejected, because they quote hostile posts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from inbox.dsa.enums import EEA_COUNTRY_CODES
from inbox.dsa.texts import clean_text, fit
from nlp.taxonomy import Category, dsa_class

Source = Literal["citizen", "monitor", "trusted_flagger", "authority"]
AutomatedDecision = Literal["fully", "partially", "not"]
Visibility = Literal["removed", "disabled", "demoted", "age_restricted", "interaction_restricted"]
AccountAction = Literal["suspended", "terminated"]
ContentType = Literal["text", "image", "video", "audio", "product"]

LEGAL_GROUND_MAX = 500
EXPLANATION_MAX = 2000
DECISION_FACTS_MAX = 5000
SOURCE_IDENTITY_MAX = 500
PUID_MAX = 500
OTHER_SPECIFICATION_MAX = 500

SOURCE_TYPES: Mapping[Source, str] = {
    "citizen": "SOURCE_ARTICLE_16",
    "trusted_flagger": "SOURCE_TRUSTED_FLAGGER",
    "authority": "SOURCE_TYPE_OTHER_NOTIFICATION",
    "monitor": "SOURCE_VOLUNTARY",
}
AUTOMATED_DECISIONS: Mapping[AutomatedDecision, str] = {
    "fully": "AUTOMATED_DECISION_FULLY",
    "partially": "AUTOMATED_DECISION_PARTIALLY",
    "not": "AUTOMATED_DECISION_NOT_AUTOMATED",
}
VISIBILITIES: Mapping[Visibility, str] = {
    "removed": "DECISION_VISIBILITY_CONTENT_REMOVED",
    "disabled": "DECISION_VISIBILITY_CONTENT_DISABLED",
    "demoted": "DECISION_VISIBILITY_CONTENT_DEMOTED",
    "age_restricted": "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
    "interaction_restricted": "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
}
ACCOUNT_ACTIONS: Mapping[AccountAction, str] = {
    "suspended": "DECISION_ACCOUNT_SUSPENDED",
    "terminated": "DECISION_ACCOUNT_TERMINATED",
}
CONTENT_TYPES: Mapping[ContentType, str] = {
    "text": "CONTENT_TYPE_TEXT",
    "image": "CONTENT_TYPE_IMAGE",
    "video": "CONTENT_TYPE_VIDEO",
    "audio": "CONTENT_TYPE_AUDIO",
    "product": "CONTENT_TYPE_PRODUCT",
}
_PUID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


@dataclass(frozen=True, slots=True)
class Decision:
    """A decided case, as much of it as a statement of reasons needs.

    ``decided_at`` must be timezone-aware (the statement's date is the UTC date).
    ``legal_ground`` names the law (e.g. "Opiumwet art. 2 en 3"), ``explanation`` says why the
    content is illegal on that ground, ``facts`` describe what was found. At least one of
    ``visibility`` and ``account`` is set. ``source_identity`` may name a trusted flagger or
    authority, never a citizen: statements are published.
    """

    case_id: str
    category: Category
    decided_at: datetime
    content_date: date
    legal_ground: str
    explanation: str
    facts: str
    source: Source
    automated_detection: bool
    automated_decision: AutomatedDecision
    visibility: Visibility | None = "removed"
    account: AccountAction | None = None
    content_types: tuple[ContentType, ...] = ("text",)
    language: str | None = None
    territorial_scope: tuple[str, ...] = ()
    source_identity: str | None = None

    def __post_init__(self) -> None:
        # Accept the plain string value too; an unknown class raises ValueError naming it.
        object.__setattr__(self, "category", Category(self.category))
        if not self.case_id.strip():
            raise ValueError("the case id is empty")
        if self.decided_at.tzinfo is None or self.decided_at.utcoffset() is None:
            raise ValueError(f"case {self.case_id}: decided_at must be timezone-aware")
        for name in ("legal_ground", "explanation", "facts"):
            if not clean_text(getattr(self, name)).strip():
                raise ValueError(f"case {self.case_id}: {name} has no visible text")
        if self.visibility is None and self.account is None:
            raise ValueError(f"case {self.case_id}: a decision restricts visibility or an account")
        if not self.content_types:
            raise ValueError(f"case {self.case_id}: at least one content type is needed")
        if self.language is not None and not _is_language_code(self.language):
            raise ValueError(f"case {self.case_id}: language {self.language!r} is not ISO 639-1")
        unknown = sorted({c.upper() for c in self.territorial_scope} - EEA_COUNTRY_CODES)
        if unknown:
            raise ValueError(
                f"case {self.case_id}: territorial scope {', '.join(unknown)} is not an EEA country"
            )
        if self.source_identity is not None and self.source not in ("trusted_flagger", "authority"):
            raise ValueError(
                f"case {self.case_id}: source_identity is only published for trusted flaggers "
                f"and authorities, never for citizens or our own monitoring"
            )


def build_statement(decision: Decision) -> dict[str, object]:
    """The statement of reasons for ``decision``, as a dict ready for ``json.dumps``."""
    dsa = dsa_class(decision.category)
    statement: dict[str, object] = {
        "puid": make_puid(decision.case_id),
        "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
        "illegal_content_legal_ground": fit(decision.legal_ground, LEGAL_GROUND_MAX),
        "illegal_content_explanation": fit(decision.explanation, EXPLANATION_MAX),
        "category": dsa.category,
    }
    if dsa.keyword is not None:
        statement["category_specification"] = [dsa.keyword]
        if dsa.keyword == "KEYWORD_OTHER":
            # The keyword alone says nothing; our own class name does.
            statement["category_specification_other"] = decision.category.replace("_", " ")
    if decision.visibility is not None:
        statement["decision_visibility"] = [VISIBILITIES[decision.visibility]]
    if decision.account is not None:
        statement["decision_account"] = ACCOUNT_ACTIONS[decision.account]
    statement["content_type"] = list(
        dict.fromkeys(CONTENT_TYPES[t] for t in decision.content_types)
    )
    if decision.language is not None:
        statement["content_language"] = decision.language.upper()
    if decision.territorial_scope:
        statement["territorial_scope"] = sorted({c.upper() for c in decision.territorial_scope})
    statement["content_date"] = _day(decision.content_date)
    statement["application_date"] = _day(decision.decided_at)
    statement["decision_facts"] = fit(decision.facts, DECISION_FACTS_MAX)
    statement["source_type"] = SOURCE_TYPES[decision.source]
    if decision.source_identity is not None:
        statement["source_identity"] = fit(
            decision.source_identity, SOURCE_IDENTITY_MAX, multiline=False
        )
    statement["automated_detection"] = "Yes" if decision.automated_detection else "No"
    statement["automated_decision"] = AUTOMATED_DECISIONS[decision.automated_decision]
    return statement


def make_puid(case_id: str) -> str:
    """A platform unique id from a case id: only ``[A-Za-z0-9-_]``, at most 500 characters.

    Case ids already in that alphabet are kept as they are. Others have each foreign character
    replaced by ``_`` plus a hash of the original appended, so two ids differing only in
    foreign characters still get different puids.
    """
    if all(c in _PUID_CHARS for c in case_id) and 0 < len(case_id) <= PUID_MAX:
        return case_id
    digest = hashlib.sha256(case_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    cleaned = "".join(c if c in _PUID_CHARS else "_" for c in case_id)
    return f"{cleaned[: PUID_MAX - len(digest) - 1]}-{digest}"


def _day(moment: date) -> str:
    """YYYY-MM-DD; aware datetimes are taken in UTC."""
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        return moment.date().isoformat()
    return moment.isoformat()


def _is_language_code(code: str) -> bool:
    return len(code) == 2 and code.isascii() and code.isalpha()
