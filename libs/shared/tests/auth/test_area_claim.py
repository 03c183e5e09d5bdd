"""The declared area travels in the `inspraak_area` claim; tokens without it still work."""

import pytest

from inspraak_shared.auth import AREA_CLAIM, Principal
from inspraak_shared.auth.verifier import principal_from_claims

BASE_CLAIMS = {"sub": "u1", "preferred_username": "anna", "realm_access": {"roles": ["user"]}}


class TestAreaClaim:
    def test_token_with_an_area_gives_the_principal_that_area(self) -> None:
        principal = principal_from_claims("gent", {**BASE_CLAIMS, AREA_CLAIM: "wijk-12"})
        assert principal.area_id == "wijk-12"

    def test_area_sent_as_a_list_uses_its_first_value(self) -> None:
        principal = principal_from_claims("gent", {**BASE_CLAIMS, AREA_CLAIM: ["", "wijk-3"]})
        assert principal.area_id == "wijk-3"

    @pytest.mark.parametrize("value", [None, "", "   ", [], 42])
    def test_missing_or_empty_area_means_none_declared(self, value: object) -> None:
        claims = dict(BASE_CLAIMS) if value is None else {**BASE_CLAIMS, AREA_CLAIM: value}
        assert principal_from_claims("gent", claims).area_id is None

    def test_principal_built_without_an_area_stays_valid(self) -> None:
        principal = Principal(tenant="gent", user_id="u1", username="anna")
        assert principal.area_id is None
        assert principal_from_claims("gent", BASE_CLAIMS).roles == frozenset({"user"})
