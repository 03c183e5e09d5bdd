"""OpenTelemetry in one call: traces, metrics, JSON logs, and trace context across NATS.

One instrumentation path per request: FastAPI's own native telemetry (given our
providers); no contrib instrumentor on top, which would double the per-request cost.
Sampling is parent-based with a ratio, so a trace started at the gateway is kept or
dropped as a whole.
"""

import json
import logging
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from prometheus_client import CollectorRegistry

_HEALTH_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


@dataclass
class Telemetry:
    tracer_provider: TracerProvider
    meter_provider: MeterProvider
    registry: CollectorRegistry

    def tracer(self, name: str) -> trace.Tracer:
        return self.tracer_provider.get_tracer(name)

    def fastapi_config(self) -> dict[str, Any]:
        """The `telemetry=` argument for FastAPI: our providers, request spans only."""
        return {
            "tracer_provider": self.tracer_provider,
            "meter_provider": self.meter_provider,
            "tracing": True,
            "metrics": True,
            "logs": False,
            "operation_spans": False,
            "auto_configure": False,
            "exclude": lambda scope: scope.get("path") in _HEALTH_PATHS,
        }

    def shutdown(self) -> None:
        self.tracer_provider.shutdown()
        self.meter_provider.shutdown()


def setup_telemetry(
    service_name: str,
    *,
    sample_ratio: float = 1.0,
    otlp_endpoint: str | None = None,
    span_processors: list[SpanProcessor] | None = None,
) -> Telemetry:
    """Tracer and meter providers for one service, with a Prometheus registry for /metrics."""
    resource = Resource.create({"service.name": service_name, "service.namespace": "inspraak"})
    tracer_provider = TracerProvider(
        resource=resource, sampler=ParentBased(TraceIdRatioBased(sample_ratio))
    )
    if otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        tracer_provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=f"{otlp_endpoint.rstrip('/')}/v1/traces"))
        )
    for processor in span_processors or []:
        tracer_provider.add_span_processor(processor)
    registry = CollectorRegistry()
    meter_provider = MeterProvider(
        resource=resource, metric_readers=[PrometheusMetricReader(registry=registry)]
    )
    # Not installed globally: every component is handed its provider, so several apps
    # (tests, the gateway beside a service) can live in one process.
    return Telemetry(tracer_provider, meter_provider, registry)


def inject_trace_context(carrier: MutableMapping[str, str], context: Context | None = None) -> None:
    """Write W3C `traceparent`/`tracestate` of the current span into headers."""
    propagate.inject(carrier, context=context)


def extract_trace_context(carrier: Mapping[str, str] | None) -> Context:
    return propagate.extract(dict(carrier or {}))


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line, with the trace and span id of the current span."""

    def __init__(self, service_name: str) -> None:
        super().__init__()
        self.service_name = service_name

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "service": self.service_name,
            "logger": record.name,
            "message": record.getMessage(),
        }
        span_context = trace.get_current_span().get_span_context()
        if span_context.is_valid:
            entry["trace_id"] = format(span_context.trace_id, "032x")
            entry["span_id"] = format(span_context.span_id, "016x")
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(service_name: str, *, level: str = "INFO", json_lines: bool = True) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if json_lines:
        handler.setFormatter(JsonLogFormatter(service_name))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
