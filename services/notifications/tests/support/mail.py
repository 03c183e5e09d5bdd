"""Reading the mail catcher's API asynchronously.

The service runs in the test's event loop and sends through worker threads; the
fixture's blocking client (even in threads of the default pool) would starve it.
"""

import asyncio
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import httpx

Message = dict[str, Any]


async def mails_to(mailbox: Any, to: str) -> list[Message]:
    async with httpx.AsyncClient(trust_env=False, timeout=10.0) as client:
        response = await client.get(f"{mailbox.api_url}/messages", params={"to": to})
        response.raise_for_status()
        return list(response.json())


async def wait_for_mail(
    mailbox: Any,
    to: str,
    predicate: Callable[[Message], bool] = lambda _: True,
    timeout: float = 20.0,
) -> Message:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        seen = await mails_to(mailbox, to)
        for message in seen:
            if predicate(message):
                return message
        if asyncio.get_running_loop().time() > deadline:
            subjects = [m.get("subject") for m in seen]
            raise AssertionError(f"no matching mail to {to} within {timeout}s; seen: {subjects}")
        await asyncio.sleep(0.2)


def header(message: Message, name: str) -> str | None:
    values = message["headers"].get(name) or []
    return values[0] if values else None


def parsed(message: Message) -> EmailMessage:
    parsed_message = BytesParser(policy=policy.default).parsebytes(message["raw"].encode())
    assert isinstance(parsed_message, EmailMessage)
    return parsed_message


def inline_images(message: Message) -> dict[str, bytes]:
    """Content-ID -> bytes of every image part (the chart of a policy-maker update)."""
    images = {}
    for part in parsed(message).walk():
        if part.get_content_maintype() == "image":
            images[str(part["Content-ID"]).strip("<>")] = part.get_payload(decode=True)
    return images
