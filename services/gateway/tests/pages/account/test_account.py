"""A signed-in person's own pages: profile (only the username is public), notifications,
download of their data, and erasure after typing their username."""

import json
import re

import pytest

from tests.support.web import PASSWORD

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


class TestProfile:
    async def test_signed_out_the_profile_leads_to_sign_in(self, page_browser):
        page = await page_browser.get("/me/profile")
        assert page.status_code == 303
        assert page.headers["location"] == "/auth/login?return_to=%2Fme%2Fprofile"

    async def test_a_resident_sees_and_changes_their_profile(self, page_browser):
        await page_browser.sign_in("rita")
        page = await page_browser.get("/me/profile")
        assert page.status_code == 200
        assert "rita" in page.text
        saved = await page_browser.submit(
            "/me/profile", {"first_name": "Rita", "last_name": "Peeters", "language": "fr"}
        )
        assert saved.status_code == 303
        page = await page_browser.get(saved.headers["location"])
        assert "Je profiel is bewaard." in page.text
        assert 'value="Peeters"' in page.text
        assert '<option value="fr" selected' in page.text


class TestLanguageSwitch:
    async def test_the_choice_is_kept_for_the_next_pages(self, page_browser):
        switched = await page_browser.get("/language/fr?return_to=/me/profile")
        assert switched.status_code == 303
        assert switched.headers["location"] == "/me/profile"
        page = await page_browser.get("/", headers={"Accept-Language": "en"})
        assert '<html lang="fr"' in page.text
        assert "Projets en cours" in page.text

    async def test_a_language_the_municipality_does_not_offer_is_refused(self, page_browser):
        assert (await page_browser.get("/language/de")).status_code == 404


class TestNotifications:
    async def test_the_feed_is_shown_and_can_be_marked_read(self, page_browser):
        await page_browser.sign_in("rita")
        page = await page_browser.get("/me/notifications")
        assert page.status_code == 200
        assert '<h1 class="utrecht-heading-1">Meldingen</h1>' in page.text


class TestMyData:
    async def test_the_export_downloads_my_data(self, page_browser):
        await page_browser.sign_in("rita")
        download = await page_browser.get("/me/data/export")
        assert download.status_code == 200
        assert "attachment" in download.headers["content-disposition"]
        assert json.loads(download.content)["format"] == "inspraak-personal-data/1"

    async def test_erasure_needs_the_username_then_ends_the_account(
        self, page_browser, municipality
    ):
        await page_browser.sign_in("erin")
        refused = await page_browser.submit("/me/erasure", {"confirm_username": "rita"})
        assert refused.status_code == 422
        assert 'aria-invalid="true"' in refused.text
        erased = await page_browser.submit("/me/erasure", {"confirm_username": "erin"})
        assert erased.status_code == 303
        assert erased.headers["location"] == "/?done=erased"
        assert (await page_browser.gateway.get("/auth/session")).json()["signed_in"] is False
        assert (await municipality.call("GET", "identity", "/v1/people/erin")).status_code == 404


class TestRegistration:
    async def test_register_leads_to_keycloak_s_registration_page_of_the_realm(
        self, page_browser, municipality
    ):
        choice = await page_browser.get("/register")
        assert choice.status_code == 200
        assert 'name="kind" value="person"' in choice.text
        assert 'name="kind" value="organisation"' in choice.text
        started = await page_browser.get("/register", params={"kind": "person"})
        assert started.status_code == 302
        location = started.headers["location"]
        assert f"/realms/{municipality.slug}/protocol/openid-connect/registrations?" in location
        assert "code_challenge_method=S256" in location
        form = await page_browser.keycloak.get(location, follow_redirects=True)
        assert form.status_code == 200
        assert 'name="email"' in form.text

    async def test_an_organisation_registers_here_and_shows_as_one(
        self, page_browser, municipality
    ):
        form = await page_browser.get("/register", params={"kind": "organisation"})
        assert form.status_code == 200
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        values = {"organisation_type": "council", "username": "wijkraad-noord",
                  "email": "raad@noord.example.org", "password": "kort"}  # fmt: skip
        forged = await page_browser.post("/register/organisation", {**values, "csrf_token": "x"})
        assert forged.status_code == 403
        short = await page_browser.post("/register/organisation", {**values, "csrf_token": token})
        assert short.status_code == 422
        assert 'href="#field-password"' in short.text
        made = await page_browser.post(
            "/register/organisation", {**values, "password": PASSWORD, "csrf_token": token}
        )
        assert made.status_code == 201, made.text
        assert "wijkraad-noord" in made.text
        profile = await municipality.call("GET", "identity", "/v1/people/wijkraad-noord")
        assert profile.json()["isOrganisation"] is True
        assert profile.json()["organisationType"] == "council"
        taken = await page_browser.post(
            "/register/organisation", {**values, "password": PASSWORD, "csrf_token": token}
        )
        assert taken.status_code == 422
        assert "Die gebruikersnaam is hier al in gebruik" in taken.text
