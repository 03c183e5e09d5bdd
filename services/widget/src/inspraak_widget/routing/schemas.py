"""What the gateway learns about a host name (and path) from the internal lookup."""

from typing import Literal

from pydantic import BaseModel, Field


class Redirect(BaseModel):
    status: Literal[301, 302]
    location: str = Field(description="Absolute URL to send the visitor to")


class HostLookup(BaseModel):
    host: str = Field(description="The host as looked up: lowercase, without port")
    tenant: str = Field(description="The tenant slug to pass on in X-Inspraak-Tenant")
    primary: str = Field(description="The tenant's primary domain")
    alias: bool = Field(description="True when the host is an alias of the primary domain")
    redirect: Redirect | None = Field(
        description="Answer the request with this redirect instead of serving it: an alias "
        "goes to the primary domain (301, path and query kept); a path redirect goes to its "
        "final target (chains resolved into one hop)"
    )
