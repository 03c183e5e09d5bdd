"""Building the MIME message: plain text and HTML, inline chart, and the list headers."""

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from inspraak_notifications.mail.render import Rendered


@dataclass(frozen=True)
class Envelope:
    mail_id: str
    kind: str
    to_address: str
    from_name: str
    from_address: str
    language: str
    sent_at: datetime
    reply_to: str | None = None
    unsubscribe_url: str | None = None


def build_message(envelope: Envelope, rendered: Rendered) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((envelope.from_name, envelope.from_address))
    message["To"] = envelope.to_address
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(envelope.sent_at)
    # The same id on a retry lets receiving servers drop a copy sent twice after a crash.
    domain = envelope.from_address.rpartition("@")[2] or "inspraak.invalid"
    message["Message-ID"] = f"<{envelope.mail_id}@{domain}>"
    # Lets recipients (and their mail rules) tell the kinds apart in any language.
    message["X-Inspraak-Notification"] = envelope.kind
    # RFC 3834: no out-of-office replies to notifications.
    message["Auto-Submitted"] = "auto-generated"
    if envelope.reply_to:
        message["Reply-To"] = envelope.reply_to
    if envelope.unsubscribe_url:
        # RFC 8058 one-click: the client POSTs `List-Unsubscribe=One-Click` to the URL.
        message["List-Unsubscribe"] = f"<{envelope.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(rendered.text, subtype="plain", charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    # After the content: setting the content clears the Content-* headers.
    message["Content-Language"] = envelope.language
    if rendered.images:
        html_part = message.get_payload()[1]  # type: ignore[index]
        for cid, png in rendered.images.items():
            html_part.add_related(
                png,
                maintype="image",
                subtype="png",
                cid=f"<{cid}>",
                disposition="inline",
                filename=f"{cid}.png",
            )
    return message
