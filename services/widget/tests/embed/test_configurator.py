"""The configurator page: for the IT officer, communications and the superadmin only."""

import json
import re

import pytest
from inspraak_widget.texts import TEXTS

PATH = "/v1/widget/configurator"


def config_of(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="isw-config">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))


class TestConfigurator:
    @pytest.mark.parametrize("role", ["it_admin", "communications", "superadmin"])
    async def test_staff_who_embed_the_platform_get_the_page(self, api, world, town, role):
        response = await api.get(PATH, headers=town.headers(town.person(role)))
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        config = config_of(response.text)
        assert config["base"] == f"https://{town.primary}/v1/widget/"
        assert config["preview"] == "/v1/widget/"
        assert config["defaults"]["color"] == "#0b5394"

    async def test_page_offers_only_projects_a_widget_may_show(self, api, world, town):
        html = (await api.get(PATH, headers=town.headers(town.person("it_admin")))).text
        assert f'value="{world.open["slug"]}"' in html
        assert f'value="{world.archived["slug"]}"' in html
        for project in (world.hidden, world.restricted, world.draft, world.foreign):
            assert project["slug"] not in html

    @pytest.mark.parametrize("lang", ["nl", "fr", "en"])
    async def test_page_speaks_the_chosen_language(self, api, world, town, lang):
        response = await api.get(
            PATH, headers=town.headers(town.person("communications")), params={"lang": lang}
        )
        assert f'<html lang="{lang}">' in response.text
        assert TEXTS["cfg_title"][lang] in response.text
        assert TEXTS["cfg_view_button"][lang].replace("'", "&#39;") in response.text

    @pytest.mark.parametrize("role", ["user", "policy_maker"])
    async def test_other_roles_are_refused(self, api, world, town, role):
        response = await api.get(PATH, headers=town.headers(town.person(role)))
        assert response.status_code == 403

    async def test_anonymous_is_401_and_another_tenants_officer_403(self, api, world, town, city):
        assert (await api.get(PATH, headers=town.headers())).status_code == 401
        officer_of_town = town.person("it_admin")
        response = await api.get(PATH, headers=city.headers(officer_of_town))
        assert response.status_code == 403
        assert response.json()["type"].endswith("wrong-tenant")
