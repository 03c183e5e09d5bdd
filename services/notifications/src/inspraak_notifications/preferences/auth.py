"""Who may change preferences: the signed-in person, their own only.

Unsubscribing by link needs no sign-in: the signed token is the authority.
"""

from inspraak_shared.auth import CurrentPrincipal

Owner = CurrentPrincipal
