"""The policy-maker update: figures of the period from the read models, a draft the
superadmin can complete and send, and once per period across restarts (time controlled)."""

import asyncio
from datetime import UTC, datetime

import pytest
from inspraak_notifications.activity.models import CommentFact, InputFact, TallySample
from inspraak_notifications.directory.models import TenantInfo
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.projects.models import ProjectView
from sqlmodel import func, select

from inspraak_shared.db import create_engine, create_session_factory
from tests.support import events as ev
from tests.support.keycloak import add_user
from tests.support.mail import header, inline_images, mails_to, wait_for_mail
from tests.support.service import (
    ShiftedClock,
    delete_consumers,
    durable_prefix,
    eventually,
    running_service,
)


def at(month: int, day: int, year: int = 2031, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


LAUNCH = at(1, 15)
P0_DAY, P1_DAY, AFTER = at(11, 1, 2030), at(2, 1), at(5, 1)


class Quarter:
    """Kwartdorp: two quarters of participation; Elders: another municipality."""

    def __init__(self, realm, run_id: str) -> None:
        self.realm, self.run_id = realm, run_id
        self.tenant = realm.name
        self.other = f"ntq-other-{run_id}"
        self.ids = {name: ev.new_id() for name in ("r1", "r2", "r3", "r4", "pmx")}
        self.projects = {name: ev.new_id() for name in ("park", "plein")}
        self.inputs = {name: ev.new_id() for name in ("i0", "i1", "i2", "i3", "i4")}

    def email(self, name: str) -> str:
        return f"{name}-{self.run_id}@example.org"

    def identity(self) -> list:
        t, ids = self.tenant, self.ids
        people = [
            ev.user_registered(t, ids[n], f"{n}{self.run_id}", self.email(n), lang, at=when)
            for n, lang, when in (
                ("qsa", "nl", P0_DAY), ("qpm1", "nl", P0_DAY), ("qpm2", "fr", P0_DAY),
                ("qres", "nl", P0_DAY), ("qcom", "en", P0_DAY),
                ("r1", "nl", P1_DAY), ("r2", "nl", P1_DAY), ("r3", "fr", P1_DAY), ("r4", "nl", AFTER),
            )
        ]  # fmt: skip
        roles = [
            ev.role_granted(t, ids["qsa"], f"qsa{self.run_id}", "superadmin"),
            ev.role_granted(t, ids["qpm1"], f"qpm1{self.run_id}", "policy_maker"),
            ev.role_granted(t, ids["qpm2"], f"qpm2{self.run_id}", "policy_maker"),
        ]
        elsewhere = [
            ev.tenant_applied(self.other, display_name="Elders", at=LAUNCH),
            ev.user_registered(self.other, ids["pmx"], "pmx", self.email("pmx"), "nl", at=P0_DAY),
            ev.role_granted(self.other, ids["pmx"], "pmx", "policy_maker"),
        ]
        return [
            *people,
            *roles,
            ev.tenant_applied(t, display_name="Kwartdorp", at=LAUNCH),
            *elsewhere,
        ]

    def projects_events(self) -> list:
        t, p = self.tenant, self.projects
        common = {"department_id": "d1", "moderators": []}
        survey = [{"phase_id": "s1", "kind": "survey", "title": {"nl": "Enquête"}, "starts_at": at(2, 1).isoformat(), "ends_at": at(12, 1).isoformat()}]  # fmt: skip
        return [
            ev.project(t, "published", p["park"], title="Park", version=2, published_at=at(12, 1, 2030), at=at(12, 1, 2030), **common),
            ev.project(t, "archived", p["park"], title="Park", version=3, status="archived", published_at=at(12, 1, 2030), at=at(3, 1), **common),
            ev.project(t, "published", p["plein"], title="Plein", version=2, published_at=at(2, 10), phases=survey, at=at(2, 10), **common),
        ]  # fmt: skip

    def contributions(self) -> list:
        t, ids, p, i = self.tenant, self.ids, self.projects, self.inputs

        def written(
            key: str,
            project: str,
            author: str,
            when: datetime,
            version: int = 1,
            verb: str = "created",
            **more,
        ):
            return ev.input_snapshot(
                t, verb, i[key], project_id=p[project], author_id=ids[author], author=author,
                title=f"Idee {key}", version=version, created_at=when, at=when, **more,
            )  # fmt: skip

        return [
            written("i0", "park", "qres", at(12, 10, 2030)),
            written("i1", "park", "r1", at(2, 5)),
            written("i2", "plein", "r2", at(2, 20)),
            written("i3", "plein", "r1", at(3, 10)),
            written("i4", "plein", "r4", AFTER),
            ev.comment_created(t, project_id=p["park"], input_id=i["i1"], author_id=ids["r3"], author="r3", at=at(2, 6)),
            ev.comment_created(t, project_id=p["plein"], input_id=i["i2"], author_id=ids["r1"], author="r1", at=at(3, 11)),
            ev.votes_changed(t, p["park"], i["i1"], 2, 1, at(1, 10)),
            ev.votes_changed(t, p["park"], i["i1"], 5, 2, at(2, 7)),
            ev.votes_changed(t, p["plein"], i["i2"], 3, 1, at(3, 1)),
            ev.survey_submitted(t, p["plein"], "s1", 4, at(2, 15)),
            ev.survey_submitted(t, p["plein"], "s1", 10, at(3, 15)),
            written("i1", "park", "r1", at(2, 5), version=2, verb="status_changed", status="accepted"),
            written("i2", "plein", "r2", at(2, 20), version=2, verb="updated", official_response="We bekijken het."),
        ]  # fmt: skip


@pytest.fixture(scope="module")
async def quarter(
    realms, keycloak_admin, migrated_database, settings_factory, js, publisher, run_id
):
    realm = realms["quarter"]
    q = Quarter(realm, run_id)
    for name, roles in (("qsa", ["superadmin"]), ("qpm1", ["policy_maker"]), ("qpm2", ["policy_maker"]), ("qres", ["user"]), ("qcom", ["communications"])):  # fmt: skip
        q.ids[name] = add_user(keycloak_admin, realm, f"{name}{run_id}", roles=roles)
        realm.token(f"{name}{run_id}")
    database_url = await migrated_database("ntfquarter")
    engine = create_engine(database_url, pool_size=2)
    state = {
        "settings": settings_factory(database_url),
        "clock": ShiftedClock(),
        "prefix": durable_prefix(),
        "sessions": create_session_factory(engine),
    }
    state["clock"].set(at(1, 10))
    yield q, state
    await delete_consumers(js, state["prefix"])
    await engine.dispose()


def _service(q: Quarter, state: dict):
    """The service (again): same database and durable consumers, as after a restart."""
    return running_service(
        state["settings"], clock=state["clock"], tenants=[q.tenant, q.other], prefix=state["prefix"]
    )


async def _count(sessions, model, tenant_column, tenant: str) -> int:
    async with sessions() as session:
        return (
            await session.exec(
                select(func.count()).select_from(model).where(tenant_column == tenant)
            )
        ).one()


def _as(q: Quarter, name: str) -> dict[str, str]:
    return q.realm.headers(f"{name}{q.run_id}")


def _updates_of(mails: list, subject_start: str) -> list:
    return [
        m for m in mails
        if header(m, "X-Inspraak-Notification") == T.POLICY_UPDATE and m["subject"].strip().startswith(subject_start)
    ]  # fmt: skip


class TestQuarterlyUpdate:
    async def test_updates_carry_the_periods_figures_and_go_out_once_to_the_tenants_policy_makers(
        self, quarter, publisher, mailbox
    ):
        q, state = quarter
        sessions, clock = state["sessions"], state["clock"]
        async with _service(q, state) as service:
            http = service.client
            await publisher.all(*q.identity())
            await eventually(lambda: _count(sessions, TenantInfo, TenantInfo.slug, q.tenant))
            await publisher.all(*q.projects_events())
            await eventually(lambda: _count(sessions, ProjectView, ProjectView.tenant, q.tenant))
            await publisher.all(*q.contributions())

            async def all_in() -> bool:
                counts = [
                    await _count(sessions, m, m.tenant, q.tenant)
                    for m in (InputFact, CommentFact, TallySample)
                ]
                return counts == [5, 2, 5]

            await eventually(all_in)

            # Before the launch there is nothing to prepare.
            assert (await http.get("/v1/policy-updates", headers=_as(q, "qsa"))).json() == []
            settings = await http.put(
                "/v1/policy-update-settings",
                json={"auto_send_after_days": 2},
                headers=_as(q, "qsa"),
            )
            assert settings.status_code == 200, settings.text
            assert settings.json()["launch_at"] == LAUNCH.isoformat().replace("+00:00", "Z")
            refused = await http.put(
                "/v1/policy-update-settings",
                json={"auto_send_after_days": 0},
                headers=_as(q, "qpm1"),
            )
            assert refused.status_code == 403

            # At the launch: a draft, seen by the superadmin only, completed and sent by them.
            clock.set(at(1, 16, hour=10))

            async def drafted() -> list:
                return (await http.get("/v1/policy-updates", headers=_as(q, "qsa"))).json()

            (launch,) = await eventually(drafted)
            assert launch["period_index"] == 0

            # Until an update is sent the launch can move: the draft of a period that no
            # longer applies is discarded and the new launch's due period is prepared.
            async def launch_at(moment: datetime) -> None:
                moved = await http.put(
                    "/v1/policy-update-settings",
                    json={"launch_at": moment.isoformat(), "auto_send_after_days": 2},
                    headers=_as(q, "qsa"),
                )
                assert moved.status_code == 200, moved.text

            async def only(index: int) -> dict | None:
                listed = await drafted()
                return listed[0] if [u["period_index"] for u in listed] == [index] else None

            await launch_at(at(10, 15, 2030))
            moved = await eventually(lambda: only(1))
            assert (moved["period_start"][:10], moved["period_end"][:10]) == (
                "2030-10-15",
                "2031-01-15",
            )
            await launch_at(LAUNCH)
            launch = await eventually(lambda: only(0))
            assert launch["period_end"].startswith("2031-01-15")
            assert launch["status"] == "draft"
            assert (await http.get("/v1/policy-updates", headers=_as(q, "qpm1"))).json() == []
            assert (
                await http.get(f"/v1/policy-updates/{launch['id']}", headers=_as(q, "qpm1"))
            ).status_code == 404
            edited = await http.patch(
                f"/v1/policy-updates/{launch['id']}",
                json={"introduction": "Beste collega's, het platform is live."},
                headers=_as(q, "qsa"),
            )
            assert edited.status_code == 200, edited.text
            sent = await http.post(f"/v1/policy-updates/{launch['id']}/send", headers=_as(q, "qsa"))
            assert sent.status_code == 200, sent.text
            assert sent.json()["recipients"] == 2
            again = await http.post(
                f"/v1/policy-updates/{launch['id']}/send", headers=_as(q, "qsa")
            )
            assert again.status_code == 409
            late_edit = await http.patch(
                f"/v1/policy-updates/{launch['id']}",
                json={"introduction": "x"},
                headers=_as(q, "qsa"),
            )
            assert late_edit.status_code == 409
            fixed = await http.put(
                "/v1/policy-update-settings",
                json={"launch_at": at(1, 1).isoformat(), "auto_send_after_days": 2},
                headers=_as(q, "qsa"),
            )
            assert fixed.status_code == 409
            assert fixed.json()["type"].endswith("launch-fixed")

            first = await wait_for_mail(
                mailbox,
                q.email("qpm1"),
                lambda m: bool(_updates_of([m], "Overzicht bij de lancering")),
            )
            assert f"qsa{q.run_id}" in first["from"]
            assert "Beste collega's, het platform is live." in first["text"]
            assert inline_images(first)["participation-chart"].startswith(b"\x89PNG")
            assert 'src="cid:participation-chart"' in first["html"]
            await wait_for_mail(
                mailbox, q.email("qpm2"), lambda m: bool(_updates_of([m], "Aperçu au lancement"))
            )

            # A quarter later: the draft of period 1, with the figures of that period.
            clock.set(at(4, 15, hour=10))

            async def second_draft() -> dict | None:
                listed = (await http.get("/v1/policy-updates", headers=_as(q, "qsa"))).json()
                return next((u for u in listed if u["period_index"] == 1), None)

            draft = await eventually(second_draft)
            assert draft["auto_send_at"].startswith("2031-04-17T09:00")
            figures = (
                await http.get(f"/v1/policy-updates/{draft['id']}", headers=_as(q, "qsa"))
            ).json()["figures"]
            assert figures["totals"] == {"participants": 3, "registrations": 3, "inputs": 3, "comments": 2, "reactions": 0, "votes": 6, "survey_answers": 10, "scenario_rankings": 0}  # fmt: skip
            assert figures["previous_totals"] == {"participants": 1, "registrations": 5, "inputs": 1, "comments": 0, "reactions": 0, "votes": 2, "survey_answers": 0, "scenario_rankings": 0}  # fmt: skip
            assert [c["metric"] for c in figures["changes"]] == [
                "survey_answers",
                "votes",
                "participants",
            ]
            by_project = {p["project_id"]: p for p in figures["projects"]}
            assert by_project[q.projects["park"]] | {"title": None} == {"project_id": q.projects["park"], "title": None, "participants": 2, "inputs": 1, "comments": 1, "reactions": 0, "votes": 3, "survey_answers": 0, "scenario_rankings": 0}  # fmt: skip
            assert by_project[q.projects["plein"]]["survey_answers"] == 10
            assert by_project[q.projects["plein"]]["participants"] == 2
            assert [p["project_id"] for p in figures["started"]] == [q.projects["plein"]]
            assert [p["project_id"] for p in figures["ended"]] == [q.projects["park"]]
            outcomes = {o["project_id"]: o for o in figures["outcomes"]}
            assert outcomes[q.projects["park"]]["accepted"] == 1
            assert outcomes[q.projects["plein"]]["responses"] == 1
            assert sum(w["participants"] for w in figures["weeks"] if w["current"]) >= 3

        # Restarted after the waiting time: it goes out by itself, once.
        clock.set(at(4, 18))
        async with _service(q, state) as service:
            mail = await wait_for_mail(
                mailbox,
                q.email("qpm1"),
                lambda m: bool(_updates_of([m], "Tussentijdse evaluatie nr. 1")),
            )
            assert "- Deelnemers: 3 | 1 | +2" in mail["text"]
            assert "- Antwoorden op enquêtes: 10 | 0 | +10" in mail["text"]
            assert "Plein (nl)" in mail["text"]
        clock.set(at(4, 20))
        async with _service(q, state) as service:
            await asyncio.sleep(2)  # several scheduler and delivery rounds
            listed = (await service.client.get("/v1/policy-updates", headers=_as(q, "qpm1"))).json()
            assert [(u["period_index"], u["status"], u["recipients"]) for u in listed] == [
                (1, "sent", 2),
                (0, "sent", 2),
            ]
            chart = await service.client.get(
                f"/v1/policy-updates/{listed[0]['id']}/chart.png", headers=_as(q, "qcom")
            )
            assert chart.headers["content-type"] == "image/png"
            preview = await service.client.get(
                f"/v1/policy-updates/{listed[0]['id']}/preview?language=en", headers=_as(q, "qcom")
            )
            assert "Interim evaluation no. 1" in preview.text
            resident = await service.client.get("/v1/policy-updates", headers=_as(q, "qres"))
            assert resident.status_code == 403

        pm1 = await mails_to(mailbox, q.email("qpm1"))
        assert len(_updates_of(pm1, "Tussentijdse evaluatie nr. 1")) == 1
        assert len(_updates_of(pm1, "Overzicht bij de lancering")) == 1
        assert all("Elders" not in (m["subject"] or "") for m in pm1)
        for name in ("qres", "qsa", "r1"):
            assert _updates_of(await mails_to(mailbox, q.email(name)), "") == []
        elsewhere = await mails_to(mailbox, q.email("pmx"))
        assert [m["subject"].strip() for m in _updates_of(elsewhere, "")] == [
            "Overzicht bij de lancering: Elders"
        ]
