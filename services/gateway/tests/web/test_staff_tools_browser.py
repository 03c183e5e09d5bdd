"""Small staff and resident tools in a real browser (headless Chromium): the widget snippets'
copy buttons (scripts on, and none without scripts), the moderation queue's current view
visibly chosen, a refused survey with its errors at the questions; zero axe-core
violations (WCAG 2.2 AA) on each. Screenshots go to tests/artifacts/."""

from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from tests.support.browser import CHROMIUM_FLAGS, chromium_executable
from tests.support.web import phase, texts
from tests.web.test_browser import assert_accessible

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]

CLIPBOARD = ["clipboard-read", "clipboard-write"]
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

# WCAG's relative luminance and contrast ratio, for colours as getComputedStyle gives them.
CONTRAST = """(element) => {
  const rgb = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = (css) => { const [r, g, b] = rgb(css).map(channel); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const style = getComputedStyle(element);
  const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.fixture(scope="module")
async def chromium(web_url, municipality) -> AsyncIterator:
    from playwright.async_api import async_playwright

    port = urlsplit(web_url).port
    site = f"http://{municipality.primary}:{port}"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_executable(),
            headless=True,
            # The test site is plain http: treated as https would be, so the page gets the
            # clipboard API as it does in production.
            args=[*CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {municipality.primary} 127.0.0.1",
                  f"--unsafely-treat-insecure-origin-as-secure={site}"],
        )  # fmt: skip
        browser.site = site  # type: ignore[attr-defined]
        yield browser
        await browser.close()


@pytest.fixture(scope="module")
async def survey_project(municipality) -> dict:
    return await municipality.project("peiling", [SURVEY])


async def tab_of(chromium, page_browser, municipality, username: str, *, scripts: bool = True):
    """A tab signed in as `username` (the page tests' sign-in, its cookie in the browser)."""
    await page_browser.sign_in(username)
    context = await chromium.new_context(locale="nl-BE", java_script_enabled=scripts)
    await context.grant_permissions(CLIPBOARD, origin=chromium.site)
    await context.add_cookies(
        [{"name": "inspraak_session", "value": page_browser.session_cookie(),
          "domain": municipality.primary, "path": "/", "httpOnly": True, "sameSite": "Lax"}]
    )  # fmt: skip
    tab = await context.new_page()
    tab.set_default_timeout(30_000)  # a step that cannot happen fails, rather than waits
    tab.site = chromium.site
    return context, tab


@pytest.fixture
async def superadmin(chromium, page_browser, municipality) -> AsyncIterator:
    context, tab = await tab_of(chromium, page_browser, municipality, "sam")
    yield tab
    await context.close()


class TestSnippetCopy:
    async def test_copy_puts_each_snippet_on_the_clipboard_and_says_so(self, superadmin):
        await superadmin.goto(f"{superadmin.site}/staff/widget?view=projects")
        status = superadmin.locator("#copy-status")
        assert await status.get_attribute("role") == "status"
        for field, label in (("snippet-script", "Script (aanbevolen)"),
                             ("snippet-iframe", "Iframe (werkt zonder JavaScript)")):  # fmt: skip
            button = superadmin.locator(f"button[data-copy='{field}']")
            assert await button.is_visible()
            assert (await button.text_content()).strip() == f"Kopiëren: {label}"
            await button.click()
            await status.filter(has_text="Gekopieerd").wait_for()
            copied = await superadmin.evaluate("navigator.clipboard.readText()")
            assert copied == await superadmin.input_value(f"#{field}")
            assert copied.startswith("<script" if field == "snippet-script" else "<iframe")
        await assert_accessible(superadmin, "superadmin-widget-copied")

    async def test_the_domains_page_copies_its_snippets_too(self, superadmin):
        await superadmin.goto(f"{superadmin.site}/staff/domains")
        await superadmin.locator("button[data-copy='snippet-iframe']").click()
        await superadmin.locator("#copy-status").filter(has_text="Gekopieerd").wait_for()
        copied = await superadmin.evaluate("navigator.clipboard.readText()")
        assert copied == await superadmin.input_value("#snippet-iframe")
        await assert_accessible(superadmin, "superadmin-domains-copied")

    async def test_without_scripts_there_is_no_button_and_the_snippet_is_selectable(
        self, chromium, page_browser, municipality
    ):
        context, tab = await tab_of(chromium, page_browser, municipality, "sam", scripts=False)
        try:
            await tab.goto(f"{tab.site}/staff/widget?view=projects")
            assert await tab.locator("button[data-copy]").count() == 2
            assert not await tab.locator("button[data-copy]").first.is_visible()
            snippet = tab.locator("#snippet-script")
            assert await snippet.is_visible()
            assert await snippet.get_attribute("readonly") is not None
            assert await snippet.is_editable() is False
            assert await snippet.is_enabled()  # readonly, not disabled: it can be selected
            assert "<script" in await snippet.input_value()
        finally:
            await context.close()


class TestModerationViews:
    async def test_the_current_view_stands_out_with_enough_contrast(
        self, superadmin, survey_project
    ):
        base = f"{superadmin.site}/staff/projects/{survey_project['id']}/moderation"
        await superadmin.goto(f"{base}?state=hidden")
        views = superadmin.get_by_role("navigation", name="Weergaven van de moderatie")
        current = views.locator("a[aria-current='page']")
        assert await current.count() == 1
        other = views.locator("a:not([aria-current])").first
        style = "(e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).fontWeight]"
        assert await current.evaluate(style) != await other.evaluate(style)
        assert await current.evaluate(CONTRAST) >= 4.5
        await assert_accessible(superadmin, "superadmin-moderation-hidden-view")


class TestSurveyErrors:
    async def test_a_refused_survey_is_shown_with_its_errors_and_no_axe_violations(
        self, chromium, page_browser, municipality, survey_project
    ):
        context, tab = await tab_of(chromium, page_browser, municipality, "rob")
        try:
            await tab.goto(f"{tab.site}/projects/peiling")
            await tab.fill("#q-wens", "Meer schaduw")
            async with tab.expect_navigation():
                await tab.click("button:has-text('Antwoorden indienen')")
            summary = tab.locator("#error-summary")
            assert await summary.is_visible()
            await summary.get_by_role("link").first.click()
            assert await tab.evaluate("document.activeElement.id") == "q-vaak-dag"
            assert await tab.get_attribute("#q-vaak-dag", "aria-invalid") == "true"
            assert await tab.input_value("#q-wens") == "Meer schaduw"
            await assert_accessible(tab, "resident-survey-errors")
        finally:
            await context.close()
