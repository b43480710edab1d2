"""One exported message (already built as a dict of the keys we read) -> :class:`Post`."""

from __future__ import annotations

from datetime import datetime, tzinfo

from monitors.desktop_export.fields import (
    FieldError,
    local_date,
    opt_id,
    opt_int,
    opt_str,
    peer_number,
    unix_date,
)
from monitors.desktop_export.media import MEDIA_KEYS, media_of
from monitors.desktop_export.text import message_text
from monitors.types import Channel, ForwardedFrom, Media, Post, Source

MESSAGE_KEYS = MEDIA_KEYS | {
    "id",
    "type",
    "date",
    "date_unixtime",
    "edited",
    "edited_unixtime",
    "from",
    "from_id",
    "actor",
    "actor_id",
    "action",
    "author",
    "text",
    "text_entities",
    "reply_to_message_id",
    "reply_to_peer_id",
    "forwarded_from",
    "forwarded_from_id",
    "media_group_id",
    "grouped_id",
    "views",
    "forwards",
}
"""Every message key the reader builds; the rest of a message is skipped unread."""


def to_post(
    raw: dict[str, object], channel: Channel, message_id: int, local_tz: tzinfo | None
) -> Post | None:
    """Map one message; None for an ``unsupported`` placeholder that carries no date.

    Telegram Desktop writes messages it cannot show as ``{"id": n, "type": "unsupported"}``
    with no date; a post needs one, and inventing it would falsify evidence, so such a
    placeholder is skipped. Raises :class:`FieldError` for any other message without a
    usable date or with a malformed text.
    """
    kind = raw.get("type", "message")
    if not isinstance(kind, str):
        raise FieldError("'type' must be a string")
    date = _date(raw, local_tz)
    if date is None:
        if kind == "unsupported":
            return None
        if raw.get("date") is not None:
            raise FieldError("has no 'date_unixtime' and its 'date' is in an unknown time zone")
        raise FieldError("has no date")
    text, entities, truncated = message_text(raw.get("text"), raw.get("text_entities"))
    media = media_of(raw)
    if kind == "unsupported":
        media.append(Media("unsupported"))
    service = _service(raw) if kind == "service" else None
    edit_date = _edit_date(raw, local_tz)
    sender_name, sender_id = _sender(raw, service is not None)
    return Post(
        channel=channel,
        message_id=message_id,
        date=date,
        text=text,
        entities=entities,
        media=tuple(media),
        edit_date=edit_date,
        edited=edit_date is not None or raw.get("edited") is not None,
        views=opt_int(raw.get("views")),
        forwards=opt_int(raw.get("forwards")),
        forwarded_from=_forwarded_from(raw),
        reply_to=_reply_to(raw, channel),
        album_id=opt_id(raw.get("media_group_id", raw.get("grouped_id"))),
        signature=opt_str(raw.get("author")),
        sender_id=sender_id,
        sender_name=sender_name,
        service=service,
        truncated=truncated,
        source=Source.EXPORT,
    )


def _date(raw: dict[str, object], local_tz: tzinfo | None) -> datetime | None:
    # date_unixtime is the moment itself; "date" is wall-clock time in an unnamed zone.
    if raw.get("date_unixtime") is not None:
        return unix_date(raw["date_unixtime"], "date_unixtime")
    if raw.get("date") is not None:
        return local_date(raw["date"], "date", local_tz)
    return None


def _edit_date(raw: dict[str, object], local_tz: tzinfo | None) -> datetime | None:
    if raw.get("edited_unixtime") is not None:
        return unix_date(raw["edited_unixtime"], "edited_unixtime")
    if raw.get("edited") is not None:
        return local_date(raw["edited"], "edited", local_tz)
    return None


def _service(raw: dict[str, object]) -> str:
    # Telegram Desktop writes a custom action (free text from the server) without "action".
    return opt_str(raw.get("action"), 64) or "custom_action"


def _reply_to(raw: dict[str, object], channel: Channel) -> int | None:
    """The replied-to message id, unless it lives in another chat (``reply_to_peer_id``).

    ``reply_to`` means a message of the same channel; keeping a foreign id would link the
    post to the wrong message of this chat.
    """
    peer = raw.get("reply_to_peer_id")
    if peer is not None and _peer_bare_id(peer) != channel.id:
        return None
    return opt_int(raw.get("reply_to_message_id"))


def _peer_bare_id(peer: object) -> int | None:
    for prefix in ("user", "chat", "channel"):
        number = peer_number(peer, prefix)
        if number is not None:
            return number
    return opt_int(peer)


def _sender(raw: dict[str, object], is_service: bool) -> tuple[str | None, str | None]:
    """Name and id of who wrote the message (or, for a service message, who acted)."""
    if is_service and ("actor" in raw or "actor_id" in raw):
        return opt_str(raw.get("actor")), opt_id(raw.get("actor_id"))
    return opt_str(raw.get("from")), opt_id(raw.get("from_id"))


def _forwarded_from(raw: dict[str, object]) -> ForwardedFrom | None:
    """Channel origins keep their id; a person's id is dropped and only the name kept."""
    if "forwarded_from" not in raw and "forwarded_from_id" not in raw:
        return None
    return ForwardedFrom(
        name=opt_str(raw.get("forwarded_from")),
        channel_id=peer_number(raw.get("forwarded_from_id"), "channel"),
    )
