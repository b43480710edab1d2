"""Who may do what: every route, for anonymous visitors and every role, with the exact status.

Each row prepares a case in the state its route needs (through the inbox services), then
each of the four visitors asks. Forms are sent as the browser sends them: with the session's
CSRF token and our own Origin, so a refusal here is about the role alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
import pytest

from inbox.model import (
    Actor,
    EscalationTarget,
    Notice,
    NoticeSource,
    Notifier,
    Role,
)
from inbox.service import Inbox
from tests.web.support import ORIGIN, USERS, login

ADMIN = Actor("system-admin", Role.ADMIN)
POST_LOCATION = "https://t.me/telegram/420"

Prepare = Callable[[Inbox], Awaitable[dict[str, str]]]


async def new_case(inbox: Inbox) -> dict[str, str]:
    receipt = await inbox.submit(
        Notice(
            POST_LOCATION,
            "Sells cocaine.",
            NoticeSource.CITIZEN,
            notifier=Notifier(name="Anna", email="anna@example.org", consent_to_contact=True),
            good_faith=True,
        )
    )
    return {"case": receipt.case_id, "notice": str(receipt.notice_id), "receipt": receipt.receipt}


async def in_review(inbox: Inbox) -> dict[str, str]:
    found = await new_case(inbox)
    await inbox.claim(found["case"], ADMIN)
    return found


async def dismissed(inbox: Inbox) -> dict[str, str]:
    found = await new_case(inbox)
    await inbox.dismiss(found["case"], ADMIN, reason="not illegal")
    return found


async def at_platform(inbox: Inbox) -> dict[str, str]:
    found = await in_review(inbox)
    await inbox.escalate(found["case"], EscalationTarget.PLATFORM, ADMIN, reason="drug offer")
    return found


@dataclass(frozen=True)
class Row:
    """A route and the status each visitor gets: anonymous, investigator, researcher, admin."""

    method: str
    path: str
    expect: tuple[int, int, int, int]
    prepare: Prepare = new_case
    form: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


ALL = (303, 200, 200, 200)
CASEWORK = (303, 200, 403, 200)
CASEWORK_FORM = (303, 303, 403, 303)
RESEARCH = (303, 403, 200, 200)

ROWS = [
    Row("GET", "/", (303, 303, 303, 303)),
    Row("GET", "/login", (200, 303, 303, 303)),
    Row("GET", "/queue", CASEWORK),
    Row("GET", "/queue?status=new&category=drugs&source=citizen&overdue=1", CASEWORK),
    Row("GET", "/cases/{case}", CASEWORK),
    Row("GET", "/cases/{case}/article16.txt", CASEWORK, at_platform),
    Row("GET", "/cases/{case}/article16.json", CASEWORK, at_platform),
    Row("GET", "/exports", ALL),
    Row("GET", "/exports/statements.jsonl", ALL, at_platform),
    Row("GET", "/exports/cases.csv", CASEWORK),
    Row("GET", "/exports/datasets/posts.csv", RESEARCH),
    Row("GET", "/exports/datasets/graph.gexf", RESEARCH),
    Row("GET", "/transparency", ALL),
    Row("GET", "/transparency.json", ALL),
    Row("GET", "/static/style.css", (200, 200, 200, 200)),
    Row("GET", "/api/openapi.json", (200, 200, 200, 200)),
    Row("GET", "/api/cases/{case}?receipt={receipt}", (200, 200, 200, 200)),
    Row("POST", "/api/notices", (401, 401, 401, 401)),
    Row("POST", "/logout", (303, 303, 303, 303)),
    Row("POST", "/cases/{case}/claim", CASEWORK_FORM),
    Row(
        "POST",
        "/cases/{case}/escalate",
        CASEWORK_FORM,
        in_review,
        {"target": "police", "reason": "drug offer"},
    ),
    Row("POST", "/cases/{case}/action", CASEWORK_FORM, at_platform, {"reason": "removed"}),
    Row("POST", "/cases/{case}/dismiss", CASEWORK_FORM, new_case, {"reason": "not illegal"}),
    Row("POST", "/cases/{case}/close", CASEWORK_FORM, dismissed),
    Row("POST", "/cases/{case}/notices/{notice}/reporter", CASEWORK),
]
VISITORS: list[Role | None] = [None, Role.INVESTIGATOR, Role.RESEARCHER, Role.ADMIN]


@pytest.mark.parametrize("visitor", VISITORS, ids=lambda v: v or "anonymous")
@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
async def test_route_answers_each_visitor_as_the_matrix_says(
    client: httpx.AsyncClient, inbox: Inbox, row: Row, visitor: Role | None
) -> None:
    values = await row.prepare(inbox)
    path = row.path.format(**values)
    token = "" if visitor is None else await login(client, USERS[visitor])
    if row.method == "GET":
        answer = await client.get(path)
    elif path.startswith("/api/"):
        answer = await client.post(path, json={})
    else:
        answer = await client.post(path, data={**row.form, "csrf_token": token}, headers=ORIGIN)
    expected = row.expect[VISITORS.index(visitor)]
    assert answer.status_code == expected, answer.text[:500]
    if expected == 303 and visitor is None:
        assert answer.headers["location"].startswith("/login")
    elif expected == 303 and row.method == "POST" and path.startswith("/cases/"):
        assert answer.headers["location"].startswith(f"/cases/{values['case']}?done=")
