"""A real browser (Debian's chromium through Playwright) against the app served by uvicorn
on loopback, with the demo channels archived and scanned: log in, open the top case, claim
and escalate it, see the audit entry. No page may log a script error or a CSP violation.

Skipped where chromium is missing, except in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Error, expect, sync_playwright

from inbox.model import CaseStatus, EscalationTarget, Role
from inbox.web import WebConfig
from tests.telegram.webpreview_server import WebPreviewServer
from tests.web.live import LoopThread
from tests.web.site import Site, open_site
from tests.web.support import PASSWORD, USERS, Clock

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run in CI, but {message}")
        pytest.skip(message)
    return CHROMIUM


@dataclass(frozen=True)
class Live:
    url: str
    site: Site
    loop: LoopThread


@pytest.fixture
def live(tmp_path: Path, webpreview_server: WebPreviewServer) -> Iterator[Live]:
    with LoopThread() as loop:
        stack = AsyncExitStack()
        site = loop.run(
            open_site(
                stack,
                tmp_path / "inbox.sqlite3",
                clock=Clock(),
                webpreview_url=webpreview_server.url,
                config=WebConfig(),
                demo=True,
            )
        )
        server = loop.serve(site.app)
        try:
            yield Live(server.url, site, loop)
        finally:
            server.stop()
            loop.run(stack.aclose())


def test_an_investigator_escalates_the_top_case_in_the_browser(live: Live, chromium: Path) -> None:
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(message.text)

    def page_error(error: Error) -> None:
        problems.append(str(error))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="en-GB")
            page.on("console", console)
            page.on("pageerror", page_error)

            page.goto(f"{live.url}/queue")
            expect(page).to_have_url(f"{live.url}/login?next=/queue")
            page.get_by_label("User name").fill(USERS[Role.INVESTIGATOR])
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            expect(page).to_have_url(f"{live.url}/queue")

            top = page.locator("table.queue tbody tr").first.locator("a.case-link")
            case_id = top.inner_text()
            top.click()
            expect(page.locator("h1")).to_contain_text(case_id)
            expect(page.locator(".post-text mark").first).to_be_visible()

            page.get_by_role("button", name="Claim this case").click()
            expect(page.get_by_role("status")).to_have_text("The case is yours now.")
            escalate = page.locator("form[action$='/escalate']")
            escalate.get_by_label("To").select_option("platform")
            escalate.get_by_label("Reason").fill("A drug menu with prices and a contact handle.")
            escalate.get_by_role("button", name="Escalate case").click()

            expect(page.get_by_role("status")).to_have_text("The case was escalated.")
            audit = page.locator("table.audit tbody tr").last
            expect(audit).to_contain_text(USERS[Role.INVESTIGATOR])
            expect(audit).to_contain_text("in_review -> escalated (platform)")
            expect(page.get_by_role("link", name="text")).to_have_attribute(
                "href", f"/cases/{case_id}/article16.txt"
            )
        finally:
            browser.close()

    case = live.loop.run(live.site.inbox.case(case_id))
    assert case is not None
    assert (case.status, case.escalation_target) == (
        CaseStatus.ESCALATED,
        EscalationTarget.PLATFORM,
    )
    assert problems == []
