"""The first steps of each role: the screens that carry its task package (PRODUCT.md), and
the seed's working practices. The task package, workload and checklist themselves come
from identity's role catalogue, so the team overview and the guide say the same."""

from inspraak_gateway.web.i18n import N_

Step = tuple[str, str]  # (text, where)

FIRST_STEPS: dict[str, tuple[Step, ...]] = {
    "superadmin": (
        (N_("Invite policy makers, department heads and moderators"), "/staff/team"),
        (N_("Create and name the departments"), "/staff/departments"),
        (
            N_("Check the municipality's settings and the terms for external moderators"),
            "/staff/settings",
        ),
        (N_("Approve project pages awaiting publication"), "/staff/approvals"),
        (N_("Follow what policy makers see"), "/staff/dashboard"),
        (N_("Let support help for a limited time"), "/staff/support"),
        (N_("Check what mail was sent"), "/staff/outbox"),
    ),
    "policy_maker": (
        (N_("Follow projects, results and the quarterly updates"), "/staff/dashboard"),
        (N_("Read your notifications"), "/me/notifications"),
    ),
    "department_head": (
        (N_("Your department's projects and their moderators"), "/staff/department"),
        (N_("Approve project pages awaiting publication"), "/staff/approvals"),
        (N_("Choose whether you get the weekly digest"), "/staff/department#digest"),
    ),
    "project_moderator": (
        (N_("Edit your projects in the project editor"), "/staff/projects"),
        (N_("Open your projects and their moderation queue"), "/staff"),
        (N_("Read your notifications"), "/me/notifications"),
    ),
    "project_moderator_external": (
        (N_("Read and accept the terms of use"), "/staff/terms"),
        (N_("Edit your projects in the project editor"), "/staff/projects"),
        (N_("Open your projects and their moderation queue"), "/staff"),
    ),
    "communications": (
        (N_("Plan evaluation moments in the content calendar"), "/staff/calendar"),
        (N_("Make a widget for the municipal website"), "/staff/widget"),
    ),
    "it_admin": (
        (N_("Set up the domain name and the redirects"), "/staff/domains"),
        (N_("Make a widget for the municipal website"), "/staff/widget"),
    ),
    "support": ((N_("Agree the setup plan with the superadmin"), "/staff"),),
}

# The seed's tips, for every role: the platform supports existing work.
TIPS: tuple[str, ...] = (
    N_("Decide up front where the input will influence decisions."),
    N_(
        "Agree goals and each one's task package in a shared agreement note; reuse notes "
        "you already have."
    ),
    N_("The platform supports your work: it is not extra work."),
    N_("Name the stakeholders at the start and limit their task packages."),
    N_("Show the stakeholders how the platform strengthens existing processes."),
)
GUIDE_ROLES = tuple(FIRST_STEPS)
