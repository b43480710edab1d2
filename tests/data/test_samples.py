"""The bundled demo channels (``data/samples``) stay well-formed Telegram Desktop exports.

They are edited by hand; these checks catch what a hand edit breaks and the reader would
either reject (a missing field) or silently accept wrongly (a date out of step with its
unix time, ids out of order).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
FILES = sorted(SAMPLES.glob("*.json"))
USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
CHAT_TYPES = {"public_channel", "private_channel", "public_supergroup", "private_supergroup"}


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: top level is not an object"
    return data


def unix(message: dict[str, Any], key: str) -> int:
    value = message[key]
    assert isinstance(value, str) and value.isdigit(), f"message {message['id']}: {key}={value!r}"
    return int(value)


def utc_seconds(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


def joined(text: str | list[str | dict[str, str]]) -> str:
    if isinstance(text, str):
        return text
    return "".join(part if isinstance(part, str) else part["text"] for part in text)


def test_samples_exist() -> None:
    assert len(FILES) >= 5


def test_readme_names_every_sample() -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    missing = [path.name for path in FILES if path.name not in readme]
    assert not missing


def test_channel_ids_are_unique() -> None:
    ids = [load(path)["id"] for path in FILES]
    assert len(ids) == len(set(ids))


def test_forwards_name_bundled_channels() -> None:
    """The demo forward graph has edges, and each one ends at a channel that is shipped."""
    channels = {f"channel{data['id']}": data["name"] for data in map(load, FILES)}
    forwards = [
        (message["forwarded_from_id"], message["forwarded_from"])
        for data in map(load, FILES)
        for message in data["messages"]
        if "forwarded_from" in message
    ]
    assert forwards
    assert all(channels.get(peer) == name for peer, name in forwards)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
class TestSample:
    def test_stem_is_a_username(self, path: Path) -> None:
        assert USERNAME.fullmatch(path.stem)

    def test_export_shape(self, path: Path) -> None:
        data = load(path)
        assert isinstance(data["name"], str) and data["name"].strip()
        assert data["type"] in CHAT_TYPES
        assert isinstance(data["id"], int) and not isinstance(data["id"], bool)
        assert data["id"] > 0
        assert isinstance(data["messages"], list) and data["messages"]

    def test_message_ids_ascend(self, path: Path) -> None:
        ids = [message["id"] for message in load(path)["messages"]]
        assert all(isinstance(i, int) and i > 0 for i in ids)
        assert ids == sorted(set(ids))

    def test_dates_match_unix_times(self, path: Path) -> None:
        for message in load(path)["messages"]:
            assert utc_seconds(message["date"]) == unix(message, "date_unixtime"), message["id"]
            if "edited" in message or "edited_unixtime" in message:
                edited = unix(message, "edited_unixtime")
                assert utc_seconds(message["edited"]) == edited, message["id"]
                assert edited >= unix(message, "date_unixtime"), message["id"]

    def test_dates_follow_ids(self, path: Path) -> None:
        times = [unix(message, "date_unixtime") for message in load(path)["messages"]]
        assert times == sorted(times)

    def test_text_entities_spell_the_text(self, path: Path) -> None:
        for message in load(path)["messages"]:
            pieces = message["text_entities"]
            assert all(piece["type"] and isinstance(piece["text"], str) for piece in pieces)
            assert "".join(piece["text"] for piece in pieces) == joined(message["text"])

    def test_posts_come_from_the_channel(self, path: Path) -> None:
        data = load(path)
        peer = f"channel{data['id']}"
        for message in data["messages"]:
            if message["type"] == "message":
                assert (message["from"], message["from_id"]) == (data["name"], peer)
            else:
                assert message["type"] == "service" and message["action"], message["id"]

    def test_references_point_to_earlier_messages(self, path: Path) -> None:
        seen: set[int] = set()
        for message in load(path)["messages"]:
            for key in ("reply_to_message_id", "message_id"):
                if key in message:
                    assert message[key] in seen, (message["id"], key)
            seen.add(message["id"])
