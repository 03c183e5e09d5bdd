"""Who may use the operator API: whoever holds the operator token from the settings."""

import hmac
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from inspraak_identity.dependencies import Settings
from inspraak_shared.problems import Unauthorized

_operator_bearer = HTTPBearer(
    auto_error=False, scheme_name="OperatorToken", description="The operator token"
)


async def operator(
    settings: Settings,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_operator_bearer)],
) -> None:
    expected = settings.operator_token.get_secret_value().encode()
    given = credentials.credentials.encode() if credentials is not None else b""
    # Constant time: the comparison must not tell how much of a guess was right.
    if not hmac.compare_digest(given, expected):
        raise Unauthorized("The operator token is missing or wrong.", slug="operator-only")


Operator = Depends(operator)
