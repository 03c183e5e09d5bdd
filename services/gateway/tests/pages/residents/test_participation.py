"""The current phase's participation on the project page, with plain forms: a budget basket
composed and submitted, a survey answered and submitted, a project followed."""

import re

import pytest

from tests.support.web import phase, texts

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]

BUDGET = phase(
    "voting",
    voting={
        "method": "budget",
        "budget": 100000,
        "currency": "EUR",
        "items": [
            {"id": "speeltuin", "title": texts("Speeltuin"), "description": texts("Toestellen"),
             "cost": 60000},
            {"id": "bankjes", "title": texts("Bankjes"), "description": texts("Tien bankjes"),
             "cost": 30000},
        ],
    },
)  # fmt: skip
SURVEY = phase(
    "survey",
    survey={
        "questions": [
            {"id": "vaak", "type": "single_choice", "text": texts("How often do you come?"),
             "required": True, "options": [{"id": "dag", "text": texts("Daily")},
                                           {"id": "week", "text": texts("Weekly")}]},
            {"id": "wens", "type": "text", "text": texts("What do you miss?"), "required": False},
        ]
    },
)  # fmt: skip


SCENARIOS = phase(
    "scenario_planning",
    scenarios=[
        {"id": "groen", "title": texts("Green"), "description": texts("Trees everywhere")},
        {"id": "markt", "title": texts("Market"), "description": texts("Room for a market")},
    ],
)


@pytest.fixture(scope="module")
async def projects(municipality) -> None:
    await municipality.project("begroting", [BUDGET])
    await municipality.project("enquete", [SURVEY])
    await municipality.project("scenarios", [SCENARIOS])


def form_action(html: str, ending: str) -> str:
    found = re.search(rf'action="(/projects/[^"]+/{ending})"', html)
    assert found is not None, f"no form ending in {ending}"
    return found.group(1)


class TestBudget:
    async def test_a_resident_composes_and_submits_a_basket(self, page_browser, projects):
        anonymous = await page_browser.get("/projects/begroting")
        assert "Speeltuin (nl)" in anonymous.text
        assert "Log in om te stemmen" in anonymous.text
        await page_browser.sign_in("rita")
        page = await page_browser.get("/projects/begroting")
        submitted = await page_browser.post(
            form_action(page.text, "basket"),
            {"csrf_token": await page_browser.csrf(), "item": ["speeltuin", "bankjes"],
             "action": "submit"},
        )  # fmt: skip
        assert submitted.status_code == 303
        page = await page_browser.get(submitted.headers["location"])
        assert "Bedankt: je begroting is ingediend." in page.text
        assert "ingediend" in page.text
        assert re.search(r'value="speeltuin" checked', page.text)

    async def test_a_basket_over_budget_is_refused_and_nothing_is_saved(
        self, page_browser, municipality, projects
    ):
        await page_browser.sign_in("rob")
        page = await page_browser.get("/projects/begroting")
        # Two playgrounds do not fit: the service refuses, the page says so.
        refused = await page_browser.post(
            form_action(page.text, "basket"),
            {"csrf_token": await page_browser.csrf(), "item": ["speeltuin", "speeltuin", "bankjes",
             "onbekend"], "action": "submit"},
        )  # fmt: skip
        assert refused.status_code in (409, 422)
        assert "Dit is niet gelukt" in refused.text


class TestSurvey:
    async def test_a_resident_answers_and_submits_once(self, page_browser, projects):
        await page_browser.sign_in("rita")
        page = await page_browser.get("/projects/enquete")
        assert 'for="q-vaak-week"' in page.text
        done = await page_browser.submit(
            form_action(page.text, "survey"),
            {"q-vaak": "week", "q-wens": "Schaduw", "action": "submit"},
        )
        assert done.status_code == 303
        page = await page_browser.get(done.headers["location"])
        assert "Bedankt: je antwoorden zijn ingediend." in page.text
        assert "Je hebt je antwoorden ingediend op" in page.text


class TestScenarios:
    async def test_a_resident_ranks_the_scenarios_each_in_its_own_place(
        self, page_browser, projects
    ):
        await page_browser.sign_in("rita")
        page = await page_browser.get("/projects/scenarios")
        action = form_action(page.text, "ranking")
        twice = await page_browser.submit(action, {"place-groen": "1", "place-markt": "1"})
        assert twice.status_code == 422
        assert "Geef elk scenario een eigen plaats, van 1 tot 2." in twice.text
        ranked = await page_browser.submit(action, {"place-groen": "2", "place-markt": "1"})
        assert ranked.status_code == 303
        page = await page_browser.get(ranked.headers["location"])
        assert "Je rangschikking is bewaard." in page.text
        assert re.search(r'name="place-markt">\s*<option value="1" selected', page.text)


class TestFollowing:
    async def test_a_resident_follows_and_unfollows(self, page_browser, projects):
        await page_browser.sign_in("rita")
        followed = await page_browser.submit("/projects/enquete/follow", {"follow": "1"})
        assert followed.status_code == 303
        page = await page_browser.get(followed.headers["location"])
        assert "Je volgt dit project nu." in page.text
        assert "Niet meer volgen" in page.text
        unfollowed = await page_browser.submit("/projects/enquete/follow", {"follow": "0"})
        page = await page_browser.get(unfollowed.headers["location"])
        assert "Dit project volgen" in page.text
