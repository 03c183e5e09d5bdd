"""Every query on people, roles and tenants."""

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.directory.models import Person, RoleAssignment, TenantInfo
from inspraak_notifications.sql import insert


async def person(session: AsyncSession, tenant: str, user_id: str) -> Person | None:
    return await session.get(Person, (tenant, user_id))


async def people(session: AsyncSession, tenant: str, user_ids: Sequence[str]) -> list[Person]:
    if not user_ids:
        return []
    query = select(Person).where(Person.tenant == tenant, col(Person.user_id).in_(user_ids))
    return list((await session.exec(query)).all())


async def person_by_username(session: AsyncSession, tenant: str, username: str) -> Person | None:
    query = select(Person).where(
        Person.tenant == tenant, func.lower(Person.username) == username.lower()
    )
    return (await session.exec(query)).first()


async def save_contact(
    session: AsyncSession,
    *,
    tenant: str,
    user_id: str,
    username: str,
    email: str | None,
    language: str | None,
    kind: str | None,
    at: datetime,
    registered: bool,
) -> None:
    """Insert or update; an older event (by its time) never overwrites a newer one."""
    values = {
        "tenant": tenant,
        "user_id": user_id,
        "username": username,
        "email": email,
        "language": language,
        "kind": kind or "person",
        "contact_updated_at": at,
    }
    statement = insert(session, Person).values(**values)
    changes = {
        "username": statement.excluded.username,
        "email": func.coalesce(statement.excluded.email, Person.email),
        "language": func.coalesce(statement.excluded.language, Person.language),
        "contact_updated_at": statement.excluded.contact_updated_at,
    }
    if registered:
        changes["kind"] = statement.excluded.kind
    statement = statement.on_conflict_do_update(
        index_elements=["tenant", "user_id"],
        set_=changes,
        where=col(Person.contact_updated_at) <= statement.excluded.contact_updated_at,
    )
    await session.exec(statement)


async def remember_username(
    session: AsyncSession, tenant: str, user_id: str, username: str
) -> None:
    """Know a staff member's username from a role event, without overriding contact data."""
    statement = insert(session, Person).values(
        tenant=tenant,
        user_id=user_id,
        username=username,
        kind="person",
        # The oldest possible: any contact event that arrives later wins.
        contact_updated_at=datetime(1970, 1, 1, tzinfo=UTC),
    )
    await session.exec(statement.on_conflict_do_nothing(index_elements=["tenant", "user_id"]))


async def delete_person(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        delete(Person).where(col(Person.tenant) == tenant, col(Person.user_id) == user_id)
    )
    await session.exec(
        delete(RoleAssignment).where(
            col(RoleAssignment.tenant) == tenant, col(RoleAssignment.user_id) == user_id
        )
    )


async def grant_role(session: AsyncSession, assignment: RoleAssignment) -> None:
    values = assignment.model_dump()
    statement = insert(session, RoleAssignment).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["tenant", "user_id", "role", "scope", "scope_id"],
        set_={"external": statement.excluded.external, "status": statement.excluded.status},
    )
    await session.exec(statement)


async def revoke_role(
    session: AsyncSession, tenant: str, user_id: str, role: str, scope: str, scope_id: str
) -> None:
    await session.exec(
        delete(RoleAssignment).where(
            col(RoleAssignment.tenant) == tenant,
            col(RoleAssignment.user_id) == user_id,
            col(RoleAssignment.role) == role,
            col(RoleAssignment.scope) == scope,
            col(RoleAssignment.scope_id) == scope_id,
        )
    )


async def role_holders(
    session: AsyncSession, tenant: str, role: str, scope: str = "", scope_id: str = ""
) -> list[str]:
    """Active holders, the longest-standing first."""
    query = (
        select(RoleAssignment.user_id)
        .where(
            RoleAssignment.tenant == tenant,
            RoleAssignment.role == role,
            RoleAssignment.scope == scope,
            RoleAssignment.scope_id == scope_id,
            RoleAssignment.status == "active",
        )
        .order_by(col(RoleAssignment.granted_at), col(RoleAssignment.user_id))
    )
    return list((await session.exec(query)).all())


async def tenant(session: AsyncSession, slug: str) -> TenantInfo | None:
    return await session.get(TenantInfo, slug)


async def tenants(session: AsyncSession) -> list[TenantInfo]:
    return list((await session.exec(select(TenantInfo).order_by(col(TenantInfo.slug)))).all())


async def save_tenant(session: AsyncSession, info: TenantInfo) -> None:
    """Insert, or update when the snapshot's version is newer; keeps `first_seen_at`."""
    values = info.model_dump()
    statement = insert(session, TenantInfo).values(**values)
    updatable = {k: statement.excluded[k] for k in values if k not in ("slug", "first_seen_at")}
    statement = statement.on_conflict_do_update(
        index_elements=["slug"],
        set_=updatable,
        where=col(TenantInfo.version) < statement.excluded.version,
    )
    await session.exec(statement)


async def delete_tenant(session: AsyncSession, slug: str) -> None:
    await session.exec(delete(TenantInfo).where(col(TenantInfo.slug) == slug))
