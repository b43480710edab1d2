"""How errors answer: JSON problems under ``/api``, error pages everywhere else.

The inbox's own errors map to statuses here (:mod:`inbox.errors`): an unknown case is 404,
a role the service refuses is 403, a status change it does not allow is 409. Anonymous
visitors of a page are sent to the log-in page. Nothing echoes request input back except
through the escaping templates.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from inbox.errors import CaseNotFound, Forbidden, TransitionNotAllowed
from inbox.web.api import ApiGate, ApiRefused, describe_errors, invalid_request, problem
from inbox.web.auth import Auth, LoginRequired, Refused, login_redirect
from inbox.web.templating import Pages

_TITLES = {400: "error_400", 403: "error_403", 404: "error_404", 409: "error_409"}
_TITLES |= {422: "error_422", 429: "error_429"}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def error_page(
    pages: Pages,
    auth: Auth,
    request: Request,
    status: int,
    message_key: str,
    detail: str | None = None,
) -> Response:
    """An error page: a title for the status, a text and, when given, the detail; with the
    navigation when someone is logged in."""
    texts = pages.texts(request)
    message = texts[message_key]
    if detail:
        message = f"{message} ({detail})"
    return pages.render(
        request,
        "error.html",
        user=await auth.current(request),
        status=status,
        code=status,
        title=_TITLES.get(status, "error_400"),
        message=message,
        back="/",
    )


def install(app: FastAPI, pages: Pages, auth: Auth, gate: ApiGate) -> None:
    """Register the exception handlers on ``app``."""

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, error: LoginRequired) -> Response:
        return login_redirect(error.next_path)

    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> Response:
        if _is_api(request):
            return problem(error.status, error.detail or error.message_key)
        return await error_page(pages, auth, request, error.status, error.message_key, error.detail)

    @app.exception_handler(ApiRefused)
    async def api_refused(request: Request, error: ApiRefused) -> Response:
        return error.response

    @app.exception_handler(CaseNotFound)
    async def no_case(request: Request, error: CaseNotFound) -> Response:
        return await error_page(pages, auth, request, 404, "error_no_case")

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden) -> Response:
        return await error_page(pages, auth, request, 403, "error_role")

    @app.exception_handler(TransitionNotAllowed)
    async def not_now(request: Request, error: TransitionNotAllowed) -> Response:
        return await error_page(pages, auth, request, 409, "error_409", error.reason)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if _is_api(request):
            return await invalid_request(request, error, gate)
        return await error_page(
            pages, auth, request, 422, "error_422", describe_errors(list(error.errors()))
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if _is_api(request):
            return problem(error.status_code, str(error.detail), dict(error.headers or {}))
        key = _TITLES.get(error.status_code, "error_400")
        return await error_page(pages, auth, request, error.status_code, key)
