"""`/staff/...`: overview, team and invitations, approvals, moderation queue, domains and
redirects, the policy maker's dashboard, the content calendar."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from inspraak_gateway.pages.admin.service import widget_snippets
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
    "domains": N_("The domains are saved."),
    "redirect-added": N_("The redirect is added."),
    "redirect-removed": N_("The redirect is removed."),
    "link-revoked": N_("The subscription link no longer works."),
}
# The contributions service's queue states, each a view of the moderation page.
QUEUE_VIEWS = {
    "new": N_("New"),
    "reported": N_("Reported"),
    "hidden": N_("Hidden"),
}
MIN_REASON = 3  # as contributions asks of a moderation reason
QueueView = Annotated[str, Query(pattern=r"^(new|reported|hidden)$")]
ROUTING = {
    "routed": N_("Reaches the platform"),
    "other-tenant": N_("Reaches another municipality"),
    "not-routed": N_("Does not reach the platform"),
}
DNS = {
    "ok": N_("In place"),
    "missing": N_("Missing"),
    "wrong": N_("Wrong"),
    "unknown": N_("Unknown"),
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
    page: CurrentPage,
    api: Services,
    _: CurrentWebSession,
    project_id: Id,
    done: Done = None,
    state: QueueView = "new",
) -> HTMLResponse:
    project, queue = await service.moderation(api, project_id, state)
    return page.render(
        "staff/moderation.html",
        project=project,
        queue=queue,
        state=state,
        states=QUEUE_VIEWS,
        errors={},
        notice=NOTICES.get(done or ""),
    )


@router.post(
    "/projects/{project_id}/moderation/{item_type}/{item_id}/{action}", response_model=None
)
async def moderate(
    page: CurrentPage,
    api: Services,
    form: PostedForm,
    project_id: Id,
    item_type: Annotated[str, Path(pattern=r"^(input|comment)$")],
    item_id: Id,
    action: Annotated[str, Path(pattern=r"^(hide|unhide|review)$")],
) -> Response:
    path = f"/projects/{project_id}/moderation/{item_type}/{item_id}/{action}"
    reason = str(form.get("reason", "")).strip()
    state = str(form.get("state", ""))
    state = state if state in QUEUE_VIEWS else "new"
    if action != "review" and len(reason) < MIN_REASON:
        # Contributions logs every hide and show with its reason: ask for it at the field.
        project, queue = await service.moderation(api, project_id, state)
        return page.render(
            "staff/moderation.html",
            status_code=422,
            project=project,
            queue=queue,
            state=state,
            states=QUEUE_VIEWS,
            errors={item_id: page._("Give a reason of at least 3 characters.")},
        )
    await api.json(
        "POST", "contributions", path, json=None if action == "review" else {"reason": reason}
    )
    done = {"hide": "hidden", "unhide": "unhidden", "review": "reviewed"}[action]
    # Back to the view the moderator acted in (new, reported or hidden).
    view = f"&state={state}" if state != "new" else ""
    return RedirectResponse(
        f"/staff/projects/{quote(project_id)}/moderation?done={done}{view}", status_code=303
    )


async def _domain_manager(api: Services) -> service.StaffMember:
    member = await service.member(api)
    if not member.manages_domains:
        raise Forbidden("This screen is for the IT officer.")
    return member


async def _render_domains(
    page: CurrentPage,
    api: Services,
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    data = await service.domains(api, page.language)
    primary = data["domains"].get("primary")
    return page.render(
        "staff/domains.html",
        status_code=status_code,
        routing_named=ROUTING,
        dns_named=DNS,
        snippets=(
            widget_snippets(primary, {"view": "projects"}, page.branding.display_name)
            if primary
            else None
        ),
        errors=errors or {},
        values=values or {},
        notice=notice,
        **data,
    )


@router.get("/domains", response_class=HTMLResponse)
async def domains(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    await _domain_manager(api)
    return await _render_domains(page, api, notice=NOTICES.get(done or ""))


@router.post("/domains", response_model=None)
async def save_domains(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    await _domain_manager(api)
    values = {key: str(form.get(key, "")).strip() for key in ("primary", "aliases")}
    current = await api.get("widget", "/domains")
    body = {
        "primary": values["primary"],
        "aliases": [line.strip() for line in values["aliases"].splitlines() if line.strip()],
        # The embed origins are the configurator's business: keep them as they are.
        "embed_origins": current.get("embed_origins", []),
    }
    errors: dict[str, str] = {}
    if not values["primary"]:
        errors["primary"] = page._("Enter the primary domain.")
    else:
        try:
            await api.json("PUT", "widget", "/domains", json=body)
        except RejectedError as rejected:
            errors = _domain_errors(page, rejected)
        else:
            return RedirectResponse("/staff/domains?done=domains", status_code=303)
    return await _render_domains(page, api, status_code=422, errors=errors, values=values)


def _domain_errors(page: CurrentPage, rejected: RejectedError) -> dict[str, str]:
    fields = {k: v for k, v in rejected.field_errors().items() if k in ("primary", "aliases")}
    if fields:
        return fields
    # A whole-body error (a host twice, or another municipality's host): at the aliases.
    return {"aliases": rejected.detail or page._("This could not be done")}


@router.post("/redirects", response_model=None)
async def add_redirect(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    await _domain_manager(api)
    values = {key: str(form.get(key, "")).strip() for key in ("source_path", "target")}
    body = {**values, "permanent": form.get("permanent") == "1"}
    errors: dict[str, str] = {}
    if not values["source_path"]:
        errors["source_path"] = page._("Enter the path to redirect.")
    if not values["target"]:
        errors["target"] = page._("Enter where it leads.")
    if not errors:
        try:
            await api.json("POST", "widget", "/redirects", json=body)
        except RejectedError as rejected:
            errors = {
                k: v for k, v in rejected.field_errors().items() if k in ("source_path", "target")
            } or {"source_path": rejected.detail or page._("This could not be done")}
        else:
            return RedirectResponse("/staff/domains?done=redirect-added", status_code=303)
    return await _render_domains(page, api, status_code=422, errors=errors, values=values)


@router.post("/redirects/{redirect_id}/delete")
async def remove_redirect(api: Services, _: PostedForm, redirect_id: Id) -> RedirectResponse:
    await api.json("DELETE", "widget", f"/redirects/{redirect_id}")
    return RedirectResponse("/staff/domains?done=redirect-removed", status_code=303)


@router.get("/dashboard", response_class=HTMLResponse)
async def dashboard(page: CurrentPage, api: Services, _: CurrentWebSession) -> HTMLResponse:
    member = await service.member(api)
    if not member.reads_dashboard:
        raise Forbidden("This dashboard is for policy makers.")
    return page.render("staff/dashboard.html", **await service.dashboard(api))


async def _planner(api: Services) -> None:
    member = await service.member(api)
    if not member.plans_content:
        raise Forbidden("The content calendar is for the communications officer.")


async def _render_calendar(
    page: CurrentPage,
    api: Services,
    *,
    status_code: int = 200,
    new_link: str | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    data = await service.content_calendar(api, page.language)
    return page.render(
        "staff/calendar.html",
        status_code=status_code,
        new_link=new_link,
        notice=notice,
        site=str(page.request.base_url).rstrip("/"),
        **data,
    )


@router.get("/calendar", response_class=HTMLResponse)
async def calendar(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    await _planner(api)
    return await _render_calendar(page, api, notice=NOTICES.get(done or ""))


@router.post("/calendar/feeds", response_class=HTMLResponse)
async def create_feed(page: CurrentPage, api: Services, _: PostedForm) -> HTMLResponse:
    await _planner(api)
    created = await api.json(
        "POST", "projects", "/calendar/feeds", json={"language": page.language}
    )
    # The secret is shown once, so this answer shows it rather than redirecting.
    link = f"{str(page.request.base_url).rstrip('/')}/api/v1/projects{created['path']}"
    return await _render_calendar(page, api, status_code=201, new_link=link)


@router.post("/calendar/feeds/{feed_id}/delete")
async def delete_feed(api: Services, _: PostedForm, feed_id: Id) -> RedirectResponse:
    await api.json("DELETE", "projects", f"/calendar/feeds/{feed_id}")
    return RedirectResponse("/staff/calendar?done=link-revoked", status_code=303)
