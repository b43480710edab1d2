"""A loopback HTTP server that answers like ``t.me/s/<name>``, for tests of the web preview.

It serves :class:`SavedChannel` pages on ``/s/<name>`` and ``/s/<name>?before=N``, answers an
unknown name the way t.me does for chats without a preview (a redirect to ``/<name>``), can
be scripted per channel with replies served before the normal page (status codes,
``Retry-After``, a stalled connection for time-outs, any body), and logs every request.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from tests.telegram.webpreview_pages import SavedChannel

ANY = "any"
"""``script(..., before=ANY)``: the replies go to any page of the channel."""

STALL_LIMIT_SECONDS = 5.0
"""A stalled reply gives up by itself after this long, so no thread outlives a test run."""


@dataclass(frozen=True)
class Reply:
    """One scripted answer. ``stall`` holds the connection open without answering."""

    status: int = 200
    body: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    stall: bool = False


@dataclass(frozen=True)
class Request:
    """One request the server received."""

    path: str
    before: int | None
    target: str


class RecordedSleep:
    """The client's sleep in tests: remembers each wait (to compare with ``Retry-After``)
    and returns at once, so no test really sleeps."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


class WebPreviewServer:
    """Start with ``with WebPreviewServer() as server:``; ``server.url`` is the base URL."""

    def __init__(self) -> None:
        self.channels: dict[str, SavedChannel] = {}
        self.requests: list[Request] = []
        self._scripts: dict[tuple[str, int | str | None], deque[Reply]] = {}
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._http = _Server(("127.0.0.1", 0), _Handler)
        self._http.app = self
        # A short poll interval makes shutdown (once per test) take milliseconds, not 0.5 s.
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def add_channel(self, channel: SavedChannel) -> SavedChannel:
        self.channels[channel.name.lower()] = channel
        return channel

    def script(self, name: str, *replies: Reply, before: int | str | None = ANY) -> None:
        """Serve ``replies`` in order to the next requests for ``/s/<name>``; with ``before``
        only to requests for that page (None: the newest page)."""
        with self._lock:
            self._scripts.setdefault((name.lower(), before), deque()).extend(replies)

    def answer(self, target: str) -> Reply:
        """The reply for a request target such as ``/s/name?before=5`` (and log it)."""
        parts = urlsplit(target)
        values = parse_qs(parts.query).get("before", [])
        before = int(values[0]) if values and values[0].isdigit() else None
        with self._lock:
            self.requests.append(Request(parts.path, before, target))
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) != 2 or segments[0] != "s":
            return Reply(404, "not found")
        name = segments[1].lower()
        with self._lock:
            for key in ((name, before), (name, ANY)):
                queue = self._scripts.get(key)
                if queue:
                    return queue.popleft()
        channel = self.channels.get(name)
        if channel is None:
            return Reply(302, headers=(("Location", f"/{segments[1]}"),))
        return Reply(200, channel.render(before), (("Content-Type", "text/html; charset=utf-8"),))

    def wait_released(self) -> None:
        self._release.wait(STALL_LIMIT_SECONDS)

    def __enter__(self) -> WebPreviewServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release.set()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=STALL_LIMIT_SECONDS)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    app: WebPreviewServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        reply = self.server.app.answer(self.path)
        if reply.stall:
            self.server.app.wait_released()
            self.close_connection = True
            return
        body = reply.body.encode("utf-8")
        self.send_response(reply.status)
        for key, value in reply.headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean; the request log is ``WebPreviewServer.requests``."""
