"""A spatial plan without JavaScript (and so without tiles): the inputs stay listed with
their place, an idea takes its position from two fields, and a place outside the project's
area is refused at the field with the service's reason."""

import re

import pytest

from tests.support.web import eventually, phase, texts

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]

AREA = {
    "type": "Polygon",
    "coordinates": [[[3.70, 51.04], [3.74, 51.04], [3.74, 51.07], [3.70, 51.07], [3.70, 51.04]]],
}


@pytest.fixture(scope="module")
async def plan(municipality) -> dict:
    """A published spatial plan with its area (publication needs one)."""
    departments = await municipality.ok("GET", "projects", "/departments", "sam")
    found = next((d for d in departments if d["slug"] == "wijken"), None) or await municipality.ok(
        "POST", "projects", "/departments", "sam",
        json={"slug": "wijken", "name": texts("Wijken")},
    )  # fmt: skip
    project = await municipality.ok(
        "POST", "projects", "/projects", "sam",
        json={"department_id": found["id"], "slug": "kaartplan", "title": texts("Kaartplan"),
              "summary": texts("Waar moet het beter?"), "goal": texts("Veiliger fietsen"),
              "input_use": texts("De dienst mobiliteit neemt het mee"), "area_geometry": AREA},
    )  # fmt: skip
    base = f"/projects/{project['id']}"
    await municipality.ok("POST", "projects", f"{base}/phases", "sam", json=phase("spatial_plan"))
    await municipality.ok("POST", "projects", f"{base}/publish", "sam")
    await eventually(
        lambda: municipality.call("GET", "contributions", f"{base}/phases", "sam"),
        lambda r: r.status_code == 200 and len(r.json()) == 1,
    )
    return dict(project)


class TestSpatialPlan:
    async def test_an_idea_gets_its_place_from_the_fields_and_is_listed_with_it(
        self, page_browser, plan
    ):
        await page_browser.sign_in("rita")
        page = await page_browser.get("/projects/kaartplan")
        # The map waits for its script; the fields and the list work without it.
        assert 'id="inspraak-map"' in page.text
        assert 'src="/static/js/map.js"' in page.text
        assert 'id="field-lat"' in page.text
        assert 'id="field-lon"' in page.text
        action = re.search(r'action="(/projects/kaartplan/phases/[^"]+/ideas)"', page.text).group(1)
        posted = await page_browser.submit(
            action, {"title": "Gevaarlijk kruispunt", "body": "Te weinig zicht",
                     "lat": "51.055", "lon": "3.72"},
        )  # fmt: skip
        assert posted.status_code == 303
        page = await page_browser.get("/projects/kaartplan")
        assert 'data-lat="51.055" data-lon="3.72"' in page.text
        assert "Plaats: breedtegraad 51.055, lengtegraad 3.72" in page.text

    async def test_a_place_outside_the_area_is_refused_at_the_field(self, page_browser, plan):
        await page_browser.sign_in("rob")
        page = await page_browser.get("/projects/kaartplan")
        action = re.search(r'action="(/projects/kaartplan/phases/[^"]+/ideas)"', page.text).group(1)
        outside = await page_browser.submit(
            action, {"title": "Elders", "body": "Ver weg", "lat": "50.0", "lon": "4.5"}
        )
        assert outside.status_code == 422
        error = re.search(r'id="field-lat-error">([^<]+)<', outside.text).group(1)
        assert error == "De locatie ligt buiten het gebied van dit project."
        assert 'href="#field-lat"' in outside.text
        nonsense = await page_browser.submit(
            action, {"title": "Elders", "body": "Ver weg", "lat": "noord", "lon": "4.5"}
        )
        assert nonsense.status_code == 422
        assert 'id="field-lat-error"' in nonsense.text
