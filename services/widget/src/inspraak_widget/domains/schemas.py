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


class HostCheck(ApiModel):
    host: str
    role: Literal["primary", "alias"]
    status: CheckStatus
    expected: list[DnsRecord] = Field(description="What to set at the DNS provider")
    found: list[str] = Field(description="What the DNS answers now")
    message: str


class DomainCheckRead(ApiModel):
    hosts: list[HostCheck]
