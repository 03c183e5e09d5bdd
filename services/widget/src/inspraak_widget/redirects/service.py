"""Rules for path redirects: one per source path, targets valid, and no loops.

A redirect whose target is a path on the tenant's own domains is an edge in a graph;
adding or changing one must not close a cycle, and a chain stays short enough for the
gateway to resolve it into a single hop. Changes take the tenant's domain config lock, so
two concurrent changes cannot each pass the loop check and together form a loop.
"""

import logging
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.problems import Conflict, NotFound, UnprocessableContent
from inspraak_widget.domains import repository as domains
from inspraak_widget.redirects import repository
from inspraak_widget.redirects.models import PathRedirect
from inspraak_widget.redirects.schemas import (
    RedirectCreate,
    RedirectRead,
    RedirectUpdate,
    normalise_path,
)
from inspraak_widget.sites import service as sites
from inspraak_widget.sites.models import utcnow

logger = logging.getLogger("inspraak.widget.redirects")

MAX_HOPS = 5


class RedirectLoopError(Conflict):
    title, slug = "Redirect loop", "redirect-loop"


class RedirectExistsError(Conflict):
    title, slug = "Redirect exists", "redirect-exists"


@dataclass(frozen=True)
class Resolved:
    location: str
    permanent: bool


def internal_path(target: str, hosts: set[str]) -> str | None:
    """The path a target leads to on the tenant's own domains; None when it leaves them."""
    if target.startswith("/"):
        return normalise_path(target)
    parts = urlsplit(target)
    if parts.hostname in hosts:
        return normalise_path(parts.path or "/")
    return None


def refuse_loops(source: str, target: str, graph: dict[str, str], hosts: set[str]) -> None:
    """`graph` maps source paths to targets without the redirect being written."""
    node = internal_path(target, hosts)
    if node == source:
        raise UnprocessableContent(f"{source} would redirect to itself.", slug="redirect-to-itself")
    chain = [source]
    while node is not None and node in graph:
        chain.append(node)
        if len(chain) > MAX_HOPS:
            raise RedirectLoopError(
                f"The chain {' → '.join(chain)} is longer than {MAX_HOPS} redirects.",
                slug="redirect-chain-too-long",
                extensions={"chain": chain},
            )
        node = internal_path(graph[node], hosts)
        if node == source:
            chain.append(source)
            raise RedirectLoopError(
                f"This would make a loop: {' → '.join(chain)}.", extensions={"chain": chain}
            )


async def list_redirects(session: AsyncSession, tenant: str) -> list[RedirectRead]:
    await sites.require(session, tenant)
    return [_read(r) for r in await repository.list_for(session, tenant)]


async def create(session: AsyncSession, tenant: str, body: RedirectCreate) -> RedirectRead:
    await sites.require(session, tenant)
    await domains.lock_config(session, tenant)
    if await repository.by_source(session, tenant, body.source_path):
        raise RedirectExistsError(f"{body.source_path} already redirects somewhere.")
    await _check_graph(session, tenant, body.source_path, body.target)
    redirect = PathRedirect(
        tenant=tenant, source_path=body.source_path, target=body.target, permanent=body.permanent
    )
    repository.add(session, redirect)
    await session.flush()
    return _read(redirect)


async def update(
    session: AsyncSession, tenant: str, redirect_id: uuid.UUID, body: RedirectUpdate
) -> RedirectRead:
    await domains.lock_config(session, tenant)
    redirect = await _get(session, tenant, redirect_id)
    await _check_graph(session, tenant, redirect.source_path, body.target)
    redirect.target = body.target
    redirect.permanent = body.permanent
    redirect.updated_at = utcnow()
    session.add(redirect)
    await session.flush()
    return _read(redirect)


async def delete(session: AsyncSession, tenant: str, redirect_id: uuid.UUID) -> None:
    redirect = await _get(session, tenant, redirect_id)
    await repository.delete(session, redirect)
    await session.flush()


async def forget_tenant(session: AsyncSession, tenant: str) -> None:
    await repository.forget_tenant(session, tenant)


async def resolve(
    session: AsyncSession, tenant: str, path: str, hosts: set[str], primary: str
) -> Resolved | None:
    """Where a request for `path` ends up, following a chain in one hop; None if nowhere."""
    source = normalise_path(path)
    redirect = await repository.by_source(session, tenant, source)
    if redirect is None:
        return None
    seen, target, permanent = {source}, redirect.target, redirect.permanent
    for _ in range(MAX_HOPS):
        node = internal_path(target, hosts)
        if node is None:
            break
        if node in seen:
            # Domains changed under the redirects and closed a loop: serve the page instead.
            logger.error("tenant %s: redirect loop through %s", tenant, sorted(seen))
            return None
        following = await repository.by_source(session, tenant, node)
        if following is None:
            break
        seen.add(node)
        target, permanent = following.target, permanent and following.permanent
    location = target if not target.startswith("/") else f"https://{primary}{target}"
    return Resolved(location=location, permanent=permanent)


async def _check_graph(session: AsyncSession, tenant: str, source: str, target: str) -> None:
    hosts = {h.host for h in await domains.hosts_of(session, tenant)}
    graph = {path: r.target for path, r in (await repository.targets(session, tenant)).items()}
    graph.pop(source, None)
    refuse_loops(source, target, graph, hosts)


async def _get(session: AsyncSession, tenant: str, redirect_id: uuid.UUID) -> PathRedirect:
    redirect = await repository.get(session, tenant, redirect_id)
    if redirect is None:
        raise NotFound("There is no such redirect.")
    return redirect


def _read(redirect: PathRedirect) -> RedirectRead:
    return RedirectRead.model_validate(redirect, from_attributes=True)
