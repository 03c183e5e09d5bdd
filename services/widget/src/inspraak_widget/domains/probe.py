"""HTTP requests of the routing check, behind a small protocol so tests choose the server.

The check asks each host `GET https://<host>/.well-known/inspraak/host`; the gateway
answers `{"tenant": "<slug>", "host": "<host>"}`. Whatever answers instead (an ingress's
404, old hosting, a certificate for other names) is what the IT officer needs to hear.
"""

import asyncio
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import httpx

WELL_KNOWN_PATH = "/.well-known/inspraak/host"
# The gateway's answer is a few dozen bytes; anything longer is not the gateway.
MAX_BODY_BYTES = 4096

ProbeFailure = Literal["connection", "tls", "timeout"]


@dataclass(frozen=True)
class ProbeAnswer:
    status_code: int
    body: bytes
    location: str | None = None


class ProbeError(Exception):
    """No HTTP answer at all: nothing listens, the certificate does not fit, or too slow."""

    def __init__(self, failure: ProbeFailure, detail: str) -> None:
        super().__init__(detail)
        self.failure = failure
        self.detail = detail


class HostProber(Protocol):
    async def get(self, host: str, path: str) -> ProbeAnswer:
        """One GET for `host` (redirects not followed); raises ProbeError without an answer."""
        ...


def https_url(host: str, path: str) -> str:
    return f"https://{host}{path}"


class HttpProber:
    """Asks the host over the internet, as a resident's browser would (TLS verified)."""

    def __init__(
        self, timeout_seconds: float, url_for: Callable[[str, str], str] = https_url
    ) -> None:
        self._timeout = timeout_seconds
        # Tests point the request at a local server and keep the Host header.
        self._url_for = url_for
        # Loading the CA bundle is the costly part of a client: once, not per host.
        self._tls = httpx.create_ssl_context()

    async def get(self, host: str, path: str) -> ProbeAnswer:
        headers = {"Host": host, "Accept": "application/json"}
        try:
            # httpx's time-out bounds each step; the check needs a bound on the whole answer.
            async with (
                asyncio.timeout(self._timeout),
                httpx.AsyncClient(
                    timeout=self._timeout, follow_redirects=False, verify=self._tls
                ) as http,
                http.stream("GET", self._url_for(host, path), headers=headers) as response,
            ):
                body = await _read_capped(response)
                return ProbeAnswer(response.status_code, body, response.headers.get("location"))
        except (httpx.TimeoutException, TimeoutError) as exc:
            raise ProbeError("timeout", f"no answer within {self._timeout:g} s") from exc
        except httpx.TransportError as exc:
            if _is_tls_failure(exc):
                raise ProbeError("tls", _tls_reason(exc)) from exc
            raise ProbeError("connection", str(exc) or type(exc).__name__) from exc


async def _read_capped(response: httpx.Response) -> bytes:
    body = b""
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            break
    return body[: MAX_BODY_BYTES + 1]


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _is_tls_failure(exc: BaseException) -> bool:
    return any(isinstance(cause, ssl.SSLError) for cause in _causes(exc))


def _tls_reason(exc: BaseException) -> str:
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause.verify_message or "certificate not valid for this host"
        if isinstance(cause, ssl.SSLError):
            return cause.reason or "TLS handshake failed"
    return "TLS handshake failed"
