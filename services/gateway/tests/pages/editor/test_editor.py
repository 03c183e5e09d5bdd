"""The project moderator's screens: the project editor (page in every language, map area,
phases with their surveys, submission), statuses with official responses that authors see,
results with charts and exports; residents get none of them."""

import json
import re
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any

import pytest

from tests.support.web import PASSWORD, phase

# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[3.72, 51.05], [3.73, 51.05], [3.73, 51.06], [3.72, 51.06], [3.72, 51.05]]],
}


def local(days: int) -> str:
    """A `datetime-local` value `days` from now (the form's local time)."""
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT10:00")


async def project_of(municipality, project_id: str) -> dict[str, Any]:
    return dict(await municipality.ok("GET", "projects", f"/projects/{project_id}", "sam"))


@pytest.fixture(scope="module")
async def draft(municipality) -> dict:
    return await municipality.draft("kerkplein")


@pytest.fixture(scope="module")
async def lane(municipality) -> dict:
    """A published ideation project with rita's idea in it."""
    project = await municipality.project("dorpsstraat", [phase("ideation")])
    phase_id = (await project_of(municipality, project["id"]))["phases"][0]["id"]
    idea = await municipality.ok(
        "POST", "contributions", f"/projects/{project['id']}/phases/{phase_id}/inputs", "rita",
        json={"title": "Bredere stoepen", "body": "Voor kinderwagens en rolstoelen"},
    )  # fmt: skip
    return {**project, "input_id": idea["input_id"]}


@pytest.fixture(scope="module")
async def mia(municipality, draft, lane) -> str:
    """The moderator of both projects (internal staff)."""
    await municipality.moderator("mia", [draft["id"], lane["id"]])
    return "mia"


class TestAccess:
    async def test_a_resident_may_not_open_the_editor_or_a_draft(self, page_browser, draft, lane):
        await page_browser.sign_in("rita")
        assert (await page_browser.get("/staff/projects")).status_code == 403
        assert (await page_browser.get(f"/staff/projects/{draft['id']}/edit")).status_code == 404
        for path in ("edit", "inputs", "results", "updates"):
            refused = await page_browser.get(f"/staff/projects/{lane['id']}/{path}")
            assert refused.status_code == 403, path
        export = await page_browser.get(f"/staff/projects/{lane['id']}/exports/inputs")
        assert export.status_code == 403

    async def test_a_form_without_the_session_token_is_refused(self, page_browser, draft, mia):
        await page_browser.sign_in("mia")
        forged = await page_browser.post(f"/staff/projects/{draft['id']}/edit", {"title-nl": "X"})
        assert forged.status_code == 403
        assert (await project_of(page_browser.town, draft["id"]))["title"]["nl"] == "Kerkplein (nl)"


class TestNewDraft:
    async def test_the_superadmin_creates_a_draft_in_a_department(self, page_browser, draft):
        await page_browser.sign_in("sam")
        page = await page_browser.get("/staff/projects")
        department = re.search(r'<option value="([^"]+)"[^>]*>Wijken \(nl\)', page.text).group(1)
        missing = await page_browser.submit(
            "/staff/projects", {"department_id": department, "title": ""}
        )
        assert missing.status_code == 422
        assert 'href="#field-title"' in missing.text
        created = await page_browser.submit(
            "/staff/projects", {"department_id": department, "title": "Nieuwe brug"}
        )
        assert created.status_code == 303
        editor = await page_browser.get(created.headers["location"])
        assert editor.status_code == 200
        assert "Het ontwerp van het project is aangemaakt." in editor.text
        assert 'value="Nieuwe brug"' in editor.text


class TestProjectList:
    async def test_the_list_pages_forward_and_back_with_the_service_s_cursor(
        self, page_browser, draft, lane
    ):
        await page_browser.sign_in("sam")
        seen: list[str] = []
        page = await page_browser.get("/staff/projects?per_page=1")
        assert 'rel="prev"' not in page.text
        while True:
            [project_id] = re.findall(r'href="/staff/projects/([^/"]+)/inputs"', page.text)
            seen.append(project_id)
            following = re.search(r'rel="next" href="([^"]+)"', page.text)
            if following is None:
                break
            page = await page_browser.get(unescape(following.group(1)))
            assert page.status_code == 200
        assert len(seen) == len(set(seen)) >= 2  # every project once, over several pages
        assert {draft["id"], lane["id"]} <= set(seen)
        # Back from the last page, one page at a time, to the first.
        for expected in reversed(seen[:-1]):
            back = re.search(r'rel="prev" href="([^"]+)"', page.text).group(1)
            page = await page_browser.get(unescape(back))
            assert re.findall(r'href="/staff/projects/([^/"]+)/inputs"', page.text) == [expected]
        assert 'rel="prev"' not in page.text


class TestProjectEditor:
    async def test_the_moderator_sees_only_their_projects(self, page_browser, mia, draft, lane):
        await page_browser.sign_in("mia")
        assert 'href="/staff/projects"' in (await page_browser.get("/staff")).text
        page = await page_browser.get("/staff/projects")
        assert f'href="/staff/projects/{draft["id"]}/edit"' in page.text
        assert f'href="/staff/projects/{lane["id"]}/inputs"' in page.text
        assert "Nieuw ontwerp-project" not in page.text  # creating is not a moderator's job
        assert "Nieuwe brug" not in page.text  # another project of the department

    async def test_the_page_is_saved_in_every_language_and_a_bad_area_is_refused_at_the_field(
        self, page_browser, mia, draft
    ):
        await page_browser.sign_in("mia")
        form = {f"{key}-{lang}": f"{key} {lang}" for key in ("title", "summary", "goal",
                "input_use") for lang in ("nl", "fr", "en")}  # fmt: skip
        bad = await page_browser.submit(
            f"/staff/projects/{draft['id']}/edit", {**form, "area": "{geen json"}
        )
        assert bad.status_code == 422
        assert 'href="#field-area"' in bad.text
        assert 'id="field-area-error"' in bad.text
        open_ring = {"type": "Polygon", "coordinates": [SQUARE["coordinates"][0][:-1]]}
        refused = await page_browser.submit(
            f"/staff/projects/{draft['id']}/edit", {**form, "area": json.dumps(open_ring)}
        )
        assert refused.status_code == 422
        assert "ring" in re.search(r'id="field-area-error">([^<]+)<', refused.text).group(1)
        saved = await page_browser.submit(
            f"/staff/projects/{draft['id']}/edit", {**form, "area": json.dumps(SQUARE)}
        )
        assert saved.status_code == 303
        assert (
            "De projectpagina is opgeslagen."
            in (await page_browser.get(saved.headers["location"])).text
        )
        project = await project_of(page_browser.town, draft["id"])
        assert project["goal"] == {"nl": "goal nl", "fr": "goal fr", "en": "goal en"}
        assert project["input_use"]["fr"] == "input_use fr"
        assert project["area_geometry"] == SQUARE

    async def test_a_survey_phase_is_added_with_its_questions_changed_and_removed(
        self, page_browser, mia, draft
    ):
        await page_browser.sign_in("mia")
        base = f"/staff/projects/{draft['id']}"
        survey = {
            "kind": "survey", "name-nl": "Bevraging", "name-fr": "Enquête", "name-en": "Survey",
            "starts_at": local(10), "ends_at": local(5),
            "items-nl": "single: Welk plein? | Markt; Station\ntext: Waarom?",
            "items-fr": "single: Quelle place ? | Marché; Gare\ntext: Pourquoi ?",
            "items-en": "single: Which square? | Market; Station\ntext: Why?",
        }  # fmt: skip
        backwards = await page_browser.submit(f"{base}/phases", survey)
        assert backwards.status_code == 422
        assert 'id="field-ends_at-error"' in backwards.text
        added = await page_browser.submit(f"{base}/phases", {**survey, "ends_at": local(20)})
        assert added.status_code == 303, added.text
        [made] = (await project_of(page_browser.town, draft["id"]))["phases"]
        questions = made["survey"]["questions"]
        assert [q["type"] for q in questions] == ["single_choice", "text"]
        assert questions[0]["text"] == {"nl": "Welk plein?", "fr": "Quelle place ?",
                                        "en": "Which square?"}  # fmt: skip
        assert [o["text"]["fr"] for o in questions[0]["options"]] == ["Marché", "Gare"]

        editor = await page_browser.get(f"{base}/phases/{made['id']}")
        assert "single: Welk plein? | Markt; Station" in editor.text
        changed = await page_browser.submit(
            f"{base}/phases/{made['id']}", {**survey, "starts_at": local(12), "ends_at": local(30)}
        )
        assert changed.status_code == 303
        [moved] = (await project_of(page_browser.town, draft["id"]))["phases"]
        assert moved["starts_at"] > made["starts_at"]
        # The questions kept their ids: answers already given would stay attached.
        assert [q["id"] for q in moved["survey"]["questions"]] == [q["id"] for q in questions]

        removed = await page_browser.submit(f"{base}/phases/{made['id']}/delete", {})
        assert removed.status_code == 303
        assert (await project_of(page_browser.town, draft["id"]))["phases"] == []

    async def test_a_matrix_question_goes_round_trip_with_its_rows_keeping_their_ids(
        self, page_browser
    ):
        draft = await page_browser.town.draft("schoolstraat")
        await page_browser.sign_in("sam")
        base = f"/staff/projects/{draft['id']}"
        # The page explains the format with an example.
        help_text = (await page_browser.get(f"{base}/edit")).text
        assert "matrix: Hoe veilig is het? | Veilig; Onveilig | Overdag;" in help_text
        survey = {
            "kind": "survey", "name-nl": "Bevraging", "name-fr": "Enquête", "name-en": "Survey",
            "starts_at": local(10), "ends_at": local(20),
            "items-nl": "matrix: Hoe veilig? | Veilig; Onveilig | Overdag; 's Nachts",
            "items-fr": "matrix: Sûr ? | Sûr; Dangereux | Le jour; La nuit",
            "items-en": "matrix: How safe? | Safe; Unsafe | By day; At night",
        }  # fmt: skip
        uneven = await page_browser.submit(
            f"{base}/phases", {**survey, "items-en": "matrix: How safe? | Safe; Unsafe | By day"}
        )
        assert uneven.status_code == 422
        assert 'id="field-items-nl-error"' in uneven.text
        added = await page_browser.submit(f"{base}/phases", survey)
        assert added.status_code == 303, added.text
        [made] = (await project_of(page_browser.town, draft["id"]))["phases"]
        [question] = made["survey"]["questions"]
        assert question["type"] == "matrix"
        assert [o["text"]["nl"] for o in question["options"]] == ["Veilig", "Onveilig"]
        assert [r["text"]["fr"] for r in question["rows"]] == ["Le jour", "La nuit"]

        editor = await page_browser.get(f"{base}/phases/{made['id']}")
        assert "matrix: Sûr ? | Sûr; Dangereux | Le jour; La nuit" in editor.text
        changed = await page_browser.submit(
            f"{base}/phases/{made['id']}",
            {**survey, "items-nl": "matrix: Hoe veilig is het? | Veilig; Onveilig | Overdag; "
                                   "'s Nachts"},
        )  # fmt: skip
        assert changed.status_code == 303, changed.text
        [kept] = (await project_of(page_browser.town, draft["id"]))["phases"][0]["survey"][
            "questions"
        ]
        assert kept["text"]["nl"] == "Hoe veilig is het?"
        assert [r["id"] for r in kept["rows"]] == [r["id"] for r in question["rows"]]
        assert [o["id"] for o in kept["options"]] == [o["id"] for o in question["options"]]

    async def test_submission_shows_the_service_s_answer_and_publishing_works(
        self, page_browser, mia, draft
    ):
        await page_browser.sign_in("mia")
        base = f"/staff/projects/{draft['id']}"
        info = {"kind": "information", "name-nl": "Info", "name-fr": "Info", "name-en": "Info",
                "starts_at": local(1), "ends_at": local(40)}  # fmt: skip
        assert (await page_browser.submit(f"{base}/phases", info)).status_code == 303
        # This municipality needs no approval: the service says so, on the page.
        refused = await page_browser.submit(f"{base}/submission", {"action": "submit"})
        assert refused.status_code == 409
        assert 'role="alert"' in refused.text
        published = await page_browser.submit(f"{base}/submission", {"action": "publish"})
        assert published.status_code == 303
        assert (await project_of(page_browser.town, draft["id"]))["status"] == "published"


class TestResponses:
    async def test_the_moderator_gives_a_status_and_response_that_the_author_sees(
        self, page_browser, mia, lane
    ):
        await page_browser.sign_in("mia")
        page = await page_browser.get(f"/staff/projects/{lane['id']}/inputs")
        assert "Bredere stoepen" in page.text
        action = f"/staff/projects/{lane['id']}/inputs/{lane['input_id']}/response"
        assert f'action="{action}"' in page.text
        bad = await page_browser.submit(action, {"status": "vergeten"})
        assert bad.status_code == 422
        done = await page_browser.submit(
            action, {"status": "accepted", "official_response": "We verbreden ze in 2027."}
        )
        assert done.status_code == 303
        accepted = await page_browser.get(f"/staff/projects/{lane['id']}/inputs?status=accepted")
        assert "Bredere stoepen" in accepted.text
        await page_browser.submit("/auth/logout", {})
        await page_browser.sign_in("rita")
        public = await page_browser.get(f"/projects/dorpsstraat/inputs/{lane['input_id']}")
        assert "Aanvaard" in public.text
        assert "Antwoord van de gemeente" in public.text
        assert "We verbreden ze in 2027." in public.text

    async def test_the_moderator_responds_from_the_public_input_page_and_residents_get_no_form(
        self, page_browser, mia, lane
    ):
        page_path = f"/projects/dorpsstraat/inputs/{lane['input_id']}"
        action = f"/staff/projects/{lane['id']}/inputs/{lane['input_id']}/response"
        await page_browser.sign_in("rita")
        assert f'action="{action}"' not in (await page_browser.get(page_path)).text
        await page_browser.submit("/auth/logout", {})

        await page_browser.sign_in("mia")
        page = await page_browser.get(page_path)
        assert f'action="{action}"' in page.text
        assert '<input type="hidden" name="return_to" value="input">' in page.text
        bad = await page_browser.submit(action, {"status": "vergeten", "return_to": "input"})
        assert bad.status_code == 422
        assert 'href="#field-status"' in bad.text  # the input page, with the error at the field
        assert "Bredere stoepen" in bad.text
        done = await page_browser.submit(
            action, {"status": "implemented", "official_response": "Klaar in mei.",
                     "return_to": "input"},
        )  # fmt: skip
        assert done.status_code == 303
        assert done.headers["location"] == f"{page_path}?done=responded"
        shown = await page_browser.get(done.headers["location"])
        assert "De status en het antwoord zijn opgeslagen." in shown.text
        assert "Klaar in mei." in shown.text
        assert '<option value="implemented" selected>' in shown.text

    async def test_a_refused_response_keeps_what_the_moderator_typed(self, page_browser, mia, lane):
        page_path = f"/projects/dorpsstraat/inputs/{lane['input_id']}"
        action = f"/staff/projects/{lane['id']}/inputs/{lane['input_id']}/response"
        await page_browser.sign_in("mia")
        saved = await page_browser.submit(
            action, {"status": "accepted", "official_response": "Opgeslagen antwoord.",
                     "return_to": "input"},
        )  # fmt: skip
        assert saved.status_code == 303
        # No valid status: refused, and the typed response is in the field, not the saved one.
        refused = await page_browser.submit(
            action, {"status": "vergeten", "official_response": "Eerst <overleg> met de buurt.",
                     "return_to": "input"},
        )  # fmt: skip
        assert refused.status_code == 422
        assert ">Eerst &lt;overleg&gt; met de buurt.</textarea>" in refused.text
        assert ">Opgeslagen antwoord.</textarea>" not in refused.text
        # Too long: the status chosen and the text typed both stay.
        too_long = "Lang. " * 900
        refused = await page_browser.submit(
            action, {"status": "rejected", "official_response": too_long, "return_to": "input"}
        )
        assert refused.status_code == 422
        assert 'aria-describedby="field-official_response-error"' in refused.text
        assert f">{too_long.strip()}</textarea>" in refused.text
        assert '<option value="rejected" selected>' in refused.text
        assert '<option value="accepted" selected>' not in refused.text
        # Nothing of it was saved.
        shown = await page_browser.get(page_path)
        assert ">Opgeslagen antwoord.</textarea>" in shown.text
        assert '<option value="accepted" selected>' in shown.text

    async def test_the_staff_list_keeps_what_was_typed_too(self, page_browser, mia, lane):
        action = f"/staff/projects/{lane['id']}/inputs/{lane['input_id']}/response"
        await page_browser.sign_in("mia")
        saved = await page_browser.submit(
            action, {"status": "accepted", "official_response": "Opgeslagen antwoord."}
        )
        assert saved.status_code == 303

        too_long = "Lang. " * 900
        refused = await page_browser.submit(
            action, {"status": "rejected", "official_response": too_long}
        )

        assert refused.status_code == 422
        assert 'role="alert"' in refused.text
        assert f">{too_long.strip()}</textarea>" in refused.text
        assert '<option value="rejected" selected>' in refused.text
        assert ">Opgeslagen antwoord.</textarea>" not in refused.text
        shown = await page_browser.get(f"/staff/projects/{lane['id']}/inputs")
        assert ">Opgeslagen antwoord.</textarea>" in shown.text

    async def test_the_departments_head_and_the_superadmin_respond_from_the_input_page(
        self, page_browser, municipality, mia, lane
    ):
        page_path = f"/projects/dorpsstraat/inputs/{lane['input_id']}"
        action = f"/staff/projects/{lane['id']}/inputs/{lane['input_id']}/response"
        department = await municipality.department()
        await municipality.person_with_role("henk", "department_head", department["id"])
        for who, status, text in (("henk", "under_consideration", "Het college bekijkt dit."),
                                  ("sam", "accepted", "Wij verbreden de stoepen.")):  # fmt: skip
            await page_browser.sign_in(who)
            page = await page_browser.get(page_path)
            assert f'action="{action}"' in page.text, who
            done = await page_browser.submit(
                action, {"status": status, "official_response": text, "return_to": "input"}
            )
            assert done.status_code == 303, (who, done.text)
            assert done.headers["location"] == f"{page_path}?done=responded"
            saved = await municipality.ok(
                "GET", "contributions", f"/projects/{lane['id']}/inputs/{lane['input_id']}", "rita"
            )
            assert (saved["status"], saved["official_response"]) == (status, text), who
            await page_browser.submit("/auth/logout", {})
        # A resident reads the response but gets no form to change it.
        await page_browser.sign_in("rita")
        public = await page_browser.get(page_path)
        assert "Wij verbreden de stoepen." in public.text
        assert f'action="{action}"' not in public.text
        assert 'name="official_response"' not in public.text
        assert 'id="field-status"' not in public.text


class TestUpdates:
    async def test_the_moderator_posts_updates_that_residents_read_newest_first_in_their_language(
        self, page_browser, mia, lane
    ):
        await page_browser.sign_in("mia")
        base = f"/staff/projects/{lane['id']}/updates"
        assert f'href="{base}"' in (await page_browser.get("/staff/projects")).text
        assert "Nog geen updates." in (await page_browser.get(base)).text
        empty = await page_browser.submit(base, {"title-nl": "", "body-nl": ""})
        assert empty.status_code == 422
        assert 'href="#field-title-nl"' in empty.text
        assert 'id="field-body-nl-error"' in empty.text
        # A title in French without its text: the error is at the French text.
        half = await page_browser.submit(
            base, {"title-nl": "Werken", "body-nl": "Start in mei", "title-fr": "Travaux"}
        )
        assert half.status_code == 422
        assert 'id="field-body-fr-error"' in half.text
        assert 'value="Travaux"' in half.text  # what was typed stays
        first = {"title-nl": "Werken starten", "body-nl": "In mei.\n\nDe stoep <blijft> open.",
                 "title-fr": "Début des travaux", "body-fr": "En mai.",
                 "title-en": "Works start", "body-en": "In May."}  # fmt: skip
        posted = await page_browser.submit(base, first)
        assert posted.status_code == 303, posted.text
        listed = await page_browser.get(posted.headers["location"])
        assert "De update is geplaatst en verstuurd naar wie het project volgt." in listed.text
        assert "Werken starten" in listed.text
        second = {"title-nl": "Ontwerp klaar", "body-nl": "Bekijk het ontwerp."}
        assert (await page_browser.submit(base, second)).status_code == 303
        stored = await page_browser.town.ok("GET", "projects", f"/projects/{lane['id']}/updates",
                                            "rita")  # fmt: skip
        assert [u["title"]["nl"] for u in stored] == ["Ontwerp klaar", "Werken starten"]

        await page_browser.submit("/auth/logout", {})
        public = await page_browser.get("/projects/dorpsstraat")
        updates = public.text.split('id="updates"', 1)[1]
        assert updates.index("Ontwerp klaar") < updates.index("Werken starten")
        assert '<p class="utrecht-paragraph">De stoep &lt;blijft&gt; open.</p>' in updates
        assert '<time datetime="' in updates
        french = await page_browser.get("/projects/dorpsstraat", headers={"Accept-Language": "fr"})
        in_french = french.text.split('id="updates"', 1)[1]
        assert "Début des travaux" in in_french
        # Posted in Dutch only: the French page shows it, marked as Dutch (WCAG 3.1.2).
        assert re.search(r'<h3 [^>]*lang="nl">Ontwerp klaar</h3>', in_french)
        assert re.search(
            r'<p class="utrecht-paragraph" lang="nl">Bekijk het ontwerp.</p>', in_french
        )
        assert not re.search(r'lang="[a-z]+">Début des travaux', in_french)

    async def test_a_draft_gets_no_update_form_and_a_forged_post_is_refused(
        self, page_browser, mia, lane
    ):
        draft = await page_browser.town.draft("markthal")
        await page_browser.sign_in("sam")
        page = await page_browser.get(f"/staff/projects/{draft['id']}/updates")
        assert "Updates worden geplaatst zodra het project gepubliceerd is." in page.text
        assert f'action="/staff/projects/{draft["id"]}/updates"' not in page.text
        refused = await page_browser.submit(
            f"/staff/projects/{draft['id']}/updates", {"title-nl": "Te vroeg", "body-nl": "Nee"}
        )
        assert refused.status_code == 409
        assert 'role="alert"' in refused.text
        forged = await page_browser.post(
            f"/staff/projects/{lane['id']}/updates", {"title-nl": "Vals", "body-nl": "Vals"}
        )
        assert forged.status_code == 403


class TestResults:
    async def test_results_show_a_chart_with_its_table_and_exports_download(
        self, page_browser, mia, lane
    ):
        await page_browser.sign_in("mia")
        page = await page_browser.get(f"/staff/projects/{lane['id']}/results")
        assert page.status_code == 200
        assert '<svg class="inspraak-chart"' in page.text
        assert 'role="img"' in page.text
        assert "style=" not in page.text.split("<main", 1)[1]  # the CSP allows no inline style
        assert re.search(r'scope="row">[^<]+</th><td class="utrecht-table__cell">1<', page.text)
        link = f"/staff/projects/{lane['id']}/exports/inputs?format=csv"
        assert f'href="{link}"' in page.text
        export = await page_browser.get(link)
        assert export.status_code == 200
        assert export.headers["content-type"].startswith("text/csv")
        assert "attachment" in export.headers["content-disposition"]
        assert "Bredere stoepen" in export.text


class TestDepartmentHead:
    async def test_a_head_creates_drafts_and_follows_input_but_edits_no_page(
        self, page_browser, municipality, lane
    ):
        department = await municipality.department()
        registered = await municipality.call(
            "POST", "identity", "/v1/people/registrations",
            json={"username": "hedda", "email": f"hedda@{municipality.slug}.example.org",
                  "password": PASSWORD},
        )  # fmt: skip
        assert registered.status_code == 201, registered.text
        await municipality.ok(
            "POST", "identity", "/v1/roles/grants", "sam",
            json={"userId": registered.json()["userId"], "role": "department_head",
                  "scopeId": department["id"]},
        )  # fmt: skip
        await page_browser.sign_in("hedda")
        page = await page_browser.get("/staff/projects")
        assert f'href="/staff/projects/{lane["id"]}/inputs"' in page.text
        assert f'href="/staff/projects/{lane["id"]}/edit"' not in page.text
        # The projects service lets only the superadmin and the moderators edit a page.
        assert (await page_browser.get(f"/staff/projects/{lane['id']}/edit")).status_code == 403
        created = await page_browser.submit(
            "/staff/projects", {"department_id": department["id"], "title": "Speelpleinen"}
        )
        assert created.status_code == 303
        listed = await page_browser.get(created.headers["location"])
        assert "Speelpleinen" in listed.text
