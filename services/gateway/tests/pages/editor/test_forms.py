"""The editor's line formats turned into the projects service's settings, and the bar
charts' scaling: plain functions, no servers."""

from inspraak_gateway.pages.editor.charts import bar_chart
from inspraak_gateway.pages.editor.schemas import PhaseForm
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


class TestBarChart:
    def test_bars_scale_to_the_largest_value_and_zero_draws_nothing(self):
        chart = bar_chart([("A", 10, "10"), ("B", 5, "5"), ("C", 0, "0")])
        widths = [bar.width for bar in chart.bars]
        assert widths[0] == 2 * widths[1]
        assert widths[2] == 0
        assert chart.height == 3 * 32
