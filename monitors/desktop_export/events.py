"""The JSON events of one export file, read lazily, with the byte range read so far.

ijson's ``basic_parse`` gives a flat stream of ``(event, value)`` pairs. The reader walks the
structure itself instead of relying on ijson's dotted prefixes, because a hostile key such as
``"messages.item"`` would make a prefix ambiguous. Values are built only for the keys the
reader keeps; everything else (reactions, buttons, whole private sections) is skipped
event by event and never materialised.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import ijson

JSONError = ijson.JSONError
"""What ijson raises for malformed, truncated or non-UTF-8 input."""

_DEPTH = {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1}
_JSON_KIND = {
    "start_map": "an object",
    "start_array": "an array",
    "string": "a string",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}


class BinaryReader(Protocol):
    """The one method the reader needs from a file opened in binary mode."""

    def read(self, size: int = -1, /) -> bytes: ...


def json_kind(event: str) -> str:
    """Name the JSON type a value starting with ``event`` has, for error messages."""
    return _JSON_KIND.get(event, event)


class _CountingReader:
    """Passes reads through and remembers which bytes the parser has seen."""

    def __init__(self, file: BinaryReader) -> None:
        self._file = file
        self.consumed = 0
        self.last_chunk = 0

    def read(self, size: int = -1, /) -> bytes:
        data = self._file.read(size)
        if data:
            self.last_chunk = len(data)
            self.consumed += len(data)
        return data


class EventStream:
    """Pull events one at a time; build or skip whole values on request."""

    def __init__(self, file: BinaryReader) -> None:
        self._reader = _CountingReader(file)
        self._events: Iterator[tuple[str, Any]] = iter(
            ijson.basic_parse(self._reader, use_float=True)
        )

    @property
    def position(self) -> str:
        """The bytes the parser read last: a parse error lies within them."""
        end = self._reader.consumed
        return f"bytes {end - self._reader.last_chunk}-{end}"

    def next(self) -> tuple[str, Any]:
        """The next event; ijson raises :data:`JSONError` on bad input."""
        item = next(self._events, None)
        if item is None:
            raise ijson.IncompleteJSONError("unexpected end of the JSON events")
        return item

    def expect_end(self) -> None:
        """Read past the top-level value, so trailing garbage is reported, not ignored."""
        if next(self._events, None) is not None:
            raise ijson.JSONError("more than one top-level value")

    def value(self, event: str, value: Any) -> object:
        """Build the whole value whose first event is ``(event, value)``."""
        if event not in ("start_map", "start_array"):
            return value
        builder = ijson.ObjectBuilder()
        builder.event(event, value)
        depth = 1
        while depth:
            event, value = self.next()
            builder.event(event, value)
            depth += _DEPTH.get(event, 0)
        result: object = builder.value
        return result

    def skip(self, event: str) -> None:
        """Consume the rest of the value whose first event was ``event``."""
        depth = _DEPTH.get(event, 0)
        while depth > 0:
            depth += _DEPTH.get(self.next()[0], 0)

    def object_keys(self) -> Iterator[str]:
        """Yield an object's keys after its ``start_map``; the caller consumes each value."""
        while True:
            event, key = self.next()
            if event == "end_map":
                return
            yield str(key)

    def fields(self, keep: frozenset[str]) -> dict[str, object]:
        """Build an object (after its ``start_map``) from the ``keep`` keys only."""
        out: dict[str, object] = {}
        for key in self.object_keys():
            event, value = self.next()
            if key in keep:
                out[key] = self.value(event, value)
            else:
                self.skip(event)
        return out
