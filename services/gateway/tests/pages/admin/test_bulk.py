"""Bulk invitation lines: identity's refusals in the person's words, by problem type."""

from inspraak_gateway.pages.admin.bulk import REFUSALS, BulkRow


def _refused(problem_type: str | None) -> BulkRow:
    row = BulkRow(2, "anna@example.org", "policy_maker", "", False)
    row.service_error, row.problem_type = "identity's own words", problem_type
    return row


def test_a_known_problem_type_becomes_the_page_s_message():
    row = _refused("urn:inspraak:problem:invitation-pending")
    assert not row.ok
    assert row.refusal == REFUSALS["invitation-pending"]


def test_an_unknown_or_missing_type_leaves_identity_s_text_to_show():
    assert _refused("urn:inspraak:problem:something-new").refusal is None
    assert _refused(None).refusal is None
