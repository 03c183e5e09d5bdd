"""`widget.domains.changed`: the gateway and identity (Keycloak redirect URIs) follow a
tenant's host names from it. The tenant Helm release (Ingress hosts and TLS) is the
operator's: it gets them through `inspraak domains values` (see the domain check)."""

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
