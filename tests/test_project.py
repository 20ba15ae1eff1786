"""Project-wide checks: migrations, the API schema and docs, error shapes."""

import io

import pytest
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

from tests.openapi import generation_problems, openapi_document


def test_migrations_match_models(db):
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_schema_builds_without_warnings_and_validates():
    """What ``manage.py spectacular --validate --fail-on-warn`` checks, on the suite's document."""
    assert generation_problems() == {"warnings": [], "errors": []}
    validate_schema(openapi_document())


ACCOUNT_PATHS = [
    "/auth/users/",
    "/auth/token/login/",
    "/auth/token/logout/",
    "/myprofile/",
    "/accounts/signup/",
    "/accounts/login/",
    "/api/auth/token/",
    "/api/auth/refresh/",
    "/accounts/register/",
    "/accounts/profile/",
    "/api/token/",
    "/api/token/refresh/",
    "/users/register/",
    "/users/login/",
    "/users/logout/",
    "/users/profile/view/",
    "/users/profile/edit/",
]


def test_api_schema_serves_the_document_with_every_account_endpoint(api, db):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    served = response.json()
    assert served == openapi_document()
    assert [path for path in ACCOUNT_PATHS if path not in served["paths"]] == []


@pytest.mark.parametrize("path", ["/api/docs/", "/docs/"])
def test_swagger_ui_served_with_local_assets(api, db, path):
    response = api.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html and "unpkg" not in html


def test_unknown_path_is_json_404(api, db):
    response = api.get("/no/such/thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_malformed_json_is_400(api, db):
    response = api.post("/auth/users/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_wrong_content_type_is_415(api, db):
    response = api.post("/auth/users/", data="<x/>", content_type="application/xml")
    assert response.status_code == 415


def test_body_that_is_not_an_object_is_400(api, db):
    response = api.post("/auth/users/", data=[1, 2], format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }


def test_wrong_method_is_405(api, db):
    response = api.get("/auth/users/")
    assert response.status_code == 405


def test_paths_work_without_trailing_slash(api, db):
    response = api.post("/accounts/login", {"username": "x", "password": "y"}, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["Username and password do not match"]


def test_debug_off_refuses_default_secret_key(monkeypatch):
    import subprocess
    import sys

    env = {"DEBUG": "false", "ALLOWED_HOSTS": "example.org", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'config.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_off_refuses_missing_allowed_hosts():
    import subprocess
    import sys

    env = {
        "DEBUG": "false",
        "SECRET_KEY": "k3J9-xq2Lw8vN5bZ0pR7tY4uA1sD6fG3hJ8kL2mN9q",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'config.settings'; django.setup()",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_debug_off_starts_with_real_settings():
    import subprocess
    import sys

    env = {
        "DEBUG": "false",
        "SECRET_KEY": "k3J9-xq2Lw8vN5bZ0pR7tY4uA1sD6fG3hJ8kL2mN9q",
        "ALLOWED_HOSTS": "example.org",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'config.settings'; django.setup(); print('ok')",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "ok", result.stderr


HUGE = "9" * 25


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", f"/notificationsettings/{HUGE}", None),
        ("get", f"/schedules/calendars/{HUGE}/details/", None),
        ("get", f"/schedules/calendars/{HUGE}/respond/abc/", None),
        ("patch", "/schedules/contacts/", {"contact_id": int(HUGE), "first_Name": "x"}),
        ("get", f"/api/tickets/{HUGE}", None),
        ("get", f"/calendars/{HUGE}/", None),
    ],
)
def test_ids_too_large_for_the_database_are_4xx(bearer, method, path, body):
    response = getattr(bearer, method)(path, body, format="json")
    assert 400 <= response.status_code < 500, (path, response.status_code)


def test_celery_beat_keeps_its_schedule_file_under_var():
    from django.conf import settings

    from config.celery_app import app

    assert app.conf.beat_schedule_filename == str(settings.VAR_DIR / "celerybeat-schedule")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "9000"}, "http://127.0.0.1:9000"),
        ({"PORT": "9000", "PUBLIC_BASE_URL": "https://x.example.org/"}, "https://x.example.org"),
    ],
)
def test_emailed_links_follow_the_port_unless_a_public_address_is_set(environment, expected):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("PORT", "PUBLIC_BASE_URL")}
    code = "from django.conf import settings; print(settings.PUBLIC_BASE_URL)"
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, **environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == expected


def _run_with(environment: dict, *args: str):
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS") and not k.startswith("SECURE_")
    }
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3J9-xq2Lw8vN5bZ0pR7tY4uA1sD6fG3hJ8kL2mN9qW5eR0tY7uI4oP1aS6dF3gH8j",
    "ALLOWED_HOSTS": "oneonone.example.org",
}


@pytest.mark.parametrize("key", ["x" * 64, "ab" * 40, "short-but-varied-key", ""])
def test_production_refuses_a_weak_secret_key(key):
    result = _run_with({**PRODUCTION, "SECRET_KEY": key}, "check")
    assert result.returncode != 0
    assert "set SECRET_KEY to a random string" in result.stderr


def test_check_deploy_is_clean_with_the_documented_https_settings():
    https = {
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
    }
    result = _run_with({**PRODUCTION, **https}, "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    # Without them, the same check names what is missing.
    result = _run_with(PRODUCTION, "check", "--deploy")
    assert "security.W004" in result.stderr + result.stdout  # no HSTS
    assert "security.W008" in result.stderr + result.stdout  # no SSL redirect


def test_docs_point_at_nothing_outside_the_repository():
    import re

    from django.conf import settings

    base = settings.BASE_DIR
    pages = [base / "README.md", *sorted((base / "docs").rglob("*.md"))]
    for page in pages:
        text = page.read_text()
        assert "/work/" not in text and "shared/" not in text, page
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def _pins(name: str) -> dict[str, str]:
    import re

    from django.conf import settings

    text = (settings.BASE_DIR / name).read_text()
    return dict(re.findall(r"^([a-z0-9_.-]+)==(\S+)", text, re.MULTILINE))


def test_production_lock_holds_no_test_or_lint_tool_and_agrees_with_the_dev_lock():
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {"django", "djangorestframework", "celery", "gunicorn"} <= runtime.keys()
    tools = {
        "pytest",
        "pytest-django",
        "pytest-cov",
        "ruff",
        "import-linter",
        "hypothesis",
        "schemathesis",
        "factory-boy",
    }
    assert not tools & runtime.keys()
    assert tools <= dev.keys()
    assert {name: dev.get(name) for name in runtime} == runtime
