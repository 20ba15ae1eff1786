"""A time limit on each SQL statement of a web request, on PostgreSQL.

A request whose query runs away (``GET /mentor/<skills>/`` once took minutes) must not hold a
worker until gunicorn kills it, nor go on running in PostgreSQL after the client has left. Web
processes (``config.wsgi``: gunicorn and ``runserver``) call ``limit_statement_time()`` at start;
every database connection they open then runs ``SET statement_timeout`` with
``DATABASE_STATEMENT_TIMEOUT_MS``. Celery workers, beat and management commands (migrations
above all) do not import ``config.wsgi`` and keep PostgreSQL's default (no limit). A statement
stopped by the limit raises an OperationalError that the API answers with 503 (core.api).
SQLite has no such setting; its queries run in the web process and are bounded by the caps on
input instead.
"""

from django.conf import settings
from django.db.backends.signals import connection_created

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by statement_timeout


def limit_statement_time() -> None:
    """From now on, every new connection of this process gets the statement timeout."""
    connection_created.connect(set_statement_timeout, dispatch_uid="core.db.statement_timeout")


def set_statement_timeout(sender=None, *, connection, **kwargs) -> None:
    milliseconds = int(settings.DATABASE_STATEMENT_TIMEOUT_MS)
    if milliseconds <= 0 or connection.vendor != "postgresql":
        return
    # The driver's own cursor: a setting of the session, not a query of the request.
    with connection.connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {milliseconds}")


def is_query_canceled(exc: BaseException) -> bool:
    """Whether a database error is PostgreSQL stopping a statement at the time limit."""
    return getattr(exc.__cause__, "sqlstate", None) == QUERY_CANCELED
