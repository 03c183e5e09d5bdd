"""The quarter's figures and drafts, on a database of its own so no scheduler of another
module prepares anything behind the test's back: moving the launch drafts the due update at
once, a draft shows the figures it would go out with (the sent copy is computed again), and
every kind of participation the contributions events report is counted."""

import secrets
from datetime import UTC, datetime, timedelta

import pytest
from inspraak_notifications.activity.models import InputFact, TallySample
from inspraak_notifications.directory.models import TenantInfo
from inspraak_notifications.handlers import route
from inspraak_notifications.policy_updates import service
from inspraak_notifications.policy_updates.figures import compute
from inspraak_notifications.policy_updates.periods import add_months, period
from inspraak_notifications.policy_updates.schemas import PolicyUpdateSettingsWrite

from inspraak_shared.auth import Principal, TenantRole
from inspraak_shared.db import create_engine, create_session_factory
from tests.support import events as ev

NOW = datetime.now(UTC).replace(microsecond=0)
# The quarter that ended a few days ago (on a day every month has).
END = (NOW - timedelta(days=3)).replace(day=min((NOW - timedelta(days=3)).day, 28))
LAUNCH = add_months(END, -3)


@pytest.fixture(scope="module")
async def sessions(migrated_database):
    engine = create_engine(await migrated_database("ntfmove"), pool_size=2)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def tenant(sessions) -> str:
    """A municipality first seen long ago, with one input in the quarter that just ended."""
    slug = f"ntm-{secrets.token_hex(4)}"
    async with sessions() as session:
        session.add(
            TenantInfo(
                slug=slug, display_name="Verschoven", first_seen_at=NOW - timedelta(days=400)
            )
        )
        session.add(_input(slug, "p1", LAUNCH + timedelta(days=10)))
        await session.commit()
    return slug


def _input(tenant: str, project_id: str, created_at: datetime) -> InputFact:
    return InputFact(
        tenant=tenant,
        input_id=secrets.token_hex(8),
        project_id=project_id,
        author_user_id=secrets.token_hex(4),
        created_at=created_at,
    )


def _superadmin(tenant: str) -> Principal:
    return Principal(
        tenant=tenant, user_id="sa", username="sa", roles=frozenset({TenantRole.SUPERADMIN})
    )


async def _move_launch(sessions, tenant: str, launch: datetime) -> None:
    async with sessions() as session:
        body = PolicyUpdateSettingsWrite(launch_at=launch, auto_send_after_days=None)
        await service.write_settings(session, tenant, body, NOW)
        await session.commit()


class TestMovingTheLaunch:
    async def test_the_due_quarter_is_drafted_as_the_launch_moves(self, sessions, tenant):
        await _move_launch(sessions, tenant, LAUNCH)
        async with sessions() as session:
            listed = await service.listing(session, _superadmin(tenant))
        # No scheduler round in between: the superadmin sees the quarter's draft at once.
        assert [(u.period_index, u.status) for u in listed] == [(1, "draft")]
        assert listed[0].period_end == END

    async def test_a_draft_shows_the_figures_it_would_go_out_with(self, sessions, tenant):
        await _move_launch(sessions, tenant, LAUNCH)
        async with sessions() as session:
            info = await session.get(TenantInfo, tenant)
            assert info is not None
            await service.prepare_due(session, info, NOW)  # as a scheduler round would
            (draft,) = await service.listing(session, _superadmin(tenant))
            # Events that arrive after the draft was prepared: a late input and votes.
            session.add(_input(tenant, "p1", END - timedelta(days=1)))
            session.add(
                TallySample(
                    tenant=tenant,
                    kind="votes",
                    key="i1",
                    project_id="p1",
                    at=END - timedelta(hours=1),
                    value=3,
                )
            )
            await session.commit()
        async with sessions() as session:
            read = await service.detail(session, _superadmin(tenant), draft.id)
        assert (read.figures["totals"]["inputs"], read.figures["totals"]["votes"]) == (2, 3)
        assert [(p["project_id"], p["inputs"]) for p in read.figures["projects"]] == [("p1", 2)]


class TestWhatTheFiguresCount:
    async def test_reactions_and_scenario_rankings_count_like_votes_and_survey_answers(
        self, sessions, tenant
    ):
        t, when = tenant, END - timedelta(days=5)
        idea, comment = ev.new_id(), ev.new_id()

        def reacted(item_type: str, item_id: str, up: int, down: int):
            data = {"item_type": item_type, "item_id": item_id, "project_id": "p1",
                    "counts": {"up": up, "down": down}}  # fmt: skip
            return ev.event(t, "contributions", "reaction", "set", item_id, data, when)

        def ranked(rankings: int):
            data = {"project_id": "p1", "phase_id": "scen", "rankings": rankings}
            return ev.event(t, "contributions", "scenario", "ranked", "scen", data, when)

        async with sessions() as session:
            # As contributions sends them: running totals, never who reacted or ranked.
            for event in (
                reacted("input", idea, 1, 0),
                reacted("input", idea, 1, 1),
                reacted("comment", comment, 1, 0),
                ranked(1),
                ranked(2),
                ev.votes_changed(t, "p1", idea, 2, 1, when),
                ev.survey_submitted(t, "p1", "enq", 3, when),
            ):
                await route(session, event.model_copy(update={"time": when}))
                when += timedelta(minutes=1)
            await session.commit()
        async with sessions() as session:
            figures = await compute(session, t, period(LAUNCH, 1))
        counted = ("reactions", "votes", "survey_answers", "scenario_rankings")
        assert {m: figures["totals"][m] for m in counted} == {
            "reactions": 3,
            "votes": 2,
            "survey_answers": 3,
            "scenario_rankings": 2,
        }
        (project,) = figures["projects"]
        assert (project["reactions"], project["scenario_rankings"]) == (3, 2)
        # Anonymous totals are not people: the participant is the input's author alone.
        assert figures["totals"]["participants"] == 1
