"""Who may invite: superadmins (any role), support while granted access (audited), and
department heads (project moderators for projects in their department)."""

from typing import Annotated

from fastapi import Depends

from inspraak_identity.invitations.service import Inviter
from inspraak_identity.roles.auth import StaffManager


async def inviter(actor: StaffManager) -> Inviter:
    return Inviter.of(actor)


InvitingStaff = Annotated[Inviter, Depends(inviter)]
