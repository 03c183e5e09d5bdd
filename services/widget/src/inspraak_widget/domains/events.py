"""`widget.domains.changed`: the gateway, identity (Keycloak redirect URIs) and the Helm
tenant release (ingress hosts and TLS) follow a tenant's host names from it."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.events import enqueue, new_event

SERVICE = "widget"


def domains_changed(
    session: AsyncSession, tenant: str, *, version: int, primary: str | None, aliases: list[str]
) -> None:
    enqueue(
        session,
        new_event(
            tenant=tenant,
            service=SERVICE,
            entity="domains",
            verb="changed",
            subject=tenant,
            data={"slug": tenant, "version": version, "primary": primary, "aliases": aliases},
        ),
    )
