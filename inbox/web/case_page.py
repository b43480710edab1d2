"""The case page and its actions: claim, escalate, record action, dismiss, close; reveal a
consenting reporter (audited by the inbox); download Article 16 notices for the platform.

Every action is a POST form checked by :meth:`inbox.web.auth.Auth.form` and answered with a
redirect back to the case (so reloading never repeats it), naming what was done.
"""

from collections.abc import Sequence
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from inbox.audit import AuditEntry
from inbox.dsa import Notifier as NoticeSender
from inbox.errors import CaseNotFound
from inbox.model import Actor, Case, EscalationTarget, NoticeView, Notifier, Role
from inbox.store.channels import ChannelRow
from inbox.web.auth import Auth, Refused, WebUser
from inbox.web.case_views import EvidenceLike, available_actions, channel_url, post_view
from inbox.web.templating import Pages

CASEWORKERS = frozenset({Role.INVESTIGATOR, Role.ADMIN})
MAX_REASON_CHARS = 2000
MAX_GROUND_CHARS = 500
MAX_CASE_ID_CHARS = 64
DONE = frozenset({"claimed", "escalated", "actioned", "dismissed", "closed"})


class NoticeFileLike(Protocol):
    """Article 16 notices of a case (``inbox.casefiles.NoticeFile``)."""

    def text(self) -> str: ...

    def data(self) -> list[dict[str, Any]]: ...


class CaseWork(Protocol):
    """The inbox services the case page uses (``inbox.service.Inbox``)."""

    async def case(self, case_id: str) -> Case | None: ...

    async def notices(self, case_id: str) -> list[NoticeView]: ...

    async def channel(self, case: Case) -> ChannelRow | None: ...

    async def evidence(self, case_id: str) -> Sequence[EvidenceLike]: ...

    async def audit_trail(self, case_id: str) -> list[AuditEntry]: ...

    async def claim(self, case_id: str, actor: Actor) -> Case: ...

    async def escalate(
        self,
        case_id: str,
        target: EscalationTarget,
        actor: Actor,
        *,
        reason: str,
        legal_ground: str | None = None,
    ) -> Case: ...

    async def action(
        self, case_id: str, actor: Actor, *, reason: str, legal_ground: str | None = None
    ) -> Case: ...

    async def dismiss(self, case_id: str, actor: Actor, *, reason: str) -> Case: ...

    async def close(self, case_id: str, actor: Actor, *, reason: str = "") -> Case: ...

    async def reporter_identity(
        self, case_id: str, notice_id: int, actor: Actor
    ) -> Notifier | None: ...

    async def platform_notices(
        self, case_id: str, *, sender: NoticeSender | None
    ) -> NoticeFileLike: ...


def _done(case_id: str, what: str) -> RedirectResponse:
    return RedirectResponse(f"/cases/{case_id}?done={what}", status_code=303)


def _reason(text: str) -> str:
    reason = text.strip()
    if not reason:
        raise Refused(422, "error_422", detail="a reason is needed")
    return reason


def routes(work: CaseWork, auth: Auth, pages: Pages, *, sender: NoticeSender | None) -> APIRouter:
    """The case page, its action forms and its downloads."""
    router = APIRouter(include_in_schema=False)
    viewer = Depends(auth.page(CASEWORKERS))
    actor = Depends(auth.form(CASEWORKERS))
    reason_field = Form(max_length=MAX_REASON_CHARS)

    async def existing(case_id: str) -> Case:
        found = await work.case(case_id) if len(case_id) <= MAX_CASE_ID_CHARS else None
        if found is None:
            raise CaseNotFound(case_id)
        return found

    @router.get("/cases/{case_id}")
    async def case_page(
        request: Request, case_id: str, user: Annotated[WebUser, viewer], done: str = ""
    ) -> Response:
        case = await existing(case_id)
        posts = [post_view(entry) for entry in await work.evidence(case.id)]
        return pages.render(
            request,
            "case.html",
            user=user,
            case=case,
            posts=posts,
            notices=await work.notices(case.id),
            audit=await work.audit_trail(case.id),
            actions=available_actions(case, user.name),
            targets=[t.value for t in EscalationTarget],
            channel_url=channel_url(case.channel),
            channel=await work.channel(case),
            platform_notice=case.escalation_target is EscalationTarget.PLATFORM and bool(posts),
            done=done if done in DONE else None,
        )

    @router.post("/cases/{case_id}/claim")
    async def claim(case_id: str, user: Annotated[WebUser, actor]) -> Response:
        case = await existing(case_id)
        await work.claim(case.id, user.actor)
        return _done(case.id, "claimed")

    @router.post("/cases/{case_id}/escalate")
    async def escalate(
        case_id: str,
        user: Annotated[WebUser, actor],
        target: Annotated[str, Form(max_length=40)] = "",
        reason: Annotated[str, reason_field] = "",
        legal_ground: Annotated[str, Form(max_length=MAX_GROUND_CHARS)] = "",
    ) -> Response:
        case = await existing(case_id)
        try:
            chosen = EscalationTarget(target)
        except ValueError:
            raise Refused(
                422, "error_422", detail="choose the police, a regulator or the platform"
            ) from None
        await work.escalate(
            case.id,
            chosen,
            user.actor,
            reason=_reason(reason),
            legal_ground=legal_ground.strip() or None,
        )
        return _done(case.id, "escalated")

    @router.post("/cases/{case_id}/action")
    async def record_action(
        case_id: str,
        user: Annotated[WebUser, actor],
        reason: Annotated[str, reason_field] = "",
        legal_ground: Annotated[str, Form(max_length=MAX_GROUND_CHARS)] = "",
    ) -> Response:
        case = await existing(case_id)
        await work.action(
            case.id, user.actor, reason=_reason(reason), legal_ground=legal_ground.strip() or None
        )
        return _done(case.id, "actioned")

    @router.post("/cases/{case_id}/dismiss")
    async def dismiss(
        case_id: str, user: Annotated[WebUser, actor], reason: Annotated[str, reason_field] = ""
    ) -> Response:
        case = await existing(case_id)
        await work.dismiss(case.id, user.actor, reason=_reason(reason))
        return _done(case.id, "dismissed")

    @router.post("/cases/{case_id}/close")
    async def close(
        case_id: str, user: Annotated[WebUser, actor], reason: Annotated[str, reason_field] = ""
    ) -> Response:
        case = await existing(case_id)
        await work.close(case.id, user.actor, reason=reason.strip())
        return _done(case.id, "closed")

    @router.post("/cases/{case_id}/notices/{notice_id}/reporter")
    async def reporter(
        request: Request, case_id: str, notice_id: int, user: Annotated[WebUser, actor]
    ) -> Response:
        case = await existing(case_id)
        notifier = await work.reporter_identity(case.id, notice_id, user.actor)
        return pages.render(request, "reporter.html", user=user, case_id=case.id, notifier=notifier)

    @router.get("/cases/{case_id}/article16.txt")
    async def article16_text(case_id: str, user: Annotated[WebUser, viewer]) -> Response:
        case = await existing(case_id)
        notices = await _platform_notices(work, case, sender)
        return PlainTextResponse(notices.text(), headers=_attachment(f"{case.id}-article16.txt"))

    @router.get("/cases/{case_id}/article16.json")
    async def article16_json(case_id: str, user: Annotated[WebUser, viewer]) -> Response:
        case = await existing(case_id)
        notices = await _platform_notices(work, case, sender)
        return JSONResponse(notices.data(), headers=_attachment(f"{case.id}-article16.json"))

    return router


async def _platform_notices(
    work: CaseWork, case: Case, sender: NoticeSender | None
) -> NoticeFileLike:
    try:
        return await work.platform_notices(case.id, sender=sender)
    except ValueError as problem:  # not escalated to the platform, or no preserved post
        raise Refused(409, "error_409", detail=str(problem)) from None


def _attachment(name: str) -> dict[str, str]:
    """Headers that make the browser save the response as ``name`` (letters, digits, dots,
    dashes and underscores only)."""
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)
    return {"Content-Disposition": f'attachment; filename="{safe}"'}
