"""Rendering pages: one Jinja2 environment with autoescaping on for every template.

Every value a template prints is escaped; no template marks user content safe. Undefined
names raise instead of printing nothing, so a missing text or a typo fails the tests rather
than leaving a blank on a page. The only markup handed to templates ready-made is the SVG
of the charts (:mod:`inbox.charts` escapes every text it draws).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from inbox.model import Role
from inbox.web.texts import Texts, texts_for

Clock = Callable[[], datetime]


def when(moment: datetime | None) -> str:
    """A time as ``2026-03-01 09:15 UTC``; an empty string for None."""
    if moment is None:
        return ""
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def duration(span: timedelta) -> str:
    """A length of time in days, hours and minutes, the two largest units (``3 h 20 min``)."""
    minutes = max(0, int(abs(span).total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def number(value: int) -> str:
    """A count with its thousands set apart by narrow spaces (``2 810 000``), readable in
    English and Dutch alike."""
    return f"{value:,}".replace(",", "\u202f")


def environment() -> Environment:
    """The web inbox's template environment (autoescape on, strict undefined)."""
    env = Environment(
        loader=PackageLoader("inbox.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when
    env.filters["duration"] = duration
    env.filters["number"] = number
    return env


class Pages:
    """Renders templates with what every page needs: texts, the user and the clock."""

    def __init__(self, env: Environment, *, clock: Clock) -> None:
        self._env = env
        self._clock = clock

    def texts(self, request: Request) -> Texts:
        """The texts in the language the browser prefers."""
        return texts_for(request.headers.get("accept-language", ""))

    def render(
        self,
        request: Request,
        name: str,
        *,
        user: Any = None,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """The page ``name`` as an HTML response."""
        texts = self.texts(request)
        html = self._env.get_template(name).render(
            t=texts,
            lang=texts.lang,
            user=user,
            caseworker=user is not None and user.role in (Role.INVESTIGATOR, Role.ADMIN),
            now=self._clock(),
            path=request.url.path,
            **context,
        )
        return HTMLResponse(html, status_code=status, headers=dict(headers or {}))
