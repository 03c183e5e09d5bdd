"""The service's public HTTP API, assembled from its domain routers."""

from fastapi import APIRouter

from inspraak_projects.calendar.endpoints import router as calendar
from inspraak_projects.departments.endpoints import router as departments
from inspraak_projects.phases.endpoints import router as phases
from inspraak_projects.projects.endpoints import router as projects
from inspraak_projects.taxonomy.endpoints import areas_router, topics_router
from inspraak_projects.updates.endpoints import router as updates


def routers() -> list[APIRouter]:
    # Calendar first: its /projects/{id}/calendar.ics must not be taken for a project route.
    return [calendar, departments, areas_router, topics_router, projects, phases, updates]
