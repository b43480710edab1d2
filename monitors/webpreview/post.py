"""One ``.tgme_widget_message`` element of a web-preview page turned into a :class:`Post`.

A post without its id (``data-post``) or its date cannot be archived or resumed from, so it
raises :class:`MalformedInput` naming the page and the post's position; everything else that
is missing simply stays empty.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime

from selectolax.lexbor import LexborNode

from monitors.errors import MalformedInput
from monitors.types import Channel, ForwardedFrom, Post
from monitors.webpreview.dom import has_class, inside
from monitors.webpreview.links import parse_message_id, parse_tme_link
from monitors.webpreview.media import extract_media
from monitors.webpreview.numbers import parse_count
from monitors.webpreview.richtext import render

MAX_NAME_CHARS = 256
"""Longest author signature or forwarded-from name kept."""

_MAX_VIEW_CHARS = 1024
# Parts of a post that show another message's text: never this post's own text.
_FOREIGN = ("tgme_widget_message_reply", "tgme_widget_message_link_preview")
# Action names as Telegram Desktop exports write them, so both sources speak one vocabulary;
# a profile video is a kind of channel photo there.
_SERVICE_PREFIXES = (
    ("channel created", "create_channel"),
    ("channel name was changed", "edit_group_title"),
    ("channel photo updated", "edit_group_photo"),
    ("channel photo removed", "delete_group_photo"),
    ("channel video updated", "edit_group_photo"),
    ("channel video changed", "edit_group_photo"),
)


def post_ref(message: LexborNode) -> tuple[str, int] | None:
    """The ``(channel name, message id)`` of ``data-post="name/123"``, or None if unusable."""
    name, _, raw_id = (message.attributes.get("data-post") or "").rpartition("/")
    message_id = parse_message_id(raw_id)
    if not name or message_id is None:
        return None
    return name, message_id


def decode_view(message: LexborNode) -> dict[str, object]:
    """The small base64 JSON in ``data-view`` (channel id ``c``, post ``p``), or {}."""
    raw = message.attributes.get("data-view") or ""
    if not raw or len(raw) > _MAX_VIEW_CHARS:
        return {}
    try:
        decoded = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError):
        return {}
    return decoded if isinstance(decoded, dict) else {}


def parse_post(message: LexborNode, *, channel: Channel, where: str) -> Post:
    """Build the :class:`Post` shown by ``message``; ``where`` names page and position."""
    ref = post_ref(message)
    if ref is None:
        raise MalformedInput(where, "post has no usable data-post id")
    name, message_id = ref
    where = f"{where} ({name}/{message_id})"
    body = render(_own_text(message))
    media = extract_media(message)
    return Post(
        channel=channel,
        message_id=message_id,
        date=_date(message, where),
        text=body.text,
        entities=body.entities,
        media=media,
        edited=_edited(message),
        views=_views(message),
        forwarded_from=_forwarded_from(message),
        reply_to=_reply_to(message, name),
        album_id=_album_id(message, message_id),
        signature=_short_text(message.css_first(".tgme_widget_message_from_author")),
        service=_service(message, body.text) if has_class(message, "service_message") else None,
        truncated=body.truncated,
    )


def _own_text(message: LexborNode) -> LexborNode | None:
    for node in message.css(".tgme_widget_message_text"):
        if not inside(node, message, _FOREIGN):
            return node
    return None


def _date(message: LexborNode, where: str) -> datetime:
    node = message.css_first(".tgme_widget_message_date time[datetime]")
    raw = node.attributes.get("datetime") if node is not None else None
    if not raw:
        raise MalformedInput(where, "post has no date")
    try:
        value = datetime.fromisoformat(raw.strip()[:40])
    except ValueError:
        raise MalformedInput(where, f"post date {raw[:40]!r} is not an ISO date") from None
    if value.tzinfo is None:
        raise MalformedInput(where, f"post date {raw[:40]!r} has no time zone")
    return value


def _views(message: LexborNode) -> int | None:
    node = message.css_first(".tgme_widget_message_views")
    return parse_count(node.text()) if node is not None else None


def _edited(message: LexborNode) -> bool:
    """True when the footer says "edited"; only its own words count, not an author's name."""
    meta = message.css_first(".tgme_widget_message_meta")
    child = meta.child if meta is not None else None
    while child is not None:
        if child.is_text_node and "edited" in child.text(deep=False).casefold():
            return True
        child = child.next
    return False


def _forwarded_from(message: LexborNode) -> ForwardedFrom | None:
    block = message.css_first(".tgme_widget_message_forwarded_from")
    if block is None:
        return None
    name_node = block.css_first(".tgme_widget_message_forwarded_from_name")
    if name_node is not None:
        name = _short_text(name_node)
    else:
        name = _short_text(block, drop_prefix="Forwarded from")
    link = parse_tme_link(name_node.attributes.get("href") or "") if name_node else None
    username, message_id = link if link is not None else (None, None)
    return ForwardedFrom(name=name, username=username, message_id=message_id)


def _reply_to(message: LexborNode, own_name: str) -> int | None:
    """The replied-to message id, when the reply points into this same channel."""
    reply = message.css_first("a.tgme_widget_message_reply")
    if reply is None:
        return None
    link = parse_tme_link(reply.attributes.get("href") or "")
    if link is None or link[0].casefold() != own_name.casefold():
        return None
    return link[1]


def _album_id(message: LexborNode, message_id: int) -> str | None:
    """Grouped media share one id; the preview writes it as ``"<first id>g"`` in data-view."""
    if message.css_first(".tgme_widget_message_grouped_wrap") is None:
        return None
    grouped = decode_view(message).get("p")
    if isinstance(grouped, str) and grouped.endswith("g") and len(grouped) <= 16:
        return grouped
    return f"{message_id}g"


def _service(message: LexborNode, text: str) -> str:
    """A short name for a service message's action, ``other`` when we do not know it."""
    text_node = _own_text(message)
    pinner = text_node.css_first("a.tgme_widget_message_author_name") if text_node else None
    if pinner is not None and " pinned" in text:
        return "pin_message"
    lowered = text.casefold()
    for prefix, action in _SERVICE_PREFIXES:
        if lowered.startswith(prefix):
            return action
    return "other"


def _short_text(node: LexborNode | None, *, drop_prefix: str = "") -> str | None:
    if node is None:
        return None
    text = node.text(deep=True).replace("\u00a0", " ").strip()
    text = text.removeprefix(drop_prefix).strip()
    return text[:MAX_NAME_CHARS] or None
