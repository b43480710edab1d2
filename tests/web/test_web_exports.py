"""Downloads from the exports page: what they hold, that research data is pseudonymised, and
that nothing is left behind on disk."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import httpx
import pytest

from inbox.archive import Archive
from inbox.model import Actor, EscalationTarget, Notice, NoticeSource, Role
from inbox.service import Inbox
from inbox.store import Database
from monitors import Channel, Post
from tests.web.support import START, USERS, Clock, login

ADMIN = Actor("ada", Role.ADMIN)
PLUG = Channel(id=4242, username="plug_demo", title="Plug")
OFFER = "Cocaine 1g €80, bestellen via @janjansen_private"


def export_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("meldpunt-export-*"))


async def escalated_case(db: Database, inbox: Inbox, clock: Clock) -> str:
    await Archive(db, clock=clock).add([Post(PLUG, 7, START, OFFER)])
    receipt = await inbox.submit(
        Notice("https://t.me/plug_demo/7", "Drug offer.", NoticeSource.CITIZEN)
    )
    await inbox.claim(receipt.case_id, ADMIN)
    await inbox.escalate(receipt.case_id, EscalationTarget.PLATFORM, ADMIN, reason="drug offer")
    return receipt.case_id


async def test_statements_and_the_case_list_download_whole(
    client: httpx.AsyncClient, db: Database, inbox: Inbox, clock: Clock
) -> None:
    case_id = await escalated_case(db, inbox, clock)
    before = export_folders()
    await login(client, USERS[Role.INVESTIGATOR])

    statements = await client.get("/exports/statements.jsonl")
    assert statements.status_code == 200
    assert 'filename="statements-' in statements.headers["content-disposition"]
    lines = statements.text.splitlines()
    assert [json.loads(line)["puid"] for line in lines] == [case_id]

    cases = await client.get("/exports/cases.csv", params={"since": "2026-03-01"})
    rows = list(csv.DictReader(io.StringIO(cases.text)))
    assert [(row["case_id"], row["status"]) for row in rows] == [(case_id, "escalated")]
    later = await client.get("/exports/cases.csv", params={"since": "2026-03-03"})
    assert list(csv.DictReader(io.StringIO(later.text))) == []
    assert export_folders() <= before
    exported = [e for e in await inbox.recent_audit() if e.action == "exported"]
    assert [e.actor for e in exported] == [USERS[Role.INVESTIGATOR]] * 3
    assert "(2026-03-03 to …)" in exported[0].detail  # newest first


@pytest.mark.parametrize(
    "query", [{"since": "yesterday"}, {"since": "2026-03-02", "until": "2026-03-01"}]
)
async def test_a_wrong_period_is_refused(client: httpx.AsyncClient, query: dict[str, str]) -> None:
    await login(client, USERS[Role.INVESTIGATOR])
    answer = await client.get("/exports/cases.csv", params=query)
    assert answer.status_code == 422
    assert "YYYY-MM-DD" in answer.text


async def test_research_datasets_come_pseudonymised_with_their_datasheet(
    client: httpx.AsyncClient, db: Database, inbox: Inbox, clock: Clock
) -> None:
    await escalated_case(db, inbox, clock)
    before = export_folders()
    await login(client, USERS[Role.RESEARCHER])
    answer = await client.get("/exports/datasets/posts.csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(answer.content)) as bundle:
        names = sorted(bundle.namelist())
        assert len(names) == 2 and names[0].endswith(".csv")
        assert names[1] == names[0] + ".datasheet.md"
        data = bundle.read(names[0]).decode("utf-8")
        sheet = bundle.read(names[1]).decode("utf-8")
    assert "Cocaine" in data
    assert "janjansen_private" not in data
    assert "Pseudonymised" in sheet
    assert export_folders() <= before
    exported = [e for e in await inbox.recent_audit() if e.action == "exported"]
    assert [(e.actor, e.detail[:9]) for e in exported] == [(USERS[Role.RESEARCHER], "posts-202")]


async def test_an_unknown_dataset_or_format_is_not_found(client: httpx.AsyncClient) -> None:
    await login(client, USERS[Role.RESEARCHER])
    for path in ("/exports/datasets/people.csv", "/exports/datasets/posts.gexf"):
        assert (await client.get(path)).status_code == 404
