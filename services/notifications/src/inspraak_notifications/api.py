"""The service's public HTTP API, assembled from its domain routers."""

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    return []
