"""Log-in, sessions and CSRF: what gets in and what is refused."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from inbox.accounts import Accounts
from inbox.model import CaseStatus, Notice, NoticeSource, Role
from inbox.service import Inbox
from inbox.web import Rate, WebConfig
from tests.web.support import BASE, ORIGIN, PASSWORD, USERS, Clock, csrf_token, login

INVESTIGATOR = USERS[Role.INVESTIGATOR]


async def channel_case(inbox: Inbox) -> str:
    receipt = await inbox.submit(Notice("@someshop", "Sells pills.", NoticeSource.CITIZEN))
    return receipt.case_id


async def test_logging_in_sets_a_hardened_session_cookie(client: httpx.AsyncClient) -> None:
    page = await client.get("/login")
    answer = await client.post(
        "/login",
        data={"username": INVESTIGATOR, "password": PASSWORD, "csrf_token": csrf_token(page.text)},
        headers=ORIGIN,
    )
    assert answer.status_code == 303
    cookie = next(
        value
        for name, value in answer.headers.multi_items()
        if name == "set-cookie" and value.startswith("__Host-mp_session=")
    )
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags
    assert not any(flag.startswith("domain") for flag in flags)
    assert (await client.get("/queue")).status_code == 200


@pytest.mark.parametrize("config", [WebConfig(cookie_secure=False)])
async def test_without_secure_cookies_the_cookie_drops_the_host_prefix(
    client: httpx.AsyncClient,
) -> None:
    await login(client, INVESTIGATOR)
    assert "mp_session" in client.cookies
    assert (await client.get("/queue")).status_code == 200


@pytest.mark.parametrize(
    ("name", "password"),
    [(INVESTIGATOR, "wrong password!"), ("nobody", PASSWORD), (INVESTIGATOR, "")],
)
async def test_wrong_credentials_are_refused(
    client: httpx.AsyncClient, name: str, password: str
) -> None:
    page = await client.get("/login")
    answer = await client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": csrf_token(page.text)},
        headers=ORIGIN,
    )
    assert answer.status_code == 401
    assert "do not match" in answer.text
    assert (await client.get("/queue")).status_code == 303


async def test_a_disabled_user_loses_their_session_at_once(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    await login(client, INVESTIGATOR)
    await accounts.set_disabled(INVESTIGATOR, True)
    answer = await client.get("/queue")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/queue"


async def test_logging_out_ends_the_session_on_the_server(client: httpx.AsyncClient) -> None:
    token = await login(client, INVESTIGATOR)
    stolen = dict(client.cookies)
    answer = await client.post("/logout", data={"csrf_token": token}, headers=ORIGIN)
    assert answer.status_code == 303
    client.cookies.update(stolen)  # someone kept a copy of the cookie
    assert (await client.get("/queue")).status_code == 303


async def test_sessions_end_after_an_idle_hour(client: httpx.AsyncClient, clock: Clock) -> None:
    await login(client, INVESTIGATOR)
    clock.advance(minutes=59)
    assert (await client.get("/queue")).status_code == 200
    clock.advance(minutes=59)
    assert (await client.get("/queue")).status_code == 200
    clock.advance(minutes=61)
    assert (await client.get("/queue")).status_code == 303


async def test_sessions_end_after_their_lifetime_however_busy(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    await login(client, INVESTIGATOR)
    for _ in range(23):
        clock.advance(minutes=30)
        assert (await client.get("/queue")).status_code == 200
    clock.advance(minutes=30)
    assert (await client.get("/queue")).status_code == 303


@pytest.mark.parametrize(
    ("next_value", "location"),
    [
        ("/queue?status=new", "/queue?status=new"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
    ],
)
async def test_after_log_in_only_local_paths_are_followed(
    client: httpx.AsyncClient, next_value: str, location: str
) -> None:
    page = await client.get("/login")
    answer = await client.post(
        "/login",
        data={
            "username": INVESTIGATOR,
            "password": PASSWORD,
            "csrf_token": csrf_token(page.text),
            "next": next_value,
        },
        headers=ORIGIN,
    )
    assert answer.headers["location"] == location


@pytest.mark.parametrize("config", [WebConfig(login_rate=Rate(per_minute=6, burst=2))])
async def test_log_in_attempts_are_rate_limited_per_address(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    statuses = []
    for _ in range(3):
        page = await client.get("/login")
        answer = await client.post(
            "/login",
            data={
                "username": INVESTIGATOR,
                "password": "guess",
                "csrf_token": csrf_token(page.text),
            },
            headers=ORIGIN,
        )
        statuses.append(answer.status_code)
    assert statuses == [401, 401, 429]
    assert answer.headers["retry-after"] == "10"
    clock.advance(seconds=10)
    await login(client, INVESTIGATOR)


# CSRF ------------------------------------------------------------------------------------------


async def test_a_form_without_its_token_is_refused(client: httpx.AsyncClient, inbox: Inbox) -> None:
    case_id = await channel_case(inbox)
    await login(client, INVESTIGATOR)
    answer = await client.post(f"/cases/{case_id}/claim", headers=ORIGIN)
    assert answer.status_code == 403
    case = await inbox.case(case_id)
    assert case is not None and case.status is CaseStatus.NEW and case.assignee is None


async def test_a_form_with_another_sessions_token_is_refused(
    app: FastAPI, client: httpx.AsyncClient, inbox: Inbox
) -> None:
    case_id = await channel_case(inbox)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as other:
        foreign_token = await login(other, USERS[Role.ADMIN])
    own_token = await login(client, INVESTIGATOR)
    assert foreign_token != own_token
    answer = await client.post(
        f"/cases/{case_id}/dismiss",
        data={"csrf_token": foreign_token, "reason": "x"},
        headers=ORIGIN,
    )
    assert answer.status_code == 403
    assert "could not be accepted" in answer.text
    case = await inbox.case(case_id)
    assert case is not None and case.status is CaseStatus.NEW


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://testserver.evil.example"},
        {"Referer": "https://evil.example/page"},
        {},
    ],
    ids=["foreign-origin", "null-origin", "lookalike-origin", "foreign-referer", "no-origin"],
)
async def test_a_form_from_another_site_is_refused_even_with_the_token(
    client: httpx.AsyncClient, inbox: Inbox, headers: dict[str, str]
) -> None:
    case_id = await channel_case(inbox)
    token = await login(client, INVESTIGATOR)
    answer = await client.post(
        f"/cases/{case_id}/claim", data={"csrf_token": token}, headers=headers
    )
    assert answer.status_code == 403
    case = await inbox.case(case_id)
    assert case is not None and case.assignee is None


async def test_a_same_site_referer_stands_in_for_a_missing_origin(
    client: httpx.AsyncClient, inbox: Inbox
) -> None:
    case_id = await channel_case(inbox)
    token = await login(client, INVESTIGATOR)
    answer = await client.post(
        f"/cases/{case_id}/claim",
        data={"csrf_token": token},
        headers={"Referer": f"{BASE}/cases/{case_id}"},
    )
    assert answer.status_code == 303
    case = await inbox.case(case_id)
    assert case is not None and case.assignee == INVESTIGATOR


@pytest.mark.parametrize(
    ("headers", "use_cookie"),
    [(ORIGIN, False), ({"Origin": "https://evil.example"}, True)],
    ids=["no-login-cookie", "foreign-origin"],
)
async def test_the_log_in_form_is_protected_too(
    client: httpx.AsyncClient, headers: dict[str, str], use_cookie: bool
) -> None:
    page = await client.get("/login")
    if not use_cookie:
        client.cookies.clear()
    answer = await client.post(
        "/login",
        data={"username": INVESTIGATOR, "password": PASSWORD, "csrf_token": csrf_token(page.text)},
        headers=headers,
    )
    assert answer.status_code == 403
    assert (await client.get("/queue")).status_code == 303


async def test_logging_out_needs_the_token_too(client: httpx.AsyncClient) -> None:
    await login(client, INVESTIGATOR)
    answer = await client.post("/logout", headers=ORIGIN)
    assert answer.status_code == 403
    assert (await client.get("/queue")).status_code == 200


async def test_actions_by_the_web_are_audited_under_the_users_name(
    client: httpx.AsyncClient, inbox: Inbox
) -> None:
    case_id = await channel_case(inbox)
    token = await login(client, INVESTIGATOR)
    await client.post(f"/cases/{case_id}/claim", data={"csrf_token": token}, headers=ORIGIN)
    answer = await client.post(
        f"/cases/{case_id}/escalate",
        data={"csrf_token": token, "target": "regulator", "reason": "unlicensed pharmacy"},
        headers=ORIGIN,
    )
    assert answer.status_code == 303
    trail = await inbox.audit_trail(case_id)
    assert [e.actor for e in trail if e.action in ("claimed", "status_changed")] == [
        INVESTIGATOR
    ] * 3
    assert "unlicensed pharmacy" in trail[-1].detail


@pytest.mark.parametrize("token", ["", "x" * 10_000, "é" * 43])
async def test_any_wrong_token_is_a_403(
    client: httpx.AsyncClient, inbox: Inbox, token: str
) -> None:
    case_id = await channel_case(inbox)
    await login(client, INVESTIGATOR)
    answer = await client.post(
        f"/cases/{case_id}/claim", data={"csrf_token": token}, headers=ORIGIN
    )
    assert answer.status_code == 403
