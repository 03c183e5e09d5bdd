"""Staff screens: the superadmin's overview, team and invitations, and a project's
moderation queue; a resident gets none of them."""

import re

import pytest

from tests.support.web import phase, texts

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
async def park(municipality) -> dict:
    project = await municipality.project("stadspark", [phase("ideation")])
    phase_id = (await municipality.ok("GET", "projects", f"/projects/{project['id']}", "sam"))[
        "phases"
    ][0]["id"]
    await municipality.ok(
        "POST", "contributions", f"/projects/{project['id']}/phases/{phase_id}/inputs", "rita",
        json={"title": "Koop spam", "body": "Goedkope horloges"},
    )  # fmt: skip
    return project


@pytest.fixture(scope="module")
async def officers(municipality) -> None:
    """An IT officer, a policy maker and a communications officer."""
    for username, role in (("ivo", "it_admin"), ("petra", "policy_maker"),
                           ("cora", "communications")):  # fmt: skip
        await municipality.person_with_role(username, role)


class TestAccess:
    async def test_a_resident_sees_no_staff_link_and_may_not_open_the_screens(self, page_browser):
        await page_browser.sign_in("rita")
        assert 'href="/staff"' not in (await page_browser.get("/")).text
        refused = await page_browser.get("/staff")
        assert refused.status_code == 403
        assert "Dit mag je niet doen" in refused.text
        assert (await page_browser.get("/staff/team")).status_code == 403


class TestSuperadmin:
    async def test_the_overview_shows_figures_and_the_projects(self, page_browser, park):
        await page_browser.sign_in("sam")
        assert 'href="/staff"' in (await page_browser.get("/")).text
        page = await page_browser.get("/staff")
        assert page.status_code == 200
        assert "Project stadspark (nl)" in page.text
        assert "Mensen met een rol" in page.text

    async def test_an_invitation_is_sent_and_listed_and_a_bad_address_is_refused(
        self, page_browser
    ):
        await page_browser.sign_in("sam")
        bad = await page_browser.submit(
            "/staff/team/invitations", {"email": "geen-adres", "role": "policy_maker"}
        )
        assert bad.status_code == 422
        assert 'href="#field-email"' in bad.text
        sent = await page_browser.submit(
            "/staff/team/invitations", {"email": "schepen@example.org", "role": "policy_maker"}
        )
        assert sent.status_code == 303
        page = await page_browser.get(sent.headers["location"])
        assert "De uitnodiging is verstuurd." in page.text
        assert "schepen@example.org" in page.text

    async def test_the_moderation_queue_hides_an_item_with_a_reason(self, page_browser, park):
        await page_browser.sign_in("sam")
        queue = await page_browser.get(f"/staff/projects/{park['id']}/moderation")
        assert "Koop spam" in queue.text
        hide = re.search(r'action="(/staff/projects/[^"]+/input/[^"]+/hide)"', queue.text).group(1)
        done = await page_browser.submit(hide, {"reason": "reclame"})
        assert done.status_code == 303
        queue = await page_browser.get(done.headers["location"])
        assert "Het item is verborgen." in queue.text
        assert "Koop spam" not in queue.text  # dealt with: off the queue
        # Staff still see hidden items; residents no longer do.
        await page_browser.submit("/auth/logout", {})
        public = await page_browser.get("/projects/stadspark")
        assert "Inloggen" in public.text
        assert "Koop spam" not in public.text

    async def test_a_hidden_comment_is_listed_as_hidden_shown_again_and_read_by_residents(
        self, page_browser, municipality, park
    ):
        phase_id = (await municipality.ok("GET", "projects", f"/projects/{park['id']}", "sam"))[
            "phases"
        ][0]["id"]
        base = f"/projects/{park['id']}"
        idea = await municipality.ok(
            "POST", "contributions", f"{base}/phases/{phase_id}/inputs", "rob",
            json={"title": "Meer bomen", "body": "Langs de vijver"},
        )  # fmt: skip
        comment = await municipality.ok(
            "POST", "contributions", f"{base}/inputs/{idea['input_id']}/comments", "rita",
            json={"body": "Ja, eiken graag"},
        )  # fmt: skip
        public_path = f"/projects/stadspark/inputs/{idea['input_id']}"
        await page_browser.sign_in("sam")
        queue_path = f"/staff/projects/{park['id']}/moderation"
        hide = f"{queue_path}/comment/{comment['comment_id']}/hide"
        assert f'action="{hide}"' in (await page_browser.get(queue_path)).text
        # Contributions logs a reason with every decision: none is an error at the field.
        no_reason = await page_browser.submit(hide, {"reason": " "})
        assert no_reason.status_code == 422
        assert f'id="reason-{comment["comment_id"]}-error" role="alert"' in no_reason.text
        assert (
            "Ja, eiken graag" not in (await page_browser.get(f"{queue_path}?state=hidden")).text
        )  # not hidden
        assert (await page_browser.submit(hide, {"reason": "per vergissing"})).status_code == 303
        hidden_view = await page_browser.get(f"{queue_path}?state=hidden")
        assert 'aria-current="page">Verborgen<' in hidden_view.text
        assert "Ja, eiken graag" in hidden_view.text
        assert "per vergissing" in hidden_view.text
        await page_browser.submit("/auth/logout", {})
        await page_browser.sign_in("rob")
        assert "Ja, eiken graag" not in (await page_browser.get(public_path)).text
        await page_browser.submit("/auth/logout", {})

        await page_browser.sign_in("sam")
        hidden_view = await page_browser.get(f"{queue_path}?state=hidden")
        unhide = f"{queue_path}/comment/{comment['comment_id']}/unhide"
        assert f'action="{unhide}"' in hidden_view.text
        shown = await page_browser.submit(unhide, {"reason": "toch in orde", "state": "hidden"})
        assert shown.status_code == 303
        assert shown.headers["location"] == f"{queue_path}?done=unhidden&state=hidden"
        after = await page_browser.get(shown.headers["location"])
        assert "Het item wordt weer getoond." in after.text
        assert "Ja, eiken graag" not in after.text  # off the hidden list
        await page_browser.submit("/auth/logout", {})
        await page_browser.sign_in("rob")
        assert "Ja, eiken graag" in (await page_browser.get(public_path)).text

    async def test_an_unknown_queue_view_is_refused(self, page_browser, park):
        await page_browser.sign_in("sam")
        refused = await page_browser.get(f"/staff/projects/{park['id']}/moderation?state=alles")
        assert refused.status_code == 422


class TestDomainsAndRedirects:
    async def test_a_resident_may_not_open_the_domains_screen(self, page_browser):
        await page_browser.sign_in("rita")
        assert (await page_browser.get("/staff/domains")).status_code == 403

    async def test_the_it_officer_has_the_screen_and_a_policy_maker_not(
        self, page_browser, officers
    ):
        await page_browser.sign_in("ivo")
        overview = await page_browser.get("/staff")
        assert 'href="/staff/domains"' in overview.text
        assert 'href="/staff/dashboard"' not in overview.text
        assert (await page_browser.get("/staff/domains")).status_code == 200
        await page_browser.submit("/auth/logout", {})
        await page_browser.sign_in("petra")
        assert 'href="/staff/domains"' not in (await page_browser.get("/staff")).text
        assert (await page_browser.get("/staff/domains")).status_code == 403

    async def test_the_check_the_helm_link_and_the_snippets_are_shown(
        self, page_browser, municipality
    ):
        await page_browser.sign_in("sam")
        assert 'href="/staff/domains"' in (await page_browser.get("/staff")).text
        page = await page_browser.get("/staff/domains")
        assert page.status_code == 200
        assert municipality.primary in page.text
        assert "DNS en routering per domein" in page.text
        assert 'href="/api/v1/widget/domains/helm-values"' in page.text
        # The widget's own path: other sites may frame it (the API path may not be framed).
        assert f"https://{municipality.primary}/v1/widget/embed.js" in page.text

    async def test_an_alias_is_saved_and_a_bad_host_is_refused(self, page_browser, municipality):
        await page_browser.sign_in("sam")
        alias = f"www.{municipality.primary}"
        bad = await page_browser.submit(
            "/staff/domains", {"primary": municipality.primary, "aliases": "geen host!"}
        )
        assert bad.status_code == 422
        assert 'href="#field-aliases"' in bad.text
        saved = await page_browser.submit(
            "/staff/domains", {"primary": municipality.primary, "aliases": alias}
        )
        assert saved.status_code == 303
        page = await page_browser.get(saved.headers["location"])
        assert "De domeinen zijn opgeslagen." in page.text
        assert alias in page.text

    async def test_a_redirect_is_added_and_removed(self, page_browser):
        await page_browser.sign_in("sam")
        added = await page_browser.submit(
            "/staff/redirects",
            {"source_path": "/oud-plan", "target": "/projects/stadspark", "permanent": "1"},
        )
        assert added.status_code == 303
        page = await page_browser.get(added.headers["location"])
        assert "De doorverwijzing is toegevoegd." in page.text
        assert "/oud-plan" in page.text
        remove = re.search(r'action="(/staff/redirects/[^"]+/delete)"', page.text).group(1)
        removed = await page_browser.submit(remove, {})
        assert removed.status_code == 303
        page = await page_browser.get(removed.headers["location"])
        assert "De doorverwijzing is verwijderd." in page.text
        assert "/oud-plan" not in page.text


class TestPolicyMakerDashboard:
    async def test_a_policy_maker_reads_projects_phases_and_results(
        self, page_browser, officers, park
    ):
        await page_browser.sign_in("petra")
        assert 'href="/staff/dashboard"' in (await page_browser.get("/staff")).text
        page = await page_browser.get("/staff/dashboard")
        assert page.status_code == 200
        row = re.search(r"Project stadspark \(nl\).*?</tr>", page.text, re.S).group(0)
        assert "Gepubliceerd" in row
        assert "Nog geen resultaten" not in row  # contributions answered with the figures
        assert "Kwartaalupdates" in page.text
        assert "<form" not in page.text.split("<main", 1)[1]  # read-only: nothing to edit

    async def test_the_it_officer_and_a_resident_may_not_open_it(self, page_browser, officers):
        for username in ("ivo", "rita"):
            await page_browser.sign_in(username)
            assert (await page_browser.get("/staff/dashboard")).status_code == 403
            await page_browser.submit("/auth/logout", {})


class TestContentCalendar:
    async def test_communications_sees_upcoming_moments_and_updates_to_reuse(
        self, page_browser, municipality, officers, park
    ):
        await municipality.ok(
            "POST", "projects", f"/projects/{park['id']}/updates", "sam",
            json={"title": texts("Werken starten"),
                  "body": {"nl": "<p>De graafwerken beginnen</p><p>Eerst de riolering.</p>",
                           "fr": "<p>Les travaux commencent</p>", "en": "<p>Works begin</p>"}},
        )  # fmt: skip
        await page_browser.sign_in("cora")
        overview = await page_browser.get("/staff")
        assert 'href="/staff/calendar"' in overview.text
        assert 'href="/staff/domains"' not in overview.text
        assert 'href="/staff/dashboard"' not in overview.text
        page = await page_browser.get("/staff/calendar")
        assert page.status_code == 200
        # The ideation phase started yesterday and ends in 30 days: only its end is ahead.
        assert re.search(r"Einde: [^<]*Project stadspark \(nl\)", page.text)
        assert not re.search(r"Start: [^<]*Project stadspark \(nl\)", page.text)
        assert "Werken starten (nl)" in page.text
        # The update's rich text reads as paragraphs, not as markup shown as text.
        assert '<p class="utrecht-paragraph">De graafwerken beginnen</p>' in page.text
        assert '<p class="utrecht-paragraph">Eerst de riolering.</p>' in page.text
        assert "&lt;p&gt;" not in page.text

    async def test_a_subscription_link_is_made_works_and_is_revoked(self, page_browser, officers):
        await page_browser.sign_in("cora")
        made = await page_browser.submit("/staff/calendar/feeds", {})
        assert made.status_code == 201
        link = re.search(r'<code id="subscription-link">([^<]+)</code>', made.text).group(1)
        path = link.split("://", 1)[1].split("/", 1)[1]
        await page_browser.submit("/auth/logout", {})
        feed = await page_browser.get(f"/{path}")  # a calendar app sends no session
        assert feed.status_code == 200
        assert "BEGIN:VCALENDAR" in feed.text
        await page_browser.sign_in("cora")
        page = await page_browser.get("/staff/calendar")
        revoke = re.search(r'action="(/staff/calendar/feeds/[^"]+/delete)"', page.text).group(1)
        revoked = await page_browser.submit(revoke, {})
        assert revoked.status_code == 303
        assert (await page_browser.get(f"/{path}")).status_code == 404

    async def test_a_policy_maker_may_not_open_it(self, page_browser, officers):
        await page_browser.sign_in("petra")
        assert (await page_browser.get("/staff/calendar")).status_code == 403
