"""A service built with `create_service_app`: health, problems, and one trace end to end."""

import asyncio
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter, status
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from pydantic import BaseModel, Field
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.app import create_service_app
from inspraak_shared.config import Environment, ServiceSettings
from inspraak_shared.db import DbSession
from inspraak_shared.events import CloudEvent, ConsumerSpec, enqueue, new_event, stream_name
from inspraak_shared.problems import PROBLEM_MEDIA_TYPE
from inspraak_shared.service import ServiceManifest
from inspraak_shared.telemetry import setup_telemetry
from inspraak_shared.tenancy import TENANT_HEADER, RequestTenant
from tests.support.tables import HandledNote, Note


class NoteCreate(BaseModel):
    key: str = Field(min_length=1, max_length=64)
    body: str = Field(max_length=500)


# How often each test service's background loop was started, by service name.
LOOP_STARTS: dict[str, list[int]] = {}


def _manifest(service: str, settings: ServiceSettings) -> ServiceManifest:
    router = APIRouter()

    @router.post("/notes", status_code=status.HTTP_201_CREATED)
    async def create_note(payload: NoteCreate, session: DbSession, tenant: RequestTenant) -> dict:
        session.add(Note(key=payload.key, body=payload.body))
        event = new_event(
            tenant=tenant,
            service=service,
            entity="note",
            verb="created",
            subject=payload.key,
            data={"key": payload.key},
        )
        enqueue(session, event)
        return {"event_id": event.id}

    @router.get("/notes/{key}")
    async def read_note(key: str, session: DbSession) -> dict:
        note = (await session.exec(select(Note).where(Note.key == key))).first()
        return {"found": note is not None}

    @router.get("/boom")
    async def boom() -> dict:
        raise RuntimeError("secret internals /etc/passwd")

    spec = ConsumerSpec(
        durable=f"{service}-notes",
        stream=stream_name(service),
        filter_subjects=[f"inspraak.*.{service}.note.created"],
    )

    async def handle(session: AsyncSession, event: CloudEvent) -> None:
        session.add(HandledNote(consumer=spec.durable, event_id=event.id))

    starts = LOOP_STARTS.setdefault(service, [])

    async def flaky_loop(runtime) -> None:
        starts.append(1)
        if len(starts) == 1:
            raise RuntimeError("lost the connection")
        await runtime.stop.wait()

    return ServiceManifest(
        name=service,
        title="Test service",
        version="0.0.1",
        settings_factory=lambda: settings,
        migrations_dir=Path("."),
        routers=[router],
        consumers=[(spec, handle)],
        background_loops=[flaky_loop],
    )


@pytest.fixture
async def running_service(shared_database_url, nats_url, engine) -> AsyncIterator[tuple]:
    service = f"svc{secrets.token_hex(4)}"
    settings = ServiceSettings(
        environment=Environment.TEST,
        database_url=shared_database_url,
        nats_url=nats_url,
        log_json=True,
    )
    exporter = InMemorySpanExporter()
    telemetry = setup_telemetry(service, span_processors=[SimpleSpanProcessor(exporter)])
    app = create_service_app(_manifest(service, settings), settings, telemetry=telemetry)
    async with app.router.lifespan_context(app):
        # The server error middleware re-raises after answering, for the server's log.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as http:
            async with asyncio.timeout(15):
                while (await http.get("/readyz")).status_code != 200:
                    await asyncio.sleep(0.1)
            yield http, exporter, app


class TestOperationalEndpoints:
    async def test_health_readiness_metrics_and_openapi(self, running_service):
        http, _, _ = running_service
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        ready = await http.get("/readyz")
        assert ready.json() == {"status": "ready", "checks": {"database": "ok", "nats": "ok"}}
        assert (await http.get("/metrics")).status_code == 200
        spec = (await http.get("/openapi.json")).json()
        assert "/notes" in spec["paths"]


class TestProblems:
    async def test_invalid_payload_is_a_422_problem_naming_the_field(self, running_service):
        http, _, _ = running_service
        response = await http.post(
            "/notes", json={"key": "", "body": "x"}, headers={TENANT_HEADER: "gent"}
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
        problem = response.json()
        assert "body.key" in problem["detail"]
        assert problem["errors"][0]["loc"] == ["body", "key"]
        assert "input" not in problem["errors"][0]

    async def test_unknown_route_is_a_404_problem(self, running_service):
        http, _, _ = running_service
        response = await http.get("/nope")
        assert response.status_code == 404
        assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE

    async def test_unexpected_error_is_a_500_problem_without_internals(self, running_service):
        http, _, _ = running_service
        response = await http.get("/boom")
        assert response.status_code == 500
        assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
        assert "passwd" not in response.text
        assert "Traceback" not in response.text

    async def test_a_value_postgresql_cannot_store_is_a_422_problem(self, running_service):
        http, _, _ = running_service
        # A NUL byte reaches PostgreSQL as a string it refuses (invalid byte sequence).
        response = await http.get("/notes/a%00b")
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
        assert "NUL" in response.json()["detail"]

    async def test_missing_tenant_is_a_400_problem(self, running_service):
        http, _, _ = running_service
        response = await http.post("/notes", json={"key": "k", "body": "x"})
        assert response.status_code == 400
        assert response.json()["type"].endswith("tenant-missing")


class TestTracing:
    async def test_one_trace_spans_request_publish_and_consumer(
        self, running_service, session_factory
    ):
        http, exporter, _ = running_service
        trace_id = secrets.token_hex(16)
        traceparent = f"00-{trace_id}-{secrets.token_hex(8)}-01"
        response = await http.post(
            "/notes",
            json={"key": secrets.token_hex(6), "body": "hi"},
            headers={TENANT_HEADER: "gent", "traceparent": traceparent},
        )
        assert response.status_code == 201, response.text
        event_id = response.json()["event_id"]

        async with asyncio.timeout(15):
            while True:
                async with session_factory() as session:
                    query = select(HandledNote).where(HandledNote.event_id == event_id)
                    if (await session.exec(query)).first():
                        break
                await asyncio.sleep(0.05)

        spans = [
            s
            for s in exporter.get_finished_spans()
            if format(s.context.trace_id, "032x") == trace_id
        ]
        kinds = {s.kind for s in spans}
        assert {SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER} <= kinds, spans
        consumer = next(s for s in spans if s.kind is SpanKind.CONSUMER)
        producer = next(s for s in spans if s.kind is SpanKind.PRODUCER)
        assert consumer.parent.span_id == producer.context.span_id


class TestWorkerLoops:
    async def test_a_crashed_loop_is_restarted_and_the_service_stays_ready(self, running_service):
        http, _, app = running_service
        starts = LOOP_STARTS[app.state.runtime.manifest.name]
        async with asyncio.timeout(10):
            while len(starts) < 2:
                await asyncio.sleep(0.1)
        assert (await http.get("/readyz")).status_code == 200


class TestBodyLimit:
    async def test_every_service_refuses_a_body_over_its_limit_and_stores_nothing(
        self, running_service, engine
    ):
        http, _, _ = running_service
        key = f"big-{secrets.token_hex(4)}"
        response = await http.post(
            "/notes",
            json={"key": key, "body": "x" * (1024 * 1024)},
            headers={TENANT_HEADER: "gent"},
        )
        assert response.status_code == 413
        assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
        assert response.json()["type"] == "urn:inspraak:problem:payload-too-large"
        assert (await http.get(f"/notes/{key}")).json() == {"found": False}
