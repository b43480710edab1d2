"""Where a notice points: parse a Telegram link or @username typed by anyone.

Reporters paste links in many shapes (``t.me/x/1``, ``https://t.me/s/x/1``, ``tg://resolve?...``,
``@x``). This module is the guard in front of everything that later fetches a post: it accepts
only shapes it fully understands, refuses everything else with a reason in plain words, and
hands back a :class:`Location` whose :attr:`Location.url` is rebuilt from the parsed parts, so
nothing the reporter typed (hosts, queries, tricks) ever reaches a fetcher.

Parsing is plain string splitting over bounded, ASCII-only input; no regular expressions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_INPUT_CHARS = 2048
# Server-side message ids are 32-bit signed integers.
MAX_MESSAGE_ID = 2**31 - 1
# TDLib's largest channel id (ChannelId::MAX_CHANNEL_ID); the internal id of t.me/c/ links.
MAX_CHANNEL_ID = 10**12 - 2**31
# Longer digit strings cannot be a valid id; refusing them early keeps int() cheap.
_MAX_DIGITS = 20

# Collectible usernames (sold on Fragment) can be 4 characters; ordinary ones need 5.
MIN_USERNAME_CHARS = 4
MAX_USERNAME_CHARS = 32

TELEGRAM_HOSTS = frozenset(
    {"t.me", "www.t.me", "telegram.me", "www.telegram.me", "telegram.dog", "www.telegram.dog"}
)

# First path segments that t.me uses for its own features (TDLib's LinkManager); none of them
# is a channel, even where it would be a well-formed username.
RESERVED_PATHS = frozenset(
    (
        "addemoji addlist addstickers addtheme auction boost call confirmphone contact giftcode "
        "invoice joinchat login proxy setlanguage share socks "
        # Too short for a username anyway, but worth a clearer refusal.
        "a bg c i iv k m msg nft s z"
    ).split()
)

# Query parameters seen on links to posts; all are ignored (the canonical url drops them).
_TOLERATED_QUERY_KEYS = frozenset(
    {"single", "comment", "thread", "t", "embed", "mode", "before", "after"}
)
_SAFE_QUERY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
_USERNAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


class InvalidLocation(ValueError):
    """A text that is not a Telegram location we accept; the message says what was wrong."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Location:
    """A public channel (optionally one post in it) or one post in a private channel.

    ``username`` is lower-cased (Telegram usernames are case-insensitive), so equal locations
    compare equal. Exactly one of ``username`` and ``internal_id`` is set; a private-channel
    location always has a ``message_id``. Invalid combinations raise :class:`InvalidLocation`.
    """

    username: str | None
    internal_id: int | None
    message_id: int | None

    def __post_init__(self) -> None:
        if (self.username is None) == (self.internal_id is None):
            raise InvalidLocation("a location names either a channel username or an internal id")
        if self.username is not None:
            if self.username != self.username.lower():
                raise InvalidLocation("the username must be lower-case in a Location")
            _check_username(self.username)
        if self.internal_id is not None:
            _check_id(self.internal_id, "channel id", MAX_CHANNEL_ID)
            if self.message_id is None:
                raise InvalidLocation("a private channel location needs a message id")
        if self.message_id is not None:
            _check_id(self.message_id, "message id", MAX_MESSAGE_ID)

    @property
    def url(self) -> str:
        """The canonical public link, built only from the parsed parts."""
        if self.username is not None:
            if self.message_id is None:
                return f"https://t.me/{self.username}"
            return f"https://t.me/{self.username}/{self.message_id}"
        return f"https://t.me/c/{self.internal_id}/{self.message_id}"

    @property
    def is_public_post(self) -> bool:
        """True for one post of a public channel: the only kind the web preview can show."""
        return self.username is not None and self.message_id is not None


def parse_location(text: str) -> Location:
    """Parse a Telegram post link, channel link or ``@username`` typed by a reporter.

    Raises :class:`InvalidLocation` naming what was wrong for anything else.

    >>> parse_location("https://t.me/s/SomeChannel/42?single").url
    'https://t.me/somechannel/42'
    """
    if not isinstance(text, str):
        raise InvalidLocation("the location must be text")
    if len(text) > MAX_INPUT_CHARS:
        raise InvalidLocation(f"the location is too long ({len(text)} characters, at most 2048)")
    stripped = text.strip(" \t\r\n")
    if not stripped:
        raise InvalidLocation("the location is empty")
    _check_characters(stripped)
    if stripped.startswith("@"):
        return Location(_username(stripped[1:]), None, None)
    scheme, rest = _split_scheme(stripped)
    if scheme == "tg":
        return _parse_tg(rest)
    if scheme in ("http", "https"):
        if not rest.startswith("//"):
            raise InvalidLocation(f"the link after '{scheme}:' must start with '//'")
        rest = rest[2:]
    elif scheme is not None:
        raise InvalidLocation(f"links with scheme '{scheme}:' are not accepted")
    return _parse_web(rest)


def _check_characters(text: str) -> None:
    for position, char in enumerate(text, start=1):
        if char.isspace():
            raise InvalidLocation(f"the location contains whitespace at position {position}")
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise InvalidLocation(
                f"the location contains a control or invisible character "
                f"(U+{ord(char):04X}) at position {position}"
            )
        if not char.isascii():
            raise InvalidLocation(
                f"the location contains the non-ASCII character {char!r} (U+{ord(char):04X}) at "
                f"position {position}; Telegram links are plain ASCII and lookalike letters "
                f"are refused"
            )


def _split_scheme(text: str) -> tuple[str | None, str]:
    """Split ``scheme:rest``; ``(None, text)`` when the text has no scheme."""
    colon = text.find(":")
    slash = text.find("/")
    if colon <= 0 or (0 <= slash < colon):
        return None, text
    candidate = text[:colon]
    if "." in candidate:
        raise InvalidLocation("links with a port number are not accepted")
    if not candidate[0].isalpha() or not all(c.isalnum() or c in "+-." for c in candidate):
        raise InvalidLocation(f"'{candidate[:40]}' before ':' is not a link scheme")
    return candidate.lower(), text[colon + 1 :]


def _parse_web(rest: str) -> Location:
    """Parse ``host/path?query#fragment`` of an http(s) or scheme-less link."""
    authority, path, query = _split_url(rest)
    if "@" in authority:
        raise InvalidLocation(
            "the link has user information before the host ('@'), a trick to hide the real host"
        )
    if ":" in authority:
        raise InvalidLocation("links with a port number are not accepted")
    host = authority.lower()
    if host not in TELEGRAM_HOSTS:
        if not host:
            raise InvalidLocation("the link has no host")
        if "." not in host:
            raise InvalidLocation("this is neither a t.me link nor an @username")
        raise InvalidLocation(
            f"the host '{host[:80]}' is not Telegram's (accepted: t.me, telegram.me, telegram.dog)"
        )
    location = _parse_web_path(path)
    _query_params(query, extra_keys=frozenset())
    return location


def _parse_web_path(path: str) -> Location:
    segments = path.split("/") if path else []
    if segments and segments[-1] == "":
        segments.pop()  # one trailing slash is fine
    if any(segment == "" for segment in segments):
        raise InvalidLocation("the link has an empty part between slashes")
    if not segments:
        raise InvalidLocation("the link names no channel")
    preview = segments[0] == "s"
    if preview:  # the public web preview: /s/<channel>[/<id>]; it shows public channels only
        segments = segments[1:]
        if not segments:
            raise InvalidLocation("the web preview link names no channel")
    first = segments[0]
    if first == "c" and not preview:
        return _parse_private(segments[1:])
    if first.startswith("+"):
        raise InvalidLocation("invite links ('+...') lead to private chats and are not accepted")
    username = _username(first)
    tail = segments[1:]
    if not tail:
        return Location(username, None, None)
    if tail[0] == "s":
        raise InvalidLocation("links to stories are not accepted, only links to posts")
    if len(tail) > 2:
        raise InvalidLocation("the link has more parts after the channel than a post link")
    # /<channel>/<thread>/<id> points to a post in a forum topic; the post id alone finds it.
    ids = [_message_id(part) for part in tail]
    return Location(username, None, ids[-1])


def _parse_private(tail: list[str]) -> Location:
    if len(tail) < 2:
        raise InvalidLocation("a private channel link ('/c/') needs a channel id and a message id")
    if len(tail) > 3:
        raise InvalidLocation("the private channel link has more parts than a post link")
    internal = _number(tail[0], "channel id", MAX_CHANNEL_ID)
    ids = [_message_id(part) for part in tail[1:]]
    return Location(None, internal, ids[-1])


def _parse_tg(rest: str) -> Location:
    """Parse the app links ``tg://resolve?domain=..&post=..`` and ``tg://privatepost?...``."""
    rest = rest.removeprefix("//")
    action, _, query = rest.partition("?")
    query = query.partition("#")[0]
    params = _query_params(query, extra_keys=frozenset({"domain", "post", "channel"}))
    action = action.rstrip("/").lower()
    if action == "resolve":
        if "domain" not in params:
            raise InvalidLocation("the tg://resolve link has no 'domain'")
        username = _username(params["domain"])
        post = params.get("post")
        return Location(username, None, None if post is None else _message_id(post))
    if action == "privatepost":
        if "channel" not in params or "post" not in params:
            raise InvalidLocation("the tg://privatepost link needs both 'channel' and 'post'")
        internal = _number(params["channel"], "channel id", MAX_CHANNEL_ID)
        return Location(None, internal, _message_id(params["post"]))
    raise InvalidLocation(
        f"the app link 'tg://{action[:40]}' is not accepted (only resolve and privatepost)"
    )


def _split_url(rest: str) -> tuple[str, str, str]:
    """``host/path?query#fragment`` -> (host, path, query); the fragment is dropped."""
    rest, _, fragment = rest.partition("#")
    if fragment and not set(fragment) <= _SAFE_QUERY_CHARS:
        raise InvalidLocation("the part after '#' contains unexpected characters")
    rest, _, query = rest.partition("?")
    authority, _, path = rest.partition("/")
    return authority, path, query


def _query_params(query: str, *, extra_keys: frozenset[str]) -> dict[str, str]:
    """Parse ``a=1&b`` strictly: known keys only, each once, plain values."""
    params: dict[str, str] = {}
    if not query:
        return params
    for pair in query.split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        if key not in _TOLERATED_QUERY_KEYS and key not in extra_keys:
            raise InvalidLocation(f"the link has an unexpected parameter '{key[:40]}'")
        if key in params:
            raise InvalidLocation(f"the link repeats the parameter '{key[:40]}'")
        if not set(value) <= _SAFE_QUERY_CHARS:
            raise InvalidLocation(f"the parameter '{key}' has unexpected characters")
        params[key] = value
    return params


def _username(text: str) -> str:
    """Validate a username as Telegram does and return it lower-cased."""
    _check_username(text.lower(), original=text)
    return text.lower()


def _check_username(name: str, *, original: str | None = None) -> None:
    shown = (original if original is not None else name)[:40]
    if not name:
        raise InvalidLocation("the channel name is empty")
    if name in RESERVED_PATHS:
        raise InvalidLocation(f"'{shown}' is a Telegram service link, not a channel")
    if not MIN_USERNAME_CHARS <= len(name) <= MAX_USERNAME_CHARS:
        raise InvalidLocation(
            f"the channel name '{shown}' has {len(name)} characters; Telegram usernames have "
            f"{MIN_USERNAME_CHARS} to {MAX_USERNAME_CHARS}"
        )
    if not set(name) <= _USERNAME_CHARS:
        raise InvalidLocation(
            f"the channel name '{shown}' may only contain letters, digits and underscores"
        )
    if not ("a" <= name[0] <= "z"):
        raise InvalidLocation(f"the channel name '{shown}' must start with a letter")
    if name.endswith("_"):
        raise InvalidLocation(f"the channel name '{shown}' must not end with an underscore")
    if "__" in name:
        raise InvalidLocation(
            f"the channel name '{shown}' must not contain two underscores in a row"
        )


def _message_id(text: str) -> int:
    return _number(text, "message id", MAX_MESSAGE_ID)


def _number(text: str, what: str, maximum: int) -> int:
    if not text or not all("0" <= c <= "9" for c in text):
        raise InvalidLocation(f"the {what} '{text[:40]}' is not a whole number")
    if len(text) > _MAX_DIGITS:
        raise InvalidLocation(f"the {what} is absurdly large ({len(text)} digits)")
    value = int(text)
    _check_id(value, what, maximum)
    return value


def _check_id(value: int, what: str, maximum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidLocation(f"the {what} must be a whole number")
    if value <= 0:
        raise InvalidLocation(f"the {what} must be positive, not {value}")
    if value > maximum:
        raise InvalidLocation(f"the {what} {value} is larger than Telegram allows ({maximum})")
