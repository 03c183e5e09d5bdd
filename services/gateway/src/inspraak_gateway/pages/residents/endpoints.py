"""The residents' pages: plain HTML forms, POST then redirect then GET."""

import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from inspraak_gateway.pages.editor.schemas import INPUT_STATUS_VALUES
from inspraak_gateway.pages.editor.service import rights
from inspraak_gateway.pages.residents import service
from inspraak_gateway.pages.residents.auth import PostedForm
from inspraak_gateway.pages.residents.schemas import CommentForm, IdeaForm
from inspraak_gateway.pages.staff.service import member
from inspraak_gateway.web.api import RejectedError, Services
from inspraak_gateway.web.context import CurrentPage, Page
from inspraak_gateway.web.i18n import N_

router = APIRouter(tags=["web: residents"], include_in_schema=False)

Slug = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,99}$")]
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Done = Annotated[str | None, Query(max_length=40)]

# `?done=<key>` after a redirect shows one of these (never free text from the URL).
NOTICES: dict[str, str] = {
    "idea": N_("Thank you: your idea has been posted."),
    "comment": N_("Your comment has been posted."),
    "followed": N_("You now follow this project."),
    "unfollowed": N_("You no longer follow this project."),
    "reaction": N_("Your reaction has been saved."),
    "vote": N_("Your vote has been saved."),
    "unvote": N_("Your vote has been withdrawn."),
    "basket": N_("Your basket has been saved."),
    "basket-submitted": N_("Thank you: your budget has been submitted."),
    "survey": N_("Your answers have been saved."),
    "survey-submitted": N_("Thank you: your answers have been submitted."),
    "ranking": N_("Your ranking has been saved."),
    "reported": N_("Thank you: a moderator will look at your report."),
    "erased": N_("Your account has been erased. What you wrote is now anonymous."),
    "responded": N_("The status and response are saved."),
}


def _see(path: str, done: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?done={quote(done)}", status_code=303)


@router.get("/", response_class=HTMLResponse)
async def home(page: CurrentPage, api: Services, done: Done = None) -> HTMLResponse:
    projects = await service.active_projects(api)
    return page.render("residents/home.html", projects=projects, notice=NOTICES.get(done or ""))


@router.get("/projects/{slug}", response_class=HTMLResponse)
async def project(page: CurrentPage, api: Services, slug: Slug, done: Done = None) -> HTMLResponse:
    return await _project(page, api, slug, notice=NOTICES.get(done or ""))


async def _project(
    page: Page,
    api: Services,
    slug: str,
    *,
    notice: str | None = None,
    idea: IdeaForm | None = None,
    status_code: int = 200,
    problem: str | None = None,
    survey: service.SurveyForm | None = None,
) -> HTMLResponse:
    view = await service.project_page(api, slug)
    if survey is not None:
        view.survey_response = {"answers": survey.answers}
    if idea is not None:
        idea.errors = page.translated(idea.errors)
    return page.render(
        "residents/project.html",
        status_code=status_code,
        view=view,
        project=view.project,
        phase=view.phase,
        idea=idea or IdeaForm(),
        survey_errors=survey.errors if survey is not None else {},
        notice=notice,
        problem=problem,
        map_settings=page.request.app.state.gateway.settings,
    )


@router.post("/projects/{slug}/follow")
async def follow(api: Services, form: PostedForm, slug: Slug) -> RedirectResponse:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    wanted = form.get("follow") == "1"
    method = "PUT" if wanted else "DELETE"
    await api.json(method, "projects", f"/projects/{project['id']}/follow")
    return _see(f"/projects/{slug}", "followed" if wanted else "unfollowed")


@router.post("/projects/{slug}/phases/{phase_id}/ideas", response_model=None)
async def post_idea(
    page: CurrentPage, api: Services, form: PostedForm, slug: Slug, phase_id: Id
) -> Response:
    idea = IdeaForm.parse(form)
    if not idea.errors:
        project = await api.get("projects", f"/projects/by-slug/{slug}")
        try:
            await api.json(
                "POST",
                "contributions",
                f"/projects/{project['id']}/phases/{phase_id}/inputs",
                json={"title": idea.title, "body": idea.body, "location": idea.location},
            )
        except RejectedError as rejected:
            idea.errors.update(
                {k: v for k, v in rejected.field_errors().items() if k in ("title", "body")}
            )
            if _problem_slug(rejected) == "location-outside-area":
                # Contributions explains it in every language: at the field, in the page's.
                idea.errors["lat"] = _in_language(page, rejected)
            if not idea.errors:
                return await _project(
                    page, api, slug, idea=idea, status_code=rejected.status,
                    problem=rejected.detail or "",
                )  # fmt: skip
        else:
            return _see(f"/projects/{slug}", "idea")
    return await _project(page, api, slug, idea=idea, status_code=422)


def _problem_slug(rejected: RejectedError) -> str:
    """The last part of the problem's type (`urn:inspraak:problem:<slug>` or a URL)."""
    return re.split(r"[/:]", str(rejected.body.get("type", "")))[-1]


def _in_language(page: Page, rejected: RejectedError) -> str:
    messages = rejected.body.get("messages")
    if isinstance(messages, dict) and isinstance(messages.get(page.language), str):
        return str(messages[page.language])
    return rejected.detail or page._("This could not be done")


@router.post("/projects/{slug}/phases/{phase_id}/votes")
async def vote(api: Services, form: PostedForm, slug: Slug, phase_id: Id) -> RedirectResponse:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    input_id = str(form.get("input_id", ""))
    base = f"/projects/{project['id']}/phases/{phase_id}/votes"
    if form.get("action") == "withdraw":
        await api.json("DELETE", "contributions", f"{base}/{quote(input_id, safe='')}")
        return _see(f"/projects/{slug}", "unvote")
    await api.json("POST", "contributions", base, json={"input_id": input_id})
    return _see(f"/projects/{slug}", "vote")


@router.post("/projects/{slug}/phases/{phase_id}/basket")
async def basket(api: Services, form: PostedForm, slug: Slug, phase_id: Id) -> RedirectResponse:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    base = f"/projects/{project['id']}/phases/{phase_id}/basket"
    chosen = [str(v) for v in form.getlist("item")]
    await api.json("PUT", "contributions", base, json={"input_ids": chosen})
    if form.get("action") == "submit":
        await api.json("POST", "contributions", f"{base}/submission")
        return _see(f"/projects/{slug}", "basket-submitted")
    return _see(f"/projects/{slug}", "basket")


@router.post("/projects/{slug}/phases/{phase_id}/survey", response_model=None)
async def survey(
    page: CurrentPage, api: Services, form: PostedForm, slug: Slug, phase_id: Id
) -> Response:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    phase = next((p for p in project["phases"] if p["id"] == phase_id), None)
    questions: list[dict[str, Any]] = ((phase or {}).get("survey") or {}).get("questions", [])
    fields = {key: [str(v) for v in form.getlist(key)] for key in form}
    answers = service.survey_answers(questions, fields)
    base = f"/projects/{project['id']}/phases/{phase_id}/survey-response"
    submitting = form.get("action") == "submit"
    try:
        if submitting:
            await api.json("POST", "contributions", f"{base}/submission", json={"answers": answers})
        else:
            await api.json("PUT", "contributions", base, json={"answers": answers})
    except RejectedError as rejected:
        errors = service.survey_errors(questions, rejected.body)
        if not errors:
            raise
        # The form again, as typed, with each refusal at its question.
        return await _project(
            page, api, slug, status_code=422,
            survey=service.SurveyForm(answers, page.translated(errors)),
        )  # fmt: skip
    return _see(f"/projects/{slug}", "survey-submitted" if submitting else "survey")


@router.post("/projects/{slug}/phases/{phase_id}/ranking", response_model=None)
async def rank(
    page: CurrentPage, api: Services, form: PostedForm, slug: Slug, phase_id: Id
) -> Response:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    phase = next((p for p in project["phases"] if p["id"] == phase_id), None)
    scenario_ids = [str(s["id"]) for s in ((phase or {}).get("scenarios") or [])]
    places = {sid: str(form.get(f"place-{sid}", "")) for sid in scenario_ids}
    ranking = service.ranking_from_places(scenario_ids, places)
    if ranking is None:
        return await _project(
            page, api, slug, status_code=422,
            problem=page._("Give every scenario its own place, from 1 to %(n)d.")
            % {"n": len(scenario_ids)},
        )  # fmt: skip
    path = f"/projects/{project['id']}/phases/{phase_id}/scenario-ranking"
    await api.json("PUT", "contributions", path, json={"ranking": ranking})
    return _see(f"/projects/{slug}", "ranking")


@router.get("/projects/{slug}/inputs/{input_id}", response_class=HTMLResponse)
async def input_detail(
    page: CurrentPage, api: Services, slug: Slug, input_id: Id, done: Done = None
) -> HTMLResponse:
    return await render_input(page, api, slug, input_id, notice=NOTICES.get(done or ""))


async def render_input(
    page: Page,
    api: Services,
    slug: str,
    input_id: str,
    *,
    notice: str | None = None,
    comment: CommentForm | None = None,
    response_errors: dict[str, str] | None = None,
    response_typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The input page; staff who may respond also get the status and response form (after
    a refusal with what they typed, `response_typed`, rather than what is saved)."""
    project, contribution, comments = await service.input_page(api, slug, input_id)
    if comment is not None:
        comment.errors = page.translated(comment.errors)
    # Only people whose token names a staff role or grant ask identity who they are.
    responds = page.is_staff and rights(await member(api), project).moderates
    return page.render(
        "residents/input.html",
        status_code=status_code,
        project=project,
        item=contribution,
        comments=comments,
        comment=comment or CommentForm(),
        responds=responds,
        statuses=INPUT_STATUS_VALUES,
        response_errors=response_errors or {},
        response_typed=response_typed,
        notice=notice,
    )


@router.post("/projects/{slug}/inputs/{input_id}/comments", response_model=None)
async def post_comment(
    page: CurrentPage, api: Services, form: PostedForm, slug: Slug, input_id: Id
) -> Response:
    comment = CommentForm.parse(form)
    if not comment.errors:
        project = await api.get("projects", f"/projects/by-slug/{slug}")
        try:
            await api.json(
                "POST",
                "contributions",
                f"/projects/{project['id']}/inputs/{input_id}/comments",
                json={"body": comment.body, "parent_comment_id": comment.parent_comment_id},
            )
        except RejectedError as rejected:
            comment.errors["body"] = rejected.field_errors().get("body") or (
                rejected.detail or page._("This could not be done")
            )
        else:
            return _see(f"/projects/{slug}/inputs/{input_id}", "comment")
    return await render_input(page, api, slug, input_id, comment=comment, status_code=422)


@router.post("/projects/{slug}/inputs/{input_id}/reaction")
async def react(api: Services, form: PostedForm, slug: Slug, input_id: Id) -> RedirectResponse:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    value = form.get("value")
    target = form.get("comment_id")
    path = (
        f"/projects/{project['id']}/comments/{quote(str(target), safe='')}/reaction"
        if target
        else f"/projects/{project['id']}/inputs/{input_id}/reaction"
    )
    if value in ("up", "down"):
        await api.json("PUT", "contributions", path, json={"value": value})
    else:
        await api.json("DELETE", "contributions", path)
    return _see(f"/projects/{slug}/inputs/{input_id}", "reaction")


@router.post("/projects/{slug}/inputs/{input_id}/report")
async def report(api: Services, form: PostedForm, slug: Slug, input_id: Id) -> RedirectResponse:
    """A resident reports an input or a comment to the project's moderators."""
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    body = {
        "item_type": str(form.get("item_type", "")),
        "item_id": str(form.get("item_id", "")),
        "reason": str(form.get("reason", "")),
    }
    # A tampered form gets the service's 422, shown as the error page.
    await api.json("POST", "contributions", f"/projects/{project['id']}/reports", json=body)
    return _see(f"/projects/{slug}/inputs/{input_id}", "reported")
