"""The pages investigators work with: the queue's order and filters, the case page's content,
the transparency report."""

from __future__ import annotations

import re

import httpx

from inbox.model import Actor, Notice, NoticeSource, Role
from inbox.service import Inbox
from inbox.web.queue import Filters, page_of
from nlp.taxonomy import Category
from tests.web.support import ORIGIN, USERS, Clock, login

ADMIN = Actor("ada", Role.ADMIN)
CASE_LINK = re.compile(r'class="case-link" href="/cases/([^"]+)"')


async def file(inbox: Inbox, channel: str, source: NoticeSource, category: Category) -> str:
    notice = Notice(f"@{channel}", "Sells drugs.", source, category=category, good_faith=True)
    return (await inbox.submit(notice)).case_id


async def test_the_queue_lists_urgent_cases_first_and_filters_them(
    client: httpx.AsyncClient, inbox: Inbox, clock: Clock
) -> None:
    citizen = await file(inbox, "citizen_shop", NoticeSource.CITIZEN, Category.DRUGS)
    authority = await file(inbox, "authority_shop", NoticeSource.AUTHORITY, Category.WEAPONS)
    flagger = await file(inbox, "flagged_shop", NoticeSource.TRUSTED_FLAGGER, Category.DRUGS)
    await login(client, USERS[Role.INVESTIGATOR])

    async def listed(query: str = "") -> list[str]:
        page = await client.get(f"/queue{query}")
        assert page.status_code == 200
        return CASE_LINK.findall(page.text)

    assert await listed() == [authority, flagger, citizen]
    assert await listed("?source=citizen") == [citizen]
    assert await listed("?category=drugs") == [flagger, citizen]
    assert await listed("?category=drugs&source=trusted_flagger") == [flagger]
    assert await listed("?category=sweets&source=") == [authority, flagger, citizen]
    assert await listed("?overdue=1") == []
    clock.advance(hours=2)  # past the hour an authority's notice allows (and the idle hour)
    await login(client, USERS[Role.INVESTIGATOR])
    assert await listed("?overdue=1") == [authority]
    await inbox.dismiss(citizen, ADMIN, reason="not illegal")
    await inbox.close(citizen, ADMIN)
    assert await listed() == [authority, flagger]
    assert await listed("?status=closed") == [citizen]


async def test_filtered_pages_keep_the_order_and_know_when_there_is_more(inbox: Inbox) -> None:
    ids = [
        await file(inbox, f"shop_{n:02d}", NoticeSource.CITIZEN, Category.DRUGS) for n in range(5)
    ]
    await file(inbox, "weapons_shop", NoticeSource.CITIZEN, Category.WEAPONS)
    drugs = Filters(category=Category.DRUGS)
    first, more = await page_of(inbox, drugs, 0, size=2)
    last, after_last = await page_of(inbox, drugs, 4, size=2)
    assert ([c.id for c in first], more) == (ids[:2], True)
    assert ([c.id for c in last], after_last) == (ids[4:], False)


async def test_the_case_page_shows_the_post_highlighted_with_its_history_and_hashes(
    client: httpx.AsyncClient, inbox: Inbox
) -> None:
    receipt = await inbox.submit(
        Notice("https://t.me/telegram/420", "Look at this.", NoticeSource.CITIZEN)
    )
    evidence = (await inbox.evidence(receipt.case_id))[0]
    await login(client, USERS[Role.ADMIN])
    page = (await client.get(f"/cases/{receipt.case_id}")).text
    assert evidence.snapshot_sha256 in page
    assert evidence.entry_hash in page
    assert 'href="https://t.me/telegram/420"' in page
    assert "Telegram News" in page
    assert "case opened" in page and "post preserved" in page
    assert 'action="/cases/' + receipt.case_id + '/claim"' in page
    assert "/escalate" not in page  # a new case is claimed before it is escalated


async def test_a_done_message_is_only_ever_one_of_ours(
    client: httpx.AsyncClient, inbox: Inbox
) -> None:
    case_id = await file(inbox, "some_shop", NoticeSource.CITIZEN, Category.DRUGS)
    token = await login(client, USERS[Role.INVESTIGATOR])
    claimed = await client.post(
        f"/cases/{case_id}/claim", data={"csrf_token": token}, headers=ORIGIN
    )
    page = await client.get(claimed.headers["location"])
    assert "The case is yours now." in page.text
    forged = await client.get(f"/cases/{case_id}?done=<b>hacked</b>")
    assert "hacked" not in forged.text


async def test_a_move_the_case_does_not_allow_is_a_409(
    client: httpx.AsyncClient, inbox: Inbox
) -> None:
    case_id = await file(inbox, "some_shop", NoticeSource.CITIZEN, Category.DRUGS)
    token = await login(client, USERS[Role.INVESTIGATOR])
    answer = await client.post(
        f"/cases/{case_id}/escalate",
        data={"csrf_token": token, "target": "police", "reason": "too early"},
        headers=ORIGIN,
    )
    assert answer.status_code == 409
    missing_reason = await client.post(
        f"/cases/{case_id}/dismiss", data={"csrf_token": token, "reason": "  "}, headers=ORIGIN
    )
    assert missing_reason.status_code == 422


async def test_the_transparency_report_covers_the_period_asked_for(
    client: httpx.AsyncClient, inbox: Inbox, clock: Clock
) -> None:
    await file(inbox, "some_shop", NoticeSource.CITIZEN, Category.DRUGS)
    await file(inbox, "other_shop", NoticeSource.AUTHORITY, Category.WEAPONS)
    clock.advance(minutes=1)  # the report runs until now, exclusive
    await login(client, USERS[Role.RESEARCHER])
    figures = (await client.get("/transparency.json")).json()
    assert figures["notices"]["total"] == 2
    assert figures["notices"]["by_source"]["authority"] == 1
    page = await client.get("/transparency", params={"since": "2026-03-01"})
    assert page.status_code == 200
    assert page.text.count("<svg") == 6
    assert "Notices by source" in page.text
    dutch = await client.get("/transparency", headers={"Accept-Language": "nl"})
    assert "Meldingen per bron" in dutch.text and "Notices by source" not in dutch.text
    empty = (await client.get("/transparency.json", params={"until": "2026-03-01"})).json()
    assert empty["notices"]["total"] == 0
    one_day = {"since": "2026-03-02", "until": "2026-03-02"}  # the until day is included
    assert (await client.get("/transparency.json", params=one_day)).json()["notices"]["total"] == 2
    future = await client.get("/transparency", params={"since": "2027-01-01"})
    assert future.status_code == 422
