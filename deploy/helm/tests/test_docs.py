"""Each chart's README documents every value and installs the two example municipalities."""

import pytest
import yaml

from tests.charts import EXAMPLES, PLATFORM_CHART, SERVICES, TENANT_CHART

CHARTS = pytest.mark.parametrize("chart", [PLATFORM_CHART, TENANT_CHART], ids=lambda c: c.name)
# Values documented as one row although they are maps.
MAP_VALUES = {"resources"}


def value_paths(values, prefix=""):
    for key, value in values.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value and key not in MAP_VALUES:
            yield from value_paths(value, f"{path}.")
        else:
            yield path


def documented_as(path):
    """The ways a value may be named in a README: as itself, or as a setting every service has."""
    generic = path
    for service in SERVICES:
        generic = generic.replace(f"services.{service}.", "services.<name>.")
    return {f"`{path}`", f"`{generic}`"}


@CHARTS
def test_the_readme_documents_every_value(chart):
    readme = (chart / "README.md").read_text()
    values = yaml.safe_load((chart / "values.yaml").read_text())
    missing = [
        path
        for path in value_paths(values)
        if not any(name in readme for name in documented_as(path))
    ]
    assert not missing


@CHARTS
def test_the_readme_installs_the_two_example_municipalities(chart):
    readme = (chart / "README.md").read_text()
    assert "deploy/helm/examples/tenant-gent.yaml" in readme
    assert "deploy/helm/examples/tenant-zwolle.yaml" in readme


def test_the_examples_are_a_belgian_and_a_dutch_municipality():
    gent = yaml.safe_load((EXAMPLES / "tenant-gent.yaml").read_text())["tenant"]
    zwolle = yaml.safe_load((EXAMPLES / "tenant-zwolle.yaml").read_text())["tenant"]
    assert (gent["country"], gent["languages"]) == ("BE", ["nl", "fr"])
    assert (zwolle["country"], zwolle["languages"]) == ("NL", ["nl"])
