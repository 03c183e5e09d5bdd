"""The problems this service raises, each with a stable slug and a message in nl/fr/en.

The `messages` extension lets the web app show the refusal in the reader's language;
`detail` stays English for logs and API users.
"""

from typing import Any

from inspraak_contributions.texts import LanguageMap
from inspraak_shared.problems import Conflict, Forbidden, NotFound, Problem, UnprocessableContent


def _with_messages(
    problem_class: type[Problem], slug: str, messages: LanguageMap, **extensions: Any
) -> Problem:
    return problem_class(messages["en"], slug=slug, extensions={"messages": messages, **extensions})


def phase_not_open(*, started: bool) -> Problem:
    if not started:
        return _with_messages(
            Conflict,
            "phase-not-started",
            {
                "nl": "Deze fase is nog niet begonnen.",
                "fr": "Cette phase n'a pas encore commencé.",
                "en": "This phase has not started yet.",
            },
        )
    return _with_messages(
        Conflict,
        "phase-ended",
        {
            "nl": "Deze fase is afgelopen.",
            "fr": "Cette phase est terminée.",
            "en": "This phase has ended.",
        },
    )


def project_closed() -> Problem:
    return _with_messages(
        Conflict,
        "project-closed",
        {
            "nl": "Dit project neemt geen bijdragen meer aan.",
            "fr": "Ce projet n'accepte plus de contributions.",
            "en": "This project no longer accepts contributions.",
        },
    )


def wrong_phase_method(expected: str) -> Problem:
    return _with_messages(
        Conflict,
        "wrong-phase-method",
        {
            "nl": f"Dit kan niet in deze fase (nodig: {expected}).",
            "fr": f"Ce n'est pas possible dans cette phase (requis : {expected}).",
            "en": f"This is not possible in this phase (needs: {expected}).",
        },
    )


def already_voted() -> Problem:
    return _with_messages(
        Conflict,
        "already-voted",
        {
            "nl": "U hebt al op dit voorstel gestemd.",
            "fr": "Vous avez déjà voté pour cette proposition.",
            "en": "You have already voted for this item.",
        },
    )


def vote_limit_reached(max_votes: int) -> Problem:
    return _with_messages(
        Conflict,
        "vote-limit-reached",
        {
            "nl": f"U hebt al uw {max_votes} stemmen gebruikt.",
            "fr": f"Vous avez utilisé vos {max_votes} votes.",
            "en": f"You have used all your {max_votes} votes.",
        },
        max_votes=max_votes,
    )


def over_budget(total: str, budget: str) -> Problem:
    return _with_messages(
        Conflict,
        "over-budget",
        {
            "nl": f"Uw selectie kost {total}, meer dan het budget van {budget}.",
            "fr": f"Votre sélection coûte {total}, plus que le budget de {budget}.",
            "en": f"Your selection costs {total}, more than the budget of {budget}.",
        },
        total=total,
        budget=budget,
    )


def outside_project_area() -> Problem:
    return _with_messages(
        UnprocessableContent,
        "location-outside-area",
        {
            "nl": "De locatie ligt buiten het gebied van dit project.",
            "fr": "L'emplacement se trouve en dehors de la zone de ce projet.",
            "en": "The location lies outside this project's area.",
        },
    )


def grace_period_over(minutes: int) -> Problem:
    return _with_messages(
        Conflict,
        "edit-period-over",
        {
            "nl": f"U kunt uw bijdrage alleen de eerste {minutes} minuten wijzigen.",
            "fr": f"Vous ne pouvez modifier votre contribution que pendant {minutes} minutes.",
            "en": f"You can only change your contribution during its first {minutes} minutes.",
        },
    )


def already_submitted() -> Problem:
    return _with_messages(
        Conflict,
        "already-submitted",
        {
            "nl": "U hebt deze vragenlijst al ingediend.",
            "fr": "Vous avez déjà soumis ce questionnaire.",
            "en": "You have already submitted this survey.",
        },
    )


def already_reported() -> Problem:
    return _with_messages(
        Conflict,
        "already-reported",
        {
            "nl": "U hebt dit al gemeld.",
            "fr": "Vous l'avez déjà signalé.",
            "en": "You have already reported this.",
        },
    )


def area_not_declared() -> Problem:
    return _with_messages(
        Forbidden,
        "area-not-declared",
        {
            "nl": (
                "Deze fase staat alleen open voor bewoners van bepaalde wijken. "
                "Vul in uw profiel in in welke wijk u woont."
            ),
            "fr": (
                "Cette phase est réservée aux habitants de certains quartiers. "
                "Indiquez votre quartier dans votre profil."
            ),
            "en": (
                "This phase is only open to residents of certain areas. "
                "Set the neighbourhood you live in in your profile."
            ),
        },
    )


def area_not_eligible() -> Problem:
    return _with_messages(
        Forbidden,
        "area-not-eligible",
        {
            "nl": (
                "Deze fase staat alleen open voor bewoners van bepaalde wijken, "
                "en uw wijk hoort daar niet bij."
            ),
            "fr": (
                "Cette phase est réservée aux habitants de certains quartiers, "
                "dont le vôtre ne fait pas partie."
            ),
            "en": (
                "This phase is only open to residents of certain areas, "
                "and your neighbourhood is not one of them."
            ),
        },
    )


def not_found(what: str) -> Problem:
    return NotFound(f"No such {what}.", slug=f"{what.replace(' ', '-')}-not-found")


def not_yours() -> Problem:
    return Forbidden("Only the author can change this.", slug="not-the-author")
