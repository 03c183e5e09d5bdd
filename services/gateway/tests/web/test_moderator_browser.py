"""The moderator's screens and the residents' new parts in a real browser (headless
Chromium, scripts on): zero axe-core violations (WCAG 2.2 AA), a moderator edits the project
page, adds a phase and gives an official response; the spatial plan's map runs its script
while the tiles fail, and the list and position fields stay. Screenshots go to
tests/artifacts/."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.web import phase, texts
from tests.web.test_browser import assert_accessible, chromium, signed_in_tab  # noqa: F401

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]

AREA = {
    "type": "Polygon",
    "coordinates": [[[4.30, 50.80], [4.40, 50.80], [4.40, 50.90], [4.30, 50.90], [4.30, 50.80]]],
}


@pytest.fixture(scope="module")
async def work(municipality) -> dict:
    """A draft to edit, a published spatial plan with an idea (with a comment on it) to
    respond to, and `moby` moderating both."""
    draft = await municipality.draft("bibliotheek")
    department = await municipality.department()
    plan = await municipality.ok(
        "POST", "projects", "/projects", "sam",
        json={"department_id": department["id"], "slug": "fietsroutes",
              "title": texts("Fietsroutes"), "summary": texts("Waar wringt het?"),
              "goal": texts("Veilige routes"), "input_use": texts("Het plan gebruikt ze"),
              "area_geometry": AREA},
    )  # fmt: skip
    base = f"/projects/{plan['id']}"
    await municipality.ok("POST", "projects", f"{base}/phases", "sam", json=phase("spatial_plan"))
    await municipality.ok("POST", "projects", f"{base}/publish", "sam")
    await municipality.moderator("moby", [draft["id"], plan["id"]])
    phase_id = (await municipality.ok("GET", "projects", base, "sam"))["phases"][0]["id"]
    idea = await municipality.ok(
        "POST", "contributions", f"{base}/phases/{phase_id}/inputs", "rita",
        json={"title": "Oversteek school", "body": "Een zebrapad graag",
              "location": {"type": "Point", "coordinates": [4.35, 50.85]}},
    )  # fmt: skip
    await municipality.ok(
        "POST", "contributions", f"{base}/inputs/{idea['input_id']}/comments", "rob",
        json={"body": "Ja, met een lichtsignaal"},
    )  # fmt: skip
    return {"draft": draft, "plan": plan, "input_id": idea["input_id"]}


@pytest.fixture
async def moderator(chromium, page_browser, municipality, work) -> AsyncIterator:  # noqa: F811
    context, tab = await signed_in_tab(chromium, page_browser, municipality, "moby")
    yield tab
    await context.close()


@pytest.fixture
async def resident(chromium, page_browser, municipality, work) -> AsyncIterator:  # noqa: F811
    context, tab = await signed_in_tab(chromium, page_browser, municipality, "rob")
    yield tab
    await context.close()


def local(days: int) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT10:00")


class TestModeratorFlow:
    async def test_the_moderator_edits_the_page_adds_a_phase_and_responds(self, moderator, work):
        site, draft, plan = moderator.site, work["draft"], work["plan"]
        await moderator.goto(f"{site}/staff/projects")
        await assert_accessible(moderator, "moderator-projects")

        await moderator.goto(f"{site}/staff/projects/{draft['id']}/edit")
        await assert_accessible(moderator, "moderator-editor")
        await moderator.fill("#field-goal-nl", "Een bibliotheek voor iedereen")
        async with moderator.expect_navigation():
            await moderator.click("button:has-text('Pagina opslaan')")
        assert await moderator.is_visible("text=De projectpagina is opgeslagen.")
        assert await moderator.input_value("#field-goal-nl") == "Een bibliotheek voor iedereen"

        await moderator.select_option("#field-kind", "ideation")
        for lang, name in (("nl", "Ideeën"), ("fr", "Idées"), ("en", "Ideas")):
            await moderator.fill(f"#field-name-{lang}", name)
        await moderator.fill("#field-starts_at", local(3))
        await moderator.fill("#field-ends_at", local(30))
        async with moderator.expect_navigation():
            await moderator.click("button:has-text('Fase toevoegen')")
        assert await moderator.is_visible("text=De fase is toegevoegd.")
        assert await moderator.is_visible("td:has-text('Ideeën')")
        await assert_accessible(moderator, "moderator-phase-added")
        await moderator.click(f"a[href^='/staff/projects/{draft['id']}/phases/']")
        await assert_accessible(moderator, "moderator-phase-editor")

        await moderator.goto(f"{site}/staff/projects/{plan['id']}/inputs")
        await assert_accessible(moderator, "moderator-inputs")
        await moderator.select_option(f"#status-{work['input_id']}", "under_consideration")
        await moderator.fill(f"#response-{work['input_id']}", "We bekijken dit met de school.")
        async with moderator.expect_navigation():
            await moderator.click("button:has-text('Status en antwoord opslaan')")
        assert await moderator.is_visible("text=De status en het antwoord zijn opgeslagen.")
        await assert_accessible(moderator, "moderator-responded")

        await moderator.goto(f"{site}/staff/projects/{plan['id']}/results")
        assert await moderator.is_visible("svg.inspraak-chart")
        await assert_accessible(moderator, "moderator-results")

    async def test_the_moderator_posts_an_update_and_undoes_a_hide(self, moderator, work):
        site, plan = moderator.site, work["plan"]
        # A page of one project: the list pages on, with links named for what they do.
        await moderator.goto(f"{site}/staff/projects?per_page=1")
        assert await moderator.is_visible("a[rel='next']")
        await assert_accessible(moderator, "moderator-projects-paged")
        await moderator.goto(f"{site}/staff/projects")
        async with moderator.expect_navigation():
            await moderator.click(f"a[href='/staff/projects/{plan['id']}/updates']")
        await assert_accessible(moderator, "moderator-updates")
        async with moderator.expect_navigation():
            await moderator.click("button:has-text('Update plaatsen')")
        # The errors are announced and each links to its field.
        assert await moderator.is_visible("#error-summary a[href='#field-title-nl']")
        await assert_accessible(moderator, "moderator-update-errors")
        await moderator.fill("#field-title-nl", "Eerste plannen klaar")
        await moderator.fill("#field-body-nl", "Bekijk de kaart.\n\nReageer voor juni.")
        async with moderator.expect_navigation():
            await moderator.click("button:has-text('Update plaatsen')")
        assert await moderator.is_visible("text=De update is geplaatst")
        assert await moderator.is_visible("h3:has-text('Eerste plannen klaar')")
        await assert_accessible(moderator, "moderator-update-posted")

        # The status and response form on the public input page.
        await moderator.goto(f"{site}/projects/fietsroutes/inputs/{work['input_id']}")
        assert await moderator.is_visible("#field-status")
        await assert_accessible(moderator, "moderator-input-response")

        queue = f"{site}/staff/projects/{plan['id']}/moderation"
        await moderator.goto(queue)
        await assert_accessible(moderator, "moderator-queue")
        item = moderator.locator("li:has-text('Ja, met een lichtsignaal')")
        await item.locator("input[name='reason']").fill("Per vergissing")
        async with moderator.expect_navigation():
            await item.locator("button:has-text('Verbergen')").click()
        async with moderator.expect_navigation():
            await moderator.click("nav a:has-text('Verborgen')")
        assert await moderator.is_visible("text=Ja, met een lichtsignaal")
        await assert_accessible(moderator, "moderator-queue-hidden")
        async with moderator.expect_navigation():
            await moderator.click("button:has-text('Weer tonen')")
        # Without a reason: the error is announced at the field, which has the focus.
        assert await moderator.is_visible("text=Geef een reden van minstens 3 tekens.")
        assert await moderator.evaluate("document.activeElement.name") == "reason"
        await assert_accessible(moderator, "moderator-queue-reason-missing")
        await moderator.fill("input[name='reason']", "Toch in orde")
        async with moderator.expect_navigation():
            await moderator.click("button:has-text('Weer tonen')")
        assert await moderator.is_visible("text=Het item wordt weer getoond.")
        assert not await moderator.is_visible("text=Ja, met een lichtsignaal")


class TestResidentPages:
    async def test_the_spatial_plan_works_with_the_map_script_while_tiles_fail(
        self, resident, work
    ):
        await resident.goto(f"{resident.site}/projects/fietsroutes")
        await resident.wait_for_selector("#inspraak-map .leaflet-marker-icon")
        # The list fallback and the position fields stay, whatever the tiles do.
        assert await resident.is_visible("a:has-text('Oversteek school')")
        assert await resident.is_visible("#field-lat")
        # Away from the zoom buttons (top left) and the marker (the area's middle).
        box = await resident.locator("#inspraak-map").bounding_box()
        await resident.click(
            "#inspraak-map", position={"x": box["width"] - 80, "y": box["height"] / 2}
        )
        assert await resident.input_value("#field-lat") != ""
        await assert_accessible(resident, "resident-spatial-plan")

    async def test_matrix_and_ranking_questions_are_answered_in_the_browser(
        self, resident, municipality
    ):
        survey = {"questions": [
            {"id": "veilig", "type": "matrix", "text": texts("How safe is it?"), "required": True,
             "options": [{"id": "ja", "text": texts("Safe")}, {"id": "nee", "text": texts("Unsafe")}],
             "rows": [{"id": "dag", "text": texts("By day")}, {"id": "nacht", "text": texts("At night")}]},
            {"id": "eerst", "type": "ranking", "text": texts("What first?"), "required": True,
             "options": [{"id": "licht", "text": texts("Lights")}, {"id": "pad", "text": texts("Path")}]},
        ]}  # fmt: skip
        await municipality.project("schoolroute", [phase("survey", survey=survey)])
        await resident.goto(f"{resident.site}/projects/schoolroute")
        await assert_accessible(resident, "resident-survey-matrix-ranking")
        await resident.check("#q-veilig-dag-ja")
        await resident.check("#q-veilig-nacht-nee")
        await resident.select_option("#q-eerst-place-1", "pad")
        await resident.select_option("#q-eerst-place-2", "licht")
        async with resident.expect_navigation():
            await resident.click("button[value='save']")
        assert await resident.is_checked("#q-veilig-nacht-nee")
        assert await resident.input_value("#q-eerst-place-1") == "pad"

    async def test_the_project_page_shows_the_updates(self, resident, municipality, work):
        await municipality.ok(
            "POST", "projects", f"/projects/{work['plan']['id']}/updates", "moby",
            json={"title": texts("Planning bijgesteld"),
                  "body": {"nl": "<p>Eerst de school.</p><p>Dan de rest.</p>"}},
        )  # fmt: skip
        await resident.goto(f"{resident.site}/projects/fietsroutes")
        assert await resident.is_visible("#updates + ul h3:has-text('Planning bijgesteld')")
        assert await resident.is_visible("p:has-text('Dan de rest.')")
        await resident.locator("#updates").scroll_into_view_if_needed()
        await assert_accessible(resident, "resident-project-updates")

    async def test_the_input_page_offers_reply_report_and_withdraw(self, resident, work):
        await resident.goto(f"{resident.site}/projects/fietsroutes/inputs/{work['input_id']}")
        await resident.click("summary:has-text('Antwoorden')")
        await resident.fill("textarea[id^='reply-']", "Graag ook een fietspad")
        async with resident.expect_navigation():
            await resident.click("button:has-text('Antwoord plaatsen')")
        assert await resident.is_visible("text=Graag ook een fietspad")
        async with resident.expect_navigation():
            await resident.click("article >> nth=0 >> button[value='up']")
        assert await resident.is_visible("button:has-text('Mijn reactie intrekken')")
        await resident.click("summary:has-text('Melden') >> nth=0")
        await assert_accessible(resident, "resident-input-conversation")
