"""A mail catcher: an SMTP server that keeps every message, plus a small JSON API.

Run as ``python -m inspraak_stack.mailcatcher --smtp-port 11025 --http-port 11080``.

API: ``GET /healthz``; ``GET /messages`` (optional ``?to=<address substring>``);
``GET /messages/<id>``; ``DELETE /messages``; ``DELETE /messages/<id>``.
"""

from __future__ import annotations

import argparse
import json
import threading
import uuid
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

Message = dict[str, Any]


def _body(msg: EmailMessage, subtype: str) -> str | None:
    part = msg.get_body(preferencelist=(subtype,))
    if part is None:
        return None
    try:
        content = str(part.get_content())
    except (LookupError, ValueError):  # unknown charset or broken encoding: keep going
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    # SMTP transports CRLF; tests compare against Python strings written with "\n".
    return content.replace("\r\n", "\n")


def _header(msg: EmailMessage, name: str) -> str | None:
    value = msg[name]
    return None if value is None else str(value)


def parse_message(mail_from: str, rcpt_tos: list[str], raw: bytes) -> Message:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)  # guaranteed by policy.default
    return {
        "id": uuid.uuid4().hex,
        "received_at": datetime.now(UTC).isoformat(),
        "mail_from": mail_from,
        "rcpt_tos": list(rcpt_tos),
        "subject": _header(msg, "Subject"),
        "from": _header(msg, "From"),
        "to": _header(msg, "To"),
        "cc": _header(msg, "Cc"),
        "date": _header(msg, "Date"),
        "headers": {
            key: [str(v) for v in msg.get_all(key, [])] for key in dict.fromkeys(msg.keys())
        },
        "text": _body(msg, "plain"),
        "html": _body(msg, "html"),
        "attachments": [
            {
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "size": len(part.get_payload(decode=True) or b""),
            }
            for part in msg.iter_attachments()
        ],
        "raw": raw.decode("utf-8", "replace"),
    }


class MessageStore:
    """Thread-safe: SMTP runs in aiosmtpd's thread, HTTP in the server's threads."""

    def __init__(self, spool: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._messages: list[Message] = []
        self._spool = spool

    def add(self, message: Message) -> None:
        with self._lock:
            self._messages.append(message)
            if self._spool is not None:  # an append-only trail for debugging after the fact
                with self._spool.open("a") as out:
                    out.write(json.dumps(message) + "\n")

    def list(self, to: str | None = None) -> list[Message]:
        with self._lock:
            messages = list(self._messages)
        if to is None:
            return messages
        needle = to.lower()
        return [m for m in messages if any(needle in r.lower() for r in m["rcpt_tos"])]

    def get(self, message_id: str) -> Message | None:
        with self._lock:
            return next((m for m in self._messages if m["id"] == message_id), None)

    def delete(self, message_id: str | None = None) -> int:
        with self._lock:
            before = len(self._messages)
            self._messages = [m for m in self._messages if message_id not in (None, m["id"])]
            return before - len(self._messages)


class StoringHandler:
    def __init__(self, store: MessageStore) -> None:
        self._store = store

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 (aiosmtpd hook name)
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode()
        self._store.add(parse_message(envelope.mail_from or "", envelope.rcpt_tos, raw))
        return "250 Message accepted for delivery"


def accept_any_login(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    # Apps configured with SMTP credentials must be able to log in; any login will do.
    return AuthResult(success=True)


class ApiHandler(BaseHTTPRequestHandler):
    server: ApiServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/healthz":
            self._send(HTTPStatus.OK, {"status": "ok"})
        elif parts.path == "/messages":
            to = parse_qs(parts.query).get("to", [None])[0]
            self._send(HTTPStatus.OK, self.server.store.list(to))
        elif parts.path.startswith("/messages/"):
            message = self.server.store.get(parts.path.removeprefix("/messages/"))
            self._send(HTTPStatus.OK, message) if message else self._not_found()
        else:
            self._not_found()

    def do_DELETE(self) -> None:
        path = urlsplit(self.path).path
        if path == "/messages":
            self._send(HTTPStatus.OK, {"deleted": self.server.store.delete()})
        elif path.startswith("/messages/"):
            deleted = self.server.store.delete(path.removeprefix("/messages/"))
            self._send(HTTPStatus.OK, {"deleted": deleted}) if deleted else self._not_found()
        else:
            self._not_found()

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _send(self, status: HTTPStatus, body: Any) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # readiness polling would flood the log


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: MessageStore) -> None:
        super().__init__(address, ApiHandler)
        self.store = store


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--smtp-port", type=int, default=11025)
    parser.add_argument("--http-port", type=int, default=11080)
    parser.add_argument("--spool", type=Path, help="append every message as JSON to this file")
    args = parser.parse_args(argv)

    store = MessageStore(args.spool)
    smtp = Controller(
        StoringHandler(store),
        hostname=args.host,
        port=args.smtp_port,
        authenticator=accept_any_login,
        auth_require_tls=False,
        auth_required=False,
        enable_SMTPUTF8=True,
    )
    smtp.start()
    api = ApiServer((args.host, args.http_port), store)
    print(
        f"mailcatcher: SMTP {args.host}:{args.smtp_port}, API http://{args.host}:{args.http_port}",
        flush=True,
    )
    try:
        api.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        api.server_close()
        smtp.stop()


if __name__ == "__main__":
    main()
