"""The current phase's participation on the project page, with plain forms: a budget basket
composed and submitted, a survey answered and submitted, a project followed."""

import csv
import io
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

GRID = phase(
    "survey",
    survey={
        "questions": [
            {"id": "veilig", "type": "matrix", "text": texts("How safe is it?"), "required": True,
             "options": [{"id": "ja", "text": texts("Safe")}, {"id": "nee", "text": texts("Unsafe")}],
             "rows": [{"id": "dag", "text": texts("By day")},
                      {"id": "nacht", "text": texts("At night")}]},
            {"id": "eerst", "type": "ranking", "text": texts("What first?"), "required": True,
             "options": [{"id": "licht", "text": texts("Lights")},
                         {"id": "pad", "text": texts("Path")}]},
            {"id": "extra", "type": "multiple_choice", "text": texts("Anything else?"),
             "options": [{"id": "bank", "text": texts("Benches")},
                         {"id": "boom", "text": texts("Trees")}]},
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
async def projects(municipality) -> dict[str, dict]:
    return {
        slug: await municipality.project(slug, [first_phase])
        for slug, first_phase in (("begroting", BUDGET), ("enquete", SURVEY),
                                  ("scenarios", SCENARIOS), ("veiligheid", GRID))
    }  # fmt: skip


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

    async def test_matrix_and_ranking_questions_are_answered_without_scripts(
        self, page_browser, projects
    ):
        await page_browser.sign_in("rita")
        page = await page_browser.get("/projects/veiligheid")
        # A row per matrix line, each a group of choices named by its row.
        assert 'name="q-veilig-dag" value="nee"' in page.text
        assert '<legend class="utrecht-form-fieldset__legend">At night (nl)</legend>' in page.text
        assert 'id="q-eerst-place-2" name="q-eerst"' in page.text
        action = form_action(page.text, "survey")
        # Saved for later with an optional question left open: nothing empty is sent.
        saved = await page_browser.submit(
            action, {"q-veilig-dag": "ja", "q-veilig-nacht": "nee", "q-eerst": ["pad", "licht"],
                     "action": "save"},
        )  # fmt: skip
        assert saved.status_code == 303, saved.text
        page = await page_browser.get(saved.headers["location"])
        assert 'name="q-veilig-nacht" value="nee" checked' in page.text
        assert re.search(r'id="q-eerst-place-1" name="q-eerst">.*?value="pad" selected', page.text,
                         re.S)  # fmt: skip
        done = await page_browser.submit(
            action, {"q-veilig-dag": "ja", "q-veilig-nacht": "nee", "q-eerst": ["pad", "licht"],
                     "action": "submit"},
        )  # fmt: skip
        assert done.status_code == 303, done.text
        response = await page_browser.town.ok(
            "GET", "contributions", f"/projects/{await _project_id(page_browser, 'veiligheid')}"
            f"/phases/{await _phase_id(page_browser, 'veiligheid')}/survey-response", "rita",
        )  # fmt: skip
        assert response["answers"]["veilig"] == {"dag": "ja", "nacht": "nee"}
        assert response["answers"]["eerst"] == ["pad", "licht"]
        assert "extra" not in response["answers"]

    async def test_a_refused_survey_shows_the_form_again_with_the_error_at_the_question(
        self, page_browser, projects
    ):
        await page_browser.sign_in("rob")
        page = await page_browser.get("/projects/enquete")
        # The required question left open: contributions refuses the submission.
        refused = await page_browser.submit(
            form_action(page.text, "survey"), {"q-wens": "Meer <schaduw>", "action": "submit"}
        )
        assert refused.status_code == 422, refused.text
        html = refused.text
        summary = html[
            html.index('id="error-summary"') : html.index("<form", html.index('id="error-summary"'))
        ]
        assert 'href="#q-vaak-dag"' in summary
        assert "Beantwoord deze vraag." in summary
        # The error is at the question, tied to each of its choices, and what was typed stays.
        assert (
            '<div class="utrecht-form-field-error-message" id="q-vaak-error">Beantwoord deze vraag.</div>'
            in html
        )
        assert re.search(
            r'id="q-vaak-dag"[^>]*aria-invalid="true" aria-describedby="q-vaak-error"', html
        )
        assert ">Meer &lt;schaduw&gt;</textarea>" in html
        assert 'id="q-wens" name="q-wens" rows="4">' in html  # the answered question is fine
        response = await page_browser.town.call(
            "GET", "contributions", f"/projects/{await _project_id(page_browser, 'enquete')}"
            f"/phases/{await _phase_id(page_browser, 'enquete')}/survey-response", "rob",
        )  # fmt: skip
        assert response.status_code == 404 or not response.json().get("submitted_at")

    async def test_an_invalid_answer_is_shown_at_its_question(self, page_browser, projects):
        await page_browser.sign_in("rob")
        page = await page_browser.get("/projects/veiligheid")
        # One place of two: the ranking is refused, the matrix answer stays checked.
        refused = await page_browser.submit(
            form_action(page.text, "survey"),
            {"q-veilig-dag": "ja", "q-veilig-nacht": "nee", "q-eerst": ["pad"], "action": "save"},
        )
        assert refused.status_code == 422, refused.text
        assert 'href="#q-eerst-place-1"' in refused.text
        assert 'id="q-eerst-error">Zet elke optie op een eigen plaats.</div>' in refused.text
        assert 'id="q-eerst-place-1" name="q-eerst" aria-invalid="true"' in refused.text
        assert 'name="q-veilig-dag" value="ja" checked' in refused.text
        assert 'name="q-veilig-nacht" value="nee" checked' in refused.text
        assert "q-veilig-error" not in refused.text


async def _project_id(page_browser, slug: str) -> str:
    return (await page_browser.town.ok("GET", "projects", f"/projects/by-slug/{slug}", "sam"))["id"]


async def _phase_id(page_browser, slug: str) -> str:
    project = await page_browser.town.ok("GET", "projects", f"/projects/by-slug/{slug}", "sam")
    return project["phases"][0]["id"]


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

    async def test_the_rankings_export_lists_places_without_names(self, page_browser, projects):
        await page_browser.sign_in("rob")
        page = await page_browser.get("/projects/scenarios")
        ranked = await page_browser.submit(
            form_action(page.text, "ranking"), {"place-groen": "1", "place-markt": "2"}
        )
        assert ranked.status_code == 303
        await page_browser.sign_in("sam")
        project_id = projects["scenarios"]["id"]
        results = await page_browser.get(f"/staff/projects/{project_id}/results")
        link = f"/staff/projects/{project_id}/exports/scenario_rankings?format=csv"
        assert f'href="{link}"' in results.text

        export = await page_browser.get(link)

        assert export.status_code == 200, export.text
        assert export.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(export.text.lstrip("\ufeff"))))
        assert {(row["rank"], row["scenario_id"]) for row in rows} >= {
            ("1", "groen"),
            ("2", "markt"),
        }
        assert "rob" not in export.text
        assert "rita" not in export.text


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
