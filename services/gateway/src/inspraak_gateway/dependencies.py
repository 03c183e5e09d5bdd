"""What endpoints take from the request: the gateway's parts and the resolved host."""

from typing import Annotated

from fastapi import Depends, Request

from inspraak_gateway.state import Gateway
from inspraak_gateway.tenancy.directory import UnknownHostError
from inspraak_gateway.tenancy.schemas import HostLookup


def gateway(request: Request) -> Gateway:
    return request.app.state.gateway  # type: ignore[no-any-return]


def resolved_host(request: Request) -> HostLookup:
    """Set by the tenant middleware; absent only on the exempt operational paths."""
    lookup = getattr(request.state, "tenant", None)
    if not isinstance(lookup, HostLookup):
        raise UnknownHostError("This address does not belong to a municipality.")
    return lookup


def request_id(request: Request) -> str:
    return str(request.state.request_id)


GatewayParts = Annotated[Gateway, Depends(gateway)]
ResolvedHost = Annotated[HostLookup, Depends(resolved_host)]
RequestId = Annotated[str, Depends(request_id)]
