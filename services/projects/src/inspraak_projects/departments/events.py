"""The department snapshot events (docs/events.md: `department.*`)."""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.events import emit
from inspraak_projects.departments.models import Department


def snapshot(department: Department, head_user_ids: list[str]) -> dict[str, Any]:
    return {
        "department_id": str(department.id),
        "version": department.version,
        "slug": department.slug,
        "name": department.name,
        "head_user_ids": head_user_ids,
    }


def emit_department(
    session: AsyncSession, department: Department, verb: str, head_user_ids: list[str]
) -> None:
    emit(
        session,
        tenant=department.tenant,
        entity="department",
        verb=verb,
        subject=str(department.id),
        data=snapshot(department, head_user_ids),
    )
