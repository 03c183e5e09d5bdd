"""Domain queries: a tenant's config (and its row lock), its hosts, who owns a host."""

from collections.abc import Iterable

from sqlalchemy import delete as sql_delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_widget.domains.models import DomainConfig, TenantHost
from inspraak_widget.sites.models import utcnow
from inspraak_widget.sql import insert_if_missing


async def get_config(session: AsyncSession, tenant: str) -> DomainConfig | None:
    return (await session.exec(select(DomainConfig).where(DomainConfig.tenant == tenant))).first()


async def lock_config(session: AsyncSession, tenant: str) -> DomainConfig:
    """The tenant's config row, created if missing and locked until the transaction ends."""
    await insert_if_missing(
        session,
        DomainConfig.__table__,  # type: ignore[arg-type]
        {"tenant": tenant, "version": 0, "embed_origins": [], "updated_at": utcnow()},
        ["tenant"],
    )
    query = select(DomainConfig).where(DomainConfig.tenant == tenant).with_for_update()
    config = (await session.exec(query.execution_options(populate_existing=True))).one()
    return config


async def hosts_of(session: AsyncSession, tenant: str) -> list[TenantHost]:
    query = (
        select(TenantHost)
        .where(TenantHost.tenant == tenant)
        .order_by(col(TenantHost.is_primary).desc(), col(TenantHost.host))
    )
    return list((await session.exec(query)).all())


async def tenants_with_hosts(session: AsyncSession) -> list[str]:
    query = select(TenantHost.tenant).where(col(TenantHost.is_primary)).order_by(TenantHost.tenant)
    return list((await session.exec(query)).all())


async def find_host(session: AsyncSession, host: str) -> TenantHost | None:
    return (await session.exec(select(TenantHost).where(TenantHost.host == host))).first()


async def taken_elsewhere(session: AsyncSession, tenant: str, hosts: Iterable[str]) -> list[str]:
    query = select(TenantHost.host).where(
        col(TenantHost.host).in_(list(hosts)), TenantHost.tenant != tenant
    )
    return sorted((await session.exec(query)).all())


async def replace_hosts(
    session: AsyncSession, tenant: str, primary: str, aliases: Iterable[str]
) -> None:
    await session.exec(sql_delete(TenantHost).where(col(TenantHost.tenant) == tenant))
    await session.flush()
    session.add(TenantHost(host=primary, tenant=tenant, is_primary=True))
    for alias in aliases:
        session.add(TenantHost(host=alias, tenant=tenant, is_primary=False))
    await session.flush()


async def forget_tenant(session: AsyncSession, tenant: str) -> None:
    await session.exec(sql_delete(TenantHost).where(col(TenantHost.tenant) == tenant))
    await session.exec(sql_delete(DomainConfig).where(col(DomainConfig.tenant) == tenant))
