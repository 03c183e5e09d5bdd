"""Every text of every notification, in Dutch, French and English.

Texts are `str.format` templates over the notification's parameters; in HTML the
parameters are escaped (markupsafe), the templates themselves are trusted.

French typography: a narrow no-break space (U+202F, written `\u202f`) before `:`, `;`, `?`
and `!` and inside « », so a line never starts with the sign. Subjects keep it (render
collapses other whitespace only), and the templates' own colons come from `COLON`.
"""

from typing import TypedDict

from inspraak_notifications.i18n import Language
from inspraak_notifications.kinds import NotificationType as T

# What the templates put between a label and its value.
COLON: dict[Language, str] = {"nl": ":", "fr": "\u202f:", "en": ":"}


class Texts(TypedDict, total=False):
    subject: str
    heading: str
    lines: list[str]
    action: str


TEXTS: dict[T, dict[Language, Texts]] = {
    T.INVITATION: {
        "nl": {
            "subject": "Uitnodiging voor {tenant}",
            "heading": "U bent uitgenodigd",
            "lines": [
                "{inviter} nodigt u uit om als {role} mee te werken aan het participatieplatform "
                "van {tenant}.",
                "Deze uitnodiging is geldig tot {expires}.",
            ],
            "action": "Uitnodiging aanvaarden",
        },
        "fr": {
            "subject": "Invitation pour {tenant}",
            "heading": "Vous êtes invité·e",
            "lines": [
                "{inviter} vous invite à collaborer en tant que {role} à la plateforme de "
                "participation de {tenant}.",
                "Cette invitation est valable jusqu'au {expires}.",
            ],
            "action": "Accepter l'invitation",
        },
        "en": {
            "subject": "Invitation to {tenant}",
            "heading": "You are invited",
            "lines": [
                "{inviter} invites you to join the participation platform of {tenant} as {role}.",
                "This invitation is valid until {expires}.",
            ],
            "action": "Accept the invitation",
        },
    },
    T.INVITATION_ACCEPTED: {
        "nl": {
            "subject": "{username} heeft uw uitnodiging aanvaard",
            "heading": "Uitnodiging aanvaard",
            "lines": ["{username} heeft uw uitnodiging aanvaard en is nu {role}."],
            "action": "Bekijk het team",
        },
        "fr": {
            "subject": "{username} a accepté votre invitation",
            "heading": "Invitation acceptée",
            "lines": ["{username} a accepté votre invitation et est maintenant {role}."],
            "action": "Voir l'équipe",
        },
        "en": {
            "subject": "{username} accepted your invitation",
            "heading": "Invitation accepted",
            "lines": ["{username} accepted your invitation and is now {role}."],
            "action": "View the team",
        },
    },
    T.NEW_INPUT: {
        "nl": {
            "subject": "Nieuwe inbreng in {project}",
            "heading": "Nieuwe inbreng",
            "lines": ["{author} schreef in {project}: “{title}”."],
            "action": "Bekijk de inbreng",
        },
        "fr": {
            "subject": "Nouvelle contribution dans {project}",
            "heading": "Nouvelle contribution",
            "lines": ["{author} a écrit dans {project}\u202f: «\u202f{title}\u202f»."],
            "action": "Voir la contribution",
        },
        "en": {
            "subject": "New input in {project}",
            "heading": "New input",
            "lines": ["{author} wrote in {project}: “{title}”."],
            "action": "View the input",
        },
    },
    T.ITEM_REPORTED: {
        "nl": {
            "subject": "Gemelde {item} in {project}",
            "heading": "Er is iets gemeld",
            "lines": [
                "Een {item} in {project} is gemeld ({reports} open meldingen). Reden: {reason}."
            ],
            "action": "Naar de moderatie",
        },
        "fr": {
            "subject": "{item} signalé·e dans {project}",
            "heading": "Un signalement",
            "lines": [
                "Un·e {item} dans {project} a été signalé·e ({reports} signalements ouverts). "
                "Motif\u202f: {reason}."
            ],
            "action": "Aller à la modération",
        },
        "en": {
            "subject": "Reported {item} in {project}",
            "heading": "Something was reported",
            "lines": [
                "A {item} in {project} was reported ({reports} open reports). Reason: {reason}."
            ],
            "action": "Go to moderation",
        },
    },
    T.INPUT_STATUS_CHANGED: {
        "nl": {
            "subject": "Nieuwe status voor uw inbreng “{title}”",
            "heading": "De status van uw inbreng is gewijzigd",
            "lines": ["Uw inbreng “{title}” in {project} heeft nu de status: {status}."],
            "action": "Bekijk uw inbreng",
        },
        "fr": {
            "subject": "Nouveau statut pour votre contribution «\u202f{title}\u202f»",
            "heading": "Le statut de votre contribution a changé",
            "lines": [
                "Votre contribution «\u202f{title}\u202f» dans {project} a maintenant "
                "le statut\u202f: {status}."
            ],
            "action": "Voir votre contribution",
        },
        "en": {
            "subject": "New status for your input “{title}”",
            "heading": "The status of your input changed",
            "lines": ["Your input “{title}” in {project} now has the status: {status}."],
            "action": "View your input",
        },
    },
    T.OFFICIAL_RESPONSE: {
        "nl": {
            "subject": "Officieel antwoord op uw inbreng “{title}”",
            "heading": "De gemeente heeft geantwoord",
            "lines": ["{tenant} heeft officieel geantwoord op uw inbreng “{title}” in {project}:"],
            "action": "Lees het antwoord",
        },
        "fr": {
            "subject": "Réponse officielle à votre contribution «\u202f{title}\u202f»",
            "heading": "La commune a répondu",
            "lines": [
                "{tenant} a répondu officiellement à votre contribution «\u202f{title}\u202f» "
                "dans {project}\u202f:"
            ],
            "action": "Lire la réponse",
        },
        "en": {
            "subject": "Official response to your input “{title}”",
            "heading": "The municipality responded",
            "lines": ["{tenant} officially responded to your input “{title}” in {project}:"],
            "action": "Read the response",
        },
    },
    T.COMMENT_REPLY: {
        "nl": {
            "subject": "{author} reageerde op uw reactie",
            "heading": "Nieuwe reactie",
            "lines": ["{author} reageerde op uw reactie bij “{title}” in {project}."],
            "action": "Bekijk de reactie",
        },
        "fr": {
            "subject": "{author} a répondu à votre commentaire",
            "heading": "Nouvelle réponse",
            "lines": [
                "{author} a répondu à votre commentaire sur «\u202f{title}\u202f» dans {project}."
            ],
            "action": "Voir la réponse",
        },
        "en": {
            "subject": "{author} replied to your comment",
            "heading": "New reply",
            "lines": ["{author} replied to your comment on “{title}” in {project}."],
            "action": "View the reply",
        },
    },
    T.PROJECT_PUBLISHED: {
        "nl": {
            "subject": "{project} is gepubliceerd",
            "heading": "Project gepubliceerd",
            "lines": ["Het project {project} dat u volgt, is nu online."],
            "action": "Bekijk het project",
        },
        "fr": {
            "subject": "{project} est publié",
            "heading": "Projet publié",
            "lines": ["Le projet {project} que vous suivez est maintenant en ligne."],
            "action": "Voir le projet",
        },
        "en": {
            "subject": "{project} is published",
            "heading": "Project published",
            "lines": ["The project {project} you follow is now online."],
            "action": "View the project",
        },
    },
    T.PHASE_STARTED: {
        "nl": {
            "subject": "Nieuwe fase in {project}: {phase}",
            "heading": "Een nieuwe fase is begonnen",
            "lines": ["In {project} is de fase “{phase}” begonnen."],
            "action": "Doe mee",
        },
        "fr": {
            "subject": "Nouvelle phase dans {project}\u202f: {phase}",
            "heading": "Une nouvelle phase a commencé",
            "lines": ["Dans {project}, la phase «\u202f{phase}\u202f» a commencé."],
            "action": "Participer",
        },
        "en": {
            "subject": "New phase in {project}: {phase}",
            "heading": "A new phase has started",
            "lines": ["In {project}, the phase “{phase}” has started."],
            "action": "Take part",
        },
    },
    T.UPDATE_POSTED: {
        "nl": {
            "subject": "Nieuws over {project}: {title}",
            "heading": "{title}",
            "lines": ["Er is een nieuwe update in {project}:"],
            "action": "Lees de update",
        },
        "fr": {
            "subject": "Nouvelles de {project}\u202f: {title}",
            "heading": "{title}",
            "lines": ["Il y a une nouvelle actualité dans {project}\u202f:"],
            "action": "Lire l'actualité",
        },
        "en": {
            "subject": "News about {project}: {title}",
            "heading": "{title}",
            "lines": ["There is a new update in {project}:"],
            "action": "Read the update",
        },
    },
    T.APPROVAL_REQUESTED: {
        "nl": {
            "subject": "Goedkeuring gevraagd: {project}",
            "heading": "Een project wacht op uw goedkeuring",
            "lines": [
                "Het project {project} van uw afdeling {department} is klaar voor publicatie "
                "en wacht op uw goedkeuring."
            ],
            "action": "Project beoordelen",
        },
        "fr": {
            "subject": "Approbation demandée\u202f: {project}",
            "heading": "Un projet attend votre approbation",
            "lines": [
                "Le projet {project} de votre service {department} est prêt à être publié "
                "et attend votre approbation."
            ],
            "action": "Examiner le projet",
        },
        "en": {
            "subject": "Approval requested: {project}",
            "heading": "A project awaits your approval",
            "lines": [
                "The project {project} of your department {department} is ready to be "
                "published and awaits your approval."
            ],
            "action": "Review the project",
        },
    },
    T.APPROVAL_DECIDED: {
        "nl": {
            "subject": "{project}: {decision}",
            "heading": "Beslissing over de publicatie",
            "lines": ["De aanvraag om {project} te publiceren is {decision}."],
            "action": "Bekijk het project",
        },
        "fr": {
            "subject": "{project}\u202f: {decision}",
            "heading": "Décision sur la publication",
            "lines": ["La demande de publication de {project} a été {decision}."],
            "action": "Voir le projet",
        },
        "en": {
            "subject": "{project}: {decision}",
            "heading": "Decision on publication",
            "lines": ["The request to publish {project} was {decision}."],
            "action": "View the project",
        },
    },
    T.MODERATOR_DIGEST: {
        "nl": {
            "subject": "Dagoverzicht: {count} nieuwe inbreng",
            "heading": "Nieuwe inbreng in uw projecten",
            "lines": ["Sinds het vorige overzicht kwam er {count} keer nieuwe inbreng binnen."],
            "action": "Naar mijn meldingen",
        },
        "fr": {
            "subject": "Résumé du jour\u202f: {count} nouvelles contributions",
            "heading": "Nouvelles contributions dans vos projets",
            "lines": ["Depuis le dernier résumé, {count} nouvelles contributions sont arrivées."],
            "action": "Mes notifications",
        },
        "en": {
            "subject": "Daily digest: {count} new inputs",
            "heading": "New input in your projects",
            "lines": ["Since the last digest, {count} new inputs came in."],
            "action": "My notifications",
        },
    },
    T.DEPARTMENT_DIGEST: {
        "nl": {
            "subject": "Weekoverzicht {department}: {period}",
            "heading": "De week in uw afdeling {department}",
            "lines": ["Wat er van {period} gebeurde in de projecten van uw afdeling."],
            "action": "Naar de afdeling",
        },
        "fr": {
            "subject": "Résumé hebdomadaire {department}\u202f: {period}",
            "heading": "La semaine dans votre service {department}",
            "lines": ["Ce qui s'est passé du {period} dans les projets de votre service."],
            "action": "Vers le service",
        },
        "en": {
            "subject": "Weekly digest {department}: {period}",
            "heading": "The week in your department {department}",
            "lines": ["What happened from {period} in your department's projects."],
            "action": "Go to the department",
        },
    },
    T.POLICY_UPDATE: {
        "nl": {
            "subject": "{title}: {tenant}",
            "heading": "{title}",
            "lines": ["Een overzicht van de participatie in {tenant} van {period}."],
            "action": "Bekijk het overzicht op het platform",
        },
        "fr": {
            "subject": "{title}\u202f: {tenant}",
            "heading": "{title}",
            "lines": ["Un aperçu de la participation à {tenant} du {period}."],
            "action": "Voir l'aperçu sur la plateforme",
        },
        "en": {
            "subject": "{title}: {tenant}",
            "heading": "{title}",
            "lines": ["An overview of participation in {tenant} from {period}."],
            "action": "View the overview on the platform",
        },
    },
    T.DELIVERY_FAILED: {
        "nl": {
            "subject": "E-mail kan niet worden afgeleverd aan {address}",
            "heading": "Een e-mailadres werkt niet",
            "lines": [
                "Een bericht ({kind}) aan {address} werd definitief geweigerd: {error}.",
                "We sturen geen e-mail meer naar dit adres tot u het vrijgeeft in het "
                "verzendoverzicht.",
            ],
            "action": "Naar het verzendoverzicht",
        },
        "fr": {
            "subject": "E-mail impossible à délivrer à {address}",
            "heading": "Une adresse e-mail ne fonctionne pas",
            "lines": [
                "Un message ({kind}) à {address} a été refusé définitivement\u202f: {error}.",
                "Nous n'enverrons plus d'e-mail à cette adresse jusqu'à ce que vous la "
                "débloquiez dans le journal d'envoi.",
            ],
            "action": "Vers le journal d'envoi",
        },
        "en": {
            "subject": "E-mail cannot be delivered to {address}",
            "heading": "An e-mail address does not work",
            "lines": [
                "A message ({kind}) to {address} was permanently refused: {error}.",
                "We send no more e-mail to this address until you release it in the mail outbox.",
            ],
            "action": "Go to the mail outbox",
        },
    },
}

# The parameter shown as a quotation under the text, when present.
QUOTE = {
    T.INVITATION: "message",
    T.INPUT_STATUS_CHANGED: "response",
    T.OFFICIAL_RESPONSE: "response",
    T.UPDATE_POSTED: "body",
    T.APPROVAL_DECIDED: "comment",
}

COMMON: dict[Language, dict[str, str]] = {
    "nl": {
        "greeting": "Beste {name},",
        "greeting_anonymous": "Goedendag,",
        "someone": "iemand",
        "why": "U ontvangt deze e-mail van {tenant} omdat u meldingen over “{kind}” "
        "aan hebt staan.",
        "unsubscribe": "Geen e-mails meer over “{kind}”",
        "preferences": "Meldingsvoorkeuren",
        "mandatory": "Dit is een dienstbericht van {tenant}; u kunt het niet uitschrijven.",
        "preview_link": "Of open deze link:",
        "chart_alt": "Staafdiagram van het aantal deelnemers per week",
        "more": "en {count} meer",
        "confirm": "Wilt u geen e-mails meer ontvangen over “{kind}”?",
        "confirm_button": "Uitschrijven",
        "done": "U ontvangt geen e-mails meer over “{kind}”. In uw meldingsvoorkeuren kunt u "
        "dit altijd weer aanzetten.",
    },
    "fr": {
        "greeting": "Bonjour {name},",
        "greeting_anonymous": "Bonjour,",
        "someone": "quelqu'un",
        "why": "Vous recevez cet e-mail de {tenant} car vos notifications «\u202f{kind}\u202f» "
        "sont activées.",
        "unsubscribe": "Ne plus recevoir d'e-mails «\u202f{kind}\u202f»",
        "preferences": "Préférences de notification",
        "mandatory": "Ceci est un message de service de {tenant}\u202f; "
        "il ne peut pas être désabonné.",
        "preview_link": "Ou ouvrez ce lien\u202f:",
        "chart_alt": "Diagramme en barres du nombre de participants par semaine",
        "more": "et {count} de plus",
        "confirm": "Voulez-vous ne plus recevoir d'e-mails «\u202f{kind}\u202f»\u202f?",
        "confirm_button": "Se désabonner",
        "done": "Vous ne recevrez plus d'e-mails «\u202f{kind}\u202f». "
        "Vous pouvez les réactiver à tout moment dans vos préférences de notification.",
    },
    "en": {
        "greeting": "Dear {name},",
        "greeting_anonymous": "Hello,",
        "someone": "someone",
        "why": "You receive this e-mail from {tenant} because your “{kind}” notifications are on.",
        "unsubscribe": "No more “{kind}” e-mails",
        "preferences": "Notification preferences",
        "mandatory": "This is a service message from {tenant}; it cannot be unsubscribed.",
        "preview_link": "Or open this link:",
        "chart_alt": "Bar chart of the number of participants per week",
        "more": "and {count} more",
        "confirm": "Do you want to stop receiving “{kind}” e-mails?",
        "confirm_button": "Unsubscribe",
        "done": "You will no longer receive “{kind}” e-mails. You can turn them back on at any "
        "time in your notification preferences.",
    },
}

TYPE_NAMES: dict[T, dict[Language, str]] = {
    T.INVITATION: {"nl": "uitnodigingen", "fr": "invitations", "en": "invitations"},
    T.INVITATION_ACCEPTED: {
        "nl": "aanvaarde uitnodigingen",
        "fr": "invitations acceptées",
        "en": "accepted invitations",
    },
    T.NEW_INPUT: {
        "nl": "nieuwe inbreng in mijn projecten",
        "fr": "nouvelles contributions dans mes projets",
        "en": "new input in my projects",
    },
    T.ITEM_REPORTED: {"nl": "meldingen van inhoud", "fr": "signalements", "en": "reported items"},
    T.INPUT_STATUS_CHANGED: {
        "nl": "status van mijn inbreng",
        "fr": "statut de mes contributions",
        "en": "status of my input",
    },
    T.OFFICIAL_RESPONSE: {
        "nl": "officiële antwoorden",
        "fr": "réponses officielles",
        "en": "official responses",
    },
    T.COMMENT_REPLY: {
        "nl": "reacties op mijn reacties",
        "fr": "réponses à mes commentaires",
        "en": "replies to my comments",
    },
    T.PROJECT_PUBLISHED: {
        "nl": "publicatie van gevolgde projecten",
        "fr": "publication des projets suivis",
        "en": "followed projects published",
    },
    T.PHASE_STARTED: {
        "nl": "nieuwe fasen in gevolgde projecten",
        "fr": "nouvelles phases des projets suivis",
        "en": "new phases in followed projects",
    },
    T.UPDATE_POSTED: {
        "nl": "nieuws van gevolgde projecten",
        "fr": "actualités des projets suivis",
        "en": "news from followed projects",
    },
    T.APPROVAL_REQUESTED: {
        "nl": "goedkeuringsaanvragen",
        "fr": "demandes d'approbation",
        "en": "approval requests",
    },
    T.APPROVAL_DECIDED: {
        "nl": "beslissingen over goedkeuring",
        "fr": "décisions d'approbation",
        "en": "approval decisions",
    },
    T.MODERATOR_DIGEST: {
        "nl": "dagoverzicht van nieuwe inbreng",
        "fr": "résumé quotidien des contributions",
        "en": "daily digest of new input",
    },
    T.DEPARTMENT_DIGEST: {
        "nl": "weekoverzicht van mijn afdeling",
        "fr": "résumé hebdomadaire de mon service",
        "en": "weekly digest of my department",
    },
    T.POLICY_UPDATE: {
        "nl": "kwartaaloverzicht voor beleidsmakers",
        "fr": "aperçu trimestriel pour les décideurs",
        "en": "quarterly update for policy makers",
    },
    T.DELIVERY_FAILED: {
        "nl": "niet-afleverbare e-mail",
        "fr": "e-mails non délivrables",
        "en": "undeliverable e-mail",
    },
}

LABELS: dict[str, dict[str, dict[Language, str]]] = {
    "role": {
        "superadmin": {"nl": "projectleider", "fr": "chef de projet", "en": "project leader"},
        "policy_maker": {"nl": "beleidsmaker", "fr": "décideur·euse", "en": "policy maker"},
        "communications": {
            "nl": "communicatieverantwoordelijke",
            "fr": "chargé·e de communication",
            "en": "communications officer",
        },
        "it_admin": {"nl": "IT-verantwoordelijke", "fr": "responsable IT", "en": "IT officer"},
        "department_head": {
            "nl": "afdelingshoofd",
            "fr": "chef de service",
            "en": "department head",
        },
        "project_moderator": {
            "nl": "projectmoderator",
            "fr": "modérateur·rice de projet",
            "en": "project moderator",
        },
        "user": {"nl": "deelnemer", "fr": "participant·e", "en": "participant"},
    },
    "status": {
        "proposed": {"nl": "ingediend", "fr": "proposée", "en": "proposed"},
        "under_consideration": {
            "nl": "in behandeling",
            "fr": "à l'étude",
            "en": "under consideration",
        },
        "accepted": {"nl": "aanvaard", "fr": "acceptée", "en": "accepted"},
        "rejected": {"nl": "afgewezen", "fr": "rejetée", "en": "rejected"},
        "implemented": {"nl": "uitgevoerd", "fr": "réalisée", "en": "implemented"},
    },
    "decision": {
        "approved": {"nl": "goedgekeurd", "fr": "approuvée", "en": "approved"},
        "sent_back": {
            "nl": "teruggestuurd voor aanpassing",
            "fr": "renvoyée pour modification",
            "en": "sent back for changes",
        },
    },
    "item": {
        "input": {"nl": "inbreng", "fr": "contribution", "en": "input"},
        "comment": {"nl": "reactie", "fr": "commentaire", "en": "comment"},
    },
}


def label(group: str, value: str | None, language: Language) -> str:
    """A localized label, or the raw value when the catalogue has none."""
    if value is None:
        return ""
    return LABELS.get(group, {}).get(value, {}).get(language, value)
