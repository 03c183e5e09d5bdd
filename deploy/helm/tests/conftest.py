"""Helm chart tests: a real helm binary renders each chart variant once per session."""

import functools
from collections.abc import Iterator

import pytest
from kubernetes_validate import utils as kubernetes_validate_utils

from tests.charts import helm_binary


def pytest_sessionstart(session: pytest.Session) -> None:
    # Building helm takes minutes on a fresh machine: do it before any test's timeout runs.
    helm_binary()


@pytest.fixture(scope="session")
def cached_kubernetes_schemas() -> Iterator[None]:
    """kubernetes-validate re-reads its large definitions file for every resource; read each
    schema file once per session instead (the files never change during a run)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            kubernetes_validate_utils,
            "schema_contents",
            functools.cache(kubernetes_validate_utils.schema_contents),
        )
        yield
