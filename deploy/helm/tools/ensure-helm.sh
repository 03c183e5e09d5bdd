#!/usr/bin/env bash
# Prints the path of the pinned helm binary, building it once from the Go module proxy.
#
# helm is not packaged by Debian and nothing outside the package registries can be
# downloaded here, so it is built with `go install` and cached under .stack/tools/ (the
# first build takes about three minutes on two cores; later builds on the same machine
# reuse Go's build cache and take seconds). The ldflags are those of helm's own Makefile:
# without them `helm version` and the Kubernetes version templates see are wrong (v1.20).
set -euo pipefail

HELM_VERSION="v3.22.0"
# Kubernetes version helm assumes when no cluster is asked: its client-go modules' (v0.37).
KUBE_MAJOR="1"
KUBE_MINOR="37"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
dir="$repo/.stack/tools/helm-$HELM_VERSION"
bin="$dir/helm"

if [ ! -x "$bin" ]; then
    go="$(command -v go || true)"
    [ -n "$go" ] || go=/usr/local/go/bin/go
    if [ ! -x "$go" ]; then
        echo "ensure-helm: Go is needed to build helm $HELM_VERSION (looked in PATH and /usr/local/go/bin)" >&2
        exit 1
    fi
    mkdir -p "$dir"
    exec 9>"$dir.lock"
    flock 9
    if [ ! -x "$bin" ]; then
        echo "ensure-helm: building helm $HELM_VERSION with $("$go" version | cut -d' ' -f3) (once per machine)..." >&2
        start=$SECONDS
        pkg=helm.sh/helm/v3
        ldflags="-s -w -X $pkg/internal/version.version=$HELM_VERSION"
        ldflags+=" -X $pkg/internal/version.gitTreeState=clean"
        ldflags+=" -X $pkg/pkg/chartutil.k8sVersionMajor=$KUBE_MAJOR -X $pkg/pkg/chartutil.k8sVersionMinor=$KUBE_MINOR"
        ldflags+=" -X $pkg/pkg/lint/rules.k8sVersionMajor=$KUBE_MAJOR -X $pkg/pkg/lint/rules.k8sVersionMinor=$KUBE_MINOR"
        tmp="$(mktemp -d "$dir.build.XXXXXX")"
        trap 'rm -rf "$tmp"' EXIT
        GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS=-trimpath \
            "$go" install -ldflags "$ldflags" "$pkg/cmd/helm@$HELM_VERSION" >&2
        mv "$tmp/helm" "$bin"
        echo "ensure-helm: built $bin in $((SECONDS - start)) s" >&2
    fi
fi
echo "$bin"
