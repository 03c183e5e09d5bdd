"""The services' HTTP APIs as pages use them: on the person's behalf (their session's
token), for the host's municipality, with the request id and trace context, exactly as
the public API proxy forwards a request."""

import logging
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
from fastapi import Depends

from inspraak_gateway.dependencies import GatewayParts, RequestId, ResolvedHost
from inspraak_gateway.proxy.upstreams import API_ROOTS
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.sessions.auth import OptionalWebSession
from inspraak_shared.db import DbSession
from inspraak_shared.problems import (
    Forbidden,
    NotFound,
    Problem,
    ServiceUnavailable,
    TooManyRequests,
    slug_of_type,
)
from inspraak_shared.telemetry import inject_trace_context
from inspraak_shared.tenancy import TENANT_HEADER

logger = logging.getLogger("inspraak.gateway.web")


class SignInRequiredError(Problem):
    """The service wants a signed-in person: pages answer with the way to sign in."""

    status, title, slug = 401, "Sign in", "sign-in-required"


class RejectedError(Problem):
    """The service refused what the form sent (validation or a conflict): shown at the form."""

    status, title, slug = 422, "Not accepted", "not-accepted"

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(str(body.get("detail") or body.get("title") or ""))
        self.status = status
        self.body = body

    @property
    def service_slug(self) -> str:
        """The refusing service's problem type, e.g. `username-taken` (`slug` is the
        gateway's own, for the page)."""
        return slug_of_type(self.body.get("type"))

    def field_errors(self) -> dict[str, str]:
        """Field name -> the service's message, for payload validation errors."""
        errors: dict[str, str] = {}
        for error in self.body.get("errors", []) or []:
            location = error.get("loc") or []
            if location:
                errors.setdefault(str(location[-1]), str(error.get("msg", "")))
        return errors


@dataclass
class ServiceApi:
    http: httpx.AsyncClient
    urls: dict[str, str]
    tenant: str
    request_id: str
    token: str | None

    async def call(
        self,
        method: str,
        service: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        wait_seconds: float | None = None,
        csv: str | None = None,
    ) -> httpx.Response:
        headers = {TENANT_HEADER: self.tenant, "X-Request-Id": self.request_id}
        if csv is not None:
            headers["Content-Type"] = "text/csv; charset=utf-8"
        inject_trace_context(headers)
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        url = f"{self.urls[service]}{API_ROOTS[service]}{path}"
        try:
            return await self.http.request(
                method,
                url,
                params=params,
                json=json,
                content=csv.encode() if csv is not None else None,
                headers=headers,
                timeout=wait_seconds if wait_seconds is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.HTTPError as exc:
            logger.warning("page call failed: %s %s (%s)", method, url, exc)
            raise ServiceUnavailable("A part of the platform cannot be reached right now.") from exc

    async def json(
        self,
        method: str,
        service: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        wait_seconds: float | None = None,
        csv: str | None = None,
    ) -> Any:
        """The answer's JSON; a refusal becomes the matching problem for the page."""
        response = await self.call(
            method, service, path, params=params, json=json, wait_seconds=wait_seconds, csv=csv
        )
        check(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    async def get(self, service: str, path: str, **params: Any) -> Any:
        clean = {k: v for k, v in params.items() if v is not None}
        return await self.json("GET", service, path, params=clean or None)


def check(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    if status == 401:
        raise SignInRequiredError("Sign in to continue.")
    if status == 403:
        raise Forbidden(str(body.get("detail") or "You may not do this."))
    if status == 404:
        raise NotFound(str(body.get("detail") or "There is nothing here."))
    if status in (400, 409, 422):
        raise RejectedError(status, body)
    if status == 429:
        retry = response.headers.get("retry-after")
        raise TooManyRequests(
            str(body.get("detail") or ""), headers={"Retry-After": retry} if retry else None
        )
    raise ServiceUnavailable("A part of the platform did not answer properly. Please try again.")


async def service_api(
    db: DbSession,
    gateway: GatewayParts,
    host: ResolvedHost,
    request_id: RequestId,
    web_session: OptionalWebSession,
) -> ServiceApi:
    token = await sessions.access_token(db, gateway.oidc, web_session) if web_session else None
    return ServiceApi(
        http=gateway.http,
        urls={name: gateway.settings.service_url(name) for name in API_ROOTS},
        tenant=host.tenant,
        request_id=request_id,
        token=token,
    )


Services = Annotated[ServiceApi, Depends(service_api)]
