"""`/staff/...` for the superadmin: bulk invitations, departments, settings and terms,
support access, mail outbox; `/staff/widget` also for communications and the IT officer."""

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from inspraak_gateway.dependencies import ResolvedHost
from inspraak_gateway.pages.admin import bulk, service
from inspraak_gateway.pages.residents.auth import PostedForm
from inspraak_gateway.pages.staff import service as staff
from inspraak_gateway.pages.staff.endpoints import INVITABLE_ROLES, NOTICES
from inspraak_gateway.sessions.auth import CurrentWebSession
from inspraak_gateway.web.api import RejectedError, Services
from inspraak_gateway.web.context import CurrentPage
from inspraak_gateway.web.i18n import LANGUAGES, N_
from inspraak_shared.problems import Forbidden

router = APIRouter(prefix="/staff", tags=["web: administration"], include_in_schema=False)
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Done = Annotated[str | None, Query(max_length=40)]
MAX_CSV_BYTES = 500_000
NOTICES.update(
    {
        "department-added": N_("The department is added."),
        "department-renamed": N_("The department is renamed."),
        "terms": N_("The new version of the terms of use is published."),
        "support-granted": N_("Support may now help in this municipality until the time set."),
        "support-revoked": N_("Support access has ended."),
    }
)


async def _superadmin(api: Services) -> staff.StaffMember:
    member = await staff.member(api)
    if not member.is_superadmin:
        raise Forbidden("This screen is for the superadmin.")
    return member


# --- bulk invitations --------------------------------------------------------------------


@router.post("/team/invitations/bulk", response_class=HTMLResponse)
async def bulk_invite(page: CurrentPage, api: Services, form: PostedForm) -> HTMLResponse:
    text = str(form.get("rows", "") or "")
    upload = form.get("file")
    errors: dict[str, str] = {}
    if upload is not None and not isinstance(upload, str) and upload.filename:
        raw = await upload.read(MAX_CSV_BYTES + 1)
        if len(raw) > MAX_CSV_BYTES:
            errors["rows"] = page._("The file is larger than 500 kB.")
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                errors["rows"] = page._("Save the file as CSV in UTF-8 and try again.")
    parsed = bulk.parse(text, INVITABLE_ROLES) if not errors else bulk.BulkInput()
    if not errors and not parsed.rows:
        errors["rows"] = page._("Enter one invitation per line: e-mail address, role.")
    elif len(parsed.rows) > bulk.MAX_ROWS:
        errors["rows"] = page._("At most 500 invitations at once.")
    if not errors and parsed.sendable:
        try:
            report = await api.json(
                "POST",
                "identity",
                "/invitations/bulk",
                csv=bulk.as_csv(parsed.sendable, page.language),
            )
        except RejectedError as rejected:
            errors["rows"] = rejected.detail or page._("This could not be done")
        else:
            for result in report.get("rows", []):
                row = parsed.sendable[int(result["row"]) - 2]
                if result.get("status") == "created":
                    row.invitation_id = result.get("invitationId")
                else:
                    row.service_error = result.get("error") or page._("This could not be done")
                    row.problem_type = result.get("problemType")
    overview, departments = await staff.team(api)
    return page.render(
        "staff/team.html",
        status_code=422 if errors else 200,
        team=overview,
        departments=departments,
        roles=INVITABLE_ROLES,
        errors={},
        values={},
        bulk_errors=errors,
        bulk_text=text if errors or any(not r.ok for r in parsed.rows) else "",
        bulk_rows=parsed.rows if not errors else [],
    )


# --- departments -------------------------------------------------------------------------


async def _render_departments(
    page: CurrentPage,
    api: Services,
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    return page.render(
        "admin/departments.html",
        status_code=status_code,
        departments=await service.departments(api),
        languages=page.branding.languages,
        errors=errors or {},
        values=values or {},
        notice=notice,
    )


@router.get("/departments", response_class=HTMLResponse)
async def departments(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    await _superadmin(api)
    return await _render_departments(page, api, notice=NOTICES.get(done or ""))


def _names(form: PostedForm, languages: tuple[str, ...]) -> dict[str, str]:
    return {lang: str(form.get(f"name_{lang}", "")).strip() for lang in languages}


@router.post("/departments", response_model=None)
async def add_department(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    await _superadmin(api)
    languages = page.branding.languages
    names = _names(form, languages)
    slug = str(form.get("slug", "")).strip().lower()
    values = {"slug": slug, **{f"name_{k}": v for k, v in names.items()}}
    errors: dict[str, str] = {}
    if not slug:
        errors["slug"] = page._("Enter a short name for the web address.")
    if not any(names.values()):
        errors[f"name_{languages[0]}"] = page._("Enter the department's name.")
    if not errors:
        body = {"slug": slug, "name": {k: v for k, v in names.items() if v}}
        try:
            await api.json("POST", "projects", "/departments", json=body)
        except RejectedError as rejected:
            errors = {"slug": rejected.detail or page._("This could not be done")}
        else:
            return RedirectResponse("/staff/departments?done=department-added", status_code=303)
    return await _render_departments(page, api, status_code=422, errors=errors, values=values)


@router.post("/departments/{department_id}", response_model=None)
async def rename_department(
    page: CurrentPage, api: Services, form: PostedForm, department_id: Id
) -> Response:
    await _superadmin(api)
    names = {k: v for k, v in _names(form, page.branding.languages).items() if v}
    if not names:
        errors = {_rename_field(page, department_id): page._("Enter the department's name.")}
        return await _render_departments(page, api, status_code=422, errors=errors)
    try:
        await api.json("PATCH", "projects", f"/departments/{department_id}", json={"name": names})
    except RejectedError as rejected:
        message = rejected.detail or page._("This could not be done")
        errors = {_rename_field(page, department_id): message}
        return await _render_departments(page, api, status_code=422, errors=errors)
    return RedirectResponse("/staff/departments?done=department-renamed", status_code=303)


def _rename_field(page: CurrentPage, department_id: str) -> str:
    return f"rename-{department_id}-{page.branding.languages[0]}"


# --- settings and terms ------------------------------------------------------------------


async def _render_settings(
    page: CurrentPage,
    api: Services,
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    data = await service.tenant_settings(api)
    terms = data["terms"]
    current = {f"terms_{k}": v for k, v in (terms or {}).get("text", {}).items()}
    return page.render(
        "admin/settings.html",
        status_code=status_code,
        errors=errors or {},
        values=values if values is not None else current,
        notice=notice,
        **data,
    )


@router.get("/settings", response_class=HTMLResponse)
async def settings(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    await _superadmin(api)
    return await _render_settings(page, api, notice=NOTICES.get(done or ""))


@router.post("/settings/terms", response_model=None)
async def publish_terms(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    await _superadmin(api)
    values = {f"terms_{lang}": str(form.get(f"terms_{lang}", "")).strip() for lang in LANGUAGES}
    errors = {
        f"terms_{lang}": page._("Enter the terms in this language.")
        for lang in page.branding.languages
        if not values[f"terms_{lang}"]
    }
    if not errors:
        text = {lang: values[f"terms_{lang}"] for lang in page.branding.languages}
        try:
            await api.json("PUT", "identity", "/terms", json={"text": text})
        except RejectedError as rejected:
            first = f"terms_{page.branding.languages[0]}"
            errors = {first: rejected.detail or page._("This could not be done")}
        else:
            return RedirectResponse("/staff/settings?done=terms", status_code=303)
    return await _render_settings(page, api, status_code=422, errors=errors, values=values)


# --- support access ----------------------------------------------------------------------


async def _render_support(
    page: CurrentPage,
    api: Services,
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    return page.render(
        "admin/support.html",
        status_code=status_code,
        errors=errors or {},
        values=values or {},
        notice=notice,
        **await service.support(api),
    )


@router.get("/support", response_class=HTMLResponse)
async def support(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    await _superadmin(api)
    return await _render_support(page, api, notice=NOTICES.get(done or ""))


@router.post("/support", response_model=None)
async def grant_support(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    await _superadmin(api)
    values = {key: str(form.get(key, "")).strip() for key in ("hours", "reason")}
    errors: dict[str, str] = {}
    if not values["hours"].isdigit() or not 1 <= int(values["hours"]) <= 720:
        errors["hours"] = page._("Enter a number of hours from 1 to 720.")
    if len(values["reason"]) < 3:
        errors["reason"] = page._("Say what support should help with.")
    if not errors:
        body = {"hours": int(values["hours"]), "reason": values["reason"]}
        try:
            await api.json("POST", "identity", "/support-access", json=body)
        except RejectedError as rejected:
            errors = {"hours": rejected.detail or page._("This could not be done")}
        else:
            return RedirectResponse("/staff/support?done=support-granted", status_code=303)
    return await _render_support(page, api, status_code=422, errors=errors, values=values)


@router.post("/support/{grant_id}/revoke")
async def revoke_support(api: Services, _: PostedForm, grant_id: Id) -> RedirectResponse:
    await api.json("DELETE", "identity", f"/support-access/{grant_id}")
    return RedirectResponse("/staff/support?done=support-revoked", status_code=303)


# --- mail outbox -------------------------------------------------------------------------

MAIL_STATUS_NAMES = {
    "queued": N_("Waiting to be sent"),
    "sending": N_("Being sent"),
    "retry": N_("Will be tried again"),
    "sent": N_("Sent"),
    "failed": N_("Failed"),
    "bounced": N_("Refused by the receiver"),
    "suppressed": N_("Not sent: the address refused mail before"),
    "cancelled": N_("Not sent: unsubscribed, erased or no address"),
}


@router.get("/outbox", response_class=HTMLResponse)
async def outbox(
    page: CurrentPage,
    api: Services,
    _: CurrentWebSession,
    status: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    await _superadmin(api)
    chosen = status if status in service.MAIL_STATUSES else None
    return page.render(
        "admin/outbox.html",
        statuses=MAIL_STATUS_NAMES,
        chosen=chosen,
        **await service.outbox(api, chosen),
    )


# --- widget configurator -----------------------------------------------------------------


@router.get("/widget", response_class=HTMLResponse)
async def widget(
    page: CurrentPage,
    api: Services,
    _: CurrentWebSession,
    view: Annotated[str, Query(max_length=20)] = "projects",
    lang: Annotated[str, Query(max_length=2)] = "",
    color: Annotated[str, Query(max_length=7)] = "",
    limit: Annotated[str, Query(max_length=2)] = "",
    sort: Annotated[str, Query(max_length=20)] = "",
    project: Annotated[str, Query(max_length=120)] = "",
    department: Annotated[str, Query(max_length=120)] = "",
    *,
    host: ResolvedHost,
) -> HTMLResponse:
    member = await staff.member(api)
    if not (member.plans_content or member.manages_domains):
        raise Forbidden("The widget configurator is for communications and the IT officer.")
    query = {"view": view, "lang": lang, "color": color, "limit": limit, "sort": sort,
             "project": project, "department": department}  # fmt: skip
    chosen = service.widget_options(query, page.branding.languages)
    snippets = service.widget_snippets(host.primary, chosen, page.branding.display_name)
    return page.render(
        "admin/widget.html",
        chosen=chosen,
        values=query,
        snippets=snippets,
        views=service.WIDGET_VIEWS,
        sorts=service.WIDGET_SORTS,
        **await service.widget_choices(api),
    )
