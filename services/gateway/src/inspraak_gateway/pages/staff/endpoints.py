"""`/staff/...`: overview, team and invitations, approvals, moderation queue."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from inspraak_gateway.pages.residents.auth import PostedForm
from inspraak_gateway.pages.staff import service
from inspraak_gateway.sessions.auth import CurrentWebSession
from inspraak_gateway.web.api import RejectedError, Services
from inspraak_gateway.web.context import CurrentPage
from inspraak_gateway.web.i18n import N_
from inspraak_shared.problems import Forbidden

router = APIRouter(prefix="/staff", tags=["web: staff"], include_in_schema=False)
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Done = Annotated[str | None, Query(max_length=40)]
INVITABLE_ROLES = (
    "policy_maker",
    "department_head",
    "project_moderator",
    "communications",
    "it_admin",
    "superadmin",
)
NOTICES = {
    "invited": N_("The invitation has been sent."),
    "revoked": N_("The invitation has been withdrawn."),
    "approved": N_("The project is approved and published."),
    "sent-back": N_("The project has been sent back to its moderators."),
    "hidden": N_("The item is hidden."),
    "unhidden": N_("The item is shown again."),
    "reviewed": N_("The item is marked as seen."),
}


async def _staff(api: Services) -> service.StaffMember:
    member = await service.member(api)
    if not member.is_staff:
        raise Forbidden("These screens are for the municipality's staff.")
    return member


@router.get("", response_class=HTMLResponse)
async def overview(page: CurrentPage, api: Services, _: CurrentWebSession) -> HTMLResponse:
    member = await _staff(api)
    data = await service.overview(api, member)
    return page.render("staff/overview.html", member=member, **data)


@router.get("/team", response_class=HTMLResponse)
async def team(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    overview, departments = await service.team(api)
    return page.render(
        "staff/team.html",
        team=overview,
        departments=departments,
        roles=INVITABLE_ROLES,
        errors={},
        values={},
        notice=NOTICES.get(done or ""),
    )


@router.post("/team/invitations", response_model=None)
async def invite(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    values = {
        key: str(form.get(key, "")).strip() for key in ("email", "role", "scope_id", "message")
    }
    body: dict[str, object] = {
        "email": values["email"],
        "role": values["role"],
        "external": form.get("external") == "1",
        "language": page.language,
    }
    if values["scope_id"]:
        body["scopeId"] = values["scope_id"]
    if values["message"]:
        body["message"] = values["message"]
    errors: dict[str, str] = {}
    if "@" not in values["email"]:
        errors["email"] = page._("Enter an e-mail address.")
    if values["role"] not in INVITABLE_ROLES:
        errors["role"] = page._("Choose a role.")
    if not errors:
        try:
            await api.json("POST", "identity", "/invitations", json=body)
        except RejectedError as rejected:
            fields = {"scopeId": "scope_id"}
            errors = {fields.get(k, k): v for k, v in rejected.field_errors().items()} or {
                "email": rejected.detail or page._("This could not be done")
            }
        else:
            return RedirectResponse("/staff/team?done=invited", status_code=303)
    overview, departments = await service.team(api)
    return page.render(
        "staff/team.html",
        status_code=422,
        team=overview,
        departments=departments,
        roles=INVITABLE_ROLES,
        errors=errors,
        values=values,
    )


@router.post("/team/invitations/{invitation_id}/revoke")
async def revoke(api: Services, _: PostedForm, invitation_id: Id) -> RedirectResponse:
    await api.json("POST", "identity", f"/invitations/{invitation_id}/revoke")
    return RedirectResponse("/staff/team?done=revoked", status_code=303)


@router.get("/approvals", response_class=HTMLResponse)
async def approvals(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    await _staff(api)
    projects = await service.awaiting_approval(api)
    return page.render("staff/approvals.html", projects=projects, notice=NOTICES.get(done or ""))


@router.post("/projects/{project_id}/approval")
async def decide(api: Services, form: PostedForm, project_id: Id) -> RedirectResponse:
    if form.get("decision") == "approve":
        await api.json("POST", "projects", f"/projects/{project_id}/approve")
        return RedirectResponse("/staff/approvals?done=approved", status_code=303)
    comment = str(form.get("comment", "")).strip() or "-"
    await api.json(
        "POST", "projects", f"/projects/{project_id}/send-back", json={"comment": comment}
    )
    return RedirectResponse("/staff/approvals?done=sent-back", status_code=303)


@router.get("/projects/{project_id}/moderation", response_class=HTMLResponse)
async def moderation(
    page: CurrentPage, api: Services, _: CurrentWebSession, project_id: Id, done: Done = None
) -> HTMLResponse:
    project, queue = await service.moderation(api, project_id)
    return page.render(
        "staff/moderation.html", project=project, queue=queue, notice=NOTICES.get(done or "")
    )


@router.post("/projects/{project_id}/moderation/{item_type}/{item_id}/{action}")
async def moderate(
    api: Services,
    form: PostedForm,
    project_id: Id,
    item_type: Annotated[str, Path(pattern=r"^(input|comment)$")],
    item_id: Id,
    action: Annotated[str, Path(pattern=r"^(hide|unhide|review)$")],
) -> RedirectResponse:
    path = f"/projects/{project_id}/moderation/{item_type}/{item_id}/{action}"
    reason = str(form.get("reason", "")).strip() or "-"
    await api.json(
        "POST", "contributions", path, json=None if action == "review" else {"reason": reason}
    )
    done = {"hide": "hidden", "unhide": "unhidden", "review": "reviewed"}[action]
    return RedirectResponse(
        f"/staff/projects/{quote(project_id)}/moderation?done={done}", status_code=303
    )
