"""What the browser's scripts and pages learn about their session."""

from pydantic import BaseModel


class SessionRead(BaseModel):
    signed_in: bool
    user_id: str | None = None
    username: str | None = None
    csrf_token: str | None = None  # to send back as X-CSRF-Token or the csrf_token field
