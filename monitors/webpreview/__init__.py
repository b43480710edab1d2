"""Telegram's public web preview (``t.me/s/<username>``): parse pages, fetch them, crawl.

The public face: :class:`PreviewClient` fetches one page (paced, retried, never following a
link), :func:`parse_page` turns a page's HTML into a :class:`PreviewPage`, and :func:`crawl`
pages backwards through a channel from a :class:`~monitors.Checkpoint`, yielding
:class:`CrawlPage` items to archive one by one.
"""

from monitors.webpreview.client import InvalidUsername, PreviewClient, Sleep
from monitors.webpreview.crawl import CrawlPage, PageSource, crawl
from monitors.webpreview.links import is_username
from monitors.webpreview.parse import PreviewPage, parse_channel, parse_page

__all__ = [
    "CrawlPage",
    "InvalidUsername",
    "PageSource",
    "PreviewClient",
    "PreviewPage",
    "Sleep",
    "crawl",
    "is_username",
    "parse_channel",
    "parse_page",
]
