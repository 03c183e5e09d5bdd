"""A small client for the mail catcher's JSON API, for tests and scripts."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

Message = dict[str, Any]


class Mailbox:
    def __init__(self, api_url: str, smtp_host: str = "127.0.0.1", smtp_port: int = 11025) -> None:
        self.api_url = api_url.rstrip("/")
        self.smtp_host = smtp_host
        self.smtp_port = smtp_port

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        response = httpx.request(
            method, f"{self.api_url}{path}", timeout=10.0, trust_env=False, **kwargs
        )
        response.raise_for_status()
        return response.json()

    def messages(self, to: str | None = None) -> list[Message]:
        """All messages in arrival order; `to` filters on a recipient substring."""
        params = {"to": to} if to else None
        return list(self._request("GET", "/messages", params=params))

    def get(self, message_id: str) -> Message:
        return dict(self._request("GET", f"/messages/{message_id}"))

    def clear(self) -> None:
        """Delete all messages; the catcher is shared, so parallel tests use unique recipients."""
        self._request("DELETE", "/messages")

    def wait_for(
        self,
        predicate: Callable[[Message], bool],
        timeout: float = 10.0,
        *,
        to: str | None = None,
        interval: float = 0.1,
    ) -> Message:
        """Poll until a message satisfies `predicate` and return it; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.messages(to)
            for message in seen:
                if predicate(message):
                    return message
            if time.monotonic() > deadline:
                subjects = [m.get("subject") for m in seen]
                raise AssertionError(
                    f"no matching mail within {timeout}s; {len(seen)} messages seen: {subjects}"
                )
            time.sleep(interval)
