"""Every role against every identity endpoint: allowed, or refused with 403 (401 anonymous).

The table is PRODUCT.md's roles table applied to identity: superadmins manage the whole
tenant; department heads their department's people; support only while a superadmin
grants access (and never personal data); everyone else only their own account.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

pytestmark = pytest.mark.keycloak

ROLES = (
    "anonymous",
    "user",
    "policy_maker",
    "communications",
    "it_admin",
    "department_head",
    "project_moderator",
    "external_moderator",
    "support",
    "superadmin",
)
# Who plays each role in the `staffed` tenant.
PEOPLE = {
    "user": "ursula",
    "policy_maker": "paula",
    "communications": "cor",
    "it_admin": "ivo",
    "department_head": "dirk",
    "project_moderator": "mona",
    "external_moderator": "eric",
    "support": "suzy",
    "superadmin": "sam",
}
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
MANAGERS = frozenset({"superadmin", "department_head"})
SUPERADMIN = frozenset({"superadmin"})
UNKNOWN = "00000000-0000-0000-0000-000000000000"


def _email() -> str:
    return f"m-{secrets.token_hex(4)}@example.org"


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    allowed: frozenset[str]
    body: Callable[[Any], Any] | None = None
    content: str | None = None
    # Also allowed for support while a superadmin has granted access.
    support_with_access: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


CALLS = (
    Call("GET", "/v1/tenant", EVERYONE),
    Call("GET", "/v1/terms", EVERYONE),
    Call("PUT", "/v1/terms", SUPERADMIN, body=lambda w: {"text": {}}),
    Call("POST", "/v1/me/terms/acceptance", SIGNED_IN, body=lambda w: {"version": 999}),
    Call(
        "POST",
        "/v1/invitations",
        MANAGERS,
        body=lambda w: {"email": _email(), "role": "project_moderator", "scopeId": "p-park"},
        support_with_access=True,
    ),
    Call(
        "POST",
        "/v1/invitations/bulk",
        MANAGERS,
        content="email,role,scopeId\n{email},project_moderator,p-park\n",
        support_with_access=True,
    ),
    Call("GET", "/v1/invitations", MANAGERS, support_with_access=True),
    Call("GET", f"/v1/invitations/{UNKNOWN}", MANAGERS, support_with_access=True),
    Call("POST", f"/v1/invitations/{UNKNOWN}/resend", MANAGERS, support_with_access=True),
    Call("POST", f"/v1/invitations/{UNKNOWN}/revoke", MANAGERS, support_with_access=True),
    Call("POST", "/v1/invitations/preview", EVERYONE, body=lambda w: {"token": "x" * 43}),
    Call("POST", "/v1/invitations/accept", EVERYONE, body=lambda w: {"token": "x" * 43}),
    Call("GET", "/v1/roles/grants", MANAGERS, support_with_access=True),
    Call(
        "POST",
        "/v1/roles/grants",
        MANAGERS,
        body=lambda w: {
            "userId": w.users["tina"],
            "role": "project_moderator",
            "scopeId": "p-park",
        },
        support_with_access=True,
    ),
    Call("DELETE", f"/v1/roles/grants/{UNKNOWN}", MANAGERS, support_with_access=True),
    Call("POST", "/v1/support-access", SUPERADMIN, body=lambda w: {"hours": 0, "reason": "x"}),
    Call("GET", "/v1/support-access", frozenset({"superadmin", "support"})),
    Call("DELETE", f"/v1/support-access/{UNKNOWN}", SUPERADMIN),
    Call("GET", "/v1/audit", SUPERADMIN),
    Call("POST", "/v1/people/registrations", EVERYONE, body=lambda w: {"username": "x"}),
    Call("GET", "/v1/people/mona", EVERYONE),
    Call("GET", "/v1/people/mona/contact", MANAGERS),
    Call("GET", "/v1/me", SIGNED_IN),
    Call("PATCH", "/v1/me", SIGNED_IN, body=lambda w: {}),
    Call("GET", "/v1/me/export", SIGNED_IN),
    Call("POST", "/v1/me/erasure", SIGNED_IN, body=lambda w: {"confirmUsername": "not-me"}),
    Call("GET", "/v1/team", MANAGERS, support_with_access=True),
    Call("GET", "/v1/team/roles", SIGNED_IN),
    Call("GET", "/v1/me/onboarding", SIGNED_IN),
    Call("PUT", "/v1/me/onboarding/not-an-item", SIGNED_IN, body=lambda w: {"done": True}),
)


async def _call(world, call: Call, role: str):
    token = None if role == "anonymous" else await world.token(PEOPLE[role])
    headers = world.headers(token)
    kwargs: dict[str, Any] = {}
    if call.body is not None:
        kwargs["json"] = call.body(world)
    if call.content is not None:
        kwargs["content"] = call.content.format(email=_email()).encode()
        headers["Content-Type"] = "text/csv"
    return await world.client.request(call.method, call.path, headers=headers, **kwargs)


def _assert(response, call: Call, role: str, allowed: bool) -> None:
    where = f"{role} on {call}: {response.status_code} {response.text[:300]}"
    if allowed:
        assert response.status_code not in (401, 403), where
        assert response.status_code < 500, where
    else:
        assert response.status_code == (401 if role == "anonymous" else 403), where
        assert response.headers["content-type"] == "application/problem+json", where


@pytest.mark.parametrize("call", CALLS, ids=str)
@pytest.mark.parametrize("role", ROLES)
async def test_role_may_call_endpoint_exactly_as_the_product_says(staffed, role, call):
    response = await _call(staffed, call, role)
    _assert(response, call, role, role in call.allowed)


class TestSupportAccess:
    async def test_support_acts_only_while_access_is_granted_and_every_action_is_audited(
        self, staffed
    ):
        sam = await staffed.token("sam")
        granted = await staffed.post(
            "/v1/support-access", sam, json={"hours": 2, "reason": "helping set up projects"}
        )
        assert granted.status_code == 201, granted.text
        try:
            for call in CALLS:
                allowed = "support" in call.allowed or call.support_with_access
                _assert(await _call(staffed, call, "support"), call, "support", allowed)
        finally:
            revoked = await staffed.client.delete(
                f"/v1/support-access/{granted.json()['id']}", headers=staffed.headers(sam)
            )
            assert revoked.status_code == 204
        audit = (await staffed.get("/v1/audit", sam, params={"actorRole": "support"})).json()
        audited = {entry["action"] for entry in audit}
        assert "GET /v1/team" in audited
        assert "POST /v1/invitations" in audited
        assert all(e["actorUsername"] == "suzy" for e in audit)
        after = await staffed.get("/v1/team", await staffed.token("suzy"))
        assert after.status_code == 403


class TestOperatorEndpoints:
    @pytest.mark.parametrize("role", sorted(PEOPLE))
    async def test_no_realm_token_opens_the_operator_api(self, staffed, role):
        token = await staffed.token(PEOPLE[role])
        for method, path in (
            ("GET", "/v1/operator/tenants"),
            ("GET", f"/v1/operator/tenants/{staffed.slug}"),
            ("GET", f"/v1/operator/tenants/{staffed.slug}/export"),
            ("DELETE", f"/v1/operator/tenants/{staffed.slug}?confirm={staffed.slug}"),
        ):
            response = await staffed.client.request(
                method, path, headers={"Authorization": f"Bearer {token}"}
            )
            assert response.status_code == 401, f"{role} {method} {path}"


async def test_a_token_of_another_tenant_is_403(staffed, closed):
    foreign = await closed.token("sam")
    for call in CALLS:
        if call.allowed == EVERYONE:
            continue
        response = await staffed.client.request(
            call.method, call.path, headers=staffed.headers(foreign)
        )
        assert response.status_code == 403, f"{call}: {response.status_code}"
        assert response.json()["type"].endswith("wrong-tenant")
