"""Every text the widget service shows to people, in Dutch, French and English."""

from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

Language = Literal["nl", "fr", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "fr", "en")
# Both countries the platform serves (NL and BE) share this clock.
LOCAL_TIME = ZoneInfo("Europe/Brussels")

TEXTS: dict[str, dict[str, str]] = {
    "projects_heading": {
        "nl": "Lopende projecten",
        "fr": "Projets en cours",
        "en": "Active projects",
    },
    "no_projects": {
        "nl": "Er lopen op dit moment geen projecten.",
        "fr": "Aucun projet n'est en cours pour le moment.",
        "en": "There are no active projects right now.",
    },
    "all_projects": {
        "nl": "Alle projecten van {site}",
        "fr": "Tous les projets de {site}",
        "en": "All projects of {site}",
    },
    "inputs_heading": {
        "nl": "Laatste bijdragen: {project}",
        "fr": "Dernières contributions : {project}",
        "en": "Latest input: {project}",
    },
    "no_inputs": {
        "nl": "Nog geen bijdragen. Wees de eerste!",
        "fr": "Pas encore de contributions. Soyez le premier !",
        "en": "No input yet. Be the first!",
    },
    "counts": {
        "nl": "reacties: {comments} · steun: {up}",
        "fr": "réactions : {comments} · soutiens : {up}",
        "en": "comments: {comments} · support: {up}",
    },
    "have_your_say": {
        "nl": "Geef je mening",
        "fr": "Donnez votre avis",
        "en": "Have your say",
    },
    "region_label": {
        "nl": "Inspraak bij {site}",
        "fr": "Participation : {site}",
        "en": "Participation at {site}",
    },
    "phase_until": {
        "nl": "{phase}, tot {date}",
        "fr": "{phase}, jusqu'au {date}",
        "en": "{phase}, until {date}",
    },
    "phase_from": {
        "nl": "Binnenkort: {phase}, vanaf {date}",
        "fr": "Bientôt : {phase}, à partir du {date}",
        "en": "Coming up: {phase}, from {date}",
    },
    "closed": {"nl": "Afgesloten", "fr": "Clôturé", "en": "Closed"},
    "current_phase": {"nl": "Huidige fase", "fr": "Phase actuelle", "en": "Current phase"},
    "status_proposed": {"nl": "Voorgesteld", "fr": "Proposé", "en": "Proposed"},
    "status_under_consideration": {
        "nl": "In behandeling",
        "fr": "À l'étude",
        "en": "Under consideration",
    },
    "status_accepted": {"nl": "Aanvaard", "fr": "Accepté", "en": "Accepted"},
    "status_rejected": {"nl": "Niet weerhouden", "fr": "Non retenu", "en": "Not taken up"},
    "status_implemented": {"nl": "Uitgevoerd", "fr": "Réalisé", "en": "Implemented"},
    "cta_ideation": {"nl": "Deel je idee", "fr": "Partagez votre idée", "en": "Share your idea"},
    "cta_spatial_plan": {
        "nl": "Zet het op de kaart",
        "fr": "Indiquez-le sur la carte",
        "en": "Mark it on the map",
    },
    "cta_survey": {
        "nl": "Vul de vragenlijst in",
        "fr": "Répondez au questionnaire",
        "en": "Fill in the survey",
    },
    "cta_poll": {"nl": "Geef je antwoord", "fr": "Donnez votre réponse", "en": "Give your answer"},
    "cta_scenario_planning": {
        "nl": "Kies een scenario",
        "fr": "Choisissez un scénario",
        "en": "Choose a scenario",
    },
    "cta_voting": {"nl": "Stem nu", "fr": "Votez maintenant", "en": "Vote now"},
    "cta_information": {"nl": "Lees meer", "fr": "En savoir plus", "en": "Read more"},
    "cta_none": {"nl": "Bekijk het project", "fr": "Voir le projet", "en": "View the project"},
    "unavailable": {
        "nl": "Deze inhoud is niet beschikbaar.",
        "fr": "Ce contenu n'est pas disponible.",
        "en": "This content is not available.",
    },
    # The configurator, for the IT officer and communications.
    "cfg_title": {
        "nl": "Widget voor je website",
        "fr": "Widget pour votre site web",
        "en": "Widget for your website",
    },
    "cfg_intro": {
        "nl": "Kies wat de widget toont, bekijk het voorbeeld en kopieer de code naar je website.",
        "fr": "Choisissez ce que le widget affiche, regardez l'aperçu et copiez le code sur "
        "votre site.",
        "en": "Choose what the widget shows, look at the preview and copy the code to your "
        "website.",
    },
    "cfg_origins": {
        "nl": "De widget mag getoond worden op: {origins}. Andere websites voeg je toe bij "
        "Domeinen.",
        "fr": "Le widget peut être affiché sur : {origins}. Ajoutez d'autres sites dans Domaines.",
        "en": "The widget may be shown on: {origins}. Add other websites under Domains.",
    },
    "cfg_options": {"nl": "Instellingen", "fr": "Réglages", "en": "Settings"},
    "cfg_view": {"nl": "Wat tonen", "fr": "Contenu", "en": "What to show"},
    "cfg_view_projects": {
        "nl": "Lopende projecten",
        "fr": "Projets en cours",
        "en": "Active projects",
    },
    "cfg_view_project": {"nl": "Eén project", "fr": "Un projet", "en": "One project"},
    "cfg_view_inputs": {
        "nl": "Laatste bijdragen van een project",
        "fr": "Dernières contributions d'un projet",
        "en": "Latest input of a project",
    },
    "cfg_view_button": {
        "nl": "Knop 'Geef je mening'",
        "fr": "Bouton « Donnez votre avis »",
        "en": "'Have your say' button",
    },
    "cfg_lang": {"nl": "Taal", "fr": "Langue", "en": "Language"},
    "cfg_color": {"nl": "Kleur", "fr": "Couleur", "en": "Colour"},
    "cfg_limit": {"nl": "Aantal items", "fr": "Nombre d'éléments", "en": "Number of items"},
    "cfg_sort": {"nl": "Volgorde", "fr": "Ordre", "en": "Order"},
    "cfg_sort_newest": {"nl": "Nieuwste eerst", "fr": "Plus récents d'abord", "en": "Newest first"},
    "cfg_sort_closing": {
        "nl": "Sluit het eerst",
        "fr": "Se termine en premier",
        "en": "Closing first",
    },
    "cfg_sort_title": {"nl": "Titel (A-Z)", "fr": "Titre (A-Z)", "en": "Title (A-Z)"},
    "cfg_sort_popular": {"nl": "Meeste steun", "fr": "Plus soutenus", "en": "Most supported"},
    "cfg_project": {"nl": "Project", "fr": "Projet", "en": "Project"},
    "cfg_any_project": {
        "nl": "Geen (startpagina)",
        "fr": "Aucun (page d'accueil)",
        "en": "None (home page)",
    },
    "cfg_department": {"nl": "Afdeling", "fr": "Département", "en": "Department"},
    "cfg_all": {"nl": "Alle", "fr": "Tous", "en": "All"},
    "cfg_area": {"nl": "Gebied (id)", "fr": "Zone (id)", "en": "Area (id)"},
    "cfg_topic": {"nl": "Thema (id)", "fr": "Thème (id)", "en": "Topic (id)"},
    "cfg_preview": {"nl": "Voorbeeld", "fr": "Aperçu", "en": "Preview"},
    "cfg_script": {
        "nl": "Code voor je website (aanbevolen)",
        "fr": "Code pour votre site (recommandé)",
        "en": "Code for your website (recommended)",
    },
    "cfg_iframe": {
        "nl": "Alternatief zonder JavaScript (iframe)",
        "fr": "Alternative sans JavaScript (iframe)",
        "en": "Alternative without JavaScript (iframe)",
    },
    "cfg_copy": {"nl": "Kopieer", "fr": "Copier", "en": "Copy"},
    "cfg_copied": {"nl": "Gekopieerd.", "fr": "Copié.", "en": "Copied."},
    # The domain check, for the IT officer.
    "dns_ok": {
        "nl": "In orde: {host} wijst naar het platform.",
        "fr": "En ordre : {host} pointe vers la plateforme.",
        "en": "In place: {host} points to the platform.",
    },
    "dns_missing": {
        "nl": "Nog niet ingesteld: maak bij uw DNS-beheerder een {type}-record {name} → {value}.",
        "fr": "Pas encore configuré : créez chez votre gestionnaire DNS un "
        "enregistrement {type} {name} → {value}.",
        "en": "Not set yet: ask your DNS provider for a {type} record {name} → {value}.",
    },
    "dns_wrong": {
        "nl": "{host} wijst nu naar {found}; wijzig het {type}-record naar {value}.",
        "fr": "{host} pointe maintenant vers {found} ; modifiez l'enregistrement {type} "
        "vers {value}.",
        "en": "{host} now points to {found}; change the {type} record to {value}.",
    },
    "dns_unknown": {
        "nl": "Kon {host} nu niet opzoeken; probeer het over enkele minuten opnieuw.",
        "fr": "Impossible de vérifier {host} pour le moment ; réessayez dans quelques minutes.",
        "en": "Could not look up {host} right now; try again in a few minutes.",
    },
    # The routing check and the hand-over to the platform operator.
    "routing_routed": {
        "nl": "Bereikbaar: {host} komt met een geldig certificaat uit bij het platform van "
        "deze gemeente.",
        "fr": "Accessible : {host} arrive, avec un certificat valide, sur la plateforme de "
        "cette commune.",
        "en": "Routed: {host} reaches the platform for this municipality, with a valid "
        "certificate.",
    },
    "routing_other_tenant": {
        "nl": "{host} komt uit bij Inspraak, maar bij een andere gemeente ({other}). Is het "
        "domein net verhuisd, kijk dan over een minuut opnieuw; anders wijst het DNS-record "
        "naar een andere Inspraak-installatie.",
        "fr": "{host} arrive sur Inspraak, mais chez une autre commune ({other}). Si le "
        "domaine vient d'être déplacé, vérifiez à nouveau dans une minute ; sinon "
        "l'enregistrement DNS pointe vers une autre installation d'Inspraak.",
        "en": "{host} reaches Inspraak, but answers for another municipality ({other}). If "
        "the domain was just moved, check again in a minute; otherwise its DNS record points "
        "to another Inspraak installation.",
    },
    "routing_not_in_release": {
        "nl": "Nog niet bereikbaar: vraag uw platformbeheerder om dit domein toe te voegen "
        "aan de tenant-release; daarvoor is dit values-blok nodig (helm upgrade):\n{values}",
        "fr": "Pas encore accessible : demandez à votre opérateur de plateforme d'ajouter ce "
        "domaine à la release du tenant ; il lui faut ce bloc de values (helm upgrade) :"
        "\n{values}",
        "en": "Not routed yet: ask your platform operator to add this domain to the tenant "
        "release; it needs this values block (helm upgrade):\n{values}",
    },
    "routing_tls": {
        "nl": "{host} staat in de tenant-release, maar het certificaat is nog niet geldig "
        "({detail}). Het wordt meestal binnen enkele minuten uitgereikt zodra het DNS-record "
        "klopt; blijft dit zo, vraag dan uw platformbeheerder het certificaat na te kijken.",
        "fr": "{host} figure dans la release du tenant, mais son certificat n'est pas encore "
        "valide ({detail}). Il est en général délivré en quelques minutes une fois le DNS en "
        "ordre ; si cela persiste, demandez à votre opérateur de plateforme de vérifier le "
        "certificat.",
        "en": "{host} is in the tenant release, but its certificate is not valid yet "
        "({detail}). It is usually issued within minutes once the DNS record is in place; if "
        "it stays like this, ask your platform operator to check the certificate.",
    },
    "routing_unreachable": {
        "nl": "{host} staat in de tenant-release, maar verzoeken komen niet bij het platform "
        "aan ({detail}). Zet eerst het DNS-record hierboven; staat dat goed, vraag dan uw "
        "platformbeheerder de ingress na te kijken.",
        "fr": "{host} figure dans la release du tenant, mais les requêtes n'arrivent pas sur "
        "la plateforme ({detail}). Configurez d'abord l'enregistrement DNS ci-dessus ; s'il "
        "est en ordre, demandez à votre opérateur de plateforme de vérifier l'ingress.",
        "en": "{host} is in the tenant release, but requests do not reach the platform "
        "({detail}). Set the DNS record above first; if it is in place, ask your platform "
        "operator to check the ingress.",
    },
    "release_in_sync": {
        "nl": "De tenant-release bedient precies deze domeinen.",
        "fr": "La release du tenant sert exactement ces domaines.",
        "en": "The tenant release serves exactly these domains.",
    },
    "release_out_of_sync": {
        "nl": "De tenant-release loopt achter (ontbreekt: {missing}; nog aanwezig: "
        "{surplus}). Vraag uw platformbeheerder helm upgrade uit te voeren met dit values-blok.",
        "fr": "La release du tenant n'est pas à jour (manquants : {missing} ; encore "
        "présents : {surplus}). Demandez à votre opérateur de plateforme un helm upgrade avec "
        "ce bloc de values.",
        "en": "The tenant release is behind (missing: {missing}; still present: {surplus}). "
        "Ask your platform operator to run helm upgrade with this values block.",
    },
    "release_primary_differs": {
        "nl": "De tenant-release noemt nog {primary} als hoofddomein. Vraag uw "
        "platformbeheerder helm upgrade uit te voeren met dit values-blok.",
        "fr": "La release du tenant indique encore {primary} comme domaine principal. "
        "Demandez à votre opérateur de plateforme un helm upgrade avec ce bloc de values.",
        "en": "The tenant release still names {primary} as the primary domain. Ask your "
        "platform operator to run helm upgrade with this values block.",
    },
    "none": {"nl": "geen", "fr": "aucun", "en": "none"},
}

MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def has(key: str) -> bool:
    return key in TEXTS


def text(key: str, lang: str, **values: object) -> str:
    template = TEXTS[key].get(lang) or TEXTS[key]["en"]
    return template.format(**values) if values else template


def date(moment: datetime, lang: str) -> str:
    """A day as people write it: 12 maart 2026, 12 mars 2026, 12 March 2026."""
    local = moment.astimezone(LOCAL_TIME)
    return f"{local.day} {MONTHS.get(lang, MONTHS['en'])[local.month - 1]} {local.year}"


def pick(texts: dict[str, str] | None, lang: str, fallback: str) -> str:
    """A language map's text in `lang`, else the tenant's default language, else any."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get(fallback) or next(iter(texts.values()), "")
