"""The outbox: every email a row first, delivered once, never lost."""

import os
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from notifications import services, tasks
from notifications.models import OutboxMessage

SIGNUP = {
    "username": "newbie",
    "email": "newbie@x.com",
    "first_name": "New",
    "last_name": "Bie",
    "password": "s3cure-enough",
    "password2": "s3cure-enough",
}


def test_signup_welcome_email_lands_once_even_if_delivery_runs_twice(
    api, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post("/accounts/signup/", SIGNUP, format="json").status_code == 201
    message = OutboxMessage.objects.get(kind="welcome")
    assert (message.status, message.recipient, message.attempts) == ("sent", "newbie@x.com", 1)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Welcome to OneOnOne"

    assert tasks.deliver_message(message.pk) is False
    assert tasks.deliver_pending_messages() == 0
    assert len(mail.outbox) == 1


def test_failed_signup_queues_no_email(api, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api.post("/accounts/signup/", {**SIGNUP, "password2": "x"}, format="json")
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_queue_email_same_key_is_recorded_once(db):
    first = services.queue_email(key="k1", kind="test", to="a@x.com", subject="s", text="t")
    second = services.queue_email(key="k1", kind="test", to="a@x.com", subject="s", text="t")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


def test_delivery_failure_keeps_the_message_and_retries(db, clock, monkeypatch):
    message = services.queue_email(key="k2", kind="test", to="a@x.com", subject="s", text="t")

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
        assert tasks.deliver_message(message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "smtp down" in message.last_error

    assert tasks.deliver_pending_messages() == 0  # the retry is not due yet
    clock.advance(seconds=30)
    assert tasks.deliver_pending_messages() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1


def test_delivery_gives_up_after_the_give_up_window(db, clock, settings, monkeypatch):
    settings.OUTBOX_GIVE_UP_AFTER_SECONDS = 60
    message = services.queue_email(key="k3", kind="test", to="a@x.com", subject="s", text="t")
    monkeypatch.setattr(
        "django.core.mail.EmailMultiAlternatives.send",
        lambda self, fail_silently=False: (_ for _ in ()).throw(OSError("nope")),
    )
    tasks.deliver_pending_messages()
    clock.advance(seconds=30)
    tasks.deliver_pending_messages()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 2)
    clock.advance(seconds=30)  # the last attempt falls on the give-up time
    tasks.deliver_pending_messages()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == ("failed", 3, None)
    clock.advance(hours=1)
    assert tasks.deliver_pending_messages() == 0


def test_message_with_future_send_after_waits(db):
    later = timezone.now() + timedelta(hours=1)
    message = services.queue_email(
        key="k4", kind="test", to="a@x.com", subject="s", text="t", send_after=later
    )
    assert tasks.deliver_pending_messages() == 0
    assert services.deliver(message.pk) is False
    message.refresh_from_db()
    assert message.status == "pending"


def test_stale_sending_message_is_retried(db, settings):
    message = services.queue_email(key="k5", kind="test", to="a@x.com", subject="s", text="t")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="sending", claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert tasks.deliver_pending_messages() == 1
    assert len(mail.outbox) == 1


def test_cancel_pending_skips_unsent(db):
    services.queue_email(
        key="session:1:reminder",
        kind="t",
        to="a@x.com",
        subject="s",
        text="t",
        send_after=timezone.now() + timedelta(hours=1),
    )
    assert services.cancel_pending(key_prefix="session:1:") == 1
    assert OutboxMessage.objects.get().status == "skipped"


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_send_once():
    message = services.queue_email(key="k6", kind="test", to="a@x.com", subject="s", text="t")
    OutboxMessage.objects.filter(pk=message.pk).update(status="pending")
    mail.outbox.clear()
    results = []
    barrier = threading.Barrier(4)

    def run():
        barrier.wait()
        try:
            results.append(services.deliver(message.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True] or (
        # the eager on_commit delivery may already have sent it
        results == [False] * 4 and OutboxMessage.objects.get().status == "sent"
    )
    assert len(mail.outbox) == 1


@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="needs a real broker")
@pytest.mark.django_db(transaction=True)
def test_delivery_through_a_real_broker_and_worker():
    """With CELERY_BROKER_URL set (CI: Redis), a worker takes the task from the broker."""
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            message = services.queue_email(
                key="k7", kind="test", to="b@x.com", subject="s", text="t"
            )
            for _ in range(100):
                message.refresh_from_db()
                if message.status == "sent":
                    break
                threading.Event().wait(0.1)
    finally:
        app.conf.task_always_eager = True
    assert message.status == "sent"
    assert [m.to for m in mail.outbox] == [["b@x.com"]]
