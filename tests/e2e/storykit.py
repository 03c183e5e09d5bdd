"""The tools the end-to-end story plays with: people, calls through the gateway, mail, report.

Every call goes through the gateway's public API with the tenant's host name, as a
browser or script of that municipality would send it. A call that answers otherwise
than the story expects raises `StoryError` naming the step, the role, the person and the
call, with the response, so a failing run says at once who could not do what.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import nats
import nats.js.errors

from inspraak_stack.mailbox import Mailbox

T = TypeVar("T")
PASSWORD = "Inspraak-e2e-2026!"  # every person of the story; Keycloak's policy wants 10+
TOKEN_MARGIN = 30.0  # seconds: a token this close to expiry is renewed before a call
_ACCEPT_TOKEN = re.compile(r"/invitations/accept\?token=([A-Za-z0-9_-]+)")


class StoryError(AssertionError):
    """A step of the story did not go as a user relies on."""


@dataclass
class Tenant:
    slug: str
    display_name: str
    country: str
    languages: list[str]
    host: str  # the host name the API is reached on (the primary domain in use)
    spec_path: Path | None = None


@dataclass(eq=False)  # each person is themselves: hashable, compared by identity
class Person:
    """Someone of the story: a role label for messages, and their Keycloak login."""

    role: str
    username: str
    email: str
    tenant: Tenant
    language: str = "nl"
    user_id: str | None = None
    _token: str | None = field(default=None, repr=False)
    _expires: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.role} '{self.username}' of {self.tenant.slug}"


@dataclass
class StepRecord:
    number: int
    title: str
    started: float
    seconds: float | None = None
    outcome: str = "running"
    calls: int = 0


class Story:
    """One run of the story: the gateway, Keycloak, the mail catcher and a running report."""

    def __init__(
        self,
        gateway_url: str,
        keycloak_url: str,
        mailbox: Mailbox,
        run: str,
        platform_env: dict[str, str],
        nats_url: str | None = None,
    ) -> None:
        self.nats_url = nats_url
        self.gateway_url = gateway_url.rstrip("/")
        self.platform_env = platform_env
        self.tenants: list[Tenant] = []
        self.keycloak_url = keycloak_url.rstrip("/")
        self.mailbox = mailbox
        self.run = run  # unique per run: the mail catcher and Keycloak are shared
        self.http = httpx.Client(timeout=60.0, trust_env=False, follow_redirects=False)
        self.steps: list[StepRecord] = []
        self.current: StepRecord | None = None
        self.failed: str | None = None
        self.mails: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.screenshots: list[str] = []  # browser screenshots in artifacts/
        self.browser: Any = None  # storybrowser.StoryBrowser, set by the conftest
        self.began = time.monotonic()
        self.state: dict[str, Any] = {}

    # --- steps ---------------------------------------------------------------------------

    @contextmanager
    def step(self, number: int, title: str) -> Iterator[StepRecord]:
        """Run one step of the story; a later step does not run once one failed."""
        if self.failed is not None:
            raise StoryError(f"step {number} ({title}) not played: {self.failed} failed first")
        record = StepRecord(number=number, title=title, started=time.monotonic())
        self.steps.append(record)
        self.current = record
        try:
            yield record
        except BaseException as exc:
            record.outcome = f"FAILED: {str(exc).splitlines()[0][:300]}"
            self.failed = f"step {number} ({title})"
            raise
        else:
            record.outcome = "passed"
        finally:
            record.seconds = time.monotonic() - record.started
            self.current = None

    def where(self) -> str:
        return f"step {self.current.number}" if self.current else "set-up"

    def note(self, text: str) -> None:
        self.notes.append(f"[{self.where()}] {text}")

    # --- the operator ----------------------------------------------------------------------

    def operator(self, *args: str, timeout: float = 240.0) -> subprocess.CompletedProcess[str]:
        """`inspraak ARGS` as the operator runs it, against this platform's services."""
        command = [str(Path(sys.executable).parent / "inspraak"), *args]
        return subprocess.run(
            command,
            env={**os.environ, **self.platform_env, "COLUMNS": "200"},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def apply_tenants(self, tenants: list[Tenant], attempts: int = 5) -> None:
        """`inspraak tenant apply` for each spec, side by side; again when Keycloak was slow
        (the command says "apply again": it continues where it stopped)."""
        pending = list(tenants)
        self.tenants.extend(t for t in tenants if t not in self.tenants)
        for attempt in range(1, attempts + 1):
            with ThreadPoolExecutor(len(pending)) as pool:
                results = list(
                    pool.map(lambda t: self.operator("tenant", "apply", str(t.spec_path)), pending)
                )
            failed = [(t, r) for t, r in zip(pending, results, strict=True) if r.returncode != 0]
            for tenant, result in failed:
                self.note(
                    f"`inspraak tenant apply` of {tenant.slug} failed (attempt {attempt}): "
                    f"{(result.stdout + result.stderr).strip().splitlines()[-1:]}"
                )
            pending = [t for t, _ in failed]
            if not pending:
                return
        raise StoryError(
            f"{self.where()}: `inspraak tenant apply` failed for "
            f"{[t.slug for t in pending]}: {failed[-1][1].stdout}{failed[-1][1].stderr}"
        )

    def remove_tenants(self) -> None:
        """`inspraak tenant delete`: the shared Keycloak keeps no realm of this run."""
        for tenant in self.tenants:
            self.operator("tenant", "delete", tenant.slug, "--confirm", tenant.slug)

    # --- tokens ----------------------------------------------------------------------------

    def token_of(self, person: Person, *, renew: bool = False) -> str:
        """An access token as the person's own script gets one: password grant, CLI client."""
        if renew or person._token is None or time.monotonic() > person._expires - TOKEN_MARGIN:
            person._token, lifetime = self.password_grant(person)
            person._expires = time.monotonic() + lifetime
        return person._token

    def password_grant(self, person: Person, password: str = PASSWORD) -> tuple[str, float]:
        url = f"{self.keycloak_url}/realms/{person.tenant.slug}/protocol/openid-connect/token"
        response = self.http.post(
            url,
            data={
                "grant_type": "password",
                "client_id": "inspraak-cli",
                "username": person.username,
                "password": password,
                "scope": "openid",
            },
        )
        if response.status_code != 200:
            raise StoryError(
                f"{self.where()}: {person.label} cannot sign in at Keycloak "
                f"(password grant, client inspraak-cli): {response.status_code} {response.text}"
            )
        body = response.json()
        return body["access_token"], float(body.get("expires_in", 300))

    # --- calls -----------------------------------------------------------------------------

    def call(
        self,
        who: Person | None,
        method: str,
        path: str,
        *,
        expect: int | tuple[int, ...] = 200,
        tenant: Tenant | None = None,
        host: str | None = None,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        content: bytes | str | None = None,
        token: str | None = None,
        why: str = "",
    ) -> httpx.Response:
        """`method path` on the gateway as `who` (None: anonymous) at `tenant`'s host.

        `path` is the public path (`/api/v1/...`, `/v1/widget/...` or a page). The tenant is
        the caller's own unless another is named (the cross-tenant checks).
        """
        target = tenant or (who.tenant if who else None)
        if host is None:
            if target is None:
                raise ValueError("an anonymous call needs the tenant whose host it uses")
            host = target.host
        sent = {"Host": host, "Accept": "application/json", **(headers or {})}
        if who is not None:
            sent["Authorization"] = f"Bearer {token or self.token_of(who)}"
        if self.current is not None:
            self.current.calls += 1
        try:
            response = self.http.request(
                method,
                f"{self.gateway_url}{path}",
                headers=sent,
                json=json_body,
                params=params,
                content=content,
            )
        except httpx.HTTPError as exc:
            raise StoryError(self._context(who, method, path, host, why) + f": {exc!r}") from exc
        allowed = (expect,) if isinstance(expect, int) else expect
        if response.status_code not in allowed:
            raise StoryError(
                f"{self._context(who, method, path, host, why)}: expected HTTP "
                f"{' or '.join(map(str, allowed))}, got {response.status_code}: "
                f"{response.text[:800]}"
            )
        return response

    def json(self, who: Person | None, method: str, path: str, **kwargs: Any) -> Any:
        return self.call(who, method, path, **kwargs).json()

    def _context(self, who: Person | None, method: str, path: str, host: str, why: str) -> str:
        actor = who.label if who else "anonymous visitor"
        purpose = f" ({why})" if why else ""
        return f"{self.where()}, {actor}: {method} {path} on {host}{purpose}"

    def fail(self, who: Person | None, what: str) -> StoryError:
        actor = who.label if who else "anonymous visitor"
        return StoryError(f"{self.where()}, {actor}: {what}")

    # --- waiting for events ----------------------------------------------------------------

    def eventually(self, what: str, check: Callable[[], T | None], timeout: float = 45.0) -> T:
        """Poll `check` until it returns something truthy (events travel between services)."""
        deadline = time.monotonic() + timeout
        last: BaseException | None = None
        while True:
            try:
                result = check()
            except StoryError as exc:
                result, last = None, exc
            if result:
                return result
            if time.monotonic() > deadline:
                detail = f"; last: {last}" if last else ""
                raise StoryError(
                    f"{self.where()}: {what} did not happen within {timeout:.0f}s{detail}"
                )
            time.sleep(0.5)

    # --- mail ------------------------------------------------------------------------------

    def mail_to(
        self,
        person: Person | str,
        matches: Callable[[dict[str, Any]], bool],
        what: str,
        timeout: float = 60.0,
    ) -> dict[str, Any]:
        """The first mail to the person that `matches`, read from the real mail catcher."""
        address = person.email if isinstance(person, Person) else person
        try:
            message = self.mailbox.wait_for(matches, timeout=timeout, to=address)
        except AssertionError as exc:
            raise StoryError(f"{self.where()}: no {what} mail to {address}: {exc}") from exc
        if message["id"] not in {m["id"] for m in self.mails}:
            self.mails.append(
                {
                    "id": message["id"],
                    "step": self.where(),
                    "to": address,
                    "subject": message.get("subject"),
                    "kind": header(message, "X-Inspraak-Notification"),
                    "language": header(message, "Content-Language"),
                }
            )
        return message

    def invitation_mail(self, person: Person, timeout: float = 90.0) -> tuple[dict[str, Any], str]:
        message = self.mail_to(
            person,
            lambda m: header(m, "X-Inspraak-Notification") == "invitation",
            "invitation",
            timeout,
        )
        found = _ACCEPT_TOKEN.search(message.get("text") or "")
        if found is None:
            raise StoryError(f"{self.where()}: the invitation to {person.email} has no accept link")
        return message, found.group(1)

    def mails_to(self, person: Person) -> list[dict[str, Any]]:
        return self.mailbox.messages(to=person.email)

    # --- report ----------------------------------------------------------------------------

    def close(self) -> None:
        self.http.close()

    def write_report(self, path: Path) -> None:
        tenants = self.tenants
        path.parent.mkdir(parents=True, exist_ok=True)
        total = time.monotonic() - self.began
        lines = [
            "# Inspraak end-to-end story",
            "",
            f"Run `{self.run}` at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {total:.0f} s in all.",
            "Tenants: "
            + ", ".join(
                f"{t.slug} ({t.display_name}, {t.country}, {'/'.join(t.languages)}, {t.host})"
                for t in tenants
            ),
            "",
            "| step | what | outcome | seconds | calls |",
            "|---|---|---|---|---|",
        ]
        for s in self.steps:
            seconds = f"{s.seconds:.1f}" if s.seconds is not None else "-"
            lines.append(f"| {s.number} | {s.title} | {s.outcome} | {seconds} | {s.calls} |")
        lines += ["", f"## E-mails read from the mail catcher ({len(self.mails)})", ""]
        lines += ["| step | to | kind | language | subject |", "|---|---|---|---|---|"]
        for m in self.mails:
            lines.append(
                f"| {m['step']} | {m['to']} | {m['kind']} | {m['language']} | {m['subject']} |"
            )
        if self.screenshots:
            lines += ["", f"## Browser screenshots ({len(self.screenshots)})", ""]
            lines += [f"- [{name}]({name})" for name in self.screenshots]
        if self.notes:
            lines += ["", "## Notes", ""] + [f"- {n}" for n in self.notes]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        path.with_suffix(".json").write_text(
            json.dumps(
                {
                    "run": self.run,
                    "steps": [s.__dict__ for s in self.steps],
                    "mails": self.mails,
                    "notes": self.notes,
                    "screenshots": self.screenshots,
                },
                indent=2,
                default=str,
            ),
            encoding="utf-8",
        )


def header(message: dict[str, Any], name: str) -> str | None:
    values = (message.get("headers") or {}).get(name) or []
    return values[0] if values else None


async def _stream_events(nats_url: str) -> list[tuple[str, dict[str, Any]]]:
    """Every event the services' streams hold, as (subject, CloudEvent)."""
    client = await nats.connect(nats_url)
    try:
        js = client.jetstream()
        found = []
        for info in await js.streams_info():
            if not info.config.name.startswith("INSPRAAK_") or info.config.name.endswith(
                "DEADLETTER"
            ):
                continue
            if not info.state.messages:
                continue
            for seq in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
                try:
                    message = await js.get_msg(info.config.name, seq)
                except nats.js.errors.NotFoundError:
                    continue  # removed by the stream's limits
                found.append((message.subject, json.loads(message.data or b"{}")))
        return found
    finally:
        await client.close()


def stream_events(nats_url: str) -> list[tuple[str, dict[str, Any]]]:
    # In a thread of its own: the story's browser (sync Playwright) keeps an event loop
    # running in this one, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(_stream_events(nats_url))).result()
