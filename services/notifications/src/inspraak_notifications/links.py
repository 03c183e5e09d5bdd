"""Absolute links into the web app and this service's public API, per tenant domain.

The web app's paths are a contract with the gateway's front end: kept here, in one place.
"""

from urllib.parse import quote

from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.directory.service import TenantLook


def web_base(settings: NotificationsSettings, look: TenantLook) -> str:
    return settings.web_url_template.format(domain=look.domain or settings.fallback_domain).rstrip(
        "/"
    )


def api_base(settings: NotificationsSettings, look: TenantLook) -> str:
    return settings.public_api_url_template.format(
        domain=look.domain or settings.fallback_domain
    ).rstrip("/")


def unsubscribe_url(settings: NotificationsSettings, look: TenantLook, token: str) -> str:
    # The gateway serves `/api/v1/notifications/<rest>` from this service's `/v1/<rest>`.
    return f"{api_base(settings, look)}/unsubscribe?token={quote(token)}"


def preferences_url(settings: NotificationsSettings, look: TenantLook) -> str:
    return f"{web_base(settings, look)}{PREFERENCES}"


PREFERENCES = "/me/notifications/preferences"
NOTIFICATIONS = "/me/notifications"
MAIL_OUTBOX = "/admin/mail-outbox"
TEAM = "/admin/team"


def project(slug: str) -> str:
    return f"/projects/{quote(slug)}"


def project_input(slug: str, input_id: str) -> str:
    return f"/projects/{quote(slug)}/inputs/{quote(input_id)}"


def moderation(slug: str) -> str:
    return f"/projects/{quote(slug)}/moderation"


def project_settings(slug: str) -> str:
    return f"/projects/{quote(slug)}/settings"


def department(department_id: str) -> str:
    return f"/departments/{quote(department_id)}"


def policy_update(update_id: str) -> str:
    return f"/admin/policy-updates/{quote(update_id)}"
