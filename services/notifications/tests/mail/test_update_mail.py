"""A project update reaches its followers as words: no markup from the update in the mail,
no tag shown as text, each follower in their own language."""

from inspraak_notifications.dispatch.handlers import EXCERPT
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail.render import render
from inspraak_notifications.mail.rich_text import paragraphs, teasers

from tests.mail.test_render import PROJECT, _context

HOSTILE = (
    "<p>Works start on <strong>Monday</strong> &amp; end in May.</p>"
    "<script>alert('x')</script>"
    '<p><img src="x" onerror="alert(1)">See <a href="javascript:alert(2)">the plan</a> '
    'or <a href="https://gent.be/plan">the map</a>.</p>'
    "<ul><li>Street closed</li><li>Bus 3 moves</li></ul>"
)


def _update_mail(language: str, body: dict[str, str]):
    params = {
        "project_title": PROJECT,
        "title": {"nl": "Werken", "en": "Works"},
        "body": teasers(body, EXCERPT),
        "path": "/projects/park",
    }
    return render(T.UPDATE_POSTED, params, _context(language))


def test_paragraphs_keep_the_words_and_drop_scripts_and_unsafe_links():
    assert paragraphs(HOSTILE) == [
        "Works start on Monday & end in May.",
        "See the plan or the map (https://gent.be/plan).",
        "- Street closed",
        "- Bus 3 moves",
    ]


def test_an_update_mail_carries_no_markup_from_the_update():
    rendered = _update_mail("en", {"en": HOSTILE})
    html = rendered.html.lower()
    assert "<script" not in html
    assert "&lt;script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "&lt;p&gt;" not in html
    assert "&lt;strong&gt;" not in html
    assert "Works start on Monday &amp; end in May." in rendered.html
    assert "See the plan or the map (https://gent.be/plan)." in rendered.html


def test_the_text_part_is_readable_paragraphs_without_tags():
    text = _update_mail("en", {"en": HOSTILE}).text
    assert "<" not in text.replace("<https://", "")
    assert "> Works start on Monday & end in May.\n>\n> See the plan" in text
    assert "alert" not in text


def test_each_follower_reads_the_update_in_their_language():
    body = {"nl": "<p>Maandag beginnen de werken.</p>", "en": "<p>Works start on Monday.</p>"}
    nl, fr = _update_mail("nl", body), _update_mail("fr", body)
    assert nl.subject.endswith(": Werken")
    assert "> Maandag beginnen de werken." in nl.text
    assert "{'nl'" not in nl.text + nl.html + nl.subject
    # Without French, the update shows in the language the municipality wrote it in.
    assert "> Maandag beginnen de werken." in fr.text


def test_a_long_update_is_cut_at_a_word_after_the_excerpt():
    words = " ".join(["participation"] * 100)
    text = teasers({"en": f"<p>{words}</p>"}, EXCERPT)["en"]
    assert len(text) <= EXCERPT + 2
    assert text.endswith("participation …")
