"""The exports page and its downloads.

- statements of reasons (DSA Transparency Database, JSON lines): every role (they are public);
- the case list (CSV, no free text, no reporters): investigators and admins;
- research datasets (posts, channels, forward graph) with their datasheet, zipped:
  researchers and admins, and always pseudonymised; clear exports stay a deliberate CLI act.

Files are written by the inbox into a private temporary folder, sent, and removed.
"""

import asyncio
import shutil
import tempfile
import zipfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Query
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from inbox.exports import DATASET_NAMES, export_dataset
from inbox.model import Actor, Role
from inbox.pseudonym import Pseudonymizer
from inbox.store.database import Database
from inbox.web.auth import Auth, Refused, WebUser
from inbox.web.templating import Pages

Clock = Callable[[], datetime]

CASEWORKERS = frozenset({Role.INVESTIGATOR, Role.ADMIN})
RESEARCH = frozenset({Role.RESEARCHER, Role.ADMIN})
_MAX_DETAIL_CHARS = 300
FORMATS: dict[str, tuple[str, ...]] = {
    name: ("csv", "jsonl", "parquet", "gexf") if name == "graph" else ("csv", "jsonl", "parquet")
    for name in DATASET_NAMES
}


class CaseFiles(Protocol):
    """The inbox's case exports (``inbox.service.Inbox``)."""

    async def write_statements(
        self, path: Path, *, since: datetime | None = None, until: datetime | None = None
    ) -> int: ...

    async def write_cases_csv(
        self, path: Path, *, since: datetime | None = None, until: datetime | None = None
    ) -> int: ...

    async def record_export(self, actor: Actor, what: str) -> None: ...


class PeriodWriter(Protocol):
    """Writes one case export covering a period to a path (see :class:`CaseFiles`)."""

    async def __call__(
        self, path: Path, *, since: datetime | None = None, until: datetime | None = None
    ) -> int: ...


class Datasets(Protocol):
    """Writes one pseudonymised research dataset (and its datasheet) to a path."""

    async def write(self, dataset: str, fmt: str, path: Path) -> Path:
        """Write ``dataset`` as ``fmt`` to ``path``; returns the datasheet's path."""
        ...


class PseudonymisedDatasets:
    """:class:`Datasets` over the archive, always through the pseudonymiser."""

    def __init__(self, db: Database, pseudonymizer: Pseudonymizer, *, clock: Clock) -> None:
        self._db = db
        self._pseudonymizer = pseudonymizer
        self._clock = clock

    async def write(self, dataset: str, fmt: str, path: Path) -> Path:
        """Write the dataset pseudonymised; returns its datasheet."""
        result = await export_dataset(
            self._db, dataset, fmt, path, pseudonymizer=self._pseudonymizer, now=self._clock()
        )
        return result.datasheet


def parse_day(value: str) -> datetime | None:
    """``YYYY-MM-DD`` as midnight UTC; empty is None; anything else is refused (422)."""
    if not value:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        raise Refused(422, "period_invalid") from None
    return day.replace(tzinfo=UTC)


def parse_period(since: str, until: str) -> tuple[datetime | None, datetime | None]:
    """A period from two optional days, both included (as the CLI's ``--since``/``--until``):
    the end is the moment the day after ``until`` starts. The start may not come after it."""
    start, last = parse_day(since), parse_day(until)
    end = last + timedelta(days=1) if last is not None else None
    if start is not None and end is not None and start >= end:
        raise Refused(422, "period_invalid")
    return start, end


async def _export(
    write: Callable[[Path], Awaitable[object]],
    filename: str,
    media_type: str,
    audited: Callable[[], Awaitable[None]],
) -> FileResponse:
    """Have ``write`` make the file in a private temporary folder, record the export in the
    audit log, send it as ``filename`` and remove the folder afterwards (or at once, when
    writing fails). An export the inbox refuses as invalid (``ValueError``, e.g. a statement
    the DSA format does not allow) answers 409 with the reason."""
    folder = Path(tempfile.mkdtemp(prefix="meldpunt-export-"))
    path = folder / f"export-{filename}"
    try:
        await write(path)
        await audited()
    except ValueError as problem:
        shutil.rmtree(folder, ignore_errors=True)
        raise Refused(409, "error_409", detail=str(problem)[:_MAX_DETAIL_CHARS]) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        path,
        media_type=media_type,
        filename=filename,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def routes(
    files: CaseFiles, datasets: Datasets, auth: Auth, pages: Pages, *, clock: Clock
) -> APIRouter:
    """The exports page and the downloads."""
    router = APIRouter(include_in_schema=False)
    day = Annotated[str, Query(max_length=10)]

    def stamp() -> str:
        return clock().strftime("%Y%m%d-%H%M%S")

    async def audit(user: WebUser, name: str, since: str, until: str) -> None:
        period = f" ({since or '…'} to {until or '…'})" if since or until else ""
        await files.record_export(user.actor, name + period)

    @router.get("/exports")
    async def exports(request: Request, user: Annotated[WebUser, Depends(auth.page())]) -> Response:
        return pages.render(
            request,
            "exports.html",
            user=user,
            error=None,
            can_statements=True,
            can_cases=user.role in CASEWORKERS,
            can_datasets=user.role in RESEARCH,
            datasets=list(FORMATS.items()),
        )

    async def period_export(
        user: WebUser, since: str, until: str, writer: PeriodWriter, name: str, media_type: str
    ) -> Response:
        start, end = parse_period(since, until)
        write = partial(writer, since=start, until=end)
        return await _export(write, name, media_type, partial(audit, user, name, since, until))

    @router.get("/exports/statements.jsonl")
    async def statements(
        user: Annotated[WebUser, Depends(auth.page())], since: day = "", until: day = ""
    ) -> Response:
        name = f"statements-{stamp()}.jsonl"
        return await period_export(
            user, since, until, files.write_statements, name, "application/x-ndjson"
        )

    @router.get("/exports/cases.csv")
    async def cases_csv(
        user: Annotated[WebUser, Depends(auth.page(CASEWORKERS))],
        since: day = "",
        until: day = "",
    ) -> Response:
        name = f"cases-{stamp()}.csv"
        return await period_export(
            user, since, until, files.write_cases_csv, name, "text/csv; charset=utf-8"
        )

    @router.get("/exports/datasets/{dataset}.{fmt}")
    async def dataset(
        dataset: str, fmt: str, user: Annotated[WebUser, Depends(auth.page(RESEARCH))]
    ) -> Response:
        if fmt not in FORMATS.get(dataset, ()):
            raise Refused(404, "error_404")
        name = f"{dataset}-{stamp()}.{fmt}"

        async def write(bundle: Path) -> None:
            data = bundle.with_name(name)
            sheet = await datasets.write(dataset, fmt, data)
            # Compressing a large export takes a while: off the event loop.
            await asyncio.to_thread(_zip, bundle, (data, sheet))

        return await _export(
            write, f"{name}.zip", "application/zip", partial(audit, user, name, "", "")
        )

    return router


def _zip(bundle: Path, members: tuple[Path, ...]) -> None:
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in members:
            if member.exists():
                archive.write(member, member.name)
