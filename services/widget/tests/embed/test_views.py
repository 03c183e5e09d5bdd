"""The widget views: every view in every language, visibility exactly as the projects
service's anonymous view, options, and no personal data."""

import re

import pytest
from inspraak_widget.embed.theme import contrast
from inspraak_widget.texts import TEXTS

from tests.support.events import input_snapshot, project_snapshot, texts

LANGS = ("nl", "fr", "en")
MODES = ("fragment", "frame")


def view_params(view: str, world) -> dict[str, str]:
    return {"project": world.open["slug"]} if view in ("project", "inputs") else {}


def expected_texts(view: str, lang: str) -> list[str]:
    park = f"Het nieuwe park [{lang}]"
    return {
        "projects": [TEXTS["projects_heading"][lang], park],
        "project": [park, TEXTS["cta_ideation"][lang]],
        "inputs": ["Meer bomen op het plein", TEXTS["have_your_say"][lang]],
        "button": [TEXTS["have_your_say"][lang]],
    }[view]


def unescape(html: str) -> str:
    return html.replace("&#39;", "'").replace("&amp;", "&")


class TestEveryViewInEveryLanguage:
    @pytest.mark.parametrize("mode", MODES)
    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("view", ["projects", "project", "inputs", "button"])
    async def test_view_renders_in_language(self, api, world, town, view, lang, mode):
        response = await api.get(
            f"/v1/widget/{mode}/{view}",
            headers=town.headers(),
            params={"lang": lang, **view_params(view, world)},
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        html = unescape(response.text)
        assert f'lang="{lang}"' in html
        for expected in expected_texts(view, lang):
            assert expected in html
        if mode == "frame":
            assert html.startswith("<!doctype html>")
            assert 'target="_top"' in html  # links leave the frame, not open inside it

    async def test_language_the_tenant_does_not_offer_falls_back_to_its_default(
        self, api, world, city
    ):
        response = await api.get(
            "/v1/widget/fragment/projects", headers=city.headers(), params={"lang": "fr"}
        )
        assert 'lang="nl"' in response.text
        assert TEXTS["projects_heading"]["nl"] in response.text

    async def test_views_are_labelled_for_screen_readers(self, api, world, town):
        html = (await api.get("/v1/widget/fragment/projects", headers=town.headers())).text
        assert re.search(r'<section class="isw" lang="nl" aria-label="Inspraak bij Gemeente ', html)
        assert "<h2>" in html
        button = (await api.get("/v1/widget/fragment/button", headers=town.headers())).text
        assert 'aria-label="Geef je mening"' in button

    async def test_project_view_shows_current_phase_and_its_call_to_action(self, api, world, town):
        html = unescape(
            (
                await api.get(
                    "/v1/widget/fragment/project",
                    headers=town.headers(),
                    params={"project": world.closing["project_id"], "lang": "en"},
                )
            ).text
        )
        assert "Phase survey [en], until" in html
        assert TEXTS["cta_survey"]["en"] in html


class TestVisibility:
    NEVER = ("Verborgen plan", "Besloten overleg", "Kladversie", "Oud marktplein", "Stadsproject")

    async def test_active_projects_list_only_published_public_projects_of_the_tenant(
        self, api, world, town
    ):
        for lang in LANGS:
            html = (
                await api.get(
                    "/v1/widget/fragment/projects",
                    headers=town.headers(),
                    params={"lang": lang, "limit": 20},
                )
            ).text
            assert "Het nieuwe park" in html
            assert "Autoluwe schoolstraat" in html
            for title in self.NEVER:
                assert title not in html

    @pytest.mark.parametrize("which", ["hidden", "restricted", "draft", "foreign"])
    @pytest.mark.parametrize("view", ["project", "inputs", "button"])
    async def test_a_project_residents_may_not_see_is_not_found(
        self, api, world, town, which, view
    ):
        project = getattr(world, which)
        for key in (project["slug"], project["project_id"]):
            response = await api.get(
                f"/v1/widget/fragment/{view}", headers=town.headers(), params={"project": key}
            )
            assert response.status_code == 404, response.text
            assert response.headers["content-type"] == "application/problem+json"

    async def test_framed_view_of_a_hidden_project_is_a_plain_not_available_page(
        self, api, world, town
    ):
        response = await api.get(
            "/v1/widget/frame/project",
            headers=town.headers(),
            params={"project": world.hidden["slug"], "lang": "fr"},
        )
        assert response.status_code == 404
        assert TEXTS["unavailable"]["fr"].replace("'", "&#39;") in response.text
        assert "Verborgen plan" not in response.text

    async def test_archived_project_can_be_shown_as_closed(self, api, world, town):
        html = (
            await api.get(
                "/v1/widget/fragment/project",
                headers=town.headers(),
                params={"project": world.archived["slug"]},
            )
        ).text
        assert "Oud marktplein [nl]" in html
        assert TEXTS["closed"]["nl"] in html
        assert TEXTS["cta_none"]["nl"] in html

    async def test_hidden_and_deleted_inputs_never_appear(self, api, world, town):
        html = (
            await api.get(
                "/v1/widget/fragment/inputs",
                headers=town.headers(),
                params={"project": world.open["slug"], "limit": 20},
            )
        ).text
        assert "Meer bomen op het plein" in html
        assert "Hidden by a moderator" not in html
        assert "Deleted by its author" not in html

    async def test_no_personal_data_in_widget_responses(self, api, world, town):
        for view in ("projects", "project", "inputs", "button"):
            response = await api.get(
                f"/v1/widget/fragment/{view}",
                headers=town.headers(),
                params=view_params(view, world),
            )
            for secret in ("secret-username", "author-user-id", "moderator-user-id"):
                assert secret not in response.text
            assert "set-cookie" not in response.headers

    async def test_project_hidden_later_disappears_and_an_older_redelivery_cannot_revive_it(
        self, api, world, town, publish_as, wait
    ):
        listing = "/v1/widget/fragment/projects?limit=20"
        project = project_snapshot(title=texts("Tijdelijk zichtbaar"))
        await publish_as("projects", "project", "published", town, project)
        await wait(town, listing, lambda r: "Tijdelijk zichtbaar" in r.text)
        hidden = project | {"version": 2, "visibility": "hidden"}
        await publish_as("projects", "project", "visibility_changed", town, hidden)
        await wait(town, listing, lambda r: "Tijdelijk" not in r.text)
        # The old public snapshot arrives again, then a sentinel behind it on the same stream.
        await publish_as("projects", "project", "published", town, project)
        sentinel = project_snapshot(title=texts("Na de herhaling"), status="archived")
        await publish_as("projects", "project", "archived", town, sentinel)
        await wait(
            town,
            "/v1/widget/fragment/project",
            lambda r: r.status_code == 200,
            project=sentinel["slug"],
        )
        html = (await api.get(listing, headers=town.headers())).text
        assert "Tijdelijk zichtbaar" not in html


class TestOptions:
    async def test_limit_and_title_sort(self, api, world, town):
        html = (
            await api.get(
                "/v1/widget/fragment/projects",
                headers=town.headers(),
                params={"sort": "title", "limit": 1},
            )
        ).text
        assert "Autoluwe schoolstraat" in html
        assert "Het nieuwe park" not in html

    async def test_closing_sort_puts_the_phase_that_ends_first_on_top(self, api, world, town):
        html = (
            await api.get(
                "/v1/widget/fragment/projects",
                headers=town.headers(),
                params={"sort": "closing", "limit": 20},
            )
        ).text
        assert html.index("Autoluwe schoolstraat") < html.index("Het nieuwe park")

    @pytest.mark.parametrize(
        ("param", "value"),
        [("department", None), ("area", "area-north"), ("topic", "topic-green")],
    )
    async def test_filters_by_department_area_and_topic(self, api, world, town, param, value):
        value = value or world.department_id
        html = (
            await api.get(
                "/v1/widget/fragment/projects", headers=town.headers(), params={param: value}
            )
        ).text
        assert "Het nieuwe park" in html
        assert "Autoluwe schoolstraat" not in html
        other = (
            await api.get(
                "/v1/widget/fragment/projects", headers=town.headers(), params={param: "elsewhere"}
            )
        ).text
        assert "Het nieuwe park" not in other
        assert TEXTS["no_projects"]["nl"] in other

    async def test_inputs_sorted_by_support(self, api, world, town, publish_as, wait):
        popular = input_snapshot(
            world.closing["project_id"],
            title="Popular idea",
            counts={"comments": 0, "up": 40, "down": 0, "votes": 0},
            created_at="2026-01-01T10:00:00+00:00",
        )
        recent = input_snapshot(world.closing["project_id"], title="Recent idea")
        for item in (popular, recent):
            await publish_as("contributions", "input", "created", town, item)
        params = {"project": world.closing["slug"]}
        newest = await wait(
            town, "/v1/widget/fragment/inputs", lambda r: "Recent idea" in r.text, **params
        )
        assert newest.text.index("Recent idea") < newest.text.index("Popular idea")
        by_support = await api.get(
            "/v1/widget/fragment/inputs",
            headers=town.headers(),
            params=params | {"sort": "popular"},
        )
        assert by_support.text.index("Popular idea") < by_support.text.index("Recent idea")

    async def test_colours_come_from_branding_and_stay_readable_when_overridden(
        self, api, world, town
    ):
        branded = (await api.get("/v1/widget/fragment/button", headers=town.headers())).text
        assert "background:#0b5394;color:#ffffff" in branded
        yellow = (
            await api.get(
                "/v1/widget/fragment/projects", headers=town.headers(), params={"color": "ffeb3b"}
            )
        ).text
        assert "background:#ffeb3b;color:#000000" in yellow
        link = re.search(r"\.isw a\{color:(#[0-9a-f]{6})\}", yellow).group(1)
        assert contrast(link, "#ffffff") >= 4.5

    @pytest.mark.parametrize(
        ("path", "params"),
        [
            ("/v1/widget/fragment/projects", {"sort": "popular"}),
            ("/v1/widget/fragment/project", {}),
            ("/v1/widget/fragment/inputs", {}),
            ("/v1/widget/fragment/projects", {"limit": 0}),
            ("/v1/widget/fragment/projects", {"limit": 21}),
            ("/v1/widget/fragment/projects", {"color": "red"}),
            ("/v1/widget/fragment/projects", {"lang": "de"}),
            ("/v1/widget/fragment/projects", {"project": "<script>"}),
            ("/v1/widget/fragment/calendar", {}),
        ],
    )
    async def test_bad_options_are_a_clear_422(self, api, world, town, path, params):
        response = await api.get(path, headers=town.headers(), params=params)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"

    async def test_unknown_tenant_is_404_and_missing_tenant_header_is_400(self, api):
        unknown = await api.get(
            "/v1/widget/fragment/projects", headers={"X-Inspraak-Tenant": "nowhere-town"}
        )
        assert unknown.status_code == 404
        assert (await api.get("/v1/widget/fragment/projects")).status_code == 400
