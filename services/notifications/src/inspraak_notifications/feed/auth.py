"""Who may read a feed: the signed-in person, only their own (of their own tenant)."""

from inspraak_shared.auth import CurrentPrincipal

Reader = CurrentPrincipal
