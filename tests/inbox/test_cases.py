"""Cases on a real SQLite file: claiming, allowed transitions only, timestamps, the queue,
the append-only audit log, receipts and reporters' identities."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from inbox.errors import CaseNotFound, Forbidden, TransitionNotAllowed
from inbox.model import (
    TRANSITIONS,
    CaseQuery,
    CaseStatus,
    EscalationTarget,
    Notice,
    NoticeSource,
    Notifier,
    Priority,
)
from inbox.priority import notice_priority
from inbox.service import Inbox
from inbox.sla import SlaPolicy
from inbox.store import Database
from nlp.taxonomy import Category
from tests.inbox.support import ADMIN, INVESTIGATOR, RESEARCHER, START, Clock


def notice(location: str = "@telegram", **kw: object) -> Notice:
    fields: dict[str, object] = {"source": NoticeSource.CITIZEN, "good_faith": True}
    fields.update(kw)
    return Notice(location, "verkoopt drugs", **fields)  # type: ignore[arg-type]


async def new_case(inbox: Inbox, location: str = "@telegram") -> str:
    return (await inbox.submit(notice(location))).case_id


def test_notice_priority_by_source_and_analysis() -> None:
    assert notice_priority(NoticeSource.AUTHORITY, offer=False, score=0.0) is Priority.URGENT
    assert notice_priority(NoticeSource.TRUSTED_FLAGGER, offer=None, score=None) is Priority.HIGH
    assert notice_priority(NoticeSource.MONITOR, offer=True, score=0.9) is Priority.HIGH
    assert notice_priority(NoticeSource.MONITOR, offer=True, score=0.89) is Priority.NORMAL
    assert notice_priority(NoticeSource.MONITOR, offer=None, score=None) is Priority.NORMAL
    assert notice_priority(NoticeSource.CITIZEN, offer=True, score=0.5) is Priority.NORMAL
    assert notice_priority(NoticeSource.CITIZEN, offer=False, score=0.5) is Priority.LOW
    assert notice_priority(NoticeSource.CITIZEN, offer=None, score=None) is Priority.LOW


def test_sla_policy_hours_by_priority() -> None:
    policy = SlaPolicy(normal_hours=24, high_hours=12, urgent_hours=1)
    assert [policy.hours(p) for p in Priority] == [24, 24, 12, 1]
    assert policy.due(START, Priority.HIGH) == START + timedelta(hours=12)
    with pytest.raises(ValueError, match="urgent_hours"):
        SlaPolicy(urgent_hours=0)


async def test_claim_assigns_and_starts_the_review(inbox: Inbox, clock: Clock) -> None:
    case_id = await new_case(inbox)
    clock.advance(hours=2)

    case = await inbox.claim(case_id, INVESTIGATOR)

    assert (case.status, case.assignee) == (CaseStatus.IN_REVIEW, "ines")
    assert case.first_review_at == clock.now
    trail = [(e.actor, e.action, e.detail) for e in await inbox.audit_trail(case_id)]
    assert trail[-2:] == [
        ("ines", "claimed", "assigned to ines"),
        ("ines", "status_changed", "new -> in_review: claimed"),
    ]


async def test_claiming_again_reassigns_without_a_second_review_stamp(
    inbox: Inbox, clock: Clock
) -> None:
    case_id = await new_case(inbox)
    first = await inbox.claim(case_id, INVESTIGATOR)
    clock.advance(hours=1)
    second = await inbox.claim(case_id, ADMIN)
    assert second.assignee == "ada"
    assert second.first_review_at == first.first_review_at
    assert (await inbox.audit_trail(case_id))[-1].detail == "assigned to ada (was ines)"


async def test_only_allowed_transitions_happen(inbox: Inbox) -> None:
    case_id = await new_case(inbox)
    with pytest.raises(TransitionNotAllowed, match="from new to escalated"):
        await inbox.escalate(case_id, EscalationTarget.POLICE, INVESTIGATOR, reason="harddrugs")
    with pytest.raises(TransitionNotAllowed, match="from new to closed"):
        await inbox.close(case_id, INVESTIGATOR)
    case = await inbox.case(case_id)
    assert case is not None and case.status is CaseStatus.NEW


async def test_every_transition_in_the_table_is_possible_and_nothing_else(
    inbox: Inbox,
) -> None:
    for start, allowed in TRANSITIONS.items():
        for to in CaseStatus:
            case_id = await new_case(inbox, f"@chan_{start}_{to}")
            await _bring_to(inbox, case_id, start)
            target = EscalationTarget.PLATFORM if to is CaseStatus.ESCALATED else None
            move = inbox.move(case_id, to, INVESTIGATOR, reason="test", target=target)
            if to in allowed:
                assert (await move).status is to
            else:
                with pytest.raises(TransitionNotAllowed):
                    await move


async def _bring_to(inbox: Inbox, case_id: str, status: CaseStatus) -> None:
    paths = {
        CaseStatus.NEW: [],
        CaseStatus.IN_REVIEW: [CaseStatus.IN_REVIEW],
        CaseStatus.ESCALATED: [CaseStatus.IN_REVIEW, CaseStatus.ESCALATED],
        CaseStatus.ACTIONED: [CaseStatus.IN_REVIEW, CaseStatus.ACTIONED],
        CaseStatus.DISMISSED: [CaseStatus.DISMISSED],
        CaseStatus.CLOSED: [CaseStatus.DISMISSED, CaseStatus.CLOSED],
    }
    for step in paths[status]:
        target = EscalationTarget.POLICE if step is CaseStatus.ESCALATED else None
        await inbox.move(case_id, step, INVESTIGATOR, reason="setup", target=target)


async def test_decisions_need_a_reason_and_escalations_a_target(inbox: Inbox) -> None:
    case_id = await new_case(inbox)
    await inbox.claim(case_id, INVESTIGATOR)
    with pytest.raises(TransitionNotAllowed, match="needs a reason"):
        await inbox.dismiss(case_id, INVESTIGATOR, reason="  ")
    with pytest.raises(TransitionNotAllowed, match="needs a target"):
        await inbox.move(case_id, CaseStatus.ESCALATED, INVESTIGATOR, reason="x")
    with pytest.raises(TransitionNotAllowed, match="only an escalation"):
        await inbox.move(
            case_id,
            CaseStatus.ACTIONED,
            INVESTIGATOR,
            reason="x",
            target=EscalationTarget.POLICE,
        )


async def test_researchers_may_not_work_cases(inbox: Inbox) -> None:
    case_id = await new_case(inbox)
    with pytest.raises(Forbidden):
        await inbox.claim(case_id, RESEARCHER)
    with pytest.raises(Forbidden):
        await inbox.dismiss(case_id, RESEARCHER, reason="no")
    case = await inbox.case(case_id)
    assert case is not None and case.status is CaseStatus.NEW


async def test_unknown_cases_are_reported_as_such(inbox: Inbox) -> None:
    with pytest.raises(CaseNotFound):
        await inbox.claim("MP-2026-999999", INVESTIGATOR)


async def test_first_decision_is_kept_and_the_outcome_follows_the_last(
    inbox: Inbox, clock: Clock
) -> None:
    case_id = await new_case(inbox)
    await inbox.claim(case_id, INVESTIGATOR)
    clock.advance(hours=3)
    decided = clock.now
    escalated = await inbox.escalate(
        case_id,
        EscalationTarget.PLATFORM,
        INVESTIGATOR,
        reason="aanbod van cocaïne",
        legal_ground="Opiumwet art. 2",
    )
    assert (escalated.outcome, escalated.escalation_target) == (
        CaseStatus.ESCALATED,
        EscalationTarget.PLATFORM,
    )
    clock.advance(days=2)
    actioned = await inbox.action(case_id, INVESTIGATOR, reason="Telegram heeft verwijderd")
    closed = await inbox.close(case_id, INVESTIGATOR)

    assert actioned.decided_at == decided
    assert actioned.outcome is CaseStatus.ACTIONED
    assert actioned.decision_reason == "Telegram heeft verwijderd"
    assert actioned.legal_ground == "Opiumwet art. 2"
    assert (closed.status, closed.closed_at, closed.outcome) == (
        CaseStatus.CLOSED,
        clock.now,
        CaseStatus.ACTIONED,
    )


async def test_reopening_a_dismissal_clears_the_outcome_but_keeps_the_decision_time(
    inbox: Inbox,
) -> None:
    case_id = await new_case(inbox)
    dismissed = await inbox.dismiss(case_id, INVESTIGATOR, reason="geen aanbod")
    reopened = await inbox.reopen(case_id, INVESTIGATOR, reason="nieuwe posts met prijzen")
    assert reopened.status is CaseStatus.IN_REVIEW
    assert reopened.outcome is None
    assert reopened.decided_at == dismissed.decided_at is not None


async def test_queue_is_most_urgent_first_and_overdue_stands_out(
    inbox: Inbox, clock: Clock
) -> None:
    low = await new_case(inbox, "@citizen_only")
    urgent = (
        await inbox.submit(Notice("@politie_zaak", "strafbaar", NoticeSource.AUTHORITY))
    ).case_id
    high = (
        await inbox.submit(Notice("@flagged_one", "aanbod", NoticeSource.TRUSTED_FLAGGER))
    ).case_id

    assert [c.id for c in await inbox.queue()] == [urgent, high, low]
    assert await inbox.queue(CaseQuery(overdue_only=True)) == []
    clock.advance(hours=13)
    assert [c.id for c in await inbox.queue(CaseQuery(overdue_only=True))] == [urgent, high]
    await inbox.claim(urgent, INVESTIGATOR)
    await inbox.escalate(urgent, EscalationTarget.POLICE, INVESTIGATOR, reason="wapens")
    assert [c.id for c in await inbox.queue(CaseQuery(overdue_only=True))] == [high]
    assert [c.id for c in await inbox.queue(CaseQuery(status=CaseStatus.ESCALATED))] == [urgent]
    assert [c.id for c in await inbox.queue(CaseQuery(assignee="ines"))] == [urgent]


async def test_queue_filters_by_category_and_first_source(inbox: Inbox) -> None:
    weapons = (
        await inbox.submit(
            notice("@wapen_handel", category=Category.WEAPONS, source=NoticeSource.AUTHORITY)
        )
    ).case_id
    drugs = (await inbox.submit(notice("@wiet_winkel", category=Category.DRUGS))).case_id
    assert [c.id for c in await inbox.queue(CaseQuery(category=Category.WEAPONS))] == [weapons]
    assert [c.id for c in await inbox.queue(CaseQuery(origin=NoticeSource.CITIZEN))] == [drugs]
    assert (
        await inbox.queue(CaseQuery(category=Category.DRUGS, origin=NoticeSource.AUTHORITY)) == []
    )


async def test_category_corrections_are_audited(inbox: Inbox) -> None:
    case_id = await new_case(inbox)
    case = await inbox.set_category(case_id, "weapons", INVESTIGATOR, reason="vuurwapens")  # type: ignore[arg-type]
    assert case.category == "weapons"
    entry = (await inbox.audit_trail(case_id))[-1]
    assert (entry.action, entry.detail) == ("category_changed", "none -> weapons: vuurwapens")


async def test_audit_log_refuses_updates_and_deletes(inbox: Inbox, db: Database) -> None:
    await new_case(inbox)
    assert db.path is not None
    with sqlite3.connect(db.path) as conn:
        for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 2


async def test_case_status_only_for_the_receipt_holder(inbox: Inbox, clock: Clock) -> None:
    mine = await inbox.submit(notice())
    other = await inbox.submit(notice("@other_channel"))
    clock.advance(hours=1)
    await inbox.claim(mine.case_id, INVESTIGATOR)

    view = await inbox.case_status(mine.case_id, mine.receipt)
    assert view is not None
    assert (view.case_id, view.status, view.updated_at) == (
        mine.case_id,
        CaseStatus.IN_REVIEW,
        clock.now,
    )
    assert await inbox.case_status(mine.case_id, other.receipt) is None
    last = "B" if mine.receipt.endswith("A") else "A"  # receipts are random: always change it
    assert await inbox.case_status(mine.case_id, mine.receipt[:-1] + last) is None
    assert await inbox.case_status("MP-2026-424242", mine.receipt) is None
    assert await inbox.case_status(mine.case_id, "") is None
    assert await inbox.case_status(mine.case_id, "x" * 10_000) is None


async def test_a_second_reporter_gets_a_receipt_for_the_same_case(inbox: Inbox) -> None:
    first = await inbox.submit(notice())
    second = await inbox.submit(notice())
    assert first.case_id == second.case_id and first.receipt != second.receipt
    assert await inbox.case_status(first.case_id, second.receipt) is not None


async def test_identity_only_with_consent_for_caseworkers_and_every_view_audited(
    inbox: Inbox,
) -> None:
    consenting = await inbox.submit(
        notice(notifier=Notifier("Piet", "piet@example.org", 42, consent_to_contact=True))
    )
    withholding = await inbox.submit(notice(notifier=Notifier("Kees", "kees@example.org")))
    case_id = consenting.case_id

    shown = await inbox.reporter_identity(case_id, consenting.notice_id, INVESTIGATOR)
    assert shown == Notifier("Piet", "piet@example.org", 42, consent_to_contact=True)
    assert await inbox.reporter_identity(case_id, withholding.notice_id, ADMIN) is None
    assert await inbox.reporter_identity("MP-2026-000009", consenting.notice_id, ADMIN) is None
    with pytest.raises(Forbidden):
        await inbox.reporter_identity(case_id, consenting.notice_id, RESEARCHER)

    trail = [(e.actor, e.action, e.notice_id) for e in await inbox.audit_trail(case_id)]
    assert trail[-2:] == [
        ("ines", "reporter_identity_viewed", consenting.notice_id),
        ("rob", "reporter_identity_refused", consenting.notice_id),
    ]
