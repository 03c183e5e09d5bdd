"""Domains as the IT officer manages them, and the DNS check's report."""

from datetime import datetime
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from inspraak_widget.hostnames import HostName, WebOrigin


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DomainsBase(ApiModel):
    primary: HostName = Field(description="participatie.gemeente.nl: where the platform lives")
    aliases: list[HostName] = Field(
        default_factory=list,
        max_length=20,
        description="Other host names; visitors are sent on (301) to the primary domain",
    )
    embed_origins: list[WebOrigin] = Field(
        default_factory=list,
        max_length=20,
        description="Pages that may embed the widget, e.g. https://www.gemeente.nl "
        "(the tenant's own domains always may)",
    )


class DomainsUpdate(DomainsBase):
    @model_validator(mode="after")
    def _each_host_once(self) -> Self:
        hosts = [self.primary, *self.aliases]
        if len(set(hosts)) != len(hosts):
            raise ValueError("a host name appears twice")
        if len(set(self.embed_origins)) != len(self.embed_origins):
            raise ValueError("an embed origin appears twice")
        return self


class DomainsRead(ApiModel):
    primary: str | None
    aliases: list[str]
    embed_origins: list[str]
    version: int
    updated_at: datetime | None


RecordType = Literal["CNAME", "A", "AAAA"]
CheckStatus = Literal["ok", "missing", "wrong", "unknown"]


class DnsRecord(ApiModel):
    type: RecordType
    name: str
    value: str


RoutingStatus = Literal["routed", "other-tenant", "not-routed"]
RoutingReason = Literal["connection", "tls", "timeout", "http-status", "not-inspraak"]


class HostRouting(ApiModel):
    status: RoutingStatus = Field(
        description="routed: https://<host>/.well-known/inspraak/host answers for this "
        "municipality; other-tenant: for another one; not-routed: no such answer"
    )
    reason: RoutingReason | None = Field(
        description="Why not routed: no connection, a certificate that does not fit, no "
        "answer in time, an HTTP error (an ingress's 404) or an answer that is not Inspraak's"
    )
    detail: str | None = Field(description="Technical detail, e.g. HTTP 404")
    in_release: bool = Field(
        description="The tenant's Helm release names this host (as the operator last applied it)"
    )
    message: str = Field(description="What it means and what to do next")


class HostCheck(ApiModel):
    host: str
    role: Literal["primary", "alias"]
    status: CheckStatus = Field(description="Whether the DNS record is in place")
    expected: list[DnsRecord] = Field(description="What to set at the DNS provider")
    found: list[str] = Field(description="What the DNS answers now")
    message: str
    routing: HostRouting


class ReleaseRead(ApiModel):
    """The hand-over to the platform operator: the tenant Helm release's domains."""

    in_sync: bool = Field(
        description="The release serves exactly these domains, with the same primary domain"
    )
    release_primary: str | None = Field(description="The release's primary domain")
    missing: list[str] = Field(description="Domains the release does not have yet")
    surplus: list[str] = Field(description="Domains the release still has but no longer used")
    values: str = Field(
        description="The values block for the inspraak-tenant chart (YAML), for `helm upgrade`"
    )
    message: str


class DomainCheckRead(ApiModel):
    hosts: list[HostCheck]
    release: ReleaseRead | None = Field(description="None while the tenant has no domains")
