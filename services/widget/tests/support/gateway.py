"""Stand-ins for what answers at a municipality's domain, as real local HTTP servers.

`FakeGateway` answers `GET /.well-known/inspraak/host` the way the gateway's contract says
(`{"tenant": ..., "host": ...}` for a host it knows, its 404 problem otherwise), and can play
an ingress without a rule for the host, old hosting, or a gateway that redirects an alias.
`LocalNetwork` is the prober's view of the internet: each host goes to one local address.
"""

import datetime
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from inspraak_widget.domains.probe import WELL_KNOWN_PATH


@dataclass
class FakeGateway:
    """host -> what to answer: a tenant slug, or ("status", code), ("html",), ("redirect", to)."""

    answers: dict[str, object] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def routes(self, host: str, tenant: str) -> None:
        self.answers[host] = tenant

    def handler(self) -> type[BaseHTTPRequestHandler]:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").split(":")[0]
                gateway.requests.append(host)
                answer = gateway.answers.get(host)
                if self.path != WELL_KNOWN_PATH or answer is None:
                    # What an ingress controller says for a host it has no rule for.
                    self._send(404, "text/html", b"<html><h1>404 Not Found</h1>nginx</html>")
                elif isinstance(answer, str):
                    body = json.dumps({"tenant": answer, "host": host}).encode()
                    self._send(200, "application/json", body)
                elif answer[0] == "status":  # type: ignore[index]
                    self._send(answer[1], "text/plain", b"unavailable")  # type: ignore[index]
                elif answer[0] == "html":  # type: ignore[index]
                    self._send(200, "text/html", b"<html>Welkom bij de gemeente</html>")
                else:
                    location = f"https://{answer[1]}{WELL_KNOWN_PATH}"  # type: ignore[index]
                    self._send(301, "text/plain", b"", location=location)

            def _send(self, status: int, kind: str, body: bytes, location: str = "") -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                if location:
                    self.send_header("Location", location)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@contextmanager
def serving(
    gateway: FakeGateway, tls: ssl.SSLContext | None = None
) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), gateway.handler())
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def silent_listener() -> Iterator[int]:
    """Accepts connections (the kernel's backlog) but never answers: a time-out."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


def self_signed_context(tmp: Path, name: str) -> ssl.SSLContext:
    """A TLS server context with a certificate no one trusts (as before cert-manager issues)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context


@dataclass
class LocalNetwork:
    """Where each host's requests go: `http://127.0.0.1:<port>` unless routed elsewhere."""

    default: str
    routes: dict[str, str] = field(default_factory=dict)

    def url_for(self, host: str, path: str) -> str:
        return f"{self.routes.get(host, self.default)}{path}"
