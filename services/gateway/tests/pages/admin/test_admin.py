"""The superadmin's and department head's screens, the onboarding guide and the terms for
external moderators; a policy maker gets none of them."""

import re

import pytest

from tests.support.web import apply_spec, eventually, municipality_spec, phase

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
async def green(municipality) -> dict:
    """A project in the department "groen", with external moderators allowed."""
    await apply_spec(municipality, municipality_spec(municipality, allowExternalModerators=True))
    return await municipality.project("bomenplan", [phase("ideation")], department="groen")


@pytest.fixture(scope="module")
async def pia(municipality) -> str:
    await municipality.person_with_role("pia", "policy_maker")
    return "pia"


class TestOnboarding:
    async def test_a_new_staff_member_gets_the_guide_after_the_first_sign_in_only(
        self, page_browser, municipality
    ):
        await municipality.person_with_role("gwen", "communications")
        first = await page_browser.sign_in("gwen")
        assert first == "/staff/guide?welcome=1"
        guide = await page_browser.get(first)
        assert guide.status_code == 200
        assert "Welkom!" in guide.text
        assert "Geeft het platform een plaats in het communicatieplan" in guide.text  # catalogue
        assert 'href="/staff/calendar"' in guide.text
        await page_browser.submit("/auth/logout", {})
        assert await page_browser.sign_in("gwen", return_to="/me/profile") == "/me/profile"

    async def test_an_external_moderator_accepts_the_terms_first_then_gets_the_guide(
        self, page_browser, municipality, green
    ):
        await page_browser.sign_in("sam")
        published = await page_browser.submit(
            "/staff/settings/terms",
            {"terms_nl": "Wees vriendelijk.", "terms_fr": "Soyez aimable.", "terms_en": "Be kind."},
        )
        assert published.status_code == 303
        await page_browser.submit("/auth/logout", {})
        await municipality.person_with_role("xena", "project_moderator", green["id"], True)
        first = await page_browser.sign_in("xena")
        assert first.startswith("/staff/terms?welcome=1")
        terms = await page_browser.get(first)
        assert "Wees vriendelijk." in terms.text
        version = re.search(r'name="version" value="(\d+)"', terms.text).group(1)
        unticked = await page_browser.submit("/staff/terms", {"version": version})
        assert unticked.status_code == 422
        assert 'href="#field-agree"' in unticked.text
        accepted = await page_browser.submit("/staff/terms", {"version": version, "agree": "1"})
        assert accepted.status_code == 303
        guide = await page_browser.get(accepted.headers["location"])
        assert "Projectmoderator (extern)" in guide.text
        me = await municipality.ok("GET", "identity", "/v1/me", "xena")
        assert [g["status"] for g in me["grants"]] == ["active"]
        # Straight on, in the same session: the session's token carries the new role, so
        # the projects service lets her save the page (it reads roles from the token).
        project = await municipality.ok("GET", "projects", f"/projects/{green['id']}", "sam")
        form = {f"{key}-{lang}": project[key][lang] for key in ("title", "summary", "goal",
                "input_use") for lang in ("nl", "fr", "en")}  # fmt: skip
        form["goal-nl"] = "Meer bomen in elke straat"
        saved = await page_browser.submit(f"/staff/projects/{green['id']}/edit", form)
        assert saved.status_code == 303, saved.text
        project = await municipality.ok("GET", "projects", f"/projects/{green['id']}", "sam")
        assert project["goal"]["nl"] == "Meer bomen in elke straat"


class TestTeam:
    async def test_bulk_invitations_report_each_line_and_send_the_good_ones(self, page_browser):
        await page_browser.sign_in("sam")
        rows = (
            "e-mail,rol\nanna@example.org,policy_maker\ngeen-adres,policy_maker\n"
            "bob@example.org,baas\nanna@example.org,policy_maker\n"
        )
        done = await page_browser.submit("/staff/team/invitations/bulk", {"rows": rows})
        assert done.status_code == 200
        result = re.search(
            r'<table class="utrecht-table" id="bulk-result">.*?</table>', done.text, re.S
        ).group(0)
        lines = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", result, re.S)[1:]
        assert len(lines) == 4
        assert "Uitnodiging verstuurd" in lines[0]
        assert "Dit is geen e-mailadres." in lines[1]
        assert "Onbekende rol." in lines[2]
        # The same invitation twice: identity refuses the second; the page says why in the
        # person's language, from identity's problem type.
        assert "Niet verstuurd" in lines[3]
        assert "heeft al een openstaande uitnodiging voor deze rol" in lines[3]
        assert "pending invitation" not in lines[3]
        uploaded = await page_browser.gateway.post(
            "/staff/team/invitations/bulk",
            data={"csrf_token": await page_browser.csrf()},
            files={"file": ("team.csv", b"dora@example.org,communications\n", "text/csv")},
            headers={"Accept": "text/html"},
        )
        assert uploaded.status_code == 200
        team = await page_browser.get("/staff/team")
        assert "anna@example.org" in team.text
        assert "dora@example.org" in team.text
        assert 'href="/staff/guides/project_moderator_external"' in team.text

    async def test_departments_are_added_and_renamed(self, page_browser):
        await page_browser.sign_in("sam")
        missing = await page_browser.submit("/staff/departments", {"name_nl": "Cultuur"})
        assert missing.status_code == 422
        assert 'href="#field-slug"' in missing.text
        added = await page_browser.submit(
            "/staff/departments", {"slug": "cultuur", "name_nl": "Cultuur", "name_en": "Culture"}
        )
        assert added.status_code == 303
        page = await page_browser.get(added.headers["location"])
        action = re.search(r'action="(/staff/departments/[^"]+)"[^>]*>(?:(?!</form>).)*'
                           r'value="Cultuur"', page.text, re.S).group(1)  # fmt: skip
        renamed = await page_browser.submit(action, {"name_nl": "Cultuur en erfgoed"})
        assert renamed.status_code == 303
        assert "Cultuur en erfgoed" in (await page_browser.get("/staff/departments")).text


class TestSettingsSupportAndOutbox:
    async def test_settings_show_what_the_operator_owns_read_only(self, page_browser, municipality):
        await page_browser.sign_in("sam")
        page = await page_browser.get("/staff/settings")
        assert page.status_code == 200
        assert f"Gemeente {municipality.slug}" in page.text
        assert "#0b5394" in page.text
        assert "De beheerder van het platform wijzigt ze" in page.text
        empty = await page_browser.submit("/staff/settings/terms", {"terms_nl": "Alleen nl"})
        assert empty.status_code == 422
        assert 'href="#field-terms_fr"' in empty.text

    async def test_support_access_is_given_listed_and_ended(self, page_browser):
        await page_browser.sign_in("sam")
        bad = await page_browser.submit("/staff/support", {"hours": "0", "reason": "x"})
        assert bad.status_code == 422
        assert 'href="#field-hours"' in bad.text
        given = await page_browser.submit(
            "/staff/support", {"hours": "4", "reason": "Hulp bij de opstart"}
        )
        assert given.status_code == 303
        page = await page_browser.get(given.headers["location"])
        assert "Hulp bij de opstart" in page.text
        assert "Actief" in page.text
        end = re.search(r'action="(/staff/support/[^"]+/revoke)"', page.text).group(1)
        ended = await page_browser.submit(end, {})
        page = await page_browser.get(ended.headers["location"])
        assert "Beëindigd" in page.text

    async def test_the_outbox_shows_mail_without_full_addresses(self, page_browser, municipality):
        await page_browser.sign_in("sam")
        page = await eventually(
            lambda: page_browser.get("/staff/outbox"),
            lambda r: f"s…@{municipality.slug}.example.org" in r.text,
        )
        assert "invitation" in page.text
        assert f"s…@{municipality.slug}.example.org" in page.text
        assert f"sam@{municipality.slug}.example.org" not in page.text

    async def test_a_policy_maker_sees_nothing_extra(self, page_browser, pia):
        await page_browser.sign_in(pia)
        overview = await page_browser.get("/staff")
        for path in ("/staff/settings", "/staff/support", "/staff/outbox", "/staff/departments",
                     "/staff/widget", "/staff/department"):  # fmt: skip
            assert f'href="{path}"' not in overview.text
            assert (await page_browser.get(path)).status_code == 403, path
        assert 'href="/staff/guide"' in overview.text


class TestWidgetConfigurator:
    async def test_the_snippet_and_preview_follow_the_choices(self, page_browser, green):
        await page_browser.sign_in("sam")
        page = await page_browser.get(
            "/staff/widget", params={"view": "project", "project": "bomenplan", "color": "#aa0000"}
        )
        assert page.status_code == 200
        assert 'data-inspraak-view=&#34;project&#34; data-inspraak-color=&#34;aa0000&#34; ' \
               'data-inspraak-project=&#34;bomenplan&#34;' in page.text  # fmt: skip
        preview = re.search(r'<iframe class="inspraak-widget-preview" src="([^"]+)"', page.text)
        framed = await page_browser.get(preview.group(1).replace("&amp;", "&"))
        assert framed.status_code == 200
        assert "Project bomenplan (nl)" in framed.text


class TestDepartmentHead:
    async def test_the_head_manages_the_moderators_and_the_weekly_digest(
        self, page_browser, municipality, green
    ):
        departments = await municipality.ok("GET", "projects", "/departments", "sam")
        groen = next(d for d in departments if d["slug"] == "groen")
        await municipality.person_with_role("hilde", "department_head", groen["id"])
        await municipality.person_with_role("moderik", "project_moderator", green["id"])
        await page_browser.sign_in("hilde")
        assert 'href="/staff/department"' in (await page_browser.get("/staff")).text
        page = await eventually(
            lambda: page_browser.get("/staff/department"), lambda r: "moderik" in r.text
        )
        assert "Project bomenplan (nl)" in page.text
        remove = re.search(r'action="(/staff/department/moderators/[^"]+/revoke)"', page.text)
        removed = await page_browser.submit(remove.group(1), {})
        assert removed.status_code == 303
        page = await page_browser.get(removed.headers["location"])
        assert "De moderator modereert het project niet langer." in page.text
        invited = await page_browser.submit(
            "/staff/department/invitations",
            {"invite_email": "vrijwilliger@example.org", "invite_project_id": green["id"],
             "invite_external": "1"},
        )  # fmt: skip
        assert invited.status_code == 303, invited.text
        assert "vrijwilliger@example.org" in (await page_browser.get("/staff/department")).text
        off = await page_browser.submit("/staff/department/digest", {"weekly": "0"})
        page = await page_browser.get(off.headers["location"])
        assert "Je krijgt het wekelijkse overzicht niet meer." in page.text
        assert re.search(r'id="field-weekly-off"[^>]*checked', page.text)

    async def test_the_head_makes_anyone_moderator_by_username(
        self, page_browser, municipality, green
    ):
        # hilde heads "groen" (the test above); nora is on the platform but in no team.
        await municipality.person("nora")
        await page_browser.sign_in("hilde")
        page = await page_browser.get("/staff/department")
        assert 'id="field-username"' in page.text
        unknown = await page_browser.submit(
            "/staff/department/moderators", {"username": "niemand", "project_id": green["id"]}
        )
        assert unknown.status_code == 422
        assert 'href="#field-username"' in unknown.text
        assert "Er is hier niemand met de gebruikersnaam niemand." in unknown.text
        assert re.search(r'id="field-username"[^>]*aria-invalid="true"', unknown.text)
        added = await page_browser.submit(
            "/staff/department/moderators", {"username": "nora", "project_id": green["id"]}
        )
        assert added.status_code == 303, added.text
        page = await page_browser.get(added.headers["location"])
        assert "De moderator is aan het project toegevoegd." in page.text
        grants = await municipality.ok(
            "GET", "identity", f"/v1/roles/grants?userId={municipality.users['nora']}", "sam"
        )
        assert [(g["role"], g["scopeId"]) for g in grants] == [("project_moderator", green["id"])]
