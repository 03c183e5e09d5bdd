"""The IT officer manages the tenant's domains: roles, validation, one owner per host name,
`widget.domains.changed` for the gateway and identity, and the offline DNS check."""

import pytest

from tests.conftest import INGRESS_HOST
from tests.support.events import emitted, eventually

PATH = "/v1/domains"


def body(primary: str, aliases=(), origins=()) -> dict:
    return {"primary": primary, "aliases": list(aliases), "embed_origins": list(origins)}


@pytest.fixture
async def officer(town):
    return town.headers(town.person("it_admin"))


@pytest.fixture
async def restore_domains(api, town, officer):
    """Tests here change the town's domains; the other modules expect the spec's again."""
    yield
    response = await api.put(PATH, headers=officer, json=body(town.primary, [town.alias]))
    assert response.status_code == 200, response.text


class TestSeededFromTheTenantSpec:
    async def test_spec_domains_become_the_tenants_domains(self, api, town, officer):
        response = await api.get(PATH, headers=officer)
        assert response.status_code == 200, response.text
        assert response.json()["primary"] == town.primary
        assert response.json()["aliases"] == [town.alias]

    async def test_seeding_is_announced(self, api, town, session_factory):
        events = await emitted(session_factory, town.slug, "widget.domains.changed")
        assert events[0] == {
            "slug": town.slug,
            "version": 1,
            "primary": town.primary,
            "aliases": [town.alias],
        }


@pytest.mark.usefixtures("restore_domains")
class TestChangingDomains:
    async def test_it_officer_sets_primary_aliases_and_embed_origins(
        self, api, town, officer, session_factory
    ):
        before = (await api.get(PATH, headers=officer)).json()["version"]
        new = body(
            f"participatie.{town.slug}.test",
            [town.primary, f"inspraak.{town.slug}.test"],
            ["https://www.gemeente.test", "http://localhost:8080"],
        )
        response = await api.put(PATH, headers=officer, json=new)
        assert response.status_code == 200, response.text
        read = response.json()
        assert read["primary"] == new["primary"]
        assert sorted(read["aliases"]) == sorted(new["aliases"])
        assert read["embed_origins"] == new["embed_origins"]
        assert read["version"] == before + 1
        last = (await emitted(session_factory, town.slug, "widget.domains.changed"))[-1]
        assert last["version"] == before + 1
        assert last["primary"] == new["primary"]
        assert sorted(last["aliases"]) == sorted(new["aliases"])

    async def test_changing_only_embed_origins_is_not_a_domain_change(
        self, api, town, officer, session_factory
    ):
        before = await emitted(session_factory, town.slug, "widget.domains.changed")
        version = (await api.get(PATH, headers=officer)).json()["version"]
        response = await api.put(
            PATH,
            headers=officer,
            json=body(town.primary, [town.alias], ["https://nieuws.gemeente.test"]),
        )
        assert response.json()["version"] == version
        assert await emitted(session_factory, town.slug, "widget.domains.changed") == before

    async def test_superadmin_may_too(self, api, town):
        response = await api.get(PATH, headers=town.headers(town.person("superadmin")))
        assert response.status_code == 200

    @pytest.mark.parametrize("role", ["communications", "policy_maker", "user"])
    async def test_other_roles_may_not(self, api, town, role):
        headers = town.headers(town.person(role))
        assert (await api.get(PATH, headers=headers)).status_code == 403
        response = await api.put(PATH, headers=headers, json=body(f"x.{town.slug}.test"))
        assert response.status_code == 403

    async def test_anonymous_is_401_and_another_tenants_officer_403(self, api, town, city, officer):
        assert (await api.get(PATH, headers=town.headers())).status_code == 401
        assert (
            await api.get(
                PATH, headers=city.headers() | {"Authorization": officer["Authorization"]}
            )
        ).status_code == 403

    async def test_a_host_of_another_tenant_is_a_conflict(self, api, town, city, officer):
        response = await api.put(PATH, headers=officer, json=body(town.primary, [city.primary]))
        assert response.status_code == 409, response.text
        assert response.json()["type"].endswith("host-taken")
        assert response.json()["hosts"] == [city.primary]
        # Nothing was written.
        assert (await api.get(PATH, headers=officer)).json()["aliases"] == [town.alias]

    @pytest.mark.parametrize(
        "payload",
        [
            body("https://participatie.gemeente.nl"),
            body("participatie.gemeente.nl/pad"),
            body("Participatie.Gemeente.nl"),
            body("localhost"),
            body("192.168.0.1"),
            body("a.gemeente.nl", ["a.gemeente.nl"]),
            body("a.gemeente.nl", [], ["www.gemeente.nl"]),
            body("a.gemeente.nl", [], ["http://www.gemeente.nl"]),
            body("a.gemeente.nl", [], ["https://www.gemeente.nl/pagina"]),
            {"primary": "a.gemeente.nl", "unknown": 1},
        ],
    )
    async def test_invalid_input_is_422(self, api, officer, payload):
        response = await api.put(PATH, headers=officer, json=payload)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"


class TestDomainCheck:
    async def test_reports_each_domain_with_the_record_to_set(self, api, town, officer, dns):
        dns.set(INGRESS_HOST, "A", "203.0.113.7")
        dns.set(town.primary, "CNAME", INGRESS_HOST)
        dns.set(town.primary, "A", "203.0.113.7")
        dns.set(town.alias, "CNAME", "old-hosting.example.net")
        dns.set(town.alias, "A", "198.51.100.1")
        response = await api.get(f"{PATH}/check", headers=officer, params={"lang": "en"})
        assert response.status_code == 200, response.text
        checks = {c["host"]: c for c in response.json()["hosts"]}
        primary, alias = checks[town.primary], checks[town.alias]
        assert primary["role"] == "primary"
        assert primary["status"] == "ok"
        assert primary["expected"] == [
            {"type": "CNAME", "name": town.primary, "value": INGRESS_HOST}
        ]
        assert alias["status"] == "wrong"
        assert alias["found"] == ["old-hosting.example.net"]
        assert "change the CNAME record to ingress.inspraak.test" in alias["message"]

    async def test_missing_record_and_unreachable_dns(self, api, town, officer, dns):
        dns.records.pop((town.alias, "CNAME"), None)
        dns.records.pop((town.alias, "A"), None)
        dns.failing.add(town.primary)
        try:
            response = await api.get(f"{PATH}/check", headers=officer, params={"lang": "nl"})
        finally:
            dns.failing.clear()
        checks = {c["host"]: c for c in response.json()["hosts"]}
        assert checks[town.alias]["status"] == "missing"
        assert checks[town.alias]["message"].startswith("Nog niet ingesteld: maak")
        assert checks[town.primary]["status"] == "unknown"

    async def test_an_address_record_to_the_ingress_counts_as_in_place(
        self, api, town, officer, dns
    ):
        dns.set(INGRESS_HOST, "A", "203.0.113.7")
        dns.set(town.alias, "A", "203.0.113.7")
        dns.records.pop((town.alias, "CNAME"), None)
        response = await api.get(f"{PATH}/check", headers=officer, params={"lang": "fr"})
        checks = {c["host"]: c for c in response.json()["hosts"]}
        assert checks[town.alias]["status"] == "ok"
        assert checks[town.alias]["message"].startswith("En ordre")

    async def test_check_is_for_the_it_officer_only(self, api, town):
        response = await api.get(f"{PATH}/check", headers=town.headers(town.person("user")))
        assert response.status_code == 403


class TestFollowingTheTenantSpec:
    async def test_operators_change_of_spec_domains_wins_and_older_events_do_not(
        self, api, city, publish_as, session_factory
    ):
        """The city has no realm; its domains show through the gateway lookup."""
        path = f"/v1/internal/hosts/{city.primary}"
        assert (await api.get(path)).json()["primary"] == city.primary
        moved = city.snapshot(3) | {
            "domains": {"primary": f"nieuw.{city.slug}.test", "aliases": [city.primary]}
        }
        await publish_as("identity", "tenant", "applied", city, moved)
        await eventually(lambda: api.get(path), lambda r: r.json()["alias"] is True)
        stale = city.snapshot(2)  # older: must not move the domains back
        await publish_as("identity", "tenant", "applied", city, stale)
        again = city.snapshot(4) | {"display_name": "Stad", "domains": moved["domains"]}
        await publish_as("identity", "tenant", "applied", city, again)
        await eventually(
            lambda: api.get("/v1/widget/fragment/projects", headers=city.headers()),
            lambda r: "Inspraak bij Stad" in r.text,
        )
        lookup = (await api.get(path)).json()
        assert lookup["primary"] == f"nieuw.{city.slug}.test"
        assert lookup["alias"] is True
        events = await emitted(session_factory, city.slug, "widget.domains.changed")
        assert [e["version"] for e in events] == [1, 2]  # the same spec again changes nothing
        # Back as the other tests expect it.
        await publish_as("identity", "tenant", "applied", city, city.snapshot(5))
        await eventually(lambda: api.get(path), lambda r: r.json()["alias"] is False)
