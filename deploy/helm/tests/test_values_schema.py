"""values.schema.json refuses wrong values at install time, with the path of the mistake."""

import json
from pathlib import Path

import pytest
import yaml

from tests.charts import (
    PLATFORM_CHART,
    TENANT_CHART,
    HelmError,
    template,
    write_values,
)

CHARTS = pytest.mark.parametrize("chart", [PLATFORM_CHART, TENANT_CHART], ids=lambda c: c.name)


def refusal(chart: Path, values: dict, tmp_path: Path) -> str:
    """helm's error for these values; fails the test when they are accepted."""
    with pytest.raises(HelmError) as refused:
        template(
            chart,
            release="check",
            namespace="check",
            values_files=(write_values(tmp_path, values),),
        )
    return str(refused.value)


def tenant(**spec) -> dict:
    return {"tenant": spec}


BAD_TENANT_VALUES = {
    "domain with a scheme": (
        tenant(domains={"primary": "https://inspraak.gent.be"}),
        "/tenant/domains/primary",
    ),
    "domain with a path": (
        tenant(domains={"primary": "inspraak.gent.be/nl"}),
        "/tenant/domains/primary",
    ),
    "domain in capitals": (
        tenant(domains={"primary": "Inspraak.Gent.be"}),
        "/tenant/domains/primary",
    ),
    "domain without a dot": (tenant(domains={"primary": "localhost"}), "/tenant/domains/primary"),
    "domain with a port": (
        tenant(domains={"primary": "inspraak.gent.be:443"}),
        "/tenant/domains/primary",
    ),
    "alias that is not a host name": (
        tenant(domains={"primary": "inspraak.gent.be", "aliases": ["gent be"]}),
        "/tenant/domains/aliases/0",
    ),
    "alias listed twice": (
        tenant(domains={"primary": "inspraak.gent.be", "aliases": ["a.gent.be", "a.gent.be"]}),
        "/tenant/domains/aliases",
    ),
    "unknown language": (tenant(languages=["nl", "de"]), "/tenant/languages/1"),
    "unknown default language": (tenant(defaultLanguage="de"), "/tenant/defaultLanguage"),
    "default language not among the languages": (
        tenant(defaultLanguage="fr", languages=["nl"]),
        "/tenant/languages",
    ),
    "no languages": (tenant(languages=[]), "/tenant/languages"),
    "language listed twice": (tenant(languages=["nl", "nl"]), "/tenant/languages"),
    "unknown country": (tenant(country="DE"), "/tenant/country"),
    "reserved slug": (tenant(slug="master"), "/tenant/slug"),
    "slug with capitals": (tenant(slug="Gent"), "/tenant/slug"),
    "slug starting with a digit": (tenant(slug="9gent"), "/tenant/slug"),
    "slug too short": (tenant(slug="ge"), "/tenant/slug"),
    "slug ending with a hyphen": (tenant(slug="gent-"), "/tenant/slug"),
    "not an e-mail address": (
        tenant(bootstrapSuperadminEmail="participatie.gent.be"),
        "/tenant/bootstrapSuperadminEmail",
    ),
    "unknown key in the spec": (tenant(allowEverything=True), "/tenant"),
    "unknown branding key": (tenant(branding={"font": "Comic Sans"}), "/tenant/branding"),
    "colour that is not #rrggbb": (
        tenant(branding={"primaryColor": "blue"}),
        "/tenant/branding/primaryColor",
    ),
    "logo over plain http": (
        tenant(branding={"logoUrl": "http://gent.be/logo.svg"}),
        "/tenant/branding/logoUrl",
    ),
    "keycloak url without a scheme": (
        tenant(keycloakUrl="id.inspraak.example"),
        "/tenant/keycloakUrl",
    ),
    "unknown top-level key": ({"tenantt": {}}, "additional properties 'tenantt'"),
    "unknown tls mode": ({"ingress": {"tls": {"mode": "letsencrypt"}}}, "/ingress/tls/mode"),
    "existing-secret tls without a secret": (
        {"ingress": {"tls": {"mode": "existingSecret"}}},
        "/ingress/tls/existingSecret",
    ),
    "environment variable with both a value and a reference": (
        {
            "identity": {
                "extraEnv": [
                    {
                        "name": "X",
                        "value": "a",
                        "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}},
                    }
                ]
            }
        },
        "/identity/extraEnv/0",
    ),
    "resources without limits": (
        {"applyJob": {"resources": {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": None}}},
        "/applyJob/resources",
    ),
}

BAD_PLATFORM_VALUES = {
    "unknown top-level key": ({"replicas": 3}, "additional properties 'replicas'"),
    "unknown service": ({"services": {"billing": {}}}, "additional properties 'billing'"),
    "unknown key of a service": ({"services": {"gateway": {"port": 80}}}, "/services/gateway"),
    "no replicas": (
        {"services": {"projects": {"replicaCount": 0}}},
        "/services/projects/replicaCount",
    ),
    "memory that is not a quantity": (
        {"services": {"projects": {"resources": {"limits": {"memory": "lots"}}}}},
        "/services/projects/resources/limits/memory",
    ),
    "limits without memory": (
        {"services": {"projects": {"resources": {"limits": {"memory": None}}}}},
        "/services/projects/resources/limits",
    ),
    "unknown environment": ({"environment": "staging"}, "/environment"),
    "sample ratio above one": (
        {"telemetry": {"traceSampleRatio": 1.5}},
        "/telemetry/traceSampleRatio",
    ),
    "nats url of another scheme": ({"nats": {"url": "http://nats:4222"}}, "/nats/url"),
    "even number of nats servers": (
        {"nats": {"embedded": {"replicaCount": 2}}},
        "/nats/embedded/replicaCount",
    ),
    "keycloak url without a scheme": ({"keycloak": {"url": "keycloak:8080"}}, "/keycloak/url"),
    "gateway open to everyone": (
        {"networkPolicy": {"ingressControllerPeers": []}},
        "/networkPolicy/ingressControllerPeers",
    ),
    "network peer of an unknown kind": (
        {"database": {"networkPeers": [{"service": "postgres"}]}},
        "/database/networkPeers/0",
    ),
    "secret name that is not a kubernetes name": (
        {"database": {"existingSecret": "Inspraak_DB"}},
        "/database/existingSecret",
    ),
    "image registry with a scheme": (
        {"image": {"registry": "https://registry.example.org"}},
        "/image/registry",
    ),
    "scrape interval without a unit": (
        {"metrics": {"serviceMonitor": {"interval": "30"}}},
        "/metrics/serviceMonitor/interval",
    ),
    "topology spread with its own selector": (
        {
            "topologySpreadConstraints": [
                {
                    "maxSkew": 1,
                    "topologyKey": "zone",
                    "whenUnsatisfiable": "DoNotSchedule",
                    "labelSelector": {},
                }
            ]
        },
        "/topologySpreadConstraints/0",
    ),
}


@pytest.mark.parametrize(
    ("values", "where"), BAD_TENANT_VALUES.values(), ids=BAD_TENANT_VALUES.keys()
)
def test_the_tenant_chart_refuses(values, where, tmp_path):
    message = refusal(TENANT_CHART, values, tmp_path)
    assert "schema" in message
    assert where in message


@pytest.mark.parametrize(
    ("values", "where"), BAD_PLATFORM_VALUES.values(), ids=BAD_PLATFORM_VALUES.keys()
)
def test_the_platform_chart_refuses(values, where, tmp_path):
    message = refusal(PLATFORM_CHART, values, tmp_path)
    assert "schema" in message
    assert where in message


def test_a_domain_cannot_be_both_primary_and_alias(tmp_path):
    values = tenant(domains={"primary": "inspraak.gent.be", "aliases": ["inspraak.gent.be"]})
    message = refusal(TENANT_CHART, values, tmp_path)
    assert "inspraak.gent.be is the primary domain and cannot also be an alias" in message


@pytest.mark.parametrize("slug", ["abc", "gent", "sint-niklaas", "s-hertogenbosch", "a" * 63])
def test_valid_slugs_are_accepted(slug, tmp_path):
    manifests = template(
        TENANT_CHART,
        release="t",
        namespace="t",
        values_files=(write_values(tmp_path, tenant(slug=slug)),),
    )
    assert manifests


@pytest.mark.parametrize(
    "domain", ["inspraak.gent.be", "xn--gnt-5qa.be", "a.b.c.example.org", "doemee.zwolle.nl"]
)
def test_valid_domains_are_accepted(domain, tmp_path):
    values = tenant(domains={"primary": domain, "aliases": []})
    manifests = template(
        TENANT_CHART, release="t", namespace="t", values_files=(write_values(tmp_path, values),)
    )
    assert manifests


def object_nodes(node, path="$"):
    """Every JSON-schema node that describes an object's properties."""
    if isinstance(node, dict):
        if "properties" in node:
            yield path, node
        for key, child in node.items():
            yield from object_nodes(child, f"{path}.{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from object_nodes(child, f"{path}[{index}]")


@CHARTS
def test_every_object_in_the_schema_refuses_unknown_keys(chart):
    schema = json.loads((chart / "values.schema.json").read_text())
    nodes = list(object_nodes(schema))
    assert len(nodes) > 10
    for path, node in nodes:
        if set(node) <= {"properties", "required"}:
            continue  # an if/then clause that only narrows a property of an object above
        assert node.get("additionalProperties") is False, path


@CHARTS
def test_the_schema_describes_every_default_value(chart):
    """Every key of values.yaml has a place in the schema (and so nothing is left unchecked)."""
    schema = json.loads((chart / "values.schema.json").read_text())
    defaults = yaml.safe_load((chart / "values.yaml").read_text())

    def resolve(node):
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        return node

    def walk(values, node, path):
        node = resolve(node)
        if "properties" not in node:
            return
        for key, value in values.items():
            assert key in node["properties"], f"{path}.{key}"
            if isinstance(value, dict):
                walk(value, node["properties"][key], f"{path}.{key}")

    walk(defaults, schema, "")
