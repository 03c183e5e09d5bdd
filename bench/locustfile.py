"""Locust scenarios (headless, driven by `bench.loadgen`); the plan comes as JSON in the
file named by BENCH_PLAN.

Every simulated resident is one Keycloak account with its own token and its own source
address (`X-Forwarded-For`, which uvicorn accepts from 127.0.0.1): in a real surge the
residents sit behind thousands of home connections, and the gateway's per-address limits
are meant for those, not for one load generator. Each user works through residents from
a shared queue and stops when the queue is empty: the run is bounded in count, and
`--run-time` bounds it in time.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from collections.abc import Iterator
from typing import Any

from locust import FastHttpUser, events, task
from locust.exception import StopUser

PLAN: dict[str, Any] = json.loads(open(os.environ["BENCH_PLAN"]).read())  # noqa: SIM115
_queue: Iterator[int] = iter(range(PLAN.get("work_items", 0)))
_stopped = itertools.count(1)


def _next() -> int:
    try:
        return next(_queue)
    except StopIteration:
        raise StopUser from None


_failures_written = itertools.count()


@events.request.add_listener
def _record_failure(request_type: str, name: str, exception: Any, **_: Any) -> None:
    """The first failures with their answer, for the report (Locust's CSV is not kept)."""
    if exception is None or next(_failures_written) >= 20:
        return
    with open(os.environ["BENCH_FAILURES"], "a") as out:
        out.write(f"{request_type} {name}: {str(exception)[:300]}\n")


@events.test_start.add_listener
def _reset(**_: Any) -> None:
    global _queue
    _queue = iter(range(PLAN.get("work_items", 0)))


class _Base(FastHttpUser):
    abstract = True
    host = PLAN["base_url"]
    # Connections per user as a browser keeps them; no think time: a surge.
    insecure = True

    def headers(self, resident: dict[str, Any] | None) -> dict[str, str]:
        found = {"Host": PLAN["host"], "Accept": "application/json"}
        if resident is not None:
            found["Authorization"] = f"Bearer {resident['token']}"
            found["X-Forwarded-For"] = resident["address"]
        else:
            found["X-Forwarded-For"] = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.1"
        return found

    def on_stop(self) -> None:
        if next(_stopped) >= self.environment.runner.user_count:
            self.environment.runner.quit()


def _expect(response: Any, *codes: int) -> None:
    if response.status_code not in codes:
        response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
    else:
        response.success()


class VotingResident(_Base):
    """Signed-in residents: vote for inputs, react to them, submit a budget basket."""

    @task
    def surge(self) -> None:
        index = _next()
        resident = PLAN["residents"][index % len(PLAN["residents"])]
        headers = self.headers(resident)
        voting, budget = PLAN["voting"], PLAN["budget"]
        rng = random.Random(index)
        chosen = rng.sample(
            voting["input_ids"], k=min(PLAN["votes_each"], len(voting["input_ids"]))
        )
        base = f"/api/v1/contributions/projects/{voting['project_id']}"
        for input_id in chosen:
            with self.client.post(
                f"{base}/phases/{voting['phase_id']}/votes",
                json={"input_id": input_id},
                headers=headers,
                name="POST vote",
                catch_response=True,
            ) as response:
                _expect(response, 200, 201)
        for input_id in chosen[: PLAN["reactions_each"]]:
            with self.client.put(
                f"{base}/inputs/{input_id}/reaction",
                json={"value": rng.choice(["up", "down"])},
                headers=headers,
                name="PUT input reaction",
                catch_response=True,
            ) as response:
                _expect(response, 200, 201)
        items = rng.sample(budget["item_ids"], k=2)
        bbase = f"/api/v1/contributions/projects/{budget['project_id']}/phases/{budget['phase_id']}"
        with self.client.put(
            f"{bbase}/basket",
            json={"input_ids": items},
            headers=headers,
            name="PUT basket",
            catch_response=True,
        ) as response:
            _expect(response, 200)
        with self.client.post(
            f"{bbase}/basket/submission",
            headers=headers,
            name="POST basket submission",
            catch_response=True,
        ) as response:
            _expect(response, 200, 201)


class ReadingResident(_Base):
    """Anonymous residents: project page, 1,000 inputs, one input, 20 comments, widget."""

    @task
    def read(self) -> None:
        _next()
        headers = self.headers(None)
        reading = PLAN["reading"]
        project = reading["project_id"]
        for path, name in (
            (f"/api/v1/projects/projects/by-slug/{reading['slug']}", "GET project page"),
            (f"/api/v1/contributions/projects/{project}/inputs", "GET inputs (1,000)"),
            (
                f"/api/v1/contributions/projects/{project}/inputs/{reading['detail_id']}",
                "GET input detail",
            ),
            (
                f"/api/v1/contributions/projects/{project}/inputs/{reading['busy_id']}/comments",
                "GET 20 comments",
            ),
            (f"/v1/widget/frame/inputs?project={reading['slug']}&lang=nl", "GET widget"),
        ):
            with self.client.get(path, headers=headers, name=name, catch_response=True) as r:
                _expect(r, 200)


class ConversingResident(_Base):
    """Signed-in residents: comment on inputs and react to others' comments."""

    @task
    def converse(self) -> None:
        index = _next()
        resident = PLAN["residents"][index % len(PLAN["residents"])]
        headers = self.headers(resident)
        reading = PLAN["reading"]
        rng = random.Random(index)
        base = f"/api/v1/contributions/projects/{reading['project_id']}"
        for input_id in rng.sample(reading["input_ids"], k=PLAN["comments_each"]):
            with self.client.post(
                f"{base}/inputs/{input_id}/comments",
                json={"body": f"Goed idee, {resident['address']}!"},
                headers=headers,
                name="POST comment",
                catch_response=True,
            ) as response:
                _expect(response, 201)
        for comment_id in rng.sample(reading["comment_ids"], k=PLAN["comment_reactions_each"]):
            with self.client.put(
                f"{base}/comments/{comment_id}/reaction",
                json={"value": rng.choice(["up", "down"])},
                headers=headers,
                name="PUT comment reaction",
                catch_response=True,
            ) as response:
                _expect(response, 200, 201)


class BaselineWriter(_Base):
    """The baseline for writes: the same number of POSTs, each one INSERT, no auth."""

    @task
    def write(self) -> None:
        _next()
        with self.client.post(
            "/write", json={"input_id": "x"}, name="POST baseline insert", catch_response=True
        ) as response:
            _expect(response, 201)


class BaselineReader(_Base):
    """The baseline for reads: a cached JSON document."""

    @task
    def read(self) -> None:
        _next()
        with self.client.get("/read", name="GET baseline cached", catch_response=True) as r:
            _expect(r, 200)
