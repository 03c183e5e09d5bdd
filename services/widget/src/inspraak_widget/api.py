"""The service's public HTTP API, assembled from its domain routers."""

from fastapi import APIRouter

from inspraak_widget.domains.endpoints import router as domains
from inspraak_widget.embed.endpoints import router as embed
from inspraak_widget.redirects.endpoints import router as redirects
from inspraak_widget.routing.endpoints import router as routing


def routers() -> list[APIRouter]:
    return [embed, domains, redirects, routing]
