"""A post's HTML body turned into plain text plus entities (offsets into that text).

Telegram writes formatting as tags (``<b>``, ``<a href>``, ``<br/>``). We keep the characters
exactly as the author wrote them, one ``<br>`` becomes one newline, an emoji image
(``<i class="emoji"><b>👍</b></i>``) counts as its character once, and tags become
:class:`Entity` spans. Markup inside a post is never interpreted beyond that: a ``<script>``
element contributes nothing, escaped ``&lt;script&gt;`` stays literal text.

The walk is iterative, so hostile nesting depth cannot exhaust Python's stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from monitors.types import Entity, bound_text
from monitors.webpreview.dom import children, has_class
from monitors.webpreview.links import parse_tme_link

MAX_ENTITIES = 1000
"""Entities kept per post; a hostile post could otherwise carry millions of empty tags."""

_STYLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "spoiler",
}
_SILENT_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "head"})
_HASHTAG_PREFIX = "?q=%23"
_CASHTAG_PREFIX = "?q=%24"


@dataclass(frozen=True, slots=True)
class RichText:
    """Plain text, its entities and whether the text was cut to the size bound."""

    text: str
    entities: tuple[Entity, ...]
    truncated: bool


@dataclass(slots=True)
class _Open:
    """An element whose entity is closed once all its children are written."""

    node: LexborNode
    start: int
    first_part: int


def render(node: LexborNode | None) -> RichText:
    """Render ``node``'s content; None (no text element) renders as empty text."""
    if node is None:
        return RichText("", (), False)
    parts: list[str] = []
    length = 0
    spans: list[Entity] = []
    stack: list[LexborNode | _Open] = list(reversed(children(node)))
    while stack:
        item = stack.pop()
        if isinstance(item, _Open):
            # Only links need their visible text (to tell a url from a text link).
            shown = "".join(parts[item.first_part :]) if item.node.tag == "a" else ""
            entity = _entity(item.node, item.start, length, shown)
            if entity is not None and len(spans) < MAX_ENTITIES:
                spans.append(entity)
            continue
        if item.is_text_node:
            chunk = item.text(deep=False)
            parts.append(chunk)
            length += len(chunk)
            continue
        if not item.is_element_node:
            continue  # comments and the like
        tag = item.tag or ""
        if tag in _SILENT_TAGS:
            continue
        if tag == "br":
            parts.append("\n")
            length += 1
            continue
        if has_class(item, "emoji"):
            # The emoji character sits in an inner <b>: keep it once, and not as bold.
            chunk = item.text(deep=True)
            parts.append(chunk)
            length += len(chunk)
            continue
        stack.append(_Open(item, length, len(parts)))
        stack.extend(reversed(children(item)))
    return _finish("".join(parts), spans)


def _entity(node: LexborNode, start: int, end: int, text: str) -> Entity | None:
    """The entity a closed element stands for, or None for plain containers."""
    if end <= start:
        return None
    tag = node.tag or ""
    if tag == "a":
        return _link_entity(node.attributes.get("href") or "", start, end - start, text)
    if tag == "span" and has_class(node, "tg-spoiler"):
        return Entity("spoiler", start, end - start)
    kind = _STYLE_TAGS.get(tag)
    return Entity(kind, start, end - start) if kind else None


def _link_entity(href: str, offset: int, length: int, text: str) -> Entity | None:
    """Classify a link the way Telegram's own entities would: hashtag, mention, url, ..."""
    if href.startswith(_HASHTAG_PREFIX):
        return Entity("hashtag", offset, length)
    if href.startswith(_CASHTAG_PREFIX):
        return Entity("cashtag", offset, length)
    if href.startswith("mailto:"):
        return Entity("email", offset, length, href)
    if href.startswith("tel:"):
        return Entity("phone", offset, length, href)
    if not href:
        return None
    shown = text.strip()
    if shown.startswith("@") and parse_tme_link(href) is not None:
        return Entity("mention", offset, length, href)
    if _same_address(shown, href):
        return Entity("url", offset, length, href)
    return Entity("text_link", offset, length, href)


def _same_address(shown: str, href: str) -> bool:
    """True when the visible text is the link itself (``www.x.org/a`` for ``http://www.x.org/a``)."""

    def bare(value: str) -> str:
        value = value.casefold()
        for scheme in ("https://", "http://"):
            value = value.removeprefix(scheme)
        return value.rstrip("/")

    return bool(shown) and bare(shown) == bare(href)


def _finish(raw: str, spans: list[Entity]) -> RichText:
    """Strip layout whitespace around the text, bound its size and clip entities to it."""
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    text, truncated = bound_text(stripped)
    entities = []
    for span in sorted(spans, key=lambda e: (e.offset, -e.length)):
        start = max(span.offset - lead, 0)
        end = min(span.offset + span.length - lead, len(text))
        if end > start:
            entities.append(Entity(span.kind, start, end - start, span.url))
    return RichText(text, tuple(entities), truncated)
