"""In a real browser (headless Chromium): the one-line script snippet on a municipal page of
another origin renders the widget, leaves the page's own styles alone and is not restyled
by them; the iframe fallback is framed; a page of an origin the tenant did not allow gets
neither."""

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from inspraak_widget.texts import TEXTS

from tests.support.browser import (
    CHROMIUM_FLAGS,
    TenantFromGateway,
    chromium_executable,
    serving,
    static_pages,
)

# A municipal page with heavy-handed styles, some aimed at the widget's own class names.
HOST_STYLE = """
body { font-family: Georgia, serif; color: rgb(51, 0, 102); line-height: 2; }
h2 { color: rgb(255, 0, 0); font-size: 40px; text-transform: uppercase; }
a { color: rgb(0, 128, 0); }
* { letter-spacing: 3px; }
section, .isw, .b { display: none !important; }
"""

HOST_BODY = """
<h2 id="host-heading">Nieuws van de gemeente</h2>
<p id="host-text">Welkom <a id="host-link" href="/elders">op onze site</a>.</p>
<p><a id="host-button" class="b" href="/knop">Een knop van de gemeente</a></p>
{embed}
<h2 id="host-after">Na de widget</h2>
"""

HOST_ELEMENTS = ("#host-heading", "#host-text", "#host-link", "#host-after")
STYLE_PROPERTIES = ("color", "fontFamily", "fontSize", "letterSpacing", "lineHeight", "display")


def page(embed: str) -> str:
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title>'
        f"<style>{HOST_STYLE}</style></head><body>{HOST_BODY.format(embed=embed)}</body></html>"
    )


@dataclass
class Sites:
    widget: str  # origin of the widget service (behind a gateway stand-in)
    town_site: str  # the municipality's website, an allowed embed origin
    other_site: str  # a website the tenant did not allow


@pytest.fixture(scope="module")
async def sites(app, api, world, town) -> AsyncIterator[Sites]:
    async with contextlib.AsyncExitStack() as stack:
        widget = await stack.enter_async_context(serving(TenantFromGateway(app, town.slug)))
        script = (
            f'<script src="{widget}/v1/widget/embed.js" data-inspraak-view="projects" '
            f'data-inspraak-lang="fr" async></script>'
        )
        frame = (
            f'<iframe id="fallback" src="{widget}/v1/widget/frame/projects?lang=en" '
            f'title="Inspraak" style="width:100%;height:400px;border:0"></iframe>'
        )
        pages = {"/": page(script), "/plain": page(""), "/frame": page(frame)}
        town_site = await stack.enter_async_context(serving(static_pages(pages)))
        other_site = await stack.enter_async_context(serving(static_pages(pages)))
        response = await api.put(
            "/v1/domains",
            headers=town.headers(town.person("it_admin")),
            json={"primary": town.primary, "aliases": [town.alias], "embed_origins": [town_site]},
        )
        assert response.status_code == 200, response.text
        yield Sites(widget=widget, town_site=town_site, other_site=other_site)


@pytest.fixture(scope="module")
async def browser():
    executable = chromium_executable()
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.fail("Playwright is missing: run `uv sync --all-packages`.", pytrace=False)
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        await chromium.close()


@pytest.fixture
async def tab(browser):
    context = await browser.new_context()
    tab = await context.new_page()
    yield tab
    await context.close()


async def styles(tab, selector: str) -> dict[str, str]:
    return await tab.evaluate(
        """([selector, properties]) => {
            const style = getComputedStyle(document.querySelector(selector));
            return Object.fromEntries(properties.map((p) => [p, style[p]]));
        }""",
        [selector, list(STYLE_PROPERTIES)],
    )


async def widget_root(tab) -> None:
    await tab.wait_for_function(
        "() => document.querySelector('.inspraak-widget')?.shadowRoot?.querySelector('h2')",
        timeout=10_000,
    )


async def in_widget(tab, script: str):
    return await tab.evaluate(
        f"() => {{ const root = document.querySelector('.inspraak-widget').shadowRoot; {script} }}"
    )


class TestScriptSnippetOnAnotherOrigin:
    async def test_widget_renders_in_the_hosts_page(self, tab, sites, world):
        await tab.goto(f"{sites.town_site}/")
        await widget_root(tab)
        heading = await in_widget(tab, "return root.querySelector('h2').textContent")
        assert heading == TEXTS["projects_heading"]["fr"]
        titles = await in_widget(
            tab, "return [...root.querySelectorAll('li a')].map((a) => a.textContent)"
        )
        assert "Het nieuwe park [fr]" in titles
        assert not any("Verborgen" in t for t in titles)
        # The widget sits right after its script tag, before the rest of the page.
        order = await tab.evaluate(
            "() => document.querySelector('.inspraak-widget').compareDocumentPosition("
            "document.querySelector('#host-after')) & Node.DOCUMENT_POSITION_FOLLOWING"
        )
        assert order

    async def test_hosts_own_styles_are_unaffected(self, tab, sites, world):
        await tab.goto(f"{sites.town_site}/plain")
        without = {s: await styles(tab, s) for s in HOST_ELEMENTS}
        await tab.goto(f"{sites.town_site}/")
        await widget_root(tab)
        with_widget = {s: await styles(tab, s) for s in HOST_ELEMENTS}
        assert with_widget == without
        assert with_widget["#host-heading"]["color"] == "rgb(255, 0, 0)"
        assert with_widget["#host-heading"]["fontSize"] == "40px"
        # The widget's button style does not reach the page's element of the same class.
        host_button = await tab.evaluate(
            "() => getComputedStyle(document.querySelector('#host-button')).backgroundColor"
        )
        assert host_button == "rgba(0, 0, 0, 0)"

    async def test_widget_keeps_its_own_styles_whatever_the_page_says(self, tab, sites, world):
        await tab.goto(f"{sites.town_site}/")
        await widget_root(tab)
        look = await in_widget(
            tab,
            """const h2 = getComputedStyle(root.querySelector('h2'));
               const box = getComputedStyle(root.querySelector('section'));
               const button = getComputedStyle(root.querySelector('.b'));
               return {color: h2.color, size: h2.fontSize, family: h2.fontFamily,
                       spacing: h2.letterSpacing, transform: h2.textTransform,
                       display: box.display, button: button.backgroundColor,
                       buttonText: button.color};""",
        )
        assert look["color"] == "rgb(31, 35, 40)"
        assert look["size"] == "20px"
        assert "Georgia" not in look["family"]
        assert look["spacing"] == "normal"
        assert look["transform"] == "none"
        assert look["display"] == "block"
        assert look["button"] == "rgb(11, 83, 148)"  # the tenant's branding colour
        assert look["buttonText"] == "rgb(255, 255, 255)"

    async def test_widget_links_are_reachable_with_the_keyboard(self, tab, sites, world, town):
        await tab.goto(f"{sites.town_site}/")
        await widget_root(tab)
        await tab.focus("#host-link")
        await tab.keyboard.press("Tab")  # the page's own .b button is hidden by its own CSS
        focused = await tab.evaluate(
            "() => [document.activeElement.className, "
            "document.activeElement.shadowRoot?.activeElement?.textContent]"
        )
        assert focused == ["inspraak-widget", "Autoluwe schoolstraat [fr]"]
        label = await in_widget(
            tab, "return root.querySelector('section').getAttribute('aria-label')"
        )
        assert label == f"Participation : Gemeente {town.slug}"

    async def test_page_of_an_origin_the_tenant_did_not_allow_gets_no_widget(
        self, tab, sites, world
    ):
        await tab.goto(f"{sites.other_site}/")
        # The script runs, the CORS check fails, and the empty container is taken away again.
        await tab.wait_for_function(
            "() => !document.querySelector('.inspraak-widget')", timeout=10_000
        )
        assert await tab.evaluate("() => document.body.textContent.includes('Na de widget')")


class TestIframeFallback:
    async def test_allowed_origin_frames_the_widget(self, tab, sites, world):
        await tab.goto(f"{sites.town_site}/frame")
        frame = tab.frame_locator("#fallback")
        await frame.locator("h2").wait_for(timeout=10_000)
        assert await frame.locator("h2").text_content() == TEXTS["projects_heading"]["en"]

    async def test_other_origin_may_not_frame_it(self, tab, sites, world):
        await tab.goto(f"{sites.other_site}/frame")
        await tab.wait_for_load_state("load")
        frame = next(f for f in tab.frames if f.parent_frame is not None)
        # Chromium replaces a frame refused by frame-ancestors with its error page.
        assert frame.url.startswith("chrome-error://")
        assert TEXTS["projects_heading"]["en"] not in await frame.content()


class TestConfiguratorInTheBrowser:
    async def test_choosing_options_updates_snippets_and_preview(self, browser, sites, world, town):
        # The gateway would pass the signed-in officer's token; here the browser sends it.
        context = await browser.new_context(
            extra_http_headers={"Authorization": town.person("it_admin").auth["Authorization"]}
        )
        tab = await context.new_page()
        errors: list[str] = []
        tab.on(
            "console",
            lambda m: (
                errors.append(f"{m.text} {m.location.get('url')}")
                if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
                else None
            ),
        )
        try:
            await tab.goto(f"{sites.widget}/v1/widget/configurator?lang=en")
            await widget_root(tab)  # the live preview of the default view
            snippet = await tab.input_value("#isw-script")
            # Defaults (the tenant's language and colour, 5 items, newest) stay out of it.
            assert snippet == (
                f'<script src="https://{town.primary}/v1/widget/embed.js" '
                'data-inspraak-view="projects" async></script>'
            )
            await tab.select_option("#f-lang", "fr")
            await tab.select_option("#f-view", "inputs")
            await tab.select_option("#f-project", world.open["slug"])
            await tab.select_option("#f-isort", "popular")
            snippet = await tab.input_value("#isw-script")
            assert 'data-inspraak-view="inputs"' in snippet
            assert f'data-inspraak-project="{world.open["slug"]}"' in snippet
            assert 'data-inspraak-sort="popular"' in snippet
            assert 'data-inspraak-lang="fr"' in snippet
            iframe = await tab.input_value("#isw-iframe")
            assert iframe.startswith(f'<iframe src="https://{town.primary}/v1/widget/frame/inputs?')
            await tab.wait_for_function(
                "() => document.querySelector('.inspraak-widget')?.shadowRoot"
                "?.textContent.includes('Dernières contributions')",
                timeout=10_000,
            )
            assert await tab.is_hidden("#f-department")  # only for the projects view
            assert errors == []  # nothing refused by the page's CSP, no script errors
        finally:
            await context.close()
