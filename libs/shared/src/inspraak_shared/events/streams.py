"""JetStream streams: one per owning service, plus one for dead letters; created idempotently."""

from datetime import timedelta

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

DEADLETTER_STREAM = "INSPRAAK_DEADLETTER"
DEADLETTER_SUBJECT_PREFIX = "deadletter"
# Long enough for a crashed relay to come back and republish under JetStream's
# de-duplication; consumers' inboxes cover anything older.
DUPLICATE_WINDOW = timedelta(minutes=10)
RETENTION = timedelta(days=30)


def stream_name(service: str) -> str:
    return f"INSPRAAK_{service.upper()}"


def service_subjects(service: str) -> list[str]:
    return [f"inspraak.*.{service}.>"]


def deadletter_subject(consumer: str) -> str:
    return f"{DEADLETTER_SUBJECT_PREFIX}.{consumer}"


async def _ensure(js: JetStreamContext, config: StreamConfig) -> None:
    try:
        await js.stream_info(config.name or "")
    except NotFoundError:
        await js.add_stream(config)
        return
    await js.update_stream(config)


async def ensure_service_stream(js: JetStreamContext, service: str, *, replicas: int = 1) -> None:
    await _ensure(
        js,
        StreamConfig(
            name=stream_name(service),
            subjects=service_subjects(service),
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            discard=DiscardPolicy.OLD,
            max_age=RETENTION.total_seconds(),
            duplicate_window=DUPLICATE_WINDOW.total_seconds(),
            num_replicas=replicas,
        ),
    )


async def ensure_deadletter_stream(js: JetStreamContext, *, replicas: int = 1) -> None:
    await _ensure(
        js,
        StreamConfig(
            name=DEADLETTER_STREAM,
            subjects=[f"{DEADLETTER_SUBJECT_PREFIX}.>"],
            retention=RetentionPolicy.LIMITS,
            storage=StorageType.FILE,
            max_age=timedelta(days=90).total_seconds(),
            num_replicas=replicas,
        ),
    )
