"""One flow per remaining role in a real browser (headless Chromium, scripts on), driven as
the person would: the department head, the communications officer, the IT officer, the
external moderator and the policy maker. Every page visited has zero axe-core violations
(WCAG 2.2 AA); screenshots of each main step go to tests/artifacts/ (`flow-<role>-...`)."""

from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import pytest

from tests.support.web import apply_spec, eventually, municipality_spec, phase, texts
from tests.web.test_browser import assert_accessible, chromium  # noqa: F401

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]

DEPARTMENT = "mobiliteit"


async def _proposal(municipality, department_id: str, slug: str) -> dict:
    """A complete draft, submitted for approval by the superadmin (as its moderator would);
    once the municipality's approval rule has reached the projects service."""
    draft = await municipality.ok(
        "POST", "projects", "/projects", "sam",
        json={"department_id": department_id, "slug": slug, "title": texts("Parkeerplan"),
              "summary": texts("Minder auto's in de kern"),
              "goal": texts("Pleinen terug voor mensen"),
              "input_use": texts("De raad beslist in het najaar")},
    )  # fmt: skip
    await municipality.ok(
        "POST", "projects", f"/projects/{draft['id']}/phases", "sam", json=phase("ideation")
    )
    await eventually(
        lambda: municipality.call("POST", "projects", f"/projects/{draft['id']}/submit", "sam"),
        lambda r: r.status_code == 200,
    )
    return dict(draft)


@pytest.fixture(scope="module")
async def civic(municipality) -> AsyncIterator[dict]:
    """The department "mobiliteit" with a published project (with an idea) and a draft
    awaiting approval; its head, a communications officer, an IT officer, a policy maker
    and an external moderator. The municipality approves projects and allows external
    moderators while this module runs."""
    await apply_spec(
        municipality,
        municipality_spec(municipality, allowExternalModerators=True, requireProjectApproval=True),
    )
    department = await municipality.ok(
        "POST", "projects", "/departments", "sam",
        json={"slug": DEPARTMENT, "name": texts("Mobiliteit")},
    )  # fmt: skip
    street = await municipality.project("fietsstraat", [phase("ideation")], department=DEPARTMENT)
    proposal = await _proposal(municipality, department["id"], "parkeerplan")
    phase_id = (await municipality.ok("GET", "projects", f"/projects/{street['id']}", "sam"))[
        "phases"
    ][0]["id"]
    await municipality.ok(
        "POST", "contributions", f"/projects/{street['id']}/phases/{phase_id}/inputs", "rita",
        json={"title": "Fietsenstalling aan het station", "body": "Overdekt graag"},
    )  # fmt: skip
    await municipality.person_with_role("hanne", "department_head", department["id"])
    await municipality.person_with_role("carla", "communications")
    await municipality.person_with_role("ilse", "it_admin")
    await municipality.person_with_role("polly", "policy_maker")
    await municipality.person("mats")  # on the platform, in nobody's team
    # The terms an external moderator accepts first.
    await municipality.ok(
        "PUT", "identity", "/v1/terms", "sam",
        json={"text": {"nl": "Wees vriendelijk en neutraal.", "fr": "Soyez aimable.",
                       "en": "Be kind and neutral."}},
    )  # fmt: skip
    await municipality.person_with_role("xander", "project_moderator", street["id"], True)
    yield {"department": department, "street": street, "proposal": proposal}
    # Other modules publish without approval: the municipality as it was.
    await apply_spec(municipality, municipality_spec(municipality, allowExternalModerators=True))


@pytest.fixture
async def signed_in(chromium, page_browser, municipality, civic) -> AsyncIterator:  # noqa: F811
    """`await signed_in(username)`: a tab of that person, signed in through Keycloak, and
    where the gateway sent them after the sign-in (`tab.first`)."""
    contexts = []

    async def open_tab(username: str):
        first = await page_browser.sign_in(username)
        context = await chromium.new_context(locale="nl-BE")
        contexts.append(context)
        await context.add_cookies(
            [{"name": "inspraak_session", "value": page_browser.session_cookie(),
              "domain": municipality.primary, "path": "/", "httpOnly": True, "sameSite": "Lax"}]
        )  # fmt: skip
        tab = await context.new_page()
        tab.site, tab.first = chromium.site, first
        return tab

    yield open_tab
    for context in contexts:
        await context.close()


async def _fetch(tab, url: str) -> dict:
    """A GET from inside the page, as the browser resolves the municipality's host."""
    return await tab.evaluate(
        "async (url) => { const r = await fetch(url); return {status: r.status, "
        "type: r.headers.get('content-type') || '', text: await r.text()}; }",
        url,
    )


async def _submit(tab, selector: str) -> None:
    """Clicks a form's button and waits for the answer page."""
    async with tab.expect_navigation():
        await tab.click(selector)


class TestDepartmentHead:
    async def test_the_head_approves_appoints_a_moderator_and_sets_the_digest(
        self, signed_in, municipality, civic
    ):
        tab = await signed_in("hanne")
        site, street, proposal = tab.site, civic["street"], civic["proposal"]
        await tab.goto(f"{site}/staff/department")
        assert await tab.is_visible("td:has-text('Project fietsstraat (nl)')")
        assert await tab.is_visible("td:has-text('Parkeerplan (nl)')")
        await assert_accessible(tab, "flow-head-1-department")
        await tab.goto(f"{site}/staff/projects")
        assert await tab.is_visible("td:has-text('Project fietsstraat (nl)')")
        await assert_accessible(tab, "flow-head-2-projects")

        # Reads the submitted draft in full, then approves it.
        await tab.goto(f"{site}/staff/approvals")
        card = tab.locator("li", has_text="Parkeerplan (nl)")
        await card.locator("summary").click()
        assert await card.locator("text=Pleinen terug voor mensen (nl)").is_visible()
        assert await card.locator("text=De raad beslist in het najaar (nl)").is_visible()
        await assert_accessible(tab, "flow-head-3-approval-read")
        await card.locator(f"#comment-{proposal['id']}").fill("Goed voorbereid.")
        async with tab.expect_navigation():
            await card.locator("button[value='approve']").click()
        assert await tab.is_visible("text=Het project is goedgekeurd en gepubliceerd.")
        assert await tab.is_visible("text=Er wacht niets op je goedkeuring.")
        await assert_accessible(tab, "flow-head-4-approved")
        published = await municipality.call("GET", "projects", f"/projects/{proposal['id']}")
        assert published.status_code == 200
        assert published.json()["status"] == "published"
        await tab.goto(f"{site}/projects/parkeerplan")
        assert await tab.is_visible("h1:has-text('Parkeerplan (nl)')")

        # An unknown username is refused at the field; then mats, by username.
        await tab.goto(f"{site}/staff/department#add")
        await tab.fill("#field-username", "niemand")
        await tab.select_option("#field-project_id", street["id"])
        await _submit(tab, "form[action='/staff/department/moderators'] button[type=submit]")
        assert await tab.is_visible("#error-summary")
        error = "Er is hier niemand met de gebruikersnaam niemand."
        assert await tab.is_visible(f"#field-username-error:has-text('{error}')")
        assert await tab.get_attribute("#field-username", "aria-invalid") == "true"
        await assert_accessible(tab, "flow-head-5-unknown-username")
        await tab.fill("#field-username", "mats")
        await tab.select_option("#field-project_id", street["id"])
        await _submit(tab, "form[action='/staff/department/moderators'] button[type=submit]")
        assert await tab.is_visible("text=De moderator is aan het project toegevoegd.")
        row = tab.locator("tr", has_text="Project fietsstraat (nl)")
        assert await row.locator("text=mats").count() >= 1
        await assert_accessible(tab, "flow-head-6-moderator-added")
        grants = await municipality.ok(
            "GET", "identity", f"/v1/roles/grants?userId={municipality.users['mats']}", "sam"
        )
        assert [(g["role"], g["scopeId"]) for g in grants] == [("project_moderator", street["id"])]

        # The weekly digest off, then on again.
        await tab.check("#field-weekly-off")
        await _submit(tab, "form[action='/staff/department/digest'] button[type=submit]")
        assert await tab.is_visible("text=Je krijgt het wekelijkse overzicht niet meer.")
        assert await tab.is_checked("#field-weekly-off")
        await tab.check("#field-weekly-on")
        await _submit(tab, "form[action='/staff/department/digest'] button[type=submit]")
        assert await tab.is_checked("#field-weekly-on")
        await assert_accessible(tab, "flow-head-7-digest")
        preferences = await municipality.ok(
            "GET", "notifications", "/v1/me/notification-preferences", "hanne"
        )
        digest = next(p for p in preferences if p["kind"] == "department_digest")
        assert digest["email"] is True

        await tab.goto(f"{site}/staff/projects/{street['id']}/results")
        assert await tab.is_visible("h1")
        assert await tab.locator("svg.inspraak-chart").count() >= 1
        await assert_accessible(tab, "flow-head-8-results")


class TestCommunications:
    async def test_the_calendar_its_feeds_and_the_widget_configurator(
        self, signed_in, municipality, civic
    ):
        tab = await signed_in("carla")
        await tab.goto(f"{tab.site}/staff/calendar")
        assert await tab.is_visible("li:has-text('Project fietsstraat (nl)')")
        await assert_accessible(tab, "flow-communications-1-calendar")
        public = (await tab.locator("code", has_text="calendar.ics").text_content()).strip()
        assert urlsplit(public).netloc == urlsplit(tab.site).netloc
        feed = await _fetch(tab, public)
        assert feed["status"] == 200
        assert feed["type"].startswith("text/calendar")
        assert "Project fietsstraat (nl)" in feed["text"]

        await _submit(tab, "form[action='/staff/calendar/feeds'] button[type=submit]")
        link = (await tab.locator("#subscription-link").text_content()).strip()
        await assert_accessible(tab, "flow-communications-2-personal-link")
        personal = await _fetch(tab, link)
        assert personal["status"] == 200
        assert personal["type"].startswith("text/calendar")
        assert "BEGIN:VEVENT" in personal["text"]

        await tab.goto(f"{tab.site}/staff/widget")
        await tab.select_option("#field-view", "project")
        await tab.select_option("#field-project", "fietsstraat")
        await tab.fill("#field-color", "#aa0000")
        await _submit(tab, "form[action='/staff/widget'] button[type=submit]")
        assert "project=fietsstraat" in tab.url
        script = await tab.input_value("#snippet-script")
        assert 'data-inspraak-project="fietsstraat"' in script
        assert 'data-inspraak-color="aa0000"' in script
        assert "<iframe" in await tab.input_value("#snippet-iframe")
        preview = tab.frame_locator("iframe.inspraak-widget-preview")
        await preview.locator("text=Project fietsstraat (nl)").first.wait_for()
        await assert_accessible(tab, "flow-communications-3-widget")


class TestItOfficer:
    async def test_domains_redirects_and_the_widget_snippets(
        self, signed_in, page_browser, municipality, civic
    ):
        tab = await signed_in("ilse")
        alias = f"inspraak.{municipality.slug}.example.org"
        before = await municipality.ok("GET", "widget", "/v1/domains", "sam")
        try:
            await tab.goto(f"{tab.site}/staff/domains")
            await assert_accessible(tab, "flow-it-1-domains")
            await tab.fill("#field-aliases", alias)
            await _submit(tab, "form[action='/staff/domains'] button[type=submit]")
            assert await tab.is_visible("text=De domeinen zijn opgeslagen.")
            assert await tab.is_visible(f"th:has-text('{alias}')")
            domains = await municipality.ok("GET", "widget", "/v1/domains", "ilse")
            assert domains["aliases"] == [alias]
            # The snippets to paste, and the check of each domain's DNS and routing.
            assert "data-inspraak" in await tab.input_value("#snippet-script")
            assert await tab.locator("caption:has-text('DNS')").count() == 1
            await assert_accessible(tab, "flow-it-2-alias-added")

            await tab.fill("#field-source_path", "/oude-inspraak")
            await tab.fill("#field-target", "/projects/fietsstraat")
            await _submit(tab, "form[action='/staff/redirects'] button[type=submit]")
            assert await tab.is_visible("text=De doorverwijzing is toegevoegd.")
            assert await tab.is_visible("code:has-text('/oude-inspraak')")
            await assert_accessible(tab, "flow-it-3-redirect-added")
            # A visitor of the old address gets the redirect (to the primary domain's address,
            # which this test's browser cannot open: the gateway's answer is what counts).
            moved = await eventually(
                lambda: page_browser.get("/oude-inspraak"), lambda r: r.status_code == 301
            )
            assert moved.headers["location"].endswith("/projects/fietsstraat")
            await tab.goto(f"{tab.site}/staff/domains")

            await _submit(tab, "button:has-text('Verwijderen')")
            assert await tab.is_visible("text=De doorverwijzing is verwijderd.")
            assert await tab.is_visible("text=Nog geen doorverwijzingen.")
            await assert_accessible(tab, "flow-it-4-redirect-removed")
            assert await municipality.ok("GET", "widget", "/v1/redirects", "ilse") == []
        finally:
            # The municipality's domains as they were, for the modules after this one.
            restored = {k: before[k] for k in ("primary", "aliases", "embed_origins")}
            await municipality.ok("PUT", "widget", "/v1/domains", "sam", json=restored)


class TestExternalModerator:
    async def test_terms_first_then_the_guide_then_the_project_editor(
        self, signed_in, municipality, civic
    ):
        tab = await signed_in("xander")
        first = tab.first
        assert first.startswith("/staff/terms?welcome=1")
        street = civic["street"]
        await tab.goto(f"{tab.site}{first}")
        assert await tab.is_visible("text=Wees vriendelijk en neutraal.")
        await assert_accessible(tab, "flow-external-1-terms")
        await _submit(tab, "form[action='/staff/terms'] button[type=submit]")
        assert await tab.is_visible("#error-summary")
        assert await tab.get_attribute("#field-agree", "aria-invalid") == "true"
        await assert_accessible(tab, "flow-external-2-terms-not-ticked")
        await tab.focus("#field-agree")
        await tab.keyboard.press("Space")
        assert await tab.is_checked("#field-agree")
        await tab.keyboard.press("Tab")
        async with tab.expect_navigation():
            await tab.keyboard.press("Enter")
        assert tab.url.endswith("/staff/guide?welcome=1")
        assert await tab.is_visible("text=Projectmoderator (extern)")
        await assert_accessible(tab, "flow-external-3-guide")

        await _submit(tab, "main a[href='/staff/projects']")
        assert await tab.is_visible("td:has-text('Project fietsstraat (nl)')")
        await _submit(tab, f"a[href='/staff/projects/{street['id']}/edit']")
        await tab.fill("#field-goal-nl", "Een veilige fietsstraat voor de school")
        async with tab.expect_navigation():
            await tab.click("button:has-text('Pagina opslaan')")
        assert await tab.is_visible("text=De projectpagina is opgeslagen.")
        await assert_accessible(tab, "flow-external-4-editor-saved")
        saved = await municipality.ok("GET", "projects", f"/projects/{street['id']}", "sam")
        assert saved["goal"]["nl"] == "Een veilige fietsstraat voor de school"


class TestPolicyMaker:
    async def test_the_dashboard_lists_the_projects_and_has_no_forms(
        self, signed_in, municipality, civic
    ):
        tab = await signed_in("polly")
        await tab.goto(f"{tab.site}/staff")
        await _submit(tab, "main a[href='/staff/dashboard']")
        row = tab.locator("tr", has_text="Project fietsstraat (nl)")
        await row.wait_for()
        assert await tab.locator("main form").count() == 0
        assert await tab.locator("main input, main textarea, main select").count() == 0
        await assert_accessible(tab, "flow-policy-maker-1-dashboard")
