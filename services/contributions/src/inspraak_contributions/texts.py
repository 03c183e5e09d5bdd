"""Texts shown to people, in the three languages of the platform."""

LanguageMap = dict[str, str]

FORMER_PARTICIPANT: LanguageMap = {
    "nl": "voormalig deelnemer",
    "fr": "ancien participant",
    "en": "former participant",
}
MUNICIPALITY: LanguageMap = {"nl": "Gemeente", "fr": "Commune", "en": "Municipality"}
DELETED: LanguageMap = {
    "nl": "[verwijderd door de auteur]",
    "fr": "[supprimé par l'auteur]",
    "en": "[deleted by the author]",
}
HIDDEN: LanguageMap = {
    "nl": "[verborgen door de moderator]",
    "fr": "[masqué par le modérateur]",
    "en": "[hidden by the moderator]",
}
