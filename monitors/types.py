"""The channel and post types every monitor yields and the archive stores.

Posts are hostile input written by criminals: the types carry text as given, never
interpreted, and every source bounds the text with :func:`bound_text` before building one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MAX_TEXT_BYTES = 64 * 1024
"""Posts longer than this (UTF-8 bytes) are cut and flagged, never refused."""


class Source(StrEnum):
    """Where a post or channel was read."""

    TELETHON = "telethon"
    WEBPREVIEW = "webpreview"
    EXPORT = "export"


@dataclass(frozen=True, slots=True)
class Entity:
    """A formatting or link entity, offsets in Python characters into ``Post.text``.

    ``kind`` follows Telegram's entity names (``bold``, ``mention``, ``url``, ``text_link``,
    ``hashtag``, ``phone``, ``email``, ...). ``url`` holds the target of links; we store it,
    we never fetch it.
    """

    kind: str
    offset: int
    length: int
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Media:
    """One attachment: its kind and a short description, never the file itself.

    ``kind`` is one of ``photo``, ``video``, ``round_video``, ``audio``, ``voice``,
    ``document``, ``sticker``, ``animation``, ``poll``, ``location``, ``link_preview``,
    ``contact``, ``unsupported``. ``detail`` is kind-specific: a file name, a poll question,
    ``"lat,lon"``, a preview URL. ``sha256`` is the file's hash when a source computed one.
    """

    kind: str
    detail: str | None = None
    duration: int | None = None
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ForwardedFrom:
    """Where a forwarded post came from, as far as the source shows it."""

    name: str | None = None
    username: str | None = None
    channel_id: int | None = None
    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class Channel:
    """A public channel (or an exported chat) as a source describes it.

    Either ``id`` (Telegram's numeric id, positive, without the ``-100`` prefix) or
    ``username`` identifies it; sources know one or both.
    """

    id: int | None
    username: str | None
    title: str | None = None
    about: str | None = None
    subscribers: int | None = None
    verified: bool = False
    scam: bool = False
    fake: bool = False
    source: Source = Source.WEBPREVIEW

    def __post_init__(self) -> None:
        if self.id is None and not self.username:
            raise ValueError("a channel needs an id or a username")

    @property
    def key(self) -> str:
        """A readable identifier: ``@username`` when known, else the numeric id."""
        return f"@{self.username}" if self.username else str(self.id)


@dataclass(frozen=True, slots=True)
class Post:
    """One message of a channel, as read by a monitor.

    ``date`` and ``edit_date`` are timezone-aware. ``edited`` is true when a source says the
    post was edited even without telling when (the web preview). ``service`` names the action
    of a service message, named as Telegram Desktop exports name it (``pin_message``,
    ``create_channel``, ``edit_group_title``, ...), and is None for posts.
    ``sender_id`` is a person's id in exports of groups: personal data, pseudonymised
    before it leaves the inbox. ``truncated`` marks text cut to :data:`MAX_TEXT_BYTES`.
    """

    channel: Channel
    message_id: int
    date: datetime
    text: str = ""
    entities: tuple[Entity, ...] = ()
    media: tuple[Media, ...] = ()
    edit_date: datetime | None = None
    edited: bool = False
    views: int | None = None
    forwards: int | None = None
    forwarded_from: ForwardedFrom | None = None
    reply_to: int | None = None
    album_id: str | None = None
    signature: str | None = None
    sender_id: str | None = None
    sender_name: str | None = None
    service: str | None = None
    truncated: bool = False
    source: Source = Source.WEBPREVIEW

    def __post_init__(self) -> None:
        if self.date.tzinfo is None:
            raise ValueError(f"post {self.message_id}: date must carry a time zone")

    @property
    def url(self) -> str | None:
        """The public ``t.me`` address of the post, when the channel has a username."""
        if not self.channel.username:
            return None
        return f"https://t.me/{self.channel.username}/{self.message_id}"


def bound_text(text: str) -> tuple[str, bool]:
    """Cut ``text`` to at most :data:`MAX_TEXT_BYTES` UTF-8 bytes on a character boundary.

    Returns the text and whether it was cut.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= MAX_TEXT_BYTES:
        return text, False
    return encoded[:MAX_TEXT_BYTES].decode("utf-8", "ignore"), True
