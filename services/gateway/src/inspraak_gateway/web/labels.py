"""Names of the services' codes (phase kinds, states, statuses) in the page's language."""

from inspraak_gateway.web.i18n import N_

PHASE_KINDS: dict[str, str] = {
    "information": N_("Information"),
    "ideation": N_("Ideas"),
    "survey": N_("Survey"),
    "spatial_plan": N_("Input on the map"),
    "scenario_planning": N_("Scenarios"),
    "voting": N_("Voting"),
    "poll": N_("Poll"),
}
PHASE_STATES: dict[str, str] = {
    "upcoming": N_("upcoming"),
    "active": N_("now"),
    "finished": N_("finished"),
}
INPUT_STATUSES: dict[str, str] = {
    "proposed": N_("Proposed"),
    "under_consideration": N_("Under consideration"),
    "accepted": N_("Accepted"),
    "rejected": N_("Rejected"),
    "implemented": N_("Implemented"),
}
ROLES: dict[str, str] = {
    "superadmin": N_("Superadmin (project leader)"),
    "policy_maker": N_("Policy maker"),
    "department_head": N_("Department head"),
    "project_moderator": N_("Project moderator"),
    "communications": N_("Communications officer"),
    "it_admin": N_("IT officer"),
    "support": N_("Support"),
    "user": N_("Resident"),
}
PROJECT_STATUSES: dict[str, str] = {
    "draft": N_("Draft"),
    "awaiting_approval": N_("Awaiting approval"),
    "published": N_("Published"),
    "archived": N_("Archived"),
}
# The onboarding guides, one per role (an external moderator has their own).
GUIDE_ROLES: tuple[tuple[str, str], ...] = (
    ("superadmin", N_("Superadmin (project leader)")),
    ("policy_maker", N_("Policy maker")),
    ("department_head", N_("Department head")),
    ("project_moderator", N_("Project moderator")),
    ("project_moderator_external", N_("Project moderator (external)")),
    ("communications", N_("Communications officer")),
    ("it_admin", N_("IT officer")),
)
