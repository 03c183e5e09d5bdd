"""Key steps of the story in a real browser: headless Chromium (Debian's) driven by Playwright.

People sign in through Keycloak's own login page and use the gateway's pages at the
municipality's host name, which the browser resolves to the story's gateway. A page that
does not go as expected raises `StoryError` naming the step, the role and what the browser
was doing, and leaves a screenshot of where it stood in `artifacts/`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from storykit import PASSWORD, Person, Story, StoryError, Tenant

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 30_000
LOCALES = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}

# Where a staff member lands after their first sign-in.
GUIDE_PATH = "/staff/guide"


class StoryBrowser:
    """One Chromium for the run, started at first use; a fresh context (cookies) per person."""

    def __init__(
        self,
        story: Story,
        artifacts: Path,
    ) -> None:
        self.story = story
        self.artifacts = artifacts
        self.port = urlsplit(story.gateway_url).port
        self._playwright: Any = None
        self._browser: Any = None

    def _chromium(self) -> Any:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            run = self.story.run
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                # Every host name of the story's municipalities is this machine.
                args=[
                    *CHROMIUM_FLAGS,
                    f"--host-resolver-rules=MAP *.gent-{run}.be 127.0.0.1, "
                    f"MAP *.utrecht-{run}.nl 127.0.0.1",
                ],
            )
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()

    def site(self, tenant: Tenant) -> str:
        return f"http://{tenant.host}:{self.port}"

    # --- signing in --------------------------------------------------------------------

    @contextmanager
    def signed_in(self, person: Person, return_to: str, why: str) -> Iterator[Any]:
        """A tab of `person`, signed in through Keycloak's login page, at `return_to`."""
        context = self._chromium().new_context(locale=LOCALES.get(person.language, "nl-BE"))
        context.set_default_timeout(TIMEOUT_MS)
        tab = context.new_page()
        callbacks: list[str] = []  # Keycloak's redirect back, once the browser gave up on it

        def sent_back(request: Any) -> None:
            if "/auth/callback" in request.url:
                callbacks.append(request.url)

        tab.on("requestfailed", sent_back)
        tab.on("requestfinished", sent_back)
        site = self.site(person.tenant)
        try:
            with self.doing(person, tab, f"sign in through Keycloak's login page ({why})"):
                tab.goto(f"{site}/auth/login?return_to={quote(return_to)}")
                if "/realms/" not in tab.url:
                    raise self.story.fail(person, f"the sign-in did not reach Keycloak: {tab.url}")
                tab.fill("#username", person.username)
                tab.fill("#password", PASSWORD)
                tab.click("#kc-login", no_wait_after=True)
                self._await(lambda: bool(callbacks), person, tab, "Keycloak's redirect back")
                # Keycloak sends the browser to the callback on the public port (80 in
                # production); locally nothing listens there and the gateway is on its own
                # port: once the browser shows its error page, the same path and query there.
                self._await(
                    lambda: "/realms/" not in tab.url, person, tab, "the end of the redirect"
                )
                tab.wait_for_load_state()
                back = urlsplit(callbacks[-1])
                tab.goto(f"{site}{back.path}?{back.query}")
                if urlsplit(tab.url).path == GUIDE_PATH:
                    # A staff member's first sign-in opens their onboarding guide, once.
                    self.shot(tab, f"{self.story.where().replace(' ', '-')}-first-sign-in-guide")
                    tab.goto(f"{site}{return_to}")
                if urlsplit(tab.url).path != return_to:
                    raise self.story.fail(person, f"after signing in the browser is at {tab.url}")
            yield tab
        finally:
            context.close()

    def _await(self, done: Callable[[], bool], who: Person, tab: Any, what: str) -> None:
        for _ in range(int(TIMEOUT_MS / 250)):
            if done():
                return
            tab.wait_for_timeout(250)
        raise self.story.fail(who, f"in the browser, {what} did not come (at {tab.url})")

    # --- pages ---------------------------------------------------------------------------

    @contextmanager
    def doing(self, person: Person, tab: Any, what: str) -> Iterator[None]:
        """Name the role, step and page action of a browser failure, with a screenshot."""
        try:
            yield
        except StoryError:
            self.shot(tab, f"failed-{self.story.where().replace(' ', '-')}")
            raise
        except Exception as exc:  # Playwright's errors: timeouts, navigation
            name = self.shot(tab, f"failed-{self.story.where().replace(' ', '-')}")
            raise self.story.fail(
                person, f"in the browser, {what} failed at {tab.url}: {exc} (see {name})"
            ) from exc

    def shot(self, tab: Any, name: str) -> str:
        """A full-page screenshot in artifacts/, listed in the report."""
        self.artifacts.mkdir(parents=True, exist_ok=True)
        file = f"browser-{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
        try:
            tab.screenshot(path=str(self.artifacts / file), full_page=True)
        except Exception:  # noqa: BLE001 - a closed page: the failure itself says enough
            return "no screenshot"
        if file not in self.story.screenshots:
            self.story.screenshots.append(file)
        return f"artifacts/{file}"
