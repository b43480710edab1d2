"""The app on an event loop of its own thread, for tests that drive it synchronously
(schemathesis, Playwright): everything the app uses (database, HTTP client) is made and used
on that one loop.

:class:`LoopThread` runs coroutines there; :class:`BridgedApp` lets a caller on another loop
(schemathesis' test client) call the app in-process; :meth:`LoopThread.serve` starts uvicorn
on an ephemeral loopback port and waits until it accepts connections.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, TypeVar

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

T = TypeVar("T")
WAIT_SECONDS = 60.0


class LoopThread:
    """``with LoopThread() as loop:``; ``loop.run(coro)`` runs ``coro`` there and returns."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> LoopThread:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(WAIT_SECONDS)
        self.loop.close()

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` on the loop thread and wait for its result."""
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(WAIT_SECONDS)

    def serve(self, app: ASGIApp) -> LiveServer:
        """Serve ``app`` with uvicorn on 127.0.0.1 and an ephemeral port; ready on return."""
        return LiveServer(self, app)


class _Server(uvicorn.Server):
    """uvicorn's server, telling the test when it is listening."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


class LiveServer:
    """uvicorn serving an app on the loop thread; ``url`` is its base address."""

    def __init__(self, loop: LoopThread, app: ASGIApp) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self._server = _Server(
            uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        )
        self._done = asyncio.run_coroutine_threadsafe(
            self._server.serve(sockets=[self._socket]), loop.loop
        )
        if not self._server.ready.wait(WAIT_SECONDS):
            raise RuntimeError("the test server did not start")

    def stop(self) -> None:
        """Stop serving and wait until the server is down."""
        self._server.should_exit = True
        self._done.result(WAIT_SECONDS)
        self._socket.close()


class BridgedApp:
    """An ASGI app that runs ``app`` on the loop thread, passing messages across loops."""

    def __init__(self, app: ASGIApp, loop: LoopThread) -> None:
        self._app = app
        self._loop = loop.loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        caller = asyncio.get_running_loop()

        async def receive_here() -> Message:
            return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(receive(), caller))

        async def send_here(message: Message) -> None:
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(send(message), caller))

        work = self._app(scope, receive_here, send_here)
        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work, self._loop))
