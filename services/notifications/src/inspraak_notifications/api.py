"""The service's public HTTP API, assembled from its domain routers."""

from fastapi import APIRouter

from inspraak_notifications.feed.endpoints import router as feed
from inspraak_notifications.mail.endpoints import router as mail
from inspraak_notifications.policy_updates.endpoints import router as policy_updates
from inspraak_notifications.preferences.endpoints import router as preferences


def routers() -> list[APIRouter]:
    return [feed, preferences, policy_updates, mail]
