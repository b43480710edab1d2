"""Parsing where a notice points, from text anyone can type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox.locations import RESERVED_PATHS, InvalidLocation, Location, parse_location

ACCEPTED = [
    ("https://t.me/durovchannel/123", Location("durovchannel", None, 123)),
    ("t.me/durovchannel/123", Location("durovchannel", None, 123)),
    ("http://t.me/durovchannel/123", Location("durovchannel", None, 123)),
    ("HTTPS://T.ME/DurovChannel/123", Location("durovchannel", None, 123)),
    ("https://t.me/s/durovchannel/123", Location("durovchannel", None, 123)),
    ("https://t.me/s/durovchannel", Location("durovchannel", None, None)),
    ("https://t.me/s/durovchannel?before=300", Location("durovchannel", None, None)),
    ("https://t.me/c/1234567890/55", Location(None, 1234567890, 55)),
    ("https://t.me/c/1234567890/7/55", Location(None, 1234567890, 55)),
    ("https://telegram.me/durovchannel/123", Location("durovchannel", None, 123)),
    ("https://www.t.me/durovchannel/123", Location("durovchannel", None, 123)),
    ("https://telegram.dog/durovchannel/123", Location("durovchannel", None, 123)),
    ("tg://resolve?domain=durovchannel&post=123", Location("durovchannel", None, 123)),
    ("tg://resolve?domain=durovchannel", Location("durovchannel", None, None)),
    ("tg:resolve?post=9&domain=Durov_Channel", Location("durov_channel", None, 9)),
    ("tg://privatepost?channel=1234567890&post=55", Location(None, 1234567890, 55)),
    ("@durovchannel", Location("durovchannel", None, None)),
    ("t.me/durovchannel", Location("durovchannel", None, None)),
    ("https://t.me/durovchannel/123?single", Location("durovchannel", None, 123)),
    ("https://t.me/durovchannel/123?comment=456", Location("durovchannel", None, 123)),
    ("https://t.me/durovchannel/123?single&comment=4", Location("durovchannel", None, 123)),
    ("https://t.me/durovchannel/123/", Location("durovchannel", None, 123)),
    ("https://t.me/durovchannel/", Location("durovchannel", None, None)),
    ("https://t.me/durovchannel/123#top", Location("durovchannel", None, 123)),
    ("  https://t.me/durovchannel/123\n", Location("durovchannel", None, 123)),
    ("https://t.me/forumgroup/12/345", Location("forumgroup", None, 345)),
    ("https://t.me/abcd/1", Location("abcd", None, 1)),  # collectible 4-letter name
    ("https://t.me/a" + "b" * 31 + "/1", Location("a" + "b" * 31, None, 1)),
    ("https://t.me/durovchannel/2147483647", Location("durovchannel", None, 2147483647)),
    ("https://t.me/durovchannel/007", Location("durovchannel", None, 7)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_shapes(text: str, expected: Location) -> None:
    assert parse_location(text) == expected


@pytest.mark.parametrize(
    ("location", "url", "public_post"),
    [
        (Location("durovchannel", None, 5), "https://t.me/durovchannel/5", True),
        (Location("durovchannel", None, None), "https://t.me/durovchannel", False),
        (Location(None, 1234567890, 5), "https://t.me/c/1234567890/5", False),
    ],
)
def test_canonical_url(location: Location, url: str, public_post: bool) -> None:
    assert location.url == url
    assert location.is_public_post is public_post
    assert parse_location(location.url) == location


REFUSED = [
    ("", "empty"),
    ("   ", "empty"),
    ("https://evil.com/durovchannel/1", "host 'evil.com'"),
    ("https://t.me.evil.com/durovchannel/1", "host 't.me.evil.com'"),
    ("https://evilt.me/durovchannel/1", "host"),
    ("https://t.me@evil.com/durovchannel/1", "user information"),
    ("https://user:pw@t.me/durovchannel/1", "user information"),
    ("https://t.me:443/durovchannel/1", "port"),
    ("t.me:443/durovchannel/1", "port"),
    ("javascript:alert(1)", "scheme 'javascript:'"),
    ("data:text/html,<script>alert(1)</script>", "scheme 'data:'"),
    ("ftp://t.me/durovchannel/1", "scheme 'ftp:'"),
    ("file:///etc/passwd", "scheme 'file:'"),
    ("https:t.me/durovchannel/1", "must start with '//'"),
    ("https://t.mе/durovchannel/1", "non-ASCII"),  # Cyrillic 'е'
    ("https://xn--t-me.com/durovchannel/1", "host"),
    ("https://t.me/durovchanneІ/1", "non-ASCII"),  # Cyrillic 'І'
    ("https://t.me/durov\u200bchannel/1", "invisible"),
    ("https://t.me/durovchannel/1\x00", "control"),
    ("https://t.me/durov\u202echannel/1", "invisible"),
    ("https://t.me/durov channel/1", "whitespace"),
    ("https://t.me/" + "a" * 2100, "too long"),
    ("https://t.me/durovchannel/0", "positive"),
    ("https://t.me/durovchannel/-5", "whole number"),
    ("https://t.me/durovchannel/2147483648", "larger than Telegram allows"),
    ("https://t.me/durovchannel/" + "9" * 40, "absurdly large"),
    ("https://t.me/durovchannel/1e3", "whole number"),
    ("https://t.me/joinchat/AbCdEf123", "service link"),
    ("https://t.me/+AbCdEf123", "invite"),
    ("https://t.me/addstickers/pack", "service link"),
    ("https://t.me/share/url?url=x", "service link"),
    ("https://t.me/proxy?server=1.2.3.4", "service link"),
    ("https://t.me/iv?url=x", "service link"),
    ("https://t.me/iv", "service link"),
    ("https://t.me/s", "names no channel"),
    ("https://t.me/s/c/123/4", "service link"),
    ("https://t.me/", "names no channel"),
    ("https://t.me/c/123", "needs a channel id and a message id"),
    ("https://t.me/c/abc/5", "whole number"),
    ("https://t.me/durovchannel/s/5", "stories"),
    ("https://t.me/durovchannel/1/2/3", "more parts"),
    ("https://t.me//durovchannel/1", "empty part"),
    ("https://t.me/1durov/1", "start with a letter"),
    ("https://t.me/durov_/1", "underscore"),
    ("https://t.me/dur__ov/1", "two underscores"),
    ("https://t.me/abc/1", "3 characters"),
    ("https://t.me/" + "a" * 33 + "/1", "33 characters"),
    ("https://t.me/dur-ov/1", "letters, digits and underscores"),
    ("https://t.me/dur%6Fov/1", "letters, digits and underscores"),
    ("https://t.me/durovchannel/1?start=x", "unexpected parameter 'start'"),
    ("https://t.me/durovchannel/1?single&single", "repeats"),
    ("https://t.me/durovchannel/1?comment=<x>", "unexpected characters"),
    ("@durov channel", "whitespace"),
    ("@du", "2 characters"),
    ("durovchannel", "neither a t.me link nor an @username"),
    ("tg://resolve?domain=durovchannel&domain=other", "repeats"),
    ("tg://resolve?post=5", "no 'domain'"),
    ("tg://privatepost?channel=123", "needs both"),
    ("tg://join?invite=abc", "unexpected parameter"),
    ("tg://msg_url?url=x", "unexpected parameter"),
    ("tg://settings", "not accepted"),
    ("tg://privatepost?channel=0&post=1", "positive"),
    ("tg://privatepost?channel=99999999999999&post=1", "larger than Telegram allows"),
]


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_refused_with_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidLocation) as caught:
        parse_location(text)
    assert reason in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_reason_attribute_matches_message() -> None:
    with pytest.raises(InvalidLocation) as caught:
        parse_location("https://evil.com/x/1")
    assert caught.value.reason == str(caught.value)


@pytest.mark.parametrize(
    ("username", "internal_id", "message_id", "reason"),
    [
        (None, None, 1, "either"),
        ("durovchannel", 123, 1, "either"),
        (None, 123, None, "needs a message id"),
        ("DurovChannel", None, 1, "lower-case"),
        ("durovchannel", None, 0, "positive"),
        ("joinchat", None, None, "service link"),
    ],
)
def test_location_refuses_impossible_values(
    username: str | None, internal_id: int | None, message_id: int | None, reason: str
) -> None:
    with pytest.raises(InvalidLocation, match=reason):
        Location(username, internal_id, message_id)


def test_non_text_is_refused() -> None:
    with pytest.raises(InvalidLocation, match="must be text"):
        parse_location(b"https://t.me/durovchannel/1")  # type: ignore[arg-type]


_link_alphabet = st.sampled_from(
    [*"abcdetm.:/?&=@#%+-_ 01239sc", "t.me", "https://", "tg://", "resolve", "/c/", "\u0435"]
)


@given(st.one_of(st.text(max_size=300), st.lists(_link_alphabet, max_size=40).map("".join)))
def test_any_text_is_either_refused_or_round_trips(text: str) -> None:
    try:
        location = parse_location(text)
    except InvalidLocation:
        return
    assert parse_location(location.url) == location
    assert location.url.startswith("https://t.me/")


_usernames = st.from_regex(r"[a-z][a-z0-9_]{3,31}", fullmatch=True).filter(
    lambda name: not name.endswith("_") and "__" not in name and name not in RESERVED_PATHS
)


@given(_usernames, st.integers(min_value=1, max_value=2**31 - 1))
def test_valid_post_links_round_trip(username: str, message_id: int) -> None:
    location = parse_location(f"https://t.me/s/{username.upper()}/{message_id}?single")
    assert location == Location(username, None, message_id)
    assert location.is_public_post
    assert parse_location(location.url) == location
