"""Site queries."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_widget.sites.models import Site


async def get(session: AsyncSession, tenant: str, *, lock: bool = False) -> Site | None:
    query = select(Site).where(Site.tenant == tenant)
    if lock:
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def delete(session: AsyncSession, site: Site) -> None:
    await session.delete(site)
