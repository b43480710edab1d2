"""The transparency report as a page (figures, tables and SVG charts) and as JSON.

Open to every role: the figures are counts, no case or person is named.
"""

from datetime import datetime
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from inbox.transparency import CHART_TEXTS, TransparencyReport, report_charts
from inbox.web.auth import Auth, Refused, WebUser
from inbox.web.exports_page import parse_period
from inbox.web.templating import Pages


class ReportSource(Protocol):
    """The inbox's transparency figures (``inbox.service.Inbox.transparency``)."""

    async def transparency(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> TransparencyReport: ...


def routes(reports: ReportSource, auth: Auth, pages: Pages) -> APIRouter:
    """The report page and its JSON download."""
    router = APIRouter(include_in_schema=False)
    day = Annotated[str, Query(max_length=10)]

    @router.get("/transparency")
    async def page(
        request: Request,
        user: Annotated[WebUser, Depends(auth.page())],
        since: day = "",
        until: day = "",
    ) -> Response:
        report = await _report(reports, since, until)
        texts = pages.texts(request)
        chart_texts = {key: texts[f"chart_{key}"] for key in CHART_TEXTS}
        return pages.render(
            request,
            "transparency.html",
            user=user,
            since=report.since,
            until=report.until,
            since_value=since,
            until_value=until,
            figures=report.to_dict(),
            charts=report_charts(report, chart_texts),
        )

    @router.get("/transparency.json")
    async def figures(
        user: Annotated[WebUser, Depends(auth.page())], since: day = "", until: day = ""
    ) -> Response:
        report = await _report(reports, since, until)
        return JSONResponse(report.to_dict())

    return router


async def _report(reports: ReportSource, since: str, until: str) -> TransparencyReport:
    start, end = parse_period(since, until)
    try:
        return await reports.transparency(since=start, until=end)
    except ValueError:  # a period that ends before it starts (e.g. a start in the future)
        raise Refused(422, "period_invalid") from None
