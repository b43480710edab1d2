"""Helpers of the web tests: a hand-moved clock, users, log-in through the real form, and a
check that a page carries no script, event handler or script link of any kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx

from inbox.model import Role
from tests.inbox.support import START as START
from tests.inbox.support import Clock as Clock

PASSWORD = "correct horse battery staple"
BASE = "https://testserver"
ORIGIN = {"Origin": BASE}
USERS: dict[Role, str] = {
    Role.INVESTIGATOR: "ines",
    Role.RESEARCHER: "rob",
    Role.ADMIN: "ada",
}

XSS_SCRIPT = "<script>alert('xss')</script>"
XSS_IMG = '<img src=x onerror="alert(1)">'
XSS_SVG = '"><svg onload=alert(2)>'
PAYLOADS = (XSS_SCRIPT, XSS_IMG, XSS_SVG)

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The first CSRF token in a page's forms."""
    found = _TOKEN.search(html)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


async def login(client: httpx.AsyncClient, name: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the session's CSRF token."""
    page = await client.get("/login")
    answer = await client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": csrf_token(page.text)},
        headers=ORIGIN,
    )
    assert answer.status_code == 303, answer.text
    start = await client.get("/exports")
    return csrf_token(start.text)


@dataclass
class ActiveContent(HTMLParser):
    """Collects whatever in a page could run script: script elements, ``on*`` attributes,
    ``javascript:`` links, and any element that is not in our templates' vocabulary."""

    found: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "base", "meta") and not (
            tag == "meta" and all(name in ("charset", "name", "content") for name, _ in attrs)
        ):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={(value or '')[:40]}>")


def active_content(html: str) -> list[str]:
    """Everything in ``html`` that could run script (empty for a safe page)."""
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found
