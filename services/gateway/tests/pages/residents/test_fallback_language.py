"""A service text missing in the page's language falls back to another; the element then
says which language it speaks (WCAG 3.1.2): plain functions, no servers."""

from inspraak_gateway.web.i18n import localised_in
from inspraak_gateway.web.templating import environment


def render(language: str, source: str, **values: object) -> str:
    return environment(language).from_string(source).render(values)


class TestFallbackLanguage:
    def test_the_picked_text_comes_with_its_language(self):
        assert localised_in({"nl": "Plein", "fr": "Place"}, "fr", "nl") == ("Place", "fr")
        assert localised_in({"nl": "Plein"}, "fr", "nl") == ("Plein", "nl")
        assert localised_in({"en": "Square", "fr": " "}, "fr", "nl") == ("Square", "en")
        assert localised_in("Gewoon", "fr", "nl") == ("Gewoon", None)
        assert localised_in({}, "fr", "nl") == ("", None)

    def test_a_fallback_is_marked_and_the_page_s_own_language_is_not(self):
        title = {"nl": "Het <plein>"}
        assert render("fr", "<h1{{ t|lang_attr }}>{{ t|text }}</h1>", t=title) == (
            '<h1 lang="nl">Het &lt;plein&gt;</h1>'
        )
        assert render("nl", "<h1{{ t|lang_attr }}>{{ t|text }}</h1>", t=title) == (
            "<h1>Het &lt;plein&gt;</h1>"
        )
        assert render("fr", "{{ t|text_lang }}", t=title) == (
            '<span lang="nl">Het &lt;plein&gt;</span>'
        )
        assert render("fr", "{{ t|text_lang }}", t={"fr": "La <place>"}) == "La &lt;place&gt;"
        assert render("fr", "{{ t|text_lang or 'rien' }}", t={}) == "rien"
