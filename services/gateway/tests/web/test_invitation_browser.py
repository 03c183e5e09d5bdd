"""An invited person follows the e-mail's link in a real browser (headless Chromium, scripts
on): reads the invitation, makes an account by keyboard only and accepts; a used link
explains itself. Zero axe-core violations (WCAG 2.2 AA) on every page; screenshots go to
tests/artifacts/."""

import secrets

import pytest

from tests.support.invitations import invite_by_mail
from tests.support.web import PASSWORD
from tests.web.test_browser import assert_accessible, chromium, visitor  # noqa: F401

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


class TestInvitedPerson:
    async def test_a_new_communications_officer_accepts_by_keyboard(
        self,
        visitor,  # noqa: F811
        page_browser,
        municipality,
        stack_endpoints,
    ):
        path, _ = await invite_by_mail(
            municipality, stack_endpoints.mail_api_url,
            role="communications", message="Welkom! Jij plant de evaluatiemomenten.",
        )  # fmt: skip
        await visitor.goto(f"{visitor.site}{path}")
        assert await visitor.is_visible("text=Welkom! Jij plant de evaluatiemomenten.")
        await assert_accessible(visitor, "flow-invited-1-invitation")

        # A password too short: the error is announced and tied to its field.
        username = f"comm{secrets.token_hex(3)}"
        await visitor.focus("#field-username")
        await visitor.keyboard.type(username)
        await visitor.focus("#field-password")
        await visitor.keyboard.type("kort")
        async with visitor.expect_navigation():
            await visitor.keyboard.press("Enter")
        assert await visitor.is_visible("#error-summary")
        assert await visitor.get_attribute("#field-password", "aria-invalid") == "true"
        await assert_accessible(visitor, "flow-invited-2-password-too-short")

        await visitor.fill("#field-password", PASSWORD)
        await visitor.focus("#field-password")
        async with visitor.expect_navigation():
            await visitor.keyboard.press("Enter")
        assert await visitor.is_visible("text=Uitnodiging aanvaard")
        await assert_accessible(visitor, "flow-invited-3-accepted")
        assert (
            await visitor.get_attribute("main a[href^='/auth/login']", "href")
            == "/auth/login?return_to=%2Fstaff%2Fguide"
        )

        # The account is real: it signs in through Keycloak and holds the role.
        await page_browser.sign_in(username)
        me = await municipality.ok("GET", "identity", "/v1/me", username)
        assert "communications" in {grant["role"] for grant in me["grants"]}

        # The link is used up now, and says so.
        await visitor.goto(f"{visitor.site}{path}")
        assert await visitor.is_visible("text=Deze uitnodiging is al aanvaard.")
        await assert_accessible(visitor, "flow-invited-4-link-used")
