"""Rules every rendered manifest of both charts keeps, in every example installation."""

import re

import pytest

from tests.charts import (
    VARIANTS,
    Manifest,
    Variant,
    containers,
    env_of,
    is_hook,
    of_kind,
    pod_labels,
    pod_spec,
    render,
)

ALL_VARIANTS = pytest.mark.parametrize("variant", VARIANTS.values(), ids=str)
LONG_RUNNING = {"Deployment", "StatefulSet", "DaemonSet"}
REQUIRED_LABELS = {
    "app.kubernetes.io/name",
    "app.kubernetes.io/instance",
    "app.kubernetes.io/version",
    "app.kubernetes.io/managed-by",
    "app.kubernetes.io/part-of",
    "helm.sh/chart",
}
SENSITIVE_ENV = re.compile(r"(PASSWORD|SECRET|USERNAME|_USER$|DATABASE_URL|_TOKEN$|_KEY$)")
CREDENTIALS_IN_URL = re.compile(r"://[^/\s:@]+:[^/\s@]+@")
TMP = "/tmp"  # noqa: S108 - the path mounted in the containers, not used here
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def workloads(variant: Variant) -> list[Manifest]:
    return [m for m in render(variant) if pod_spec(m) is not None]


def matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


@ALL_VARIANTS
class TestContainers:
    def test_long_running_containers_have_liveness_and_readiness_probes(self, variant):
        for workload in workloads(variant):
            if workload["kind"] not in LONG_RUNNING:
                continue
            for container in containers(workload):
                assert "livenessProbe" in container, container["name"]
                assert "readinessProbe" in container, container["name"]

    def test_every_container_has_cpu_and_memory_requests_and_limits(self, variant):
        for workload in workloads(variant):
            for container in containers(workload):
                resources = container["resources"]
                for bound in ("requests", "limits"):
                    assert {"cpu", "memory"} <= set(resources[bound]), (container["name"], bound)

    def test_every_container_runs_non_root_read_only_without_capabilities(self, variant):
        for workload in workloads(variant):
            pod = pod_spec(workload)["securityContext"]
            for container in containers(workload):
                security = container["securityContext"]
                name = f"{workload['metadata']['name']}/{container['name']}"
                assert security["runAsNonRoot"] or pod["runAsNonRoot"], name
                assert security.get("runAsUser", pod.get("runAsUser")) != 0, name
                assert security["readOnlyRootFilesystem"] is True, name
                assert security["allowPrivilegeEscalation"] is False, name
                assert security["capabilities"]["drop"] == ["ALL"], name
                assert "add" not in security["capabilities"], name
                seccomp = security.get("seccompProfile", pod.get("seccompProfile"))
                assert seccomp == {"type": "RuntimeDefault"}, name

    def test_every_container_writes_temporary_files_to_an_empty_dir(self, variant):
        for workload in workloads(variant):
            volumes = {v["name"]: v for v in pod_spec(workload).get("volumes", [])}
            for container in containers(workload):
                mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
                assert TMP in mounts, container["name"]
                assert "emptyDir" in volumes[mounts[TMP]]

    def test_images_are_pinned_to_a_tag(self, variant):
        for workload in workloads(variant):
            for container in containers(workload):
                image = container["image"]
                name, _, tag = image.rpartition(":")
                assert name, image
                assert "/" not in tag, image
                assert tag != "latest", image


@ALL_VARIANTS
class TestServiceAccounts:
    def test_no_pod_mounts_a_service_account_token(self, variant):
        for workload in workloads(variant):
            assert pod_spec(workload)["automountServiceAccountToken"] is False

    def test_service_accounts_do_not_automount_tokens(self, variant):
        for account in of_kind(render(variant), "ServiceAccount"):
            assert account["automountServiceAccountToken"] is False


@ALL_VARIANTS
class TestSecrets:
    def test_the_charts_create_no_secrets(self, variant):
        assert not of_kind(render(variant), "Secret")

    def test_sensitive_settings_come_from_existing_secrets(self, variant):
        for workload in workloads(variant):
            for container in containers(workload):
                for name, item in env_of(container).items():
                    if SENSITIVE_ENV.search(name):
                        assert "secretKeyRef" in item.get("valueFrom", {}), name

    def test_no_credentials_appear_in_plain_values(self, variant):
        for manifest in render(variant):
            text = repr(manifest)
            assert not CREDENTIALS_IN_URL.search(text), manifest["metadata"]["name"]


@ALL_VARIANTS
class TestNamesAndLabels:
    def test_every_resource_carries_the_recommended_labels(self, variant):
        for manifest in render(variant):
            labels = manifest["metadata"].get("labels", {})
            missing = REQUIRED_LABELS - set(labels)
            assert not missing, (manifest["kind"], manifest["metadata"]["name"], missing)
            assert labels["app.kubernetes.io/instance"] == variant.release
            assert labels["app.kubernetes.io/part-of"] == "inspraak"

    def test_every_pod_carries_the_recommended_labels_and_a_component(self, variant):
        for workload in workloads(variant):
            labels = pod_labels(workload)
            assert set(labels) >= REQUIRED_LABELS, workload["metadata"]["name"]
            assert labels["app.kubernetes.io/component"], workload["metadata"]["name"]

    def test_no_resource_hard_codes_a_namespace(self, variant):
        for manifest in render(variant):
            assert "namespace" not in manifest["metadata"], manifest["metadata"]["name"]

    def test_names_are_dns_labels_and_unique_per_kind(self, variant):
        seen = set()
        for manifest in render(variant):
            name = manifest["metadata"]["name"]
            assert len(name) <= 63, name
            assert DNS_LABEL.match(name), name
            assert (manifest["kind"], name) not in seen, name
            seen.add((manifest["kind"], name))


@ALL_VARIANTS
class TestSelectors:
    def test_workload_selectors_match_their_own_pods(self, variant):
        for workload in workloads(variant):
            if workload["kind"] in {"Deployment", "StatefulSet"}:
                selector = workload["spec"]["selector"]["matchLabels"]
                assert matches(selector, pod_labels(workload)), workload["metadata"]["name"]

    def test_services_and_disruption_budgets_select_a_workload(self, variant):
        long_running = [w for w in workloads(variant) if w["kind"] in LONG_RUNNING]
        for service in of_kind(render(variant), "Service"):
            if service["spec"].get("type") == "ExternalName":
                continue
            selector = service["spec"]["selector"]
            assert any(matches(selector, pod_labels(w)) for w in long_running), service
        for budget in of_kind(render(variant), "PodDisruptionBudget"):
            selector = budget["spec"]["selector"]["matchLabels"]
            selected = [w for w in long_running if matches(selector, pod_labels(w))]
            assert len(selected) == 1, budget["metadata"]["name"]

    def test_autoscalers_target_a_rendered_deployment(self, variant):
        deployments = {d["metadata"]["name"] for d in of_kind(render(variant), "Deployment")}
        for autoscaler in of_kind(render(variant), "HorizontalPodAutoscaler"):
            assert autoscaler["spec"]["scaleTargetRef"]["name"] in deployments


@ALL_VARIANTS
def test_every_hook_has_a_delete_policy(variant):
    for manifest in render(variant):
        if is_hook(manifest):
            annotations = manifest["metadata"]["annotations"]
            assert "before-hook-creation" in annotations["helm.sh/hook-delete-policy"]


@ALL_VARIANTS
def test_each_chart_has_a_helm_test_pod(variant):
    tests = [
        m
        for m in render(variant)
        if m["metadata"].get("annotations", {}).get("helm.sh/hook") == "test"
    ]
    assert len(tests) == 1
    assert tests[0]["kind"] == "Pod"
