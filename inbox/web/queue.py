"""The queue: cases to work on, most urgent first, then the soonest due, with filters.

Filters are status, category, source (who sent the case's first notice) and overdue; the
inbox's listing applies them all.
"""

from dataclasses import dataclass
from typing import Annotated, Protocol, Self, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from inbox.model import Case, CaseQuery, CaseStatus, NoticeSource, Role
from inbox.web.auth import Auth, WebUser
from inbox.web.templating import Pages
from nlp.taxonomy import Category

E = TypeVar("E", CaseStatus, Category, NoticeSource)

CASEWORKERS = frozenset({Role.INVESTIGATOR, Role.ADMIN})
PAGE_SIZE = 50
MAX_OFFSET = 100_000


class QueueSource(Protocol):
    """The inbox's queue listing (``inbox.service.Inbox.queue``)."""

    async def queue(self, query: CaseQuery) -> list[Case]: ...


@dataclass(frozen=True, slots=True)
class Filters:
    """The queue's filters as chosen; None means any."""

    status: CaseStatus | None = None
    category: Category | None = None
    source: NoticeSource | None = None
    overdue: bool = False

    @classmethod
    def parse(cls, status: str, category: str, source: str, overdue: str) -> Self:
        """Filters from query parameters; unknown values mean "any"."""
        return cls(
            status=_member(CaseStatus, status),
            category=_member(Category, category),
            source=_member(NoticeSource, source),
            overdue=overdue in ("1", "on", "true"),
        )

    def query(self, offset: int) -> str:
        """The query string for these filters at ``offset``."""
        params = {
            "status": self.status.value if self.status else "",
            "category": self.category.value if self.category else "",
            "source": self.source.value if self.source else "",
            "overdue": "1" if self.overdue else "",
        }
        kept = {k: v for k, v in params.items() if v}
        if offset:
            kept["offset"] = str(offset)
        return urlencode(kept)


def _member(kind: type[E], value: str) -> E | None:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


async def page_of(
    source: QueueSource, filters: Filters, offset: int, size: int = PAGE_SIZE
) -> tuple[list[Case], bool]:
    """The cases of one page, and whether there is a next page."""

    found = await source.queue(
        CaseQuery(
            status=filters.status,
            category=filters.category,
            origin=filters.source,
            open_only=filters.status is None,
            overdue_only=filters.overdue,
            limit=size + 1,
            offset=offset,
        )
    )
    return found[:size], len(found) > size


def routes(source: QueueSource, auth: Auth, pages: Pages) -> APIRouter:
    """The queue page, and the start page that leads each role to its work."""
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def start(user: Annotated[WebUser, Depends(auth.page())]) -> Response:
        return RedirectResponse("/queue" if user.role in CASEWORKERS else "/exports", 303)

    @router.get("/queue")
    async def queue(
        request: Request,
        user: Annotated[WebUser, Depends(auth.page(CASEWORKERS))],
        status: Annotated[str, Query(max_length=40)] = "",
        category: Annotated[str, Query(max_length=40)] = "",
        source_: Annotated[str, Query(alias="source", max_length=40)] = "",
        overdue: Annotated[str, Query(max_length=8)] = "",
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> Response:
        filters = Filters.parse(status, category, source_, overdue)
        cases, more = await page_of(source, filters, offset)
        return pages.render(
            request,
            "queue.html",
            user=user,
            cases=cases,
            filters=filters,
            statuses=[s.value for s in CaseStatus],
            categories=[c.value for c in Category],
            sources=[s.value for s in NoticeSource],
            first=offset + 1,
            last=offset + len(cases),
            previous_url=(
                f"/queue?{filters.query(max(0, offset - PAGE_SIZE))}" if offset > 0 else None
            ),
            next_url=f"/queue?{filters.query(offset + PAGE_SIZE)}" if more else None,
        )

    return router
