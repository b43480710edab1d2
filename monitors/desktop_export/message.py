"""One exported message (decoded whole, as a dict) -> :class:`Post`."""

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
from monitors.desktop_export.media import media_of
from monitors.desktop_export.text import message_text
from monitors.types import Channel, ForwardedFrom, Media, Post, Source

# Looked up once: in Python 3.11 reading an enum member goes through a descriptor call.
_EXPORT = Source.EXPORT


def to_post(
    raw: dict[str, object], channel: Channel, message_id: int, local_tz: tzinfo | None
) -> Post | None:
    """Map one message; None for an ``unsupported`` placeholder that carries no date.

    Telegram Desktop writes messages it cannot show as ``{"id": n, "type": "unsupported"}``
    with no date; a post needs one, and inventing it would falsify evidence, so such a
    placeholder is skipped. Raises :class:`FieldError` for any other message without a
    usable date or with a malformed text.
    """
    get = raw.get
    kind = get("type", "message")
    if not isinstance(kind, str):
        raise FieldError("'type' must be a string")
    date = _date(raw, local_tz)
    if date is None:
        if kind == "unsupported":
            return None
        if get("date") is not None:
            raise FieldError("has no 'date_unixtime' and its 'date' is in an unknown time zone")
        raise FieldError("has no date")
    text, entities, truncated = message_text(get("text"), get("text_entities"))
    media = media_of(raw)
    if kind == "unsupported":
        media.append(Media("unsupported"))
    service = _service(raw) if kind == "service" else None
    edit_date = _edit_date(raw, local_tz)
    sender_name, sender_id = _sender(raw, service is not None)
    # Most messages lack the optional keys below: look each up once, convert only if set.
    views, forwards, author = get("views"), get("forwards"), get("author")
    album = get("media_group_id", get("grouped_id"))
    return Post(
        channel=channel,
        message_id=message_id,
        date=date,
        text=text,
        entities=entities,
        media=tuple(media),
        edit_date=edit_date,
        edited=edit_date is not None or get("edited") is not None,
        views=None if views is None else opt_int(views),
        forwards=None if forwards is None else opt_int(forwards),
        forwarded_from=_forwarded_from(raw),
        reply_to=_reply_to(raw, channel),
        album_id=None if album is None else opt_id(album),
        signature=None if author is None else opt_str(author),
        sender_id=sender_id,
        sender_name=sender_name,
        service=service,
        truncated=truncated,
        source=_EXPORT,
    )


def _date(raw: dict[str, object], local_tz: tzinfo | None) -> datetime | None:
    # date_unixtime is the moment itself; "date" is wall-clock time in an unnamed zone.
    stamp = raw.get("date_unixtime")
    if stamp is not None:
        return unix_date(stamp, "date_unixtime")
    wall_clock = raw.get("date")
    if wall_clock is not None:
        return local_date(wall_clock, "date", local_tz)
    return None


def _edit_date(raw: dict[str, object], local_tz: tzinfo | None) -> datetime | None:
    stamp = raw.get("edited_unixtime")
    if stamp is not None:
        return unix_date(stamp, "edited_unixtime")
    wall_clock = raw.get("edited")
    if wall_clock is not None:
        return local_date(wall_clock, "edited", local_tz)
    return None


def _service(raw: dict[str, object]) -> str:
    # Telegram Desktop writes a custom action (free text from the server) without "action".
    return opt_str(raw.get("action"), 64) or "custom_action"


def _reply_to(raw: dict[str, object], channel: Channel) -> int | None:
    """The replied-to message id, unless it lives in another chat (``reply_to_peer_id``).

    ``reply_to`` means a message of the same channel; keeping a foreign id would link the
    post to the wrong message of this chat.
    """
    replied = raw.get("reply_to_message_id")
    if replied is None:
        return None
    peer = raw.get("reply_to_peer_id")
    if peer is not None and _peer_bare_id(peer) != channel.id:
        return None
    return opt_int(replied)


def _peer_bare_id(peer: object) -> int | None:
    for prefix in ("user", "chat", "channel"):
        number = peer_number(peer, prefix)
        if number is not None:
            return number
    return opt_int(peer)


def _sender(raw: dict[str, object], is_service: bool) -> tuple[str | None, str | None]:
    """Name and id of who wrote the message (or, for a service message, who acted)."""
    if is_service and ("actor" in raw or "actor_id" in raw):
        name, peer = raw.get("actor"), raw.get("actor_id")
    else:
        name, peer = raw.get("from"), raw.get("from_id")
    return opt_str(name), None if peer is None else opt_id(peer)


def _forwarded_from(raw: dict[str, object]) -> ForwardedFrom | None:
    """Channel origins keep their id; a person's id is dropped and only the name kept."""
    if "forwarded_from" not in raw and "forwarded_from_id" not in raw:
        return None
    return ForwardedFrom(
        name=opt_str(raw.get("forwarded_from")),
        channel_id=peer_number(raw.get("forwarded_from_id"), "channel"),
    )
