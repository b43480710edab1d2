"""Telegram Desktop "Export chat history" JSON files -> posts, streamed.

Both export shapes are read: one chat (``result.json`` of "Export chat history") and the
full-account export (``chats.list``), whose private sections are read past, never kept.
"""

from monitors.desktop_export.jsontext import BinaryReader
from monitors.desktop_export.reader import iter_export, read_export

__all__ = ["BinaryReader", "iter_export", "read_export"]
