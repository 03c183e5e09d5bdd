"""Registering as an organisation, council or neighbourhood: the form here, the account at
identity (`kind: organisation`), then the usual sign-in. A person registers on Keycloak's
own page; only organisations need the extra field, and Keycloak's page cannot ask it.

The form is posted before anyone is signed in: see `anonymous_forms` for its CSRF token."""

import re

from fastapi import Request
from fastapi.responses import HTMLResponse

from inspraak_gateway.sessions.auth import CSRF_FIELD
from inspraak_gateway.state import Gateway
from inspraak_gateway.web.anonymous_forms import bind, check_form_token, form_token
from inspraak_gateway.web.api import RejectedError, ServiceApi
from inspraak_gateway.web.context import Page

ORGANISATION_TYPES = ("organisation", "council", "neighbourhood")
USERNAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9._-]{2,29}$")
FIELDS = ("username", "email", "organisation_type")


def _render(
    page: Page,
    gateway: Gateway,
    token: str,
    *,
    status_code: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:
    response = page.render(
        "account/register_organisation.html",
        status_code=status_code,
        form_token=token,
        types=ORGANISATION_TYPES,
        errors=errors or {},
        values=values or {},
    )
    bind(response, gateway, token)
    return response


def organisation_form(request: Request, page: Page, gateway: Gateway) -> HTMLResponse:
    return _render(page, gateway, form_token(request, gateway))


def username_error(page: Page, username: str) -> str | None:
    """A new account's username as identity accepts it (checked here to answer at once)."""
    if USERNAME.match(username):
        return None
    return page._("Choose a username of 3 to 30 letters, digits, dots, hyphens or underscores.")


def password_error(page: Page, password: str) -> str | None:
    if 10 <= len(password) <= 128:
        return None
    return page._("Choose a password of at least 10 characters.")


def _judge(page: Page, values: dict[str, str], password: str) -> dict[str, str]:
    local, _, domain = values["email"].partition("@")
    email_ok = bool(local) and "." in domain
    type_ok = values["organisation_type"] in ORGANISATION_TYPES
    found = {
        "username": username_error(page, values["username"]),
        "email": None if email_ok else page._("Enter an e-mail address."),
        "password": password_error(page, password),
        "organisation_type": None if type_ok else page._("Choose what you register."),
    }
    return {field: message for field, message in found.items() if message}


async def register_organisation(
    request: Request, page: Page, gateway: Gateway, api: ServiceApi
) -> HTMLResponse:
    form = await request.form()
    token = check_form_token(request, gateway, form.get(CSRF_FIELD))
    values = {key: str(form.get(key, "")).strip() for key in FIELDS}
    password = str(form.get("password", ""))
    errors = _judge(page, values, password)
    if not errors:
        body = {
            "username": values["username"],
            "email": values["email"],
            "password": password,
            "kind": "organisation",
            "organisationType": values["organisation_type"],
            "language": page.language,
        }
        try:
            await api.json("POST", "identity", "/people/registrations", json=body)
        except RejectedError as rejected:
            errors = _service_errors(page, rejected)
        else:
            return page.render(
                "account/registered.html", status_code=201, username=values["username"]
            )
    return _render(page, gateway, token, status_code=422, errors=errors, values=values)


def _service_errors(page: Page, rejected: RejectedError) -> dict[str, str]:
    if rejected.status == 409:
        return {"username": page._("That username is taken here; choose another.")}
    fields = {"organisationType": "organisation_type"}
    found = {
        fields.get(k, k): v
        for k, v in rejected.field_errors().items()
        if fields.get(k, k) in (*FIELDS, "password")
    }
    return found or {"username": rejected.detail or page._("This could not be done")}
