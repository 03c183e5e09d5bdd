"""The source text's story, played through the gateway with two municipalities side by side.

Issue 10, steps 1-10, for a Belgian municipality in Dutch and French (`be`); a Dutch
municipality in Dutch (`nl`) lives beside it, and at every step the people of each see
nothing of the other. Each test is one step and builds on the ones before it (the
`story` fixture carries who is who and what was made); a step that fails says which
role, step and call failed, and the steps after it do not run.
"""

from __future__ import annotations

import calendar
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from storykit import PASSWORD, Person, Story, StoryError, Tenant, header, stream_events

pytestmark = pytest.mark.timeout(900)

API = "/api/v1"


# --- who is who ------------------------------------------------------------------------------


def _tenants(story: Story, folder: Path) -> tuple[Tenant, Tenant]:
    run = story.run
    be = Tenant(
        slug=f"gent-{run}",
        display_name="Stad Gent",
        country="BE",
        languages=["nl", "fr"],
        host=f"inspraak.gent-{run}.be",
    )
    nl = Tenant(
        slug=f"utrecht-{run}",
        display_name="Gemeente Utrecht",
        country="NL",
        languages=["nl"],
        host=f"inspraak.utrecht-{run}.nl",
    )
    folder.mkdir(parents=True, exist_ok=True)
    for tenant, domain in ((be, "gent.example"), (nl, "utrecht.example")):
        tenant.spec_path = folder / f"{tenant.slug}.yaml"
        tenant.spec_path.write_text(
            "\n".join(
                [
                    f"slug: {tenant.slug}",
                    f"displayName: {tenant.display_name}",
                    f"country: {tenant.country}",
                    f"defaultLanguage: {tenant.languages[0]}",
                    f"languages: [{', '.join(tenant.languages)}]",
                    "domains:",
                    f"  primary: {tenant.host}",
                    "  aliases: []",
                    "allowExternalModerators: true",
                    "allowSelfRegistration: true",
                    "requireProjectApproval: true",
                    f"bootstrapSuperadminEmail: projectleider.{run}@{domain}",
                ]
            )
            + "\n",
            encoding="utf-8",
        )
    return be, nl


def person(story: Story, tenant: Tenant, role: str, username: str, language: str = "nl") -> Person:
    domain = "gent.example" if tenant.country == "BE" else "utrecht.example"
    return Person(
        role=role,
        username=username,
        email=f"{username}.{story.run}@{domain}",
        tenant=tenant,
        language=language,
    )


# --- what every step checks across the two municipalities --------------------------------------


def foreign_token_refused(story: Story, who: Person, other: Tenant) -> None:
    """A token of one municipality opens nothing at the other's address."""
    for path in (f"{API}/identity/me", f"{API}/projects/projects"):
        story.call(
            who,
            "GET",
            path,
            tenant=other,
            expect=(401, 403),
            why=f"a token of {who.tenant.slug} at {other.slug}",
        )


def accept_invitation(
    story: Story, invitee: Person, *, first_name: str, last_name: str | None = None
) -> dict[str, Any]:
    """The invitee reads the mail, looks at what the link offers and chooses a login."""
    _, token = story.invitation_mail(invitee)
    preview = story.json(
        None,
        "POST",
        f"{API}/identity/invitations/preview",
        tenant=invitee.tenant,
        json_body={"token": token},
        why="the accept page",
    )
    accepted = story.json(
        None,
        "POST",
        f"{API}/identity/invitations/accept",
        tenant=invitee.tenant,
        json_body={
            "token": token,
            "username": invitee.username,
            "password": PASSWORD,
            "firstName": first_name,
            "lastName": last_name,
        },
        why="accept with a new account",
    )
    invitee.user_id = accepted["userId"]
    return {"preview": preview, "accepted": accepted}


# --- the story -----------------------------------------------------------------------------------


class TestStory:
    def test_00_operator_applies_two_municipalities(self, story: Story, tmp_path_factory):
        with story.step(0, "the operator applies a Belgian (nl, fr) and a Dutch (nl) tenant"):
            be, nl = _tenants(story, tmp_path_factory.mktemp("specs"))
            story.apply_tenants([be, nl])
            story.state.update(be=be, nl=nl)
            for tenant in (be, nl):
                public = story.eventually(
                    f"the gateway serving {tenant.host}",
                    lambda t=tenant: story.json(None, "GET", f"{API}/identity/tenant", tenant=t),
                    timeout=60,
                )
                if public["slug"] != tenant.slug or public["languages"] != tenant.languages:
                    raise story.fail(None, f"{tenant.host} serves the tenant {public}")

    def test_01_superadmin_accepts_and_signs_in(self, story: Story):
        with story.step(1, "the bootstrap superadmin receives the invitation, accepts, signs in"):
            be, nl = story.state["be"], story.state["nl"]
            admins = {}
            for tenant in (be, nl):
                admin = person(story, tenant, "superadmin", "projectleider")
                admins[tenant.slug] = admin
                shown = accept_invitation(story, admin, first_name="Sara", last_name="Peeters")
                offered = shown["preview"]
                if (
                    offered["role"] != "superadmin"
                    or offered["tenantDisplayName"] != tenant.display_name
                ):
                    raise story.fail(admin, f"the bootstrap invitation offers {offered}")
                me = story.json(admin, "GET", f"{API}/identity/me")
                if "superadmin" not in me["roles"]:
                    raise story.fail(admin, f"/me shows roles {me['roles']}, not superadmin")
            story.state["admin_be"], story.state["admin_nl"] = admins[be.slug], admins[nl.slug]
            foreign_token_refused(story, admins[be.slug], nl)
            foreign_token_refused(story, admins[nl.slug], be)

    def test_02_superadmin_invites_the_team(self, story: Story):
        with story.step(2, "the superadmin invites the team; each accepts; the team overview"):
            be, nl = story.state["be"], story.state["nl"]
            admin, admin_nl = story.state["admin_be"], story.state["admin_nl"]
            # Scoped roles need their department and project: the superadmin sets those up.
            departments = {}
            for slug, name in (
                (
                    "ruimtelijke-ordening",
                    {"nl": "Ruimtelijke ordening", "fr": "Aménagement du territoire"},
                ),
                ("mobiliteit", {"nl": "Mobiliteit", "fr": "Mobilité"}),
            ):
                departments[slug] = story.json(
                    admin,
                    "POST",
                    f"{API}/projects/departments",
                    expect=201,
                    json_body={"slug": slug, "name": name},
                )["id"]
            projects = {}
            for slug, title in (
                ("stationsomgeving", {"nl": "Stationsomgeving", "fr": "Quartier de la gare"}),
                ("buurtpark", {"nl": "Buurtpark Muide", "fr": "Parc de quartier Muide"}),
            ):
                projects[slug] = story.json(
                    admin,
                    "POST",
                    f"{API}/projects/projects",
                    expect=201,
                    json_body={
                        "department_id": departments["ruimtelijke-ordening"],
                        "title": title,
                        "slug": slug,
                    },
                    why="a draft for its moderator to fill in",
                )["id"]
            story.state.update(departments=departments, projects=projects)
            story.note(
                "the superadmin creates the two projects as drafts for their moderators: the "
                "projects service lets only superadmins and department heads create projects, "
                "and a moderator's role is scoped to an existing project"
            )
            team = {
                "schepen": (
                    person(story, be, "policy maker (schepen)", "schepen.dubois", "fr"),
                    {"role": "policy_maker"},
                ),
                "head": (
                    person(story, be, "department head (spatial planning)", "an.maes"),
                    {"role": "department_head", "scopeId": departments["ruimtelijke-ordening"]},
                ),
                "head2": (
                    person(story, be, "department head (mobility)", "koen.mertens"),
                    {"role": "department_head", "scopeId": departments["mobiliteit"]},
                ),
                "moderator": (
                    person(story, be, "project moderator", "tom.willems"),
                    {"role": "project_moderator", "scopeId": projects["stationsomgeving"]},
                ),
                "volunteer": (
                    person(story, be, "external moderator", "lotte.wijkraad"),
                    {
                        "role": "project_moderator",
                        "scopeId": projects["buurtpark"],
                        "external": True,
                    },
                ),
                "comms": (
                    person(story, be, "communications officer", "els.communicatie"),
                    {"role": "communications"},
                ),
                "it": (person(story, be, "IT officer", "webmaster.gent"), {"role": "it_admin"}),
            }
            for who, assignment in team.values():
                story.call(
                    admin,
                    "POST",
                    f"{API}/identity/invitations",
                    expect=201,
                    json_body={
                        "email": who.email,
                        "language": who.language,
                        **assignment,
                        "message": "Welkom in het team van het participatieplatform.",
                    },
                    why=f"invite the {who.role}",
                )
            for key, (who, assignment) in team.items():
                shown = accept_invitation(story, who, first_name=who.username.split(".")[0].title())
                if shown["preview"]["role"] != assignment["role"]:
                    raise story.fail(who, f"the invitation offers {shown['preview']}")
                story.state[key] = who
            volunteer = story.state["volunteer"]
            # The volunteer's role waits for the terms of use: nothing opens before that.
            accepted_status = [
                g["status"] for g in story.json(volunteer, "GET", f"{API}/identity/me")["grants"]
            ]
            if accepted_status != ["pending_terms"]:
                raise story.fail(volunteer, f"grants before the terms: {accepted_status}")
            story.call(
                volunteer,
                "PATCH",
                f"{API}/projects/projects/{projects['buurtpark']}",
                expect=(403, 404),
                json_body={"summary": {"nl": "x", "fr": "x"}},
                why="edit the project before accepting the terms",
            )
            terms = story.json(volunteer, "GET", f"{API}/identity/terms")
            activated = story.json(
                volunteer,
                "POST",
                f"{API}/identity/me/terms/acceptance",
                expect=201,
                json_body={"version": terms["version"]},
            )
            if not activated["activatedRoles"]:
                raise story.fail(volunteer, f"accepting the terms activated nothing: {activated}")
            story.token_of(volunteer, renew=True)  # the scoped role is in the next token
            overview = story.json(admin, "GET", f"{API}/identity/team")
            check_team_overview(story, admin, overview, team)
            # The other municipality's team knows none of these people.
            other = story.call(admin_nl, "GET", f"{API}/identity/team").text
            for who, _ in team.values():
                if who.username in other or who.email in other:
                    raise story.fail(
                        admin_nl, f"the team overview of {nl.slug} shows {who.username}"
                    )
            foreign_token_refused(story, story.state["schepen"], nl)

    def test_03_it_officer_sets_domains_redirect_and_widget(self, story: Story):
        with story.step(3, "the IT officer sets domains, a redirect, gets the widget snippet"):
            be, nl = story.state["be"], story.state["nl"]
            it, admin_nl = story.state["it"], story.state["admin_nl"]
            old_host = be.host
            primary = f"participatie.gent-{story.run}.be"
            domains = story.json(
                it,
                "PUT",
                f"{API}/widget/domains",
                json_body={
                    "primary": primary,
                    "aliases": [old_host],
                    "embed_origins": [f"https://www.gent-{story.run}.be"],
                },
            )
            if domains["primary"] != primary or domains["aliases"] != [old_host]:
                raise story.fail(it, f"the domains read back as {domains}")
            be.host = primary
            story.state["alias"] = old_host
            story.eventually(
                f"the gateway serving {primary}",
                lambda: story.json(None, "GET", f"{API}/identity/tenant", tenant=be),
            )
            story.call(
                it,
                "POST",
                f"{API}/widget/redirects",
                expect=201,
                json_body={
                    "source_path": "/omgevingsplan",
                    "target": "/projects/stationsomgeving",
                    "permanent": True,
                },
            )
            # A visitor on the old address lands on the primary domain; the path redirect
            # sends the printed flyer's address to the project.
            moved = story.call(
                None,
                "GET",
                "/",
                host=old_host,
                tenant=be,
                expect=(301, 308),
                headers={"Accept": "text/html"},
                why="the alias domain",
            )
            if not moved.headers["location"].startswith(f"https://{primary}"):
                raise story.fail(None, f"the alias redirects to {moved.headers['location']}")
            flyer = story.call(
                None,
                "GET",
                "/omgevingsplan",
                tenant=be,
                expect=(301, 308),
                headers={"Accept": "text/html"},
                why="the path redirect",
            )
            if not flyer.headers["location"].endswith("/projects/stationsomgeving"):
                raise story.fail(None, f"/omgevingsplan redirects to {flyer.headers['location']}")
            page = story.call(
                it,
                "GET",
                "/v1/widget/configurator",
                headers={"Accept": "text/html"},
                why="the configurator with the snippet",
            ).text
            # The snippet is built in the page from this: the widget served on the primary domain.
            if f'"base": "https://{primary}/v1/widget/"' not in page or "isw-script" not in page:
                raise story.fail(it, "the configurator offers no snippet for the primary domain")
            story.call(None, "GET", "/v1/widget/embed.js", tenant=be, headers={"Accept": "*/*"})
            widget = widget_projects(story, be)
            if "geen projecten" not in widget or "Stationsomgeving" in widget:
                raise story.fail(None, f"the widget shows more than nothing yet: {widget[-400:]}")
            # The other municipality can neither claim these addresses nor change them.
            story.call(
                admin_nl,
                "PUT",
                f"{API}/widget/domains",
                expect=409,
                json_body={"primary": primary, "aliases": [], "embed_origins": []},
                why="claim the other municipality's domain",
            )
            story.call(
                it,
                "PUT",
                f"{API}/widget/domains",
                tenant=nl,
                expect=(401, 403),
                json_body={"primary": primary, "aliases": [], "embed_origins": []},
                why="change the other municipality's domains",
            )
            nl_public = story.json(None, "GET", f"{API}/identity/tenant", tenant=nl)
            if nl_public["slug"] != nl.slug:
                raise story.fail(None, f"{nl.host} serves {nl_public}")

    def test_04_moderator_prepares_project_head_approves(self, story: Story):
        with story.step(
            4, "the moderator prepares the project, the head approves, it is published"
        ):
            be, nl = story.state["be"], story.state["nl"]
            moderator, head = story.state["moderator"], story.state["head"]
            project = story.state["projects"]["stationsomgeving"]
            path = f"{API}/projects/projects/{project}"
            story.call(moderator, "PATCH", path, json_body=STATION_PAGE, why="fill in the page")
            phases = {}
            for phase in station_phases(datetime.now(UTC)):
                phases[phase["kind"]] = story.json(
                    moderator,
                    "POST",
                    f"{path}/phases",
                    expect=201,
                    json_body=phase,
                    why=f"add the {phase['kind']} phase",
                )["id"]
            story.state["phases"] = phases
            submitted = story.json(moderator, "POST", f"{path}/submit", why="ask for approval")
            if submitted["status"] != "awaiting_approval":
                raise story.fail(
                    moderator, f"after asking approval the project is {submitted['status']}"
                )
            story.mail_to(
                head,
                lambda m: header(m, "X-Inspraak-Notification") == "approval_requested",
                "approval request",
            )
            story.call(
                moderator,
                "POST",
                f"{path}/approve",
                expect=403,
                json_body={"comment": ""},
                why="approve one's own page",
            )
            approved = story.json(
                head, "POST", f"{path}/approve", json_body={"comment": "Akkoord, goed doel."}
            )
            if approved["status"] != "published":
                raise story.fail(head, f"after approval the project is {approved['status']}")
            public = story.json(None, "GET", path, tenant=be, why="the published page")
            if public["goal"]["fr"] != STATION_PAGE["goal"]["fr"] or len(public["phases"]) != 5:
                raise story.fail(None, f"the published page shows {public}")
            story.eventually(
                "the widget listing the project in Dutch and French",
                lambda: (
                    "Stationsomgeving" in widget_projects(story, be)
                    and "Quartier de la gare" in widget_projects(story, be, "fr")
                ),
            )
            calendar = story.call(
                None,
                "GET",
                f"{API}/projects/calendar.ics",
                tenant=be,
                headers={"Accept": "text/calendar"},
                why="the public iCal feed",
            ).text
            if "BEGIN:VCALENDAR" not in calendar or "Stationsomgeving" not in calendar:
                raise story.fail(None, f"the iCal feed lacks the project: {calendar[:500]}")
            publish_dutch_project(story)
            nl_widget = widget_projects(story, nl)
            nl_calendar = story.call(
                None,
                "GET",
                f"{API}/projects/calendar.ics",
                tenant=nl,
                headers={"Accept": "text/calendar"},
            ).text
            for shown in (nl_widget, nl_calendar):
                if "Stationsomgeving" in shown:
                    raise story.fail(None, f"{nl.slug}'s widget or calendar shows Gent's project")
            for shown in (widget_projects(story, be), calendar):
                if "Merwedekanaal" in shown:
                    raise story.fail(
                        None, f"{be.slug}'s widget or calendar shows Utrecht's project"
                    )
            story.call(
                story.state["admin_nl"],
                "GET",
                path,
                tenant=nl,
                expect=404,
                why="Gent's project id at Utrecht's address",
            )
            story.call(
                head,
                "POST",
                f"{path}/approve",
                tenant=nl,
                expect=(401, 403, 404),
                json_body={"comment": ""},
                why="a Gent token at Utrecht",
            )

    def test_05_residents_take_part(self, story: Story):
        with story.step(5, "residents register, follow, post on the map, comment, vote, report"):
            be, nl = story.state["be"], story.state["nl"]
            project = story.state["projects"]["stationsomgeving"]
            phases = story.state["phases"]
            base = f"{API}/contributions/projects/{project}"
            residents = {}
            for key, username, language, kind in (
                ("noor", "noor", "nl", "person"),
                ("camille", "camille", "fr", "person"),
                ("jef", "jef", "nl", "person"),
                ("org", "fietsersbond-gent", "nl", "organisation"),
            ):
                resident = person(
                    story,
                    be,
                    "resident" if kind == "person" else "organisation",
                    username,
                    language,
                )
                registered = story.json(
                    None,
                    "POST",
                    f"{API}/identity/people/registrations",
                    tenant=be,
                    expect=201,
                    json_body={
                        "username": username,
                        "email": resident.email,
                        "password": PASSWORD,
                        "kind": kind,
                        "language": language,
                        **({"organisationType": "organisation"} if kind == "organisation" else {}),
                    },
                    why="register",
                )
                resident.user_id = registered["userId"]
                residents[key] = resident
                story.call(
                    resident,
                    "PUT",
                    f"{API}/projects/projects/{project}/follow",
                    expect=(200, 204),
                    why="follow the project",
                )
            story.state["residents"] = residents
            noor, camille, jef, org = (residents[k] for k in ("noor", "camille", "jef", "org"))
            spatial = f"{base}/phases/{phases['spatial_plan']}/inputs"

            def post_input(who: Person, title: str, body: str, where: dict) -> str:
                return story.json(
                    who,
                    "POST",
                    spatial,
                    expect=201,
                    json_body={"title": title, "body": f"<p>{body}</p>", "location": where},
                    why="an input on the map",
                )["input_id"]

            inputs = {
                "noor": story.eventually(
                    "contributions knowing the published project",
                    lambda: post_input(noor, "Meer fietsenstallingen", "Aan de zuidkant.", INSIDE),
                ),
                "camille": post_input(camille, "Plus d'arbres", "Sur la place.", INSIDE),
                "org": post_input(
                    org, "Veilige fietsroute", "Langs de Koningin Fabiolalaan.", INSIDE
                ),
            }
            refused = story.call(
                jef,
                "POST",
                spatial,
                expect=422,
                json_body={
                    "title": "Parking Dampoort",
                    "body": "<p>Elders.</p>",
                    "location": OUTSIDE,
                },
                why="an input outside the project's area",
            ).json()
            if "outside-area" not in refused["type"]:
                raise story.fail(jef, f"the input outside the area was refused as {refused}")
            story.state["inputs"] = inputs
            comments = {
                "camille": story.json(
                    camille,
                    "POST",
                    f"{base}/inputs/{inputs['noor']}/comments",
                    expect=201,
                    json_body={"body": "D'accord, surtout près de l'entrée sud."},
                )["comment_id"],
                "jef": story.json(
                    jef,
                    "POST",
                    f"{base}/inputs/{inputs['noor']}/comments",
                    expect=201,
                    json_body={"body": "Wat een idioot idee, ga toch weg, sukkel."},
                    why="an abusive comment",
                )["comment_id"],
            }
            story.state["comments"] = comments
            reactions = (
                (noor, "camille", "up"),
                (org, "noor", "up"),
                (camille, "noor", "up"),
                (jef, "camille", "down"),
            )
            for who, input_key, value in reactions:
                story.call(
                    who,
                    "PUT",
                    f"{base}/inputs/{inputs[input_key]}/reaction",
                    json_body={"value": value},
                    why=f"react {value}",
                )
            story.call(
                noor,
                "POST",
                f"{base}/reports",
                expect=(201, 202),
                json_body={
                    "item_type": "comment",
                    "item_id": comments["jef"],
                    "reason": "abusive",
                    "note": "Scheldwoorden.",
                },
                why="report the abusive comment",
            )
            open_next_phase(story, "spatial_plan", "survey")
            survey = f"{base}/phases/{phases['survey']}/survey-response"
            answers = {noor: ("ja", 4), camille: ("ja", 2), jef: ("nee", 1), org: ("ja", 5)}
            story.eventually(
                "the survey opening in contributions",
                lambda: story.call(
                    noor, "PUT", survey, json_body={"answers": {"autovrij": "ja", "tevreden": 4}}
                ),
            )
            for who, (choice, scale) in answers.items():
                story.call(
                    who,
                    "POST",
                    f"{survey}/submission",
                    expect=(200, 201),
                    json_body={"answers": {"autovrij": choice, "tevreden": scale}},
                    why="submit the survey",
                )
            open_next_phase(story, "survey", "scenario_planning")
            ranking = f"{base}/phases/{phases['scenario_planning']}/scenario-ranking"
            rankings = {
                noor: ["groen", "mix", "parkeren"],
                camille: ["groen", "parkeren", "mix"],
                jef: ["parkeren", "mix", "groen"],
                org: ["groen", "mix", "parkeren"],
            }
            story.eventually(
                "the scenario phase opening in contributions",
                lambda: story.call(noor, "PUT", ranking, json_body={"ranking": rankings[noor]}),
            )
            for who in (camille, jef, org):
                story.call(
                    who,
                    "PUT",
                    ranking,
                    json_body={"ranking": rankings[who]},
                    why="rank the scenarios",
                )
            open_next_phase(story, "scenario_planning", "voting")
            basket = f"{base}/phases/{phases['voting']}/basket"

            def over_budget() -> dict[str, Any] | None:
                refused = story.call(
                    noor,
                    "PUT",
                    basket,
                    expect=(409, 422),
                    json_body={"input_ids": ["speeltuin", "fietsenstalling"]},
                    why="a basket over budget",
                ).json()
                # Until contributions hears of the early start, it says the phase is not open.
                return refused if "phase-not-started" not in refused["type"] else None

            over = story.eventually("the budget phase opening in contributions", over_budget)
            if "over-budget" not in over["type"]:
                raise story.fail(noor, f"the basket over budget was refused as {over}")
            baskets = {
                noor: ["speeltuin", "bomen"],
                camille: ["fietsenstalling", "bomen"],
                org: ["speeltuin"],
            }
            for who, items in baskets.items():
                story.call(
                    who, "PUT", basket, json_body={"input_ids": items}, why="fill the basket"
                )
                story.call(
                    who, "POST", f"{basket}/submission", expect=(200, 201), why="submit the basket"
                )
            # What residents did, for the quarter's figures in step 9.
            story.state["took_part"] = {
                "reactions": len(reactions),
                "survey_answers": len(answers),
                "scenario_rankings": len(rankings),
                "budget_votes": sum(len(items) for items in baskets.values()),
            }
            # Utrecht sees none of it; Gent's residents open nothing at Utrecht.
            nl_inputs = story.json(
                story.state["admin_nl"],
                "GET",
                f"{API}/contributions/projects/{story.state['nl_project']}/inputs",
            )
            if nl_inputs["items"]:
                raise story.fail(
                    story.state["admin_nl"], f"Utrecht's project has inputs: {nl_inputs}"
                )
            story.call(
                story.state["admin_nl"],
                "GET",
                f"{base}/inputs",
                tenant=nl,
                expect=404,
                why="Gent's project at Utrecht's address",
            )
            foreign_token_refused(story, camille, nl)

    def test_06_moderator_moderates_and_responds(self, story: Story):
        with story.step(6, "the moderator hides the reported comment and responds officially"):
            nl = story.state["nl"]
            moderator = story.state["moderator"]
            residents, inputs = story.state["residents"], story.state["inputs"]
            comments = story.state["comments"]
            noor, camille, jef = (residents[k] for k in ("noor", "camille", "jef"))
            project = story.state["projects"]["stationsomgeving"]
            base = f"{API}/contributions/projects/{project}"
            queue = story.json(moderator, "GET", f"{base}/moderation/queue")
            items = queue if isinstance(queue, list) else queue.get("items", [])
            reported = [i for i in items if i["item_id"] == comments["jef"]]
            if not reported or reported[0]["open_reports"] < 1:
                raise story.fail(moderator, f"the queue lacks the reported comment: {items}")
            # In the browser: the staff moderation screen, the reported comment, hide.
            hide_in_moderation_screen(
                story,
                moderator,
                project,
                comments["jef"],
                "Scheldwoorden: in strijd met de huisregels.",
            )
            thread = story.call(noor, "GET", f"{base}/inputs/{inputs['noor']}/comments").text
            if "sukkel" in thread:
                raise story.fail(noor, "the hidden comment is still readable")
            for who, key, status, response in (
                (
                    noor,
                    "noor",
                    "accepted",
                    "Goed idee: we voorzien 400 extra plaatsen aan de zuidkant.",
                ),
                (
                    camille,
                    "camille",
                    "under_consideration",
                    "Merci : nous étudions où planter des arbres sur la place.",
                ),
            ):
                changed = story.json(
                    moderator,
                    "POST",
                    f"{base}/inputs/{inputs[key]}/status",
                    json_body={"status": status, "official_response": response},
                    why=f"answer {who.username}'s input",
                )
                if changed["status"] != status or changed["official_response"] != response:
                    raise story.fail(moderator, f"the input reads {changed}")
            # Each author hears of it in their own language.
            for who in (noor, camille):
                mail = story.mail_to(
                    who,
                    lambda m: (
                        header(m, "X-Inspraak-Notification")
                        in {"input_status_changed", "official_response"}
                    ),
                    "status or official response",
                )
                if header(mail, "Content-Language") != who.language:
                    raise story.fail(who, f"the mail came in {header(mail, 'Content-Language')}")
            # Other people see a username, never a name or an address.
            listing = story.call(jef, "GET", f"{base}/inputs").text
            profile = story.json(jef, "GET", f"{API}/identity/people/camille")
            for who in residents.values():
                if who.email in listing or who.email in str(profile):
                    raise story.fail(jef, f"{who.username}'s e-mail address is shown to others")
            if set(profile) - {"username", "isOrganisation", "organisationType"}:
                raise story.fail(jef, f"a public profile shows {profile}")
            story.call(
                jef,
                "GET",
                f"{API}/identity/people/camille/contact",
                expect=(403, 404),
                why="another resident's contact details",
            )
            story.call(
                story.state["admin_nl"],
                "GET",
                f"{base}/moderation/queue",
                tenant=nl,
                expect=404,
                why="Gent's moderation queue at Utrecht",
            )
            foreign_token_refused(story, moderator, nl)

    def test_07_each_role_within_its_rights(self, story: Story):
        with story.step(7, "the volunteer runs a 2nd project; the head sees both; comms reads"):
            nl = story.state["nl"]
            volunteer, head, head2 = (story.state[k] for k in ("volunteer", "head", "head2"))
            comms, schepen = story.state["comms"], story.state["schepen"]
            station = story.state["projects"]["stationsomgeving"]
            park = story.state["projects"]["buurtpark"]
            park_path = f"{API}/projects/projects/{park}"
            story.call(volunteer, "PATCH", park_path, json_body=PARK_PAGE, why="fill in the page")
            now = datetime.now(UTC)
            story.call(
                volunteer,
                "POST",
                f"{park_path}/phases",
                expect=201,
                json_body={
                    "kind": "ideation",
                    "title": {"nl": "Ideeën", "fr": "Idées"},
                    "starts_at": (now - timedelta(hours=1)).isoformat(),
                    "ends_at": (now + timedelta(days=30)).isoformat(),
                },
            )
            story.call(volunteer, "POST", f"{park_path}/submit")
            story.call(head, "POST", f"{park_path}/approve", json_body={"comment": ""})
            station_path = f"{API}/projects/projects/{station}"
            station_base = f"{API}/contributions/projects/{station}"
            comment = story.state["comments"]["camille"]
            for method, path, body in (
                ("PATCH", station_path, {"summary": {"nl": "Gekaapt", "fr": "Piraté"}}),
                ("PUT", f"{station_path}/visibility", {"visibility": "hidden"}),
                (
                    "POST",
                    f"{station_base}/moderation/comment/{comment}/hide",
                    {"reason": "Zomaar."},
                ),
                ("GET", f"{station_base}/moderation/queue", None),
            ):
                story.call(
                    volunteer,
                    method,
                    path,
                    json_body=body,
                    expect=(403, 404),
                    why="the volunteer on the other project",
                )
            listed = story.json(
                head,
                "GET",
                f"{API}/projects/projects",
                params={"department_id": story.state["departments"]["ruimtelijke-ordening"]},
            )
            ids = {p["id"] for p in listed["items"]}
            if not {station, park} <= ids:
                raise story.fail(head, f"the department's projects listed: {ids}")
            for project in (station, park):
                story.call(
                    head,
                    "GET",
                    f"{API}/contributions/projects/{project}/results",
                    why="the department's results",
                )
            results = station_results(story, schepen)
            check_station_results(story, schepen, results)
            story.state["results_before"] = results
            story.call(
                head2,
                "GET",
                f"{station_base}/moderation/queue",
                expect=(403, 404),
                why="another department's moderation",
            )
            story.call(
                head2,
                "POST",
                f"{park_path}/archive",
                expect=(403, 404),
                why="another department's project",
            )
            for who in (comms, schepen):
                story.call(who, "GET", f"{station_base}/results")
                story.call(who, "GET", f"{station_base}/inputs")
                story.call(who, "GET", station_path)
                for method, path, body in (
                    ("PATCH", station_path, {"summary": {"nl": "Anders", "fr": "Autre"}}),
                    ("PUT", f"{station_path}/visibility", {"visibility": "hidden"}),
                    (
                        "POST",
                        f"{station_base}/inputs/{story.state['inputs']['org']}/status",
                        {"status": "rejected", "official_response": "Nee."},
                    ),
                    (
                        "POST",
                        f"{station_base}/moderation/comment/{comment}/hide",
                        {"reason": "Zomaar."},
                    ),
                ):
                    story.call(
                        who,
                        method,
                        path,
                        json_body=body,
                        expect=403,
                        why="a reader trying to change something",
                    )
            foreign_token_refused(story, comms, nl)
            story.call(
                story.state["admin_nl"],
                "GET",
                f"{station_base}/results",
                tenant=nl,
                expect=404,
                why="Gent's results at Utrecht",
            )
            # In the browser: a resident signs in at Keycloak and posts an idea on the page
            # of the volunteer's project.
            camille = story.state["residents"]["camille"]
            story.state["park_inputs"] = {
                "camille": post_idea_in_browser(
                    story, camille, "buurtpark", park, "Un potager partagé", "Près de l'école."
                )
            }

    def test_08_hidden_project_disappears_and_returns(self, story: Story):
        with story.step(8, "the moderator hides the project for a while and shows it again"):
            be = story.state["be"]
            moderator, head = story.state["moderator"], story.state["head"]
            noor = story.state["residents"]["noor"]
            station = story.state["projects"]["stationsomgeving"]
            path = f"{API}/projects/projects/{station}"
            inputs_path = f"{API}/contributions/projects/{station}/inputs"
            before = story.json(head, "GET", inputs_path)["items"]
            story.call(moderator, "PUT", f"{path}/visibility", json_body={"visibility": "hidden"})
            for who in (noor, None):
                story.call(who, "GET", path, tenant=be, expect=404, why="the hidden project")
                found = story.json(
                    who,
                    "GET",
                    f"{API}/projects/projects",
                    tenant=be,
                    params={"q": "Stationsomgeving"},
                    why="search",
                )
                if any(p["id"] == station for p in found["items"]):
                    raise story.fail(who, "search still finds the hidden project")
            story.eventually(
                "the widget and contributions hiding the project",
                lambda: (
                    "Stationsomgeving" not in widget_projects(story, be)
                    and story.call(noor, "GET", inputs_path, expect=(200, 404)).status_code == 404
                ),
            )
            story.call(head, "GET", path, why="staff still see the hidden project")
            story.call(moderator, "PUT", f"{path}/visibility", json_body={"visibility": "public"})
            story.eventually(
                "the project back for residents, in the widget and in search",
                lambda: (
                    "Stationsomgeving" in widget_projects(story, be)
                    and story.call(noor, "GET", inputs_path, expect=(200, 404)).status_code == 200
                    and any(
                        p["id"] == station
                        for p in story.json(
                            None,
                            "GET",
                            f"{API}/projects/projects",
                            tenant=be,
                            params={"q": "Stationsomgeving"},
                        )["items"]
                    )
                ),
            )
            after = story.json(head, "GET", inputs_path)["items"]
            if [i["input_id"] for i in after] != [i["input_id"] for i in before]:
                raise story.fail(head, "inputs changed while the project was hidden")
            # Utrecht's search never finds Gent's project; Gent's moderator steers nothing there.
            nl, admin_nl = story.state["nl"], story.state["admin_nl"]
            for who in (admin_nl, None):
                found = story.json(
                    who,
                    "GET",
                    f"{API}/projects/projects",
                    tenant=nl,
                    params={"q": "Stationsomgeving"},
                    why="search at Utrecht",
                )
                if found["items"]:
                    raise story.fail(who, f"Utrecht's search finds {found['items']}")
            story.call(
                moderator,
                "PUT",
                f"{API}/projects/projects/{story.state['nl_project']}/visibility",
                tenant=nl,
                json_body={"visibility": "hidden"},
                expect=(401, 403),
                why="a Gent token hiding Utrecht's project",
            )

    def test_09_policy_maker_receives_the_update(self, story: Story):
        with story.step(9, "the policy maker receives the update, sent in the superadmin's name"):
            nl = story.state["nl"]
            admin, schepen = story.state["admin_be"], story.state["schepen"]
            updates_path = f"{API}/notifications/policy-updates"
            # Time moves to the end of the quarter the supported way: the superadmin sets the
            # launch back (allowed until an update was sent) so that a quarter ends right now,
            # after everything of steps 1-8; notifications prepares that quarter's update.
            quarter_end = datetime.now(UTC)
            launch_at, index = launch_for_quarter_ending(quarter_end)
            story.call(
                admin,
                "PUT",
                f"{API}/notifications/policy-update-settings",
                json_body={"launch_at": launch_at.isoformat(), "auto_send_after_days": None},
                why="move the launch so that a quarter ends now",
            )

            def quarter_draft() -> dict[str, Any] | None:
                listed = story.json(admin, "GET", updates_path)
                return listed[0] if [u["period_index"] for u in listed] == [index] else None

            draft = story.eventually("the quarter's update being prepared", quarter_draft, 90)
            if (
                draft["status"] != "draft"
                or draft["period_end"][:19] != quarter_end.isoformat()[:19]
            ):
                raise story.fail(admin, f"the quarter's update is {draft}")
            expected = expected_quarter_figures(story)
            # A draft shows the figures as they stand; the events of step 8 may still travel.
            drafted: list[dict[str, Any]] = []

            def caught_up() -> bool:
                figures = story.json(admin, "GET", f"{updates_path}/{draft['id']}")["figures"]
                drafted.append(quarter_figures_seen(figures, story))
                return drafted[-1] == expected

            try:
                story.eventually("the draft's figures catching up with steps 1-8", caught_up)
            except StoryError as exc:
                raise story.fail(
                    admin, f"the draft's figures are {drafted[-1:]}, expected {expected}"
                ) from exc
            intro = "Beste schepen, hier is de stand van het participatieplatform."
            story.call(
                admin, "PATCH", f"{updates_path}/{draft['id']}", json_body={"introduction": intro}
            )
            sent = story.json(admin, "POST", f"{updates_path}/{draft['id']}/send")
            if sent["sender_username"] != admin.username or sent["recipients"] != 1:
                raise story.fail(admin, f"the update went out as {sent}")
            story.call(
                admin,
                "PUT",
                f"{API}/notifications/policy-update-settings",
                json_body={"launch_at": datetime.now(UTC).isoformat()},
                expect=409,
                why="move the launch after an update was sent",
            )
            mail = story.mail_to(
                schepen,
                lambda m: header(m, "X-Inspraak-Notification") == "policy_update",
                "policy update",
            )
            if header(mail, "Content-Language") != schepen.language:
                raise story.fail(schepen, f"the update came in {header(mail, 'Content-Language')}")
            if f"Évaluation intermédiaire n° {index}" not in (mail.get("subject") or ""):
                raise story.fail(schepen, f"the update's subject is {mail.get('subject')}")
            if admin.username not in (mail.get("from") or ""):
                raise story.fail(schepen, f"the update is not in the superadmin's name: {mail}")
            if intro not in (mail.get("text") or ""):
                raise story.fail(schepen, "the update lacks the superadmin's introduction")
            read = story.json(schepen, "GET", f"{updates_path}/{draft['id']}")
            open_dashboard_in_browser(story, schepen, draft["id"])
            seen = quarter_figures_seen(read["figures"], story)
            if seen != expected:
                raise story.fail(schepen, f"the update's figures are {seen}, expected {expected}")
            story.state["policy_update"] = read
            story.call(
                schepen,
                "GET",
                f"{updates_path}/{draft['id']}",
                tenant=nl,
                expect=(401, 403, 404),
                why="Gent's update at Utrecht",
            )
            if story.json(story.state["admin_nl"], "GET", updates_path) and any(
                u["id"] == draft["id"]
                for u in story.json(story.state["admin_nl"], "GET", updates_path)
            ):
                raise story.fail(story.state["admin_nl"], "Utrecht lists Gent's update")

    def test_10_resident_exports_and_erases(self, story: Story, tmp_path_factory):
        with story.step(10, "a resident downloads their data and erases the account"):
            head, schepen = story.state["head"], story.state["schepen"]
            noor = story.state["residents"]["noor"]
            station = story.state["projects"]["stationsomgeving"]
            base = f"{API}/contributions/projects/{station}"
            export = story.json(noor, "GET", f"{API}/identity/me/export")
            if noor.email not in str(export) or noor.username not in str(export):
                raise story.fail(
                    noor, f"the export lacks the person's own data: {str(export)[:400]}"
                )
            story.call(
                noor,
                "POST",
                f"{API}/identity/me/erasure",
                json_body={"confirmUsername": noor.username},
            )
            mine = story.state["inputs"]["noor"]

            def anonymised() -> dict[str, Any] | None:
                shown = story.json(head, "GET", f"{base}/inputs/{mine}")
                return shown if shown["author"]["former_participant"] else None

            shown = story.eventually("the input showing a former participant", anonymised)
            if shown["author"]["username"] is not None or noor.username in str(shown["author"]):
                raise story.fail(head, f"the erased author still shows: {shown['author']}")
            before, after = story.state["results_before"], station_results(story, schepen)
            for part, figures in before.items():
                if after[part] != figures:
                    raise story.fail(
                        schepen,
                        f"the erasure changed the {part} results: {figures} -> {after[part]}",
                    )
            try:
                story.token_of(noor, renew=True)
            except StoryError:
                pass
            else:
                raise story.fail(noor, "the erased account can still sign in")
            nothing_of_gent_at_utrecht(story, tmp_path_factory.mktemp("export"))


def check_team_overview(
    story: Story, admin: Person, overview: dict[str, Any], team: dict[str, Any]
) -> None:
    """Everyone with their role, active, and the task package the source text gives them."""
    by_name = {s["username"]: s for s in overview["stakeholders"]}
    for who, assignment in team.values():
        entry = by_name.get(who.username)
        if entry is None:
            raise story.fail(admin, f"the team overview lacks {who.username}: {sorted(by_name)}")
        roles = {(r["role"], r.get("scopeId")) for r in entry["roles"]}
        if (assignment["role"], assignment.get("scopeId")) not in roles:
            raise story.fail(admin, f"the team overview shows {who.username} as {roles}")
        for role in entry["roles"]:
            if role["status"] != "active" or not role["taskPackage"].get("nl"):
                raise story.fail(admin, f"{who.username}'s role in the overview: {role}")
    if overview["pendingInvitations"]:
        raise story.fail(admin, f"invitations still pending: {overview['pendingInvitations']}")


def widget_projects(story: Story, tenant: Tenant, lang: str | None = None) -> str:
    """The projects view of the widget as the municipal website's visitors get it."""
    params = {"limit": 20, **({"lang": lang} if lang else {})}
    return story.call(
        None,
        "GET",
        "/v1/widget/fragment/projects",
        tenant=tenant,
        params=params,
        headers={"Accept": "text/html"},
        why="the widget's projects view",
    ).text


# --- the projects ------------------------------------------------------------------------------

# A square around Gent-Sint-Pieters: map inputs must fall inside it.
STATION_AREA = {
    "type": "Polygon",
    "coordinates": [
        [[3.700, 51.030], [3.720, 51.030], [3.720, 51.040], [3.700, 51.040], [3.700, 51.030]]
    ],
}
INSIDE = {"type": "Point", "coordinates": [3.710, 51.035]}
OUTSIDE = {"type": "Point", "coordinates": [3.760, 51.060]}  # Gent-Dampoort, outside the area
STATION_PAGE = {
    "summary": {
        "nl": "Hoe ziet de stationsomgeving er in 2035 uit?",
        "fr": "À quoi ressemblera le quartier de la gare en 2035 ?",
    },
    "description": {
        "nl": "<p>De stad herinricht de stationsomgeving.</p>",
        "fr": "<p>La ville réaménage le quartier de la gare.</p>",
    },
    "goal": {
        "nl": "<p>Samen het ruimtelijk plan voor de stationsomgeving bepalen.</p>",
        "fr": "<p>Définir ensemble le plan spatial du quartier de la gare.</p>",
    },
    "input_use": {
        "nl": "<p>De gemeenteraad beslist in juni met het verslag van alle inbreng.</p>",
        "fr": "<p>Le conseil communal décide en juin sur la base de toutes les contributions.</p>",
    },
    "target_audience": {"nl": "Bewoners en pendelaars", "fr": "Habitants et navetteurs"},
    "area_geometry": STATION_AREA,
}
PARK_PAGE = {
    "summary": {
        "nl": "Wat wil de buurt in het nieuwe park?",
        "fr": "Que veut le quartier dans le nouveau parc ?",
    },
    "goal": {
        "nl": "<p>Ideeën van de buurt voor het park.</p>",
        "fr": "<p>Les idées du quartier pour le parc.</p>",
    },
    "input_use": {
        "nl": "<p>De wijkraad bundelt de ideeën voor de schepen.</p>",
        "fr": "<p>Le conseil de quartier rassemble les idées pour l'échevin.</p>",
    },
}
BUDGET = 100_000
BUDGET_ITEMS = [
    {"id": "speeltuin", "title": {"nl": "Speeltuin", "fr": "Aire de jeux"}, "cost": 60_000},
    {
        "id": "fietsenstalling",
        "title": {"nl": "Fietsenstalling", "fr": "Parking vélos"},
        "cost": 50_000,
    },
    {"id": "bomen", "title": {"nl": "Honderd bomen", "fr": "Cent arbres"}, "cost": 30_000},
]
SCENARIOS = [
    {"id": "groen", "title": {"nl": "Groen plein", "fr": "Place verte"}},
    {"id": "parkeren", "title": {"nl": "Ondergronds parkeren", "fr": "Parking souterrain"}},
    {"id": "mix", "title": {"nl": "Gemengd", "fr": "Mixte"}},
]
SURVEY = {
    "questions": [
        {
            "id": "autovrij",
            "type": "single_choice",
            "required": True,
            "text": {
                "nl": "Moet het stationsplein autovrij worden?",
                "fr": "La place de la gare doit-elle devenir sans voitures ?",
            },
            "options": [
                {"id": "ja", "text": {"nl": "Ja", "fr": "Oui"}},
                {"id": "nee", "text": {"nl": "Nee", "fr": "Non"}},
            ],
        },
        {
            "id": "tevreden",
            "type": "scale",
            "required": True,
            "text": {"nl": "Hoe tevreden bent u nu?", "fr": "Êtes-vous satisfait aujourd'hui ?"},
        },
    ]
}


def station_phases(now: datetime) -> list[dict[str, Any]]:
    """Information (over), the spatial plan (open now), then survey, scenarios and budget;
    the moderator opens each next one early during the story."""
    day = timedelta(days=1)

    def phase(kind: str, nl: str, fr: str, start: datetime, end: datetime, **method: Any) -> dict:
        return {
            "kind": kind,
            "title": {"nl": nl, "fr": fr},
            "starts_at": start.isoformat(),
            "ends_at": end.isoformat(),
            "results_visibility": "during",
            **method,
        }

    return [
        phase("information", "Informatie", "Information", now - 3 * day, now - 2 * day),
        phase("spatial_plan", "Ruimtelijk plan", "Plan spatial", now - day, now + day),
        phase("survey", "Bevraging", "Enquête", now + day, now + 2 * day, survey=SURVEY),
        phase(
            "scenario_planning",
            "Scenario's",
            "Scénarios",
            now + 2 * day,
            now + 3 * day,
            scenarios=SCENARIOS,
        ),
        phase(
            "voting",
            "Burgerbudget",
            "Budget participatif",
            now + 3 * day,
            now + 4 * day,
            voting={"method": "budget", "budget": BUDGET, "currency": "EUR", "items": BUDGET_ITEMS},
        ),
    ]


def publish_dutch_project(story: Story) -> None:
    """Utrecht runs a project of its own: data that Gent's people must never see."""
    admin = story.state["admin_nl"]
    department = story.json(
        admin,
        "POST",
        f"{API}/projects/departments",
        expect=201,
        json_body={"slug": "ruimte", "name": {"nl": "Ruimte"}},
    )["id"]
    project = story.json(
        admin,
        "POST",
        f"{API}/projects/projects",
        expect=201,
        json_body={
            "department_id": department,
            "title": {"nl": "Merwedekanaal"},
            "slug": "merwedekanaal",
            "goal": {"nl": "<p>Ideeën voor de kades.</p>"},
            "input_use": {"nl": "<p>Het college kiest uit de ideeën.</p>"},
            "summary": {"nl": "Ideeën voor het Merwedekanaal"},
        },
    )["id"]
    now = datetime.now(UTC)
    phase = story.json(
        admin,
        "POST",
        f"{API}/projects/projects/{project}/phases",
        expect=201,
        json_body={
            "kind": "ideation",
            "title": {"nl": "Ideeën"},
            "starts_at": (now - timedelta(days=1)).isoformat(),
            "ends_at": (now + timedelta(days=30)).isoformat(),
        },
    )["id"]
    story.call(admin, "POST", f"{API}/projects/projects/{project}/submit")
    story.call(
        admin, "POST", f"{API}/projects/projects/{project}/approve", json_body={"comment": ""}
    )
    story.state.update(nl_project=project, nl_phase=phase)


def open_next_phase(story: Story, current: str, following: str) -> None:
    """The moderator closes the open phase now and opens the next one early."""
    moderator = story.state["moderator"]
    phases = story.state["phases"]
    path = f"{API}/projects/projects/{story.state['projects']['stationsomgeving']}/phases"
    now = datetime.now(UTC).isoformat()
    story.call(
        moderator,
        "PATCH",
        f"{path}/{phases[current]}",
        json_body={"ends_at": now},
        why=f"close the {current} phase",
    )
    story.call(
        moderator,
        "PATCH",
        f"{path}/{phases[following]}",
        json_body={"starts_at": now},
        why=f"open the {following} phase",
    )


def nothing_of_gent_at_utrecht(story: Story, folder: Path) -> None:
    """Across the whole run: Utrecht's export, mail and feed hold nothing of Gent."""
    be, nl = story.state["be"], story.state["nl"]
    gent_marks = [be.slug, "Stationsomgeving", "Stad Gent", "gent.example"]
    for _attempt in range(3):  # a busy Keycloak makes it say "try again"
        exported = story.operator("tenant", "export", nl.slug, "--out", str(folder))
        if exported.returncode == 0:
            break
        story.note(f"`inspraak tenant export {nl.slug}` failed once: {exported.stdout.strip()}")
    else:
        raise StoryError(f"the operator's export of {nl.slug} failed: {exported.stdout}")
    for path in folder.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        for mark in gent_marks:
            if mark in text:
                raise StoryError(f"Utrecht's export {path.name} holds '{mark}'")
    for message in story.mailbox.messages(to=f"{story.run}@utrecht.example"):
        text = f"{message.get('subject')} {message.get('text')}"
        for mark in gent_marks:
            if mark in text:
                raise StoryError(f"a mail to {message['to']} mentions '{mark}'")
    events_of_each_tenant_stay_apart(story, gent_marks)
    feed = story.call(story.state["admin_nl"], "GET", f"{API}/notifications/me/notifications").text
    for mark in gent_marks:
        if mark in feed:
            raise story.fail(story.state["admin_nl"], f"the notification feed mentions '{mark}'")


def station_results(story: Story, reader: Person) -> dict[str, Any]:
    """The project's figures and each participation phase's results, as staff read them."""
    base = f"{API}/contributions/projects/{story.state['projects']['stationsomgeving']}"
    results = {"project": story.json(reader, "GET", f"{base}/results", why="the results")}
    for kind in ("spatial_plan", "survey", "scenario_planning", "voting"):
        phase = story.state["phases"][kind]
        results[kind] = story.json(reader, "GET", f"{base}/phases/{phase}/results")
    return results


def check_station_results(story: Story, reader: Person, results: dict[str, Any]) -> None:
    """The figures are what the residents did in step 5, no more and no less."""
    tallies = {t["input_id"]: t["votes"] for t in results["voting"]["voting"]["tallies"]}
    seen = {
        "inputs": results["project"]["inputs"],
        "survey respondents": results["survey"]["survey"]["respondents"],
        "scenario rankings": results["scenario_planning"]["scenarios"]["rankings"],
        "budget baskets": results["voting"]["voting"]["baskets_submitted"],
        "votes per item": tallies,
    }
    expected = {
        "inputs": 3,
        "survey respondents": 4,
        "scenario rankings": 4,
        "budget baskets": 3,
        "votes per item": {"speeltuin": 2, "fietsenstalling": 1, "bomen": 2},
    }
    if seen != expected:
        raise story.fail(reader, f"the results show {seen}, expected {expected}")


def hide_in_moderation_screen(
    story: Story, moderator: Person, project: str, comment: str, reason: str
) -> None:
    """The moderator opens the staff moderation screen and hides the reported comment."""
    screen = f"/staff/projects/{project}/moderation"
    with story.browser.signed_in(moderator, screen, "the moderation screen") as tab:
        hide = f"form[action$='/moderation/comment/{comment}/hide']"
        with story.browser.doing(moderator, tab, "hide the reported comment"):
            if tab.locator(hide).count() != 1:
                raise story.fail(moderator, "the moderation screen lacks the reported comment")
            tab.fill(f"#reason-{comment}", reason)
            tab.locator(f"{hide} button[type=submit]").click()
            tab.wait_for_url(f"**{screen}?done=hidden")
            # Handled: the queue confirms it and no longer offers the comment to hide.
            if tab.locator(hide).count() != 0 or tab.locator("[role=status]").count() == 0:
                raise story.fail(moderator, "after hiding, the queue still offers the comment")
        story.browser.shot(tab, "step-6-moderator-hides-the-reported-comment")


def post_idea_in_browser(
    story: Story, resident: Person, slug: str, project: str, title: str, body: str
) -> str:
    """The resident signs in at Keycloak's page and posts an idea on the project page."""
    page = f"/projects/{slug}"
    with story.browser.signed_in(resident, page, "post an idea") as tab:
        form = "form[action$='/ideas']"
        with story.browser.doing(resident, tab, f"post an idea on {page}"):

            def posted() -> bool:
                tab.goto(f"{story.browser.site(resident.tenant)}{page}")
                if tab.locator(form).count() != 1:
                    return False  # contributions has not heard of the phase yet
                tab.fill("#field-title", title)
                tab.fill("#field-body", body)
                tab.locator(f"{form} button[type=submit]").click()
                tab.wait_for_load_state()
                # Posted: back on the page. Else the form came back with the problem (the
                # phase not open in contributions yet) and nothing was stored: try again.
                return urlsplit(tab.url).path == page

            story.eventually("the idea posted through the project page", posted)
            if title not in tab.inner_text("#main"):
                raise story.fail(resident, f"the project page does not list the idea {title!r}")
        story.browser.shot(tab, "step-7-resident-posts-an-idea")
    listed = story.json(resident, "GET", f"{API}/contributions/projects/{project}/inputs")
    mine = [i for i in listed["items"] if i["title"] == title]
    if len(mine) != 1 or mine[0]["author"]["username"] != resident.username:
        raise story.fail(resident, f"the idea posted in the browser reads {mine}")
    return str(mine[0]["input_id"])


def open_dashboard_in_browser(story: Story, policy_maker: Person, update_id: str) -> None:
    """The policy maker reads the dashboard: figures and the update, nothing to change."""
    with story.browser.signed_in(policy_maker, "/staff/dashboard", "the dashboard") as tab:
        with story.browser.doing(policy_maker, tab, "read the dashboard"):
            text = tab.inner_text("#main")
            seen = {
                "the station project": "Quartier de la gare" in text or "Stationsomgeving" in text,
                "the quarterly update": tab.locator(f"a[href*='{update_id}']").count() == 1,
                "forms to change anything": tab.locator("#main form").count(),
            }
            expected = {"the station project": True, "the quarterly update": True}
            if seen != {**expected, "forms to change anything": 0}:
                raise story.fail(policy_maker, f"the dashboard shows {seen}")
        story.browser.shot(tab, "step-9-policy-maker-reads-the-dashboard")


def launch_for_quarter_ending(moment: datetime) -> tuple[datetime, int]:
    """The launch whose quarter n ends exactly at `moment`, and n (the smallest that does).

    Quarters end on the launch's day of the month; on the 29th-31st the month three (or six)
    months back may be too short, so the launch moves a further quarter back.
    """
    for quarters in range(1, 5):
        months = 3 * quarters
        month_index = moment.month - 1 - months
        year, month = moment.year + month_index // 12, month_index % 12 + 1
        if moment.day <= calendar.monthrange(year, month)[1]:
            return moment.replace(year=year, month=month), quarters
    raise AssertionError(f"no launch gives a quarter ending at {moment}")  # never: 12 months


def gent_people(story: Story) -> list[Person]:
    """Everyone of Gent who has an account by now (staff and residents)."""
    be = story.state["be"]
    people = [v for v in story.state.values() if isinstance(v, Person)]
    people += list(story.state["residents"].values())
    return [p for p in {id(p): p for p in people}.values() if p.tenant is be and p.user_id]


# What an update counts per project (and in all, with registrations).
QUARTER_METRICS = (
    "participants",
    "inputs",
    "comments",
    "reactions",
    "votes",
    "survey_answers",
    "scenario_rankings",
)


def expected_quarter_figures(story: Story) -> dict[str, Any]:
    """What steps 1-8 did in Gent, counted from the story itself."""
    projects, took_part = story.state["projects"], story.state["took_part"]
    station, park = projects["stationsomgeving"], projects["buurtpark"]
    inputs, comments = story.state["inputs"], story.state["comments"]
    park_inputs = story.state["park_inputs"]
    # People who wrote an input or a comment (a hidden one too: they took part); votes and
    # survey answers are anonymous totals, so they add no participants.
    station_activity = {
        "participants": len(set(inputs) | set(comments)),
        "inputs": len(inputs),
        "comments": len(comments),
        "reactions": took_part["reactions"],
        "votes": took_part["budget_votes"],
        "survey_answers": took_part["survey_answers"],
        "scenario_rankings": took_part["scenario_rankings"],
    }
    park_activity = {
        "participants": len(park_inputs),
        "inputs": len(park_inputs),
        **dict.fromkeys(("comments", "reactions", "votes", "survey_answers"), 0),
        "scenario_rankings": 0,
    }
    return {
        "totals": {
            "participants": len(set(inputs) | set(comments) | set(park_inputs)),
            "registrations": len(gent_people(story)),
            **{
                metric: station_activity[metric] + park_activity[metric]
                for metric in QUARTER_METRICS[1:]
            },
        },
        "previous_totals": dict.fromkeys(("registrations", *QUARTER_METRICS), 0),
        "projects": {station: station_activity, park: park_activity},
        "started": sorted(projects.values()),
        # Step 6: noor's input accepted, camille's taken up, both with an official response.
        "outcomes": {station: {"accepted": 1, "under_consideration": 1, "responses": 2}},
    }


def quarter_figures_seen(figures: dict[str, Any], story: Story) -> dict[str, Any]:
    """The parts of an update's figures that `expected_quarter_figures` predicts."""
    return {
        "totals": figures["totals"],
        "previous_totals": figures["previous_totals"],
        "projects": {
            p["project_id"]: {m: p[m] for m in QUARTER_METRICS} for p in figures["projects"]
        },
        "started": sorted(p["project_id"] for p in figures["started"]),
        "outcomes": {
            o["project_id"]: {k: o[k] for k in ("accepted", "under_consideration", "responses")}
            | {k: o[k] for k in ("rejected", "implemented") if o[k]}
            for o in figures["outcomes"]
        },
    }


def events_of_each_tenant_stay_apart(story: Story, gent_marks: list[str]) -> None:
    """On NATS, each event names its own tenant in subject and envelope, and Utrecht's
    events carry nothing of Gent."""
    be, nl = story.state["be"], story.state["nl"]
    assert story.nats_url is not None
    counted = {be.slug: 0, nl.slug: 0}
    for subject, event in stream_events(story.nats_url):
        tenant = subject.split(".")[1]
        if tenant not in counted:
            continue  # another run's tenant on a reused platform
        counted[tenant] += 1
        if event.get("tenant") != tenant:
            raise StoryError(
                f"event {event.get('type')} on {subject} says tenant {event.get('tenant')}"
            )
        if tenant == nl.slug:
            text = json.dumps(event, ensure_ascii=False)
            for mark in gent_marks:
                if mark in text:
                    raise StoryError(
                        f"Utrecht's event {event.get('type')} on {subject} holds '{mark}'"
                    )
    if not all(counted.values()):
        raise StoryError(f"no events seen for a tenant: {counted}")
    story.note(f"events checked on NATS: {counted}")
