"""A demo municipality, set up as an operator and a superadmin would, for `make run` and tests.

The operator's part is a tenant spec and identity's `inspraak tenant apply`, so the realm,
its roles and clients are exactly what production gets. The superadmin's part goes
through identity's API: the bootstrap invitation is accepted, the other demo people
register, and the superadmin grants them their roles (scoped roles too), as on a real
tenant. Idempotent: a second run finds the tenant applied, the people registered and the
grants in place, so `make run` can provision on every start.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from keycloak import KeycloakAdmin, KeycloakAuthenticationError, KeycloakGetError, KeycloakOpenID

from inspraak_stack import config
from inspraak_stack.platform import RunningPlatform, inspraak_cli
from inspraak_stack.procs import StackError
from inspraak_stack.stack import Endpoints

log = logging.getLogger("inspraak_stack")

DEMO_REALM = "demo"
DEMO_DISPLAY_NAME = "Gemeente Demo"
# A developer's browser reaches the gateway as http://demo.localhost:<port> (browsers send
# *.localhost to this machine); the gateway finds the tenant by this host name (the port
# does not count), which needs two labels: not plain `localhost`.
DEMO_DOMAIN = "demo.localhost"
DEMO_PASSWORD = "Inspraak-demo-2026"  # noqa: S105 (published demo login of a local server)
EMAIL_DOMAIN = "demo.inspraak.example"  # .test is refused by e-mail checks
WEB_CLIENT = "inspraak-web"
CLI_CLIENT = "inspraak-cli"
AUDIENCE = "inspraak-api"
SCOPES_CLAIM = "inspraak_scopes"
TENANT_HEADER = "X-Inspraak-Tenant"
TIMEOUT = 60.0
DEMO_DEPARTMENT = "ruimtelijke-ordening"
DEMO_PROJECT = "demo-project"
_ACCEPT_LINK = re.compile(r"Accept link: (\S+)")
_TOKEN = re.compile(r"[?&]token=([^&\s]+)")


@dataclass(frozen=True)
class DemoUser:
    username: str
    description: str
    first_name: str
    last_name: str
    roles: tuple[str, ...] = ()
    # Department and project rights are scoped: (role, the department's or project's
    # slug, external); the grant names the id the projects service gave it.
    scoped: tuple[tuple[str, str, bool], ...] = ()

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


SUPERADMIN = "superadmin"
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(SUPERADMIN, "superadmin (project leader)", "Sara", "Peeters", ("superadmin",)),
    DemoUser("schepen", "policy maker (schepen)", "Jan", "Janssens", ("policy_maker",)),
    DemoUser(
        "afdelingshoofd",
        "department head of ruimtelijke-ordening",
        "An",
        "Maes",
        scoped=(("department_head", DEMO_DEPARTMENT, False),),
    ),
    DemoUser(
        "moderator",
        "project moderator (staff) of demo-project",
        "Tom",
        "Willems",
        scoped=(("project_moderator", DEMO_PROJECT, False),),
    ),
    DemoUser(
        "vrijwilliger",
        "project moderator (external volunteer) of demo-project",
        "Lotte",
        "Claes",
        scoped=(("project_moderator", DEMO_PROJECT, True),),
    ),
    DemoUser("communicatie", "communications officer", "Els", "Jacobs", ("communications",)),
    # Not "it": identity's usernames have 3+ characters.
    DemoUser("webmaster", "IT officer / webmaster", "Koen", "Mertens", ("it_admin",)),
    DemoUser("bewoner", "resident (user)", "Noor", "Wouters"),
)


def admin_client(endpoints: Endpoints, realm: str = "master") -> KeycloakAdmin:
    """An admin API client logged in to `master`, working on `realm`."""
    admin = KeycloakAdmin(
        server_url=endpoints.keycloak_url,
        username=endpoints.keycloak_admin_user,
        password=endpoints.keycloak_admin_password,
        realm_name="master",
        user_realm_name="master",
    )
    admin.change_current_realm(realm)
    return admin


# --- the operator's part: a tenant spec and `inspraak tenant apply` -----------------------


def tenant_spec(
    realm: str = DEMO_REALM, display_name: str = DEMO_DISPLAY_NAME, domain: str = DEMO_DOMAIN
) -> dict[str, Any]:
    """The demo municipality as a tenant spec (docs/tenant-spec.md)."""
    return {
        "slug": realm,
        "displayName": display_name,
        "country": "BE",
        "defaultLanguage": "nl",
        "languages": ["nl", "fr", "en"],
        "domains": {"primary": domain, "aliases": []},
        "allowExternalModerators": True,
        "allowSelfRegistration": True,
        "requireProjectApproval": True,
        "bootstrapSuperadminEmail": f"{SUPERADMIN}@{EMAIL_DOMAIN}",
    }


def spec_path(realm: str) -> Path:
    """Where the spec is written: `<state>/tenants/<slug>.yaml`, for a developer to read."""
    folder = config.state_dir() / "tenants"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{realm}.yaml"


def write_spec(spec: dict[str, Any], path: Path) -> Path:
    # JSON values are YAML flow scalars: one key a line reads like the documented spec.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in spec.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def apply_tenant(spec_file: Path, env: dict[str, str]) -> str | None:
    """`inspraak tenant apply --show-links`, as an operator runs it; the bootstrap
    superadmin's accept link when the apply sent one (the first time only)."""
    result = subprocess.run(
        [str(inspraak_cli()), "tenant", "apply", str(spec_file), "--show-links"],
        env={**os.environ, **env, "COLUMNS": "500", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log.info("inspraak tenant apply %s:\n%s", spec_file, result.stdout)
    if result.returncode != 0:
        raise StackError(
            f"inspraak tenant apply {spec_file} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    found = _ACCEPT_LINK.search(result.stdout)
    return found.group(1) if found else None


# --- the superadmin's part: identity's API ------------------------------------------------


def _problem(response: httpx.Response) -> str:
    request = response.request
    return f"{request.method} {request.url.path}: HTTP {response.status_code} {response.text[:500]}"


def _problem_slug(response: httpx.Response) -> str:
    try:
        # `urn:inspraak:problem:<slug>`
        return str(response.json().get("type", "")).rsplit(":", 1)[-1]
    except ValueError:
        return ""


class DemoPeople:
    """The demo people of one tenant, made through identity's API."""

    def __init__(self, identity_url: str, keycloak_url: str, realm: str) -> None:
        self.keycloak_url = keycloak_url
        self.realm = realm
        self.http = httpx.Client(
            base_url=identity_url,
            headers={TENANT_HEADER: realm},
            timeout=TIMEOUT,
            trust_env=False,
        )

    def close(self) -> None:
        self.http.close()

    def token(self, username: str) -> str:
        oidc = KeycloakOpenID(
            server_url=self.keycloak_url, realm_name=self.realm, client_id=CLI_CLIENT
        )
        return str(oidc.token(username, DEMO_PASSWORD)["access_token"])

    def _auth(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username)}"}

    def accept_bootstrap(self, accept_link: str | None, user: DemoUser) -> None:
        """The first superadmin takes the invitation `tenant apply` sent them."""
        if accept_link is None:
            try:
                self.token(user.username)
            except KeycloakAuthenticationError as exc:
                raise StackError(
                    f"tenant {self.realm} has no pending invitation link for the superadmin and "
                    f"'{user.username}' cannot sign in with the demo password; start afresh "
                    f"with `inspraak tenant delete {self.realm} --confirm {self.realm}`"
                ) from exc
            return  # accepted on an earlier run
        found = _TOKEN.search(accept_link)
        if found is None:
            raise StackError(f"no token in the accept link {accept_link}")
        response = self.http.post(
            "/v1/invitations/accept",
            json={
                "token": found.group(1),
                "username": user.username,
                "password": DEMO_PASSWORD,
                "firstName": user.first_name,
                "lastName": user.last_name,
            },
        )
        if response.status_code != 200:
            raise StackError(_problem(response))

    def register(self, user: DemoUser) -> str:
        """Register as a resident does; the person's user id (also on a second run)."""
        response = self.http.post(
            "/v1/people/registrations",
            json={
                "username": user.username,
                "email": user.email,
                "password": DEMO_PASSWORD,
                "firstName": user.first_name,
                "lastName": user.last_name,
            },
        )
        if response.status_code == 201:
            return str(response.json()["userId"])
        if response.status_code == 409 and _problem_slug(response) == "username-taken":
            # Registered on an earlier run: signing in tells the id (the token's subject).
            return self.user_id(user.username)
        raise StackError(
            f"{_problem(response)}\n(A realm {self.realm} made before identity provisioned it? "
            f"`inspraak tenant delete {self.realm} --confirm {self.realm}` and start again.)"
        )

    def user_id(self, username: str) -> str:
        response = self.http.get("/v1/me", headers=self._auth(username))
        if response.status_code != 200:
            raise StackError(_problem(response))
        return str(response.json()["userId"])

    def grant(self, user_id: str, role: str, scope_id: str | None, external: bool) -> str:
        """The superadmin grants a role (idempotent in identity); the grant's status."""
        body: dict[str, Any] = {"userId": user_id, "role": role}
        if scope_id is not None:
            body |= {"scopeId": scope_id, "external": external}
        response = self.http.post("/v1/roles/grants", json=body, headers=self._auth(SUPERADMIN))
        if response.status_code != 201:
            raise StackError(_problem(response))
        return str(response.json()["status"])

    def accept_terms(self, username: str) -> None:
        """An external moderator's role waits for the terms of use: accept them."""
        terms = self.http.get("/v1/terms")
        if terms.status_code != 200:
            raise StackError(_problem(terms))
        response = self.http.post(
            "/v1/me/terms/acceptance",
            json={"version": terms.json()["version"]},
            headers=self._auth(username),
        )
        if response.status_code != 201:
            raise StackError(_problem(response))

    def drop_stale_grants(self, user_id: str, keep: set[tuple[str, str | None]]) -> None:
        """Take away scoped roles an older `make run` gave (they named slugs, not ids)."""
        auth = self._auth(SUPERADMIN)
        listed = self.http.get("/v1/roles/grants", params={"userId": user_id}, headers=auth)
        if listed.status_code != 200:
            raise StackError(_problem(listed))
        for grant in listed.json():
            if grant["scopeId"] is not None and (grant["role"], grant["scopeId"]) not in keep:
                gone = self.http.delete(f"/v1/roles/grants/{grant['id']}", headers=auth)
                if gone.status_code != 204:
                    raise StackError(_problem(gone))

    def ensure(self, user: DemoUser, scope_ids: dict[str, str]) -> None:
        user_id = self.register(user)
        self.drop_stale_grants(user_id, {(role, scope_ids[slug]) for role, slug, _ in user.scoped})
        waiting = [
            self.grant(user_id, role, None, False) for role in user.roles if role != "superadmin"
        ] + [self.grant(user_id, role, scope_ids[slug], ext) for role, slug, ext in user.scoped]
        if "pending_terms" in waiting:
            self.accept_terms(user.username)


# --- the superadmin's first project: the projects service's API ---------------------------

DEMO_TEXTS: dict[str, dict[str, str]] = {
    "department": {"nl": "Ruimtelijke ordening", "fr": "Aménagement du territoire",
                   "en": "Spatial planning"},
    "title": {"nl": "Een nieuw stationsplein", "fr": "Une nouvelle place de la gare",
              "en": "A new station square"},
    "summary": {"nl": "Hoe moet het plein aan het station eruitzien? Geef je ideeën.",
                "fr": "À quoi doit ressembler la place de la gare ? Donnez vos idées.",
                "en": "What should the square by the station look like? Share your ideas."},
    "goal": {"nl": "Een groen, veilig plein waar mensen graag blijven.",
             "fr": "Une place verte et sûre où l'on aime s'attarder.",
             "en": "A green, safe square where people like to stay."},
    "input_use": {"nl": "De gemeenteraad kiest in juni een ontwerp, met jullie ideeën erbij.",
                  "fr": "Le conseil communal choisit un projet en juin, avec vos idées en main.",
                  "en": "The council chooses a design in June, with your ideas at hand."},
    "phase": {"nl": "Ideeën verzamelen", "fr": "Recueillir des idées", "en": "Collecting ideas"},
    "phase_description": {"nl": "Deel je idee en reageer op dat van anderen.",
                          "fr": "Partagez votre idée et réagissez à celles des autres.",
                          "en": "Share your idea and react to those of others."},
}  # fmt: skip


class DemoContent:
    """The department and the published project the demo people work in, made by the
    superadmin through the projects service (idempotent: found by slug on a second run)."""

    def __init__(self, projects_url: str, realm: str, token: str) -> None:
        self.http = httpx.Client(
            base_url=projects_url,
            headers={TENANT_HEADER: realm, "Authorization": f"Bearer {token}"},
            timeout=TIMEOUT,
            trust_env=False,
        )

    def close(self) -> None:
        self.http.close()

    def ensure(self) -> dict[str, str]:
        """slug -> id of the demo department and project."""
        department_id = self._department()
        return {DEMO_DEPARTMENT: department_id, DEMO_PROJECT: self._project(department_id)}

    def _department(self) -> str:
        listed = self._once_the_tenant_is_known(lambda: self.http.get("/departments"))
        found = next((d for d in listed.json() if d["slug"] == DEMO_DEPARTMENT), None)
        if found is not None:
            return str(found["id"])
        body = {"slug": DEMO_DEPARTMENT, "name": DEMO_TEXTS["department"]}
        return str(self._ok(self.http.post("/departments", json=body), 201)["id"])

    def _project(self, department_id: str) -> str:
        existing = self.http.get(f"/projects/by-slug/{DEMO_PROJECT}")
        if existing.status_code == 200:
            return str(existing.json()["id"])
        body = {"department_id": department_id, "slug": DEMO_PROJECT}
        body |= {key: DEMO_TEXTS[key] for key in ("title", "summary", "goal", "input_use")}
        project_id = str(self._ok(self.http.post("/projects", json=body), 201)["id"])
        now = datetime.now(UTC)
        phase = {
            "kind": "ideation",
            "title": DEMO_TEXTS["phase"],
            "description": DEMO_TEXTS["phase_description"],
            "starts_at": (now - timedelta(days=1)).isoformat(),
            "ends_at": (now + timedelta(days=90)).isoformat(),
        }
        self._ok(self.http.post(f"/projects/{project_id}/phases", json=phase), 201)
        self._ok(self.http.post(f"/projects/{project_id}/publish"), 200)
        return project_id

    def _once_the_tenant_is_known(self, call: Any) -> httpx.Response:
        # Projects learns the municipality from identity's event, a moment after applying.
        deadline = time.monotonic() + TIMEOUT
        while True:
            response = call()
            if response.status_code == 200 or time.monotonic() > deadline:
                self._ok(response, 200)
                return response
            time.sleep(0.5)

    @staticmethod
    def _ok(response: httpx.Response, expected: int) -> Any:
        if response.status_code != expected:
            raise StackError(_problem(response))
        return response.json() if response.content else None


# --- public API --------------------------------------------------------------------------


def provision(
    endpoints: Endpoints,
    running: RunningPlatform,
    *,
    realm: str = DEMO_REALM,
    display_name: str = DEMO_DISPLAY_NAME,
    domain: str = DEMO_DOMAIN,
    verify: bool = True,
) -> list[tuple[str, str]]:
    """Apply the demo tenant and make its people; returns (username, role) per demo login.

    Needs the platform's identity service: `running` gives its URL and settings.
    """
    missing = {"identity", "projects"} - set(running.services)
    if missing:
        raise StackError(
            f"the demo municipality is made through identity and projects: start "
            f"{', '.join(sorted(missing))} too"
        )
    spec_file = write_spec(tenant_spec(realm, display_name, domain), spec_path(realm))
    accept_link = apply_tenant(spec_file, running.env)
    people = DemoPeople(running.urls["identity"], endpoints.keycloak_url, realm)
    try:
        superadmin, *others = DEMO_USERS
        people.accept_bootstrap(accept_link, superadmin)
        content = DemoContent(running.urls["projects"], realm, people.token(SUPERADMIN))
        try:
            scope_ids = content.ensure()
        finally:
            content.close()
        for user in others:
            people.ensure(user, scope_ids)
    finally:
        people.close()
    if verify:
        verify_tokens(endpoints.keycloak_url, realm, scope_ids)
    return [(user.username, user.description) for user in DEMO_USERS]


def delete_realm(endpoints: Endpoints, realm: str) -> None:
    """Remove a (test) realm; a missing realm is fine."""
    admin = admin_client(endpoints)
    try:
        admin.get_realm(realm)
    except KeycloakGetError as exc:
        if exc.response_code == 404:
            return
        raise
    admin.delete_realm(realm)


def access_token_claims(
    keycloak_url: str, realm: str, username: str, password: str = DEMO_PASSWORD
) -> dict[str, Any]:
    """Log in with a password through the CLI client; the access token's verified claims."""
    oidc = KeycloakOpenID(server_url=keycloak_url, realm_name=realm, client_id=CLI_CLIENT)
    token = oidc.token(username, password)
    return oidc.decode_token(token["access_token"])


def audiences(claims: dict[str, Any]) -> list[str]:
    # A single audience comes as a string, several as a list.
    aud = claims.get("aud", [])
    return [aud] if isinstance(aud, str) else list(aud)


def expected_scopes(user: DemoUser, scope_ids: dict[str, str]) -> list[str]:
    """The `inspraak_scopes` claim identity writes: `role:scope:id[:external]`."""
    scope_of = {"department_head": "department", "project_moderator": "project"}
    return sorted(
        f"{role}:{scope_of[role]}:{scope_ids[slug]}" + (":external" if external else "")
        for role, slug, external in user.scoped
    )


def verify_tokens(keycloak_url: str, realm: str, scope_ids: dict[str, str]) -> None:
    """Fail loudly when tokens lack what the services check: audience, roles, scopes."""
    problems = []
    for user in DEMO_USERS:
        claims = access_token_claims(keycloak_url, realm, user.username)
        roles = set(claims.get("realm_access", {}).get("roles", []))
        if AUDIENCE not in audiences(claims):
            problems.append(f"{user.username}'s token has aud {claims.get('aud')!r}")
        if not {*user.roles, "user"} <= roles:
            problems.append(f"{user.username}'s token has realm roles {sorted(roles)}")
        if sorted(claims.get(SCOPES_CLAIM) or []) != expected_scopes(user, scope_ids):
            scopes = claims.get(SCOPES_CLAIM)
            problems.append(f"{user.username}'s token has {SCOPES_CLAIM}={scopes}")
    if problems:
        raise StackError(f"demo realm {realm}: " + "; ".join(problems))
