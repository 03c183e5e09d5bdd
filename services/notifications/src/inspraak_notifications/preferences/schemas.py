"""Preferences in and out of the API."""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from inspraak_notifications.kinds import NotificationType


class PreferenceRead(BaseModel):
    kind: NotificationType
    name: str = Field(description="The type's name in the reader's language")
    email: bool
    daily_digest: bool
    daily_digest_available: bool


class PreferenceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: bool | None = Field(default=None, description="Receive this type by e-mail")
    daily_digest: bool | None = Field(
        default=None, description="Bundle these e-mails into one a day (only where available)"
    )

    @model_validator(mode="after")
    def _something(self) -> "PreferenceUpdate":
        if self.email is None and self.daily_digest is None:
            raise ValueError("give email, daily_digest or both")
        return self


class Unsubscribed(BaseModel):
    kind: NotificationType
    email: bool
