"""`/staff/guide` (the person's own), `/staff/guides/{role}` (any role's, from the team
overview) and `/staff/terms` (external moderators accept before they start)."""

import contextlib
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse

from inspraak_gateway.dependencies import GatewayParts
from inspraak_gateway.pages.onboarding import service
from inspraak_gateway.pages.onboarding.guide import GUIDE_ROLES, TIPS
from inspraak_gateway.pages.residents.auth import PostedForm
from inspraak_gateway.pages.staff import service as staff
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.sessions.auth import CurrentWebSession
from inspraak_gateway.sessions.service import safe_return_to
from inspraak_gateway.web.api import RejectedError, Services
from inspraak_gateway.web.context import CurrentPage
from inspraak_shared.db import DbSession
from inspraak_shared.problems import Forbidden, NotFound

router = APIRouter(prefix="/staff", tags=["web: onboarding"], include_in_schema=False)
Flag = Annotated[str | None, Query(max_length=1)]
Next = Annotated[str | None, Query(max_length=2000)]


@router.get("/guide", response_class=HTMLResponse)
async def my_guide(
    page: CurrentPage, api: Services, _: CurrentWebSession, welcome: Flag = None
) -> HTMLResponse:
    data = await service.my_guide(api)
    if not data["sections"]:
        raise Forbidden("The onboarding guide is for the municipality's staff.")
    return page.render("onboarding/guide.html", own=True, welcome=bool(welcome), tips=TIPS, **data)


@router.get("/guides/{role_key}", response_class=HTMLResponse)
async def role_guide(
    page: CurrentPage,
    api: Services,
    _: CurrentWebSession,
    role_key: Annotated[str, Path(max_length=40)],
) -> HTMLResponse:
    member = await staff.member(api)
    if not member.is_staff:
        raise Forbidden("The onboarding guides are for the municipality's staff.")
    if role_key not in GUIDE_ROLES:
        raise NotFound("There is no such role.")
    data = await service.guide(api, [role_key])
    return page.render("onboarding/guide.html", own=False, welcome=False, tips=TIPS, **data)


@router.post("/guide/items/{item_key}")
async def tick(
    api: Services, form: PostedForm, item_key: Annotated[str, Path(pattern=r"^[a-z-]{1,40}$")]
) -> RedirectResponse:
    done = form.get("done") == "1"
    await api.json("PUT", "identity", f"/me/onboarding/{item_key}", json={"done": done})
    return RedirectResponse("/staff/guide#checklist", status_code=303)


@router.get("/terms", response_class=HTMLResponse)
async def terms(
    page: CurrentPage,
    api: Services,
    _: CurrentWebSession,
    welcome: Flag = None,
    next: Next = None,
) -> HTMLResponse:
    me, current = await api.get("identity", "/me"), await service.current_terms(api)
    return page.render(
        "onboarding/terms.html",
        terms=current,
        waiting=service.waits_for_terms(me),
        welcome=bool(welcome),
        next=safe_return_to(next),
        errors={},
    )


@router.post("/terms", response_model=None)
async def accept_terms(
    page: CurrentPage,
    api: Services,
    form: PostedForm,
    db: DbSession,
    gateway: GatewayParts,
    web_session: CurrentWebSession,
) -> HTMLResponse | RedirectResponse:
    version = str(form.get("version", ""))
    errors: dict[str, str] = {}
    if form.get("agree") != "1":
        errors["agree"] = page._("Tick the box to accept the terms of use.")
    elif not version.isdigit():
        errors["agree"] = page._("The terms changed in the meantime. Read them again.")
    else:
        try:
            await api.json(
                "POST", "identity", "/me/terms/acceptance", json={"version": int(version)}
            )
        except RejectedError:
            errors["agree"] = page._("The terms changed in the meantime. Read them again.")
        else:
            # The checklist item is the external moderator's; ticking it is best effort.
            with contextlib.suppress(NotFound, RejectedError):
                await api.json(
                    "PUT", "identity", "/me/onboarding/accept-terms", json={"done": True}
                )
            # The moderator role is active now; the session's token must say so before the
            # person opens the project editor (the services read roles from the token).
            await sessions.renew(db, gateway.oidc, web_session)
            return RedirectResponse("/staff/guide?welcome=1", status_code=303)
    me, current = await api.get("identity", "/me"), await service.current_terms(api)
    return page.render(
        "onboarding/terms.html",
        status_code=422,
        terms=current,
        waiting=service.waits_for_terms(me),
        welcome=False,
        next="/staff/guide",
        errors=errors,
    )
