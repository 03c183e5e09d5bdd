"""A municipality's colour becomes design-token overrides that stay readable."""

from inspraak_gateway.branding.theme import AA_CONTRAST, contrast_with_white, theme_css


class TestTheme:
    def test_no_colour_keeps_the_neutral_theme(self):
        assert "--inspraak-primary" not in theme_css(None)

    def test_a_dark_colour_is_used_as_given(self):
        assert "--inspraak-primary: #0b5394;" in theme_css("#0B5394")

    def test_a_light_colour_is_darkened_until_text_on_it_is_readable(self):
        css = theme_css("#ffdd00")
        primary = css.split("--inspraak-primary: ", 1)[1][:7]
        assert primary != "#ffdd00"
        assert contrast_with_white(primary) >= AA_CONTRAST
