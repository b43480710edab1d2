"""A JSON file read lazily: its structure walked here, each value decoded by the stdlib's C scanner.

The export reader needs two things at once: speed (a message is a dict of a dozen keys,
built for every post) and certainty about where a value sits. ijson's C ``items`` builds
values fast but finds them by dotted prefix, which a hostile key such as
``"messages.item"`` can forge; building values from ijson's events in Python is safe but
slow. So the few structural tokens (braces, brackets, commas, colons, keys) are walked
here, and every value that is kept is decoded whole by :meth:`json.JSONDecoder.raw_decode`,
which parses one value at a known position in C and says where it ended.

The file is read in chunks; at most one value (one message, say) is held beyond the
current chunk. Values that are skipped (private sections of a full-account export) are
dropped as they are read, never more than a chunk of them at once.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Protocol

CHUNK_BYTES = 64 * 1024
"""Bytes read at a time; one value larger than this is read in growing steps."""

MAX_VALUE_CHARS = 4 * 1024 * 1024
"""A single value (one message, say) longer than this is refused, so memory stays bounded.

A message of Telegram's longest text with an entity on every word is far below it."""

MAX_SKIP_DEPTH = 512
"""Skipped values nested deeper than this are refused: no export nests more than a few levels."""

_BLANK = " \t\n\r"
_WHITESPACE = re.compile(f"[{_BLANK}]*")
# A decode error this close to the end of the text read so far may only mean that the
# value continues in the next chunk (a cut literal, number or escape).
_CUT_MARGIN = 16
_KIND_OF_FIRST_CHAR = {
    "{": "an object",
    "[": "an array",
    '"': "a string",
    "t": "a boolean",
    "f": "a boolean",
    "n": "null",
    "-": "a number",
    **dict.fromkeys("0123456789", "a number"),
}


class BinaryReader(Protocol):
    """The one method the reader needs from a file opened in binary mode."""

    def read(self, size: int = -1, /) -> bytes: ...


class JsonError(Exception):
    """The file is not valid JSON (or not UTF-8); ``offset`` is the byte where that shows."""

    def __init__(self, problem: str, offset: int) -> None:
        super().__init__(f"{problem} (at byte {offset})")
        self.problem = problem
        self.offset = offset


def _reject_constant(name: str) -> object:
    # The stdlib accepts NaN and Infinity, which are not JSON.
    raise ValueError(f"{name} is not a JSON value")


class JsonText:
    """Walk one JSON text from a binary file: peek at kinds, decode or skip whole values.

    Positions never leave this class; callers move forward only, through :meth:`value`,
    :meth:`skip`, :meth:`members` and :meth:`elements`.
    """

    def __init__(self, file: BinaryReader) -> None:
        self._file = file
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._decode = json.JSONDecoder(parse_constant=_reject_constant).raw_decode
        self._text = ""
        self._pos = 0
        self._value_start = 0
        self._eof = False
        self._bytes_read = 0
        self._text_start_byte = 0
        self._failure: JsonError | None = None  # met in the text read, raised when reached

    @property
    def offset(self) -> int:
        """The byte offset of the current position, for error messages."""
        return self._byte_at(self._pos)

    @property
    def value_offset(self) -> int:
        """The byte offset where the value :meth:`value` returned last begins."""
        return self._byte_at(self._value_start)

    def kind(self) -> str:
        """Name the JSON type of the next value ("an object", ...) without reading it."""
        char = self._peek()
        kind = _KIND_OF_FIRST_CHAR.get(char)
        if kind is None:
            raise self._syntax_error("a value")
        return kind

    def value(self) -> object:
        """Decode the next value whole."""
        self._peek()
        while True:
            self._value_start = self._pos
            try:
                value, end = self._decode(self._text, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof or not _maybe_cut(exc, len(self._text)):
                    raise self._decode_error(exc) from None
            except RecursionError:
                raise JsonError("values nested too deeply to decode", self.offset) from None
            except ValueError as exc:  # NaN, or an integer of thousands of digits
                raise JsonError(f"invalid JSON: {exc}", self.offset) from None
            else:
                # A number that ends exactly where the text read so far ends may go on.
                if end < len(self._text) or self._eof:
                    self._pos = end
                    return value
            self._read_more()

    def skip(self) -> None:
        """Read past the next value without keeping it, in at most a chunk's worth of memory.

        A container that ends within the text read so far is decoded in one go (in C) and
        dropped; a longer one is entered and its parts skipped the same way.
        """
        open_containers: list[Iterator[object]] = []
        while True:
            char = self._peek()
            if char != "{" and char != "[":
                self.value()
            elif not self._drop_if_read():
                open_containers.append(self.members() if char == "{" else self.elements())
                if len(open_containers) > MAX_SKIP_DEPTH:
                    raise JsonError(
                        f"values nested deeper than {MAX_SKIP_DEPTH} levels", self.offset
                    )
            # Move to the next value still to skip, closing every container that ended.
            while open_containers and next(open_containers[-1], None) is None:
                open_containers.pop()
            if not open_containers:
                return

    def members(self) -> Iterator[str]:
        """Enter the object that comes next; yield each key, positioned at its value.

        The caller consumes every value (:meth:`value`, :meth:`skip`, ...) before asking
        for the next key.
        """
        self._expect("{", "an object")
        char = self._peek()
        if char == "}":
            self._pos += 1
            return
        while True:
            if char != '"':
                raise self._syntax_error("a key in double quotes")
            key = self.value()
            assert isinstance(key, str)  # a value starting with '"' is a string
            self._expect(":", "':' after a key")
            yield key
            char = self._peek()
            if char == "}":
                self._pos += 1
                return
            self._expect(",", "',' or '}' after a value in an object")
            char = self._peek()

    def elements(self) -> Iterator[int]:
        """Enter the array that comes next; yield each index, positioned at its element."""
        self._expect("[", "an array")
        char = self._peek()
        if char == "]":
            self._pos += 1
            return
        index = 0
        while True:
            if char not in _KIND_OF_FIRST_CHAR:
                self.kind()  # raises: "]" after a comma, a bad character, or the end
            yield index
            char = self._peek()
            if char == ",":
                self._pos += 1
                char = self._peek()
                index += 1
            elif char == "]":
                self._pos += 1
                return
            else:
                raise self._syntax_error("',' or ']' after an element of an array")

    def end(self) -> None:
        """Check that nothing but whitespace follows the top-level value."""
        if self._peek():
            raise JsonError("invalid JSON: more data after the top-level value", self.offset)

    def _drop_if_read(self) -> bool:
        """Decode and drop the container here if it ends within the text read so far."""
        try:
            _, end = self._decode(self._text, self._pos)
        except (ValueError, RecursionError):
            return False  # cut off by the chunk's end, or broken: entering it tells which
        self._pos = end
        return True

    def _peek(self) -> str:
        """Skip whitespace; return the next character, or "" at the end of the file."""
        while True:
            if self._pos < len(self._text):
                char = self._text[self._pos]
                if char not in _BLANK:
                    return char
                blank = _WHITESPACE.match(self._text, self._pos)
                if blank:
                    self._pos = blank.end()
                    if self._pos < len(self._text):
                        return self._text[self._pos]
            if self._eof:
                return ""
            self._read_more()

    def _expect(self, char: str, what: str) -> None:
        if self._peek() != char:
            raise self._syntax_error(what)
        self._pos += 1

    def _read_more(self) -> None:
        """Drop the text before the current position and append the next chunk.

        Reads at least as much as is pending, so a large value is decoded a logarithmic
        number of times, not once per chunk.
        """
        if self._failure is not None:
            raise self._failure
        pending = self._text[self._pos :]
        if len(pending) > MAX_VALUE_CHARS:
            raise JsonError(
                f"a single value is longer than {MAX_VALUE_CHARS} characters", self.offset
            )
        # Encoding what is pending, not what is dropped: pending is at most one value.
        decoded = self._bytes_read - len(self._utf8.getstate()[0])
        self._text_start_byte = decoded - len(pending.encode("utf-8"))
        data = self._file.read(max(CHUNK_BYTES, len(pending)))
        self._text = pending + self._decode_utf8(data)
        self._eof = not data and self._failure is None
        self._bytes_read += len(data)
        self._pos = 0

    def _decode_utf8(self, data: bytes) -> str:
        """Decode a chunk; from bytes that are not UTF-8, keep the text before them.

        The error is raised when that text is used up, so it names the message it is in.
        """
        try:
            return self._utf8.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            undecoded = len(self._utf8.getstate()[0])  # from the chunk before, untouched
            offset = self._bytes_read - undecoded + exc.start
            self._failure = JsonError(f"invalid JSON: not UTF-8 text ({exc.reason})", offset)
            return self._utf8.decode(data[: max(0, exc.start - undecoded)])

    def _byte_at(self, pos: int) -> int:
        return self._text_start_byte + len(self._text[:pos].encode("utf-8"))

    def _decode_error(self, exc: json.JSONDecodeError) -> JsonError:
        rest = self._text[exc.pos :]
        if self._eof and (exc.msg.startswith("Unterminated string") or not rest.strip(_BLANK)):
            return JsonError("invalid JSON: premature EOF, the file is cut off", self._bytes_read)
        return JsonError(f"invalid JSON: {exc.msg}", self._byte_at(exc.pos))

    def _syntax_error(self, expected: str) -> JsonError:
        char = self._peek()
        if not char:
            return JsonError("invalid JSON: premature EOF, the file is cut off", self._bytes_read)
        return JsonError(f"invalid JSON: expected {expected}, found {char!r}", self.offset)


def _maybe_cut(exc: json.JSONDecodeError, length: int) -> bool:
    """Whether a decode error may only mean that the value goes on past ``length``."""
    return exc.msg.startswith("Unterminated string") or exc.pos >= length - _CUT_MARGIN
