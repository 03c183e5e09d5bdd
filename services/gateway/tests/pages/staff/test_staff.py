"""Staff screens: the superadmin's overview, team and invitations, and a project's
moderation queue; a resident gets none of them."""

import re

import pytest

from tests.support.web import phase

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
