"""What the case page shows, built from the case's preserved evidence.

An evidence snapshot is JSON written by the inbox, but it quotes a hostile post and its
channel, so every field is read defensively: wrong types fall back to empty values, links
are only ever built from a channel username that is a plain Telegram name, and values that
name a text key (categories, span kinds) are checked against the known ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from inbox.model import TRANSITIONS, Case, CaseStatus
from inbox.web.highlight import KINDS, Segment, segments
from nlp.taxonomy import Category

_USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
MAX_USERNAME_CHARS = 64
MAX_REASONS = 50
MAX_NAME_CHARS = 200
MAX_MEDIA_KINDS = 10


class EvidenceLike(Protocol):
    """A post attached to a case as preserved (``inbox.evidence.EvidenceEntry``)."""

    @property
    def id(self) -> int: ...

    @property
    def message_id(self) -> int: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def snapshot(self) -> Mapping[str, Any]: ...

    @property
    def snapshot_sha256(self) -> str: ...

    @property
    def entry_hash(self) -> str: ...


@dataclass(frozen=True, slots=True)
class VersionView:
    """One text the post had."""

    number: int
    text: str
    edit_date: str
    recorded_at: str


@dataclass(frozen=True, slots=True)
class PostView:
    """A preserved post as the case page shows it."""

    evidence_id: int
    message_id: int
    url: str | None
    channel_title: str
    channel_name: str
    date: str
    edited: bool
    deleted_at: str
    views: int | None
    forwarded_from: str
    media: tuple[str, ...]
    segments: tuple[Segment, ...]
    has_analysis: bool
    offer: bool
    score: float
    category: str
    reasons: tuple[str, ...]
    legend: tuple[str, ...]
    versions: tuple[VersionView, ...]
    snapshot_sha256: str
    entry_hash: str
    preserved_at: datetime


def telegram_username(value: object) -> str | None:
    """``value`` when it is a plain Telegram username (lower-cased), else None."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_USERNAME_CHARS:
        return None
    lowered = value.lower()
    return lowered if set(lowered) <= _USERNAME_CHARS else None


def channel_url(channel_key: str) -> str | None:
    """The public link of a case's channel (``@name``); None for private channels."""
    if not channel_key.startswith("@"):
        return None
    name = telegram_username(channel_key[1:])
    return None if name is None else f"https://t.me/{name}"


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _moment(value: object) -> str:
    """A stored timestamp as shown on the page; unreadable ones as given."""
    text = _text(value)
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M UTC") if text else ""
    except ValueError:
        return text[:40]


def _category(value: object) -> str:
    try:
        return Category(_text(value)).value
    except ValueError:
        return Category.NONE.value


def _score(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value) if 0 <= value <= 1 else 0.0


def _count(value: object) -> int | None:
    return value if type(value) is int and value >= 0 else None


def _forwarded_from(value: object) -> str:
    """Who a forwarded post came from: the name, else the @username, else nothing."""
    origin = _mapping(value)
    name = _text(origin.get("name"))
    username = telegram_username(origin.get("username"))
    return name[:MAX_NAME_CHARS] or (f"@{username}" if username else "")


def _media(value: object) -> tuple[str, ...]:
    kinds = (_text(_mapping(item).get("kind")) for item in _sequence(value))
    return tuple(dict.fromkeys(kind[:20] for kind in kinds if kind))[:MAX_MEDIA_KINDS]


def _sequence(value: object) -> Sequence[Any]:
    return value if isinstance(value, Sequence) and not isinstance(value, str) else ()


def _versions(raw: object) -> tuple[VersionView, ...]:
    versions: list[VersionView] = []
    for item in _sequence(raw):
        entry = _mapping(item)
        number = entry.get("version")
        versions.append(
            VersionView(
                number=number if type(number) is int else len(versions) + 1,
                text=_text(entry.get("text")),
                edit_date=_moment(entry.get("edit_date")),
                recorded_at=_moment(entry.get("recorded_at")),
            )
        )
    return tuple(versions)


def post_view(entry: EvidenceLike) -> PostView:
    """The page's view of one preserved post."""
    snapshot = _mapping(entry.snapshot)
    channel = _mapping(snapshot.get("channel"))
    post = _mapping(snapshot.get("post"))
    analysis = _mapping(snapshot.get("analysis"))
    username = telegram_username(channel.get("username"))
    tg_id = channel.get("tg_id")
    text = _text(post.get("text"))
    parts = tuple(segments(text, _sequence(analysis.get("spans"))))
    reasons = tuple(r for r in _sequence(analysis.get("reasons")) if isinstance(r, str))
    reasons = reasons[:MAX_REASONS]
    kinds = {part.kind for part in parts if part.labels}
    return PostView(
        evidence_id=entry.id,
        message_id=entry.message_id,
        url=f"https://t.me/{username}/{entry.message_id}" if username else None,
        channel_title=_text(channel.get("title")),
        channel_name=f"@{username}" if username else f"c/{tg_id if type(tg_id) is int else '?'}",
        date=_moment(post.get("date")),
        edited=post.get("edited") is True,
        deleted_at=_moment(post.get("deleted_at")),
        views=_count(post.get("views")),
        forwarded_from=_forwarded_from(post.get("forwarded_from")),
        media=_media(post.get("media")),
        segments=parts,
        has_analysis=bool(analysis),
        offer=analysis.get("offer") is True,
        score=_score(analysis.get("score")),
        category=_category(analysis.get("category")),
        reasons=reasons,
        legend=tuple(kind for kind in (*KINDS, "other") if kind in kinds),
        versions=_versions(snapshot.get("versions")),
        snapshot_sha256=entry.snapshot_sha256,
        entry_hash=entry.entry_hash,
        preserved_at=entry.created_at,
    )


ACTIONS: Mapping[str, CaseStatus] = {
    "escalate": CaseStatus.ESCALATED,
    "action": CaseStatus.ACTIONED,
    "dismiss": CaseStatus.DISMISSED,
    "close": CaseStatus.CLOSED,
}
"""The case page's forms that move a case, by the status they move it to."""


def available_actions(case: Case, user_name: str) -> tuple[str, ...]:
    """The forms to offer: claiming (unless it is the user's already, or closed) and the
    moves :data:`inbox.model.TRANSITIONS` allows from the case's status."""
    actions: list[str] = []
    if case.status is not CaseStatus.CLOSED and case.assignee != user_name:
        actions.append("claim")
    allowed = TRANSITIONS[case.status]
    actions += [name for name, status in ACTIONS.items() if status in allowed]
    return tuple(actions)
