"""Rows of the research datasets, read from the archive and pseudonymised on the way out.

Pseudonymisation keeps what research needs (which public channel said what, when, and who
forwards whom) and replaces what identifies people: user ids, signatures and names of
people, phone numbers and handles that are not public channels we archive.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import aiosqlite

from inbox.pseudonym import Pseudonymizer, handles_in
from inbox.store import channels, posts, stats

Row = dict[str, Any]


class _Identity:
    """Stands in for a pseudonymizer when an export is made without pseudonymisation."""

    def optional(self, value: str | None, kind: str = "p") -> str | None:
        return value

    def handle(self, username: str, public: object) -> str:
        return username

    def scrub(self, text: str, public: object) -> str:
        return text


async def public_usernames(conn: aiosqlite.Connection) -> dict[str, str]:
    """Usernames of the archived channels (public, never pseudonymised), keyed lower-case."""
    return {c.username.lower(): c.username for c in await channels.all_channels(conn) if c.username}


def _node(username: str | None, tg_id: int | None) -> str | None:
    if username:
        return f"@{username}"
    return f"id:{tg_id}" if tg_id is not None else None


def _forward_origin(
    p: aiosqlite.Row, pz: Pseudonymizer | _Identity, public: dict[str, str]
) -> tuple[str | None, str | None]:
    """Node and display name of where a post was forwarded from.

    A forward of a channel post links to a message (or carries the channel id); a forward
    from a person links to a profile only. Only the first kind is public.
    """
    username, tg_id, name = p["fwd_username"], p["fwd_channel_tg_id"], p["fwd_name"]
    if tg_id is not None or p["fwd_message_id"] is not None:
        return _node(username, tg_id), name
    if username:
        return "@" + pz.handle(username, public), name if username.lower() in public else (
            pz.optional(name, "name")
        )
    return None, pz.optional(name, "name")


async def post_rows(
    conn: aiosqlite.Connection, pseudonymizer: Pseudonymizer | None
) -> AsyncIterator[Row]:
    """One row per archived post, columns as in :data:`inbox.exports.columns.POSTS`."""
    pz = pseudonymizer or _Identity()
    public = await public_usernames(conn)
    async for p in posts.iter_with_channel(conn):
        username = p["channel_username"]
        forwarded_from, forwarded_name = _forward_origin(p, pz, public)
        yield {
            "channel_id": p["channel_tg_id"],
            "channel_username": username,
            "message_id": p["message_id"],
            "url": f"https://t.me/{username}/{p['message_id']}" if username else None,
            "date": p["date"],
            "edit_date": p["edit_date"],
            "edited": bool(p["edited"]),
            "versions": p["version"],
            "text": pz.scrub(p["text"], public),
            "media": ",".join(m["kind"] for m in json.loads(p["media"])),
            "views": p["views"],
            "forwards": p["forwards"],
            "forwarded_from": forwarded_from,
            "forwarded_from_name": forwarded_name,
            "forwarded_message_id": p["fwd_message_id"],
            "reply_to": p["reply_to"],
            "album_id": p["album_id"],
            "signature": pz.optional(p["signature"], "sig"),
            "sender_id": pz.optional(p["sender_id"], "user"),
            "sender_name": pz.optional(p["sender_name"], "name"),
            "service": p["service"],
            "truncated": bool(p["truncated"]),
            "deleted": p["deleted_at"] is not None,
            "source": p["source"],
        }


async def channel_rows(
    conn: aiosqlite.Connection, pseudonymizer: Pseudonymizer | None
) -> AsyncIterator[Row]:
    """One row per archived channel, columns as in :data:`inbox.exports.columns.CHANNELS`."""
    pz = pseudonymizer or _Identity()
    public = await public_usernames(conn)
    counts = await stats.posts_per_channel(conn)
    for c in await channels.all_channels(conn):
        yield {
            "channel_id": c.tg_id,
            "username": c.username,
            "title": c.title,
            "about": pz.scrub(c.about, public) if c.about else c.about,
            "subscribers": c.subscribers,
            "verified": c.verified,
            "scam": c.scam,
            "fake": c.fake,
            "posts": counts.get(c.id, 0),
            "first_seen": c.first_seen,
        }


async def edge_rows(
    conn: aiosqlite.Connection, pseudonymizer: Pseudonymizer | None
) -> AsyncIterator[Row]:
    """The forward and mention graph: one row per (source, target, kind) with its weight.

    A channel's mentions of itself are left out; mentioned accounts that are not archived
    public channels are people as far as we know, so their handles are pseudonymised.
    """
    pz = pseudonymizer or _Identity()
    public = await public_usernames(conn)
    weights: Counter[tuple[str, str, str]] = Counter()
    async for p in posts.iter_with_channel(conn):
        source = _node(p["channel_username"], p["channel_tg_id"])
        if source is None:
            continue
        forwarded, _ = _forward_origin(p, pz, public)
        if forwarded and forwarded != source:
            weights[(source, forwarded, "forward")] += 1
        own = (p["channel_username"] or "").lower()
        for name in dict.fromkeys(handles_in(p["text"])):
            if name != own:
                target = public.get(name) or pz.handle(name, public)
                weights[(source, "@" + target, "mention")] += 1
    for (source, target, kind), weight in sorted(weights.items()):
        yield {"source": source, "target": target, "kind": kind, "weight": weight}
