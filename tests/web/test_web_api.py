"""The HTTP API through httpx against the app, on real services and a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from inbox.accounts import Accounts
from inbox.locations import InvalidLocation, parse_location
from inbox.model import CaseStatus, NoticeSource, Priority
from inbox.service import Inbox
from inbox.web import Rate, WebConfig
from tests.web.support import Clock

NOTICE: dict[str, Any] = {
    "location": "https://t.me/telegram/420",
    "explanation": "The channel sells cocaine by the gram.",
    "category": "drugs",
    "notifier": {"name": "Stichting Veilig Online", "email": "meldingen@example.org"},
    "good_faith": True,
}


async def make_token(
    accounts: Accounts, source: NoticeSource = NoticeSource.TRUSTED_FLAGGER
) -> str:
    _, secret = await accounts.add_token(f"flagger-{source}", source)
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


async def test_a_notice_is_filed_and_its_receipt_tells_the_status(
    client: httpx.AsyncClient, accounts: Accounts, inbox: Inbox
) -> None:
    secret = await make_token(accounts)
    answer = await client.post("/api/notices", json=NOTICE, headers=bearer(secret))
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert set(body) == {"case_id", "receipt"}
    case = await inbox.case(body["case_id"])
    assert case is not None
    assert case.origin is NoticeSource.TRUSTED_FLAGGER
    assert case.priority >= Priority.HIGH

    status = await client.get(f"/api/cases/{body['case_id']}", params={"receipt": body["receipt"]})
    assert status.status_code == 200
    assert status.json() == {
        "case_id": body["case_id"],
        "status": CaseStatus.NEW.value,
        "updated_at": case.updated_at.isoformat().replace("+00:00", "Z"),
    }


async def test_an_authority_token_files_an_urgent_authority_notice(
    client: httpx.AsyncClient, accounts: Accounts, inbox: Inbox
) -> None:
    secret = await make_token(accounts, NoticeSource.AUTHORITY)
    answer = await client.post(
        "/api/notices", json={**NOTICE, "location": "@somechannel"}, headers=bearer(secret)
    )
    assert answer.status_code == 201
    case = await inbox.case(answer.json()["case_id"])
    assert case is not None
    assert (case.origin, case.priority) == (NoticeSource.AUTHORITY, Priority.URGENT)


async def test_unknown_case_and_wrong_receipt_get_the_same_404(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    secret = await make_token(accounts)
    filed = (await client.post("/api/notices", json=NOTICE, headers=bearer(secret))).json()
    wrong = await client.get(f"/api/cases/{filed['case_id']}", params={"receipt": "x" * 32})
    unknown = await client.get("/api/cases/MP-2026-999999", params={"receipt": filed["receipt"]})
    missing = await client.get(f"/api/cases/{filed['case_id']}")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.json() == unknown.json() == missing.json()


@pytest.mark.parametrize(
    "location",
    ["https://evil.example/telegram/1", "https://t.me/telegram/1?x=<script>", "t.me/c/1"],
)
async def test_an_invalid_location_is_refused_with_its_reason(
    client: httpx.AsyncClient, accounts: Accounts, location: str
) -> None:
    with pytest.raises(InvalidLocation) as expected:
        parse_location(location)
    secret = await make_token(accounts)
    answer = await client.post(
        "/api/notices", json={**NOTICE, "location": location}, headers=bearer(secret)
    )
    assert answer.status_code == 422
    assert answer.json() == {"detail": expected.value.reason}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"explanation": ""}, "explanation"),
        ({"explanation": "x" * 5001}, "explanation"),
        ({"category": "sweets"}, "category"),
        ({"notifier": {"name": "A", "email": "a@example.org", "extra": 1}}, "notifier.extra"),
        ({"good_faith": None}, "good_faith"),
        ({"surprise": True}, "surprise"),
    ],
)
async def test_invalid_bodies_are_refused_naming_the_field(
    client: httpx.AsyncClient, accounts: Accounts, change: dict[str, Any], field: str
) -> None:
    secret = await make_token(accounts)
    answer = await client.post("/api/notices", json={**NOTICE, **change}, headers=bearer(secret))
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith(f"{field}: ")


async def test_an_invalid_notifier_email_is_refused_by_the_intake(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    secret = await make_token(accounts)
    notifier = {"name": "Someone", "email": "no-at-sign"}
    answer = await client.post(
        "/api/notices", json={**NOTICE, "notifier": notifier}, headers=bearer(secret)
    )
    assert answer.status_code == 422
    assert "e-mail" in answer.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer mpt_not-a-real-token"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer"},
    ],
)
@pytest.mark.parametrize("body", [NOTICE, {"location": 1}, b"{not json"])
async def test_without_a_valid_token_the_answer_is_401_whatever_the_body(
    client: httpx.AsyncClient, headers: dict[str, str], body: Any
) -> None:
    if isinstance(body, bytes):
        headers = {**headers, "Content-Type": "application/json"}
        answer = await client.post("/api/notices", content=body, headers=headers)
    else:
        answer = await client.post("/api/notices", json=body, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")


async def test_a_revoked_token_is_refused(client: httpx.AsyncClient, accounts: Accounts) -> None:
    secret = await make_token(accounts)
    await accounts.revoke_token(f"flagger-{NoticeSource.TRUSTED_FLAGGER}")
    answer = await client.post("/api/notices", json=NOTICE, headers=bearer(secret))
    assert answer.status_code == 401


@pytest.mark.parametrize("config", [WebConfig(max_body_bytes=1024)])
async def test_bodies_over_the_limit_are_refused_before_parsing(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    secret = await make_token(accounts)
    big = {**NOTICE, "explanation": "x" * 2000}
    declared = await client.post("/api/notices", json=big, headers=bearer(secret))
    assert declared.status_code == 413

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(3):
            yield b" " * 600

    streamed = await client.post(
        "/api/notices",
        content=chunks(),
        headers={**bearer(secret), "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413
    fits = await client.post("/api/notices", json=NOTICE, headers=bearer(secret))
    assert fits.status_code == 201


@pytest.mark.parametrize("config", [WebConfig(api_rate=Rate(per_minute=60, burst=2))])
async def test_notices_per_token_are_rate_limited_with_retry_after(
    client: httpx.AsyncClient, accounts: Accounts, clock: Clock
) -> None:
    secret = await make_token(accounts)
    headers = bearer(secret)
    statuses = [
        (await client.post("/api/notices", json=NOTICE, headers=headers)).status_code
        for _ in range(2)
    ]
    refused = await client.post("/api/notices", json=NOTICE, headers=headers)
    assert statuses == [201, 201]
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    clock.advance(seconds=1)
    again = await client.post("/api/notices", json=NOTICE, headers=headers)
    assert again.status_code == 201


@pytest.mark.parametrize("config", [WebConfig(address_rate=Rate(per_minute=30, burst=3))])
async def test_api_requests_per_address_are_rate_limited(
    client: httpx.AsyncClient, clock: Clock
) -> None:
    statuses = [
        (await client.get("/api/cases/MP-2026-000001", params={"receipt": "r"})).status_code
        for _ in range(4)
    ]
    assert statuses == [404, 404, 404, 429]
    refused = await client.get("/api/cases/MP-2026-000001", params={"receipt": "r"})
    assert refused.headers["retry-after"] == "2"
    unauthenticated = await client.post("/api/notices", json=NOTICE)
    assert unauthenticated.status_code == 429
    clock.advance(seconds=2)
    allowed = await client.get("/api/cases/MP-2026-000001", params={"receipt": "r"})
    assert allowed.status_code == 404


async def test_the_openapi_description_is_published(client: httpx.AsyncClient) -> None:
    answer = await client.get("/api/openapi.json")
    assert answer.status_code == 200
    schema = answer.json()
    assert set(schema["paths"]) == {"/api/notices", "/api/cases/{case_id}"}
    notice = schema["components"]["schemas"]["NoticeIn"]
    assert notice["properties"]["explanation"]["maxLength"] == 5000
    assert set(schema["paths"]["/api/notices"]["post"]["responses"]) == {
        "201",
        "401",
        "413",
        "422",
        "429",
    }
    assert (await client.get("/docs")).status_code == 404
