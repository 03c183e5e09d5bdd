"""Every role's task package, expected workload and onboarding checklist (from PRODUCT.md).

Content, not code: kept in one table so the overview, the checklist and translators
read the same words. `project_moderator_external` is the moderator role with the
external flag.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    nl: str
    fr: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "fr": self.fr, "en": self.en}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: Text


@dataclass(frozen=True)
class RoleProfile:
    role: str
    scope: str  # platform | tenant | department | project
    title: Text
    task_package: Text
    workload: Text
    checklist: tuple[ChecklistItem, ...]


def _item(key: str, nl: str, fr: str, en: str) -> ChecklistItem:
    return ChecklistItem(key, Text(nl, fr, en))


_SIGN_IN = _item(
    "sign-in",
    "Log voor het eerst in",
    "Connectez-vous une première fois",
    "Sign in for the first time",
)
_GUIDE = _item(
    "read-guide",
    "Lees de online opstartgids",
    "Lisez le guide de démarrage en ligne",
    "Read the online onboarding guide",
)

CATALOGUE: dict[str, RoleProfile] = {
    profile.role: profile
    for profile in (
        RoleProfile(
            role="support",
            scope="platform",
            title=Text(
                "Participatiespecialist (support)",
                "Spécialiste de la participation (support)",
                "Participation specialist (support)",
            ),
            task_package=Text(
                "Helpt de gemeente bij de opstart en ondersteunt elke stakeholder online; "
                "geen vaste toegang tot persoonsgegevens van bewoners.",
                "Aide la commune au démarrage et soutient chaque partie prenante en ligne ; "
                "pas d'accès permanent aux données personnelles des habitants.",
                "Helps set up the municipality and supports every stakeholder online; "
                "no standing access to residents' personal data.",
            ),
            workload=Text(
                "Bij de opstart en op vraag, alleen wanneer de superadmin toegang geeft",
                "Au démarrage et sur demande, seulement quand le superadmin donne l'accès",
                "At the start and on request, only while the superadmin grants access",
            ),
            checklist=(
                _SIGN_IN,
                _item(
                    "agree-setup-plan",
                    "Spreek het opstartplan af met de superadmin",
                    "Convenez du plan de démarrage avec le superadmin",
                    "Agree the setup plan with the superadmin",
                ),
            ),
        ),
        RoleProfile(
            role="policy_maker",
            scope="tenant",
            title=Text(
                "Beleidsverantwoordelijke (burgemeester, wethouder, schepen, algemeen directeur)",
                "Responsable politique (bourgmestre, échevin, directeur général)",
                "Policy maker (mayor, alderman, schepen, general director)",
            ),
            task_package=Text(
                "Heeft een account, volgt het platform (alleen lezen), informeert achterban en "
                "raad; krijgt bij de lancering en elke 3 maanden een update van de superadmin.",
                "Dispose d'un compte, suit la plateforme (lecture seule), informe sa base et le "
                "conseil ; reçoit une mise à jour du superadmin au lancement et tous les 3 mois.",
                "Has an account, follows the platform read-only, informs supporters and the "
                "council; gets an update from the superadmin at launch and every 3 months.",
            ),
            workload=Text(
                "Geen extra workload bovenop de dagelijkse werking",
                "Pas de charge de travail supplémentaire",
                "No extra workload on top of daily work",
            ),
            checklist=(
                _SIGN_IN,
                _item(
                    "read-launch-update",
                    "Lees de update bij de lancering",
                    "Lisez la mise à jour du lancement",
                    "Read the launch update",
                ),
                _item(
                    "inform-council",
                    "Informeer achterban en (gemeente)raad",
                    "Informez votre base et le conseil communal",
                    "Inform your supporters and the council",
                ),
            ),
        ),
        RoleProfile(
            role="department_head",
            scope="department",
            title=Text("Afdelingshoofd", "Chef de département", "Department head"),
            task_package=Text(
                "Logt in, volgt alle input in de projecten van de afdeling, stuurt de "
                "projectmoderatoren aan en beslist over afdelingszaken zonder de superadmin.",
                "Se connecte, suit toutes les contributions des projets du département, "
                "dirige les modérateurs de projet et décide sans passer par le superadmin.",
                "Signs in, follows all input in the department's projects, steers the project "
                "moderators and decides department matters without the superadmin.",
            ),
            workload=Text(
                "Minimaal (informatieplicht)",
                "Minimale (devoir d'information)",
                "Minimal (keeping informed)",
            ),
            checklist=(
                _SIGN_IN,
                _item(
                    "meet-moderators",
                    "Maak afspraken met de projectmoderatoren van je afdeling",
                    "Convenez de la méthode avec les modérateurs de votre département",
                    "Agree ways of working with your department's moderators",
                ),
                _item(
                    "put-on-agenda",
                    "Zet het platform op de agenda van het afdelingsoverleg",
                    "Inscrivez la plateforme à l'ordre du jour du département",
                    "Put the platform on the department meeting's agenda",
                ),
            ),
        ),
        RoleProfile(
            role="superadmin",
            scope="tenant",
            title=Text(
                "Projectleider / superadmin",
                "Chef de projet / superadmin",
                "Project leader / superadmin",
            ),
            task_package=Text(
                "Bepaalt de strategie en de eerste setup, nodigt beleidsverantwoordelijken, "
                "afdelingshoofden en moderatoren uit via Uitnodigingen, houdt het overzicht en "
                "delegeert in plaats van elke pagina zelf te beheren.",
                "Définit la stratégie et la première configuration, invite responsables "
                "politiques, chefs de département et modérateurs via Invitations, garde la vue "
                "d'ensemble et délègue plutôt que de gérer chaque page.",
                "Sets the strategy and first setup, invites policy makers, department heads "
                "and moderators through Invitations, keeps the overview and delegates instead "
                "of managing every page.",
            ),
            workload=Text(
                "Ongeveer 1 uur per week (meer bij de opstart)",
                "Environ 1 heure par semaine (plus au démarrage)",
                "About 1 hour a week (more at the start)",
            ),
            checklist=(
                _SIGN_IN,
                _item(
                    "write-agreement-note",
                    "Schrijf de gedeelde afsprakennota (doelen, stakeholders, takenpakketten)",
                    "Rédigez la note d'accord commune (objectifs, acteurs, tâches)",
                    "Write the shared agreement note (goals, stakeholders, task packages)",
                ),
                _item(
                    "invite-stakeholders",
                    "Nodig beleidsverantwoordelijken, afdelingshoofden en moderatoren uit",
                    "Invitez responsables politiques, chefs de département et modérateurs",
                    "Invite policy makers, department heads and moderators",
                ),
                _item(
                    "review-terms",
                    "Controleer de gebruiksvoorwaarden voor externe moderatoren",
                    "Vérifiez les conditions d'utilisation des modérateurs externes",
                    "Review the terms of use for external moderators",
                ),
                _item(
                    "plan-policy-updates",
                    "Plan de update voor beleidsverantwoordelijken (lancering, elke 3 maanden)",
                    "Planifiez la mise à jour des responsables politiques (lancement, 3 mois)",
                    "Plan the policy-maker update (launch, every 3 months)",
                ),
            ),
        ),
        RoleProfile(
            role="communications",
            scope="tenant",
            title=Text(
                "Communicatieverantwoordelijke",
                "Responsable de la communication",
                "Communications officer",
            ),
            task_package=Text(
                "Geeft het platform een plaats in het communicatieplan en op de website, vraagt "
                "artikels en feedback aan superadmin en moderatoren, plant evaluaties in de "
                "contentkalender.",
                "Intègre la plateforme au plan de communication et au site web, demande "
                "articles et retours au superadmin et aux modérateurs, planifie les évaluations "
                "dans le calendrier éditorial.",
                "Embeds the platform in the communication plan and the website, asks the "
                "superadmin and moderators for articles and feedback, plans evaluations in the "
                "content calendar.",
            ),
            workload=Text(
                "Een half uur per week (een uur bij de opstart)",
                "Une demi-heure par semaine (une heure au démarrage)",
                "Half an hour a week (an hour at the start)",
            ),
            checklist=(
                _SIGN_IN,
                _item(
                    "add-to-communication-plan",
                    "Neem het platform op in het communicatieplan",
                    "Intégrez la plateforme au plan de communication",
                    "Add the platform to the communication plan",
                ),
                _item(
                    "plan-evaluations",
                    "Plan de evaluatiemomenten in de contentkalender",
                    "Planifiez les évaluations dans le calendrier éditorial",
                    "Plan the evaluation moments in the content calendar",
                ),
            ),
        ),
        RoleProfile(
            role="it_admin",
            scope="tenant",
            title=Text(
                "ICT-verantwoordelijke / webbeheerder",
                "Responsable informatique / webmaster",
                "IT officer / webmaster",
            ),
            task_package=Text(
                "Eenmalig: domeinnaam, doorverwijzing en de koppeling vanaf de gemeentelijke "
                "website (widget of knop).",
                "Une seule fois : nom de domaine, redirection et lien depuis le site communal "
                "(widget ou bouton).",
                "One-off: domain name, redirect and the link from the municipal website "
                "(widget or button).",
            ),
            workload=Text(
                "Eenmalig bij de opstart",
                "Une seule fois au démarrage",
                "Once, at the start",
            ),
            checklist=(
                _SIGN_IN,
                _item(
                    "configure-domain",
                    "Stel de domeinnaam en de doorverwijzing in",
                    "Configurez le nom de domaine et la redirection",
                    "Set up the domain name and the redirect",
                ),
                _item(
                    "embed-widget",
                    "Plaats de widget of knop op de gemeentelijke website",
                    "Placez le widget ou le bouton sur le site communal",
                    "Put the widget or button on the municipal website",
                ),
            ),
        ),
        RoleProfile(
            role="project_moderator",
            scope="project",
            title=Text(
                "Projectmoderator (intern)",
                "Modérateur de projet (interne)",
                "Project moderator (internal)",
            ),
            task_package=Text(
                "Zet de projectpagina op en houdt ze bij (doel, tijdlijn, doelpubliek, proces), "
                "reageert en modereert binnen het project en brengt de input naar de "
                "beleidsverantwoordelijken.",
                "Crée et tient à jour la page du projet (objectif, calendrier, public, "
                "processus), réagit et modère dans le projet et transmet les contributions aux "
                "responsables politiques.",
                "Sets up and maintains the project page (goal, timeline, audience, process), "
                "reacts and moderates inside the project and brings the input to policy makers.",
            ),
            workload=Text(
                "0 tot 2 uur per week, naargelang de fase",
                "De 0 à 2 heures par semaine selon la phase",
                "0 to 2 hours a week, depending on the phase",
            ),
            checklist=(
                _SIGN_IN,
                _GUIDE,
                _item(
                    "set-project-goal",
                    "Beschrijf het doel en wat er met de input gebeurt",
                    "Décrivez l'objectif et l'usage des contributions",
                    "State the goal and what will be done with the input",
                ),
                _item(
                    "publish-project-page",
                    "Publiceer de projectpagina",
                    "Publiez la page du projet",
                    "Publish the project page",
                ),
            ),
        ),
        RoleProfile(
            role="project_moderator_external",
            scope="project",
            title=Text(
                "Projectmoderator (extern)",
                "Modérateur de projet (externe)",
                "Project moderator (external)",
            ),
            task_package=Text(
                "Dezelfde rechten als een interne moderator, als vrijwilliger van een advies-, "
                "wijk- of dorpsraad of een organisatie; start met de online opstartgids en "
                "aanvaardt de gebruiksvoorwaarden van de superadmin.",
                "Mêmes droits qu'un modérateur interne, en tant que bénévole d'un conseil "
                "consultatif, de quartier ou de village ou d'une organisation ; commence par le "
                "guide en ligne et accepte les conditions d'utilisation du superadmin.",
                "The same rights as an internal moderator, as a volunteer of an advisory, "
                "neighbourhood or village council or an organisation; starts with the online "
                "onboarding guide and agrees the terms of use with the superadmin.",
            ),
            workload=Text(
                "Zoals een interne moderator: 0 tot 2 uur per week",
                "Comme un modérateur interne : 0 à 2 heures par semaine",
                "As an internal moderator: 0 to 2 hours a week",
            ),
            checklist=(
                _SIGN_IN,
                _GUIDE,
                _item(
                    "accept-terms",
                    "Aanvaard de gebruiksvoorwaarden",
                    "Acceptez les conditions d'utilisation",
                    "Accept the terms of use",
                ),
                _item(
                    "set-project-goal",
                    "Beschrijf het doel en wat er met de input gebeurt",
                    "Décrivez l'objectif et l'usage des contributions",
                    "State the goal and what will be done with the input",
                ),
            ),
        ),
        RoleProfile(
            role="user",
            scope="tenant",
            title=Text("Gebruiker", "Utilisateur", "User"),
            task_package=Text(
                "Registreert zich persoonlijk of als organisatie, raad of wijk, leest, draagt "
                "bij en stemt; voor anderen is alleen de gebruikersnaam zichtbaar.",
                "S'inscrit à titre personnel ou comme organisation, conseil ou quartier, lit, "
                "contribue et vote ; seuls les noms d'utilisateur sont visibles des autres.",
                "Registers personally or as an organisation, council or neighbourhood, reads, "
                "contributes and votes; others see only the username.",
            ),
            workload=Text("Naar eigen keuze", "Au choix de chacun", "As they choose"),
            checklist=(),
        ),
    )
}


def profile_key(role: str, external: bool = False) -> str:
    return f"{role}_external" if external and role == "project_moderator" else role
