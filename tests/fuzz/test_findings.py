"""How the fuzzer judges one answer: server errors, errors that are not problem+json,
and another municipality's data in a response are findings; the rest is not."""

import httpx

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


def test_cases_and_failures_are_counted_per_service_and_role():
    tally = fuzz.Tally()
    contributions = {**REQUEST, "path": "/api/v1/contributions/projects/1/inputs"}
    widget = {**REQUEST, "path": "/v1/widget/frame/inputs"}
    fuzz._check(tally, "user", "GET /x", 200, "application/json", "{}", contributions, [])
    fuzz._check(tally, "user", "GET /x", 500, "text/plain", "boom", contributions, [])
    fuzz._check(tally, "project_moderator", "GET /y", 404, fuzz.PROBLEM, "{}", widget, [])

    assert tally.cases == {"contributions user": 2, "widget project_moderator": 1}
    assert tally.failures == {"contributions user": 1}


def test_a_page_path_belongs_to_the_gateway():
    assert fuzz.service_of("GET /projects/fuzz-doel/inputs/1") == "gateway"
    assert fuzz.service_of("POST /api/v1/identity/me") == "identity"


def _answer(status, content_type):
    request = httpx.Request("POST", "http://town.test/api/v1/contributions/projects/1/inputs")
    return httpx.Response(status, headers={"content-type": content_type}, request=request)


def test_an_oversized_body_must_be_refused_with_413_as_a_problem():
    for status, content_type in (
        (422, fuzz.PROBLEM),
        (201, "application/json"),
        (413, "text/html"),
    ):
        tally = fuzz.Tally()
        fuzz._body_limit(tally, _answer(status, content_type))
        assert [f.kind for f in tally.findings] == ["no-body-limit"], status
        assert tally.findings[0].request["path"] == "/api/v1/contributions/projects/1/inputs"

    tally = fuzz.Tally()
    fuzz._body_limit(tally, _answer(413, fuzz.PROBLEM))
    assert tally.findings == []


def test_escaped_markup_is_inert_and_raw_markup_is_not():
    assert fuzz._inert(
        '<h1>Titel &lt;script&gt;alert("xss")&lt;/script&gt;</h1><script src="/a.js">'
    )
    assert not fuzz._inert('<h1>Titel <script>alert("xss")</script></h1>')
    assert not fuzz._inert("<p><img src=x onerror=alert(1)></p>")
    assert not fuzz._inert('<a href="javascript:alert(1)">x</a>')


def test_the_smoke_run_fuzzes_a_scoped_role_and_the_full_run_every_role():
    assert "project_moderator" in fuzz.SMOKE.roles
    assert set(fuzz.FULL.roles) == {
        "anonymous", "user", "department_head", "project_moderator",
        "policy_maker", "communications", "it_admin", "superadmin",
    }  # fmt: skip
