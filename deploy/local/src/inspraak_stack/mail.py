"""The mail catcher component: our own aiosmtpd server with a JSON API (see mailcatcher)."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

from inspraak_stack import config
from inspraak_stack.base import ProcessComponent, http_ok

HOST = "127.0.0.1"
DEFAULT_SMTP_PORT = 11025
DEFAULT_API_PORT = 11080


def api_url() -> str:
    return (
        config.env("MAIL_API_URL")
        or f"http://{HOST}:{config.env_int('MAIL_API_PORT', DEFAULT_API_PORT)}"
    )


def smtp_host() -> str:
    # An external catcher usually serves SMTP on the same host as its API.
    return config.env("SMTP_HOST") or urlsplit(api_url()).hostname or HOST


def smtp_port() -> int:
    return config.env_int("SMTP_PORT", DEFAULT_SMTP_PORT)


class Mail(ProcessComponent):
    name = "mail"
    marker = "inspraak_stack.mailcatcher"
    ready_timeout = 30.0
    stop_timeout = 5.0

    def external(self) -> bool:
        return config.env("MAIL_API_URL") is not None

    def probe(self) -> bool:
        return http_ok(f"{api_url()}/healthz")

    def argv(self) -> list[str]:
        return [
            sys.executable, "-m", "inspraak_stack.mailcatcher",
            "--host", HOST,
            "--smtp-port", str(smtp_port()),
            "--http-port", str(urlsplit(api_url()).port),
            "--spool", str(config.data_dir("mail") / "messages.jsonl"),
        ]  # fmt: skip
