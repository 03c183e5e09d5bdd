"""`/staff/department`: a department head's projects with their moderators (grant, revoke,
invite, internal or external) and the weekly digest setting."""

from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from inspraak_gateway.pages.department import service
from inspraak_gateway.pages.residents.auth import PostedForm
from inspraak_gateway.pages.staff import service as staff
from inspraak_gateway.pages.staff.endpoints import NOTICES
from inspraak_gateway.sessions.auth import CurrentWebSession
from inspraak_gateway.web.api import RejectedError, Services, check
from inspraak_gateway.web.context import CurrentPage
from inspraak_gateway.web.i18n import N_
from inspraak_shared.problems import Forbidden

router = APIRouter(prefix="/staff/department", tags=["web: department"], include_in_schema=False)
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Done = Annotated[str | None, Query(max_length=40)]
NOTICES.update(
    {
        "moderator-added": N_("The moderator is added to the project."),
        "moderator-removed": N_("The moderator no longer moderates the project."),
        "moderator-invited": N_("The invitation has been sent."),
        "digest-on": N_("You will get the weekly digest."),
        "digest-off": N_("You will no longer get the weekly digest."),
    }
)


async def _head(api: Services) -> staff.StaffMember:
    member = await staff.member(api)
    if not (member.heads or member.is_superadmin):
        raise Forbidden("This screen is for department heads.")
    return member


async def _render(
    page: CurrentPage,
    api: Services,
    member: staff.StaffMember,
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    return page.render(
        "department/overview.html",
        status_code=status_code,
        errors=errors or {},
        values=values or {},
        notice=notice,
        **await service.overview(api, member),
    )


@router.get("", response_class=HTMLResponse)
async def department(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    member = await _head(api)
    return await _render(page, api, member, notice=NOTICES.get(done or ""))


def _choice(form: PostedForm, *keys: str) -> dict[str, str]:
    return {key: str(form.get(key, "")).strip() for key in keys}


@router.post("/moderators", response_model=None)
async def add_moderator(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    member = await _head(api)
    values = _choice(form, "user_id", "username", "project_id")
    errors = _moderator_choice_errors(page, values)
    if not errors:
        # A person from the team overview by id, anyone else by their exact username.
        person = {"username": values["username"]} if values["username"] else {}
        body = {
            **(person or {"userId": values["user_id"]}),
            "role": "project_moderator",
            "scopeId": values["project_id"],
            "external": form.get("external") == "1",
        }
        response = await api.call("POST", "identity", "/roles/grants", json=body)
        errors = _grant_errors(page, response, values)
        if not errors:
            return RedirectResponse("/staff/department?done=moderator-added", status_code=303)
    return await _render(page, api, member, status_code=422, errors=errors, values=values)


def _moderator_choice_errors(page: CurrentPage, values: dict[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if values["user_id"] and values["username"]:
        errors["username"] = page._("Choose a person from the list or enter a username, not both.")
    elif not (values["user_id"] or values["username"]):
        errors["username"] = page._("Enter the person's username, or choose them from the list.")
    if not values["project_id"]:
        errors["project_id"] = page._("Choose a project.")
    return errors


def _grant_errors(
    page: CurrentPage, response: httpx.Response, values: dict[str, str]
) -> dict[str, str]:
    """Identity's refusal at the field it is about, in the person's language."""
    at_person = "username" if values["username"] else "user_id"
    if response.status_code == 404:
        if values["username"]:
            message = page._("There is nobody with the username %(username)s here.")
            return {"username": message % {"username": values["username"]}}
        return {"user_id": page._("This person is no longer here.")}
    if response.status_code == 403:
        return {"project_id": page._("That project is not in your department.")}
    try:
        check(response)
    except RejectedError as rejected:
        return {at_person: rejected.detail or page._("This could not be done")}
    return {}


@router.post("/moderators/{grant_id}/revoke")
async def remove_moderator(api: Services, _: PostedForm, grant_id: Id) -> RedirectResponse:
    await api.json("DELETE", "identity", f"/roles/grants/{grant_id}")
    return RedirectResponse("/staff/department?done=moderator-removed", status_code=303)


@router.post("/invitations", response_model=None)
async def invite_moderator(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    member = await _head(api)
    values = _choice(form, "invite_email", "invite_project_id")
    errors: dict[str, str] = {}
    if "@" not in values["invite_email"]:
        errors["invite_email"] = page._("Enter an e-mail address.")
    if not values["invite_project_id"]:
        errors["invite_project_id"] = page._("Choose a project.")
    if not errors:
        body = {
            "email": values["invite_email"],
            "role": "project_moderator",
            "scopeId": values["invite_project_id"],
            "external": form.get("invite_external") == "1",
            "language": page.language,
        }
        try:
            await api.json("POST", "identity", "/invitations", json=body)
        except RejectedError as rejected:
            fields = {"email": "invite_email", "scopeId": "invite_project_id"}
            errors = {
                fields.get(k, "invite_email"): v for k, v in rejected.field_errors().items()
            } or {"invite_email": rejected.detail or page._("This could not be done")}
        else:
            return RedirectResponse("/staff/department?done=moderator-invited", status_code=303)
    return await _render(page, api, member, status_code=422, errors=errors, values=values)


@router.post("/digest")
async def digest(api: Services, form: PostedForm) -> RedirectResponse:
    await _head(api)
    weekly = form.get("weekly") == "1"
    await api.json(
        "PUT", "notifications", f"/me/notification-preferences/{service.DIGEST}",
        json={"email": weekly},
    )  # fmt: skip
    done = "digest-on" if weekly else "digest-off"
    return RedirectResponse(f"/staff/department?done={done}#digest", status_code=303)
