"""The hand-over of domains: the values block the widget service generates for a tenant
(`GET /v1/domains/helm-values`, `inspraak domains values <slug>`) is accepted by the tenant
chart's schema and turns into the Ingress hosts and the TLS certificate's hosts, without
changing anything else of the release."""

import pytest
import yaml
from inspraak_widget.domains.helm import values_file

from tests.charts import EXAMPLES, TENANT_CHART, of_kind, template

README = TENANT_CHART / "README.md"

GENT_VALUES = EXAMPLES / "tenant-gent.yaml"
PRIMARY = "inspraak.gent.be"
ALIASES = ["participatie.gent.be", "doemee.gent.be"]


def upgrade_with_domains(tmp_path, primary, aliases, *values_files):
    """`helm upgrade ... -f <release values> -f <generated domains>`, rendered."""
    generated = tmp_path / "gent-domains.yaml"
    generated.write_text(values_file("gent", 7, primary, aliases))
    return template(
        TENANT_CHART,
        release="tenant-gent",
        namespace="inspraak",
        values_files=(*values_files, generated),
    )


def ingress_hosts(manifests):
    (ingress,) = of_kind(manifests, "Ingress")
    rules = [rule["host"] for rule in ingress["spec"]["rules"]]
    (tls,) = ingress["spec"]["tls"]
    return rules, tls["hosts"]


def applied_spec(manifests):
    (config_map,) = of_kind(manifests, "ConfigMap")
    return yaml.safe_load(config_map["data"]["tenant.yaml"])


def test_a_new_alias_gets_an_ingress_rule_and_a_place_on_the_certificate(tmp_path):
    manifests = upgrade_with_domains(tmp_path, PRIMARY, ALIASES, GENT_VALUES)
    rules, tls_hosts = ingress_hosts(manifests)
    assert rules == [PRIMARY, *ALIASES]
    assert tls_hosts == [PRIMARY, *ALIASES]


def test_only_the_domains_change_in_the_release(tmp_path):
    before = yaml.safe_load(GENT_VALUES.read_text())["tenant"]
    spec = applied_spec(upgrade_with_domains(tmp_path, PRIMARY, ALIASES, GENT_VALUES))
    assert spec["domains"] == {"primary": PRIMARY, "aliases": ALIASES}
    assert {k: v for k, v in spec.items() if k != "domains"} == {
        k: v for k, v in before.items() if k != "domains"
    }


def test_removing_every_alias_and_moving_the_primary_is_accepted(tmp_path):
    manifests = upgrade_with_domains(tmp_path, "participatie.gent.be", [], GENT_VALUES)
    assert ingress_hosts(manifests) == (["participatie.gent.be"], ["participatie.gent.be"])


@pytest.mark.parametrize("aliases", [[], ["www.demo.inspraak.example"]])
def test_the_block_alone_meets_the_schema_on_top_of_the_chart_defaults(tmp_path, aliases):
    manifests = upgrade_with_domains(tmp_path, "demo.inspraak.example", aliases)
    assert ingress_hosts(manifests)[0] == ["demo.inspraak.example", *aliases]


def test_the_readme_shows_the_block_exactly_as_the_command_prints_it():
    readme = README.read_text()
    printed = values_file("gent", 3, PRIMARY, ["doemee.gent.be", "participatie.gent.be"])
    shown = readme.split("$ cat gent-domains.yaml\n", 1)[1].split("```", 1)[0].rstrip()
    assert [line.removeprefix("   ") for line in shown.splitlines()] == printed.splitlines()
    assert "inspraak domains values gent" in readme
    assert "GET /v1/domains/helm-values" in readme
