"""The pages in a real browser (headless Chromium): zero axe-core violations (WCAG 2.2 AA)
on every page tested, a resident posts an idea with the keyboard only, focus stays
visible, and the pages work without any script. Screenshots go to tests/artifacts/."""

import re
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from tests.support.browser import (
    CHROMIUM_FLAGS,
    axe_violations,
    chromium_executable,
    describe,
    screenshot,
)
from tests.support.web import phase

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
async def plaza(municipality) -> dict:
    return await municipality.project("markt-plein", [phase("ideation")])


@pytest.fixture(scope="module")
async def chromium(web_url, municipality) -> AsyncIterator:
    from playwright.async_api import async_playwright

    port = urlsplit(web_url).port
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_executable(),
            headless=True,
            args=[*CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {municipality.primary} 127.0.0.1"],
        )
        browser.site = f"http://{municipality.primary}:{port}"  # type: ignore[attr-defined]
        yield browser
        await browser.close()


@pytest.fixture
async def visitor(chromium) -> AsyncIterator:
    context = await chromium.new_context(locale="nl-BE")
    tab = await context.new_page()
    tab.site = chromium.site
    yield tab
    await context.close()


async def signed_in_tab(chromium, page_browser, municipality, username: str):
    """Signed in through Keycloak (as the page tests do), the session cookie in the browser."""
    await page_browser.sign_in(username)
    context = await chromium.new_context(locale="nl-BE")
    await context.add_cookies(
        [
            {
                "name": "inspraak_session",
                "value": page_browser.session_cookie(),
                "domain": municipality.primary,
                "path": "/",
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    tab = await context.new_page()
    tab.site = chromium.site
    return context, tab


@pytest.fixture
async def resident(chromium, page_browser, municipality) -> AsyncIterator:
    context, tab = await signed_in_tab(chromium, page_browser, municipality, "rob")
    yield tab
    await context.close()


@pytest.fixture
async def superadmin(chromium, page_browser, municipality) -> AsyncIterator:
    context, tab = await signed_in_tab(chromium, page_browser, municipality, "sam")
    yield tab
    await context.close()


async def assert_accessible(tab, name: str) -> None:
    await screenshot(tab, name)
    violations = await axe_violations(tab)
    assert violations == [], describe(violations)


class TestAccessibility:
    async def test_anonymous_pages_have_no_axe_violations(self, visitor, plaza):
        for path, name in (("/", "home"), ("/projects/markt-plein", "project"),
                           ("/projects/bestaat-niet", "not-found"), ("/register", "register"),
                           ("/register?kind=organisation", "register-organisation")):  # fmt: skip
            await visitor.goto(f"{visitor.site}{path}")
            # axe runs through devtools even with the page's scripts off.
            await assert_accessible(visitor, f"anonymous-{name}")

    async def test_a_resident_s_pages_have_no_axe_violations(self, resident, plaza):
        for path in ("/me/profile", "/me/notifications", "/me/data", "/projects/markt-plein"):
            await resident.goto(f"{resident.site}{path}")
            await assert_accessible(resident, "resident-" + path.strip("/").replace("/", "-"))

    async def test_the_staff_screens_have_no_axe_violations(self, superadmin, plaza):
        await superadmin.goto(f"{superadmin.site}/staff")
        await assert_accessible(superadmin, "superadmin-overview")
        queue = await superadmin.get_attribute("a[href$='/moderation']", "href")
        for path, name in (("/staff/team", "team"), ("/staff/approvals", "approvals"),
                           (queue, "moderation"), ("/staff/domains", "domains"),
                           ("/staff/dashboard", "dashboard"), ("/staff/calendar", "calendar"),
                           ("/staff/guide", "guide"), ("/staff/terms", "terms"),
                           ("/staff/guides/project_moderator_external", "guide-external"),
                           ("/staff/departments", "departments"), ("/staff/settings", "settings"),
                           ("/staff/support", "support"), ("/staff/outbox", "outbox"),
                           ("/staff/widget?view=projects", "widget"),
                           ("/staff/department", "department")):  # fmt: skip
            await superadmin.goto(f"{superadmin.site}{path}")
            await assert_accessible(superadmin, f"superadmin-{name}")

    async def test_form_errors_are_announced_and_accessible(self, resident, plaza):
        await resident.goto(f"{resident.site}/projects/markt-plein")
        await resident.click("button:has-text('Idee plaatsen')")
        await resident.wait_for_selector("#error-summary")
        assert await resident.get_attribute("#field-title", "aria-invalid") == "true"
        await assert_accessible(resident, "resident-idea-errors")


class TestKeyboard:
    async def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(self, visitor, plaza):
        await visitor.goto(f"{visitor.site}/")
        await visitor.keyboard.press("Tab")
        assert await visitor.evaluate("document.activeElement.getAttribute('href')") == "#main"
        outline = await visitor.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none")

    async def test_a_resident_posts_an_idea_with_the_keyboard_only(self, resident, plaza):
        await resident.goto(f"{resident.site}/projects/markt-plein")

        async def tab_to(element_id: str) -> None:
            for _ in range(80):
                await resident.keyboard.press("Tab")
                if await resident.evaluate("document.activeElement.id") == element_id:
                    return
            raise AssertionError(f"#{element_id} cannot be reached with Tab")

        await tab_to("field-title")
        await resident.keyboard.type("Een speeltuin")
        await resident.keyboard.press("Tab")
        assert await resident.evaluate("document.activeElement.id") == "field-body"
        await resident.keyboard.type("Met schommels voor de kleinsten.")
        await resident.keyboard.press("Tab")
        label = await resident.evaluate("document.activeElement.textContent")
        assert label.strip() == "Idee plaatsen"
        async with resident.expect_navigation():
            await resident.keyboard.press("Enter")
        assert re.search(r"done=idea$", resident.url)
        assert await resident.is_visible("text=Bedankt: je idee is geplaatst.")
        assert await resident.is_visible("text=Een speeltuin")
        await assert_accessible(resident, "resident-idea-posted")


class TestSuperadminFlow:
    async def test_the_superadmin_invites_a_team_and_publishes_the_terms(self, superadmin, plaza):
        await superadmin.goto(f"{superadmin.site}/staff/team")
        await superadmin.fill(
            "#field-rows",
            "raadslid@example.org,policy_maker\ngeen-adres,policy_maker\n"
            "web@example.org,it_admin\n",
        )
        await screenshot(superadmin, "flow-superadmin-1-bulk-filled")
        async with superadmin.expect_navigation():
            await superadmin.click("button:has-text('De uitnodigingen versturen')")
        result = superadmin.locator("#bulk-result")
        assert await result.locator("text=Uitnodiging verstuurd").count() == 2
        assert await result.locator("text=Dit is geen e-mailadres.").count() == 1
        await assert_accessible(superadmin, "flow-superadmin-2-bulk-result")
        await superadmin.goto(f"{superadmin.site}/staff/settings")
        for lang, text in (("nl", "Wees welkom."), ("fr", "Bienvenue."), ("en", "Welcome.")):
            await superadmin.fill(f"#field-terms_{lang}", text)
        await screenshot(superadmin, "flow-superadmin-3-terms-filled")
        async with superadmin.expect_navigation():
            await superadmin.click("button:has-text('Een nieuwe versie publiceren')")
        assert re.search(r"done=terms$", superadmin.url)
        assert await superadmin.is_visible("text=De nieuwe versie van de gebruiksvoorwaarden")
        assert await superadmin.input_value("#field-terms_nl") == "Wees welkom."
        await assert_accessible(superadmin, "flow-superadmin-4-terms-published")
