"""The catalog follows the projects and contributions snapshots: newer replaces older, never
the other way round, and a malformed event does not hold up the ones behind it."""

from tests.support.events import eventually, input_snapshot, phase, project_snapshot, texts

WIDGET = "/v1/widget/fragment"


class TestProjects:
    async def test_phase_started_updates_the_current_phase(self, api, town, publish_as):
        project = project_snapshot(phases=[phase("ideation", start=-5, end=-1)])
        await publish_as("projects", "project", "published", town, project)
        view = f"{WIDGET}/project"
        params = {"project": project["slug"], "lang": "en"}
        first = await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: r.status_code == 200,
        )
        assert "View the project" in first.text  # no phase is running
        voting = phase("voting", start=-0.1, end=5)
        started = project | {"version": 2, "phases": [*project["phases"], voting]}
        await publish_as(
            "projects", "phase", "started", town, started | {"phase_id": voting["phase_id"]}
        )
        await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: "Vote now" in r.text,
        )

    async def test_a_malformed_event_does_not_block_the_next(self, api, town, publish_as):
        broken = {"project_id": "p-broken", "version": 1}  # no slug, status, visibility
        await publish_as("projects", "project", "updated", town, broken)
        fine = project_snapshot(title=texts("Na het kapotte bericht"))
        await publish_as("projects", "project", "published", town, fine)
        await eventually(
            lambda: api.get(f"{WIDGET}/projects", headers=town.headers()),
            lambda r: "Na het kapotte bericht" in r.text,
        )

    async def test_departments_follow_their_events_and_stay_deleted(self, api, town, publish_as):
        department = {
            "department_id": "dept-mobility",
            "version": 1,
            "slug": "mobiliteit",
            "name": texts("Mobiliteit"),
            "head_user_ids": ["head-user-id"],
        }
        page = "/v1/widget/configurator"
        officer = town.headers(town.person("it_admin"))
        await publish_as("projects", "department", "created", town, department)
        await eventually(
            lambda: api.get(page, headers=officer), lambda r: "Mobiliteit [nl]" in r.text
        )
        await publish_as("projects", "department", "deleted", town, department | {"version": 3})
        await eventually(
            lambda: api.get(page, headers=officer), lambda r: "Mobiliteit" not in r.text
        )
        late = department | {"version": 2, "name": texts("Mobiliteit laat")}
        await publish_as("projects", "department", "updated", town, late)
        marker = project_snapshot(title=texts("Na de afdeling"))
        await publish_as("projects", "project", "published", town, marker)
        html = (
            await eventually(
                lambda: api.get(page, headers=officer), lambda r: "Na de afdeling" in r.text
            )
        ).text
        assert "Mobiliteit" not in html


class TestInputs:
    async def test_newer_input_snapshots_replace_older_ones_only(self, api, town, publish_as):
        project = project_snapshot()
        await publish_as("projects", "project", "published", town, project)
        item = input_snapshot(project["project_id"], title="Een fietspad")
        await publish_as("contributions", "input", "created", town, item)
        view = f"{WIDGET}/inputs"
        params = {"project": project["slug"], "lang": "en"}
        await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: "Een fietspad" in r.text,
        )
        accepted = item | {
            "version": 3,
            "status": "accepted",
            "counts": {"comments": 7, "up": 12, "down": 1, "votes": 0},
        }
        await publish_as("contributions", "input", "status_changed", town, accepted)
        await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: "Accepted · comments: 7 · support: 12" in r.text,
        )
        stale = item | {"version": 2, "status": "rejected"}
        await publish_as("contributions", "input", "updated", town, stale)
        marker = input_snapshot(project["project_id"], title="Daarna")
        await publish_as("contributions", "input", "created", town, marker)
        html = (
            await eventually(
                lambda: api.get(view, headers=town.headers(), params=params),
                lambda r: "Daarna" in r.text,
            )
        ).text
        assert "Accepted" in html
        assert "Not taken up" not in html

    async def test_an_input_hidden_later_disappears(self, api, town, publish_as):
        project = project_snapshot()
        await publish_as("projects", "project", "published", town, project)
        item = input_snapshot(project["project_id"], title="Ongepast bericht")
        await publish_as("contributions", "input", "created", town, item)
        view = f"{WIDGET}/inputs"
        params = {"project": project["slug"]}
        await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: "Ongepast bericht" in r.text,
        )
        await publish_as(
            "contributions", "input", "hidden", town, item | {"version": 2, "hidden": True}
        )
        await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: "Ongepast bericht" not in r.text,
        )

    async def test_reactions_update_the_support_count_without_a_new_snapshot(
        self, api, town, publish_as
    ):
        project = project_snapshot()
        await publish_as("projects", "project", "published", town, project)
        item = input_snapshot(project["project_id"], title="Meer bankjes")
        await publish_as("contributions", "input", "created", town, item)
        view = f"{WIDGET}/inputs"
        params = {"project": project["slug"], "lang": "en"}
        await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: "Meer bankjes" in r.text,
        )
        # contributions announces a reaction with the item's counts only.
        reaction = {
            "item_type": "input",
            "item_id": item["input_id"],
            "project_id": project["project_id"],
            "counts": {"up": 5, "down": 2},
        }
        await publish_as("contributions", "reaction", "set", town, reaction)
        await eventually(
            lambda: api.get(view, headers=town.headers(), params=params),
            lambda r: "support: 5" in r.text,
        )
