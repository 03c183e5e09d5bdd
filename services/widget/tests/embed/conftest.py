"""A published world for the widget views: the town's projects in every state and visibility,
inputs shown and hidden, and one project of another tenant."""

from dataclasses import dataclass

import pytest

from tests.support.events import input_snapshot, phase, project_snapshot, texts, unique


@dataclass
class World:
    open: dict  # published, public, ideation phase running
    closing: dict  # published, public, survey phase ending soonest
    hidden: dict
    restricted: dict
    draft: dict
    archived: dict
    foreign: dict  # published public project of the other tenant
    shown_input: dict
    hidden_input: dict
    deleted_input: dict
    department_id: str


@pytest.fixture(scope="session")
async def world(api, nats_client, town, city) -> World:
    from tests.support.events import eventually, publish

    department_id = unique("dept")
    open_ = project_snapshot(
        title=texts("Het nieuwe park"),
        department_id=department_id,
        areas=["area-north"],
        topics=["topic-green"],
        phases=[phase("information", start=-20, end=-10), phase("ideation", start=-1, end=30)],
    )
    closing = project_snapshot(
        title=texts("Autoluwe schoolstraat"), phases=[phase("survey", start=-2, end=3)]
    )
    hidden = project_snapshot(title=texts("Verborgen plan"), visibility="hidden")
    restricted = project_snapshot(title=texts("Besloten overleg"), visibility="restricted")
    draft = project_snapshot(title=texts("Kladversie"), status="draft", published_at=None)
    archived = project_snapshot(title=texts("Oud marktplein"), status="archived")
    foreign = project_snapshot(title=texts("Stadsproject elders"))
    for project in (hidden, restricted, draft, archived, closing, open_):
        await publish(nats_client, "projects", "project", "published", town.slug, project)
    await publish(nats_client, "projects", "project", "published", city.slug, foreign)
    hidden_input = input_snapshot(open_["project_id"], title="Hidden by a moderator", hidden=True)
    deleted_input = input_snapshot(open_["project_id"], title="Deleted by its author", deleted=True)
    shown_input = input_snapshot(open_["project_id"], title="Meer bomen op het plein")
    for item in (hidden_input, deleted_input, shown_input):
        await publish(nats_client, "contributions", "input", "created", town.slug, item)
    headers = town.headers()
    await eventually(
        lambda: api.get("/v1/widget/fragment/projects", headers=headers),
        lambda r: "Het nieuwe park" in r.text,
    )
    await eventually(
        lambda: api.get(
            "/v1/widget/fragment/inputs", headers=headers, params={"project": open_["slug"]}
        ),
        lambda r: "Meer bomen" in r.text,
    )
    await eventually(
        lambda: api.get("/v1/widget/fragment/projects", headers=city.headers()),
        lambda r: "Stadsproject elders" in r.text,
    )
    return World(
        open=open_,
        closing=closing,
        hidden=hidden,
        restricted=restricted,
        draft=draft,
        archived=archived,
        foreign=foreign,
        shown_input=shown_input,
        hidden_input=hidden_input,
        deleted_input=deleted_input,
        department_id=department_id,
    )
