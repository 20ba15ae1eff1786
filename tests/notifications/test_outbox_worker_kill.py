"""A real Celery worker killed (SIGKILL) in the middle of delivering a few hundred messages to a
real SMTP server on loopback, then restarted: every message is delivered, none is lost, and at
most the documented window is sent twice (the one message the server had accepted when the
worker died, before its row was marked sent; docs/architecture.md).

It needs a worker process that shares the test database and a broker between them: PostgreSQL
(DATABASE_URL) and CELERY_BROKER_URL (CI: Redis). Every wait is bounded.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from config.celery_app import app as celery_app
from notifications import services, tasks
from notifications.models import OutboxMessage
from tests.notifications.smtp import SmtpServer

BASE_DIR = Path(__file__).resolve().parents[2]
MESSAGES = 300
KILL_AT = 100  # the worker dies the moment the server accepts the 100th message
STALE_SECONDS = 3  # OUTBOX_STALE_SENDING_SECONDS of the workers in this test


@pytest.fixture
def broker_and_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL: a worker process shares the test database")
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (CI: Redis): the test and the worker talk through it")
    celery_app.control.purge()
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True
    celery_app.control.purge()


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(db['NAME'], safe='')}"


class Worker:
    """``celery -A config worker`` in its own process group, its output in a log file."""

    def __init__(self, smtp_port: int, log_path: Path):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),  # the test database, not the configured one
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": "false",
            "OUTBOX_STALE_SENDING_SECONDS": str(STALE_SECONDS),
        }
        self.log_path = log_path
        self.process = None

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--pool=solo",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--hostname",
                    f"outbox-kill-{os.getpid()}@localhost",
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self):
        """SIGKILL to the worker's whole process group: nothing runs after it, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # it died on its own meanwhile
                os.killpg(self.process.pid, signal.SIGKILL)

    def wait(self, timeout=20):
        if self.process is not None:
            self.process.wait(timeout=timeout)

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""


def wait_until(condition, *, timeout, every=0.2, tick=None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if tick is not None:
            tick()
        time.sleep(every)
    return condition()


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_delivery_and_restarted_delivers_every_message(
    broker_and_postgres, tmp_path
):
    with SmtpServer() as smtp:
        worker = Worker(smtp.port, tmp_path / "worker.log")
        killed = threading.Event()

        def kill_at(count):
            # Runs in the server before it answers 250: the worker dies with the message accepted
            # by the server but not yet marked sent, the window that cannot be closed over SMTP.
            if count == KILL_AT and not killed.is_set():
                worker.kill()
                killed.set()

        smtp.handler.on_accept = kill_at
        try:
            rows = [
                services.queue_email(
                    key=f"kill:{i}",
                    kind="test",
                    to=f"user{i}@example.com",
                    subject=f"Message {i}",
                    text="Hello",
                )
                for i in range(MESSAGES)
            ]
            worker.start()
            assert killed.wait(timeout=120), "the worker never reached message 100:\n" + (
                worker.log_tail()
            )
            worker.wait()
            sent_before_restart = OutboxMessage.objects.filter(status="sent").count()
            assert sent_before_restart < MESSAGES  # the kill was mid-delivery
            assert OutboxMessage.objects.filter(status="sending").count() == 1  # the one in flight

            worker.start()
            last_sweep = [0.0]

            def sweep():  # the beat's job, every second here instead of every 30 s
                if time.monotonic() - last_sweep[0] >= 1:
                    tasks.deliver_pending_messages.delay()
                    last_sweep[0] = time.monotonic()

            done = wait_until(
                lambda: OutboxMessage.objects.filter(status="sent").count() == MESSAGES,
                timeout=180,
                every=0.5,
                tick=sweep,
            )
            statuses = Counter(OutboxMessage.objects.values_list("status", flat=True))
            assert done, f"not all delivered: {statuses}\n{worker.log_tail()}"
        finally:
            worker.kill()
            worker.wait()

        received = smtp.handler.message_ids()
        expected = {services.message_id_header(row) for row in rows}
        duplicates = sum(count - 1 for count in received.values())
        print(  # figures, not assertions on time
            f"\n{MESSAGES} messages, worker killed at #{KILL_AT}: {sent_before_restart} marked sent"
            f" before the restart, {len(received)} distinct delivered, {duplicates} duplicate(s)"
        )
        assert set(received) == expected  # every message delivered, none lost
        assert duplicates <= 1  # the documented window: the one message in flight at the kill
