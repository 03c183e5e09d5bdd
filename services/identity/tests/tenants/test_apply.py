"""Applying a tenant spec: the realm as specified, idempotent, updated on change."""

import pytest
from inspraak_identity.keycloak.realm import RealmDesign, RealmProvisioner
from keycloak import KeycloakAdmin

from tests.support.world import (
    CREATED_REALMS,
    apply,
    new_spec,
    operator_headers,
    read_events,
)

pytestmark = pytest.mark.keycloak


@pytest.fixture(scope="module")
async def applied(client, keycloak_endpoint):
    # The realm's Keycloak comes from the spec: the same server under another name here.
    elsewhere = keycloak_endpoint.url.replace("127.0.0.1", "localhost")
    assert elsewhere != keycloak_endpoint.url
    spec = new_spec(languages=["nl", "fr"], defaultLanguage="nl", keycloakUrl=elsewhere)
    response = await apply(client, spec)
    assert response.status_code == 200, response.text
    CREATED_REALMS.append(spec["slug"])
    return spec, response.json()


def _realm(world_admin, slug):
    return world_admin.get_realm(slug)


class TestFirstApply:
    async def test_every_step_is_created(self, applied):
        _, report = applied
        assert report["changed"] is True
        statuses = {step["name"]: step["status"] for step in report["steps"]}
        assert statuses["realm"] == "created"
        assert statuses["client inspraak-web"] == "created"
        assert statuses["client inspraak-cli"] == "created"
        assert statuses["tenant record"] == "created"
        assert statuses["bootstrap superadmin"] == "created"
        assert report["bootstrapInvitation"]["email"] == applied[0]["bootstrapSuperadminEmail"]

    async def test_realm_is_configured_as_specified(self, applied, keycloak_admin):
        spec, _ = applied
        realm = keycloak_admin.get_realm(spec["slug"])
        assert realm["displayName"] == spec["displayName"]
        assert realm["bruteForceProtected"] is True
        assert realm["registrationAllowed"] is True
        assert "length(10)" in realm["passwordPolicy"]
        assert realm["internationalizationEnabled"] is True
        assert sorted(realm["supportedLocales"]) == ["fr", "nl"]
        assert realm["defaultLocale"] == "nl"

    async def test_realm_roles_and_default_role(self, applied, keycloak_admin):
        spec, _ = applied
        keycloak_admin.change_current_realm(spec["slug"])
        try:
            roles = {role["name"] for role in keycloak_admin.get_realm_roles()}
            defaults = {role["name"] for role in keycloak_admin.get_realm_default_roles()}
            profile = keycloak_admin.get_realm_users_profile()
        finally:
            keycloak_admin.change_current_realm("master")
        assert {
            "superadmin",
            "policy_maker",
            "communications",
            "it_admin",
            "support",
            "user",
        } <= roles
        assert "user" in defaults
        assert profile["unmanagedAttributePolicy"] == "ADMIN_EDIT"
        (area,) = [a for a in profile["attributes"] if a["name"] == "inspraak_area"]
        assert area["permissions"] == {"view": ["admin"], "edit": ["admin"]}

    async def test_web_client_uses_pkce_and_exact_redirects(self, applied, keycloak_admin):
        spec, _ = applied
        keycloak_admin.change_current_realm(spec["slug"])
        try:
            web = keycloak_admin.get_client(keycloak_admin.get_client_id("inspraak-web"))
            cli = keycloak_admin.get_client(keycloak_admin.get_client_id("inspraak-cli"))
        finally:
            keycloak_admin.change_current_realm("master")
        hosts = [spec["domains"]["primary"], *spec["domains"]["aliases"]]
        assert web["publicClient"] is True
        assert web["standardFlowEnabled"] is True
        assert web["directAccessGrantsEnabled"] is False
        assert web["attributes"]["pkce.code.challenge.method"] == "S256"
        assert sorted(web["redirectUris"]) == sorted(f"https://{h}/auth/callback" for h in hosts)
        assert sorted(web["webOrigins"]) == sorted(f"https://{h}" for h in hosts)
        assert cli["directAccessGrantsEnabled"] is True
        for client in (web, cli):
            mappers = {m["name"]: m for m in client["protocolMappers"]}
            assert {"inspraak-api-audience", "inspraak-scopes", "inspraak-area"} <= set(mappers)
            area = mappers["inspraak-area"]["config"]
            assert area["user.attribute"] == area["claim.name"] == "inspraak_area"
            assert (area["access.token.claim"], area["id.token.claim"]) == ("true", "false")

    async def test_tenant_applied_event_is_published(self, applied, js):
        spec, _ = applied
        events = await read_events(js, f"inspraak.{spec['slug']}.identity.tenant.applied")
        assert len(events) == 1
        assert events[0].data["slug"] == spec["slug"]
        data = events[0].data
        assert data["version"] == 1
        assert data["keycloak_issuer"] == f"{spec['keycloakUrl']}/realms/{spec['slug']}"
        assert data["domains"] == {
            "primary": spec["domains"]["primary"],
            "aliases": spec["domains"]["aliases"],
        }
        assert data["allow_external_moderators"] is False
        assert "bootstrap_superadmin_email" not in data

    async def test_public_settings_of_the_tenant(self, applied, client):
        spec, _ = applied
        response = await client.get("/v1/tenant", headers={"X-Inspraak-Tenant": spec["slug"]})
        assert response.status_code == 200
        body = response.json()
        assert body["webClientId"] == "inspraak-web"
        assert body["keycloakRealmUrl"] == f"{spec['keycloakUrl']}/realms/{spec['slug']}"
        assert "bootstrapSuperadminEmail" not in body


class TestSecondApply:
    async def test_applying_the_same_spec_twice_changes_nothing(self, applied, client, js):
        spec, _ = applied
        response = await apply(client, spec)
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["changed"] is False
        assert [s["status"] for s in report["steps"]] == ["unchanged"] * len(report["steps"])
        assert report["bootstrapInvitation"] is None
        events = await read_events(
            js, f"inspraak.{spec['slug']}.identity.tenant.applied", count=2, timeout=1.5
        )
        assert len(events) == 1

    async def test_a_changed_spec_updates_the_realm(self, applied, client, keycloak_admin, js):
        spec, _ = applied
        changed = {
            **spec,
            "displayName": spec["displayName"] + " (nieuw)",
            "languages": ["nl", "fr", "en"],
            "allowSelfRegistration": False,
            "domains": {"primary": spec["domains"]["primary"], "aliases": []},
        }
        response = await apply(client, changed)
        assert response.status_code == 200, response.text
        statuses = {s["name"]: s for s in response.json()["steps"]}
        assert statuses["realm"]["status"] == "updated"
        assert set(statuses["realm"]["changes"]) == {
            "displayName",
            "registrationAllowed",
            "supportedLocales",
        }
        assert statuses["client inspraak-web"]["status"] == "updated"
        assert statuses["client inspraak-cli"]["status"] == "unchanged"
        assert statuses["tenant record"]["status"] == "updated"
        realm = keycloak_admin.get_realm(spec["slug"])
        assert realm["registrationAllowed"] is False
        assert sorted(realm["supportedLocales"]) == ["en", "fr", "nl"]
        keycloak_admin.change_current_realm(spec["slug"])
        try:
            web = keycloak_admin.get_client(keycloak_admin.get_client_id("inspraak-web"))
        finally:
            keycloak_admin.change_current_realm("master")
        assert web["redirectUris"] == [f"https://{spec['domains']['primary']}/auth/callback"]
        again = await apply(client, changed)
        assert again.json()["changed"] is False
        events = await read_events(js, f"inspraak.{spec['slug']}.identity.tenant.applied", count=2)
        assert [e.data["version"] for e in events] == [1, 2]
        assert events[1].data["languages"] == ["nl", "fr", "en"]


class TestOperatorApi:
    async def test_operator_token_is_required(self, client):
        spec = new_spec()
        response = await client.put(f"/v1/operator/tenants/{spec['slug']}", json=spec)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        wrong = await client.put(
            f"/v1/operator/tenants/{spec['slug']}",
            json=spec,
            headers={"Authorization": "Bearer not-the-token"},
        )
        assert wrong.status_code == 401

    async def test_invalid_spec_is_422(self, client):
        spec = new_spec(defaultLanguage="en")
        response = await apply(client, spec)
        assert response.status_code == 422
        assert response.json()["type"].endswith("validation-failed")

    async def test_slug_in_path_must_match_the_spec(self, client):
        spec = new_spec()
        response = await client.put(
            "/v1/operator/tenants/other-slug", json=spec, headers=operator_headers()
        )
        assert response.status_code == 422

    async def test_moving_a_tenant_to_another_keycloak_is_refused(self, applied, client):
        spec, _ = applied
        response = await apply(client, {**spec, "keycloakUrl": "https://id-9.example"})
        assert response.status_code == 409
        assert response.json()["type"].endswith("keycloak-moved")

    async def test_listing_and_reading_tenants(self, applied, client):
        spec, _ = applied
        listed = await client.get("/v1/operator/tenants", headers=operator_headers())
        assert spec["slug"] in {t["slug"] for t in listed.json()}
        one = await client.get(f"/v1/operator/tenants/{spec['slug']}", headers=operator_headers())
        assert one.json()["spec"]["slug"] == spec["slug"]
        missing = await client.get("/v1/operator/tenants/t-nope", headers=operator_headers())
        assert missing.status_code == 404

    async def test_unknown_tenant_header_is_404(self, client):
        response = await client.get("/v1/tenant", headers={"X-Inspraak-Tenant": "t-unknown"})
        assert response.status_code == 404


class TestRealmThatAlreadyExists:
    async def test_apply_takes_over_a_realm_an_earlier_apply_left_behind(
        self, client, keycloak_admin
    ):
        # As after an apply that crashed right after Keycloak created the realm.
        spec = new_spec()
        keycloak_admin.create_realm({"realm": spec["slug"], "enabled": True}, skip_exists=False)
        CREATED_REALMS.append(spec["slug"])

        response = await apply(client, spec)

        assert response.status_code == 200, response.text
        statuses = {step["name"]: step["status"] for step in response.json()["steps"]}
        assert statuses["realm"] == "updated"
        assert statuses["client inspraak-web"] == "created"
        assert statuses["tenant record"] == "created"
        realm = keycloak_admin.get_realm(spec["slug"])
        assert realm["displayName"] == spec["displayName"]
        assert realm["bruteForceProtected"] is True
        again = await apply(client, spec)
        assert again.json()["changed"] is False

    async def test_a_realm_created_between_looking_and_creating_is_taken_over(
        self, keycloak_endpoint, keycloak_admin
    ):
        # Two applies at once: the other one creates the realm right after this one looked
        # (Keycloak then answers this one's create with 409).
        spec = new_spec()
        slug = spec["slug"]
        CREATED_REALMS.append(slug)

        class LateMaster(KeycloakAdmin):
            async def a_get_realm(self, realm_name):
                try:
                    return await super().a_get_realm(realm_name)
                finally:
                    if not _realm_exists(keycloak_admin, realm_name):
                        keycloak_admin.create_realm({"realm": realm_name, "enabled": True})

        def connect(cls, realm):
            return cls(
                server_url=keycloak_endpoint.url,
                username=keycloak_endpoint.admin_user,
                password=keycloak_endpoint.admin_password,
                realm_name=realm,
                user_realm_name="master",
            )

        provisioner = RealmProvisioner(connect(LateMaster, "master"), connect(KeycloakAdmin, slug))
        design = RealmDesign(
            name=slug,
            display_name=spec["displayName"],
            languages=("nl",),
            default_language="nl",
            hosts=(f"{slug}.example.org",),
            allow_registration=True,
        )

        steps = await provisioner.apply(design)

        assert (steps[0].name, steps[0].status) == ("realm", "updated")
        realm = keycloak_admin.get_realm(slug)
        assert realm["displayName"] == spec["displayName"]
        assert realm["passwordPolicy"] == design.realm()["passwordPolicy"]
        assert [s.status for s in await provisioner.apply(design)] == ["unchanged"] * 6


def _realm_exists(admin, name):
    return name in {realm["realm"] for realm in admin.get_realms()}
