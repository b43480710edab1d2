"""The HTTP API under ``/api``: notices from trusted flaggers and authorities, and case
status for whoever holds a receipt.

``POST /api/notices`` needs ``Authorization: Bearer <token>`` (tokens are made with
``meldpunt tokens add``); the token decides the notice's source. Every API request first
takes a token from its client address's bucket, and a notice also from its API token's
bucket; an empty bucket answers 429 with ``Retry-After``. Authentication is checked before
the body: a request without a valid token gets 401 whatever it carries. Bodies are bounded
before they are read (413, see :class:`inbox.web.security.BodyLimit`) and then validated
(422 with the reason in ``detail``).
"""

from datetime import datetime
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, BackgroundTasks, Depends
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from inbox.errors import InvalidNotice
from inbox.locations import InvalidLocation
from inbox.model import CaseStatus, CaseStatusView, Notice, NoticeSource, Notifier, Receipt
from inbox.web.auth import client_address
from inbox.web.ratelimit import RateLimiter, retry_after
from nlp.taxonomy import Category

MAX_TOKEN_CHARS = 256
_MAX_ERRORS_SHOWN = 5


class ApiTokenLike(Protocol):
    """An active API token as the accounts service gives it."""

    @property
    def name(self) -> str: ...

    @property
    def source(self) -> NoticeSource: ...


class TokenCheck(Protocol):
    """Finds the active token for a presented secret (``inbox.accounts.Accounts``)."""

    async def token_for(self, presented: str) -> ApiTokenLike | None: ...


class NoticeDesk(Protocol):
    """The inbox's intake and status lookup (``inbox.service.Inbox``)."""

    async def submit(
        self, notice: Notice, *, via: str | None = None, enrich: bool = True
    ) -> Receipt: ...

    async def enrich(self, notice_id: int) -> object: ...

    async def case_status(self, case_id: str, receipt: str) -> CaseStatusView | None: ...


class NotifierIn(BaseModel):
    """Who sends the notice on the flagger's side (Article 16(2)(c) DSA)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254, description="Contains an @.")
    consent_to_contact: bool = Field(
        False, description="Whether investigators may see these details and get in touch."
    )


class NoticeIn(BaseModel):
    """A notice of illegal content, with the elements of Article 16(2) DSA."""

    model_config = ConfigDict(extra="forbid")

    location: str = Field(
        min_length=1,
        max_length=2048,
        description="A t.me link to a post or channel, a tg:// link or an @username.",
        examples=["https://t.me/somechannel/42"],
    )
    explanation: str = Field(
        min_length=1, max_length=5000, description="Why the content is illegal."
    )
    category: Category = Field(description="What kind of illegal product it offers.")
    notifier: NotifierIn | None = None
    good_faith: bool = Field(
        description="The notifier confirms the notice is accurate and complete."
    )


class ReceiptOut(BaseModel):
    """The case the notice was filed in, and the secret to ask for its status."""

    case_id: str
    receipt: str


class CaseStatusOut(BaseModel):
    """A case's status for a receipt holder."""

    case_id: str
    status: CaseStatus
    updated_at: datetime


class Problem(BaseModel):
    """Why a request was refused."""

    detail: str


def problem(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


class ApiRefused(Exception):
    """An API request refused with ``status`` and a JSON problem."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.response = problem(status, detail, headers)


_bearer = HTTPBearer(auto_error=False, description="A token from `meldpunt tokens add`.")


class ApiGate:
    """Rate limits and token checks shared by the routes and the validation-error handler."""

    def __init__(
        self, tokens: TokenCheck, *, per_address: RateLimiter, per_token: RateLimiter
    ) -> None:
        self._tokens = tokens
        self._per_address = per_address
        self._per_token = per_token

    def address(self, request: Request) -> None:
        """Take one request from the client address's bucket, or refuse with 429."""
        wait = self._per_address.take(client_address(request))
        if wait is not None:
            raise ApiRefused(
                429, "too many requests from this address", {"Retry-After": retry_after(wait)}
            )

    async def token(self, request: Request) -> ApiTokenLike:
        """The request's API token, or refuse with 401."""
        scheme, _, presented = request.headers.get("authorization", "").partition(" ")
        presented = presented.strip()
        token = None
        if scheme.lower() == "bearer" and 0 < len(presented) <= MAX_TOKEN_CHARS:
            token = await self._tokens.token_for(presented)
        if token is None:
            raise ApiRefused(
                401,
                "a valid API token is needed: Authorization: Bearer <token>",
                {"WWW-Authenticate": 'Bearer realm="meldpunt"'},
            )
        return token

    async def notice_sender(self, request: Request) -> ApiTokenLike:
        """Address bucket, token, token bucket: the checks before a notice is read."""
        self.address(request)
        token = await self.token(request)
        wait = self._per_token.take(f"token:{token.name.lower()}")
        if wait is not None:
            raise ApiRefused(
                429, "too many notices with this token", {"Retry-After": retry_after(wait)}
            )
        return token


def describe_errors(errors: list[Any]) -> str:
    """Validation errors in one line: where and what, without echoing the input."""
    parts = []
    for error in errors[:_MAX_ERRORS_SHOWN]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    more = len(errors) - _MAX_ERRORS_SHOWN
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


_REFUSALS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "description": text}
    for status, text in (
        (401, "No valid API token."),
        (413, "The body is too large."),
        (422, "The notice is not valid; `detail` says why."),
        (429, "Too many requests; see Retry-After."),
    )
}


def routes(desk: NoticeDesk, gate: ApiGate) -> APIRouter:
    """The API routes (mounted under ``/api``)."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.post(
        "/notices",
        status_code=201,
        response_model=ReceiptOut,
        responses=_REFUSALS,
        summary="Submit a notice",
    )
    async def submit_notice(
        request: Request,
        notice: NoticeIn,
        background: BackgroundTasks,
        _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> ReceiptOut:
        token = await gate.notice_sender(request)
        notifier = (
            None
            if notice.notifier is None
            else Notifier(
                name=notice.notifier.name,
                email=notice.notifier.email,
                consent_to_contact=notice.notifier.consent_to_contact,
            )
        )
        try:
            receipt = await desk.submit(
                Notice(
                    location=notice.location,
                    explanation=notice.explanation,
                    source=token.source,
                    category=notice.category,
                    notifier=notifier,
                    good_faith=notice.good_faith,
                    reporter_key=f"token:{token.name.lower()}",
                ),
                via=f"api:{token.name}",
                enrich=False,
            )
        except (InvalidLocation, InvalidNotice) as refused:
            raise ApiRefused(422, refused.reason) from None
        # Fetching the post can wait on Telegram's rate limits for minutes: the notifier gets
        # the receipt at once, the post is fetched, archived and analysed after the answer.
        background.add_task(desk.enrich, receipt.notice_id)
        return ReceiptOut(case_id=receipt.case_id, receipt=receipt.receipt)

    @router.get(
        "/cases/{case_id}",
        response_model=CaseStatusOut,
        responses={
            404: {"model": Problem, "description": "No such case, or a wrong receipt."},
            429: _REFUSALS[429],
        },
        summary="Status of a case, for a receipt holder",
    )
    async def case_status(request: Request, case_id: str, receipt: str = "") -> CaseStatusOut:
        gate.address(request)
        view = await desk.case_status(case_id, receipt)
        if view is None:
            raise ApiRefused(404, "no such case, or the receipt does not match")
        return CaseStatusOut(case_id=view.case_id, status=view.status, updated_at=view.updated_at)

    return router


async def invalid_request(
    request: Request, error: RequestValidationError, gate: ApiGate
) -> Response:
    """The answer to an API request whose input is not valid: 422 with the reasons, unless
    the request is not authenticated (401) or over its rate (429) in the first place."""
    try:
        if request.method == "POST":
            await gate.notice_sender(request)
        else:
            gate.address(request)
    except ApiRefused as refusal:
        return refusal.response
    return problem(422, describe_errors(list(error.errors())))
