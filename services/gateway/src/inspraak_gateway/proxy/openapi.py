"""One OpenAPI document for the public API, built from every service's own document.

Paths get their public prefix (`/api/v1/<service>`); schema names, operation ids and tags
get the service's name so two services' `ProjectRead` never collide. A service that is
down is left out and named under `x-inspraak-unavailable`; the merge is cached briefly.
"""

import asyncio
import time
from typing import Any

import httpx

from inspraak_gateway.proxy.upstreams import SERVICES, public_path

_SCHEMA_REF = "#/components/schemas/"
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


class MergedOpenApi:
    def __init__(self, http: httpx.AsyncClient, urls: dict[str, str], *, ttl: float) -> None:
        self._http = http
        self._urls = urls
        self._ttl = ttl
        self._document: dict[str, Any] | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def document(self) -> dict[str, Any]:
        async with self._lock:
            if self._document is None or self._expires <= time.monotonic():
                self._document = await self._build()
                self._expires = time.monotonic() + self._ttl
            return self._document

    async def _build(self) -> dict[str, Any]:
        fetched = await asyncio.gather(*(self._fetch(s) for s in SERVICES))
        documents = {s: d for s, d in zip(SERVICES, fetched, strict=True) if d is not None}
        merged = merge(documents)
        missing = [s for s in SERVICES if s not in documents]
        if missing:
            merged["x-inspraak-unavailable"] = missing
        return merged

    async def _fetch(self, service: str) -> dict[str, Any] | None:
        try:
            response = await self._http.get(f"{self._urls[service]}/openapi.json", timeout=5.0)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError):
            return None  # reported in the document; the other services' paths still help
        return document if isinstance(document, dict) else None


def merge(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    security_schemes: dict[str, Any] = {}
    tags: list[dict[str, Any]] = []
    for service, document in documents.items():
        renamed = _rename_refs(document, service)
        for path, item in renamed.get("paths", {}).items():
            public = public_path(service, path)
            if public is not None:
                paths[public] = _label_operations(item, service)
        components = renamed.get("components", {})
        for name, schema in components.get("schemas", {}).items():
            schemas[f"{service}.{name}"] = schema
        security_schemes.update(components.get("securitySchemes", {}))
        tags.append({"name": service, "description": document.get("info", {}).get("title", "")})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Inspraak public API",
            "version": "1",
            "description": "Every service's API as the gateway serves it. The municipality "
            "is the host name; sign in with a Bearer token of its Keycloak realm.",
        },
        "tags": tags,
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": schemas, "securitySchemes": security_schemes},
    }


def _label_operations(item: dict[str, Any], service: str) -> dict[str, Any]:
    labelled = dict(item)
    for method, operation in item.items():
        if method in _METHODS and isinstance(operation, dict):
            operation = dict(operation)
            if "operationId" in operation:
                operation["operationId"] = f"{service}_{operation['operationId']}"
            operation["tags"] = [f"{service}: {t}" for t in operation.get("tags", [])] or [service]
            labelled[method] = operation
    return labelled


def _rename_refs(node: Any, service: str) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                f"{_SCHEMA_REF}{service}.{value.removeprefix(_SCHEMA_REF)}"
                if key == "$ref" and isinstance(value, str) and value.startswith(_SCHEMA_REF)
                else _rename_refs(value, service)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rename_refs(value, service) for value in node]
    return node
