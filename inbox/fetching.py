"""Fetching one public post for the intake: the narrow interface and a web-preview adapter.

The intake only ever asks for a post by a username and a message id it parsed itself
(:mod:`inbox.locations`), never by a URL a reporter typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from monitors import ChannelUnavailable, Post


class PostFetcher(Protocol):
    """Fetches one post of a public channel; None when the channel does not show it."""

    async def fetch_post(self, username: str, message_id: int) -> Post | None: ...


class PageLike(Protocol):
    """A page of a channel's web preview (``monitors.webpreview.PreviewPage``)."""

    @property
    def posts(self) -> Sequence[Post]: ...


class PageSource(Protocol):
    """Fetches web-preview pages (``monitors.webpreview.PreviewClient``)."""

    async def fetch(self, username: str, *, before: int | None = None) -> PageLike: ...


class PreviewPostFetcher:
    """A :class:`PostFetcher` over the web preview: the page that ends at the wanted post.

    ``t.me/s/<name>?before=<id + 1>`` shows the posts just older than ``id + 1``, the wanted
    one last when it exists. A channel without a public preview gives None, like a missing
    post; other failures (time-outs, 5xx after retries) raise for the intake to record.
    Posts inside an album are shown under the album's first id, so an id inside an album is
    not found.
    """

    def __init__(self, pages: PageSource) -> None:
        self._pages = pages

    async def fetch_post(self, username: str, message_id: int) -> Post | None:
        """The post, or None when the preview does not show it."""
        try:
            page = await self._pages.fetch(username, before=message_id + 1)
        except ChannelUnavailable:
            return None
        for post in page.posts:
            if post.message_id == message_id:
                return post
        return None
