"""Evidence: a snapshot of each post attached to a case, hashed and chained.

A snapshot holds the post as archived, every version of its text, its analysis and how it was
obtained, as canonical JSON (sorted keys, no insignificant whitespace). Each entry stores the
snapshot's SHA-256 and an entry hash over the previous entry's hash, the snapshot hash and the
entry's own metadata (id, case, post, time):

    entry_hash = sha256(prev_hash + snapshot_sha256 + canonical_json(metadata))

Changing any stored byte of an entry, or removing or reordering entries, breaks the chain at
that entry or the next; :func:`verify` finds the first break. The table is append-only in
SQLite as well (triggers), so a change needs deliberate tampering.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from inbox.analysing import PostAnalysis
from inbox.moments import read, stamp
from inbox.store import evidence as evidence_store
from inbox.store.archived import ArchivedPost, VersionRow
from inbox.store.evidence import GENESIS, EvidenceRow
from inbox.store.migrations import missing_guards

SNAPSHOT_FORMAT = 1
"""Bumped when the snapshot's shape changes; stored in every snapshot."""


def canonical_json(value: object) -> str:
    """One fixed serialisation: sorted keys, no spaces, UTF-8 text, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def sha256_hex(text: str) -> str:
    """SHA-256 of the UTF-8 bytes of ``text``, as 64 hex digits."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class FetchInfo:
    """How the post came to the inbox: ``obtained`` is ``fetched`` when the intake fetched it
    for this notice, ``archive`` when it was already archived; ``at`` is when it was attached."""

    obtained: str
    at: datetime


def snapshot(
    post: ArchivedPost,
    versions: Sequence[VersionRow],
    analysis: PostAnalysis | None,
    fetch: FetchInfo,
) -> dict[str, Any]:
    """The snapshot of an archived post, ready for :func:`canonical_json`."""
    return {
        "format": SNAPSHOT_FORMAT,
        "channel": {
            "tg_id": post.channel_tg_id,
            "username": post.channel_username,
            "title": post.channel_title,
        },
        "post": {
            "message_id": post.message_id,
            "date": post.date,
            "edit_date": post.edit_date,
            "edited": post.edited,
            "text": post.text,
            "entities": json.loads(post.entities),
            "media": json.loads(post.media),
            "views": post.views,
            "forwards": post.forwards,
            "forwarded_from": {
                "name": post.fwd_name,
                "username": post.fwd_username,
                "channel_tg_id": post.fwd_channel_tg_id,
                "message_id": post.fwd_message_id,
            },
            "reply_to": post.reply_to,
            "album_id": post.album_id,
            "signature": post.signature,
            "service": post.service,
            "truncated": post.truncated,
            "version": post.version,
            "deleted_at": post.deleted_at,
        },
        "versions": [
            {
                "version": v.version,
                "text": v.text,
                "edit_date": v.edit_date,
                "recorded_at": v.recorded_at,
                "source": v.source,
            }
            for v in versions
        ],
        "analysis": None if analysis is None else dict(analysis.data),
        # fetched_at: when the post was first read (each version has its own recorded_at).
        "fetch": {
            "source": post.source,
            "fetched_at": post.archived_at,
            "obtained": fetch.obtained,
            "attached_at": stamp(fetch.at),
        },
    }


def entry_hash(
    prev_hash: str,
    snapshot_sha256: str,
    *,
    entry_id: int,
    case_id: str,
    channel_id: int,
    message_id: int,
    created_at: str,
) -> str:
    """The chained hash of one entry."""
    metadata = {
        "id": entry_id,
        "case_id": case_id,
        "channel_id": channel_id,
        "message_id": message_id,
        "created_at": created_at,
    }
    return sha256_hex(prev_hash + snapshot_sha256 + canonical_json(metadata))


async def append(
    conn: aiosqlite.Connection,
    case_id: str,
    post: tuple[int, int],
    content: Mapping[str, Any],
    now: datetime,
) -> EvidenceRow:
    """Chain ``content`` (from :func:`snapshot`) of ``post`` (our channel id, message id) to
    the log, inside the caller's transaction (immediate, so appends are serialised)."""
    last_id, prev = await evidence_store.head(conn)
    text = canonical_json(content)
    digest = sha256_hex(text)
    channel_id, message_id = post
    created_at = stamp(now)
    entry_id = last_id + 1
    row = EvidenceRow(
        id=entry_id,
        case_id=case_id,
        channel_id=channel_id,
        message_id=message_id,
        created_at=created_at,
        snapshot=text,
        snapshot_sha256=digest,
        prev_hash=prev,
        entry_hash=entry_hash(
            prev,
            digest,
            entry_id=entry_id,
            case_id=case_id,
            channel_id=channel_id,
            message_id=message_id,
            created_at=created_at,
        ),
    )
    await evidence_store.insert(conn, row)
    return row


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of :func:`verify`: ``broken_id`` and ``problem`` name the first bad entry;
    ``missing_guards`` the append-only triggers that were dropped (edits are then no longer
    refused, though the chain still shows any that were made)."""

    entries: int
    broken_id: int | None = None
    problem: str | None = None
    missing_guards: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every entry checked out and every guard is in place."""
        return self.broken_id is None and not self.missing_guards


async def verify(conn: aiosqlite.Connection) -> Verification:
    """Recompute the whole chain in order, stopping at the first entry that does not match,
    and check that the append-only guards of the evidence and the audit log are in place."""
    missing = await missing_guards(conn)
    prev = GENESIS
    count = 0
    # Closed explicitly: returning early must not leave the cursor to a closed database.
    async with aclosing(evidence_store.chain(conn)) as entries:
        async for row in entries:
            problem = _check(row, prev)
            if problem is not None:
                return Verification(count, row.id, problem, missing)
            prev = row.entry_hash
            count += 1
    return Verification(entries=count, missing_guards=missing)


def _check(row: EvidenceRow, prev: str) -> str | None:
    if row.prev_hash != prev:
        return "its previous-entry hash does not match the entry before it"
    if sha256_hex(row.snapshot) != row.snapshot_sha256:
        return "its snapshot does not match the snapshot hash"
    expected = entry_hash(
        row.prev_hash,
        row.snapshot_sha256,
        entry_id=row.id,
        case_id=row.case_id,
        channel_id=row.channel_id,
        message_id=row.message_id,
        created_at=row.created_at,
    )
    if expected != row.entry_hash:
        return "its entry hash does not match its contents"
    return None


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """A post attached to a case, as preserved: the parsed snapshot and its hashes."""

    id: int
    case_id: str
    channel_id: int
    message_id: int
    created_at: datetime
    snapshot: Mapping[str, Any]
    snapshot_sha256: str
    entry_hash: str

    @property
    def url(self) -> str | None:
        """The post's public link, when its channel has a username."""
        username = self.snapshot["channel"]["username"]
        return f"https://t.me/{username}/{self.message_id}" if username else None

    @property
    def text(self) -> str:
        """The post's text when it was preserved."""
        return str(self.snapshot["post"]["text"])

    @property
    def analysis(self) -> Mapping[str, Any] | None:
        """The analysis preserved with the post (why it was flagged), if any."""
        found = self.snapshot.get("analysis")
        return found if isinstance(found, Mapping) else None


async def of_case(conn: aiosqlite.Connection, case_id: str) -> list[EvidenceEntry]:
    """The posts attached to a case, in the order attached."""
    return [
        EvidenceEntry(
            id=row.id,
            case_id=row.case_id,
            channel_id=row.channel_id,
            message_id=row.message_id,
            created_at=read(row.created_at),
            snapshot=json.loads(row.snapshot),
            snapshot_sha256=row.snapshot_sha256,
            entry_hash=row.entry_hash,
        )
        for row in await evidence_store.of_case(conn, case_id)
    ]
