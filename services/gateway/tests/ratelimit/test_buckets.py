"""A token bucket allows its burst, then one request per refill interval."""

from inspraak_gateway.ratelimit.buckets import Limit, TokenBuckets, retry_after
from inspraak_gateway.ratelimit.rules import rule_for


class TestBuckets:
    def test_the_burst_is_allowed_then_the_caller_must_wait(self):
        buckets = TokenBuckets()
        limit = Limit(3, 30)  # a token back every 10 s
        assert [buckets.take("k", limit, now=0) for _ in range(3)] == [0, 0, 0]
        assert buckets.take("k", limit, now=0) == 10
        assert buckets.take("k", limit, now=10) == 0

    def test_keys_do_not_share_a_bucket(self):
        buckets = TokenBuckets()
        limit = Limit(1, 60)
        assert buckets.take("alice", limit, now=0) == 0
        assert buckets.take("bob", limit, now=0) == 0

    def test_retry_after_is_whole_seconds_and_at_least_one(self):
        assert retry_after(0.2) == "1"
        assert retry_after(9.01) == "10"


class TestRules:
    def test_posting_and_voting_paths_are_recognised(self):
        project = "/api/v1/contributions/projects/p1"
        assert rule_for("POST", f"{project}/phases/f1/inputs").name == "posting"
        assert rule_for("POST", f"{project}/inputs/i1/comments").name == "posting"
        assert rule_for("PUT", f"{project}/phases/f1/votes/i1").name == "voting"
        assert rule_for("PUT", f"{project}/inputs/i1/reaction").name == "voting"
        assert rule_for("POST", "/api/v1/identity/people/registrations").name == "sign-up"
        assert rule_for("GET", f"{project}/phases/f1/inputs") is None
        assert rule_for("GET", "/auth/login").name == "sign-in"
        assert rule_for("GET", "/auth/callback") is None
        # Registering: the choice page is free; Keycloak's page and the organisation form count.
        assert rule_for("GET", "/register") is None
        assert rule_for("GET", "/register", "kind=organisation") is None
        assert rule_for("GET", "/register", "kind=person").name == "sign-up"
        assert rule_for("POST", "/register/organisation").name == "sign-up"
