"""The login throttle under parallel guesses, across processes, on the admin login, and the
time an unknown username takes (the password hasher runs for it too)."""

import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from tests.clients import SchemaCheckedClient
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
THREADS = 40


def _cache(kind):
    prefix = f"test-{uuid.uuid4().hex}"
    if kind == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "oneonone_cache",
        }
    if kind == "memory":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": prefix}
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("no Redis configured (CELERY_BROKER_URL)")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": broker}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["database", "memory", "redis"])
def test_parallel_wrong_guesses_evaluate_at_most_the_limit(
    shared_database, settings, monkeypatch, clock, kind
):
    """Forty guesses at once within one window: ten are evaluated, thirty get 429.

    The clock is frozen mid-window: a burst that straddles a window's end may evaluate up to
    twice the limit (accounts/login_guard.py says why), which is not what this checks. The cache
    is configured as the settings configure it (no culling of live entries).
    """
    clock.advance(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS // 2)
    cache = {**_cache(kind), "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    if kind != "redis":  # as config/settings.py sets it for the database and memory caches
        cache["OPTIONS"] = {"MAX_ENTRIES": 100_000}
    settings.CACHES = {"default": cache}
    victim = User.objects.create_user("victim", "victim@example.com", PASSWORD)
    checked = []
    real_verify = MD5PasswordHasher.verify

    def counting_verify(self, password, encoded):
        checked.append(password)
        return real_verify(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", counting_verify)
    barrier = threading.Barrier(THREADS)
    codes = [None] * THREADS

    def guess(index):
        try:
            barrier.wait(30)
            response = SchemaCheckedClient().post(
                "/accounts/login/",
                {"username": victim.username, "password": f"guess-{index}"},
                format="json",
            )
            codes[index] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert sorted(codes) == [*[400] * 10, *[429] * (THREADS - 10)]
    assert len(checked) == 10  # the password was evaluated ten times, no more


@pytest.mark.django_db(transaction=True)
def test_failures_counted_by_one_process_throttle_another(shared_database, api, settings):
    """The default cache is shared: several web processes count into one place."""
    if os.environ.get("CACHE_URL"):
        pytest.skip("CACHE_URL is set: this checks the default cache")
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    username = f"guessed-{uuid.uuid4().hex[:8]}"
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "settings.PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n"
        "from accounts import services\n"
        "from core.errors import DomainError\n"
        "for _ in range(10):\n"
        "    try:\n"
        f"        services.authenticate(username={username!r}, password='x', client='127.0.0.1')\n"
        "    except DomainError as exc:\n"
        "        assert exc.code == 'unknown_username', exc.code\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("CACHE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    # This process (another worker) sees the other one's ten failures, without the test prefix.
    settings.CACHES = {
        alias: {k: v for k, v in config.items() if k != "KEY_PREFIX"}
        for alias, config in settings.CACHES.items()
    }
    response = api.post("/accounts/login/", {"username": username, "password": "x"}, format="json")
    assert response.status_code == 429


def test_failures_count_over_the_last_window_across_its_boundaries(api, user, clock):
    clock.advance(seconds=50)  # ten seconds before a window of the throttle ends
    for _ in range(10):
        api.post("/accounts/login/", {"username": user.username, "password": "x"}, format="json")
    clock.advance(seconds=20)  # a new window has begun; the failures are 20 s old
    response = api.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "41"
    clock.advance(seconds=41)
    response = api.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_right_passwords_give_their_slot_back(api, user):
    for _ in range(9):
        api.post("/accounts/login/", {"username": user.username, "password": "x"}, format="json")
    for _ in range(5):
        response = api.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
        )
        assert response.status_code == 200
    wrong = api.post(
        "/accounts/login/", {"username": user.username, "password": "x"}, format="json"
    )
    assert wrong.status_code == 400  # the tenth failure is still evaluated
    assert (
        api.post(
            "/accounts/login/", {"username": user.username, "password": "x"}, format="json"
        ).status_code
        == 429
    )


# --- The admin login ----------------------------------------------------------------------------
@pytest.fixture
def staff(db):
    return User.objects.create_superuser("root", "root@example.com", PASSWORD)


def test_admin_login_is_throttled_like_every_login(client, staff):
    for _ in range(10):
        response = client.post("/admin/login/", {"username": "root", "password": "wrong"})
        assert response.status_code == 200
        assert b"Please enter the correct username and password" in response.content
    response = client.post("/admin/login/", {"username": "root", "password": "wrong"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Too many failed logins" in response.content
    # While throttled, even the right password is refused for this (username, client) pair.
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another client is not affected.
    response = client.post(
        "/admin/login/", {"username": "root", "password": PASSWORD}, REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_admin_login_counts_the_same_failures_as_the_api(api, client, staff):
    for _ in range(10):
        api.post("/accounts/login/", {"username": "root", "password": "x"}, format="json")
    response = client.post("/admin/login/", {"username": "ROOT", "password": PASSWORD})
    assert response.status_code == 429


def test_admin_login_still_refuses_non_staff_and_lets_staff_in(client, staff, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- Unknown usernames take as long as wrong passwords ------------------------------------------
@pytest.fixture
def hasher_calls(monkeypatch):
    calls = []
    real_encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        calls.append(password)
        return real_encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    return calls


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/auth/token/login/", "/api/token/", "/users/login/"]
)
def test_an_unknown_username_runs_the_password_hasher_like_a_wrong_password(
    api, user, hasher_calls, path
):
    known = api.post(path, {"username": user.username, "password": "guess-1"}, format="json")
    for_known = len(hasher_calls)
    unknown = api.post(path, {"username": "nobody-here", "password": "guess-2"}, format="json")

    assert known.status_code == unknown.status_code
    assert for_known == 1
    assert hasher_calls == ["guess-1", "guess-2"]


def test_an_unknown_username_on_the_admin_login_runs_the_hasher(client, hasher_calls, db):
    response = client.post("/admin/login/", {"username": "nobody-here", "password": "guess"})
    assert response.status_code == 200
    assert hasher_calls == ["guess"]


# --- The cache table ----------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_cache_table():
    if os.environ.get("CACHE_URL"):
        pytest.skip("CACHE_URL is set: this checks the default cache, a database table")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE oneonone_cache")

    try:
        call_command("migrate", verbosity=0)
        assert "oneonone_cache" in connection.introspection.table_names()
    finally:
        call_command("createcachetable", verbosity=0)  # for the tests that follow, whatever
