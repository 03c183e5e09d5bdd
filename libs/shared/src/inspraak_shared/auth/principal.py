"""Who is calling: the tenant, the person, their tenant-wide roles and scoped roles."""

from dataclasses import dataclass, field
from enum import StrEnum


class TenantRole(StrEnum):
    """Tenant-wide roles: Keycloak realm roles, so they are in every token."""

    SUPERADMIN = "superadmin"
    POLICY_MAKER = "policy_maker"
    COMMUNICATIONS = "communications"
    IT_ADMIN = "it_admin"
    USER = "user"


class PlatformRole(StrEnum):
    SUPPORT = "support"


class ScopedRoleName(StrEnum):
    DEPARTMENT_HEAD = "department_head"
    PROJECT_MODERATOR = "project_moderator"


SCOPED_ROLES_CLAIM = "inspraak_scopes"
# The area (neighbourhood) a person declared they live in; self-declared, set in identity.
AREA_CLAIM = "inspraak_area"


@dataclass(frozen=True)
class ScopedRole:
    """A role on one department or project, e.g. `project_moderator:project:42:external`."""

    role: str
    scope: str
    scope_id: str
    external: bool = False

    @classmethod
    def parse(cls, value: str) -> "ScopedRole | None":
        parts = value.split(":")
        if len(parts) not in (3, 4) or not all(parts[:3]):
            return None
        external = len(parts) == 4 and parts[3] == "external"
        return cls(role=parts[0], scope=parts[1], scope_id=parts[2], external=external)

    def __str__(self) -> str:
        suffix = ":external" if self.external else ""
        return f"{self.role}:{self.scope}:{self.scope_id}{suffix}"


@dataclass(frozen=True)
class Principal:
    tenant: str
    user_id: str
    username: str
    roles: frozenset[str] = field(default_factory=frozenset)
    scoped_roles: frozenset[ScopedRole] = field(default_factory=frozenset)
    area_id: str | None = None

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def has_scoped_role(self, role: str, scope_id: str) -> bool:
        return any(s.role == role and s.scope_id == scope_id for s in self.scoped_roles)

    def scope_ids(self, role: str) -> frozenset[str]:
        return frozenset(s.scope_id for s in self.scoped_roles if s.role == role)
