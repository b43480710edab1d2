"""Hostile text never runs: script payloads in post text, channel titles, notices, reporter
details and decision reasons show up escaped on every page, never as markup."""

from __future__ import annotations

import httpx
from markupsafe import escape

from inbox.accounts import Accounts
from inbox.archive import Archive
from inbox.model import NoticeSource, Role
from inbox.service import Inbox
from inbox.store import Database
from monitors import Channel, ForwardedFrom, Post
from tests.web.support import (
    ORIGIN,
    PAYLOADS,
    START,
    USERS,
    XSS_IMG,
    XSS_SCRIPT,
    XSS_SVG,
    Clock,
    active_content,
    csrf_token,
    login,
)

SHOP = Channel(
    id=9001,
    username="hostile_shop",
    title=f"{XSS_IMG} Shop {XSS_SCRIPT}",
    about=f"About us {XSS_SVG}",
    subscribers=1234,
)
FIRST = f"Cocaine 1g €80 {XSS_SCRIPT} bestellen via @hostile_shop {XSS_SVG}"
EDITED = f"Cocaine 1g €70 {XSS_IMG} bestellen via @hostile_shop {XSS_SCRIPT}"


async def hostile_case(
    db: Database, clock: Clock, client: httpx.AsyncClient, accounts: Accounts
) -> str:
    """A case about a hostile channel, filled with payloads through every door."""
    archive = Archive(db, clock=clock)
    forwarded = ForwardedFrom(name=f"{XSS_SCRIPT} Origin")
    await archive.add([Post(SHOP, 5, START, FIRST, forwarded_from=forwarded)])
    clock.advance(minutes=5)
    await archive.add(
        [Post(SHOP, 5, START, EDITED, edited=True, edit_date=clock(), forwarded_from=forwarded)]
    )
    _, secret = await accounts.add_token("flagger", NoticeSource.TRUSTED_FLAGGER)
    filed = await client.post(
        "/api/notices",
        json={
            "location": "https://t.me/hostile_shop/5",
            "explanation": f"Offer of cocaine. {XSS_SCRIPT} {XSS_IMG}",
            "category": "drugs",
            "notifier": {
                "name": f"{XSS_SVG} Analyst",
                "email": "analyst@example.org",
                "consent_to_contact": True,
            },
            "good_faith": True,
        },
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert filed.status_code == 201, filed.text
    return str(filed.json()["case_id"])


def assert_safe(page: str, where: str) -> None:
    assert active_content(page) == [], where
    assert "<script" not in page.lower(), where
    for payload in PAYLOADS:
        assert payload not in page, f"{where}: {payload!r} rendered raw"


async def test_payloads_show_escaped_on_the_case_page_and_everywhere_else(
    client: httpx.AsyncClient, db: Database, clock: Clock, accounts: Accounts, inbox: Inbox
) -> None:
    case_id = await hostile_case(db, clock, client, accounts)
    token = await login(client, USERS[Role.ADMIN])
    await client.post(f"/cases/{case_id}/claim", data={"csrf_token": token}, headers=ORIGIN)
    escalated = await client.post(
        f"/cases/{case_id}/escalate",
        data={
            "csrf_token": token,
            "target": "platform",
            "reason": f"Drug offer {XSS_SVG}",
            "legal_ground": f"Opiumwet {XSS_IMG}",
        },
        headers=ORIGIN,
    )
    assert escalated.status_code == 303

    case_page = (await client.get(f"/cases/{case_id}")).text
    assert_safe(case_page, "case page")
    shown_texts = (
        SHOP.title,
        SHOP.about,
        XSS_SCRIPT,
        XSS_IMG,
        XSS_SVG,
        f"Opiumwet {XSS_IMG}",
        "Origin",
    )
    for shown in shown_texts:
        assert str(escape(shown)) in case_page, f"{shown!r} is not shown escaped"
    # The post's spans are highlighted around the escaped payloads, not through them.
    assert '<mark class="hl hl-product" title="PRODUCT">Cocaine</mark>' in case_page
    assert str(escape(f" {XSS_IMG} ")) in case_page
    assert str(escape(f"forwarded from {XSS_SCRIPT} Origin")) in case_page

    notice_id = (await inbox.notices(case_id))[0].id
    page = await client.get(f"/cases/{case_id}", headers={"Accept-Language": "nl"})
    reveal = await client.post(
        f"/cases/{case_id}/notices/{notice_id}/reporter",
        data={"csrf_token": csrf_token(page.text)},
        headers=ORIGIN,
    )
    assert reveal.status_code == 200
    assert_safe(reveal.text, "reporter page")
    assert str(escape(f"{XSS_SVG} Analyst")) in reveal.text

    for path in ("/queue", "/exports", "/transparency", "/login"):
        answer = await client.get(path)
        assert_safe(answer.text, path)

    notice_text = await client.get(f"/cases/{case_id}/article16.txt")
    assert notice_text.headers["content-type"].startswith("text/plain")
    assert notice_text.headers["x-content-type-options"] == "nosniff"


async def test_error_pages_do_not_echo_input_as_markup(client: httpx.AsyncClient) -> None:
    await login(client, USERS[Role.INVESTIGATOR])
    for path in (f"/cases/{XSS_SCRIPT}", f"/nowhere/{XSS_IMG}", f"/queue?offset={XSS_SVG}"):
        answer = await client.get(path)
        assert answer.status_code in (404, 422)
        assert_safe(answer.text, path)


async def test_every_page_carries_the_strict_security_headers(client: httpx.AsyncClient) -> None:
    await login(client, USERS[Role.ADMIN])
    for path in ("/login", "/queue", "/exports", "/transparency", "/api/openapi.json", "/nowhere"):
        headers = (await client.get(path)).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert "frame-ancestors 'none'" in policy, path
        assert "default-src 'none'" in policy, path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin", path
        assert headers["cache-control"] == "no-store", path
