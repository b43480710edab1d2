"""A whole ``t.me/s/<username>`` page turned into the channel, its posts and the paging cursor.

The page is the only thing we read: links in it are never followed. A page without the
message history container is not a channel preview (t.me shows a user, bot or group page
there, or a "channel not found" page) and raises :class:`ChannelUnavailable`.

Malformed posts raise rather than being skipped: the caller archives one page per
transaction and stores the crawl checkpoint with it, so a silently skipped post would be
passed over for good. Raising keeps the page (and its checkpoint) out of the archive until
the parser is fixed, and the error names the page and the post.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from monitors.errors import ChannelUnavailable, MalformedInput
from monitors.types import Channel, Post, bound_text
from monitors.webpreview.links import is_username, parse_message_id
from monitors.webpreview.numbers import parse_count
from monitors.webpreview.post import decode_view, parse_post, post_ref
from monitors.webpreview.richtext import render

MAX_TITLE_CHARS = 256
_HISTORY = "section.tgme_channel_history, .js-message_history"
_LABELS = ".tgme_channel_info_header_labels, .tgme_header_labels"
_VERIFIED = ".tgme_channel_info_header_labels .verified-icon, .tgme_header_labels .verified-icon"


@dataclass(frozen=True, slots=True)
class PreviewPage:
    """One page of a channel's web preview.

    ``posts`` are in page order (oldest first). ``older_before`` is the ``before`` cursor of
    the page's "older posts" link, None when the page shows the channel's first post.
    """

    channel: Channel
    posts: tuple[Post, ...]
    older_before: int | None

    @property
    def has_older(self) -> bool:
        """True when the page links to older posts."""
        return self.older_before is not None


def parse_page(html: str, *, where: str, username: str | None = None) -> PreviewPage:
    """Parse a web-preview page.

    ``where`` names the page in errors (e.g. ``/s/name?before=42``); ``username`` is the name
    the page was requested for, used when the page itself does not show it.
    """
    tree = LexborHTMLParser(html)
    if tree.css_first(_HISTORY) is None:
        raise ChannelUnavailable(username or "?", f"{where} is not a channel preview page")
    # Every post element, also one that lost its data-post: that one must raise, not vanish.
    messages = tree.css(".tgme_widget_message")
    channel = _channel(tree, username, messages, where)
    posts: list[Post] = []
    seen: set[int] = set()
    for position, message in enumerate(messages, start=1):
        post = parse_post(message, channel=channel, where=f"{where} post #{position}")
        if post.message_id in seen:
            raise MalformedInput(where, f"post #{position} repeats id {post.message_id}")
        seen.add(post.message_id)
        posts.append(post)
    return PreviewPage(channel=channel, posts=tuple(posts), older_before=_older_before(tree))


def parse_channel(html: str, *, where: str, username: str | None = None) -> Channel:
    """Read only the channel header of a page (title, description, counters, labels)."""
    tree = LexborHTMLParser(html)
    return _channel(tree, username, tree.css(".tgme_widget_message"), where)


def _channel(
    tree: LexborHTMLParser, username: str | None, messages: list[LexborNode], where: str
) -> Channel:
    name = _header_username(tree) or username or _first_post_name(messages)
    title_node = tree.css_first(".tgme_channel_info_header_title, .tgme_header_title")
    title = _clean(title_node.text(deep=True)) if title_node is not None else None
    about_node = tree.css_first(".tgme_channel_info_description")
    about = render(about_node).text if about_node is not None else None
    labels = " ".join(node.html or "" for node in tree.css(_LABELS)).casefold()
    channel_id = _channel_id(messages)
    if channel_id is None and name is None:
        raise MalformedInput(where, "page names no channel and carries no channel id")
    return Channel(
        id=channel_id,
        username=name,
        title=(title or _meta(tree, "og:title"))[:MAX_TITLE_CHARS] or None,
        about=about or _meta(tree, "og:description") or None,
        subscribers=_subscribers(tree),
        verified=tree.css_first(_VERIFIED) is not None,
        # Only the verified mark is confirmed on saved pages; scam and fake labels are read
        # from the same label area by their word.
        scam="scam" in labels,
        fake="fake" in labels,
    )


def _header_username(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first(".tgme_channel_info_header_username a")
    name = node.text().strip().removeprefix("@") if node is not None else ""
    return name if is_username(name) else None


def _first_post_name(messages: list[LexborNode]) -> str | None:
    for message in messages:
        ref = post_ref(message)
        if ref is not None and is_username(ref[0]):
            return ref[0]
    return None


def _channel_id(messages: list[LexborNode]) -> int | None:
    """Telegram's numeric id from a post's ``data-view`` (given negative), made positive."""
    for message in messages:
        raw = decode_view(message).get("c")
        if isinstance(raw, int) and not isinstance(raw, bool) and raw != 0:
            digits = str(abs(raw))
            # Bot-API style ids carry a "-100" prefix before the 10-digit channel id.
            if raw < 0 and digits.startswith("100") and len(digits) >= 13:
                digits = digits[3:]
            return int(digits)
    return None


def _subscribers(tree: LexborHTMLParser) -> int | None:
    for counter in tree.css(".tgme_channel_info_counter"):
        kind = counter.css_first(".counter_type")
        value = counter.css_first(".counter_value")
        if kind is None or value is None:
            continue
        if kind.text().strip().casefold().startswith(("subscriber", "member")):
            return parse_count(value.text())
    header = tree.css_first(".tgme_header_counter")
    return parse_count(header.text()) if header is not None else None


def _older_before(tree: LexborHTMLParser) -> int | None:
    more = tree.css_first("a.tme_messages_more[data-before]")
    if more is not None:
        return parse_message_id(more.attributes.get("data-before") or "")
    prev = tree.css_first('link[rel="prev"]')
    if prev is None:
        return None
    values = parse_qs(urlsplit(prev.attributes.get("href") or "").query).get("before", [])
    return parse_message_id(values[0]) if values else None


def _meta(tree: LexborHTMLParser, prop: str) -> str:
    node = tree.css_first(f'meta[property="{prop}"]')
    return _clean(node.attributes.get("content") or "") if node is not None else ""


def _clean(text: str) -> str:
    return bound_text(text.strip())[0]
