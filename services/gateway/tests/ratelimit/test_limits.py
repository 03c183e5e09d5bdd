"""Sign-up, posting and voting are limited per address and per person: 429 + Retry-After."""

import pytest

PROJECT = "/api/v1/contributions/projects/p1"


@pytest.fixture(scope="module")
def people(realm):
    for name in ("poster-one", "poster-two"):
        realm.add_user(name)
    return {name: realm.token(name) for name in ("poster-one", "poster-two")}


class TestPerAddress:
    async def test_the_21st_sign_up_from_one_address_within_the_hour_is_refused(self, harness):
        for _ in range(20):
            response = await harness.client.post("/api/v1/identity/people/registrations")
            assert response.status_code == 200
        refused = await harness.client.post("/api/v1/identity/people/registrations")
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["limit"] == "sign-up"
        assert 170 <= int(refused.headers["retry-after"]) <= 180  # one back every 3 minutes

    async def test_starting_sign_ins_from_one_address_is_limited(self, harness):
        for _ in range(60):
            assert (await harness.client.get("/auth/login")).status_code == 302
        refused = await harness.client.get("/auth/login")
        assert refused.status_code == 429
        assert refused.json()["limit"] == "sign-in"
        assert int(refused.headers["retry-after"]) >= 1


class TestPerPerson:
    async def test_one_person_posting_too_fast_does_not_stop_another(self, harness, people):
        def as_(name: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {people[name]}"}

        path = f"{PROJECT}/phases/f1/inputs"
        for _ in range(10):
            assert (await harness.client.post(path, headers=as_("poster-one"))).status_code == 200
        refused = await harness.client.post(path, headers=as_("poster-one"))
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert (await harness.client.post(path, headers=as_("poster-two"))).status_code == 200

    async def test_a_forged_token_counts_for_the_address_only(self, harness, people):
        # Same subject as poster-one, but not signed by the realm: it must not drain
        # poster-one's bucket (the service refuses such a token anyway).
        header, payload, _ = people["poster-one"].split(".")
        forged = {"Authorization": f"Bearer {header}.{payload}.c2lnbmF0dXJl"}
        path = f"{PROJECT}/inputs/i1/comments"
        for _ in range(12):
            assert (await harness.client.post(path, headers=forged)).status_code == 200
        honest = {"Authorization": f"Bearer {people['poster-one']}"}
        assert (await harness.client.post(path, headers=honest)).status_code == 200

    async def test_reading_is_never_limited(self, harness):
        for _ in range(30):
            response = await harness.client.get(f"{PROJECT}/phases/f1/inputs")
            assert response.status_code == 200


class TestPageForms:
    async def test_a_form_over_the_limit_gets_a_page_in_the_person_s_language(self, harness):
        html = {"Accept": "text/html", "Accept-Language": "fr-BE"}
        for _ in range(20):
            # Refused for lack of a form token, but counted: the limit comes first.
            answer = await harness.client.post("/register/organisation", headers=html)
            assert answer.status_code == 403
        refused = await harness.client.post("/register/organisation", headers=html)
        assert refused.status_code == 429
        assert refused.headers["content-type"].startswith("text/html")
        assert 170 <= int(refused.headers["retry-after"]) <= 180
        assert "Vous pourrez réessayer dans 3 minutes." in refused.text
        assert '<html lang="fr"' in refused.text
