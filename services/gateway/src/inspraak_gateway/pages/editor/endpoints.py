"""`/staff/projects/...`: the project editor (page, phases, area, submission), the
moderator's inputs with statuses and official responses, and results with exports."""

import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from inspraak_gateway.pages.editor import service
from inspraak_gateway.pages.editor.charts import Chart, bar_chart
from inspraak_gateway.pages.editor.schemas import (
    INPUT_STATUS_VALUES,
    PHASE_KINDS,
    VOTING_METHODS,
    CreateForm,
    PageForm,
    PhaseForm,
    UpdateForm,
)
from inspraak_gateway.pages.residents.auth import PostedForm
from inspraak_gateway.pages.residents.endpoints import render_input
from inspraak_gateway.pages.staff.service import member
from inspraak_gateway.sessions.auth import CurrentWebSession
from inspraak_gateway.web.api import RejectedError, Services, check
from inspraak_gateway.web.context import CurrentPage, Page
from inspraak_gateway.web.i18n import N_, localised
from inspraak_gateway.web.labels import INPUT_STATUSES
from inspraak_gateway.web.labels import PHASE_KINDS as PHASE_KIND_NAMES
from inspraak_shared.problems import Forbidden

router = APIRouter(prefix="/staff/projects", tags=["web: project editor"], include_in_schema=False)
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Done = Annotated[str | None, Query(max_length=40)]
NOTICES = {
    "created": N_("The draft project is created. Fill in its page and phases."),
    "saved": N_("The project page is saved."),
    "phase-added": N_("The phase is added."),
    "phase-saved": N_("The phase is saved."),
    "phase-removed": N_("The phase is removed."),
    "submitted": N_("The project is sent for approval."),
    "published": N_("The project is published."),
    "responded": N_("The status and response are saved."),
    "update-posted": N_("The update is posted and sent to the project's followers."),
}
EXPORT_FORMATS = ("csv", "xlsx")
# Projects per page of the list (the projects service gives at most 100 at a time).
LIST_PAGE_SIZE = 50
FIRST_PAGE = "-"  # the first page's place in the way back: it has no cursor


VOTING_METHOD_NAMES = {
    "support": N_("Support: one vote per item"),
    "multiple": N_("A number of votes per person"),
    "budget": N_("Participatory budget: a basket within the budget"),
}


def _options(page: Page) -> dict[str, list[tuple[str, str]]]:
    """The phase form's choices, named in the page's language."""
    return {
        "kind_options": [(k, page._(PHASE_KIND_NAMES[k])) for k in PHASE_KINDS],
        "method_options": [(m, page._(VOTING_METHOD_NAMES[m])) for m in VOTING_METHODS],
    }


def _see(path: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?done={quote(done)}", status_code=303)


def _problem(page: Page, rejected: RejectedError) -> str:
    """A service's refusal that names no field of the form, as the service explains it."""
    return rejected.detail or page._("This could not be done")


# --- the list and a new draft --------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    """Where the list is: the service's cursor of this page, the cursors of the pages before
    it (the service pages forward only, so the way back travels in the links) and the size."""

    cursor: str | None = None
    back: tuple[str, ...] = ()
    per_page: int = LIST_PAGE_SIZE

    def link(self, cursor: str | None, back: tuple[str, ...]) -> str:
        query: list[tuple[str, str | int]] = [("cursor", cursor)] if cursor else []
        query += [("back", b) for b in back]
        if self.per_page != LIST_PAGE_SIZE:
            query.append(("per_page", self.per_page))
        return f"/staff/projects?{urlencode(query)}" if query else "/staff/projects"

    def previous(self) -> str | None:
        if not self.back:
            return None
        before = self.back[-1]
        return self.link(None if before == FIRST_PAGE else before, self.back[:-1])

    def next(self, next_cursor: str | None) -> str | None:
        if not next_cursor:
            return None
        return self.link(next_cursor, (*self.back, self.cursor or FIRST_PAGE))


async def _render_list(
    page: Page, api: Services, *, created: CreateForm | None = None, status_code: int = 200,
    notice: str | None = None, paging: Paging | None = None,
) -> HTMLResponse:  # fmt: skip
    staff = await member(api)
    paging = paging or Paging()
    listed, departments = (
        await service.projects_of(api, staff, cursor=paging.cursor, limit=paging.per_page),
        await service.departments_for_new_projects(api, staff),
    )
    if not listed.projects and not departments and not (paging.back or listed.next_cursor):
        raise Forbidden("This screen is for project moderators.")
    form = created or CreateForm()
    form.errors = page.translated(form.errors)
    return page.render(
        "editor/projects.html",
        status_code=status_code,
        projects=[{**p, "rights": service.rights(staff, p)} for p in listed.projects],
        previous_page=paging.previous(),
        next_page=paging.next(listed.next_cursor),
        departments=departments,
        created=form,
        notice=notice,
    )


@router.get("", response_class=HTMLResponse)
async def projects(
    page: CurrentPage,
    api: Services,
    _: CurrentWebSession,
    done: Done = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    back: Annotated[list[str] | None, Query()] = None,
    per_page: Annotated[int, Query(ge=1, le=100)] = LIST_PAGE_SIZE,
) -> HTMLResponse:
    earlier = tuple(b[:200] for b in (back or [])[-50:])  # a bounded way back
    paging = Paging(cursor or None, earlier, per_page)
    return await _render_list(page, api, notice=NOTICES.get(done or ""), paging=paging)


@router.post("", response_model=None)
async def create(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    staff = await member(api)
    departments = await service.departments_for_new_projects(api, staff)
    created = CreateForm.parse(form, [str(d["id"]) for d in departments])
    if not created.errors:
        body = {"department_id": created.department_id, "title": {page.language: created.title}}
        try:
            project = await api.json("POST", "projects", "/projects", json=body)
        except RejectedError as rejected:
            created.errors["title"] = _problem(page, rejected)
        else:
            if service.rights(staff, project).edits:
                return _see(f"/staff/projects/{project['id']}/edit", "created")
            return _see("/staff/projects", "created")
    return await _render_list(page, api, created=created, status_code=422)


# --- the page, its area and submission -----------------------------------------------------


async def _render_editor(
    page: Page,
    api: Services,
    project_id: str,
    *,
    form: PageForm | None = None,
    new_phase: PhaseForm | None = None,
    problem: str | None = None,
    status_code: int = 200,
    notice: str | None = None,
) -> HTMLResponse:
    _, project, _ = await service.project_for(api, project_id, edit=True)
    languages = page.branding.languages
    page_form = form or PageForm.of(project, languages)
    page_form.errors = page.translated(page_form.errors)
    phase_form = new_phase or PhaseForm({})
    phase_form.errors = page.translated(phase_form.errors)
    return page.render(
        "editor/edit.html",
        status_code=status_code,
        project=project,
        languages=languages,
        form=page_form,
        new_phase=phase_form,
        **_options(page),
        problem=problem,
        notice=notice,
    )


@router.get("/{project_id}/edit", response_class=HTMLResponse)
async def edit(
    page: CurrentPage, api: Services, _: CurrentWebSession, project_id: Id, done: Done = None
) -> HTMLResponse:
    return await _render_editor(page, api, project_id, notice=NOTICES.get(done or ""))


@router.post("/{project_id}/edit", response_model=None)
async def save_page(page: CurrentPage, api: Services, form: PostedForm, project_id: Id) -> Response:
    await service.project_for(api, project_id, edit=True)
    languages = page.branding.languages
    edited = PageForm.parse(form, languages)
    if not edited.errors:
        try:
            await api.json(
                "PATCH", "projects", f"/projects/{project_id}", json=edited.payload(languages)
            )
        except RejectedError as rejected:
            fields = rejected.field_errors()
            if "area_geometry" in fields or rejected.body.get("errors"):
                # The service names the field; the area is the one it checks deeply.
                edited.errors["area"] = fields.get("area_geometry") or _problem(page, rejected)
            else:
                return await _render_editor(
                    page, api, project_id, form=edited, status_code=rejected.status,
                    problem=_problem(page, rejected),
                )  # fmt: skip
        else:
            return _see(f"/staff/projects/{project_id}/edit", "saved")
    return await _render_editor(page, api, project_id, form=edited, status_code=422)


@router.post("/{project_id}/submission", response_model=None)
async def submit(page: CurrentPage, api: Services, form: PostedForm, project_id: Id) -> Response:
    await service.project_for(api, project_id, edit=True)
    publish = form.get("action") == "publish"
    try:
        await api.json(
            "POST", "projects", f"/projects/{project_id}/{'publish' if publish else 'submit'}"
        )
    except RejectedError as rejected:
        return await _render_editor(
            page, api, project_id, status_code=rejected.status, problem=_problem(page, rejected)
        )
    return _see(f"/staff/projects/{project_id}/edit", "published" if publish else "submitted")


# --- phases ---------------------------------------------------------------------------------


def _phase_errors(page: Page, phase: PhaseForm, rejected: RejectedError) -> None:
    """A refusal of the dates goes to the dates, of the settings to the items, else to kind."""
    slug = re.split(r"[/:]", str(rejected.body.get("type", "")))[-1]
    message = _problem(page, rejected)
    if slug in ("phase-dates", "phases-overlap", "phase-started"):
        phase.errors["starts_at"] = message
    elif slug == "phase-ended":
        phase.errors["ends_at"] = message
    else:
        phase.errors[f"items-{page.branding.languages[0]}"] = message


@router.post("/{project_id}/phases", response_model=None)
async def add_phase(page: CurrentPage, api: Services, form: PostedForm, project_id: Id) -> Response:
    await service.project_for(api, project_id, edit=True)
    languages = page.branding.languages
    phase = PhaseForm.parse(form, languages)
    body = phase.create_payload(languages) if not phase.errors else {}
    if not phase.errors:
        try:
            await api.json("POST", "projects", f"/projects/{project_id}/phases", json=body)
        except RejectedError as rejected:
            _phase_errors(page, phase, rejected)
        else:
            return _see(f"/staff/projects/{project_id}/edit", "phase-added")
    return await _render_editor(page, api, project_id, new_phase=phase, status_code=422)


async def _render_phase(
    page: Page, api: Services, project_id: str, phase_id: str, *,
    form: PhaseForm | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    _, project, _ = await service.project_for(api, project_id, edit=True)
    phase = service.phase_of(project, phase_id)
    languages = page.branding.languages
    phase_form = form or PhaseForm.of(phase, languages)
    phase_form.errors = page.translated(phase_form.errors)
    return page.render(
        "editor/phase.html",
        status_code=status_code,
        project=project,
        phase=phase,
        languages=languages,
        form=phase_form,
        **_options(page),
    )


@router.get("/{project_id}/phases/{phase_id}", response_class=HTMLResponse)
async def phase(
    page: CurrentPage, api: Services, _: CurrentWebSession, project_id: Id, phase_id: Id
) -> HTMLResponse:
    return await _render_phase(page, api, project_id, phase_id)


@router.post("/{project_id}/phases/{phase_id}", response_model=None)
async def save_phase(
    page: CurrentPage, api: Services, form: PostedForm, project_id: Id, phase_id: Id
) -> Response:
    _, project, _ = await service.project_for(api, project_id, edit=True)
    existing = service.phase_of(project, phase_id)
    languages = page.branding.languages
    edited = PhaseForm.parse(form, languages)
    body = edited.update_payload(languages, existing) if not edited.errors else {}
    if not edited.errors:
        try:
            await api.json(
                "PATCH", "projects", f"/projects/{project_id}/phases/{phase_id}", json=body
            )
        except RejectedError as rejected:
            _phase_errors(page, edited, rejected)
        else:
            return _see(f"/staff/projects/{project_id}/edit", "phase-saved")
    return await _render_phase(page, api, project_id, phase_id, form=edited, status_code=422)


@router.post("/{project_id}/phases/{phase_id}/delete", response_model=None)
async def remove_phase(
    page: CurrentPage, api: Services, _: PostedForm, project_id: Id, phase_id: Id
) -> Response:
    await service.project_for(api, project_id, edit=True)
    try:
        await api.json("DELETE", "projects", f"/projects/{project_id}/phases/{phase_id}")
    except RejectedError as rejected:
        return await _render_editor(
            page, api, project_id, status_code=rejected.status, problem=_problem(page, rejected)
        )
    return _see(f"/staff/projects/{project_id}/edit", "phase-removed")


# --- updates to the project's followers ----------------------------------------------------


async def _render_updates(
    page: Page, api: Services, project_id: str, *, form: UpdateForm | None = None,
    problem: str | None = None, status_code: int = 200, notice: str | None = None,
) -> HTMLResponse:  # fmt: skip
    _, project, _ = await service.project_for(api, project_id, edit=True)
    update_form = form or UpdateForm()
    update_form.errors = page.translated(update_form.errors)
    return page.render(
        "editor/updates.html",
        status_code=status_code,
        project=project,
        updates=await service.updates(api, project_id),
        languages=page.branding.languages,
        form=update_form,
        problem=problem,
        notice=notice,
    )


def _update_errors(rejected: RejectedError, languages: list[str]) -> dict[str, str]:
    """The service's payload errors at their field: `["body", "title", "fr"]` is `title-fr`."""
    errors: dict[str, str] = {}
    for error in rejected.body.get("errors", []) or []:
        location = [str(part) for part in error.get("loc") or []]
        name = next((part for part in location if part in ("title", "body")), None)
        if name:
            lang = next((part for part in location if part in languages), languages[0])
            errors.setdefault(f"{name}-{lang}", str(error.get("msg", "")))
    return errors


@router.get("/{project_id}/updates", response_class=HTMLResponse)
async def updates(
    page: CurrentPage, api: Services, _: CurrentWebSession, project_id: Id, done: Done = None
) -> HTMLResponse:
    return await _render_updates(page, api, project_id, notice=NOTICES.get(done or ""))


@router.post("/{project_id}/updates", response_model=None)
async def post_update(
    page: CurrentPage, api: Services, form: PostedForm, project_id: Id
) -> Response:
    await service.project_for(api, project_id, edit=True)
    languages = page.branding.languages
    update = UpdateForm.parse(form, languages)
    if update.errors:
        return await _render_updates(page, api, project_id, form=update, status_code=422)
    try:
        await api.json(
            "POST", "projects", f"/projects/{project_id}/updates", json=update.payload(languages)
        )
    except RejectedError as rejected:
        fields = _update_errors(rejected, languages)
        if fields:
            update.errors.update(fields)
            return await _render_updates(page, api, project_id, form=update, status_code=422)
        return await _render_updates(
            page, api, project_id, form=update, status_code=rejected.status,
            problem=_problem(page, rejected),
        )  # fmt: skip
    return _see(f"/staff/projects/{project_id}/updates", "update-posted")


# --- inputs: statuses and official responses -----------------------------------------------


@router.get("/{project_id}/inputs", response_class=HTMLResponse)
async def inputs(
    page: CurrentPage,
    api: Services,
    _: CurrentWebSession,
    project_id: Id,
    done: Done = None,
    status: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$")] = None,
) -> HTMLResponse:
    _, project, _ = await service.project_for(api, project_id)
    chosen = status if status in INPUT_STATUS_VALUES else None
    items = await service.inputs(api, project_id, chosen)
    return page.render(
        "editor/inputs.html",
        project=project,
        items=items,
        chosen=chosen,
        statuses=INPUT_STATUS_VALUES,
        errors={},
        notice=NOTICES.get(done or ""),
    )


@router.post("/{project_id}/inputs/{input_id}/response", response_model=None)
async def respond(
    page: CurrentPage, api: Services, form: PostedForm, project_id: Id, input_id: Id
) -> Response:
    _, project, _ = await service.project_for(api, project_id)
    status = str(form.get("status", ""))
    text = str(form.get("official_response", "")).strip()
    # The form also sits on the public input page, for a published project: back to it.
    from_input_page = form.get("return_to") == "input" and project["status"] == "published"
    errors: dict[str, str] = {}
    if status not in INPUT_STATUS_VALUES:
        errors["status"] = page._("Choose a status.")
    elif len(text) > 5000:
        errors["official_response"] = page._("The response is too long.")
    else:
        body = {"status": status, "official_response": text or None}
        try:
            await api.json(
                "POST", "contributions", f"/projects/{project_id}/inputs/{input_id}/status",
                json=body,
            )  # fmt: skip
        except RejectedError as rejected:
            errors["official_response"] = _problem(page, rejected)
        else:
            if from_input_page:
                return _see(f"/projects/{project['slug']}/inputs/{input_id}", "responded")
            return _see(f"/staff/projects/{project_id}/inputs", "responded")
    if from_input_page:
        return await render_input(
            page, api, project["slug"], input_id, response_errors=errors, status_code=422,
            response_typed={"status": status, "official_response": text},
        )  # fmt: skip
    items = await service.inputs(api, project_id, None)
    return page.render(
        "editor/inputs.html",
        status_code=422,
        project=project,
        items=items,
        chosen=None,
        statuses=INPUT_STATUS_VALUES,
        errors={input_id: errors},
        typed={input_id: {"status": status, "official_response": text}},
        notice=None,
    )


# --- results and exports --------------------------------------------------------------------


def _charts(page: Page, data: dict[str, Any]) -> dict[str, Chart]:
    """The figures people would rather look at than read, as bar charts."""
    charts: dict[str, Chart] = {}
    overall = data.get("overall")
    if overall and overall.get("by_status"):
        charts["status"] = bar_chart(
            [
                (page._(_status_name(row["key"])), row["count"], str(row["count"]))
                for row in overall["by_status"]
            ]
        )
    for entry in data["phases"]:
        result = entry["results"] or {}
        phase_id = str(entry["phase"]["id"])
        voting = result.get("voting") or {}
        if voting.get("tallies"):
            charts[phase_id] = bar_chart(
                [
                    (localised(t["title"], page.language, "nl"), t["votes"], str(t["votes"]))
                    for t in voting["tallies"]
                ]
            )
        scenarios = result.get("scenarios") or {}
        if scenarios.get("scenarios"):
            charts[phase_id] = bar_chart(
                [
                    (
                        localised(s["title"], page.language, "nl"),
                        s["first_choices"],
                        str(s["first_choices"]),
                    )
                    for s in scenarios["scenarios"]
                ]
            )
    return charts


def _status_name(key: str | None) -> str:
    return INPUT_STATUSES.get(key or "", "Proposed")


@router.get("/{project_id}/results", response_class=HTMLResponse)
async def results(
    page: CurrentPage, api: Services, _: CurrentWebSession, project_id: Id
) -> HTMLResponse:
    _, project, _ = await service.project_for(api, project_id)
    data = await service.results(api, project)
    return page.render(
        "editor/results.html",
        project=project,
        charts=_charts(page, data),
        exports=service.EXPORTS,
        formats=EXPORT_FORMATS,
        **data,
    )


@router.get("/{project_id}/exports/{dataset}")
async def export(
    api: Services,
    _: CurrentWebSession,
    project_id: Id,
    dataset: Annotated[
        str, Path(pattern=r"^(inputs|comments|votes|survey_answers|scenario_rankings)$")
    ],
    export_format: Annotated[str, Query(alias="format", pattern=r"^(csv|xlsx)$")] = "csv",
) -> Response:
    """The contributions service's export, downloaded through the person's session."""
    await service.project_for(api, project_id)
    answer = await api.call(
        "GET", "contributions", f"/projects/{project_id}/exports/{dataset}",
        params={"format": export_format},
    )  # fmt: skip
    check(answer)
    headers = {
        "Content-Disposition": answer.headers.get(
            "content-disposition", f'attachment; filename="{dataset}.{export_format}"'
        ),
        "Cache-Control": "no-store",
    }
    return Response(answer.content, media_type=answer.headers.get("content-type"), headers=headers)
