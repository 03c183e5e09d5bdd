"""The link in an invitation e-mail: the invited person sees what they are invited to, and
accepts with a new account or the one they are signed in with; a used, withdrawn or unknown
link says so in their language. The invitations travel the real way: identity, NATS,
notifications, the SMTP mail catcher."""

import re
import secrets

import pytest

from tests.support.invitations import invite_by_mail
from tests.support.web import PASSWORD, phase

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
async def library(municipality) -> dict:
    return await municipality.project("bib-verbouwing", [phase("ideation")])


async def _invite(municipality, stack_endpoints, **body) -> tuple[str, dict]:
    return await invite_by_mail(municipality, stack_endpoints.mail_api_url, **body)


def _form_token(page_text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page_text).group(1)


class TestAcceptWithANewAccount:
    async def test_the_page_shows_the_invitation_then_makes_the_account(
        self, page_browser, municipality, stack_endpoints, library
    ):
        path, _ = await _invite(
            municipality, stack_endpoints,
            role="project_moderator", scopeId=library["id"], message="Welkom in het team!",
        )  # fmt: skip
        page = await page_browser.get(path)

        assert page.status_code == 200, page.text
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["referrer-policy"] == "no-referrer"
        assert "Projectmoderator" in page.text
        assert "Bib verbouwing" in page.text or "bib-verbouwing" in page.text.lower()
        assert "Welkom in het team!" in page.text
        assert "sam" in page.text  # who invited
        username = f"nieuw{secrets.token_hex(3)}"
        token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)

        done = await page_browser.post(
            "/invitations/accept",
            {"csrf_token": _form_token(page.text), "token": token, "username": username,
             "first_name": "Nora", "last_name": "Nieuw", "password": PASSWORD},
        )  # fmt: skip

        assert done.status_code == 201, done.text
        assert username in done.text
        # The new account signs in and is the project's moderator.
        await page_browser.sign_in(username)
        grants = await municipality.ok("GET", "identity", "/v1/me", username)
        assert any(
            g["role"] == "project_moderator" and g["scopeId"] == library["id"]
            for g in grants["grants"]
        ), grants
        # The link is used up now.
        again = await page_browser.get(path)
        assert again.status_code == 410
        assert "al aanvaard" in again.text

    async def test_a_taken_username_is_shown_at_the_field(
        self, page_browser, municipality, stack_endpoints
    ):
        path, _ = await _invite(municipality, stack_endpoints, role="communications")
        page = await page_browser.get(path)
        token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)

        refused = await page_browser.post(
            "/invitations/accept",
            {"csrf_token": _form_token(page.text), "token": token, "username": "rita",
             "password": PASSWORD},
        )  # fmt: skip

        assert refused.status_code == 422
        assert 'id="field-username-error"' in refused.text
        assert "Die gebruikersnaam is hier al in gebruik" in refused.text
        assert 'role="alert"' in refused.text

    async def test_a_post_without_the_form_token_is_refused(
        self, page_browser, municipality, stack_endpoints
    ):
        path, _ = await _invite(municipality, stack_endpoints, role="communications")
        token = (await page_browser.get(path)).text
        token = re.search(r'name="token" value="([^"]+)"', token).group(1)

        forged = await page_browser.post(
            "/invitations/accept",
            {"token": token, "username": f"x{secrets.token_hex(3)}", "password": PASSWORD},
        )

        assert forged.status_code == 403


class TestAcceptSignedIn:
    async def test_a_signed_in_resident_accepts_with_their_account(
        self, page_browser, municipality, stack_endpoints
    ):
        username = f"bewoner{secrets.token_hex(3)}"
        await municipality.person(username)
        path, _ = await _invite(municipality, stack_endpoints, role="policy_maker")
        await page_browser.sign_in(username)
        page = await page_browser.get(path)
        assert f"Aanvaarden als {username}" in page.text

        done = await page_browser.submit(
            "/invitations/accept",
            {"token": re.search(r'name="token" value="([^"]+)"', page.text).group(1)},
        )

        assert done.status_code == 201, done.text
        assert "/auth/login?return_to=%2Fstaff%2Fguide" in done.text
        me = await municipality.ok("GET", "identity", "/v1/me", username)
        assert "policy_maker" in {g["role"] for g in me["grants"]}


class TestLinksThatCannotBeUsed:
    async def test_a_withdrawn_invitation_says_so(
        self, page_browser, municipality, stack_endpoints
    ):
        path, invitation = await _invite(municipality, stack_endpoints, role="communications")
        await municipality.ok(
            "POST", "identity", f"/v1/invitations/{invitation['id']}/revoke", "sam"
        )

        page = await page_browser.get(path, headers={"Accept-Language": "fr"})

        assert page.status_code == 410
        assert "Cette invitation a été retirée" in page.text

    async def test_an_unknown_token_or_none_is_a_clear_page(self, page_browser):
        unknown = await page_browser.get(f"/invitations/accept?token={'x' * 32}")
        missing = await page_browser.get("/invitations/accept")

        assert unknown.status_code == 410
        assert "niet geldig" in unknown.text
        assert missing.status_code == 404
        assert "niet geldig" in missing.text
