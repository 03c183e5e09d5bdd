"""Which tenant (municipality) a request is for.

The gateway resolves the tenant from the Host header and passes it on in
`X-Inspraak-Tenant`; services trust that header only from the gateway's network
(NetworkPolicy), and the caller's token must belong to the same tenant.
"""

import re
from typing import Annotated

from fastapi import Depends, Header
from pydantic import AfterValidator

from inspraak_shared.problems import BadRequest

TENANT_HEADER = "X-Inspraak-Tenant"
# Tenant slugs end up in NATS subjects, realm names and host names: keep them plain.
TENANT_SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9-]{1,61}[a-z0-9]$")
RESERVED_SLUGS = frozenset({"master", "platform", "admin", "api", "deadletter"})


def validate_tenant_slug(value: str) -> str:
    if not TENANT_SLUG_PATTERN.fullmatch(value):
        raise ValueError(
            "a tenant slug is 3-63 characters: lowercase letters, digits and hyphens, "
            "starting with a letter"
        )
    if value in RESERVED_SLUGS:
        raise ValueError(f"'{value}' is reserved and cannot be a tenant slug")
    return value


TenantSlug = Annotated[str, AfterValidator(validate_tenant_slug)]


def request_tenant(
    tenant: Annotated[str | None, Header(alias=TENANT_HEADER, include_in_schema=False)] = None,
) -> str:
    if tenant is None:
        raise BadRequest(f"The {TENANT_HEADER} header is required.", slug="tenant-missing")
    try:
        return validate_tenant_slug(tenant)
    except ValueError as exc:
        raise BadRequest(str(exc), slug="tenant-invalid") from exc


RequestTenant = Annotated[str, Depends(request_tenant)]
