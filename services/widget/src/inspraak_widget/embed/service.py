"""What each widget view shows, built from the widget's own read model (no other service).

Visibility is the projects service's anonymous view: only published (or, for one project,
archived) projects with public visibility; hidden, restricted and draft projects and
hidden or deleted inputs never appear.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.problems import NotFound, UnprocessableContent
from inspraak_widget.catalog import repository as catalog
from inspraak_widget.catalog.models import CatalogInput, CatalogProject
from inspraak_widget.domains import service as domains
from inspraak_widget.embed.schemas import SORTS_BY_VIEW, Sort, View, WidgetOptions
from inspraak_widget.embed.theme import Theme
from inspraak_widget.sites import service as sites
from inspraak_widget.sites.models import Site
from inspraak_widget.texts import date, has, pick, text

SUMMARY_LENGTH = 180


@dataclass(frozen=True)
class Context:
    """Who the widget is for and how it looks: the same for every view."""

    tenant: str
    site_name: str
    lang: str
    default_lang: str
    languages: list[str]
    theme: Theme
    base_url: str
    allowed_origins: list[str]


@dataclass
class Card:
    title: str
    url: str
    summary: str = ""
    meta: str = ""  # the small line under it: a project's phase, an input's status and counts


@dataclass
class Rendered:
    """One view, ready for the template."""

    view: View
    label: str  # the landmark's accessible name
    heading: str = ""
    cards: list[Card] = field(default_factory=list)
    empty: str = ""
    action: Card | None = None


async def context(session: AsyncSession, tenant: str, options: WidgetOptions) -> Context:
    site = await sites.require(session, tenant)
    embedding = await domains.embedding(session, tenant)
    primary = embedding.primary or _spec_primary(site)
    return Context(
        tenant=tenant,
        site_name=site.display_name,
        lang=options.lang if options.lang in site.languages else site.default_language,
        default_lang=site.default_language,
        languages=list(site.languages),
        theme=Theme.of(options.color or site.primary_color),
        base_url=f"https://{primary}" if primary else "",
        allowed_origins=embedding.allowed_origins,
    )


def _spec_primary(site: Site) -> str | None:
    value = site.spec_domains.get("primary")
    return value if isinstance(value, str) else None


async def build(
    session: AsyncSession, ctx: Context, view: View, options: WidgetOptions
) -> Rendered:
    if options.sort not in SORTS_BY_VIEW[view]:
        allowed = ", ".join(SORTS_BY_VIEW[view])
        raise UnprocessableContent(f"The {view} view sorts by: {allowed}.", slug="bad-sort")
    if view is View.PROJECTS:
        return await _projects(session, ctx, options)
    if view is View.BUTTON:
        return await _button(session, ctx, options)
    if not options.project:
        raise UnprocessableContent(f"The {view} view needs a project.", slug="project-missing")
    project = await _visible_project(session, ctx, options.project)
    if view is View.PROJECT:
        return _project(ctx, project)
    return await _inputs(session, ctx, project, options)


async def _visible_project(session: AsyncSession, ctx: Context, key: str) -> CatalogProject:
    project = await catalog.public_project(session, ctx.tenant, key)
    if project is None:
        raise NotFound("There is no such project.")
    return project


async def _projects(session: AsyncSession, ctx: Context, options: WidgetOptions) -> Rendered:
    terms = [t for t in (options.area, options.topic) if t]
    projects = await catalog.active_projects(
        session, ctx.tenant, department_id=options.department, term_ids=terms
    )
    now = datetime.now(UTC)
    projects = _sorted(projects, options.sort, ctx, now)[: options.limit]
    return Rendered(
        view=View.PROJECTS,
        label=text("region_label", ctx.lang, site=ctx.site_name),
        heading=text("projects_heading", ctx.lang),
        cards=[_card(ctx, p, now) for p in projects],
        empty=text("no_projects", ctx.lang),
        action=Card(title=text("all_projects", ctx.lang, site=ctx.site_name), url=_home(ctx)),
    )


def _project(ctx: Context, project: CatalogProject) -> Rendered:
    now = datetime.now(UTC)
    card = _card(ctx, project, now)
    current, _ = _phases(project, now)
    kind = current["kind"] if current and project.status == "published" else "none"
    cta = text(f"cta_{kind}" if has(f"cta_{kind}") else "cta_none", ctx.lang)
    return Rendered(
        view=View.PROJECT,
        label=text("region_label", ctx.lang, site=ctx.site_name),
        heading=card.title,
        cards=[card],
        action=Card(title=cta, url=card.url),
    )


async def _inputs(
    session: AsyncSession, ctx: Context, project: CatalogProject, options: WidgetOptions
) -> Rendered:
    rows = await catalog.latest_inputs(
        session,
        ctx.tenant,
        project.project_id,
        popular=options.sort is Sort.POPULAR,
        limit=options.limit,
    )
    title = pick(project.title, ctx.lang, ctx.default_lang)
    project_url = _project_url(ctx, project)
    return Rendered(
        view=View.INPUTS,
        label=text("region_label", ctx.lang, site=ctx.site_name),
        heading=text("inputs_heading", ctx.lang, project=title),
        cards=[_input_card(ctx, project_url, row) for row in rows],
        empty=text("no_inputs", ctx.lang),
        action=Card(title=text("have_your_say", ctx.lang), url=project_url),
    )


async def _button(session: AsyncSession, ctx: Context, options: WidgetOptions) -> Rendered:
    label, url = text("have_your_say", ctx.lang), _home(ctx)
    if options.project:
        project = await _visible_project(session, ctx, options.project)
        url = _project_url(ctx, project)
        label = f"{label}: {pick(project.title, ctx.lang, ctx.default_lang)}"
    return Rendered(
        view=View.BUTTON,
        label=label,
        action=Card(title=text("have_your_say", ctx.lang), url=url),
    )


def _card(ctx: Context, project: CatalogProject, now: datetime) -> Card:
    return Card(
        title=pick(project.title, ctx.lang, ctx.default_lang),
        url=_project_url(ctx, project),
        summary=_shorten(pick(project.summary, ctx.lang, ctx.default_lang)),
        meta=_phase_line(ctx, project, now),
    )


def _input_card(ctx: Context, project_url: str, row: CatalogInput) -> Card:
    status = f"status_{row.status}"
    meta = [
        text(status, ctx.lang) if has(status) else "",
        text("counts", ctx.lang, comments=row.comments, up=row.up),
        date(row.created_at, ctx.lang),
    ]
    return Card(
        title=row.title,
        url=f"{project_url}/inputs/{row.input_id}",
        meta=" · ".join(m for m in meta if m),
    )


def _phase_line(ctx: Context, project: CatalogProject, now: datetime) -> str:
    if project.status != "published":
        return text("closed", ctx.lang)
    current, upcoming = _phases(project, now)
    if current:
        name = pick(current.get("title"), ctx.lang, ctx.default_lang)
        return text(
            "phase_until", ctx.lang, phase=name, date=date(_at(current["ends_at"]), ctx.lang)
        )
    if upcoming:
        name = pick(upcoming.get("title"), ctx.lang, ctx.default_lang)
        return text(
            "phase_from", ctx.lang, phase=name, date=date(_at(upcoming["starts_at"]), ctx.lang)
        )
    return ""


def _phases(
    project: CatalogProject, now: datetime
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    current = next(
        (p for p in project.phases if _at(p["starts_at"]) <= now < _at(p["ends_at"])), None
    )
    later = sorted(
        (p for p in project.phases if _at(p["starts_at"]) > now), key=lambda p: p["starts_at"]
    )
    return current, (later[0] if later else None)


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _sorted(
    projects: list[CatalogProject], sort: Sort, ctx: Context, now: datetime
) -> list[CatalogProject]:
    if sort is Sort.TITLE:
        return sorted(projects, key=lambda p: pick(p.title, ctx.lang, ctx.default_lang).casefold())
    if sort is Sort.CLOSING:
        far = datetime.max.replace(tzinfo=UTC)

        def closing(p: CatalogProject) -> datetime:
            current, _ = _phases(p, now)
            return _at(current["ends_at"]) if current else far

        return sorted(projects, key=closing)
    # newest: the query returns them by publication, newest first
    return projects


def _shorten(value: str) -> str:
    if len(value) <= SUMMARY_LENGTH:
        return value
    cut = value[:SUMMARY_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def _home(ctx: Context) -> str:
    return f"{ctx.base_url}/"


def _project_url(ctx: Context, project: CatalogProject) -> str:
    return f"{ctx.base_url}/projects/{project.slug}"


@dataclass(frozen=True)
class Choice:
    id: str
    slug: str
    title: str


@dataclass(frozen=True)
class Configurator:
    ctx: Context
    projects: list[Choice]
    departments: list[Choice]


async def configurator(session: AsyncSession, tenant: str, lang: str | None) -> Configurator:
    ctx = await context(session, tenant, WidgetOptions(lang=lang))  # type: ignore[arg-type]
    projects = await catalog.public_projects(session, tenant)
    departments = await catalog.departments(session, tenant)
    return Configurator(
        ctx=ctx,
        projects=[
            Choice(p.project_id, p.slug, pick(p.title, ctx.lang, ctx.default_lang))
            for p in projects
        ],
        departments=[
            Choice(d.department_id, d.slug, pick(d.name, ctx.lang, ctx.default_lang) or d.slug)
            for d in departments
        ],
    )
