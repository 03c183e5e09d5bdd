"""Both charts lint strictly and render, and every manifest fits the Kubernetes API schemas."""

import kubernetes_validate
import pytest

from tests.charts import KUBERNETES_VERSIONS, VARIANTS, Variant, render, render_notes, run_helm

# Custom resources whose CRDs are not part of Kubernetes (and so not in kubernetes-validate).
CUSTOM_RESOURCES = {("monitoring.coreos.com/v1", "ServiceMonitor")}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=str)
def test_chart_lints_strictly(variant: Variant):
    args = ["lint", "--strict", variant.chart, "--namespace", variant.namespace]
    for path in variant.values_files:
        args += ["--values", path]
    output = run_helm(*args)
    assert "0 chart(s) failed" in output
    assert "[WARNING]" not in output
    assert "[ERROR]" not in output


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=str)
def test_chart_renders_named_resources(variant: Variant):
    manifests = render(variant)
    assert manifests
    for manifest in manifests:
        assert manifest["apiVersion"]
        assert manifest["kind"]
        assert manifest["metadata"]["name"]


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=str)
def test_notes_render_and_point_to_helm_test(variant: Variant, tmp_path):
    notes = render_notes(variant, tmp_path)
    assert f"helm test {variant.release} --namespace {variant.namespace}" in notes


@pytest.mark.usefixtures("cached_kubernetes_schemas")
@pytest.mark.parametrize("kubernetes_version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("variant", VARIANTS.values(), ids=str)
def test_every_manifest_fits_the_kubernetes_schema(variant: Variant, kubernetes_version: str):
    errors = []
    for manifest in render(variant):
        if (manifest["apiVersion"], manifest["kind"]) in CUSTOM_RESOURCES:
            continue
        try:
            kubernetes_validate.validate(manifest, kubernetes_version, strict=True)
        except kubernetes_validate.ValidationError as error:
            name = f"{manifest['kind']}/{manifest['metadata']['name']}"
            errors.append(f"{name} at {error.json_path}: {error.message}")
    assert not errors, "\n".join(errors)


def test_only_known_custom_resources_are_rendered():
    kinds = {(m["apiVersion"], m["kind"]) for variant in VARIANTS.values() for m in render(variant)}
    custom = {kind for kind in kinds if "." in kind[0].split("/")[0] and "k8s.io" not in kind[0]}
    assert custom <= CUSTOM_RESOURCES
