"""What the accept page asks of identity (and, to name the scope, of projects)."""

from typing import Any

import httpx

from inspraak_gateway.web.api import ServiceApi, check
from inspraak_gateway.web.i18n import N_
from inspraak_shared.problems import slug_of_type

# identity's refusals of a link, in words the invited person can act on.
LINK_PROBLEMS: dict[str, str] = {
    "invitation-unknown": N_(
        "This invitation link is not valid here. It may have been replaced by a newer one: "
        "look for a more recent e-mail, or ask the person who invited you."
    ),
    "invitation-used": N_(
        "This invitation has already been accepted. Sign in with the account that accepted it."
    ),
    "invitation-revoked": N_("This invitation was withdrawn by the municipality."),
    "invitation-expired": N_(
        "This invitation has expired. Ask the person who invited you to send a new one."
    ),
}
# identity's refusals of the acceptance itself, at the field they concern.
ACCEPT_PROBLEMS: dict[str, tuple[str, str]] = {
    "username-taken": ("username", N_("That username is taken here; choose another.")),
    "account-exists": (
        "username",
        N_("An account with this e-mail address exists already: sign in to accept with it."),
    ),
    "account-details-missing": ("username", N_("Choose a username and a password.")),
    "external-moderators-not-allowed": (
        "username",
        N_("This municipality does not allow external moderators (any more)."),
    ),
}


class LinkRefusedError(Exception):
    """The link cannot be used (unknown, used, withdrawn, expired)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _refuse_unusable(response: httpx.Response, statuses: tuple[int, ...]) -> None:
    """identity's answer for a link that cannot be used, as `LinkRefusedError`."""
    if response.status_code in statuses:
        slug = slug_of_type(_body(response.json).get("type"))
        raise LinkRefusedError(LINK_PROBLEMS.get(slug, LINK_PROBLEMS["invitation-unknown"]))


async def preview(api: ServiceApi, token: str) -> dict[str, Any]:
    """What the invitation offers; `LinkRefusedError` for a link that cannot be used."""
    response = await api.call("POST", "identity", "/invitations/preview", json={"token": token})
    _refuse_unusable(response, (404, 410, 422))
    check(response)
    return dict(response.json())


async def scope_name(api: ServiceApi, scope: str | None, scope_id: str | None) -> Any:
    """The project's title or the department's name, when the projects service shows it to
    this person (a draft project stays unnamed for someone not signed in)."""
    if not scope or not scope_id:
        return None
    path = f"/projects/{scope_id}" if scope == "project" else f"/departments/{scope_id}"
    response = await api.call("GET", "projects", path)
    if response.status_code != 200:
        return None
    body = response.json()
    return body.get("title") if scope == "project" else body.get("name")


def _body(read: Any) -> dict[str, Any]:
    try:
        body = read()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


async def accept(api: ServiceApi, body: dict[str, Any]) -> dict[str, Any]:
    """identity grants the role (to the signed-in person, or a new account); a link that
    stopped working meanwhile is `LinkRefusedError`, a refusal of the details `RejectedError`."""
    response = await api.call("POST", "identity", "/invitations/accept", json=body)
    _refuse_unusable(response, (404, 410))
    check(response)
    return dict(response.json())
