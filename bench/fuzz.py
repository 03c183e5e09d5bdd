"""`make fuzz`: schemathesis against the gateway's merged OpenAPI, as each role, plus
hand-written hostile requests.

Two municipalities share the platform: the fuzzed one (A) and a neighbour (B) whose
project, department and inputs carry a secret marker. Every response to A's callers is
checked: no 5xx, every error is `application/problem+json`, and nothing of B appears.
A finding is recorded with its exact request (method, path, query, headers, body), not
fixed here: the services belong to their own teams.

    python -m bench.fuzz [--smoke] [--seed N] [--out bench/results]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import dataclasses
import json
import logging
import secrets
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from bench import harness, report
from bench.tenant import Person, Setup, ideation_phase
from inspraak_stack.demo import SCOPES_CLAIM

log = logging.getLogger("bench")
RESULTS = Path(__file__).with_name("results")
PROBLEM = "application/problem+json"
STAFF_ROLES = ("policy_maker", "communications", "it_admin", "superadmin")
# Scoped roles: a department head of A's department, a moderator of A's project.
SCOPED_ROLES = ("department_head", "project_moderator")
# What the gateway should refuse before a service reads it (a resident's idea is a few KB).
OVERSIZED_BYTES = 12 * 1024 * 1024
WRITING_PROJECT = "fuzz-doel"


@dataclass(frozen=True)
class Size:
    roles: tuple[str, ...]
    max_examples: int
    modes: tuple[GenerationMode, ...]
    every: int = 1  # fuzz every n-th operation (the smoke run samples the API)
    hand_written: bool = True  # all hostile cases; else a few that each need one request


FULL = Size(
    roles=("anonymous", "user", *SCOPED_ROLES, *STAFF_ROLES),
    max_examples=8,
    modes=(GenerationMode.POSITIVE, GenerationMode.NEGATIVE),
)
# Positive examples in the smoke run: they get past validation, into the handlers, with
# the role's token (negative ones also drop the token on purpose). A sample of the
# operations, so that CI spends seconds, not minutes.
SMOKE = Size(
    roles=("anonymous", "user", "project_moderator"),
    max_examples=1,
    modes=(GenerationMode.POSITIVE,),
    every=6,
    hand_written=False,
)


@dataclass
class Finding:
    kind: str  # server-error, not-problem-json, tenant-leak, hand-written
    role: str
    operation: str
    status: int
    request: dict[str, Any]
    detail: str


@dataclass
class Tally:
    requests: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    by_role: dict[str, Counter[str]] = field(default_factory=dict)
    # "service role" -> requests and findings (kept apart from the de-duplicated examples)
    cases: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    operations: int = 0

    def add(self, finding: Finding) -> None:
        self.failures[_cell(finding.role, finding.request, finding.operation)] += 1
        # One example per operation and kind is enough to act on.
        same = [
            f for f in self.findings
            if (f.kind, f.operation, f.status) == (finding.kind, finding.operation, finding.status)
        ]  # fmt: skip
        if len(same) < 2:
            self.findings.append(finding)


def service_of(operation: str) -> str:
    """`POST /api/v1/contributions/...` -> contributions; pages and the widget by path."""
    path = operation.split(" ", 1)[-1]
    parts = [p for p in path.split("/") if p]
    if parts[:2] == ["api", "v1"] and len(parts) > 2:
        return parts[2]
    if parts[:2] == ["v1", "widget"]:
        return "widget"
    return "gateway"


def _cell(role: str, request: dict[str, Any], operation: str) -> str:
    """Counted by the service the request went to (its path), and the role that sent it."""
    path = request.get("path") or operation
    return f"{service_of(str(path))} {role}"


# --- the two municipalities ------------------------------------------------------------


@dataclass
class Town:
    slug: str
    host: str
    people: dict[str, Person]
    secrets: list[str]


async def _town(h: harness.Harness, roles: tuple[str, ...], marker: str | None) -> Town:
    setup = Setup(h, residents=0)
    await asyncio.to_thread(setup.apply_tenant)
    admin = await asyncio.to_thread(setup.tune_realm)
    users = [setup.user(f"as-{role.replace('_', '')}", ["user", role]) for role in roles]
    await asyncio.to_thread(setup.import_users, admin, users)
    people = await setup.login([u["username"] for u in users])
    await setup.register(people)
    by_role = dict(zip(roles, people, strict=True))
    found: list[str] = [setup.slug]
    if marker is not None:  # the neighbour: data that must never show up at A
        boss = by_role["superadmin"]
        department = await setup.department(boss)
        project = await setup.project(boss, department, f"geheim-{marker}", [ideation_phase(600)])
        await setup.wait_contributions_know(boss, project)
        ids = await setup.seed_inputs(project, project.phase_id, [boss], 2)
        found += [marker, department, project.project_id, *ids, boss.user_id]
    return Town(setup.slug, setup.host, by_role, found)


async def _writing_project(h: harness.Harness, town: Town, scoped: tuple[str, ...]) -> None:
    """A's department and the project the hostile cases write to; then the department
    head of that department and the moderator of that project (their scopes name the
    ids, so they can only be made now), signed in like everybody else."""
    setup = Setup(h, residents=0)
    setup.slug, setup.host = town.slug, town.host
    boss = town.people["superadmin"]
    department = await setup.department(boss)
    project = await setup.project(boss, department, WRITING_PROJECT, [ideation_phase(600)])
    scopes = {
        "department_head": f"department_head:department:{department}",
        "project_moderator": f"project_moderator:project:{project.project_id}",
    }
    if scoped:
        users = [
            {**setup.user(f"as-{role.replace('_', '')}", ["user"]),
             "attributes": {SCOPES_CLAIM: [scopes[role]]}}
            for role in scoped
        ]  # fmt: skip
        admin = await asyncio.to_thread(setup._admin)
        await asyncio.to_thread(setup.import_users, admin, users)
        people = await setup.login([u["username"] for u in users])
        for role, person in zip(scoped, people, strict=True):
            _require_scope(person, scopes[role])
            town.people[role] = person
        await setup.register(people)
    await setup.wait_contributions_know(boss, project)
    await asyncio.sleep(3)  # widget and gateway caches learn the project


def _require_scope(person: Person, scope: str) -> None:
    """A token without its scope would fuzz a plain resident under the role's name."""
    payload = person.token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    if scope not in claims.get(SCOPES_CLAIM, []):
        raise RuntimeError(f"{person.username}'s token lacks {scope}: {claims.get(SCOPES_CLAIM)}")


async def prepare_towns(h: harness.Harness, size: Size) -> tuple[Town, Town]:
    """A (every role of the run) and its neighbour B (with a secret marker)."""
    tenant_roles = tuple(r for r in size.roles if r not in ("anonymous", *SCOPED_ROLES))
    if "superadmin" not in tenant_roles:
        tenant_roles = (*tenant_roles, "superadmin")  # A's superadmin sets up the project
    town, neighbour = await asyncio.gather(
        _town(h, tenant_roles, None),
        _town(h, ("user", "superadmin"), f"geheim{secrets.token_hex(4)}"),
    )
    await _writing_project(h, town, tuple(r for r in size.roles if r in SCOPED_ROLES))
    return town, neighbour


# --- property-based fuzzing ------------------------------------------------------------


def _request_of(case: Any) -> dict[str, Any]:
    body = case.body if not _not_set(case.body) else None
    return {
        "method": case.method,
        "path": case.formatted_path,
        "query": case.query or {},
        "headers": {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"},
        "body": body
        if isinstance(body, (dict, list, str, int, float, bool, type(None)))
        else repr(body),
    }


def _content_type(response: Any) -> str:
    value = response.headers.get("content-type", "")
    # schemathesis keeps every header as a list of values
    return str(value[0] if isinstance(value, list) and value else value)


def _not_set(value: Any) -> bool:
    return type(value).__name__ == "NotSet"


def _check(
    tally: Tally, role: str, operation: str, status: int, content_type: str, text: str,
    request: dict[str, Any], neighbour: list[str],
) -> None:  # fmt: skip
    tally.requests += 1
    tally.statuses[str(status)] += 1
    tally.by_role.setdefault(role, Counter())[str(status)] += 1
    tally.cases[_cell(role, request, operation)] += 1
    if status >= 500:
        tally.add(Finding("server-error", role, operation, status, request, text[:300]))
    elif status >= 400 and not content_type.startswith(PROBLEM):
        tally.add(Finding("not-problem-json", role, operation, status, request, content_type))
    leaked = [s for s in neighbour if s and s in text]
    if leaked:
        tally.add(Finding("tenant-leak", role, operation, status, request, f"contains {leaked}"))


def fuzz_schema(
    base_url: str, town: Town, neighbour: Town, size: Size, run_seed: int, tally: Tally
) -> None:
    document = httpx.get(
        f"{base_url}/api/openapi.json", headers={"Host": town.host}, timeout=60, trust_env=False
    ).json()
    schema = schemathesis.openapi.from_dict(document)
    operations = [r.ok() for r in schema.get_all_operations()][:: size.every]
    tally.operations = len(operations)
    log.info("fuzzing %d operations as %s", len(operations), ", ".join(size.roles))
    for role in size.roles:
        person = town.people.get(role)
        headers = {"Host": town.host, "X-Forwarded-For": f"10.9.{len(role)}.{run_seed % 250}"}
        if person is not None:
            headers["Authorization"] = f"Bearer {person.token}"
        for operation in operations:
            for mode in size.modes:
                _fuzz_operation(
                    operation, mode, base_url, headers, role, size, run_seed, tally, neighbour
                )


def _fuzz_operation(
    operation: Any, mode: GenerationMode, base_url: str, headers: dict[str, str], role: str,
    size: Size, run_seed: int, tally: Tally, neighbour: Town,
) -> None:  # fmt: skip
    try:
        strategy = operation.as_strategy(generation_mode=mode)
    except Exception as exc:  # noqa: BLE001 (a schema schemathesis cannot turn into data)
        log.warning("no strategy for %s (%s): %s", operation.label, mode.value, exc)
        return

    @seed(run_seed)
    @settings(
        max_examples=size.max_examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def one(case: Any) -> None:
        request = _request_of(case)
        try:
            response = case.call(base_url=base_url, headers=headers, timeout=30)
        except Exception as exc:  # noqa: BLE001 (a dropped connection is a finding too)
            tally.add(Finding("no-answer", role, operation.label, 0, request, repr(exc)[:300]))
            return
        _check(
            tally, role, operation.label, response.status_code, _content_type(response),
            response.text, request, neighbour.secrets,
        )  # fmt: skip

    try:
        one()
    except Unsatisfiable:
        # No invalid request exists for an operation without parameters or body.
        if mode is GenerationMode.NEGATIVE and GenerationMode.POSITIVE not in size.modes:
            _fuzz_operation(operation, GenerationMode.POSITIVE, base_url, headers, role, size,
                            run_seed, tally, neighbour)  # fmt: skip
    except Exception as exc:  # noqa: BLE001 (hypothesis gave up on this strategy)
        log.warning("fuzzing %s (%s) stopped: %s", operation.label, mode.value, exc)


# --- hand-written hostile requests ----------------------------------------------------


def hostile(
    base_url: str, town: Town, neighbour: Town, tally: Tally, mail_api: str, size: Size = FULL
) -> dict[str, Any]:
    """Oversized and deeply nested bodies, invalid UTF-8, script in every text field,
    path traversal, and a token of one municipality at the other's address."""
    resident, boss = town.people["user"], town.people["superadmin"]
    client = httpx.Client(base_url=base_url, timeout=60, trust_env=False)
    outcome: dict[str, Any] = {}

    def send(
        name: str, method: str, path: str, person: Person | None, **kwargs: Any
    ) -> httpx.Response:
        headers = {"Host": town.host, "X-Forwarded-For": "10.8.0.1", **kwargs.pop("headers", {})}
        if person is not None:
            headers["Authorization"] = f"Bearer {person.token}"
        try:
            response = client.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            tally.add(
                Finding(
                    "no-answer",
                    "hand-written",
                    name,
                    0,
                    {"method": method, "path": path},
                    repr(exc),
                )
            )
            outcome[name] = "no answer"
            raise
        request = {"method": method, "path": path, "body": _describe(kwargs)}
        content_type = response.headers.get("content-type", "")
        _check(
            tally, "hand-written", name, response.status_code, content_type, response.text,
            request, neighbour.secrets,
        )  # fmt: skip
        outcome[name] = response.status_code
        return response

    project_id, phase_id = _project_for_writing(client, town)
    inputs_path = f"/api/v1/contributions/projects/{project_id}/phases/{phase_id}/inputs"
    json_type = {"Content-Type": "application/json"}
    if size.hand_written:
        big = {"title": "x" * 100, "body": "<p>" + "a" * OVERSIZED_BYTES + "</p>"}
        _body_limit(tally, send("oversized body (12 MB)", "POST", inputs_path, resident, json=big))
        chunked = _chunks(json.dumps(big).encode())  # no Content-Length: counted as it comes
        response = send("oversized body, chunked (12 MB)", "POST", inputs_path, resident,
                        content=chunked, headers=json_type)  # fmt: skip
        _body_limit(tally, response)
    deep = "[" * 100_000 + "]" * 100_000
    send("deep JSON (100,000 levels)", "POST", inputs_path, resident, content=deep,
         headers=json_type)  # fmt: skip
    invalid = b'{"title": "\xff\xfe\xfa", "body": "x"}'
    send("invalid UTF-8", "POST", inputs_path, resident, content=invalid,
         headers=json_type)  # fmt: skip
    if size.hand_written:
        send("wrong content type", "POST", inputs_path, resident, content=b"title=x",
             headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    for name, path in TRAVERSALS if size.hand_written else TRAVERSALS[1:2]:
        send(name, "GET", path, resident)
    # A's token at B's address: the service must refuse it, and show nothing of B.
    cross = client.get(
        "/api/v1/identity/me",
        headers={"Host": neighbour.host, "Authorization": f"Bearer {resident.token}"},
    )
    outcome["token of A at B's address"] = cross.status_code
    if cross.status_code < 400:
        tally.add(
            Finding("tenant-leak", "hand-written", "GET /api/v1/identity/me at B",
                    cross.status_code, {"host": neighbour.host}, cross.text[:300])
        )  # fmt: skip
    outcome["injection"] = _injection(
        send, client, town, project_id, phase_id, resident, boss, mail_api
    )
    client.close()
    return outcome


TRAVERSALS = (
    ("traversal ../ to internal", "/api/v1/widget/../widget/internal/hosts/x"),
    ("traversal %2e%2e", "/api/v1/contributions/%2e%2e/identity/v1/me"),
    ("traversal to operator", "/api/v1/identity/operator/tenants"),
    ("traversal widget ..", "/v1/widget/%2e%2e/internal/hosts/x"),
    ("traversal encoded slash", "/api/v1/projects/projects%2F..%2F..%2Fetc%2Fpasswd"),
    ("null byte in path", "/api/v1/projects/projects/by-slug/a%00b"),
)


def _chunks(data: bytes, size: int = 256 * 1024) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def _body_limit(tally: Tally, response: httpx.Response) -> None:
    """A body over the limit is refused with 413 as a problem document, before any
    service parses it (12 MB of JSON costs a service CPU and memory for nothing)."""
    content_type = response.headers.get("content-type", "")
    if response.status_code == 413 and content_type.startswith(PROBLEM):
        return
    request = response.request
    tally.add(
        Finding(
            "no-body-limit", "hand-written", f"{request.method} {request.url.path}",
            response.status_code,
            {"method": request.method, "path": request.url.path,
             "body": f"{OVERSIZED_BYTES // (1024 * 1024)} MB of JSON"},
            f"expected 413 {PROBLEM}, got {response.status_code} {content_type}",
        )
    )  # fmt: skip


def _describe(kwargs: dict[str, Any]) -> str:
    if "json" in kwargs:
        text = json.dumps(kwargs["json"])
        return text if len(text) < 200 else f"JSON of {len(text)} bytes"
    content = kwargs.get("content")
    if content is None:
        return ""
    if not isinstance(content, (bytes, str)):
        return "a chunked body (no Content-Length)"
    return repr(content[:80]) + (f" … ({len(content)} bytes)" if len(content) > 80 else "")


def _project_for_writing(client: httpx.Client, town: Town) -> tuple[str, str]:
    boss = town.people["superadmin"]
    headers = {"Host": town.host, "Authorization": f"Bearer {boss.token}"}
    listing = client.get(f"/api/v1/projects/projects/by-slug/{WRITING_PROJECT}", headers=headers)
    if listing.status_code != 200:
        raise RuntimeError(
            f"the fuzz project is missing: {listing.status_code} {listing.text[:200]}"
        )
    project = listing.json()
    phase = next(p for p in project["phases"] if p["kind"] == "ideation")
    return str(project["id"]), str(phase["id"])


SCRIPT = '<script>alert("xss")</script>'
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">x</a>'


def _injection(
    send: Any, client: httpx.Client, town: Town, project_id: str, phase_id: str,
    resident: Person, boss: Person, mail_api: str,
) -> dict[str, Any]:  # fmt: skip
    """Script in every text field a resident writes; what comes back must be inert."""
    created = send(
        "script in input title and body", "POST",
        f"/api/v1/contributions/projects/{project_id}/phases/{phase_id}/inputs", resident,
        json={"title": f"Titel {SCRIPT}{IMG}", "body": f"<p>ok</p>{SCRIPT}{IMG}{LINK}"},
    )  # fmt: skip
    result: dict[str, Any] = {"input_created": created.status_code}
    if created.status_code != 201:
        return result
    input_id = created.json()["input_id"]
    body = created.json().get("body", "")
    result["input_body_sanitised"] = all(
        s not in body for s in ("<script", "onerror", "javascript:")
    )
    comment = send(
        "script in comment", "POST",
        f"/api/v1/contributions/projects/{project_id}/inputs/{input_id}/comments", boss,
        json={"body": f"Antwoord {SCRIPT}"},
    )  # fmt: skip
    result["comment_created"] = comment.status_code
    reply = send(
        "script in reply (mailed to the comment's author)", "POST",
        f"/api/v1/contributions/projects/{project_id}/inputs/{input_id}/comments", resident,
        json={"body": f"Reactie {SCRIPT}", "parent_comment_id": comment.json().get("comment_id")},
    )  # fmt: skip
    result["reply_created"] = reply.status_code
    time.sleep(3)  # the widget learns the input from its event
    frame = client.get(
        f"/v1/widget/frame/inputs?project={project_id}&lang=nl", headers={"Host": town.host}
    )
    result["widget_status"] = frame.status_code
    result["widget_escaped"] = _inert(frame.text)
    result["widget_shows_title"] = "&lt;script&gt;" in frame.text
    result["web"] = _pages_escaped(client, town, input_id)
    result["mail"] = _mail_escaped(mail_api, boss.email)
    return result


def _inert(html: str) -> bool:
    """No markup of ours made it through as markup (the pages' own scripts are external
    files with a src, never `<script>alert`)."""
    return not any(s in html for s in ("<script>alert", "<img src=x", 'href="javascript:'))


def _pages_escaped(client: httpx.Client, town: Town, input_id: str) -> dict[str, Any]:
    """The web app as an anonymous reader sees them: the project page (titles) and the
    input's page (title, body, comment and reply)."""
    found: dict[str, Any] = {}
    for name, path in (
        ("project_page", f"/projects/{WRITING_PROJECT}"),
        ("input_page", f"/projects/{WRITING_PROJECT}/inputs/{input_id}"),
    ):
        page = client.get(path, headers={"Host": town.host, "Accept-Language": "nl"})
        found[name] = {
            "status": page.status_code,
            "escaped": _inert(page.text),
            "shows_title": "Titel &lt;script&gt;" in page.text,
        }
    found["input_page"]["shows_comment"] = "Antwoord &lt;script&gt;" in page.text
    return found


def _mail_escaped(mail_api: str, to: str, timeout: float = 40) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = httpx.get(
            f"{mail_api}/messages", params={"to": to}, timeout=10, trust_env=False
        ).json()
        if messages:
            html = "".join(m.get("html") or "" for m in messages)
            text = "".join(m.get("subject") or "" for m in messages)
            return {
                "mails": len(messages),
                "html_escaped": "<script>alert" not in html and "<img src=x" not in html,
                "subjects": text[:200],
            }
        time.sleep(1)
    return {"mails": 0}


async def run(smoke: bool, run_seed: int, out: Path) -> dict[str, Any]:
    began = time.monotonic()
    with harness.platform("fuzz") as h:
        return await on_platform(h, smoke, run_seed, out, time.monotonic() - began)


async def on_platform(
    h: harness.Harness,
    smoke: bool,
    run_seed: int,
    out: Path,
    started: float,
    towns: tuple[Town, Town] | None = None,
) -> dict[str, Any]:
    size = SMOKE if smoke else FULL
    began = time.monotonic()
    town, neighbour = towns or await prepare_towns(h, size)
    tally = Tally()
    hand = await asyncio.to_thread(
        hostile, h.gateway, town, neighbour, tally, h.endpoints.mail_api_url, size
    )
    fuzz_began = time.monotonic()
    await asyncio.to_thread(fuzz_schema, h.gateway, town, neighbour, size, run_seed, tally)
    fuzz_seconds = time.monotonic() - fuzz_began
    alive = {s: _alive(h.url(s)) for s in harness.SERVICES}
    doc = {
        "kind": "smoke" if smoke else "full",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": run_seed,
        "roles": list(size.roles),
        "max_examples": size.max_examples,
        "modes": [m.value for m in size.modes],
        "operations": tally.operations,
        "requests": tally.requests,
        "statuses": dict(sorted(tally.statuses.items())),
        "statuses_by_role": {r: dict(sorted(c.items())) for r, c in tally.by_role.items()},
        "by_service_role": {
            cell: {"cases": tally.cases[cell], "failures": tally.failures[cell]}
            for cell in sorted(set(tally.cases) | set(tally.failures))
        },
        "findings": [f.__dict__ for f in tally.findings],
        "hand_written": hand,
        "services_alive_after": alive,
        "platform_start_seconds": round(started, 1),
        "fuzz_seconds": round(fuzz_seconds, 1),
        "seconds": round(time.monotonic() - began + started, 1),
    }
    report.write(out, "fuzz-smoke" if smoke else "fuzz", doc, report.fuzz_markdown)
    return doc


def _alive(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=5, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def fuzz_ok(doc: dict[str, Any]) -> bool:
    hand = doc["hand_written"]
    injection = hand.get("injection", {})
    pages = injection.get("web", {}).values()
    return (
        not doc["findings"]
        and all(doc["services_alive_after"].values())
        and injection.get("input_body_sanitised", False)
        and injection.get("widget_escaped", False)
        and bool(pages)
        and all(p["status"] == 200 and p["escaped"] and p["shows_title"] for p in pages)
        and injection.get("mail", {}).get("html_escaped", False)
    )


def main(argv: list[str] | None = None) -> int:
    global FULL, SMOKE  # --max-examples
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--max-examples", type=int, help=f"per operation, role and mode (full: {FULL.max_examples})"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.max_examples:  # a shorter full run on a busy machine
        FULL = dataclasses.replace(FULL, max_examples=args.max_examples)
        SMOKE = dataclasses.replace(SMOKE, max_examples=args.max_examples)
    doc = asyncio.run(run(args.smoke, args.seed, args.out))
    print(report.fuzz_markdown(doc))
    return 0 if fuzz_ok(doc) else 1


if __name__ == "__main__":
    sys.exit(main())
