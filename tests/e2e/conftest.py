"""Wiring only: the whole platform as separate processes on the real servers, once per session."""

import json
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from storybrowser import StoryBrowser
from storykit import Story

from inspraak_stack import platform as local_platform
from inspraak_stack.mailbox import Mailbox
from inspraak_stack.stack import Endpoints

ARTIFACTS = Path(__file__).parent / "artifacts"
# A developer's shortcut: the JSON `{"urls": {...}, "env": {...}, "nats": url}` of a platform
# already running (its databases stay); the suite then starts none and stops none.
REUSE_PLATFORM = "INSPRAAK_E2E_PLATFORM"
STARTUP: dict[str, float] = {}  # seconds, for the report


@pytest.fixture(scope="session")
def running_platform(stack_endpoints: Endpoints) -> Iterator[Any]:
    reuse = os.environ.get(REUSE_PLATFORM)
    if reuse:
        described = json.loads(Path(reuse).read_text(encoding="utf-8"))
        yield SimpleNamespace(
            urls=described["urls"], env=described["env"], nats_url=described["nats"]
        )
        return
    prefix = f"e2e_{secrets.token_hex(4)}"
    ports = {service: local_platform.free_port() for service in local_platform.ALL_SERVICES}
    began = time.monotonic()
    started = local_platform.start_platform(stack_endpoints, database_prefix=prefix, ports=ports)
    STARTUP["platform"] = time.monotonic() - began
    with started:
        yield started
    local_platform.drop_service_databases(stack_endpoints.postgres_admin_url, prefix)


@pytest.fixture(scope="session")
def story(running_platform: Any, stack_endpoints: Endpoints) -> Iterator[Story]:
    """One run of the story, shared by its steps in order; writes the report at the end."""
    mailbox = Mailbox(
        stack_endpoints.mail_api_url, stack_endpoints.smtp_host, stack_endpoints.smtp_port
    )
    played = Story(
        running_platform.urls["gateway"],
        stack_endpoints.keycloak_url,
        mailbox,
        run=secrets.token_hex(3),
        platform_env=running_platform.env,
        nats_url=running_platform.nats_url,
    )
    if "platform" in STARTUP:
        played.note(
            f"the platform (databases, migrations, six services) started in "
            f"{STARTUP['platform']:.0f} s"
        )
    played.browser = StoryBrowser(played, ARTIFACTS)
    try:
        yield played
    finally:
        played.browser.close()
        played.write_report(ARTIFACTS / "story-report.md")
        played.remove_tenants()
        played.close()
