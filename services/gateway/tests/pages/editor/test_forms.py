"""The editor's line formats turned into the projects service's settings, and the bar
charts' scaling: plain functions, no servers."""

from inspraak_gateway.pages.editor.charts import bar_chart
from inspraak_gateway.pages.editor.schemas import PhaseForm, UpdateForm
from inspraak_gateway.web.templating import paragraphs
from starlette.datastructures import FormData

LANGUAGES = ["nl", "fr"]


def form(**values: str) -> FormData:
    base = {"starts_at": "2027-03-01T09:00", "ends_at": "2027-04-01T17:00",
            "name-nl": "Fase", "name-fr": "Phase"}  # fmt: skip
    return FormData({**base, **values})


class TestPhaseForm:
    def test_budget_items_take_their_cost_by_line_and_keep_their_ids(self):
        parsed = PhaseForm.parse(
            form(kind="voting", method="budget", budget="10000",
                 **{"items-nl": "Bank\nBoom", "items-fr": "Banc\nArbre"}, costs="500\n1200"),
            LANGUAGES,
        )  # fmt: skip
        existing = {"voting": {"items": [{"id": "bank-1"}]}}
        voting = parsed.settings(LANGUAGES, existing)["voting"]
        assert parsed.errors == {}
        assert voting["budget"] == 10000
        assert voting["items"] == [
            {"id": "bank-1", "title": {"nl": "Bank", "fr": "Banc"}, "cost": 500},
            {"title": {"nl": "Boom", "fr": "Arbre"}, "cost": 1200},
        ]

    def test_a_language_with_a_missing_line_is_an_error_at_its_field(self):
        parsed = PhaseForm.parse(
            form(kind="scenario_planning", **{"items-nl": "A\nB", "items-fr": "A"}), LANGUAGES
        )
        parsed.settings(LANGUAGES, {})
        assert set(parsed.errors) == {"items-fr"}

    def test_a_question_without_its_type_is_an_error(self):
        parsed = PhaseForm.parse(form(kind="survey", **{"items-nl": "Waarom?"}), LANGUAGES)
        parsed.settings(LANGUAGES, {})
        assert set(parsed.errors) == {"items-nl"}

    def test_a_matrix_line_gives_columns_and_rows_that_read_back_the_same(self):
        lines = {"items-nl": "matrix: Hoe? | Goed; Slecht | Dag; Nacht\ntext: Waarom?",
                 "items-fr": "matrix: Comment ? | Bien; Mal | Jour; Nuit\ntext: Pourquoi ?"}  # fmt: skip
        parsed = PhaseForm.parse(form(kind="survey", **lines), LANGUAGES)
        existing = {"survey": {"questions": [{"id": "q1", "rows": [{"id": "day"}]}]}}
        matrix, text = parsed.settings(LANGUAGES, existing)["survey"]["questions"]
        assert parsed.errors == {}
        assert matrix["id"] == "q1"
        assert matrix["rows"] == [
            {"id": "day", "text": {"nl": "Dag", "fr": "Jour"}},
            {"text": {"nl": "Nacht", "fr": "Nuit"}},
        ]
        assert [o["text"]["fr"] for o in matrix["options"]] == ["Bien", "Mal"]
        assert "rows" not in text
        for number, question in enumerate((matrix, text)):
            question.setdefault("id", f"q{number}")
            for choice in (*question["options"], *question.get("rows", [])):
                choice.setdefault("id", "c")
        phase = {"kind": "survey", "survey": {"questions": [matrix, text]}}
        assert PhaseForm.of(phase, LANGUAGES).values["items-fr"] == lines["items-fr"]

    def test_rows_on_another_question_than_a_matrix_are_an_error(self):
        parsed = PhaseForm.parse(
            form(kind="survey", **{"items-nl": "single: Welk? | A; B | X", "items-fr": ""}),
            LANGUAGES,
        )
        parsed.settings(LANGUAGES, {})
        assert set(parsed.errors) == {"items-nl"}

    def test_an_unchanged_start_is_not_sent_again(self):
        existing = {
            "kind": "information", "title": {"nl": "Fase", "fr": "Phase"},
            "starts_at": "2027-03-01T08:00:00+00:00", "ends_at": "2027-04-01T15:00:00+00:00",
        }  # fmt: skip
        parsed = PhaseForm.parse(form(kind="information", ends_at="2027-05-01T17:00"), LANGUAGES)
        body = parsed.update_payload(LANGUAGES, existing)
        assert "starts_at" not in body
        assert body["ends_at"].startswith("2027-05-01T17:00")
        assert "method" not in body


class TestUpdateForm:
    def test_plain_text_becomes_escaped_paragraphs_and_reads_back_as_text(self):
        update = UpdateForm.parse(
            FormData({"title-nl": "Werken", "body-nl": "Eerst <dit> & dat\n\nDan de rest"}),
            LANGUAGES,
        )
        body = update.payload(LANGUAGES)["body"]["nl"]
        assert update.errors == {}
        assert body == "<p>Eerst &lt;dit&gt; &amp; dat</p><p>Dan de rest</p>"
        assert paragraphs(body) == ["Eerst <dit> & dat", "Dan de rest"]

    def test_a_language_needs_both_its_title_and_its_text(self):
        update = UpdateForm.parse(FormData({"title-fr": "Travaux"}), LANGUAGES)
        assert set(update.errors) == {"body-fr"}
        empty = UpdateForm.parse(FormData({}), LANGUAGES)
        assert set(empty.errors) == {"title-nl", "body-nl"}


class TestBarChart:
    def test_bars_scale_to_the_largest_value_and_zero_draws_nothing(self):
        chart = bar_chart([("A", 10, "10"), ("B", 5, "5"), ("C", 0, "0")])
        widths = [bar.width for bar in chart.bars]
        assert widths[0] == 2 * widths[1]
        assert widths[2] == 0
        assert chart.height == 3 * 32
