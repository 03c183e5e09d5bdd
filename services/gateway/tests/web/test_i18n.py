"""Every text of the pages exists in nl, fr and en, and the page speaks the right language:
the person's choice, then the browser's, then the municipality's default, always one the
municipality offers."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from inspraak_gateway.web.i18n import LANGUAGES, LOCALE_DIR, choose_language, read_catalogue

SOURCE = Path(__file__).resolve().parents[2] / "src" / "inspraak_gateway"
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {
    "templates/**.html": {
        "extensions": "jinja2.ext.i18n",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
    }
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extracted() -> dict[str, str]:
    """msgid -> where it is used, from the templates and the code."""
    found: dict[str, str] = {}
    for filename, lineno, message, *_ in extract_from_dir(
        SOURCE, METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        key = message[0] if isinstance(message, tuple) else message
        found.setdefault(key, f"{filename}:{lineno}")
    return found


class TestCatalogues:
    def test_the_pages_have_texts_to_translate(self):
        assert len(extracted()) > 100

    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_text_is_translated(self, language):
        catalogue = read_catalogue(language, LOCALE_DIR)
        missing = {
            message: where
            for message, where in extracted().items()
            if not (catalogue.singular.get(message) or all(catalogue.plural.get(message) or ()))
        }
        assert missing == {}, f"missing or empty in {language}: {missing}"

    def test_plural_forms_follow_the_language(self):
        fr, nl = read_catalogue("fr"), read_catalogue("nl")
        assert fr.ngettext("%(num)d comment", "%(num)d comments", 0) == "%(num)d commentaire"
        assert nl.ngettext("%(num)d comment", "%(num)d comments", 0) == "%(num)d reacties"


class TestLanguageChoice:
    ALL = ("nl", "fr", "en")

    def test_the_persons_choice_comes_first(self):
        chosen = choose_language(chosen="fr", accept_language="en", enabled=self.ALL, default="nl")
        assert chosen == "fr"

    def test_then_the_browser_by_preference(self):
        header = "de-DE, en;q=0.5, fr-BE;q=0.8"
        assert (
            choose_language(chosen=None, accept_language=header, enabled=self.ALL, default="nl")
            == "fr"
        )

    def test_then_the_default_of_the_municipality(self):
        assert (
            choose_language(chosen=None, accept_language="de", enabled=self.ALL, default="nl")
            == "nl"
        )

    def test_only_languages_the_municipality_offers(self):
        only_dutch = ("nl",)
        assert (
            choose_language(chosen="fr", accept_language="en", enabled=only_dutch, default="nl")
            == "nl"
        )
