"""What a reporter may learn about their case, and who may learn who reported.

A receipt holder learns a case's status and when it last changed, nothing more; the check
compares hashes in constant time and answers an unknown case the same way as a wrong receipt.
A notifier's identity is shown only when they consented to be contacted, only to
investigators and admins, and every view (and every refused attempt) is audited.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import datetime

from inbox import audit
from inbox.audit import AuditAction
from inbox.cases import CASEWORKERS
from inbox.errors import Forbidden
from inbox.intake import receipt_hash
from inbox.model import Actor, CaseStatus, CaseStatusView, Notifier
from inbox.moments import read
from inbox.store import cases as case_store
from inbox.store import notices as notice_store
from inbox.store.database import Database

Clock = Callable[[], datetime]

MAX_RECEIPT_CHARS = 128
# Compared against when the case is unknown, so that answer takes as long as a wrong receipt.
_NO_RECEIPT = "0" * 64


class Reporters:
    """Receipt checks and access to notifiers' identities."""

    def __init__(self, db: Database, *, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def case_status(self, case_id: str, receipt: str) -> CaseStatusView | None:
        """The case's status for the holder of one of its receipts; None otherwise."""
        if not receipt or len(receipt) > MAX_RECEIPT_CHARS or len(case_id) > MAX_RECEIPT_CHARS:
            return None
        presented = receipt_hash(receipt)
        case = await case_store.get(self._db.conn, case_id)
        hashes = await notice_store.receipt_hashes(self._db.conn, case_id) if case else []
        match = False
        for stored in hashes or [_NO_RECEIPT]:
            # No early exit: every receipt of the case is compared.
            match |= hmac.compare_digest(stored, presented)
        if case is None or not match:
            return None
        return CaseStatusView(
            case_id=case.id, status=CaseStatus(case.status), updated_at=read(case.updated_at)
        )

    async def reporter_identity(
        self, case_id: str, notice_id: int, actor: Actor
    ) -> Notifier | None:
        """Who sent notice ``notice_id`` of case ``case_id``, when they consented to be
        contacted; None when they gave no identity, did not consent, or there is no such
        notice. Researchers are refused (:class:`Forbidden`). Views and refusals are audited.
        """
        now = self._clock()
        if actor.role not in CASEWORKERS:
            async with self._db.transaction() as conn:
                await audit.record(
                    conn,
                    at=now,
                    actor=actor.name,
                    action=AuditAction.IDENTITY_REFUSED,
                    case_id=case_id,
                    notice_id=notice_id,
                    detail=f"role {actor.role} may not see reporters' identities",
                )
            raise Forbidden(actor.name, "see reporters' identities")
        row = await notice_store.notifier(self._db.conn, case_id, notice_id)
        if row is None or not row.consent:
            return None
        if row.name is None and row.email is None and row.telegram_user_id is None:
            return None
        async with self._db.transaction() as conn:
            await audit.record(
                conn,
                at=now,
                actor=actor.name,
                action=AuditAction.IDENTITY_VIEWED,
                case_id=case_id,
                notice_id=notice_id,
                detail=f"{actor.name} ({actor.role}) viewed the notifier of notice {notice_id}",
            )
        return Notifier(
            name=row.name,
            email=row.email,
            telegram_user_id=row.telegram_user_id,
            consent_to_contact=True,
        )
