"""The attachments of one web-preview post, described, never downloaded.

Each attachment kind has its own element class on the page; one selector list finds them all
in page order, so an album's photos and videos keep their order. Nothing here follows a link:
the ``href`` of a link preview is stored as text, a location is read from its map link.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborNode

from monitors.types import Media
from monitors.webpreview.dom import has_class, inside
from monitors.webpreview.numbers import parse_duration, parse_file_size

MAX_DETAIL_CHARS = 2048
"""Longest detail (file name, poll question, preview URL) kept for one attachment."""

# Parts of a post that quote another message: their thumbnails are not this post's media.
_QUOTING = ("tgme_widget_message_reply",)


def extract_media(message: LexborNode) -> tuple[Media, ...]:
    """Every attachment of ``message`` (a ``.tgme_widget_message`` element), in page order."""
    found = []
    seen: set[int] = set()
    for node in message.css(_SELECTOR):
        # A selector list yields an element once per selector it matches.
        if node.mem_id in seen or inside(node, message, _QUOTING):
            continue
        seen.add(node.mem_id)
        media = _describe(node)
        if media is not None:
            found.append(media)
    if not found:
        unsupported = _unsupported(message)
        if unsupported is not None:
            found.append(unsupported)
    return tuple(found)


def _describe(node: LexborNode) -> Media | None:
    for marker, describe in _DESCRIBERS:
        if has_class(node, marker):
            return describe(node)
    return None


def _photo(node: LexborNode) -> Media:
    return Media("photo")


def _video(node: LexborNode) -> Media:
    # "Media is too big" players have no <video> tag, but they are videos all the same.
    return Media("video", duration=_duration(node, "time.message_video_duration"))


def _round_video(node: LexborNode) -> Media:
    duration = _duration(node, "time.tgme_widget_message_roundvideo_duration")
    return Media("round_video", duration=duration)


def _voice(node: LexborNode) -> Media:
    return Media("voice", duration=_duration(node, "time.tgme_widget_message_voice_duration"))


def _document(node: LexborNode) -> Media:
    title = _text(node.css_first(".tgme_widget_message_document_title"))
    extra = _text(node.css_first(".tgme_widget_message_document_extra"))
    icon = node.css_first(".tgme_widget_message_document_icon")
    if icon is not None and has_class(icon, "audio"):
        # For music the second line names the performer, not a size.
        return Media("audio", detail=title or None)
    return Media("document", detail=title or None, size=parse_file_size(extra))


def _sticker(node: LexborNode) -> Media:
    return Media("sticker")


def _poll(node: LexborNode) -> Media:
    question = _text(node.css_first(".tgme_widget_message_poll_question"))
    return Media("poll", detail=question or None)


def _location(node: LexborNode) -> Media:
    return Media("location", detail=_coordinates(node.attributes.get("href") or ""))


def _link_preview(node: LexborNode) -> Media:
    href = (node.attributes.get("href") or "").strip()
    return Media("link_preview", detail=href[:MAX_DETAIL_CHARS] or None)


_DESCRIBERS: tuple[tuple[str, Callable[[LexborNode], Media]], ...] = (
    ("tgme_widget_message_photo_wrap", _photo),
    ("tgme_widget_message_service_photo", _photo),
    ("tgme_widget_message_video_player", _video),
    ("tgme_widget_message_roundvideo_player", _round_video),
    ("tgme_widget_message_voice_player", _voice),
    ("tgme_widget_message_document_wrap", _document),
    ("tgme_widget_message_sticker_wrap", _sticker),
    ("tgme_widget_message_poll", _poll),
    ("tgme_widget_message_location_wrap", _location),
    ("tgme_widget_message_link_preview", _link_preview),
)


_SELECTOR = ", ".join(f".{marker}" for marker, _ in _DESCRIBERS)


def _unsupported(message: LexborNode) -> Media | None:
    """A post the preview cannot show at all (contact, game, paid media...): keep its label.

    Only when the post has no text either: Telegram adds a "Please open Telegram" fallback to
    many ordinary posts as well.
    """
    if message.css_first(".tgme_widget_message_text") is not None:
        return None
    label = message.css_first(".message_media_not_supported_label")
    if label is None:
        return None
    return Media("unsupported", detail=_text(label) or None)


def _coordinates(href: str) -> str | None:
    """``"lat,lon"`` from a map link's ``q`` (or ``ll``) parameter, as written, when valid."""
    if len(href) > MAX_DETAIL_CHARS:
        return None
    query = parse_qs(urlsplit(href).query)
    for key in ("q", "ll"):
        for value in query.get(key, []):
            pair = value.split(",")
            if len(pair) == 2 and _valid_coordinates(pair[0], pair[1]):
                return f"{pair[0].strip()},{pair[1].strip()}"
    return None


def _valid_coordinates(lat: str, lon: str) -> bool:
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        return False
    finite = math.isfinite(latitude) and math.isfinite(longitude)
    return finite and abs(latitude) <= 90 and abs(longitude) <= 180


def _duration(node: LexborNode, selector: str) -> int | None:
    found = node.css_first(selector)
    return parse_duration(found.text()) if found is not None else None


def _text(node: LexborNode | None) -> str:
    if node is None:
        return ""
    return node.text(deep=True).strip()[:MAX_DETAIL_CHARS]
