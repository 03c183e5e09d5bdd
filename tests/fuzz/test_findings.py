"""How the fuzzer judges one answer: server errors, errors that are not problem+json,
and another municipality's data in a response are findings; the rest is not."""

from bench import fuzz

REQUEST = {"method": "GET", "path": "/api/v1/projects/projects", "query": {}, "body": None}
NEIGHBOUR = ["GEHEIM1234", "b-project-id"]


def _judge(status, content_type, text):
    tally = fuzz.Tally()
    fuzz._check(tally, "user", "GET /x", status, content_type, text, REQUEST, NEIGHBOUR)
    return tally


def test_a_server_error_is_a_finding_with_its_request():
    tally = _judge(500, "application/problem+json", "{}")
    assert [f.kind for f in tally.findings] == ["server-error"]
    assert tally.findings[0].request == REQUEST


def test_an_error_must_be_a_problem_document():
    assert [f.kind for f in _judge(422, "application/json", "{}").findings] == ["not-problem-json"]
    assert _judge(404, "application/problem+json", "{}").findings == []


def test_another_tenants_data_in_a_response_is_a_leak():
    tally = _judge(200, "application/json", '{"title": "GEHEIM1234 plan"}')
    assert [f.kind for f in tally.findings] == ["tenant-leak"]


def test_a_clean_answer_is_counted_not_reported():
    tally = _judge(200, "application/json", '{"items": []}')
    assert tally.findings == []
    assert tally.requests == 1
    assert tally.statuses == {"200": 1}


def test_repeated_findings_are_kept_to_two_examples():
    tally = fuzz.Tally()
    for _ in range(5):
        fuzz._check(tally, "user", "GET /x", 500, "text/plain", "boom", REQUEST, NEIGHBOUR)
    assert len(tally.findings) == 2
    assert tally.requests == 5
