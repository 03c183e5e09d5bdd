"""The delivery loop: claim due mail, render, send over SMTP, record the outcome.

A row is marked `sending` (and committed) with the round's claim token before the
SMTP call, and marked `sent` after it. A failure that may pass is retried with back-off;
a permanent refusal suppresses the address and tells the superadmins.

The claim is a short lease (`delivery_lease_seconds`, default 30 s) that the round renews
every third of it while it works, so a slow SMTP server never makes another replica take
over a live round, while the claims of a process that died lapse within one lease. A
round starts a message only while its lease has more time left than a message may take,
and records outcomes only for rows its token still holds. What remains: a process that
dies after the SMTP server accepted a message but before the mark leaves a `sending`
row, sent again after the lease with the same Message-ID, which receiving servers use
to drop the copy.
"""

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications import links
from inspraak_notifications.clock import Clock
from inspraak_notifications.columns import new_id
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.directory import service as directory
from inspraak_notifications.dispatch.service import notify
from inspraak_notifications.i18n import pick_language
from inspraak_notifications.kinds import MANDATORY, NotificationType
from inspraak_notifications.mail import repository
from inspraak_notifications.mail.message import Envelope, build_message
from inspraak_notifications.mail.models import MailMessage, MailStatus, SuppressedAddress
from inspraak_notifications.mail.render import RenderContext, render
from inspraak_notifications.mail.smtp import Outcome, Outgoing, Result, SmtpTransport
from inspraak_notifications.policy_updates import service as policy_updates
from inspraak_notifications.preferences import service as preferences
from inspraak_shared.db import SessionFactory

logger = logging.getLogger("inspraak.notifications.delivery")


@dataclass(frozen=True)
class _Final:
    """A row decided without an SMTP call (or before one is possible)."""

    status: MailStatus
    error: str | None = None


class _Lease:
    """How long a round can count on its claims (monotonic time), asked by the SMTP thread."""

    def __init__(self, seconds: float, message_seconds: float) -> None:
        self.seconds = seconds
        # What one message may take at most: a message starts only with this much lease left.
        self._margin = min(message_seconds, seconds / 3)
        self._until = 0.0

    def renewed(self, asked_at: float) -> None:
        """The renewal asked at `asked_at` (before its UPDATE) succeeded."""
        self._until = max(self._until, asked_at + self.seconds)

    def allows_a_message(self) -> bool:
        return time.monotonic() + self._margin < self._until


class MailDelivery:
    def __init__(
        self,
        session_factory: SessionFactory,
        settings: NotificationsSettings,
        clock: Clock,
        transport: SmtpTransport | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._settings = settings
        self._clock = clock
        self._transport = transport or SmtpTransport(settings)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                handled = await self.deliver_once()
            except Exception:
                logger.exception("mail delivery round failed")
                handled = 0
            if handled == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        stop.wait(), timeout=self._settings.delivery_poll_seconds
                    )

    async def deliver_once(self) -> int:
        """One round: returns how many rows were taken."""
        now = self._clock.now()
        token = new_id()
        lease = _Lease(self._settings.delivery_lease_seconds, self._settings.smtp_timeout_seconds)
        asked_at = time.monotonic()
        async with self._session_factory() as session:
            rows = await repository.claim_due(
                session,
                now,
                limit=self._settings.delivery_batch_size,
                lease=timedelta(seconds=lease.seconds),
                token=token,
            )
            await session.commit()
        if not rows:
            return 0
        lease.renewed(asked_at)
        keeper = asyncio.create_task(self._keep(token, lease))
        try:
            finals, outgoing, resolved = await self._prepare_all(rows, now)
            results = (
                await self._transport.send(outgoing, may_send=lease.allows_a_message)
                if outgoing
                else {}
            )
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper
        async with self._session_factory() as session:
            for row in rows:
                await self._record(
                    session, row.id, token, finals.get(row.id), results.get(row.id), resolved
                )
            await session.commit()
        return len(rows)

    async def _prepare_all(
        self, rows: list[MailMessage], now: datetime
    ) -> tuple[dict[str, _Final], list[Outgoing], dict[str, tuple[str | None, str | None]]]:
        outgoing: list[Outgoing] = []
        finals: dict[str, _Final] = {}
        resolved: dict[str, tuple[str | None, str | None]] = {}
        async with self._session_factory() as session:
            for row in rows:
                prepared = await self._prepare(session, row, now)
                if isinstance(prepared, _Final):
                    finals[row.id] = prepared
                else:
                    outgoing.append(prepared)
                    resolved[row.id] = (prepared.to_address, prepared.message["Content-Language"])
        return finals, outgoing, resolved

    async def _keep(self, token: str, lease: _Lease) -> None:
        """Renew the round's lease every third of it until the round is done (cancelled)."""
        while True:
            await asyncio.sleep(lease.seconds / 3)
            asked_at = time.monotonic()
            try:
                async with self._session_factory() as session:
                    held = await repository.renew(session, token, self._clock.now())
                    await session.commit()
            except Exception:
                # The lease runs out unless a later try succeeds: the SMTP thread then stops.
                logger.warning("renewing the mail delivery lease failed", exc_info=True)
                continue
            if not held:
                return
            lease.renewed(asked_at)

    async def _prepare(
        self, session: AsyncSession, row: MailMessage, now: datetime
    ) -> Outgoing | _Final:
        kind = NotificationType(row.kind)
        look = await directory.look(session, row.tenant)
        name: str | None = None
        address, language = row.to_address, row.language
        if row.user_id is not None:
            person = await directory.person(session, row.tenant, row.user_id)
            if person is None or not person.email:
                # The identity event with the address may still be on its way.
                return _Final(MailStatus.RETRY, "no e-mail address known yet")
            address, language, name = person.email, person.language, person.username
            if kind not in MANDATORY:
                choice = await preferences.choice(session, row.tenant, row.user_id, kind)
                if not choice.email:
                    return _Final(MailStatus.CANCELLED, "unsubscribed")
        if not address:
            return _Final(MailStatus.CANCELLED, "no address")
        if await repository.suppressed(session, row.tenant, address):
            return _Final(MailStatus.SUPPRESSED, "the address refused mail before")
        chosen = pick_language(language, look.default_language)
        unsubscribe = None
        if kind not in MANDATORY and row.user_id is not None:
            token = preferences.unsubscribe_token(
                self._settings.unsubscribe_secret.get_secret_value(), row.tenant, row.user_id, kind
            )
            unsubscribe = links.unsubscribe_url(self._settings, look, token)
        from_name, reply_to = f"{look.display_name}", None
        policy = None
        if kind is NotificationType.POLICY_UPDATE:
            update = await policy_updates.for_mail(
                session, row.tenant, str(row.params.get("policy_update_id"))
            )
            if update is None:
                return _Final(MailStatus.CANCELLED, "the update no longer exists")
            policy = policy_updates.copy_of(update, look.display_name)
            # Sent in the superadmin's name; replies go to them.
            if update.sender_username:
                from_name = f"{update.sender_username} ({look.display_name})"
            if update.sender_user_id:
                sender = await directory.person(session, row.tenant, update.sender_user_id)
                reply_to = sender.email if sender else None
        context = RenderContext(
            look=look,
            language=chosen,
            web_base=links.web_base(self._settings, look),
            preferences_url=links.preferences_url(self._settings, look),
            unsubscribe_url=unsubscribe,
            recipient_name=name,
            policy=policy,
        )
        try:
            rendered = render(kind, row.params, context)
        except Exception as exc:  # a template bug: retrying cannot fix it
            logger.exception("rendering mail %s (%s) failed", row.id, row.kind)
            return _Final(MailStatus.FAILED, f"rendering failed: {type(exc).__name__}")
        envelope = Envelope(
            mail_id=row.id,
            kind=row.kind,
            to_address=address,
            from_name=from_name,
            from_address=self._settings.mail_from_address,
            language=chosen,
            sent_at=now,
            reply_to=reply_to,
            unsubscribe_url=unsubscribe,
        )
        return Outgoing(
            mail_id=row.id, to_address=address, message=build_message(envelope, rendered)
        )

    def _backoff(self, attempts: int) -> timedelta:
        steps = self._settings.delivery_backoff_seconds or (60.0,)
        return timedelta(seconds=steps[min(max(attempts, 1) - 1, len(steps) - 1)])

    async def _record(
        self,
        session: AsyncSession,
        mail_id: str,
        token: str,
        final: _Final | None,
        result: Result | None,
        resolved: dict[str, tuple[str | None, str | None]],
    ) -> None:
        row = await repository.claimed(session, mail_id, token)
        if row is None:
            return  # our lease lapsed and another round took the row over: it records it
        now = self._clock.now()
        if mail_id in resolved:
            row.to_address, row.language = resolved[mail_id]
        row.claim_token = None
        if final is not None:
            status, error = final.status, final.error
        elif result is None:
            # Not tried: the lease ran short before its turn. Due again now, no try counted.
            row.status, row.last_error = MailStatus.RETRY, "not tried in this round"
            row.attempts, row.next_attempt_at = max(row.attempts - 1, 0), now
            session.add(row)
            return
        elif result.outcome is Outcome.SENT:
            status, error = MailStatus.SENT, None
            row.sent_at = now
        elif result.outcome is Outcome.PERMANENT:
            status, error = MailStatus.BOUNCED, result.error
            await self._bounced(session, row, result.error or "refused")
        else:
            status, error = MailStatus.RETRY, result.error
        if status is MailStatus.RETRY:
            if row.attempts >= self._settings.delivery_max_attempts:
                status = MailStatus.FAILED if result is not None else MailStatus.CANCELLED
            else:
                row.next_attempt_at = now + self._backoff(row.attempts)
        row.status, row.last_error = status, error
        session.add(row)

    async def _bounced(self, session: AsyncSession, row: MailMessage, error: str) -> None:
        """Suppress the address and tell the superadmins (in-app and by mail)."""
        address = row.to_address or ""
        await repository.suppress(
            session,
            SuppressedAddress(
                tenant=row.tenant,
                address=address.lower(),
                reason=error[:500],
                mail_id=row.id,
                suppressed_at=self._clock.now(),
            ),
        )
        await notify(
            session,
            tenant=row.tenant,
            user_ids=await directory.superadmins(session, row.tenant),
            kind=NotificationType.DELIVERY_FAILED,
            params={
                "address": address,
                "failed_kind": row.kind,
                "error": error[:200],
                "path": links.MAIL_OUTBOX,
            },
            key=f"bounce:{row.id}",
            at=self._clock.now(),
        )
