"""Invitations the real way: the superadmin invites through identity, notifications mails
the link through the SMTP mail catcher, and the test reads it there."""

import asyncio
import re
import secrets
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from inspraak_stack.mailbox import Mailbox

LINK = re.compile(r"https?://[^\s\"'<>]+/invitations/accept\?token=[A-Za-z0-9_\-]+")


async def invite_by_mail(
    municipality: Any, mail_api_url: str, **body: Any
) -> tuple[str, dict[str, Any]]:
    """The superadmin invites a new address; returns the accept page's path and query from
    the e-mail, and the invitation."""
    email = f"uitgenodigd-{secrets.token_hex(4)}@gemeente.example"
    invitation = await municipality.ok(
        "POST", "identity", "/v1/invitations", "sam", json={"email": email, **body}
    )
    mailbox = Mailbox(mail_api_url)
    mail = await asyncio.to_thread(
        mailbox.wait_for, lambda m: bool(LINK.search(_text(m))), 90, to=email
    )
    link = urlsplit(unescape(LINK.search(_text(mail)).group(0)))
    return f"{link.path}?{link.query}", invitation


def _text(message: dict[str, Any]) -> str:
    return " ".join(str(message.get(key) or "") for key in ("text", "html", "body"))
