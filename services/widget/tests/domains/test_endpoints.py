"""The IT officer manages the tenant's domains: roles, validation, one owner per host name,
`widget.domains.changed` for the gateway and identity, the offline DNS check, the routing
check against real local servers, and the values block for the tenant's Helm release."""

import pytest
import yaml

from tests.conftest import INGRESS_HOST
from tests.support.events import emitted, eventually
from tests.support.gateway import closed_port, self_signed_context, serving, silent_listener

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


@pytest.fixture
def routes(gateway, network):
    """Tests here tell the fake gateway and the network what each host reaches; undone after."""
    yield gateway, network
    gateway.answers.clear()
    network.routes.clear()


async def check(api, headers, lang="en") -> dict:
    response = await api.get(f"{PATH}/check", headers=headers, params={"lang": lang})
    assert response.status_code == 200, response.text
    return response.json()


def routing_of(report: dict) -> dict[str, dict]:
    return {c["host"]: c["routing"] for c in report["hosts"]}


class TestRoutingCheck:
    async def test_a_host_the_gateway_answers_for_this_tenant_is_routed(
        self, api, town, officer, routes
    ):
        gateway, _ = routes
        gateway.routes(town.primary, town.slug)
        report = await check(api, officer, "nl")
        primary = routing_of(report)[town.primary]
        assert primary["status"] == "routed"
        assert primary["reason"] is None
        assert primary["in_release"] is True
        assert primary["message"].startswith("Bereikbaar:")
        # The check really asked the host, with its own Host header.
        assert town.primary in gateway.requests

    async def test_an_ingress_404_for_a_host_in_the_release_points_at_dns_and_ingress(
        self, api, town, officer, routes
    ):
        alias = routing_of(await check(api, officer, "fr"))[town.alias]
        assert alias["status"] == "not-routed"
        assert alias["reason"] == "http-status"
        assert alias["detail"] == "HTTP 404"
        assert alias["in_release"] is True
        assert "figure dans la release du tenant" in alias["message"]
        assert "ingress" in alias["message"]

    async def test_a_host_answering_for_another_municipality(
        self, api, town, city, officer, routes
    ):
        gateway, _ = routes
        gateway.routes(town.alias, city.slug)
        alias = routing_of(await check(api, officer))[town.alias]
        assert alias["status"] == "other-tenant"
        assert alias["detail"] == f"answers for {city.slug}"
        assert "another municipality" in alias["message"]

    async def test_old_hosting_that_answers_is_not_routed(self, api, town, officer, routes):
        gateway, _ = routes
        gateway.answers[town.alias] = ("html",)
        alias = routing_of(await check(api, officer))[town.alias]
        assert (alias["status"], alias["reason"]) == ("not-routed", "not-inspraak")

    async def test_an_alias_the_gateway_redirects_to_the_routed_primary_is_routed(
        self, api, town, officer, routes
    ):
        gateway, _ = routes
        gateway.routes(town.primary, town.slug)
        gateway.answers[town.alias] = ("redirect", town.primary)
        alias = routing_of(await check(api, officer))[town.alias]
        assert alias["status"] == "routed"

    async def test_a_redirect_elsewhere_is_not_followed(self, api, town, officer, routes):
        gateway, _ = routes
        gateway.routes("elders.example.net", town.slug)
        gateway.answers[town.alias] = ("redirect", "elders.example.net")
        alias = routing_of(await check(api, officer))[town.alias]
        assert (alias["status"], alias["detail"]) == ("not-routed", "HTTP 301")
        assert "elders.example.net" not in gateway.requests

    async def test_nothing_listening_or_no_answer_in_time_is_not_routed(
        self, api, town, officer, routes
    ):
        _, network = routes
        network.routes[town.primary] = f"http://127.0.0.1:{closed_port()}"
        with silent_listener() as port:
            network.routes[town.alias] = f"http://127.0.0.1:{port}"
            routing = routing_of(await check(api, officer))
        assert (routing[town.primary]["status"], routing[town.primary]["reason"]) == (
            "not-routed",
            "connection",
        )
        assert (routing[town.alias]["status"], routing[town.alias]["reason"]) == (
            "not-routed",
            "timeout",
        )
        assert "requests do not reach the platform" in routing[town.alias]["message"]

    async def test_a_certificate_that_is_not_trusted_yet_is_reported_as_such(
        self, api, town, officer, routes, gateway, tmp_path
    ):
        _, network = routes
        gateway.routes(town.primary, town.slug)
        with serving(gateway, tls=self_signed_context(tmp_path, town.primary)) as server:
            network.routes[town.primary] = f"https://127.0.0.1:{server.server_port}"
            primary = routing_of(await check(api, officer))[town.primary]
        assert (primary["status"], primary["reason"]) == ("not-routed", "tls")
        assert "certificate is not valid yet" in primary["message"]

    async def test_routing_and_dns_are_checked_for_the_it_officer_only(self, api, town):
        for role in ("communications", "user"):
            headers = town.headers(town.person(role))
            assert (await api.get(f"{PATH}/check", headers=headers)).status_code == 403


@pytest.mark.usefixtures("restore_domains")
class TestHandOverToThePlatformOperator:
    async def test_the_values_block_matches_the_tenant_chart(self, api, town, officer):
        response = await api.get(f"{PATH}/helm-values", headers=officer)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/yaml")
        assert f'filename="{town.slug}-domains.yaml"' in response.headers["content-disposition"]
        assert yaml.safe_load(response.text) == {
            "tenant": {"domains": {"primary": town.primary, "aliases": [town.alias]}}
        }
        assert "helm upgrade" in response.text

    async def test_superadmin_may_fetch_the_values_and_other_roles_may_not(
        self, api, town, city, officer
    ):
        path = f"{PATH}/helm-values"
        assert (await api.get(path, headers=town.headers(town.person("superadmin")))).is_success
        for role in ("communications", "policy_maker", "user"):
            assert (await api.get(path, headers=town.headers(town.person(role)))).status_code == 403
        assert (await api.get(path, headers=town.headers())).status_code == 401
        other = city.headers() | {"Authorization": officer["Authorization"]}
        assert (await api.get(path, headers=other)).status_code == 403

    async def test_swapping_primary_and_alias_needs_the_release_too(self, api, town, officer):
        swapped = body(town.alias, [town.primary])
        assert (await api.put(PATH, headers=officer, json=swapped)).status_code == 200
        release = (await check(api, officer, "nl"))["release"]
        assert (release["in_sync"], release["missing"], release["surplus"]) == (False, [], [])
        assert release["release_primary"] == town.primary
        assert f"noemt nog {town.primary} als hoofddomein" in release["message"]
        assert yaml.safe_load(release["values"])["tenant"]["domains"] == {
            "primary": town.alias,
            "aliases": [town.primary],
        }

    async def test_a_new_alias_is_handed_over_until_the_release_routes_it(
        self, api, town, officer, routes, publish_as
    ):
        """The whole flow: the IT officer adds an alias; the check says the release lacks it
        and shows the values; the operator upgrades the release (its apply Job makes
        identity announce the spec); the ingress routes it and the check says so."""
        gateway, _ = routes
        gateway.routes(town.primary, town.slug)
        new_alias = f"inspraak.{town.slug}.test"
        wanted = body(town.primary, [town.alias, new_alias])
        assert (await api.put(PATH, headers=officer, json=wanted)).status_code == 200

        report = await check(api, officer)
        routing = routing_of(report)[new_alias]
        assert (routing["status"], routing["in_release"]) == ("not-routed", False)
        assert routing["message"].startswith("Not routed yet: ask your platform operator")
        assert new_alias in routing["message"]
        release = report["release"]
        assert (release["in_sync"], release["missing"], release["surplus"]) == (
            False,
            [new_alias],
            [],
        )
        assert "missing: " + new_alias in release["message"]
        values = (await api.get(f"{PATH}/helm-values", headers=officer)).text
        assert values == release["values"]
        domains = yaml.safe_load(values)["tenant"]["domains"]
        assert (domains["primary"], sorted(domains["aliases"])) == (
            town.primary,
            sorted([town.alias, new_alias]),
        )

        # helm upgrade -f values: the apply Job applies the spec, identity announces it.
        await publish_as("identity", "tenant", "applied", town, town.snapshot(2, domains=domains))
        gateway.routes(new_alias, town.slug)
        report = await eventually(
            lambda: check(api, officer), lambda r: r["release"]["in_sync"], timeout=15
        )
        routing = routing_of(report)[new_alias]
        assert (routing["status"], routing["in_release"]) == ("routed", True)
        # Nothing moved: the release caught up with the IT officer's domains.
        assert (await api.get(PATH, headers=officer)).json()["aliases"] == sorted(
            [town.alias, new_alias]
        )

        # The spec as the other tests expect it again (a newer snapshot wins).
        await publish_as("identity", "tenant", "applied", town, town.snapshot(3))
        await eventually(
            lambda: check(api, officer), lambda r: new_alias not in routing_of(r), timeout=15
        )


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
