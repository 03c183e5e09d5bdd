"""What happens when a municipality leaves the platform (`identity.tenant.deleted`).

Everything of the tenant goes: inputs, comments, reactions, votes, surveys, rankings,
reports, idempotent responses and the project and role read models, in the handler's one
transaction, so a failure leaves all of it in place for the retry. No events are sent:
every service receives the same `tenant.deleted`.
"""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.tenants import repository


async def delete_tenant(session: AsyncSession, tenant: str) -> dict[str, int]:
    return await repository.delete_tenant(session, tenant)
