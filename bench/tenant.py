"""A benchmark municipality: tenant spec applied through identity, people in its realm,
tokens by password grant on the tenant's script client, projects with open phases,
and seeded inputs and comments.

Setup talks to the services directly (with `X-Inspraak-Tenant`), not through the
gateway: seeding 1,000 inputs is preparation, not the thing measured, and the gateway's
rate limits are meant for people.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from keycloak import KeycloakAdmin, KeycloakOpenID

from bench.harness import Harness

log = logging.getLogger("bench")

PASSWORD = "Bench-resident-2026"  # noqa: S105 (throwaway accounts of a throwaway realm)
CLI_CLIENT = "inspraak-cli"
TENANT_HEADER = "X-Inspraak-Tenant"
# A bench realm lives minutes; an hour-long token spares the load generator refreshes.
TOKEN_LIFESPAN = 3600


@dataclass
class Person:
    username: str
    user_id: str
    token: str
    email: str


@dataclass
class Project:
    project_id: str
    slug: str
    phase_id: str
    input_ids: list[str] = field(default_factory=list)
    item_ids: list[str] = field(default_factory=list)


@dataclass
class Municipality:
    slug: str
    host: str
    mail_domain: str
    admin: Person
    residents: list[Person]
    reading: Project | None = None  # ideation: 1,000 inputs, one with 20 comments
    voting: Project | None = None  # support voting on inputs
    budget: Project | None = None  # participatory budget with costed items
    busy_input_id: str = ""  # the input with 20 comments
    comment_ids: list[str] = field(default_factory=list)

    def dump(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)))

    @classmethod
    def load(cls, path: Path) -> Municipality:
        raw = json.loads(path.read_text())
        raw["admin"] = Person(**raw["admin"])
        raw["residents"] = [Person(**p) for p in raw["residents"]]
        for key in ("reading", "voting", "budget"):
            if raw.get(key):
                raw[key] = Project(**raw[key])
        return cls(**raw)


def _hashed_password() -> dict[str, Any]:
    """PASSWORD as Keycloak stores it (PBKDF2, one round): nothing to hash on import."""
    salt = secrets.token_bytes(16)
    value = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt, 1, dklen=64)
    return {
        "type": "password",
        "temporary": False,
        "credentialData": json.dumps(
            {"hashIterations": 1, "algorithm": "pbkdf2-sha256", "additionalParameters": {}}
        ),
        "secretData": json.dumps(
            {
                "value": base64.b64encode(value).decode(),
                "salt": base64.b64encode(salt).decode(),
                "additionalParameters": {},
            }
        ),
    }


def _tri(text: str) -> dict[str, str]:
    """The same text in each of the tenant's languages (publication needs all three)."""
    return {"nl": text, "fr": text, "en": text}


def _now(delta_minutes: float = 0) -> str:
    return (datetime.now(UTC) + timedelta(minutes=delta_minutes)).isoformat()


async def gather_limited(calls: Sequence[Callable[[], Awaitable[Any]]], limit: int) -> list[Any]:
    semaphore = asyncio.Semaphore(limit)

    async def one(call: Callable[[], Awaitable[Any]]) -> Any:
        async with semaphore:
            return await call()

    return await asyncio.gather(*(one(c) for c in calls))


async def _until_published(
    send: Callable[[], Awaitable[httpx.Response]], within: float = 90
) -> httpx.Response:
    """Contributions may know a new project's phase before the event that publishes it."""
    deadline = time.monotonic() + within
    while True:
        response = await send()
        closed = response.status_code == 409 and "project-closed" in response.text
        if not closed or time.monotonic() > deadline:
            return response
        await asyncio.sleep(0.5)


def _check(response: httpx.Response, what: str) -> Any:
    if response.status_code >= 300:
        raise RuntimeError(f"{what}: HTTP {response.status_code} {response.text[:500]}")
    return response.json() if response.content else None


class Setup:
    def __init__(self, harness: Harness, *, residents: int) -> None:
        self.h = harness
        self.count = residents
        token = secrets.token_hex(3)
        self.slug = f"{harness.tool}-{token}"
        self.host = f"{self.slug}.bench.inspraak.test"
        self.mail_domain = f"{self.slug}.example.org"  # .test is refused by e-mail checks

    # --- identity and Keycloak ----------------------------------------------------------

    def apply_tenant(self) -> None:
        spec = {
            "slug": self.slug,
            "displayName": f"Benchmarkgemeente {self.slug}",
            "country": "BE",
            "defaultLanguage": "nl",
            "languages": ["nl", "fr", "en"],
            "domains": {"primary": self.host, "aliases": []},
            "allowExternalModerators": True,
            "allowSelfRegistration": True,
            "requireProjectApproval": False,
            "bootstrapSuperadminEmail": f"bootstrap@{self.mail_domain}",
        }
        for attempt in range(1, 9):
            response = httpx.put(
                f"{self.h.url('identity')}/v1/operator/tenants/{self.slug}",
                json=spec,
                headers={"Authorization": f"Bearer {self.h.operator_token}"},
                timeout=180,
                trust_env=False,
            )
            # A busy shared Keycloak may time out; identity says "apply again" (idempotent).
            if response.status_code != 503 or attempt == 8:
                break
            log.warning("apply %s: %s; again", self.slug, response.text[:200])
            time.sleep(2 * attempt)
        if hasattr(self.h, "realms"):
            self.h.realms.append(self.slug)
        _check(response, "apply tenant")
        self._wait_host()

    def _wait_host(self, timeout: float = 120) -> None:
        """The gateway caches an unknown host for a while: ask the widget service first."""
        deadline = time.monotonic() + timeout
        url = f"{self.h.url('widget')}/v1/internal/hosts/{self.host}"
        while httpx.get(url, timeout=5, trust_env=False).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the widget service never learned {self.host}")
            time.sleep(0.3)

    def _admin(self) -> KeycloakAdmin:
        e = self.h.endpoints
        admin = KeycloakAdmin(
            server_url=e.keycloak_url,
            username=e.keycloak_admin_user,
            password=e.keycloak_admin_password,
            realm_name="master",
            user_realm_name="master",
        )
        admin.change_current_realm(self.slug)
        return admin

    def create_people(self) -> tuple[list[str], str]:
        """Residents and one superadmin in one partial import; returns usernames."""
        admin = self.tune_realm()
        names = [f"resident{i:04d}" for i in range(self.count)]
        users = [self.user(name, ["user"]) for name in names]
        users.append(self.user("benchadmin", ["user", "superadmin"]))
        self.import_users(admin, users)
        return names, "benchadmin"

    def tune_realm(self) -> KeycloakAdmin:
        """Long-lived tokens, no lockouts, and cheap password hashing for throwaway
        accounts: the shared Keycloak should spend its CPU on tokens, not on Argon2."""
        admin = self._admin()
        policy = admin.get_realm(self.slug).get("passwordPolicy") or ""
        cheap = "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)"
        admin.update_realm(
            self.slug,
            {
                "accessTokenLifespan": TOKEN_LIFESPAN,
                "bruteForceProtected": False,
                "passwordPolicy": f"{policy} and {cheap}" if policy else cheap,
            },
        )
        return admin

    def import_users(self, admin: KeycloakAdmin, users: list[dict[str, Any]]) -> None:
        for start in range(0, len(users), 50):
            admin.connection.raw_post(
                f"admin/realms/{self.slug}/partialImport",
                data=json.dumps({"ifResourceExists": "SKIP", "users": users[start : start + 50]}),
            )

    def user(self, name: str, roles: list[str]) -> dict[str, Any]:
        return {
            "username": name,
            "email": f"{name}@{self.mail_domain}",
            "emailVerified": True,
            "enabled": True,
            "firstName": "Bench",
            "lastName": name,
            "realmRoles": roles,
            "requiredActions": [],
            "credentials": [_hashed_password()],
        }

    async def login(self, names: Sequence[str]) -> list[Person]:
        """Password grant on the tenant's script client (as a resident's app would)."""
        oidc = KeycloakOpenID(
            server_url=self.h.endpoints.keycloak_url, realm_name=self.slug, client_id=CLI_CLIENT
        )

        async def one(name: str) -> Person:
            token = await asyncio.to_thread(oidc.token, name, PASSWORD)
            claims = await asyncio.to_thread(oidc.decode_token, token["access_token"])
            return Person(name, claims["sub"], token["access_token"], f"{name}@{self.mail_domain}")

        return await gather_limited([lambda n=n: one(n) for n in names], 6)

    # --- the services -------------------------------------------------------------------

    def client(self, service: str, person: Person) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.h.url(service),
            headers={"Authorization": f"Bearer {person.token}", TENANT_HEADER: self.slug},
            timeout=60,
            trust_env=False,
        )

    async def register(self, people: Sequence[Person]) -> None:
        """First sight at identity: `user.registered` tells notifications their e-mail."""

        async def one(person: Person) -> None:
            async with self.client("identity", person) as http:
                for attempt in range(1, 9):
                    response = await http.get("/v1/me")
                    # Identity asks the (shared, busy) Keycloak; 503 means "try again".
                    if response.status_code != 503:
                        break
                    await asyncio.sleep(attempt)
                _check(response, f"me {person.username}")

        await gather_limited([lambda p=p: one(p) for p in people], 8)

    async def project(
        self, admin: Person, department_id: str, name: str, phases: list[dict[str, Any]]
    ) -> Project:
        async with self.client("projects", admin) as http:
            body = {
                "department_id": department_id,
                "title": {"nl": f"Project {name}", "fr": f"Projet {name}", "en": f"Project {name}"},
                "summary": _tri("Benchmark"),
                "goal": _tri("<p>Meten</p>"),
                "input_use": _tri("<p>Tellen</p>"),
                "slug": name,
            }
            project = _check(await http.post("/projects", json=body), "create project")
            project_id = str(project["id"] if "id" in project else project["project_id"])
            phase_ids = []
            for phase in phases:
                created = _check(
                    await http.post(f"/projects/{project_id}/phases", json=phase), "add phase"
                )
                phase_ids.append(str(created.get("id") or created.get("phase_id")))
            _check(await http.post(f"/projects/{project_id}/publish"), "publish")
        return Project(project_id=project_id, slug=name, phase_id=phase_ids[-1])

    async def department(self, admin: Person) -> str:
        async with self.client("projects", admin) as http:
            body = {"slug": "bench", "name": {"nl": "Benchmark", "en": "Benchmark"}}
            created = _check(await http.post("/departments", json=body), "department")
        return str(created.get("id") or created.get("department_id"))

    async def wait_contributions_know(self, admin: Person, project: Project) -> None:
        """Contributions learns projects from events: wait until the phase is there."""
        deadline = time.monotonic() + 120
        async with self.client("contributions", admin) as http:
            while True:
                response = await http.get(f"/projects/{project.project_id}/phases")
                if response.status_code == 200 and project.phase_id in response.text:
                    return
                if time.monotonic() > deadline:
                    raise RuntimeError(f"contributions never learned {project.slug}")
                await asyncio.sleep(0.3)

    async def seed_inputs(
        self, project: Project, phase_id: str, authors: Sequence[Person], count: int
    ) -> list[str]:
        async def one(i: int) -> str:
            author = authors[i % len(authors)]
            async with self.client("contributions", author) as http:
                body = {
                    "title": f"Idee {i}: meer bomen in straat {i}",
                    "body": f"<p>Voorstel {i} van {author.username}.</p>",
                }
                url = f"/projects/{project.project_id}/phases/{phase_id}/inputs"
                created = _check(await _until_published(lambda: http.post(url, json=body)), "input")
            return str(created.get("input_id") or created.get("id"))

        return await gather_limited([lambda i=i: one(i) for i in range(count)], 8)

    async def seed_comments(
        self, project: Project, input_id: str, authors: Sequence[Person], count: int
    ) -> list[str]:
        async def one(i: int) -> str:
            async with self.client("contributions", authors[i % len(authors)]) as http:
                created = _check(
                    await http.post(
                        f"/projects/{project.project_id}/inputs/{input_id}/comments",
                        json={"body": f"Reactie {i}: goed idee."},
                    ),
                    "comment",
                )
            return str(created.get("comment_id") or created.get("id"))

        return await gather_limited([lambda i=i: one(i) for i in range(count)], 4)


def ideation_phase(minutes: float) -> dict[str, Any]:
    return {
        "kind": "ideation",
        "title": _tri("Ideeën"),
        "starts_at": _now(-1),
        "ends_at": _now(minutes),
    }


def voting_phase(starts_in: float, voting: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "voting",
        "title": _tri("Stemmen"),
        "starts_at": _now(starts_in),
        "ends_at": _now(24 * 60),
        "voting": voting,
        "results_visibility": "during",
    }


BUDGET_ITEMS = [
    ("Speeltuin", 400),
    ("Bankjes", 150),
    ("Fietsenstalling", 250),
    ("Bomen", 300),
    ("Waterpunt", 100),
    ("Verlichting", 350),
]


async def prepare(
    harness: Harness,
    *,
    residents: int,
    reading_inputs: int,
    voting_inputs: int,
    busy_comments: int = 20,
    budget: bool = True,
) -> Municipality:
    """The whole benchmark municipality; returns what the scenarios need."""
    setup = Setup(harness, residents=residents)
    began = time.monotonic()
    await asyncio.to_thread(setup.apply_tenant)
    names, admin_name = await asyncio.to_thread(setup.create_people)
    people = await setup.login([*names, admin_name])
    admin, crowd = people[-1], people[:-1]
    await setup.register(people)
    log.info("tenant %s with %d people (%.1fs)", setup.slug, len(people), time.monotonic() - began)
    department = await setup.department(admin)
    town = Municipality(setup.slug, setup.host, setup.mail_domain, admin, crowd)
    town.reading = await setup.project(admin, department, "lezen", [ideation_phase(24 * 60)])
    town.voting = await _voting_project(setup, admin, department, crowd, voting_inputs)
    if budget:  # only the voting surge's baskets need it
        town.budget = await _budget_project(setup, admin, department)
    await setup.wait_contributions_know(admin, town.reading)
    real = await setup.seed_inputs(town.reading, town.reading.phase_id, crowd, 20)
    town.busy_input_id = real[0]
    town.comment_ids = await setup.seed_comments(town.reading, real[0], crowd, busy_comments)
    await clone_inputs(harness, town.slug, real[1], reading_inputs - len(real))
    town.reading.input_ids = real
    log.info("municipality ready (%.1fs)", time.monotonic() - began)
    return town


async def _voting_project(
    setup: Setup, admin: Person, department: str, crowd: Sequence[Person], inputs: int
) -> Project:
    """Inputs come from an ideation phase, which is then closed for a voting phase."""
    project = await setup.project(admin, department, "stemmen", [ideation_phase(60)])
    await setup.wait_contributions_know(admin, project)
    project.input_ids = await setup.seed_inputs(project, project.phase_id, crowd, inputs)
    async with setup.client("projects", admin) as http:
        _check(
            await http.patch(
                f"/projects/{project.project_id}/phases/{project.phase_id}",
                json={"ends_at": _now(0)},
            ),
            "close ideation",
        )
        created = _check(
            await http.post(
                f"/projects/{project.project_id}/phases",
                json=voting_phase(0.02, {"method": "support"}),
            ),
            "voting phase",
        )
    project.phase_id = str(created["id"])
    await setup.wait_contributions_know(admin, project)
    await asyncio.sleep(2)  # the phase opens a second after it was added
    return project


async def _budget_project(setup: Setup, admin: Person, department: str) -> Project:
    items = [{"title": _tri(title), "cost": cost} for title, cost in BUDGET_ITEMS]
    phase = voting_phase(-1, {"method": "budget", "budget": 1000, "items": items})
    project = await setup.project(admin, department, "begroting", [phase])
    await setup.wait_contributions_know(admin, project)
    async with setup.client("projects", admin) as http:
        phases = _check(await http.get(f"/projects/{project.project_id}/phases"), "phases")
    project.item_ids = [str(i["id"]) for i in phases[-1]["voting"]["items"]]
    return project


async def clone_inputs(harness: Harness, tenant: str, template_id: str, count: int) -> None:
    """Copies of one real input, straight into the contributions database.

    Creating 1,000 inputs through the API takes minutes on a busy 2-core machine and is
    not what the reading surge measures; the copies are rows exactly like the API makes
    (no events: the reading surge reads only the contributions service's own tables).
    """
    if count <= 0:
        return
    import asyncpg

    url = harness.running.database_urls["contributions"]
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        columns = [
            r["column_name"]
            for r in await conn.fetch(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'input' ORDER BY ordinal_position"
            )
        ]
        replaced = {
            "input_id": "gen_random_uuid()::text",
            "title": "left(title, 180) || ' (' || g || ')'",
            "created_at": "created_at - g * interval '1 second'",
            "updated_at": "created_at - g * interval '1 second'",
        }
        select = ", ".join(replaced.get(c, c) for c in columns)
        await conn.execute(
            f"INSERT INTO input ({', '.join(columns)}) "  # noqa: S608 (names from the catalog)
            f"SELECT {select} FROM input, generate_series(1, $1) AS g "
            "WHERE input_id = $2 AND tenant = $3",
            count,
            template_id,
            tenant,
        )
    finally:
        await conn.close()
