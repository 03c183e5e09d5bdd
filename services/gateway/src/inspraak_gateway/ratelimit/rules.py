"""Which requests are limited, and how much: people at their pace, scripts not.

Per address limits are wider than per person ones: a town hall or a school class shares
one address among many honest people.
"""

import re
from dataclasses import dataclass

from inspraak_gateway.ratelimit.buckets import Limit

_PROJECT = r"/api/v1/contributions/projects/[^/]+"
_PHASE = rf"{_PROJECT}/phases/[^/]+"
# The same actions through the web pages' forms.
_PAGE = r"/projects/[^/]+"
_PAGE_PHASE = rf"{_PAGE}/phases/[^/]+"


@dataclass(frozen=True)
class Rule:
    name: str
    methods: frozenset[str]
    path: re.Pattern[str]
    per_address: Limit
    per_person: Limit | None


RULES: tuple[Rule, ...] = (
    Rule(
        "sign-up",
        frozenset({"POST", "GET"}),
        # Keycloak's registration page is reached through /register; organisations
        # register through the page's own form.
        re.compile(r"^(/api/v1/identity/people/registrations|/register(/organisation)?)/?$"),
        per_address=Limit(20, 3600),
        per_person=None,
    ),
    Rule(
        "sign-in",
        frozenset({"GET"}),
        # Starting a sign-in; the callback needs a one-time state, so it is not counted.
        # Passwords go to Keycloak, whose brute-force detection guards each account.
        re.compile(r"^/auth/login/?$"),
        per_address=Limit(60, 600),
        per_person=None,
    ),
    Rule(
        "posting",
        frozenset({"POST"}),
        re.compile(
            rf"^({_PHASE}/inputs|{_PROJECT}/inputs/[^/]+/comments|{_PROJECT}/reports"
            rf"|{_PAGE_PHASE}/ideas|{_PAGE}/inputs/[^/]+/comments)/?$"
        ),
        per_address=Limit(60, 600),
        per_person=Limit(10, 300),
    ),
    Rule(
        "voting",
        frozenset({"POST", "PUT", "DELETE"}),
        re.compile(
            rf"^({_PHASE}/(votes(/[^/]+)?|basket(/submission)?|scenario-ranking)"
            rf"|{_PROJECT}/(inputs|comments)/[^/]+/reaction"
            rf"|{_PAGE_PHASE}/(votes|basket|survey|ranking)|{_PAGE}/inputs/[^/]+/reaction)/?$"
        ),
        per_address=Limit(300, 60),
        per_person=Limit(60, 60),
    ),
)


def rule_for(method: str, path: str, query: str = "") -> Rule | None:
    if method == "GET" and path.rstrip("/") == "/register" and "kind=person" not in query:
        # The choice, or the organisation's form: nothing is made yet (its POST counts).
        return None
    return next((r for r in RULES if method in r.methods and r.path.match(path)), None)
