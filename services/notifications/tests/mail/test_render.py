"""Every notification renders in nl, fr and en, as text and HTML, with its parameters escaped."""

import re

import pytest
from inspraak_notifications.directory.service import TenantLook
from inspraak_notifications.i18n import LANGUAGES
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail.render import PolicyCopy, RenderContext, render
from inspraak_notifications.mail.texts import TEXTS, TYPE_NAMES
from inspraak_notifications.policy_updates.chart import participation_chart

LOOK = TenantLook("gent", "Stad Gent", "BE", "nl", "inspraak.gent.be", "#0b5394", None)
PROJECT = {"nl": "Nieuw park", "fr": "Nouveau parc", "en": "New park"}
PARAMS = {
    T.INVITATION: {"url": "https://x/accept", "expires_at": "2031-03-01T17:30:00+00:00", "inviter": "ann", "role": "project_moderator", "message": "Welkom!"},
    T.INVITATION_ACCEPTED: {"username": "bert", "role": "department_head", "path": "/admin/team"},
    T.NEW_INPUT: {"project_title": PROJECT, "title": "More trees", "author": "carla", "path": "/projects/p/inputs/1"},
    T.ITEM_REPORTED: {"project_title": PROJECT, "item_type": "comment", "reason": "spam", "open_reports": 2, "path": "/p"},
    T.INPUT_STATUS_CHANGED: {"project_title": PROJECT, "title": "More trees", "status": "accepted", "response": "We plant 40 trees.", "path": "/p"},
    T.OFFICIAL_RESPONSE: {"project_title": PROJECT, "title": "More trees", "response": "Thank you.", "path": "/p"},
    T.COMMENT_REPLY: {"project_title": PROJECT, "title": "More trees", "author": "dirk", "path": "/p"},
    T.PROJECT_PUBLISHED: {"project_title": PROJECT, "path": "/p"},
    T.PHASE_STARTED: {"project_title": PROJECT, "phase_title": {"nl": "Stemmen", "fr": "Vote", "en": "Voting"}, "path": "/p"},
    T.UPDATE_POSTED: {"project_title": PROJECT, "title": "Works start", "body": "Monday.", "path": "/p"},
    T.APPROVAL_REQUESTED: {"project_title": PROJECT, "department_name": {"nl": "Groen"}, "path": "/p"},
    T.APPROVAL_DECIDED: {"project_title": PROJECT, "decision": "sent_back", "comment": "Add a map.", "path": "/p"},
    T.MODERATOR_DIGEST: {"count": 2, "items": [{"project_title": PROJECT, "title": "A", "author": "e", "path": "/a"}, {"project_title": PROJECT, "title": "B", "path": "/b"}], "path": "/me"},
    T.DEPARTMENT_DIGEST: {"department_name": {"nl": "Groen"}, "start": "2031-03-03T06:00:00+00:00", "end": "2031-03-10T06:00:00+00:00", "projects": [{"project_title": PROJECT, "path": "/p", "inputs": 3, "comments": 4, "reports": 1, "participants": 5}], "path": "/d"},
    T.POLICY_UPDATE: {"path": "/admin/policy-updates/1"},
    T.DELIVERY_FAILED: {"address": "x@example.org", "failed_kind": "new_input", "error": "550 no such user", "path": "/admin/mail-outbox"},
}  # fmt: skip
FIGURES = {
    "period": {"index": 1, "start": "2031-01-15T09:00:00+00:00", "end": "2031-04-15T09:00:00+00:00"},
    "totals": {"participants": 3, "registrations": 4, "inputs": 3, "comments": 2, "votes": 7, "survey_answers": 5},
    "previous_totals": {"participants": 1, "registrations": 2, "inputs": 1, "comments": 0, "votes": 0, "survey_answers": 0},
    "changes": [{"metric": "votes", "current": 7, "previous": 0}],
    "projects": [{"title": PROJECT, "participants": 3, "inputs": 3, "comments": 2, "votes": 7, "survey_answers": 5}],
    "started": [{"title": PROJECT}],
    "ended": [],
    "outcomes": [{"title": PROJECT, "input_use": {"nl": "De raad beslist."}, "accepted": 1, "rejected": 0, "implemented": 0, "under_consideration": 0, "responses": 1}],
    "weeks": [{"start": "2031-01-15T09:00:00+00:00", "participants": 2, "current": True}],
}  # fmt: skip


def _context(language, *, unsubscribe: bool = True, policy: bool = False) -> RenderContext:
    copy = PolicyCopy(1, FIGURES, "Dank u allen.", "ann", participation_chart([(2, True)]), "/u")
    return RenderContext(
        look=LOOK,
        language=language,
        web_base="https://inspraak.gent.be",
        preferences_url="https://inspraak.gent.be/me/notifications/preferences",
        unsubscribe_url="https://api/unsubscribe?token=t" if unsubscribe else None,
        recipient_name="zoe",
        policy=copy if policy else None,
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(T))
def test_every_kind_renders_in_every_language(kind, language):
    rendered = render(kind, PARAMS[kind], _context(language, policy=kind is T.POLICY_UPDATE))
    assert rendered.subject
    assert "{" not in rendered.subject
    for body in (rendered.text, rendered.html):
        assert not re.search(r"\{[a-z_]+\}", body), "a placeholder was left unfilled"
        assert "Stad Gent" in body
    assert "<html lang=" in rendered.html
    assert "zoe" in rendered.text


def test_catalogue_has_every_kind_in_every_language_with_the_same_placeholders():
    for kind in T:
        assert set(TEXTS[kind]) == set(LANGUAGES) == set(TYPE_NAMES[kind])
        shapes = {
            lang: sorted(
                set(re.findall(r"\{(\w+)\}", " ".join([t["subject"], t["heading"], *t["lines"]])))
            )
            for lang, t in TEXTS[kind].items()
        }
        assert len({tuple(s) for s in shapes.values()}) == 1, (kind, shapes)


def test_parameters_are_escaped_in_html_but_plain_in_text():
    params = PARAMS[T.NEW_INPUT] | {"title": '<script>alert("x")</script>', "author": "a&b"}
    rendered = render(T.NEW_INPUT, params, _context("en"))
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert "a&amp;b" in rendered.html
    assert '<script>alert("x")</script>' in rendered.text


def test_texts_follow_the_recipients_language():
    rendered = {
        lang: render(T.PROJECT_PUBLISHED, PARAMS[T.PROJECT_PUBLISHED], _context(lang))
        for lang in LANGUAGES
    }
    assert rendered["nl"].subject == "Nieuw park is gepubliceerd"
    assert rendered["fr"].subject == "Nouveau parc est publié"
    assert rendered["en"].subject == "New park is published"


def test_invitation_shows_the_expiry_date_in_the_tenants_time_zone():
    nl = render(T.INVITATION, PARAMS[T.INVITATION], _context("nl", unsubscribe=False))
    fr = render(T.INVITATION, PARAMS[T.INVITATION], _context("fr", unsubscribe=False))
    assert "1 maart 2031 om 18:30" in nl.text  # 17:30 UTC is 18:30 in Brussels in winter
    assert "1er mars 2031 à 18:30" in fr.text
    assert "https://x/accept" in nl.html
    assert "Welkom!" in nl.text


def test_a_mandatory_mail_says_it_cannot_be_unsubscribed():
    rendered = render(T.INVITATION, PARAMS[T.INVITATION], _context("en", unsubscribe=False))
    assert "cannot be unsubscribed" in rendered.text
    assert "unsubscribe?token" not in rendered.html


def test_policy_update_carries_the_figures_and_the_chart():
    rendered = render(T.POLICY_UPDATE, PARAMS[T.POLICY_UPDATE], _context("nl", policy=True))
    assert rendered.subject == "Tussentijdse evaluatie nr. 1: Stad Gent"
    assert "- Deelnemers: 3 | 1 | +2" in rendered.text
    assert "Stemmen: 0 → 7 (+7)" in rendered.text
    assert "Dank u allen." in rendered.text
    assert 'src="cid:participation-chart"' in rendered.html
    assert rendered.images["participation-chart"].startswith(b"\x89PNG")
    assert "van 15 januari 2031 tot 15 april 2031" in rendered.text


class TestFrenchTypography:
    def test_the_policy_update_subject_has_a_narrow_no_break_space_before_the_colon(self):
        fr = render(T.POLICY_UPDATE, PARAMS[T.POLICY_UPDATE], _context("fr", policy=True))
        nl = render(T.POLICY_UPDATE, PARAMS[T.POLICY_UPDATE], _context("nl", policy=True))

        assert fr.subject == "Évaluation intermédiaire n° 1\u202f: Stad Gent"
        assert fr.subject.startswith("Évaluation intermédiaire n° 1")  # what tests/e2e look for
        assert nl.subject == "Tussentijdse evaluatie nr. 1: Stad Gent"
        assert "- Participants\u202f: 3 | 1 | +2" in fr.text
        assert "- Deelnemers: 3 | 1 | +2" in nl.text

    @pytest.mark.parametrize("kind", list(T))
    def test_no_french_sign_follows_a_breakable_space(self, kind):
        rendered = render(kind, PARAMS[kind], _context("fr", policy=kind is T.POLICY_UPDATE))

        for part in (rendered.subject, rendered.text, rendered.html):
            assert not re.search(r"[ \t\n][:;?!»]|«[ \t\n]", part), part

    def test_a_subject_comes_out_on_one_line_and_keeps_its_no_break_spaces(self):
        params = {**PARAMS[T.UPDATE_POSTED], "title": "Travaux\r\n  lundi"}
        rendered = render(T.UPDATE_POSTED, params, _context("fr"))

        assert rendered.subject == "Nouvelles de Nouveau parc\u202f: Travaux lundi"
