"""A municipality as production makes one, for the page tests: identity applies the tenant
(its Keycloak realm, the gateway's and widget's read models follow from its events), the
superadmin comes in through the bootstrap invitation, a resident registers, and projects
are set up through the projects service's API.

`PageBrowser` is a browser without JavaScript: it follows the real sign-in through
Keycloak's form and posts the pages' forms with their CSRF token, as a person would.
"""

import asyncio
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import httpx
from keycloak import KeycloakOpenID

from inspraak_shared.tenancy import TENANT_HEADER

OPERATOR_TOKEN = "change-me"  # identity's development default (the platform runs it so)
PASSWORD = "Correct-Horse-42"
T = TypeVar("T")


async def eventually(
    probe: Callable[[], Awaitable[T]], accept: Callable[[T], bool], timeout: float = 30.0
) -> T:
    last: T | None = None
    try:
        async with asyncio.timeout(timeout):
            while True:
                last = await probe()
                if accept(last):
                    return last
                await asyncio.sleep(0.25)
    except TimeoutError:
        raise AssertionError(f"not within {timeout}s; last seen: {last!r}") from None


def texts(value: str) -> dict[str, str]:
    return {"nl": f"{value} (nl)", "fr": f"{value} (fr)", "en": value}


@dataclass
class Municipality:
    slug: str
    urls: dict[str, str]
    keycloak_url: str
    http: httpx.AsyncClient
    users: dict[str, str] = field(default_factory=dict)  # username -> user id
    _tokens: dict[str, str] = field(default_factory=dict)

    @property
    def primary(self) -> str:
        return f"{self.slug}.inspraak.test"

    async def token(self, username: str) -> str:
        openid = KeycloakOpenID(
            server_url=self.keycloak_url, realm_name=self.slug, client_id="inspraak-cli"
        )
        return str((await openid.a_token(username, PASSWORD))["access_token"])

    async def call(
        self, method: str, service: str, path: str, username: str | None = None, **kw: Any
    ) -> httpx.Response:
        headers = {TENANT_HEADER: self.slug}
        if username is not None:
            headers["Authorization"] = f"Bearer {await self.token(username)}"
        return await self.http.request(method, f"{self.urls[service]}{path}", headers=headers, **kw)

    async def ok(self, method: str, service: str, path: str, username: str, **kw: Any) -> Any:
        response = await self.call(method, service, path, username, **kw)
        assert response.status_code < 300, (
            f"{method} {path}: {response.status_code} {response.text}"
        )
        return response.json() if response.content else None

    async def person(self, username: str) -> str:
        """A person registered through identity; their user id."""
        registered = await self.call(
            "POST", "identity", "/v1/people/registrations",
            json={"username": username, "email": f"{username}@{self.slug}.example.org",
                  "password": PASSWORD},
        )  # fmt: skip
        assert registered.status_code == 201, registered.text
        self.users[username] = registered.json()["userId"]
        return self.users[username]

    async def person_with_role(
        self, username: str, role: str, scope_id: str | None = None, external: bool = False
    ) -> None:
        """A registered person to whom the superadmin gives a role."""
        grant: dict[str, Any] = {"userId": await self.person(username), "role": role}
        if scope_id is not None:
            grant |= {"scopeId": scope_id, "external": external}
        await self.ok("POST", "identity", "/v1/roles/grants", "sam", json=grant)

    async def project(
        self, slug: str, phases: list[dict[str, Any]], *, department: str = "wijken"
    ) -> dict[str, Any]:
        """A published project with its phases, open to residents in contributions once this
        returns."""
        departments = await self.ok("GET", "projects", "/departments", "sam")
        found = next((d for d in departments if d["slug"] == department), None)
        if found is None:
            found = await self.ok(
                "POST", "projects", "/departments", "sam",
                json={"slug": department, "name": texts("Wijken")},
            )  # fmt: skip
        project = await self.ok(
            "POST",
            "projects",
            "/projects",
            "sam",
            json={
                "department_id": found["id"],
                "slug": slug,
                "title": texts(f"Project {slug}"),
                "summary": texts("A summary people read first"),
                "goal": texts("A greener square"),
                "input_use": texts("The council decides in June with your ideas at hand"),
            },
        )
        for phase in phases:
            await self.ok(
                "POST", "projects", f"/projects/{project['id']}/phases", "sam", json=phase
            )
        await self.ok("POST", "projects", f"/projects/{project['id']}/publish", "sam")
        # Asked anonymously: a superadmin already sees the draft's phases before the
        # publication reaches contributions, and residents could then not post yet.
        await eventually(
            lambda: self.call("GET", "contributions", f"/projects/{project['id']}/phases"),
            lambda r: r.status_code == 200 and len(r.json()) == len(phases),
        )
        return dict(project)

    async def department(self, slug: str = "wijken") -> dict[str, Any]:
        departments = await self.ok("GET", "projects", "/departments", "sam")
        found = next((d for d in departments if d["slug"] == slug), None)
        if found is None:
            found = await self.ok(
                "POST", "projects", "/departments", "sam",
                json={"slug": slug, "name": texts("Wijken")},
            )  # fmt: skip
        return dict(found)

    async def draft(self, slug: str) -> dict[str, Any]:
        """A draft project, as the superadmin makes one for its moderators to fill in."""
        body = {
            "department_id": (await self.department())["id"],
            "slug": slug,
            "title": texts(slug.title()),
        }
        return dict(await self.ok("POST", "projects", "/projects", "sam", json=body))

    async def moderator(self, username: str, project_ids: list[str]) -> None:
        """A registered person whom the superadmin makes moderator of these projects; ready
        once contributions knows the grants from identity's events."""
        registered = await self.call(
            "POST", "identity", "/v1/people/registrations",
            json={"username": username, "email": f"{username}@{self.slug}.example.org",
                  "password": PASSWORD},
        )  # fmt: skip
        assert registered.status_code == 201, registered.text
        self.users[username] = registered.json()["userId"]
        for project_id in project_ids:
            await self.ok(
                "POST", "identity", "/v1/roles/grants", "sam",
                json={"userId": self.users[username], "role": "project_moderator",
                      "scopeId": project_id},
            )  # fmt: skip
        for project_id in project_ids:
            await eventually(
                lambda p=project_id: self.call(
                    "GET", "contributions", f"/projects/{p}/moderation/queue", username
                ),
                lambda r: r.status_code in (200, 404),  # 404: a draft contributions lacks
            )


def phase(kind: str, *, started_days_ago: int = 1, **extra: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "kind": kind,
        "title": texts(f"{kind.title()} phase"),
        "description": texts(f"What the {kind} phase is about"),
        "starts_at": (now - timedelta(days=started_days_ago)).isoformat(),
        "ends_at": (now + timedelta(days=30)).isoformat(),
        **extra,
    }


def municipality_spec(town: "Municipality", **changes: Any) -> dict[str, Any]:
    return {
        "slug": town.slug,
        "displayName": f"Gemeente {town.slug}",
        "country": "BE",
        "defaultLanguage": "nl",
        "languages": ["nl", "fr", "en"],
        "domains": {"primary": town.primary, "aliases": []},
        "allowExternalModerators": False,
        "allowSelfRegistration": True,
        "requireProjectApproval": False,
        "bootstrapSuperadminEmail": f"sam@{town.slug}.example.org",
        "branding": {"primaryColor": "#0b5394", "logoUrl": None},
        **changes,
    }


async def apply_spec(town: "Municipality", spec: dict[str, Any]) -> httpx.Response:
    # Applying is idempotent; on a busy machine Keycloak may time out and identity says
    # "apply again", as an operator would, after a pause that lets Keycloak catch up.
    for attempt in range(6):
        applied = await town.http.put(
            f"{town.urls['identity']}/v1/operator/tenants/{town.slug}",
            json=spec,
            headers={"Authorization": f"Bearer {OPERATOR_TOKEN}"},
            timeout=180,
        )
        if applied.status_code != 503:
            break
        await asyncio.sleep(5 * (attempt + 1))
    assert applied.status_code == 200, applied.text
    return applied


async def open_municipality(
    urls: dict[str, str], keycloak_url: str, http: httpx.AsyncClient
) -> Municipality:
    slug = f"gw-{secrets.token_hex(3)}"
    town = Municipality(slug, urls, keycloak_url, http)
    applied = await apply_spec(town, municipality_spec(town))
    accept_url = applied.json()["bootstrapInvitation"]["acceptUrl"]
    token = parse_qs(urlsplit(accept_url).query)["token"][0]
    accepted = await http.post(
        f"{urls['identity']}/v1/invitations/accept",
        json={"token": token, "username": "sam", "password": PASSWORD},
        headers={TENANT_HEADER: slug},
    )
    assert accepted.status_code == 200, accepted.text
    town.users["sam"] = accepted.json()["userId"]
    for username in ("rita", "rob", "erin"):
        registered = await http.post(
            f"{urls['identity']}/v1/people/registrations",
            json={"username": username, "email": f"{username}@{slug}.example.org",
                  "password": PASSWORD},
            headers={TENANT_HEADER: slug},
        )  # fmt: skip
        assert registered.status_code == 201, registered.text
        town.users[username] = registered.json()["userId"]
    # The widget service knows the host once identity's event reached it.
    await eventually(
        lambda: http.get(f"{urls['widget']}/v1/internal/hosts/{town.primary}"),
        lambda r: r.status_code == 200,
    )
    return town


async def close_municipality(town: Municipality) -> None:
    response = await town.http.delete(
        f"{town.urls['identity']}/v1/operator/tenants/{town.slug}",
        params={"confirm": town.slug},
        headers={"Authorization": f"Bearer {OPERATOR_TOKEN}"},
        timeout=120,
    )
    assert response.status_code == 200, response.text


@dataclass
class PageBrowser:
    """Speaks to the gateway as the municipality's host, keeps cookies, sends HTML Accept."""

    gateway: httpx.AsyncClient
    keycloak: httpx.AsyncClient
    town: Municipality

    async def get(
        self, path: str, headers: dict[str, str] | None = None, **kw: Any
    ) -> httpx.Response:
        return await self.gateway.get(
            path, headers={"Accept": "text/html", **(headers or {})}, **kw
        )

    async def post(self, path: str, data: dict[str, Any], **kw: Any) -> httpx.Response:
        return await self.gateway.post(path, data=data, headers={"Accept": "text/html"}, **kw)

    async def csrf(self) -> str:
        return str((await self.gateway.get("/auth/session")).json()["csrf_token"])

    async def submit(self, path: str, data: dict[str, Any]) -> httpx.Response:
        """A form post with the session's token, as the page's hidden field carries it."""
        return await self.post(path, {"csrf_token": await self.csrf(), **data})

    async def sign_in(self, username: str, return_to: str = "/") -> str:
        """Signs in through Keycloak's form; returns where the gateway sends the browser."""
        started = await self.gateway.get("/auth/login", params={"return_to": return_to})
        assert started.status_code == 302, started.text
        page = await self.keycloak.get(started.headers["location"], follow_redirects=True)
        assert page.status_code == 200, page.text
        action = unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
        # Keycloak marks its cookies Secure; hand them back as a browser on https would.
        jar = "; ".join(
            value.split(";", 1)[0]
            for response in (*page.history, page)
            for name, value in response.headers.multi_items()
            if name == "set-cookie"
        )
        answer = await self.keycloak.post(
            action,
            data={"username": username, "password": PASSWORD, "credentialId": ""},
            headers={"Cookie": jar},
        )
        assert answer.status_code == 302, answer.text
        location = urlsplit(answer.headers["location"])
        done = await self.gateway.get(f"{location.path}?{location.query}")
        assert done.status_code == 303, done.text
        return str(done.headers["location"])

    def session_cookie(self) -> str:
        return str(self.gateway.cookies.get("inspraak_session"))
