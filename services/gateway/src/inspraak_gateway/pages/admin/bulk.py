"""Bulk invitations as people paste them: `e-mail,role[,department or project[,external]]`
per line, with or without a header row. Rows the page can judge are judged here, in the
person's language; identity judges the rest (one invitation per row, failures reported)."""

import csv
import io
from dataclasses import dataclass, field

from inspraak_gateway.web.i18n import N_
from inspraak_shared.problems import slug_of_type

MAX_ROWS = 500
SCOPED = {"department_head": "department", "project_moderator": "project"}
ROLE_ALIASES = {"moderator": "project_moderator", "it": "it_admin", "admin": "superadmin"}
TRUE = {"1", "true", "yes", "ja", "oui", "x", "external", "extern", "externe"}
# Identity's refusals of a line, by problem type (the slug after `urn:inspraak:problem:`),
# in words the page translates; identity's own English only for a type not known here.
REFUSALS = {
    "invitation-pending": N_(
        "This person already has a pending invitation for this role; send it again from "
        "the list of open invitations."
    ),
    "external-moderators-not-allowed": N_("This municipality does not allow external moderators."),
    "language-unknown": N_("The municipality does not offer this language."),
    "role-not-yours": N_("You cannot give this role."),
    "project-not-in-your-department": N_("That project is not in your department."),
    "validation-failed": N_("Check the e-mail address and the department or project."),
}


@dataclass
class BulkRow:
    line: int
    email: str
    role: str
    scope_id: str
    external: bool
    error: str | None = None  # a message id, translated by the page
    service_error: str | None = None  # identity's own words
    problem_type: str | None = None  # identity's problem type for service_error
    invitation_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.service_error is None

    @property
    def refusal(self) -> str | None:
        """Identity's refusal as a message id the page translates, if its type is known."""
        return REFUSALS.get(slug_of_type(self.problem_type))


@dataclass
class BulkInput:
    rows: list[BulkRow] = field(default_factory=list)

    @property
    def sendable(self) -> list[BulkRow]:
        return [r for r in self.rows if r.error is None]


def _is_header(cells: list[str]) -> bool:
    return bool(cells) and cells[0].strip().lower() in {"email", "e-mail", "mail", "adres"}


def parse(text: str, invitable: tuple[str, ...]) -> BulkInput:
    """Every non-empty line a row; a row's problem is kept on the row, never raised."""
    found = BulkInput()
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    for number, cells in enumerate(lines, start=1):
        cells = [c.strip() for c in cells]
        if not any(cells) or (number == 1 and _is_header(cells)):
            continue
        cells += [""] * (4 - len(cells))
        email, role, scope_id, external = cells[:4]
        role = ROLE_ALIASES.get(role.lower(), role.lower())
        row = BulkRow(number, email, role, scope_id, external.lower() in TRUE)
        row.error = _judge(row, invitable)
        found.rows.append(row)
    return found


def _judge(row: BulkRow, invitable: tuple[str, ...]) -> str | None:
    local, _, domain = row.email.partition("@")
    if not local or "." not in domain or " " in row.email:
        return N_("This is not an e-mail address.")
    if row.role not in invitable:
        return N_("Unknown role.")
    if row.role in SCOPED and not row.scope_id:
        return N_("This role needs a department or project.")
    if row.role not in SCOPED and row.scope_id:
        return N_("This role is for the whole municipality and takes no department or project.")
    if row.external and row.role != "project_moderator":
        return N_("Only a project moderator can be external.")
    return None


def as_csv(rows: list[BulkRow], language: str) -> str:
    """The rows in identity's CSV format (its row numbers start at 2, after the header)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["email", "role", "scopeId", "external", "language"])
    for row in rows:
        writer.writerow(
            [row.email, row.role, row.scope_id, "true" if row.external else "", language]
        )
    return out.getvalue()
