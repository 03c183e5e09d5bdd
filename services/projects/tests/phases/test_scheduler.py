"""The phase scheduler announces each start and end exactly once: across restarts, with
several schedulers at once, and only for published projects."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from inspraak_projects.main import create_app
from inspraak_projects.phases.tasks import PhaseScheduler

from tests.support.api import complete_project, emitted, make_department, ok, phase

pytestmark = pytest.mark.keycloak


def _at(hours: float) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


async def _project_with_phases(api, tenant, spans: list[tuple[float, float]], publish=True) -> dict:
    department = await make_department(api, tenant)
    admin = tenant.headers(tenant.superadmin())
    project = await ok(
        await api.post("/projects", headers=admin, json=complete_project(tenant, department["id"])),
        201,
    )
    for start, end in spans:
        body = phase(tenant, "information") | {"starts_at": _at(start), "ends_at": _at(end)}
        await ok(await api.post(f"/projects/{project['id']}/phases", headers=admin, json=body), 201)
    if publish:
        project = await ok(await api.post(f"/projects/{project['id']}/publish", headers=admin))
    return project


async def _announcements(session_factory, tenant, project_id) -> dict[str, list[str]]:
    started = await emitted(session_factory, tenant.slug, "phase.started", project_id)
    ended = await emitted(session_factory, tenant.slug, "phase.ended", project_id)
    return {
        "started": sorted(e["phase_id"] for e in started),
        "ended": sorted(e["phase_id"] for e in ended),
    }


class TestExactlyOnce:
    async def test_each_moment_is_announced_once_across_a_restart(self, api, town, session_factory):
        # A phase that has ended, one that runs now, one in the future. (Within the hour:
        # the clock moved ahead below must not reach other tests' phases, a day away.)
        project = await _project_with_phases(api, town, [(-48, -24), (-1, 0.5), (0.75, 2)])
        past, running, future = (p["id"] for p in project["phases"])

        first = PhaseScheduler(session_factory, interval_seconds=0.05)
        stop = asyncio.Event()
        task = asyncio.create_task(first.run(stop))
        async with asyncio.timeout(10):
            while len((await _announcements(session_factory, town, project["id"]))["started"]) < 2:
                await asyncio.sleep(0.05)
        stop.set()
        await task  # the process stops...

        restarted = PhaseScheduler(session_factory, interval_seconds=0.05)  # ...and comes back
        stop = asyncio.Event()
        task = asyncio.create_task(restarted.run(stop))
        await asyncio.sleep(0.5)  # ten rounds
        stop.set()
        await task

        seen = await _announcements(session_factory, town, project["id"])
        assert seen == {"started": sorted([past, running]), "ended": [past]}
        started = await emitted(session_factory, town.slug, "phase.started", project["id"])
        assert started[0]["project_id"] == project["id"]
        assert started[0]["status"] == "published"

        # Later, the running phase ends and the future one starts: once each.
        later = PhaseScheduler(
            session_factory, clock=lambda: datetime.now(UTC) + timedelta(hours=1)
        )
        assert await later.tick() >= 2
        assert await later.tick() == 0
        seen = await _announcements(session_factory, town, project["id"])
        assert seen == {
            "started": sorted([past, running, future]),
            "ended": sorted([past, running]),
        }

    async def test_concurrent_schedulers_never_announce_twice(self, api, town, session_factory):
        project = await _project_with_phases(api, town, [(-10, -8), (-6, -4), (-2, 30)])
        schedulers = [PhaseScheduler(session_factory) for _ in range(4)]
        await asyncio.gather(*(s.tick() for s in schedulers for _ in range(3)))
        seen = await _announcements(session_factory, town, project["id"])
        assert len(seen["started"]) == len(set(seen["started"])) == 3
        assert len(seen["ended"]) == len(set(seen["ended"])) == 2

    async def test_phases_of_unpublished_projects_are_not_announced_until_publication(
        self, api, town, session_factory
    ):
        project = await _project_with_phases(api, town, [(-3, 5)], publish=False)
        scheduler = PhaseScheduler(session_factory)
        await scheduler.tick()
        assert (await _announcements(session_factory, town, project["id"]))["started"] == []
        await ok(
            await api.post(
                f"/projects/{project['id']}/publish", headers=town.headers(town.superadmin())
            )
        )
        await scheduler.tick()
        assert len((await _announcements(session_factory, town, project["id"]))["started"]) == 1

    async def test_a_started_phase_cannot_move_its_start(self, api, town, session_factory):
        project = await _project_with_phases(api, town, [(-3, 5)])
        await PhaseScheduler(session_factory).tick()
        phase_id = project["phases"][0]["id"]
        response = await api.patch(
            f"/projects/{project['id']}/phases/{phase_id}",
            headers=town.headers(town.superadmin()),
            json={"starts_at": _at(1)},
        )
        assert response.status_code == 409
        assert response.json()["type"].endswith("phase-started")


class TestInTheService:
    async def test_the_running_service_announces_a_started_phase(
        self, settings, test_manifest, api, town, session_factory
    ):
        project = await _project_with_phases(api, town, [(-1, 5)])
        app = create_app(
            settings.model_copy(update={"scheduler_interval_seconds": 0.1}), test_manifest
        )
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
                assert (await http.get("/healthz")).status_code == 200
                async with asyncio.timeout(10):
                    while not (await _announcements(session_factory, town, project["id"]))[
                        "started"
                    ]:
                        await asyncio.sleep(0.1)
        assert (await _announcements(session_factory, town, project["id"]))["started"] == [
            str(uuid.UUID(project["phases"][0]["id"]))
        ]
