"""Wiring only: the whole platform as separate processes on the real servers, once per session."""

import secrets
from collections.abc import Iterator

import pytest

from inspraak_stack import platform as local_platform
from inspraak_stack.stack import Endpoints


@pytest.fixture(scope="session")
def running_platform(stack_endpoints: Endpoints) -> Iterator[local_platform.RunningPlatform]:
    prefix = f"e2e_{secrets.token_hex(4)}"
    ports = {service: local_platform.free_port() for service in local_platform.ALL_SERVICES}
    started = local_platform.start_platform(stack_endpoints, database_prefix=prefix, ports=ports)
    with started:
        yield started
    local_platform.drop_service_databases(stack_endpoints.postgres_admin_url, prefix)
