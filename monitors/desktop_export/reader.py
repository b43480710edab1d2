"""Stream the posts out of a Telegram Desktop JSON export, one message in memory at a time.

Two shapes exist, told apart while streaming from the top-level keys: a single chat
(``{"name", "type", "id", "messages": [...]}``) and the full-account export, whose chats sit
in ``chats.list``. The full export also holds the exporting user's own data
(``personal_information``, ``contacts``, ``frequent_contacts``, sessions, ...): those
sections, and every other one, are skipped event by event and never built.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Generator, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from monitors.desktop_export.events import BinaryReader, EventStream, JSONError, json_kind
from monitors.desktop_export.fields import FieldError, opt_str, positive_int
from monitors.desktop_export.message import MESSAGE_KEYS, to_post
from monitors.errors import MalformedInput
from monitors.types import Channel, Post, Source

_NOT_EXPORT = "not a Telegram Desktop export"


def iter_export(
    path: Path,
    *,
    local_tz: tzinfo | None = None,
    chat_types: Collection[str] | None = None,
) -> Iterator[Post]:
    """Yield every post of the export file at ``path``, in file order.

    Each post carries its chat as a :class:`Channel` (``id`` the chat's id, ``username``
    None, ``title`` its name, source ``export``). ``chat_types`` keeps only chats whose
    export ``type`` is listed (``public_channel``, ``private_channel``,
    ``public_supergroup``, ``private_supergroup``, ``private_group``, ``personal_chat``,
    ``bot_chat``, ``saved_messages``); None keeps all. ``local_tz`` is the exporting
    computer's time zone, used only for old exports whose messages lack ``date_unixtime``.
    A chat's ``name``, ``type`` and ``id`` must precede its ``messages`` (Telegram Desktop
    writes them so); a chat whose id comes later is reported, since streaming cannot wait.

    The file is read lazily: posts come out while later parts are still unread, so an
    error (:class:`MalformedInput`, naming the file and position) can arrive after posts
    were yielded. The caller must store one file in one transaction and roll it back on
    error; the archive does. An unreadable file raises :class:`OSError` as usual.

    Example::

        for post in iter_export(Path("ChatExport/result.json")):
            archive.add(post)
    """
    with path.open("rb") as file:
        yield from read_export(file, str(path), local_tz=local_tz, chat_types=chat_types)


def read_export(
    file: BinaryReader,
    name: str,
    *,
    local_tz: tzinfo | None = None,
    chat_types: Collection[str] | None = None,
) -> Iterator[Post]:
    """Like :func:`iter_export` for an already open binary file; ``name`` goes in errors."""
    events = EventStream(file)
    walker = _Walker(events, name, local_tz, chat_types)
    try:
        yield from walker.top()
    except JSONError as exc:
        where = f"{name}, {walker.context}, in {events.position}"
        raise MalformedInput(where, f"invalid JSON: {_first_line(exc)}") from exc


@dataclass(slots=True)
class _Chat:
    """What the keys before ``messages`` said about a chat."""

    name: object = None
    type: object = None
    id: object = None


class _Walker:
    """Walks the export's structure; ``context`` says where it is, for error messages."""

    def __init__(
        self,
        events: EventStream,
        name: str,
        local_tz: tzinfo | None,
        chat_types: Collection[str] | None,
    ) -> None:
        self._events = events
        self._name = name
        self._local_tz = local_tz
        self._chat_types = chat_types
        self.context = "top level"

    def top(self) -> Generator[Post, None, None]:
        event, _ = self._events.next()
        if event != "start_map":
            raise MalformedInput(self._name, f"{_NOT_EXPORT}: the top level is {json_kind(event)}")
        found = yield from self._chat_object(top_level=True)
        self._events.expect_end()
        if not found:
            raise MalformedInput(self._name, f"{_NOT_EXPORT}: no 'messages' and no 'chats.list'")

    def _chat_object(self, *, top_level: bool) -> Generator[Post, None, bool]:
        """Read one chat object (or the top level); return whether it held messages."""
        chat = _Chat()
        found = False
        for key in self._events.object_keys():
            event, value = self._events.next()
            if key in ("name", "type", "id"):
                setattr(chat, key, self._events.value(event, value))
            elif key == "messages":
                found = True
                yield from self._messages(chat, event)
            elif key == "chats" and top_level:
                found = (yield from self._chats(event)) or found
            else:
                self._events.skip(event)
        return found

    def _chats(self, event: str) -> Generator[Post, None, bool]:
        """Read the full export's ``chats`` section; return whether it had a ``list``."""
        self._expect(event, "start_map", "'chats'")
        found = False
        for key in self._events.object_keys():
            event, _ = self._events.next()
            if key != "list":
                self._events.skip(event)
                continue
            found = True
            self._expect(event, "start_array", "'chats.list'")
            index = 0
            while (event := self._events.next()[0]) != "end_array":
                self.context = f"chats.list item #{index}"
                self._expect(event, "start_map", "a chat")
                yield from self._chat_object(top_level=False)
                index += 1
        return found

    def _messages(self, chat: _Chat, event: str) -> Iterator[Post]:
        self._expect(event, "start_array", "'messages'")
        if self._chat_types is not None and chat.type not in self._chat_types:
            self._events.skip(event)
            return
        channel = self._channel(chat)
        index, last_id = 0, None
        while (event := self._events.next()[0]) != "end_array":
            after = f" (after id {last_id})" if last_id else ""
            self.context = f"chat {channel.id}, message at index {index}{after}"
            if event != "start_map":
                raise self._error(f"expected a message object, found {json_kind(event)}")
            raw = self._events.fields(MESSAGE_KEYS)
            message_id = positive_int(raw.get("id"))
            if message_id is None:
                raise self._error(f"message has no positive integer 'id': {raw.get('id')!r:.40}")
            self.context = f"chat {channel.id}, message id {message_id}"
            try:
                post = to_post(raw, channel, message_id, self._local_tz)
            except FieldError as exc:
                raise self._error(str(exc)) from exc
            if post is not None:
                yield post
            index, last_id = index + 1, message_id
        self.context = f"chat {channel.id}, after its last message"

    def _channel(self, chat: _Chat) -> Channel:
        chat_id = positive_int(chat.id)
        if chat_id is None:
            raise self._error(f"the chat has no positive 'id' before its messages: {chat.id!r:.40}")
        return Channel(id=chat_id, username=None, title=opt_str(chat.name), source=Source.EXPORT)

    def _expect(self, event: str, wanted: str, what: str) -> None:
        if event != wanted:
            raise self._error(f"{what} must be {json_kind(wanted)}, found {json_kind(event)}")

    def _error(self, problem: str) -> MalformedInput:
        return MalformedInput(f"{self._name}, {self.context}", problem)


def _first_line(exc: JSONError) -> str:
    """ijson's message without the echoed input (yajl quotes the file around the error)."""
    text = re.split(r"\\n|\n", str(exc), maxsplit=1)[0]
    return text.removeprefix("b'").removeprefix('b"').strip() or type(exc).__name__
