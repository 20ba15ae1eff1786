"""The check every API response of the suite goes through (tests/openapi.py) fails where the
schema and the answer disagree, and only there."""

import pytest

from tests.openapi import check_answer, operation_of, problems


def test_operation_of_prefers_literal_paths_and_tolerates_a_missing_slash():
    assert operation_of("GET", "/api/tickets/stats") == "/api/tickets/stats/"
    assert operation_of("GET", "/api/tickets/12/") == "/api/tickets/{id}/"
    assert operation_of("GET", "/admin/") is None


def test_a_documented_answer_has_no_problems():
    assert problems("GET", "/api/tickets/", 401, {"detail": "Not signed in."}) == []
    assert problems("GET", "/api/tickets/", 200, []) == []


def test_an_undocumented_status_is_a_problem():
    assert problems("GET", "/api/tickets/", 418, {"detail": "teapot"}) == [
        "status 418 is not documented (documented: 200, 400, 401)"
    ]


def test_a_body_unlike_the_documented_one_is_a_problem():
    assert problems("GET", "/api/tickets/", 200, {"tickets": []}) == [
        "the body: {'tickets': []} is not of type 'array'"
    ]
    assert problems("GET", "/api/tickets/", 401, {"detail": 3}) == [
        "detail: 3 is not of type 'string'"
    ]


def test_a_field_the_schema_does_not_list_is_a_problem():
    assert problems("GET", "/api/tickets/", 401, {"detail": "No.", "hint": "x"}) == [
        "the body: Additional properties are not allowed ('hint' was unexpected)"
    ]


def test_check_answer_fails_naming_the_operation():
    with pytest.raises(AssertionError, match=r"GET /api/tickets/7/ answered 418.*\{id\}"):
        check_answer("GET", "/api/tickets/7/", 418, None)


def test_check_answer_leaves_out_server_failures_and_other_paths():
    check_answer("GET", "/api/tickets/", 500, {"detail": "Server error."})
    check_answer("GET", "/no/such/path/", 418, None)


def test_check_answer_leaves_out_other_clients_shapes(settings):
    settings.MENTORQ_CLIENT = "hackru"
    check_answer("GET", "/api/tickets/", 200, {"not": "a list"})
