"""Residents on the pages, without JavaScript: the home page lists the active projects, a
project page tells its goal, what happens with the input and its timeline, and a signed-in
resident posts an idea, comments on it and reacts, each through a plain form."""

import re

import pytest

from tests.support.web import phase

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
async def square(municipality) -> dict:
    return await municipality.project("groen-plein", [phase("ideation")])


def form_errors(html: str) -> list[str]:
    return re.findall(r'<a class="utrecht-link" href="#field-([a-z_]+)"', html)


class TestReading:
    async def test_home_lists_the_active_projects_in_the_municipality_language(
        self, page_browser, square
    ):
        page = await page_browser.get("/")
        assert page.status_code == 200
        assert '<html lang="nl"' in page.text
        assert "Project groen-plein (nl)" in page.text
        assert 'href="/projects/groen-plein"' in page.text
        assert f"Gemeente {page_browser.town.slug}" in page.text

    async def test_the_project_page_says_why_and_what_happens_with_the_input(
        self, page_browser, square
    ):
        page = await page_browser.get("/projects/groen-plein", headers={"Accept-Language": "en"})
        assert page.status_code == 200
        assert '<html lang="en"' in page.text
        for text in ("A greener square", "The council decides in June", "Timeline"):
            assert text in page.text
        assert 'aria-current="step"' in page.text
        # Anonymous: reading works, posting leads to sign-in.
        assert "Sign in to share your idea" in page.text

    async def test_an_unknown_project_is_a_page_not_found(self, page_browser, square):
        page = await page_browser.get("/projects/bestaat-niet")
        assert page.status_code == 404
        assert "Pagina niet gevonden" in page.text


class TestPosting:
    async def test_a_resident_posts_an_idea_then_comments_and_reacts(self, page_browser, square):
        await page_browser.sign_in("rita")
        page = await page_browser.get("/projects/groen-plein")
        assert 'name="csrf_token"' in page.text
        action = re.search(r'action="(/projects/groen-plein/phases/[^"]+/ideas)"', page.text)
        assert action is not None
        posted = await page_browser.submit(
            action.group(1), {"title": "Meer bomen", "body": "Plant linden langs de rand."}
        )
        assert posted.status_code == 303
        assert posted.headers["location"] == "/projects/groen-plein?done=idea"
        page = await page_browser.get(posted.headers["location"])
        assert "Bedankt: je idee is geplaatst." in page.text
        assert "Meer bomen" in page.text
        detail = re.search(r'href="(/projects/groen-plein/inputs/[^"]+)"', page.text).group(1)

        item = await page_browser.get(detail)
        assert "Door rita" in item.text
        commented = await page_browser.submit(f"{detail}/comments", {"body": "Goed plan!"})
        assert commented.status_code == 303
        reacted = await page_browser.submit(f"{detail}/reaction", {"value": "up"})
        assert reacted.status_code == 303
        item = await page_browser.get(detail)
        assert "Goed plan!" in item.text
        assert "Eens (1)" in item.text

    async def test_an_empty_idea_is_refused_with_errors_linked_to_the_fields(
        self, page_browser, square
    ):
        await page_browser.sign_in("rob")
        page = await page_browser.get("/projects/groen-plein")
        action = re.search(r'action="(/projects/groen-plein/phases/[^"]+/ideas)"', page.text)
        refused = await page_browser.submit(action.group(1), {"title": " ", "body": ""})
        assert refused.status_code == 422
        assert form_errors(refused.text) == ["title", "body"]
        assert 'role="alert"' in refused.text
        assert 'aria-invalid="true"' in refused.text
        assert "Geef je idee een titel." in refused.text

    async def test_a_form_without_its_token_is_refused(self, page_browser, square):
        await page_browser.sign_in("rob")
        page = await page_browser.get("/projects/groen-plein")
        action = re.search(r'action="(/projects/groen-plein/phases/[^"]+/ideas)"', page.text)
        refused = await page_browser.post(action.group(1), {"title": "x", "body": "y"})
        assert refused.status_code == 403
        assert "Meer bomen" not in refused.text
