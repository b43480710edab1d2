"""Stream the posts out of a Telegram Desktop JSON export, one message in memory at a time.

Two shapes exist, told apart while streaming from the top-level keys: a single chat
(``{"name", "type", "id", "messages": [...]}``) and the full-account export, whose chats sit
in ``chats.list``. The full export also holds the exporting user's own data
(``personal_information``, ``contacts``, ``frequent_contacts``, sessions, ...): those
sections, and every other one, are read past without being kept; so are the user's own
conversations in it (personal chats, bot chats, saved messages) unless the caller asks for
them by type. A single-chat export is read whatever its type: the user chose that chat.

The walk follows the JSON structure itself (see :mod:`.jsontext`): a message is an element
of a ``messages`` array that is the value of a chat object's key, never a value that merely
sits at a path spelled ``messages.item``, so keys with dots in them cannot forge one.
"""

from __future__ import annotations

from collections.abc import Collection, Generator, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from monitors.desktop_export.fields import FieldError, opt_str, positive_int
from monitors.desktop_export.jsontext import BinaryReader, JsonError, JsonText
from monitors.desktop_export.message import to_post
from monitors.errors import MalformedInput
from monitors.types import Channel, Post, Source

_NOT_EXPORT = "not a Telegram Desktop export"
CHANNELS_AND_GROUPS = frozenset(
    {
        "public_channel",
        "private_channel",
        "public_supergroup",
        "private_supergroup",
        "private_group",
    }
)
"""The chat types read from a full-account export when the caller names none."""


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
    ``bot_chat``, ``saved_messages``); None keeps a single-chat export whatever its type
    and, of a full-account export, only :data:`CHANNELS_AND_GROUPS` (the exporting user's
    own conversations are private data, like the rest of that export). ``local_tz`` is the exporting
    computer's time zone, used only for old exports whose messages lack ``date_unixtime``.
    A chat's ``name``, ``type`` and ``id`` must precede its ``messages`` (Telegram Desktop
    writes them so); a chat whose id comes later is reported, since streaming cannot wait.

    The file is read lazily, one message in memory at a time in both shapes: posts come
    out while later parts are still unread, so an error (:class:`MalformedInput`, naming
    the file, the message and the byte offset) can arrive after posts were yielded. The
    caller must store one file in one transaction and roll it back on error; the archive
    does. An unreadable file raises :class:`OSError` as usual.

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
    walker = _Walker(JsonText(file), name, local_tz, chat_types)
    try:
        yield from walker.top()
    except JsonError as exc:
        raise MalformedInput(
            f"{name}, {walker.context}, at byte {exc.offset}", exc.problem
        ) from exc


@dataclass(slots=True)
class _Chat:
    """What the keys before ``messages`` said about a chat."""

    name: object = None
    type: object = None
    id: object = None


class _Walker:
    """Walks the export's structure; :attr:`context` says where it is, for error messages.

    Inside a chat's messages the place is kept as numbers and put in words only when an
    error needs it: formatting it for every message would cost more than the message.
    """

    def __init__(
        self,
        text: JsonText,
        name: str,
        local_tz: tzinfo | None,
        chat_types: Collection[str] | None,
    ) -> None:
        self._text = text
        self._name = name
        self._local_tz = local_tz
        self._chat_types = chat_types
        self._place = "top level"
        self._chat_id = 0
        self._index: int | None = None  # of the message being read, while in a chat
        self._last_id: int | None = None
        self._message_id: int | None = None

    @property
    def context(self) -> str:
        """Where the walk is, in words."""
        if self._index is None:
            return self._place
        if self._message_id is not None:
            return f"chat {self._chat_id}, message id {self._message_id}"
        after = f" (after id {self._last_id})" if self._last_id else ""
        return f"chat {self._chat_id}, message at index {self._index}{after}"

    def top(self) -> Generator[Post, None, None]:
        kind = self._text.kind()
        if kind != "an object":
            raise MalformedInput(self._name, f"{_NOT_EXPORT}: the top level is {kind}")
        found = yield from self._chat_object(top_level=True)
        self._place = "after the top-level object"
        self._text.end()
        if not found:
            raise MalformedInput(self._name, f"{_NOT_EXPORT}: no 'messages' and no 'chats.list'")

    def _chat_object(self, *, top_level: bool) -> Generator[Post, None, bool]:
        """Read one chat object (or the top level); return whether it held messages."""
        chat = _Chat()
        found = False
        for key in self._text.members():
            if key in ("name", "type", "id"):
                setattr(chat, key, self._text.value())
            elif key == "messages":
                found = True
                yield from self._messages(chat, in_account=not top_level)
            elif key == "chats" and top_level:
                found = (yield from self._chats()) or found
            else:
                self._text.skip()
        return found

    def _chats(self) -> Generator[Post, None, bool]:
        """Read the full export's ``chats`` section; return whether it had a ``list``."""
        self._expect("an object", "'chats'")
        found = False
        for key in self._text.members():
            if key != "list":
                self._text.skip()
                continue
            found = True
            self._expect("an array", "'chats.list'")
            for index in self._text.elements():
                self._place = f"chats.list item #{index}"
                self._expect("an object", "a chat")
                yield from self._chat_object(top_level=False)
        return found

    def _messages(self, chat: _Chat, *, in_account: bool) -> Iterator[Post]:
        self._expect("an array", "'messages'")
        wanted = self._chat_types
        if wanted is None and in_account:
            wanted = CHANNELS_AND_GROUPS
        if wanted is not None and chat.type not in wanted:
            self._text.skip()
            return
        channel = self._channel(chat)
        self._chat_id, self._last_id = channel.id or 0, None
        for index in self._text.elements():
            self._index, self._message_id = index, None
            raw = self._text.value()
            if not isinstance(raw, dict):
                raise self._message_error(f"expected a message object, found {_kind_of(raw)}")
            message_id = positive_int(raw.get("id"))
            if message_id is None:
                raise self._message_error(
                    f"message has no positive integer 'id': {raw.get('id')!r:.40}"
                )
            self._message_id = message_id
            try:
                post = to_post(raw, channel, message_id, self._local_tz)
            except FieldError as exc:
                raise self._message_error(str(exc)) from exc
            if post is not None:
                yield post
            self._last_id = message_id
        self._index = None
        self._place = f"chat {channel.id}, after its last message"

    def _channel(self, chat: _Chat) -> Channel:
        chat_id = positive_int(chat.id)
        if chat_id is None:
            raise self._error(f"the chat has no positive 'id' before its messages: {chat.id!r:.40}")
        return Channel(id=chat_id, username=None, title=opt_str(chat.name), source=Source.EXPORT)

    def _expect(self, wanted: str, what: str) -> None:
        found = self._text.kind()
        if found != wanted:
            raise self._error(f"{what} must be {wanted}, found {found}")

    def _error(self, problem: str) -> MalformedInput:
        return MalformedInput(f"{self._name}, {self.context}, at byte {self._text.offset}", problem)

    def _message_error(self, problem: str) -> MalformedInput:
        """An error about the message just decoded: its position is where it starts."""
        where = f"{self._name}, {self.context}, at byte {self._text.value_offset}"
        return MalformedInput(where, problem)


def _kind_of(value: object) -> str:
    """Name the JSON type of a decoded value, for error messages."""
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"
