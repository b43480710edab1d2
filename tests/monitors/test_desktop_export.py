"""The Telegram Desktop export reader on real export files and files built from them.

Expectations are computed from the JSON with the stdlib parser where that is independent
of the reader, and checked by hand for a few messages.
"""

from __future__ import annotations

import json
import tracemalloc
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from monitors import MAX_TEXT_BYTES, Entity, MalformedInput, Media, Post, Source
from monitors.desktop_export import iter_export, jsontext, read_export

FIXTURES = Path(__file__).parent.parent / "fixtures" / "desktop_export"
CHAT_FILE = FIXTURES / "result.json"
GROUP_FILE = FIXTURES / "result_group.json"

# The two export entity names that differ from Telegram's API names.
ENTITY_NAMES = {"link": "url", "mention_name": "text_mention"}


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def as_channel(data: dict[str, Any]) -> dict[str, Any]:
    """A fixture chat as a channel: what a full-account export is read for by default."""
    return {**data, "type": "private_channel"}


def by_id(posts: list[Post]) -> dict[int, Post]:
    return {post.message_id: post for post in posts}


def write(tmp_path: Path, data: object, name: str = "result.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def chat(*messages: dict[str, Any], chat_id: int = 5) -> dict[str, Any]:
    return {"name": "Plug", "type": "public_channel", "id": chat_id, "messages": list(messages)}


def message(message_id: int, **fields: Any) -> dict[str, Any]:
    return {"id": message_id, "type": "message", "date_unixtime": "1769936400", **fields}


def read_until_error(path: Path) -> tuple[list[Post], MalformedInput]:
    posts: list[Post] = []
    with pytest.raises(MalformedInput) as caught:
        for post in iter_export(path):
            posts.append(post)
    return posts, caught.value


@pytest.fixture(scope="module")
def chat_posts() -> list[Post]:
    return list(iter_export(CHAT_FILE))


@pytest.fixture(scope="module")
def group_posts() -> list[Post]:
    return list(iter_export(GROUP_FILE))


@pytest.mark.parametrize("path", [CHAT_FILE, GROUP_FILE], ids=["chat", "group"])
def test_every_dated_message_becomes_a_post_in_file_order(path: Path) -> None:
    raw = load(path)
    posts = list(iter_export(path))
    # The serializer writes "unsupported" placeholders with an id only: they are skipped.
    dated = [m for m in raw["messages"] if "date_unixtime" in m]
    assert [p.message_id for p in posts] == [m["id"] for m in dated]
    assert len(dated) == len(raw["messages"]) - 1
    for post, expected in zip(posts, dated, strict=True):
        assert post.date == datetime.fromtimestamp(int(expected["date_unixtime"]), UTC)
        assert post.source is Source.EXPORT
        assert post.channel.id == raw["id"]
        assert post.channel.title == raw["name"]
        assert post.channel.username is None
        assert post.channel.source is Source.EXPORT
        assert post.url is None


@pytest.mark.parametrize("path", [CHAT_FILE, GROUP_FILE], ids=["chat", "group"])
def test_text_and_entities_match_the_json(path: Path) -> None:
    posts = by_id(list(iter_export(path)))
    checked = 0
    for raw in load(path)["messages"]:
        if raw["id"] not in posts:
            continue
        post = posts[raw["id"]]
        pieces = raw.get("text_entities") or []
        if not pieces:
            assert post.text == raw["text"]
            assert post.entities == ()
            continue
        assert post.text == "".join(piece["text"] for piece in pieces)
        expected = [
            (ENTITY_NAMES.get(p["type"], p["type"]), p["text"], p.get("href"))
            for p in pieces
            if p["type"] != "plain"
        ]
        found = [(e.kind, post.text[e.offset : e.offset + e.length], e.url) for e in post.entities]
        assert found == expected
        checked += 1
    assert checked == 1  # each fixture has one message with typed entities


def test_entities_of_the_first_message_by_hand(chat_posts: list[Post]) -> None:
    first = by_id(chat_posts)[1]
    # text_entities wins over the (disagreeing) plain "text" of this message.
    assert first.text == "Baseaj text with @alice and link"
    assert first.entities == (
        Entity("bold", 0, 6),
        Entity("mention", 17, 6),
        Entity("text_link", 28, 4, "https://example.org"),
    )
    assert first.sender_name == "Me"
    assert first.sender_id == "user777000"


def test_edited_forwarded_message(chat_posts: list[Post]) -> None:
    post = by_id(chat_posts)[2]
    assert post.text == "Edited forwarded reply"
    assert post.edited is True
    assert post.edit_date == datetime(2026, 2, 1, 9, 3, tzinfo=UTC)
    assert post.forwarded_from is not None
    assert post.forwarded_from.name == "Channel News"
    assert post.forwarded_from.channel_id == 500
    # reply_to_peer_id says the replied-to message 1 lives in another chat (user777000).
    assert post.reply_to is None
    assert by_id(chat_posts)[3].edited is False
    assert by_id(chat_posts)[3].edit_date is None


def test_service_messages_keep_their_action(chat_posts: list[Post]) -> None:
    raw = {m["id"]: m for m in load(CHAT_FILE)["messages"]}
    services = [p for p in chat_posts if p.service is not None]
    assert [p.message_id for p in services] == [i for i, m in raw.items() if m["type"] == "service"]
    for post in services:
        assert post.service == raw[post.message_id].get("action", "custom_action")
    posts = by_id(chat_posts)
    assert posts[33].service == "pin_message"
    assert posts[41].service == "custom_action"  # only "information_text" in the export
    assert (posts[29].service, posts[29].sender_name, posts[29].sender_id) == (
        "joined_telegram",
        "Alice Example",
        "user10001",
    )
    assert posts[36].sender_name is None  # send_payment names no actor
    assert posts[48].sender_name == "Alice Example"  # proximity_reached: from, not actor
    assert posts[56].text == "payload"
    assert posts[25].media == (Media("photo", size=100000),)


def test_media_kinds_by_hand(chat_posts: list[Post]) -> None:
    posts = by_id(chat_posts)
    assert posts[3].media == (Media("photo", size=550000),)
    assert posts[4].media == (Media("sticker", detail="sticker.webp", size=50000),)
    assert posts[5].media == (
        Media("round_video", detail="video_note.mp4", duration=14, size=1800000),
    )
    assert posts[6].media == (Media("voice", detail="voice.ogg", duration=11, size=130000),)
    assert posts[7].media == (Media("animation", detail="anim.gif", size=700000),)
    assert posts[8].media == (Media("video", detail="v.mp4", duration=95, size=7200000),)
    assert posts[9].media == (Media("audio", detail="song.mp3", duration=210, size=6100000),)
    assert posts[10].media == (Media("contact"),)
    assert posts[11].media == (Media("location", detail="40.7128,-74.006"),)
    assert posts[11].text == "Live location"
    assert posts[12].media == (Media("location"),)  # empty geo point
    assert posts[13].media == (Media("location", detail="50.45,30.523"),)  # venue
    assert posts[14].media == (Media("location"),)  # venue without coordinates
    assert posts[17].media == (Media("poll", detail="Best language?"),)
    assert posts[22].media == (Media("document", detail="missing.bin", size=500),)
    assert posts[1].media == ()


def test_shared_contact_keeps_no_phone_number(chat_posts: list[Post]) -> None:
    contact = by_id(chat_posts)[10]
    assert "555" not in repr(contact)
    assert "Bob" not in repr(contact)


def test_media_counts(chat_posts: list[Post], group_posts: list[Post]) -> None:
    assert Counter(m.kind for p in chat_posts for m in p.media) == {
        "photo": 3,
        "location": 4,
        "sticker": 1,
        "round_video": 1,
        "voice": 1,
        "animation": 1,
        "video": 1,
        "audio": 1,
        "contact": 1,
        "poll": 1,
        "document": 1,
    }
    assert Counter(m.kind for p in group_posts for m in p.media) == {
        "poll": 5,
        "document": 3,
        "photo": 2,
        "location": 2,
        "contact": 1,
    }


def test_counts_by_type(chat_posts: list[Post], group_posts: list[Post]) -> None:
    for posts, path in ((chat_posts, CHAT_FILE), (group_posts, GROUP_FILE)):
        expected = Counter(m["type"] for m in load(path)["messages"] if m["type"] != "unsupported")
        found = Counter("service" if p.service else "message" for p in posts)
        assert found == expected
    assert Counter("service" if p.service else "message" for p in group_posts) == {
        "service": 21,
        "message": 23,
    }


def test_group_export_by_hand(group_posts: list[Post]) -> None:
    posts = by_id(group_posts)
    assert posts[1].channel.title == "Team Chat"
    assert posts[1].channel.id == 20001
    assert posts[1].service == "create_group"
    assert posts[7].text == "Welcome everyone!"  # empty text_entities: falls back to text
    forwarded = posts[25]
    assert forwarded.signature == "Admin"
    assert forwarded.forwarded_from is not None
    assert forwarded.forwarded_from.name == "Public Channel"
    assert forwarded.forwarded_from.channel_id == 500
    assert posts[26].reply_to == 7
    assert posts[34].text == "Message mentioning @alice and @bob"
    assert posts[34].entities == (Entity("mention", 19, 6), Entity("mention", 30, 4))
    assert posts[31].media == (Media("document", detail="huge_file.zip", size=5000000000),)
    assert posts[42].date == datetime(2025, 11, 5, 9, 0, tzinfo=UTC)
    assert [p.media[0].detail for p in group_posts if p.media and p.media[0].kind == "poll"] == [
        "What should we do?",
        "Best time for meeting?",
        "Which project to prioritize?",
        "Final decision?",
        "Closed poll, no votes",
    ]
    assert [p.service for p in group_posts if p.service][-3:] == [
        "migrate_from_group",
        "score_in_game",
        "send_payment",
    ]


PRIVATE = {
    "user_id": 777000,
    "first_name": "Geheime",
    "last_name": "Onderzoeker",
    "phone_number": "+31 6 9876 5432",
    "username": "@secret_investigator",
    "bio": "private bio text",
}


def full_export() -> dict[str, Any]:
    contacts = {"about": "contacts", "list": [{**PRIVATE, "date_unixtime": "1769936400"}]}
    left = chat(message(1, text="left chat text"), chat_id=999)
    return {
        "about": "Here is the data you requested.",
        "personal_information": PRIVATE,
        "profile_pictures": [{"photo": "profile_pictures/p.jpg", "date_unixtime": "1"}],
        "contacts": contacts,
        "frequent_contacts": {"about": "x", "list": [{"id": 1, "name": PRIVATE["first_name"]}]},
        "chats": {"about": "chats", "list": [as_channel(load(CHAT_FILE)), load(GROUP_FILE)]},
        "left_chats": {"about": "left", "list": [left]},
        "other_data": {"about": "x", "changes_log": [PRIVATE]},
    }


def test_full_account_export_reads_chats_list_only(tmp_path: Path) -> None:
    path = write(tmp_path, full_export())
    posts = list(iter_export(path))
    single = list(iter_export(CHAT_FILE)) + list(iter_export(GROUP_FILE))
    assert posts == single
    assert Counter(p.channel.id for p in posts) == {10001: 86, 20001: 44}
    dump = repr(posts)
    for value in PRIVATE.values():
        assert str(value) not in dump.replace("user777000", "")
    assert "left chat text" not in dump


def test_private_sections_may_come_after_the_chats(tmp_path: Path) -> None:
    data = full_export()
    reordered = {"chats": data.pop("chats"), **data}
    posts = list(iter_export(write(tmp_path, reordered)))
    assert len(posts) == 130


def test_the_users_own_conversations_stay_out_of_a_full_account_import(tmp_path: Path) -> None:
    own = [
        {**chat(message(1, text="to my mother"), chat_id=31), "type": "personal_chat"},
        {**chat(message(1, text="bot reply"), chat_id=32), "type": "bot_chat"},
        {**chat(message(1, text="my own note"), chat_id=33), "type": "saved_messages"},
    ]
    data = full_export()
    data["chats"]["list"] += own
    path = write(tmp_path, data)
    assert {p.channel.id for p in iter_export(path)} == {10001, 20001}
    asked = iter_export(path, chat_types={"personal_chat", "saved_messages"})
    assert {p.channel.id for p in asked} == {31, 33}
    # A single-chat export is read whatever its type: the user chose that chat.
    single = write(tmp_path, own[0], name="personal.json")
    assert [p.text for p in iter_export(single)] == ["to my mother"]


def test_chat_types_filter(tmp_path: Path) -> None:
    path = write(tmp_path, full_export())
    posts = list(iter_export(path, chat_types={"private_group"}))
    assert {p.channel.id for p in posts} == {20001}
    assert len(posts) == 44
    assert list(iter_export(CHAT_FILE, chat_types={"public_channel"})) == []


def test_truncated_file_names_the_file_and_position(tmp_path: Path) -> None:
    data = CHAT_FILE.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(data[: len(data) // 2])
    posts, error = read_until_error(path)
    # Posts before the cut were already yielded: the caller's transaction must roll back.
    assert posts
    assert [p.message_id for p in posts] == list(range(1, len(posts) + 1))
    assert str(path) in str(error)
    assert error.where.startswith(str(path))
    assert f"after id {posts[-1].message_id}" in error.where
    assert error.where.endswith(f"at byte {len(data) // 2}")
    assert "premature EOF" in error.problem


def test_garbage_inside_a_message(tmp_path: Path) -> None:
    text = json.dumps(chat(message(1, text="ok"), message(2, text="fine")))
    path = tmp_path / "bad.json"
    path.write_text(text.replace('"fine"', "fine"), "utf-8")
    posts, error = read_until_error(path)
    assert [p.message_id for p in posts] == [1]
    assert "chat 5, message at index 1 (after id 1)" in error.where
    assert "invalid JSON" in error.problem


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"[]", "not a Telegram Desktop export: the top level is an array"),
        (b'{"foo": 1}', "not a Telegram Desktop export: no 'messages'"),
        (b'"result"', "not a Telegram Desktop export: the top level is a string"),
        (b'{"chats": {"about": "x"}}', "not a Telegram Desktop export"),
        (b"", "invalid JSON"),
        (b'{"id": 5, "messages": []} {}', "invalid JSON"),
        (b"\xff\xfe{}", "invalid JSON"),
    ],
)
def test_not_an_export(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "other.json"
    path.write_bytes(content)
    posts, error = read_until_error(path)
    assert posts == []
    assert error.where.startswith(str(path))
    assert problem in error.problem


@pytest.mark.parametrize(
    ("messages", "where", "problem"),
    [
        ([1], "message at index 0", "expected a message object, found a number"),
        ([[message(1)]], "message at index 0", "found an array"),
        ([{"type": "message", "date_unixtime": "1"}], "index 0", "no positive integer 'id'"),
        ([message(1), {"id": "2"}], "index 1 (after id 1)", "no positive integer 'id'"),
        ([message(2**63)], "message at index 0", "no positive integer 'id': 9223372036854775808"),
        ([{"id": 3, "type": "message"}], "message id 3", "has no date"),
        ([message(3, date_unixtime="soon")], "message id 3", "seconds since 1970"),
        ([message(3, text=7)], "message id 3", "'text' must be a string or a list"),
        ([message(3, text=[{"type": "bold"}])], "message id 3", "text piece #0"),
        ([message(3, text_entities="bold")], "message id 3", "'text_entities' must be a list"),
    ],
)
def test_malformed_messages(
    tmp_path: Path, messages: list[object], where: str, problem: str
) -> None:
    path = write(tmp_path, {"name": "Plug", "id": 5, "messages": messages})
    _, error = read_until_error(path)
    assert error.where.startswith(f"{path}, chat 5, ")
    assert where in error.where
    assert problem in error.problem


def test_chat_without_id_or_with_messages_not_a_list(tmp_path: Path) -> None:
    _, error = read_until_error(write(tmp_path, {"name": "x", "messages": [message(1)]}))
    assert "no positive 'id' before its messages" in error.problem
    _, error = read_until_error(write(tmp_path, {"messages": [message(1)], "id": 5}))
    assert "no positive 'id' before its messages" in error.problem
    _, error = read_until_error(write(tmp_path, {"id": 5, "messages": {"1": message(1)}}))
    assert "'messages' must be an array, found an object" in error.problem
    _, error = read_until_error(write(tmp_path, {"chats": {"list": [[]]}}))
    assert "chats.list item #0" in error.where
    assert "a chat must be an object" in error.problem


def test_oversized_text_is_cut_and_flagged(tmp_path: Path) -> None:
    long_run = "é" * MAX_TEXT_BYTES  # two bytes each: twice the bound
    pieces = [
        {"type": "hashtag", "text": "#xtc"},
        {"type": "plain", "text": " "},
        {"type": "bold", "text": long_run},
        {"type": "link", "text": "https://example.org/after-the-cut"},
    ]
    path = write(tmp_path, chat(message(1, text=pieces, text_entities=pieces), message(2)))
    posts = list(iter_export(path))
    cut = posts[0]
    assert cut.truncated is True
    assert len(cut.text.encode("utf-8")) <= MAX_TEXT_BYTES
    assert cut.text.startswith("#xtc é")
    assert cut.entities == (
        Entity("hashtag", 0, 4),
        Entity("bold", 5, len(cut.text) - 5),
    )
    assert posts[1].truncated is False


def test_text_list_without_text_entities(tmp_path: Path) -> None:
    text = [
        "Bestel via ",
        {"type": "mention", "text": "@plug"},
        " of ",
        {"type": "text_link", "text": "hier", "href": "https://t.me/+abc"},
        " 🍄 ",
        {"type": "link", "text": "https://example.org"},
        {"type": "Weird Kind!", "text": "?"},
    ]
    post = next(iter(iter_export(write(tmp_path, chat(message(1, text=text))))))
    assert post.text == "Bestel via @plug of hier 🍄 https://example.org?"
    assert post.entities == (
        Entity("mention", 11, 5),
        Entity("text_link", 20, 4, "https://t.me/+abc"),
        Entity("url", 27, 19, "https://example.org"),
        Entity("unknown", 46, 1),
    )


def test_optional_fields(tmp_path: Path) -> None:
    post = next(
        iter(
            iter_export(
                write(
                    tmp_path,
                    chat(
                        message(
                            9,
                            views=1200,
                            forwards="7",
                            duration_seconds=2**63,
                            media_group_id=13571113,
                            reply_to_message_id=4,
                            reply_to_peer_id="channel5",
                            forwarded_from="Some Person",
                            forwarded_from_id="user42",
                            from_id=5,
                            file="files/x.bin",
                            file_size="big",
                        )
                    ),
                )
            )
        )
    )
    assert (post.views, post.forwards, post.album_id) == (1200, 7, "13571113")
    assert post.reply_to == 4  # the peer is this chat itself
    assert post.forwarded_from is not None
    assert (post.forwarded_from.name, post.forwarded_from.channel_id) == ("Some Person", None)
    assert post.sender_id == "5"
    assert post.media == (Media("document", size=None, duration=None),)


def test_unsupported_message_with_a_date_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, chat(message(1, type="unsupported"), {"id": 2, "type": "unsupported"}))
    posts = list(iter_export(path))
    assert [(p.message_id, p.media) for p in posts] == [(1, (Media("unsupported"),))]


def test_old_export_without_unix_times_needs_a_time_zone(tmp_path: Path) -> None:
    old = {
        "id": 1,
        "type": "message",
        "date": "2019-06-01T14:30:00",
        "edited": "2019-06-01T15:00:00",
    }
    path = write(tmp_path, chat(old))
    _, error = read_until_error(path)
    assert "unknown time zone" in error.problem
    cest = timezone(timedelta(hours=2))
    post = next(iter(iter_export(path, local_tz=cest)))
    assert post.date == datetime(2019, 6, 1, 12, 30, tzinfo=UTC)
    assert post.edit_date == datetime(2019, 6, 1, 13, 0, tzinfo=UTC)
    assert post.edited is True


def generated_export(path: Path, count: int, padding: int = 0) -> int:
    """Write a single-chat export of ``count`` messages; return its size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"name": "Big", "type": "public_channel", "id": 77, "messages": [')
        for i in range(1, count + 1):
            text = [f"offer {i} ", {"type": "hashtag", "text": "#xtc"}, "." * padding]
            item = message(i, text=text)
            out.write(("," if i > 1 else "") + json.dumps(item))
        out.write("]}")
    return path.stat().st_size


class CountingFile:
    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self.read_bytes = 0

    def read(self, size: int = -1, /) -> bytes:
        data = self._file.read(size)
        self.read_bytes += len(data)
        return data

    def close(self) -> None:
        self._file.close()


def test_first_post_arrives_before_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    size = generated_export(path, 50_000)
    file = CountingFile(path)
    try:
        posts = read_export(file, str(path))
        first = next(posts)
        assert first.message_id == 1
        assert file.read_bytes <= 256 * 1024 < size // 10
        assert sum(1 for _ in posts) == 49_999
        assert file.read_bytes == size
    finally:
        file.close()


def test_memory_stays_far_below_the_file_size(tmp_path: Path) -> None:
    # Fewer, longer messages than above: tracemalloc slows every allocation down.
    path = tmp_path / "big.json"
    size = generated_export(path, 2_000, padding=3_000)
    tracemalloc.start()
    try:
        last = None
        for post in iter_export(path):
            last = post
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert last is not None
    assert last.message_id == 2_000
    assert last.entities == (Entity("hashtag", len("offer 2000 "), 4),)
    assert peak < size // 10


class TrickleFile:
    """A binary file that hands out at most ``step`` bytes a read, as a pipe may."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data = data
        self._step = step
        self._at = 0

    def read(self, size: int = -1, /) -> bytes:
        size = self._step if size < 0 else min(size, self._step)
        chunk = self._data[self._at : self._at + size]
        self._at += len(chunk)
        return chunk


AWKWARD_TEXTS = ["café 🍄 €5", "\\u escapes: \u00e9\U0001f600", "日本語のテキスト", "tab\t", 'q"']


def awkward_export() -> dict[str, Any]:
    """Non-ASCII text, escapes and numbers of every length, to land on read boundaries."""
    messages = [
        message(
            i,
            text=[AWKWARD_TEXTS[i % 5] * (i % 4 + 1), {"type": "bold", "text": "é" * i}],
            views=10**i,
            location_information={"latitude": -12.5 / i, "longitude": 1e-3 * i},
        )
        for i in range(1, 40)
    ]
    chats = [chat(*messages), as_channel(load(CHAT_FILE))]
    return {**full_export(), "chats": {"about": "x", "list": chats}}


@pytest.mark.parametrize("step", [1, 2, 3, 7, 64, 1000])
def test_any_read_size_gives_the_same_posts(tmp_path: Path, step: int) -> None:
    path = write(tmp_path, awkward_export())
    expected = list(iter_export(path))
    assert len(expected) == 39 + 86
    assert expected[0].text == "\\u escapes: é😀" * 2 + "é"
    assert expected[0].entities == (Entity("bold", 28, 1),)
    assert expected[0].views == 10
    assert expected[2].media == (Media("location", detail="-4.166666666666667,0.003"),)
    assert list(read_export(TrickleFile(path.read_bytes(), step), str(path))) == expected


def test_keys_with_dots_cannot_pass_for_messages(tmp_path: Path) -> None:
    # With dotted prefixes each of these would read as "messages.item" or
    # "chats.list.item.messages.item"; only the real arrays may yield posts.
    forged = message(666, text="forged")
    data = {
        "name": "Plug",
        "type": "public_channel",
        "id": 5,
        "messages.item": forged,
        "chats.list.item.messages": [forged],
        "chats.list": [chat(forged)],
        "chats": {
            "list.item": chat(forged),
            "list": [
                {
                    "id": 7,
                    "type": "public_channel",
                    "messages.item": forged,
                    "messages": [message(2)],
                }
            ],
        },
        "messages": [message(1)],
    }
    posts = list(iter_export(write(tmp_path, data)))
    assert [(p.channel.id, p.message_id) for p in posts] == [(7, 2), (5, 1)]
    _, error = read_until_error(write(tmp_path, {"id": 5, "messages": {"item": forged}}))
    assert "'messages' must be an array, found an object" in error.problem


def test_full_account_export_streams_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    single = tmp_path / "single.json"
    generated_export(single, 1_000, padding=3_000)
    big_chat = single.read_text("utf-8")
    data = full_export()
    data["chats"]["list"].insert(0, "BIG CHAT")
    # The generated chat goes first in chats.list, with every private section around it.
    path.write_text(json.dumps(data).replace('"BIG CHAT"', big_chat), "utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        posts = Counter(post.channel.id for post in iter_export(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert posts == {77: 1_000, 10001: 86, 20001: 44}
    assert peak < size // 10


def test_a_large_private_section_is_read_past_unkept(tmp_path: Path) -> None:
    data = full_export()
    data["contacts"]["list"] = [{**PRIVATE, "user_id": i} for i in range(20_000)]
    path = write(tmp_path, data)
    assert path.stat().st_size > 2_000_000
    tracemalloc.start()
    try:
        posts = list(iter_export(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(posts) == 130
    assert peak < 1_000_000


def test_broken_json_in_a_skipped_section_is_reported(tmp_path: Path) -> None:
    data = full_export()
    data["contacts"]["list"] = [{**PRIVATE, "user_id": i} for i in range(5_000)]
    text = json.dumps(data).replace('"user_id": 4000,', '"user_id": 4000,,')
    path = tmp_path / "broken.json"
    path.write_text(text, "utf-8")
    _, error = read_until_error(path)
    assert error.where == f"{path}, top level, at byte {text.index(',,') + 1}"
    assert error.problem == "invalid JSON: expected a key in double quotes, found ','"


def test_error_names_the_exact_byte(tmp_path: Path) -> None:
    text = json.dumps(chat(message(1, text="café 🍄"), message(2, text="fine")), ensure_ascii=False)
    text = text.replace('"fine"', "fine")
    path = tmp_path / "bad.json"
    path.write_text(text, "utf-8")
    posts, error = read_until_error(path)
    assert [p.text for p in posts] == ["café 🍄"]
    garbage_at = len(text[: text.index("fine")].encode("utf-8"))
    assert error.where == f"{path}, chat 5, message at index 1 (after id 1), at byte {garbage_at}"
    assert error.problem == "invalid JSON: Expecting value"


def test_a_message_error_names_the_byte_the_message_starts_at(tmp_path: Path) -> None:
    undated = {"id": 2, "type": "message"}
    text = json.dumps(chat(message(1, text="café 🍄"), undated), ensure_ascii=False)
    path = tmp_path / "undated.json"
    path.write_text(text, "utf-8")
    _, error = read_until_error(path)
    start = len(text[: text.index('{"id": 2')].encode("utf-8"))
    assert error.where == f"{path}, chat 5, message id 2, at byte {start}"
    assert error.problem == "has no date"


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    data = json.dumps(chat(message(1), message(2, text="bad \x01 byte"), message(3))).encode()
    bad_at = data.index(b"\\u0001")
    path = tmp_path / "latin1.json"
    path.write_bytes(data.replace(b"\\u0001", b"\xe9"))
    posts, error = read_until_error(path)
    assert [p.message_id for p in posts] == [1]
    assert error.where == f"{path}, chat 5, message at index 1 (after id 1), at byte {bad_at}"
    assert error.problem.startswith("invalid JSON: not UTF-8 text")


@pytest.mark.parametrize(
    ("replace", "by", "problem"),
    [
        ('"views": 7', '"views": NaN', "invalid JSON: NaN is not a JSON value"),
        ('"id": 2', '"id": 2,', "invalid JSON: Expecting property name"),
        ("}, {", "} {", "invalid JSON: expected ',' or ']' after an element of an array"),
        ("}]}", "},]}", "invalid JSON: expected a value, found ']'"),
        ('"messages": [', '"messages" [', "invalid JSON: expected ':' after a key"),
        ("}]}", "}]} []", "invalid JSON: more data after the top-level value"),
    ],
)
def test_what_python_forgives_json_does_not(
    tmp_path: Path, replace: str, by: str, problem: str
) -> None:
    text = json.dumps(chat(message(1), message(2, views=7)))
    assert text.count(replace) == 1
    path = tmp_path / "loose.json"
    path.write_text(text.replace(replace, by), "utf-8")
    _, error = read_until_error(path)
    assert error.problem.startswith(problem)
    assert error.where.startswith(f"{path}, ")


def test_values_too_large_or_too_deep_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep_skipped = {"id": 5, "x": "[" * 100_000 + "]" * 100_000, "messages": []}
    text = json.dumps(deep_skipped).replace('"[', "[").replace(']"', "]")
    path = tmp_path / "deep.json"
    path.write_text(text, "utf-8")
    _, error = read_until_error(path)
    assert "nested deeper than 512 levels" in error.problem
    text = json.dumps(chat(message(1, views="[" * 100_000 + "]" * 100_000)))
    path.write_text(text.replace('"[', "[").replace(']"', "]"), "utf-8")
    _, error = read_until_error(path)
    assert "message at index 0" in error.where
    assert "nested too deeply" in error.problem

    monkeypatch.setattr(jsontext, "CHUNK_BYTES", 256)
    monkeypatch.setattr(jsontext, "MAX_VALUE_CHARS", 4_000)
    path = write(tmp_path, chat(message(1, text="x" * 3_000), message(2, text="x" * 5_000)))
    posts, error = read_until_error(path)
    assert [p.message_id for p in posts] == [1]
    assert "message at index 1 (after id 1)" in error.where
    assert error.problem == "a single value is longer than 4000 characters"
