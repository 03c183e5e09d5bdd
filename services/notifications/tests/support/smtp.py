"""An SMTP server of the test's own, to stop and start (the shared mail catcher stays up).

It refuses recipients whose address starts with `bounce-` permanently (550), as a
receiving server does for an address that does not exist.
"""

import asyncio
import socket
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Handler:
    def __init__(self, received: list[EmailMessage], delay: float) -> None:
        self.received = received
        self.delay = delay

    async def handle_RCPT(  # noqa: N802 - aiosmtpd hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address.startswith("bounce-"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or envelope.content or b""
        message = BytesParser(policy=policy.default).parsebytes(
            raw if isinstance(raw, bytes) else raw.encode()
        )
        assert isinstance(message, EmailMessage)
        await asyncio.sleep(self.delay)  # a slow receiving server
        self.received.append(message)
        return "250 Message accepted"


class SmtpServer:
    def __init__(self, port: int, delay: float = 0.0) -> None:
        """`delay`: seconds the server takes to accept each message."""
        self.port = port
        self.delay = delay
        self.received: list[EmailMessage] = []
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(
            _Handler(self.received, self.delay), hostname="127.0.0.1", port=self.port
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.received if address in str(m["To"])]
