"""What endpoints get from the running app: the service's settings and its clock."""

from typing import Annotated

from fastapi import Depends, Request

from inspraak_notifications.clock import Clock, SystemClock
from inspraak_notifications.config import NotificationsSettings


def _settings(request: Request) -> NotificationsSettings:
    settings = request.app.state.runtime.settings
    assert isinstance(settings, NotificationsSettings)
    return settings


def _clock(request: Request) -> Clock:
    return getattr(request.app.state, "clock", None) or SystemClock()


Settings = Annotated[NotificationsSettings, Depends(_settings)]
CurrentClock = Annotated[Clock, Depends(_clock)]
