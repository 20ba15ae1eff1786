"""Web requests on PostgreSQL stop a statement after DATABASE_STATEMENT_TIMEOUT_MS (item 7).

A stopped statement is a 503 in JSON, not a 500, and the query does not go on running.
"""

import importlib

import pytest
from django.db import connection, connections
from django.db.backends.signals import connection_created

from core import db as core_db
from tests.clients import client_for
from tests.factories import MenteeFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is a PostgreSQL setting"
)


def _timeout(conn) -> str:
    with conn.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@postgresql_only
def test_web_process_connections_get_the_timeout(db, settings):
    settings.DATABASE_STATEMENT_TIMEOUT_MS = 1500
    import config.wsgi  # what gunicorn and runserver load

    importlib.reload(config.wsgi)  # runs its start-up again if another test imported it

    fresh = connections.create_connection("default")
    try:
        assert _timeout(fresh) == "1500ms"
    finally:
        fresh.close()
        connection_created.disconnect(dispatch_uid="core.db.statement_timeout")


@postgresql_only
def test_other_processes_keep_no_timeout(db):
    connection_created.disconnect(dispatch_uid="core.db.statement_timeout")
    fresh = connections.create_connection("default")
    try:
        assert _timeout(fresh) == "0"
    finally:
        fresh.close()


@postgresql_only
def test_zero_disables_the_timeout(db, settings):
    settings.DATABASE_STATEMENT_TIMEOUT_MS = 0
    core_db.limit_statement_time()
    fresh = connections.create_connection("default")
    try:
        assert _timeout(fresh) == "0"
    finally:
        fresh.close()
        connection_created.disconnect(dispatch_uid="core.db.statement_timeout")


@postgresql_only
def test_a_statement_past_the_limit_is_a_json_503(db, settings, monkeypatch):
    client = client_for(MenteeFactory())
    settings.DATABASE_STATEMENT_TIMEOUT_MS = 100
    core_db.set_statement_timeout(connection=connection)  # undone with the test's transaction

    def slow(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")

    monkeypatch.setattr("contracts.team_production.views.mentoring.selectors.mentor_cards", slow)
    response = client.get("/mentor/")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "The request took too long and was stopped. Try a smaller one."
    }


def test_sqlite_connections_are_left_alone(db, settings):
    settings.DATABASE_STATEMENT_TIMEOUT_MS = 100
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    core_db.set_statement_timeout(connection=connection)  # no error, nothing to set
    assert connection.vendor == "sqlite"
