"""Telegram Desktop "Export chat history" JSON files -> posts, streamed.

Both export shapes are read: one chat (``result.json`` of "Export chat history") and the
full-account export (``chats.list``), whose private sections (the user's own conversations
included, unless asked for by type) are read past, never kept.
"""

from monitors.desktop_export.jsontext import BinaryReader
from monitors.desktop_export.reader import CHANNELS_AND_GROUPS, iter_export, read_export

__all__ = ["CHANNELS_AND_GROUPS", "BinaryReader", "iter_export", "read_export"]
