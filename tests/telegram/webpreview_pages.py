"""Web-preview pages rebuilt from saved real pages, for the loopback server and the tests.

Nothing here is hand-written HTML: a saved page is cut into its shell (head, channel header,
footer) and its posts (each ``.tgme_widget_message_wrap`` as Telegram wrote it), and pages
are put back together from those parts, with the paging links rewritten the way t.me writes
them (``<link rel="prev">`` and ``a.tme_messages_more[data-before]`` for older posts).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "webpreview"
"""Saved real pages and snippets (sources and licences in its README.md)."""

_SECTION = '<section class="tgme_channel_history js-message_history">'


@dataclass(frozen=True)
class SavedPost:
    message_id: int
    html: str


class SavedChannel:
    """A channel whose posts come from one saved page, served ``page_size`` at a time.

    ``published`` posts (the oldest ones, by default all) are visible; raising it simulates
    new posts appearing between two crawls.
    """

    def __init__(self, page_html: str, *, page_size: int) -> None:
        start = page_html.index(_SECTION) + len(_SECTION)
        end = page_html.index("</section>", start)
        self._prefix = page_html[:start]
        self._suffix = page_html[end:]
        tree = LexborHTMLParser(page_html)
        more = tree.css_first(".js-messages_more_wrap")
        assert more is not None, "the saved page has no 'older posts' link to copy"
        self._more_html = more.html or ""
        link = tree.css_first("a.tme_messages_more")
        assert link is not None
        self._more_before = link.attributes["data-before"] or ""
        main = tree.css_first("main.tgme_main")
        assert main is not None
        self.name = (main.attributes["data-url"] or "").strip("/")
        posts = []
        for wrap in tree.css(".tgme_widget_message_wrap"):
            message = wrap.css_first(".tgme_widget_message[data-post]")
            if message is not None:
                post_id = int((message.attributes["data-post"] or "").rpartition("/")[2])
                posts.append(SavedPost(post_id, wrap.html or ""))
        self.posts = sorted(posts, key=lambda p: p.message_id)
        self.page_size = page_size
        self.published = len(self.posts)

    @property
    def ids(self) -> list[int]:
        """Ids of the visible posts, oldest first."""
        return [p.message_id for p in self.posts[: self.published]]

    def render(self, before: int | None) -> str:
        """The page t.me would answer for ``/s/<name>`` or ``/s/<name>?before=<before>``."""
        visible = self.posts[: self.published]
        older_than = [p for p in visible if before is None or p.message_id < before]
        shown = older_than[-self.page_size :]
        body = "".join(p.html for p in shown)
        prefix = self._head_links(self._prefix, shown, older_than)
        if shown and len(shown) < len(older_than):
            body = self._more("before", shown[0].message_id) + body
        if shown and before is not None and shown[-1].message_id < visible[-1].message_id:
            body += self._more("after", shown[-1].message_id)
        return prefix + body + self._suffix

    def _more(self, direction: str, message_id: int) -> str:
        old = self._more_before
        html = self._more_html.replace(f"before={old}", f"{direction}={message_id}")
        return html.replace(f'data-before="{old}"', f'data-{direction}="{message_id}"')

    def _head_links(self, prefix: str, shown: list[SavedPost], older: list[SavedPost]) -> str:
        start = prefix.index('<link rel="prev"')
        end = prefix.index(">", start) + 1
        link = ""
        if shown and len(shown) < len(older):
            link = f'<link rel="prev" href="/s/{self.name}?before={shown[0].message_id}">'
        return prefix[:start] + link + prefix[end:]


def fixture(name: str) -> str:
    """The text of a saved page or snippet, e.g. ``telegram.html``, ``snippets/x.html``."""
    return (FIXTURES / name).read_text(encoding="utf-8")


def snippet_page(snippet_html: str) -> str:
    """Put one saved post (a snippet) into the saved "no posts found" page in place of its
    placeholder, giving a whole page with the real history container around it."""
    shell_html = fixture("snippets/parse_no_posts_found.html")
    start = shell_html.index('<div class="tgme_widget_message_wrap')
    end = shell_html.index("</section>", start)
    return shell_html[:start] + snippet_html + shell_html[end:]
