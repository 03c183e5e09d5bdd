"""The content calendar: standard iCalendar, the right entries for each reader, and
subscription links for calendar apps that follow the owner's current rights."""

from datetime import datetime

import icalendar
import pytest

from tests.support.api import (
    complete_project,
    handle,
    make_department,
    ok,
    phase,
    published_project,
    role_event,
    soon,
    unique,
)

pytestmark = pytest.mark.keycloak


def parse(response) -> list[icalendar.cal.Component]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    assert calendar["prodid"]
    events = list(calendar.walk("VEVENT"))
    for event in events:
        for required in ("uid", "dtstamp", "dtstart"):
            assert event[required]
    return events


def summaries(events) -> list[str]:
    return [str(e["summary"]) for e in events]


@pytest.fixture(scope="module")
async def plan(api, town) -> dict:
    """A department with a published project, a draft and a hidden project, and an
    evaluation moment planned by communications."""
    department = await make_department(api, town)
    admin = town.headers(town.superadmin())
    public = await published_project(
        api, town, department["id"], title={"nl": unique("Openbaar"), "fr": unique("Public")}
    )
    hidden = await published_project(
        api,
        town,
        department["id"],
        visibility="hidden",
        title={"nl": unique("Verborgen"), "fr": "Caché"},
    )
    draft = await ok(
        await api.post(
            "/projects",
            headers=admin,
            json=complete_project(town, department["id"], title={"nl": unique("Concept")}),
        ),
        201,
    )
    await ok(
        await api.post(f"/projects/{draft['id']}/phases", headers=admin, json=phase(town)), 201
    )
    comms = town.person(unique("comms"), "communications", "user")
    evaluation = await ok(
        await api.post(
            "/calendar/evaluations",
            headers=town.headers(comms),
            json={
                "title": {"nl": unique("Kwartaalevaluatie"), "fr": "Évaluation"},
                "planned_for": soon(40).isoformat(),
                "department_id": department["id"],
            },
        ),
        201,
    )
    return {
        "department": department, "public": public, "hidden": hidden, "draft": draft,
        "comms": comms, "evaluation": evaluation,
    }  # fmt: skip


class TestFeeds:
    async def test_resident_feed_parses_and_holds_only_public_published_projects(
        self, api, town, plan
    ):
        events = parse(
            await api.get(
                "/calendar.ics",
                headers=town.headers(),
                params={"department_id": plan["department"]["id"]},
            )
        )
        title = plan["public"]["title"]["nl"]
        assert sorted(summaries(events)) == sorted(
            [f"Gepubliceerd: {title}", f"Start: ideation phase (nl) - {title}",
             f"Einde: ideation phase (nl) - {title}"]
        )  # fmt: skip
        start = next(e for e in events if str(e["summary"]).startswith("Start"))
        planned = datetime.fromisoformat(plan["public"]["phases"][0]["starts_at"])
        assert start["dtstart"].dt == planned.replace(microsecond=0)  # iCalendar has seconds

    async def test_staff_feed_adds_drafts_hidden_projects_and_evaluations_in_their_language(
        self, api, town, plan
    ):
        events = parse(
            await api.get(
                "/calendar.ics",
                headers=town.headers(plan["comms"]),
                params={"department_id": plan["department"]["id"], "lang": "fr"},
            )
        )
        text = " | ".join(summaries(events))
        assert "Évaluation: Évaluation" in text
        assert "Caché" in text
        assert "(brouillon)" in text  # the draft's planned phase, marked as a draft
        assert plan["public"]["title"]["fr"] in text
        assert "Publié:" in text

    async def test_project_timeline_as_a_calendar(self, api, town, plan):
        project = plan["public"]
        events = parse(
            await api.get(f"/projects/{project['id']}/calendar.ics", headers=town.headers())
        )
        assert len(events) == 3
        hidden = await api.get(
            f"/projects/{plan['hidden']['id']}/calendar.ics", headers=town.headers()
        )
        assert hidden.status_code == 404


class TestSubscriptionLinks:
    async def test_link_serves_the_staff_calendar_while_the_owner_keeps_the_role(
        self, api, town, plan, session_factory
    ):
        comms = plan["comms"]
        granted = role_event(
            town.slug, "granted", comms.user_id, "communications", username=comms.username
        )
        await handle(session_factory, granted)
        link = await ok(
            await api.post(
                "/calendar/feeds",
                headers=town.headers(comms),
                json={"department_id": plan["department"]["id"], "language": "nl"},
            ),
            201,
        )
        assert link["path"].endswith(".ics")

        # A calendar app fetches it without any token.
        events = parse(await api.get(link["path"], headers=town.headers()))
        assert any(plan["evaluation"]["title"]["nl"] in s for s in summaries(events))
        assert any(plan["hidden"]["title"]["nl"] in s for s in summaries(events))
        mine = await ok(await api.get("/calendar/feeds", headers=town.headers(comms)))
        assert [f["id"] for f in mine] == [link["id"]]
        assert "token" not in mine[0], "the secret is shown once"

        revoked = role_event(
            town.slug, "revoked", comms.user_id, "communications", username=comms.username
        )
        await handle(session_factory, revoked)
        assert (await api.get(link["path"], headers=town.headers())).status_code == 404

    async def test_revoked_link_stops_working(self, api, town, plan, session_factory):
        mayor = town.person(unique("mayor"), "policy_maker", "user")
        await handle(
            session_factory, role_event(town.slug, "granted", mayor.user_id, "policy_maker")
        )
        link = await ok(
            await api.post("/calendar/feeds", headers=town.headers(mayor), json={}), 201
        )
        assert (await api.get(link["path"], headers=town.headers())).status_code == 200
        await ok(
            await api.delete(f"/calendar/feeds/{link['id']}", headers=town.headers(mayor)), 204
        )
        assert (await api.get(link["path"], headers=town.headers())).status_code == 404
        guessed = await api.get(
            "/calendar/subscriptions/not-a-real-token.ics", headers=town.headers()
        )
        assert guessed.status_code == 404


class TestEvaluationMoments:
    async def test_department_head_plans_for_their_department_only(self, api, town, plan):
        department = plan["department"]
        head = town.person(
            unique("head"), scopes=(f"department_head:department:{department['id']}",)
        )
        body = {"title": {"nl": "Evaluatie"}, "planned_for": soon(20).isoformat()}
        mine = await api.post(
            "/calendar/evaluations",
            headers=town.headers(head),
            json=body | {"department_id": department["id"]},
        )
        assert mine.status_code == 201
        tenant_wide = await api.post("/calendar/evaluations", headers=town.headers(head), json=body)
        assert tenant_wide.status_code == 403
        listed = await ok(await api.get("/calendar/evaluations", headers=town.headers(head)))
        assert {m["id"] for m in listed} >= {mine.json()["id"], plan["evaluation"]["id"]}
        resident = await api.get(
            "/calendar/evaluations", headers=town.headers(town.person(unique("r")))
        )
        assert resident.status_code == 403
