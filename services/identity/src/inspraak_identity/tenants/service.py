"""Applying, deleting and exporting tenants.

`apply` is idempotent: the realm, the tenant row, the default terms of use and the
bootstrap superadmin's invitation are each brought in line and report what changed.

Domains have two owners: the operator's spec and the IT officer (through the widget
service's `widget.domains.changed`). The latest change wins, as in the widget service: a
widget change replaces the domains in use, and an apply replaces them only when the
spec's domains differ from the ones it was last applied with.
"""

import io
import json
import logging
import tarfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from keycloak.exceptions import KeycloakError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.config import IdentitySettings
from inspraak_identity.invitations import service as invitations
from inspraak_identity.keycloak.admin import KeycloakGateway
from inspraak_identity.keycloak.realm import (
    WEB_CLIENT,
    RealmDesign,
    RealmProvisioner,
    StepResult,
    delete_realm,
    export_realm,
)
from inspraak_identity.schemas import utcnow
from inspraak_identity.tenants import events
from inspraak_identity.tenants.models import Tenant
from inspraak_identity.tenants.repository import TenantRepository
from inspraak_identity.tenants.schemas import (
    ApplyReport,
    BootstrapInvitation,
    DeleteReport,
    Domains,
    PublicTenant,
    StepRead,
    TenantSpec,
    WidgetDomains,
)
from inspraak_identity.terms import service as terms
from inspraak_shared.problems import (
    Conflict,
    NotFound,
    ServiceUnavailable,
    UnprocessableContent,
)

logger = logging.getLogger("inspraak.identity.tenants")

Progress = Callable[[StepRead], Awaitable[None] | None]
BOOTSTRAP_ROLE = "superadmin"


def realm_design(
    spec: TenantSpec,
    domains: Domains,
    web_scheme: Literal["https", "http"] = "https",
    web_port: int | None = None,
) -> RealmDesign:
    """The realm for the spec, served on `domains` (the ones in use, see `domains_in_use`)."""
    return RealmDesign(
        web_scheme=web_scheme,
        web_port=web_port,
        name=spec.slug,
        display_name=spec.display_name,
        languages=tuple(spec.languages),
        default_language=spec.default_language,
        hosts=tuple(dict.fromkeys([domains.primary, *domains.aliases])),
        allow_registration=spec.allow_self_registration,
    )


def domains_in_use(tenant: Tenant | None, spec: TenantSpec) -> Domains:
    """The spec's domains when the operator changed them (or on first apply), else the
    ones in use, which the widget service may have changed since."""
    if tenant is None or tenant.spec.get("domains") != spec.document()["domains"]:
        return spec.domains
    # Validated when they came in; the spec's cap on aliases binds the operator only.
    return Domains.model_construct(
        primary=tenant.primary_domain, aliases=list(tenant.domain_aliases)
    )


async def apply_tenant(
    session: AsyncSession,
    keycloak: KeycloakGateway,
    settings: IdentitySettings,
    spec: TenantSpec,
    progress: Progress | None = None,
) -> ApplyReport:
    repository = TenantRepository(session)
    tenant = await repository.get(spec.slug, for_update=True)
    if tenant is not None and tenant.keycloak_url != spec.keycloak_url:
        raise Conflict(
            "This tenant's realm lives on another Keycloak; moving it is a migration "
            "(export, delete, apply), not a change of spec.",
            slug="keycloak-moved",
        )
    steps: list[StepRead] = []

    async def report(result: StepResult | StepRead) -> None:
        step = StepRead(name=result.name, status=result.status, changes=list(result.changes))
        steps.append(step)
        if progress is not None:
            outcome = progress(step)
            if outcome is not None:
                await outcome

    provisioner = RealmProvisioner(
        keycloak.admin(settings.keycloak_admin_realm, spec.keycloak_url),
        keycloak.admin(spec.slug, spec.keycloak_url),
    )
    domains = domains_in_use(tenant, spec)
    try:
        await provisioner.apply(
            realm_design(spec, domains, settings.web_scheme, settings.web_port), progress=report
        )
    except KeycloakError as exc:
        # Nothing is committed; applying again continues where this stopped.
        raise ServiceUnavailable(
            f"Keycloak did not complete the realm set-up ({type(exc).__name__}); apply again.",
            slug="keycloak-unavailable",
        ) from exc

    tenant, record_step = await _record(repository, tenant, spec, domains)
    await report(record_step)
    created_terms = await terms.ensure_default_terms(session, tenant)
    await report(
        StepRead(
            name="terms of use",
            status="created" if created_terms else "unchanged",
            changes=["default terms, version 1"] if created_terms else [],
        )
    )
    bootstrap = await _bootstrap_superadmin(session, keycloak, settings, tenant, spec)
    await report(
        StepRead(
            name="bootstrap superadmin",
            status="created" if bootstrap else "unchanged",
            changes=[f"invited {spec.bootstrap_superadmin_email}"] if bootstrap else [],
        )
    )
    changed = any(step.status != "unchanged" for step in steps)
    if changed:
        if record_step.status == "unchanged":
            # Only Keycloak drifted; consumers still get a newer snapshot.
            tenant.version += 1
            repository.session.add(tenant)
            await repository.session.flush()
        issuer = f"{tenant.keycloak_url or settings.issuer_base_url}/realms/{tenant.slug}"
        events.tenant_applied(session, tenant, spec, keycloak_issuer=issuer)
    return ApplyReport(slug=spec.slug, changed=changed, steps=steps, bootstrap_invitation=bootstrap)


async def _record(
    repository: TenantRepository, tenant: Tenant | None, spec: TenantSpec, domains: Domains
) -> tuple[Tenant, StepRead]:
    document = spec.document()
    values: dict[str, Any] = {
        "display_name": spec.display_name,
        "country": spec.country,
        "default_language": spec.default_language,
        "languages": list(spec.languages),
        "primary_domain": domains.primary,
        "domain_aliases": list(domains.aliases),
        "allow_external_moderators": spec.allow_external_moderators,
        "allow_self_registration": spec.allow_self_registration,
        "require_project_approval": spec.require_project_approval,
        "keycloak_url": spec.keycloak_url,
        "spec": document,
    }
    if tenant is None:
        tenant = await repository.add(Tenant(slug=spec.slug, **values))
        return tenant, StepRead(name="tenant record", status="created", changes=[spec.slug])
    changes = sorted(
        key for key in set(document) | set(tenant.spec) if document.get(key) != tenant.spec.get(key)
    )
    if not changes:
        return tenant, StepRead(name="tenant record", status="unchanged")
    for name, value in values.items():
        setattr(tenant, name, value)
    tenant.version += 1
    tenant.updated_at = utcnow()
    repository.session.add(tenant)
    await repository.session.flush()
    return tenant, StepRead(name="tenant record", status="updated", changes=changes)


async def follow_widget_domains(
    session: AsyncSession,
    keycloak: KeycloakGateway,
    settings: IdentitySettings,
    slug: str,
    change: WidgetDomains,
) -> bool:
    """Serve the tenant on the widget service's domains; True when they changed.

    Only a newer `version` counts, so a late or repeated event never rolls back. The
    realm is brought in line by the same provisioner as `apply`. `tenant.applied` is not
    published: its `domains` are the spec's, and the widget announces its own change.
    """
    repository = TenantRepository(session)
    tenant = await repository.get(slug, for_update=True)
    if tenant is None:
        logger.info("widget domains of unknown tenant %s ignored", slug)
        return False
    if (
        tenant.widget_domains_version is not None
        and change.version <= tenant.widget_domains_version
    ):
        logger.info(
            "widget domains v%d of %s ignored: v%d applied",
            change.version,
            slug,
            tenant.widget_domains_version,
        )
        return False
    tenant.widget_domains_version = change.version
    hosts = change.hosts
    domains = Domains.model_construct(primary=hosts[0], aliases=hosts[1:])
    changed = [tenant.primary_domain, *tenant.domain_aliases] != hosts
    if changed:
        spec = TenantSpec.model_validate(tenant.spec)
        provisioner = RealmProvisioner(
            keycloak.admin(settings.keycloak_admin_realm, tenant.keycloak_url),
            keycloak.admin(tenant.slug, tenant.keycloak_url),
        )
        # A KeycloakError escapes: the consumer retries with back-off, nothing is stored.
        await provisioner.apply(realm_design(spec, domains, settings.web_scheme, settings.web_port))
        tenant.primary_domain = domains.primary
        tenant.domain_aliases = list(domains.aliases)
        tenant.updated_at = utcnow()
        logger.info("tenant %s now served on %s (widget v%d)", slug, hosts, change.version)
    session.add(tenant)
    await session.flush()
    return changed


async def _bootstrap_superadmin(
    session: AsyncSession,
    keycloak: KeycloakGateway,
    settings: IdentitySettings,
    tenant: Tenant,
    spec: TenantSpec,
) -> BootstrapInvitation | None:
    """Invite the first superadmin, unless there is one or an invitation is on its way."""
    users = keycloak.users(tenant.slug, tenant.keycloak_url)
    if await users.role_members(BOOTSTRAP_ROLE):
        return None
    email = spec.bootstrap_superadmin_email
    if await invitations.has_pending(session, tenant.slug, email=email, role=BOOTSTRAP_ROLE):
        return None
    issued = await invitations.invite_as_operator(
        session, tenant=tenant, settings=settings, email=email, role=BOOTSTRAP_ROLE
    )
    return BootstrapInvitation(
        invitation_id=issued.invitation.id, email=email, accept_url=issued.accept_url
    )


async def list_tenants(session: AsyncSession) -> list[Tenant]:
    return list(await TenantRepository(session).search())


async def get_tenant(session: AsyncSession, slug: str) -> Tenant:
    tenant = await TenantRepository(session).get(slug)
    if tenant is None:
        raise NotFound(f"There is no tenant '{slug}'.", slug="tenant-unknown")
    return tenant


async def delete_tenant(
    session: AsyncSession,
    keycloak: KeycloakGateway,
    settings: IdentitySettings,
    slug: str,
    *,
    confirm: str,
) -> DeleteReport:
    """Remove the realm and every row of the tenant; `confirm` must repeat the slug."""
    if confirm != slug:
        raise UnprocessableContent(
            "Deleting a tenant needs its slug typed again as confirmation.",
            slug="confirmation-mismatch",
        )
    repository = TenantRepository(session)
    tenant = await repository.get(slug, for_update=True)
    if tenant is None:
        raise NotFound(f"There is no tenant '{slug}'.", slug="tenant-unknown")
    steps = []
    master = keycloak.admin(settings.keycloak_admin_realm, tenant.keycloak_url)
    removed = await delete_realm(master, slug)
    keycloak.forget(slug, tenant.keycloak_url)
    steps.append(
        StepRead(name="realm", status="deleted" if removed else "unchanged", changes=[slug])
    )
    counts = await repository.delete_everything_of(slug)
    steps.append(
        StepRead(
            name="identity data",
            status="deleted",
            changes=[f"{table}: {count}" for table, count in counts.items() if count],
        )
    )
    events.tenant_deleted(session, slug)
    return DeleteReport(slug=slug, steps=steps)


async def export_tenant(
    session: AsyncSession, keycloak: KeycloakGateway, slug: str
) -> dict[str, Any]:
    """Everything identity holds about a tenant, as {file name: JSON document}."""
    tenant = await get_tenant(session, slug)
    admin = keycloak.admin(slug, tenant.keycloak_url)
    users = keycloak.users(slug, tenant.keycloak_url)
    accounts = await users.all()
    role_members = {
        role: sorted(member["username"] for member in await users.role_members(role))
        for role in ("superadmin", "policy_maker", "communications", "it_admin", "support")
    }
    bundle: dict[str, Any] = {
        "manifest.json": {
            "tenant": slug,
            "exportedAt": datetime.now(UTC).isoformat(),
            "format": "inspraak-identity-export/1",
        },
        "tenant.json": tenant.spec,
        "keycloak/realm.json": await export_realm(admin),
        "keycloak/users.json": [_account(account) for account in accounts],
        "keycloak/role-members.json": role_members,
    }
    for table, rows in (await TenantRepository(session).rows_of(slug)).items():
        bundle[f"tables/{table}.json"] = rows
    return bundle


def _account(account: dict[str, Any]) -> dict[str, Any]:
    keep = (
        "id",
        "username",
        "email",
        "emailVerified",
        "firstName",
        "lastName",
        "enabled",
        "createdTimestamp",
        "attributes",
    )
    return {key: account[key] for key in keep if key in account}


def _encode(document: Any) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False, default=str).encode()


def export_archive(bundle: dict[str, Any], slug: str) -> bytes:
    """The bundle as a .tar.gz with one folder named after the tenant."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, document in bundle.items():
            data = _encode(document)
            info = tarfile.TarInfo(f"{slug}/{name}")
            info.size = len(data)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def write_export(bundle: dict[str, Any], slug: str, out_dir: Path) -> tuple[Path, Path]:
    """Write the bundle as a folder and as a .tar.gz beside it; return both paths."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = out_dir / f"{slug}-{stamp}"
    for name, document in bundle.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_encode(document))
        path.chmod(0o600)
    tarball = out_dir / f"{slug}-{stamp}.tar.gz"
    tarball.write_bytes(export_archive(bundle, f"{slug}-{stamp}"))
    tarball.chmod(0o600)
    return folder, tarball


def public_view(tenant: Tenant, settings: IdentitySettings) -> PublicTenant:
    base = tenant.keycloak_url or settings.issuer_base_url
    return PublicTenant(
        slug=tenant.slug,
        display_name=tenant.display_name,
        country=tenant.country,
        default_language=tenant.default_language,
        languages=list(tenant.languages),
        allow_self_registration=tenant.allow_self_registration,
        allow_external_moderators=tenant.allow_external_moderators,
        branding=tenant.spec.get("branding"),
        keycloak_realm_url=f"{base}/realms/{tenant.slug}",
        web_client_id=WEB_CLIENT,
    )
