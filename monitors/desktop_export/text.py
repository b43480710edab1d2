"""A message's text as Telegram Desktop writes it -> plain text and entities.

The export gives ``text`` either as a string or as a list of strings and entity objects
(``{"type": "bold", "text": "..."}``), and newer exports add ``text_entities``: the same list
with every piece typed (``plain`` for unformatted runs). Joining the pieces gives the plain
text; each non-plain piece becomes an :class:`Entity` at its offset in Python characters.
"""

from __future__ import annotations

import re

from monitors.desktop_export.fields import FieldError
from monitors.types import MAX_TEXT_BYTES, Entity, bound_text

MAX_URL_CHARS = 4096
"""Link targets longer than this are dropped: no real link is that long."""

# Export names that differ from Telegram's API names (Entity.kind follows the latter).
_KIND_ALIASES = {"link": "url", "mention_name": "text_mention"}
_KIND = re.compile(r"[a-z_]{1,32}")
# The names Telegram Desktop writes, looked up instead of matched (the common case).
_KNOWN_KINDS = {
    name: _KIND_ALIASES.get(name, name)
    for name in (
        "unknown mention hashtag bot_command link email bold italic code pre text_link"
        " mention_name phone cashtag underline strikethrough blockquote bank_card spoiler"
        " custom_emoji"
    ).split()
}
# UTF-8 needs at most this many bytes a character: shorter texts need no size check.
_MAX_CHAR_BYTES = 4


def message_text(text: object, text_entities: object) -> tuple[str, tuple[Entity, ...], bool]:
    """Return the plain text, its entities and whether the text was cut to the size bound.

    ``text_entities`` wins when it is a non-empty list: it is the newer, fully typed form.
    An empty ``text_entities`` next to a non-empty ``text`` (seen in hand-made exports)
    would lose the text, so the reader then falls back to ``text``.
    """
    if text_entities is not None and not isinstance(text_entities, list):
        raise FieldError("'text_entities' must be a list")
    parts = text_entities if text_entities else text
    if parts is None:
        return "", (), False
    entities: list[Entity] = []
    if isinstance(parts, str):
        plain = parts
    elif isinstance(parts, list):
        plain, entities = _join(parts)
    else:
        raise FieldError("'text' must be a string or a list of strings and entity objects")
    if len(plain) * _MAX_CHAR_BYTES <= MAX_TEXT_BYTES:
        return plain, tuple(entities), False
    bounded, cut = bound_text(plain)
    if cut:
        entities = _clip(entities, len(bounded))
    return bounded, tuple(entities), cut


def _join(parts: list[object]) -> tuple[str, list[Entity]]:
    pieces: list[str] = []
    entities: list[Entity] = []
    offset = 0
    for index, part in enumerate(parts):
        if isinstance(part, str):
            piece = part
        elif isinstance(part, dict):
            text = part.get("text")
            if not isinstance(text, str):
                raise FieldError(f"text piece #{index} has no string 'text'")
            piece = text
            kind = part.get("type", "plain")
            if kind != "plain":
                if not isinstance(kind, str):
                    raise FieldError(f"text piece #{index} has a 'type' that is not a string")
                if text:
                    entities.append(_entity(part, kind, text, offset))
        else:
            raise FieldError(f"text piece #{index} must be a string or an object")
        pieces.append(piece)
        offset += len(piece)
        # Every character is at least one byte: past this point bound_text will cut
        # anyway, so the rest of a huge list is not worth walking.
        if offset > MAX_TEXT_BYTES:
            break
    return "".join(pieces), entities


def _entity(part: dict[str, object], kind: str, piece: str, offset: int) -> Entity:
    known = _KNOWN_KINDS.get(kind)
    if known is None:
        known = kind if _KIND.fullmatch(kind) else "unknown"
    url: object = None
    if known == "text_link":
        url = part.get("href")
    elif known == "url":
        url = piece
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS:
        url = None
    return Entity(known, offset, len(piece), url)


def _clip(entities: list[Entity], length: int) -> list[Entity]:
    """Drop entities past the cut text and shorten the one the cut runs through."""
    kept = []
    for entity in entities:
        if entity.offset >= length:
            continue
        end = min(entity.offset + entity.length, length)
        kept.append(Entity(entity.kind, entity.offset, end - entity.offset, entity.url))
    return kept
