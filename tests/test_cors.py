"""CORS: the seeds' real front-ends live on another origin (docs/clients.md).

Allowed origins come from CORS_ALLOWED_ORIGINS (empty by default: no cross-origin access). A
preflight is answered before authentication, on every path, since a browser sends no
credentials with it.
"""

import pytest

FRONTEND = "http://localhost:3000"

# One authenticated path and one login path of each contract.
PATHS = [
    "/mentor/",  # 000
    "/auth/token/login/",  # 000
    "/schedules/calendars/",  # 001
    "/accounts/login/",  # 001 and 003
    "/api/tickets/",  # 002
    "/api/auth/token/",  # 002
    "/calendars/",  # 003
    "/contacts/",  # 004
]


def preflight(api, path, origin=FRONTEND, method="POST"):
    return api.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_preflight_from_an_allowed_origin_is_answered_without_authentication(api, settings, path):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]
    response = preflight(api, path)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert "POST" in response["Access-Control-Allow-Methods"]
    allowed_headers = response["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed_headers
    assert "content-type" in allowed_headers


@pytest.mark.django_db
def test_actual_response_carries_the_origin_even_when_refused(api, settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]
    # A 401 the browser must be able to read, or the front-end cannot tell "log in again".
    response = api.get("/api/tickets/", HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 401
    assert response["Access-Control-Allow-Origin"] == FRONTEND


@pytest.mark.django_db
def test_authenticated_request_from_an_allowed_origin(api, settings, user, jwt_for):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(user)}")
    response = api.get("/calendars/", HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND


@pytest.mark.django_db
@pytest.mark.parametrize("allowed", [[], ["https://other.example.org"]])
def test_other_origins_get_no_cors_headers(api, settings, allowed):
    settings.CORS_ALLOWED_ORIGINS = allowed
    response = api.get("/api/tickets/", HTTP_ORIGIN=FRONTEND)
    assert "Access-Control-Allow-Origin" not in response
    response = preflight(api, "/api/tickets/")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_json_error_pages_carry_the_cors_headers_too(api, settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]
    settings.DEBUG = True  # Django's HTML 404 page, replaced by JSON on API paths
    response = api.get("/api/no-such-thing/", HTTP_ORIGIN=FRONTEND)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert response["Access-Control-Allow-Origin"] == FRONTEND
