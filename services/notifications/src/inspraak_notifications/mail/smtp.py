"""Sending over SMTP (STARTTLS or implicit TLS, optional login) with the standard library.

smtplib blocks, so a batch runs in a thread; one connection serves a whole batch.
Each message's outcome says whether a retry can help (4xx, network) or not (5xx).
"""

import asyncio
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from enum import StrEnum

from inspraak_notifications.config import NotificationsSettings


class Outcome(StrEnum):
    SENT = "sent"
    TRANSIENT = "transient"
    PERMANENT = "permanent"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    error: str | None = None


@dataclass(frozen=True)
class Outgoing:
    mail_id: str
    to_address: str
    message: EmailMessage


class SmtpTransport:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._settings = settings

    async def send(
        self, batch: list[Outgoing], may_send: Callable[[], bool] | None = None
    ) -> dict[str, Result]:
        """Send the batch on one connection; before each message, `may_send` (the caller's
        lease) must still say yes, else the rest is left out of the results (not tried)."""
        return await asyncio.to_thread(self._send_batch, batch, may_send)

    def _connect(self) -> smtplib.SMTP:
        s = self._settings
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if s.smtp_ssl:
            client = smtplib.SMTP_SSL(
                s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds, context=context
            )
        else:
            client = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds)
            if s.smtp_starttls:
                client.starttls(context=context)
        if s.smtp_username and s.smtp_password is not None:
            client.login(s.smtp_username, s.smtp_password.get_secret_value())
        return client

    def _send_batch(
        self, batch: list[Outgoing], may_send: Callable[[], bool] | None = None
    ) -> dict[str, Result]:
        results: dict[str, Result] = {}
        try:
            client = self._connect()
        except (OSError, smtplib.SMTPException) as exc:
            # Down, unreachable or a refused login: the operator's to fix, so keep retrying.
            return {item.mail_id: Result(Outcome.TRANSIENT, _describe(exc)) for item in batch}
        try:
            for item in batch:
                if may_send is not None and not may_send():
                    return results  # the claim may lapse mid-message: the rest is not tried
                results[item.mail_id] = self._send_one(client, item)
                if results[item.mail_id].outcome is Outcome.TRANSIENT and not _alive(client):
                    break  # the connection is gone: the rest waits for the next round
        finally:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()
        for item in batch:
            results.setdefault(item.mail_id, Result(Outcome.TRANSIENT, "connection lost"))
        return results

    def _send_one(self, client: smtplib.SMTP, item: Outgoing) -> Result:
        try:
            refused = client.send_message(
                item.message,
                from_addr=self._settings.mail_from_address,
                to_addrs=[item.to_address],
            )
        except smtplib.SMTPRecipientsRefused as exc:
            code = next(iter(exc.recipients.values()))[0] if exc.recipients else 550
            return _by_code(code, _describe(exc))
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            return _by_code(exc.smtp_code, _describe(exc))
        except (OSError, smtplib.SMTPException) as exc:
            return Result(Outcome.TRANSIENT, _describe(exc))
        if refused:
            code = next(iter(refused.values()))[0]
            return _by_code(code, f"refused with {code}")
        return Result(Outcome.SENT)


def _by_code(code: int, error: str) -> Result:
    return Result(Outcome.PERMANENT if 500 <= code < 600 else Outcome.TRANSIENT, error)


def _alive(client: smtplib.SMTP) -> bool:
    try:
        return client.noop()[0] == 250
    except (OSError, smtplib.SMTPException):
        return False


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
