"""Notices to a platform under Article 16 DSA, as JSON and as plain text.

Article 16(2) lists what makes a notice complete: (a) an explanation of why the content is
illegal, (b) its exact location, (c) the notifier's name and e-mail, and (d) a statement of
good faith. Both renderings carry all four, plus our case id, category, dates and the hash of
the preserved evidence, so the platform can match what it sees to what we kept.

The text is plain: nothing is HTML-escaped here (templates do that), but control characters
and bidi overrides are removed, one-line fields stay on one line, and free text is indented,
so hostile content cannot forge a line that looks like one of the notice's own fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from inbox.dsa.texts import clean_text, fit
from inbox.locations import Location
from nlp.taxonomy import Category, dsa_class

GOOD_FAITH_STATEMENT = (
    "The notifier declares in good faith that the information and allegations in this "
    "notice are accurate and complete."
)
ANONYMOUS_STATEMENT = (
    "The notifier chose not to give a name or e-mail address. Article 16(2)(c) DSA only "
    "waives these for notices about child sexual abuse offences; the content can be assessed "
    "on the explanation and location alone."
)
EXPLANATION_MAX = 5000
EXCERPT_MAX = 1000
NAME_MAX = 200
EMAIL_MAX = 254
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True, slots=True)
class Notifier:
    """Who sends the notice; hostile text is cleaned onto one line."""

    name: str
    email: str

    def __post_init__(self) -> None:
        name = fit(self.name, NAME_MAX, multiline=False)
        if not name:
            raise ValueError("the notifier's name is empty")
        email = self.email.strip()
        local, at, domain = email.rpartition("@")
        if (
            not at
            or not local
            or "." not in domain
            or len(email) > EMAIL_MAX
            or any(c.isspace() or not c.isprintable() for c in email)
        ):
            raise ValueError(f"the notifier's e-mail address {email[:80]!r} is not valid")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "email", email)


@dataclass(frozen=True, slots=True)
class Article16Notice:
    """One notice about one location. ``notifier`` None is the anonymous case.

    ``good_faith`` records that the notifier confirmed the statement; a notice without it is
    refused. ``evidence_sha256`` is the hex digest of the preserved copy of the content.
    """

    case_id: str
    category: Category
    location: Location
    explanation: str
    notifier: Notifier | None
    good_faith: bool
    submitted_at: datetime
    evidence_sha256: str
    content_date: date | None = None
    preserved_at: datetime | None = None
    excerpt: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "category", Category(self.category))
        if not self.case_id.strip():
            raise ValueError("the case id is empty")
        if not clean_text(self.explanation).strip():
            raise ValueError(f"case {self.case_id}: the explanation is empty (Article 16(2)(a))")
        if not self.good_faith:
            raise ValueError(
                f"case {self.case_id}: the notifier has not confirmed good faith (Article 16(2)(d))"
            )
        for name in ("submitted_at", "preserved_at"):
            moment = getattr(self, name)
            if moment is not None and moment.utcoffset() is None:
                raise ValueError(f"case {self.case_id}: {name} must be timezone-aware")
        digest = self.evidence_sha256.lower()
        if len(digest) != 64 or not set(digest) <= _HEX:
            raise ValueError(f"case {self.case_id}: the evidence hash is not 64 hex digits")
        object.__setattr__(self, "evidence_sha256", digest)


def notice_dict(notice: Article16Notice) -> dict[str, object]:
    """The notice as a dict ready for ``json.dumps``."""
    dsa = dsa_class(notice.category)
    location = notice.location
    return {
        "type": "dsa_article_16_notice",
        "case_id": _line(notice.case_id),
        "submitted_at": _moment(notice.submitted_at),
        "category": notice.category.value,
        "dsa_category": dsa.category,
        "dsa_category_specification": dsa.keyword,
        "explanation": fit(notice.explanation, EXPLANATION_MAX),
        "location": {
            "url": location.url,
            "channel_username": location.username,
            "channel_id": location.internal_id,
            "message_id": location.message_id,
            "content_date": notice.content_date.isoformat() if notice.content_date else None,
            "excerpt": fit(notice.excerpt, EXCERPT_MAX) if notice.excerpt else None,
        },
        "notifier": (
            None
            if notice.notifier is None
            else {"name": notice.notifier.name, "email": notice.notifier.email}
        ),
        "anonymous": notice.notifier is None,
        "anonymity_statement": ANONYMOUS_STATEMENT if notice.notifier is None else None,
        "good_faith_statement": GOOD_FAITH_STATEMENT,
        "evidence": {
            "sha256": notice.evidence_sha256,
            "preserved_at": _moment(notice.preserved_at) if notice.preserved_at else None,
        },
    }


def notice_text(notice: Article16Notice) -> str:
    """The notice as plain text (e-mail body or web form), all four Article 16(2) elements."""
    dsa = dsa_class(notice.category)
    location = notice.location
    keyword = f", {dsa.keyword}" if dsa.keyword else ""
    lines = [
        "Notice of illegal content under Article 16 of the Digital Services Act",
        "",
        f"Case: {_line(notice.case_id)}",
        f"Submitted: {_moment(notice.submitted_at)}",
        f"Category: {notice.category.value} ({dsa.category}{keyword})",
        "",
        "(a) Why the content is illegal",
        _indent(fit(notice.explanation, EXPLANATION_MAX)),
        "",
        "(b) Exact location",
        f"  URL: {location.url}",
    ]
    if location.username is not None:
        lines.append(f"  Channel: @{location.username}")
    else:
        lines.append(f"  Private channel id: {location.internal_id}")
    if location.message_id is not None:
        lines.append(f"  Message id: {location.message_id}")
    if notice.content_date is not None:
        lines.append(f"  Posted on: {notice.content_date.isoformat()}")
    if notice.excerpt:
        lines += ["  Content excerpt:", _indent(fit(notice.excerpt, EXCERPT_MAX), depth=4)]
    lines += ["", "(c) Notifier"]
    if notice.notifier is None:
        lines += ["  Anonymous notice.", _indent(ANONYMOUS_STATEMENT)]
    else:
        lines += [f"  Name: {notice.notifier.name}", f"  E-mail: {notice.notifier.email}"]
    lines += ["", "(d) Statement of good faith", _indent(GOOD_FAITH_STATEMENT), ""]
    lines += ["Evidence", f"  SHA-256 of the preserved copy: {notice.evidence_sha256}"]
    if notice.preserved_at is not None:
        lines.append(f"  Preserved at: {_moment(notice.preserved_at)}")
    return "\n".join(lines) + "\n"


def _indent(text: str, depth: int = 2) -> str:
    """Indent every line, so free text can never start a line of the notice's own."""
    pad = " " * depth
    return "\n".join(pad + line for line in text.split("\n"))


def _line(text: str) -> str:
    return clean_text(text, multiline=False).strip()


def _moment(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
