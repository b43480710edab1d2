"""The attachments of one exported message, described, never read.

The export names media files by relative path (or by a placeholder such as "(File not
included...)"); we keep the kind, file name, size and duration and never open the file.
A shared contact is kept as its kind only: the phone number is a third person's data.
"""

from __future__ import annotations

import math

from monitors.desktop_export.fields import opt_int, opt_str
from monitors.types import Media

# Telegram Desktop's media_type values -> our Media kinds; any other file is a document.
_FILE_KINDS = {
    "sticker": "sticker",
    "video_message": "round_video",
    "voice_message": "voice",
    "audio_file": "audio",
    "video_file": "video",
    "animation": "animation",
}

# A message with none of these keys has no attachment (most messages are text only).
_ATTACHMENT_KEYS = frozenset(
    {
        "photo",
        "file",
        "media_type",
        "poll",
        "location_information",
        "place_name",
        "contact_information",
    }
)


def media_of(raw: dict[str, object]) -> list[Media]:
    """Describe every attachment the message carries, in a fixed order."""
    found: list[Media] = []
    if raw.keys().isdisjoint(_ATTACHMENT_KEYS):
        return found
    if "photo" in raw:
        found.append(Media("photo", size=opt_int(raw.get("photo_file_size"))))
    if "file" in raw or "media_type" in raw:
        media_type = raw.get("media_type")
        kind = (
            _FILE_KINDS.get(media_type, "document") if isinstance(media_type, str) else "document"
        )
        found.append(
            Media(
                kind,
                detail=opt_str(raw.get("file_name")),
                duration=opt_int(raw.get("duration_seconds")),
                size=opt_int(raw.get("file_size")),
            )
        )
    poll = raw.get("poll")
    if isinstance(poll, dict):
        found.append(Media("poll", detail=opt_str(poll.get("question"))))
    # A venue without coordinates and an empty geo point are still location messages.
    if "location_information" in raw or "place_name" in raw:
        found.append(Media("location", detail=_lat_lon(raw.get("location_information"))))
    if "contact_information" in raw:
        found.append(Media("contact"))
    return found


def _lat_lon(value: object) -> str | None:
    if not isinstance(value, dict):
        return None
    lat, lon = value.get("latitude"), value.get("longitude")
    if not (_coordinate(lat, 90) and _coordinate(lon, 180)):
        return None
    return f"{lat},{lon}"


def _coordinate(value: object, bound: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and -bound <= value <= bound
