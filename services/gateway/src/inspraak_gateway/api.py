"""The service's public HTTP API, assembled from its domain routers."""

from fastapi import APIRouter

from inspraak_gateway.proxy.endpoints import router as proxy
from inspraak_gateway.sessions.endpoints import router as sessions


def routers() -> list[APIRouter]:
    return [sessions, proxy]
