"""SQL of the ``notices`` table: every report as received, never removed.

The receipt secret is stored only as its SHA-256; the notifier's personal data sits in its
own columns so reads for the queue can leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

_COLUMNS = (
    "id, case_id, source, category, location, username, internal_id, message_id, explanation,"
    " good_faith, notifier_name IS NOT NULL OR notifier_email IS NOT NULL"
    " OR notifier_telegram_id IS NOT NULL AS named, notifier_consent, reporter_key, via,"
    " submitted_at, received_at, priority, enrichment, enrichment_detail"
)


@dataclass(frozen=True, slots=True)
class NewNotice:
    """A notice ready to store."""

    case_id: str
    source: str
    category: str
    location: str
    username: str | None
    internal_id: int | None
    message_id: int | None
    explanation: str
    good_faith: bool
    notifier_name: str | None
    notifier_email: str | None
    notifier_telegram_id: int | None
    notifier_consent: bool
    reporter_key: str | None
    via: str | None
    submitted_at: str | None
    received_at: str
    priority: int
    receipt_sha256: str
    enrichment: str


@dataclass(frozen=True, slots=True)
class NoticeRow:
    """A stored notice without the notifier's identity (``named`` says whether one was given)."""

    id: int
    case_id: str
    source: str
    category: str
    location: str
    username: str | None
    internal_id: int | None
    message_id: int | None
    explanation: str
    good_faith: bool
    named: bool
    consent: bool
    reporter_key: str | None
    via: str | None
    submitted_at: str | None
    received_at: str
    priority: int
    enrichment: str
    enrichment_detail: str | None


@dataclass(frozen=True, slots=True)
class NotifierRow:
    """The notifier's identity as given, with their consent to be contacted."""

    name: str | None
    email: str | None
    telegram_user_id: int | None
    consent: bool


def _row(row: aiosqlite.Row) -> NoticeRow:
    return NoticeRow(
        id=row["id"],
        case_id=row["case_id"],
        source=row["source"],
        category=row["category"],
        location=row["location"],
        username=row["username"],
        internal_id=row["internal_id"],
        message_id=row["message_id"],
        explanation=row["explanation"],
        good_faith=bool(row["good_faith"]),
        named=bool(row["named"]),
        consent=bool(row["notifier_consent"]),
        reporter_key=row["reporter_key"],
        via=row["via"],
        submitted_at=row["submitted_at"],
        received_at=row["received_at"],
        priority=row["priority"],
        enrichment=row["enrichment"],
        enrichment_detail=row["enrichment_detail"],
    )


async def insert(conn: aiosqlite.Connection, notice: NewNotice) -> int:
    """Store a notice and return its id."""
    cur = await conn.execute(
        "INSERT INTO notices (case_id, source, category, location, username, internal_id,"
        " message_id, explanation, good_faith, notifier_name, notifier_email,"
        " notifier_telegram_id, notifier_consent, reporter_key, via, submitted_at, received_at,"
        " priority, receipt_sha256, enrichment)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            notice.case_id,
            notice.source,
            notice.category,
            notice.location,
            notice.username,
            notice.internal_id,
            notice.message_id,
            notice.explanation,
            notice.good_faith,
            notice.notifier_name,
            notice.notifier_email,
            notice.notifier_telegram_id,
            notice.notifier_consent,
            notice.reporter_key,
            notice.via,
            notice.submitted_at,
            notice.received_at,
            notice.priority,
            notice.receipt_sha256,
            notice.enrichment,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def get(conn: aiosqlite.Connection, notice_id: int) -> NoticeRow | None:
    """The notice with this id."""
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM notices WHERE id = ?",  # noqa: S608 - fixed column list
        (notice_id,),
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else _row(row)


async def of_case(conn: aiosqlite.Connection, case_id: str) -> list[NoticeRow]:
    """The notices of a case, in the order received."""
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM notices WHERE case_id = ? ORDER BY id",  # noqa: S608
        (case_id,),
    ) as cur:
        return [_row(row) async for row in cur]


async def received_between(
    conn: aiosqlite.Connection, since: str | None, until: str | None
) -> list[NoticeRow]:
    """Notices received in ``[since, until)``, in the order received."""
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM notices"  # noqa: S608 - fixed column list
        " WHERE (?1 IS NULL OR received_at >= ?1) AND (?2 IS NULL OR received_at < ?2)"
        " ORDER BY id",
        (since, until),
    ) as cur:
        return [_row(row) async for row in cur]


async def with_enrichment(conn: aiosqlite.Connection, enrichment: str) -> list[int]:
    """Ids of the notices whose enrichment is in state ``enrichment``, oldest first."""
    async with conn.execute(
        "SELECT id FROM notices WHERE enrichment = ? ORDER BY id", (enrichment,)
    ) as cur:
        return [row[0] async for row in cur]


async def receipt_hashes(conn: aiosqlite.Connection, case_id: str) -> list[str]:
    """The receipt hashes of a case's notices (each reporter holds one receipt)."""
    async with conn.execute(
        "SELECT receipt_sha256 FROM notices WHERE case_id = ?", (case_id,)
    ) as cur:
        return [row[0] async for row in cur]


async def notifier(conn: aiosqlite.Connection, case_id: str, notice_id: int) -> NotifierRow | None:
    """The notifier of notice ``notice_id`` of case ``case_id``; None when no such notice."""
    async with conn.execute(
        "SELECT notifier_name, notifier_email, notifier_telegram_id, notifier_consent"
        " FROM notices WHERE id = ? AND case_id = ?",
        (notice_id, case_id),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return None
    return NotifierRow(row[0], row[1], row[2], bool(row[3]))


async def set_enrichment(
    conn: aiosqlite.Connection, notice_id: int, state: str, detail: str | None
) -> None:
    """Record how far the notice's post was fetched, archived and attached."""
    await conn.execute(
        "UPDATE notices SET enrichment = ?, enrichment_detail = ? WHERE id = ?",
        (state, detail, notice_id),
    )


async def set_priority(conn: aiosqlite.Connection, notice_id: int, priority: int) -> None:
    """Raise the notice's own priority once its post has been analysed."""
    await conn.execute(
        "UPDATE notices SET priority = max(priority, ?) WHERE id = ?", (priority, notice_id)
    )
