"""Which service answers which public path.

`/api/v1/<service>/<rest>` goes to the service's API root plus `<rest>`. The services do
not agree on that root: identity, notifications and widget serve under `/v1`, projects
and contributions at `/`; the table below is that contract, and the merged OpenAPI
document is built from the same table, so the two never disagree.
"""

SERVICES = ("identity", "projects", "contributions", "notifications", "widget")
API_ROOTS: dict[str, str] = {
    "identity": "/v1",
    "projects": "",
    "contributions": "",
    "notifications": "/v1",
    "widget": "/v1",
}
# Never reachable from outside: the gateway's own lookups and each service's operations.
_HIDDEN_FIRST_SEGMENTS = frozenset(
    {"internal", "healthz", "readyz", "metrics", "openapi.json", "docs", "redoc"}
)
OPERATIONAL_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def upstream_path(service: str, rest: str) -> str | None:
    """The service's path for a public `rest`, or None when nothing public lives there."""
    if service not in API_ROOTS:
        return None
    segments = rest.split("/")
    if segments[0] in _HIDDEN_FIRST_SEGMENTS or any(s in {".", ".."} for s in segments):
        return None
    return f"{API_ROOTS[service]}/{rest}"


def public_path(service: str, path: str) -> str | None:
    """The public path of a path in a service's own OpenAPI document (None: not public)."""
    root = API_ROOTS[service]
    if root and not path.startswith(f"{root}/"):
        return None
    rest = path[len(root) + 1 :]
    if upstream_path(service, rest) is None:
        return None
    return f"/api/v1/{service}/{rest}"
