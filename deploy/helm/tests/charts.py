"""Render the charts with a real helm binary, once per variant per test session."""

import functools
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HELM_DIR = Path(__file__).resolve().parents[1]
PLATFORM_CHART = HELM_DIR / "inspraak"
TENANT_CHART = HELM_DIR / "inspraak-tenant"
EXAMPLES = HELM_DIR / "examples"
ENSURE_HELM = HELM_DIR / "tools" / "ensure-helm.sh"

SERVICES = ("contributions", "gateway", "identity", "notifications", "projects", "widget")
# The Kubernetes versions we support: the oldest the charts allow (kubeVersion), one in the
# middle, and the newest kubernetes-validate ships schemas for.
KUBERNETES_VERSIONS = ("1.31.0", "1.34.0", "1.37.0")

Manifest = dict[str, Any]


@dataclass(frozen=True)
class Variant:
    """One way of installing a chart: release, namespace and values."""

    name: str
    chart: Path
    release: str
    namespace: str
    values_files: tuple[Path, ...] = ()
    set_values: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return self.name


PLATFORM_VARIANTS = (
    Variant("platform-defaults", PLATFORM_CHART, "inspraak", "inspraak"),
    Variant(
        "platform-production",
        PLATFORM_CHART,
        "inspraak",
        "inspraak",
        (EXAMPLES / "platform-production.yaml",),
    ),
    Variant(
        "platform-small",
        PLATFORM_CHART,
        "inspraak",
        "inspraak",
        (EXAMPLES / "platform-small.yaml",),
    ),
)
TENANT_VARIANTS = (
    Variant("tenant-defaults", TENANT_CHART, "tenant-demo", "inspraak"),
    Variant(
        "tenant-gent", TENANT_CHART, "tenant-gent", "inspraak", (EXAMPLES / "tenant-gent.yaml",)
    ),
    Variant(
        "tenant-zwolle",
        TENANT_CHART,
        "tenant-zwolle",
        "tenant-zwolle",
        (EXAMPLES / "tenant-zwolle.yaml",),
    ),
)
VARIANTS = {variant.name: variant for variant in PLATFORM_VARIANTS + TENANT_VARIANTS}


class HelmError(Exception):
    """helm exited with an error; the message is its standard error."""


@functools.cache
def helm_binary() -> str:
    """The pinned helm, built from the Go module proxy on first use (see ensure-helm.sh)."""
    result = subprocess.run(
        ["bash", str(ENSURE_HELM)], check=True, capture_output=True, text=True, timeout=900
    )
    return result.stdout.strip()


def run_helm(*args: str | Path) -> str:
    result = subprocess.run(
        [helm_binary(), *map(str, args)], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise HelmError(result.stderr.strip() or result.stdout.strip())
    return result.stdout


def template(
    chart: Path,
    *,
    release: str,
    namespace: str,
    values_files: tuple[Path, ...] = (),
    set_values: tuple[str, ...] = (),
    show_only: str | None = None,
) -> list[Manifest]:
    """`helm template` (hooks and test pods included), parsed into manifests."""
    args: list[str | Path] = ["template", release, chart, "--namespace", namespace]
    if show_only:
        args += ["--show-only", show_only]
    for path in values_files:
        args += ["--values", path]
    for assignment in set_values:
        args += ["--set", assignment]
    return [doc for doc in yaml.safe_load_all(run_helm(*args)) if doc]


@functools.cache
def render(variant: Variant) -> tuple[Manifest, ...]:
    return tuple(
        template(
            variant.chart,
            release=variant.release,
            namespace=variant.namespace,
            values_files=variant.values_files,
            set_values=variant.set_values,
        )
    )


def named(manifests: tuple[Manifest, ...] | list[Manifest], kind: str, name: str) -> Manifest:
    matches = [m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name]
    assert len(matches) == 1, f"expected one {kind} {name}, found {len(matches)}"
    return matches[0]


def of_kind(manifests: tuple[Manifest, ...] | list[Manifest], kind: str) -> list[Manifest]:
    return [m for m in manifests if m["kind"] == kind]


def pod_spec(manifest: Manifest) -> dict[str, Any] | None:
    """The pod spec of a workload or pod, None for other kinds."""
    kind = manifest["kind"]
    if kind == "Pod":
        return manifest["spec"]
    if kind in {"Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"}:
        return manifest["spec"]["template"]["spec"]
    if kind == "CronJob":
        return manifest["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return None


def pod_labels(manifest: Manifest) -> dict[str, str]:
    if manifest["kind"] == "Pod":
        return manifest["metadata"].get("labels", {})
    return manifest["spec"]["template"]["metadata"].get("labels", {})


def containers(manifest: Manifest) -> Iterator[dict[str, Any]]:
    spec = pod_spec(manifest)
    if spec is not None:
        yield from spec.get("initContainers", [])
        yield from spec["containers"]


def env_of(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in container.get("env", [])}


def is_hook(manifest: Manifest) -> bool:
    return "helm.sh/hook" in manifest["metadata"].get("annotations", {})


def write_values(tmp_path: Path, values: dict[str, Any]) -> Path:
    path = tmp_path / "values.yaml"
    path.write_text(yaml.safe_dump(values))
    return path


def render_notes(variant: Variant, workdir: Path) -> str:
    """NOTES.txt as `helm install` would print it.

    `helm template` skips NOTES.txt and `helm install --dry-run` needs a cluster, so a copy
    of the chart renders it as an ordinary template through `tpl`.
    """
    chart = workdir / variant.chart.name
    shutil.copytree(variant.chart, chart)
    (chart / "templates" / "NOTES.txt").rename(chart / "NOTES.tpl")
    (chart / "templates" / "zz-notes.yaml").write_text(
        'notes: |\n  {{- tpl (.Files.Get "NOTES.tpl") . | nindent 2 }}\n'
    )
    (manifest,) = template(
        chart,
        release=variant.release,
        namespace=variant.namespace,
        values_files=variant.values_files,
        set_values=variant.set_values,
        show_only="templates/zz-notes.yaml",
    )
    return manifest["notes"]
