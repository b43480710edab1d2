"""Write statements of reasons as JSON Lines, all valid or none written.

Every statement is validated first; a problem anywhere stops the export before a byte is
written. The file appears whole or not at all: written to a temporary file beside it, synced,
then renamed over the target.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from inbox.dsa.enums import DsaEnums
from inbox.dsa.validate import validate_statement

# Enough to show what is wrong without turning one bad export into a megabyte of messages.
_MAX_PROBLEMS_SHOWN = 50


def write_statements_jsonl(
    statements: Iterable[Mapping[str, object]], path: Path, *, enums: DsaEnums | None = None
) -> int:
    """Write one JSON object per line to ``path``; return how many were written.

    Raises ``ValueError`` listing every problem (by statement number, counting from 1, and
    duplicate puids) when any statement is invalid; the target is then left untouched.
    """
    items = list(statements)
    problems: list[str] = []
    seen: dict[object, int] = {}
    for number, statement in enumerate(items, start=1):
        problems += [f"statement {number}: {p}" for p in validate_statement(statement, enums)]
        puid = statement.get("puid") if isinstance(statement, Mapping) else None
        if isinstance(puid, str):
            if puid in seen:
                problems.append(
                    f"statement {number}: puid {puid[:60]!r} repeats statement {seen[puid]}"
                )
            else:
                seen[puid] = number
    if problems:
        shown = problems[:_MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        tail = [f"... and {more} more problems"] if more else []
        raise ValueError("invalid statements of reasons:\n" + "\n".join(shown + tail))
    lines = [json.dumps(dict(s), ensure_ascii=False, separators=(",", ":")) for s in items]
    _write_atomically(path, "".join(line + "\n" for line in lines))
    return len(items)


def _write_atomically(path: Path, content: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
