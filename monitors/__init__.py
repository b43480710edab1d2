"""Telegram access: the web preview, Telegram Desktop exports and (later) Telethon.

Every source yields :class:`Channel` and :class:`Post`; nothing here imports our other packages.
"""

from monitors.checkpoint import Checkpoint
from monitors.errors import ChannelUnavailable, FetchFailed, MalformedInput, MonitorError
from monitors.types import (
    MAX_TEXT_BYTES,
    Channel,
    Entity,
    ForwardedFrom,
    Media,
    Post,
    Source,
    bound_text,
)

__all__ = [
    "MAX_TEXT_BYTES",
    "Channel",
    "ChannelUnavailable",
    "Checkpoint",
    "Entity",
    "FetchFailed",
    "ForwardedFrom",
    "MalformedInput",
    "Media",
    "MonitorError",
    "Post",
    "Source",
    "bound_text",
]
