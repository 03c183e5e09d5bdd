"""Host names and web origins as the widget service accepts them (no scheme, port or path)."""

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator

_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Origins served over plain http are only accepted for local development.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})


def normalise_host(value: str) -> str:
    """What a Host header names: lowercase, without port or the root's trailing dot."""
    host = value.strip().lower()
    if host.startswith("["):  # an IPv6 literal never names a tenant
        return host
    return host.split(":", 1)[0].rstrip(".")


def validate_host(value: str) -> str:
    labels = value.split(".")
    if len(value) > 253 or len(labels) < 2 or not all(_LABEL.fullmatch(x) for x in labels):
        raise ValueError(
            f"'{value}' is not a lowercase host name such as participatie.gemeente.nl "
            "(no scheme, port or path)"
        )
    if labels[-1].isdigit():
        raise ValueError(f"'{value}' is an IP address; a domain name is needed")
    return value


def validate_origin(value: str) -> str:
    """`https://www.gemeente.nl` (or http for localhost): the page a widget is embedded in."""
    parts = urlsplit(value)
    host = parts.hostname or ""
    plain_http_ok = parts.scheme == "http" and host in _LOCAL_HOSTS
    if (
        not (parts.scheme == "https" or plain_http_ok)
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or not host
    ):
        raise ValueError(
            f"'{value}' is not a web origin such as https://www.gemeente.nl "
            "(https, no path; http only for localhost)"
        )
    if host not in _LOCAL_HOSTS:
        validate_host(host)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


HostName = Annotated[str, AfterValidator(validate_host)]
WebOrigin = Annotated[str, AfterValidator(validate_origin)]


def host_origin(host: str) -> str:
    return f"https://{host}"
