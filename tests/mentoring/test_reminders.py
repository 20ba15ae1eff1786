"""Session reminders: rows with a due time, sent once by the periodic task, with a moved clock."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from accounts.models import NotificationSettings
from core.inprocess_beat import run_periodic_tasks_once
from mentoring import services, tasks
from mentoring.models import SessionReminder
from notifications.models import OutboxMessage
from tests.factories import AvailabilityFactory, MenteeFactory, MentorFactory
from tests.support import delivered


def book(clock, *, hours_ahead=3, confirm=True):
    """A session starting ``hours_ahead`` from the frozen now, requested and confirmed."""
    mentor = MentorFactory(email="mentor@x.com", time_zone="Europe/Paris")
    mentee = MenteeFactory(email="mentee@x.com", time_zone="Asia/Tokyo")
    start = clock.current.replace(second=0) + timedelta(hours=hours_ahead)
    slot = AvailabilityFactory(mentor=mentor, start_time=start, end_time=start + timedelta(hours=1))
    session = services.request_session(
        mentee=mentee, availability_id=slot.pk, start_time=start, session_length=60
    )
    if confirm:
        services.confirm_session(user=mentor, session_id=session.pk)
    delivered().clear()
    return session


def reminder_mails():
    return sorted((m.to[0], m.subject) for m in delivered() if m.subject.startswith("In "))


def test_reminders_go_out_once_each_at_their_due_time(clock, db):
    session = book(clock)
    start = session.start_time

    clock.set(start - timedelta(minutes=60, seconds=1))
    assert tasks.send_due_reminders() == 0

    clock.set(start - timedelta(minutes=60) + timedelta(seconds=5))
    assert tasks.send_due_reminders() == 2
    assert tasks.send_due_reminders() == 0
    assert reminder_mails() == [
        ("mentee@x.com", f"In 60 minutes: your session with {session.mentor.get_full_name()}"),
        ("mentor@x.com", f"In 60 minutes: your session with {session.mentee.get_full_name()}"),
    ]
    mail.outbox.clear()

    clock.set(start - timedelta(minutes=15) + timedelta(seconds=5))
    assert tasks.send_due_reminders() == 2
    assert [to for to, _ in reminder_mails()] == ["mentee@x.com", "mentor@x.com"]
    assert tasks.send_due_reminders() == 0
    assert set(SessionReminder.objects.values_list("outcome", flat=True)) == {"sent"}


def test_reminder_shows_time_in_recipients_zone_and_carries_ics(clock, db):
    session = book(clock)
    clock.set(session.start_time - timedelta(minutes=59))
    tasks.send_due_reminders()
    by_recipient = {m.to[0]: m for m in delivered()}
    assert "(Asia/Tokyo)" in by_recipient["mentee@x.com"].body
    assert "(Europe/Paris)" in by_recipient["mentor@x.com"].body
    ics = by_recipient["mentee@x.com"].attachments[0][1]
    assert f"UID:session-{session.pk}@oneonone" in ics


def test_reminders_follow_a_30_second_beat_within_60_seconds(clock, db):
    session = book(clock)
    due = session.start_time - timedelta(minutes=60)
    clock.set(due - timedelta(seconds=47))  # the beat's phase is arbitrary
    for _ in range(4):  # two beats reach past the due time; two more tell "late" from "never"
        clock.advance(seconds=30)
        if tasks.send_due_reminders():
            sent_at = clock.current
            break
    else:
        pytest.fail(f"no reminder sent in 4 beats after {due - timedelta(seconds=47)}")
    assert timedelta(0) <= sent_at - due < timedelta(seconds=60)


def test_in_process_beat_runs_the_reminder_task(clock, db, monkeypatch):
    # The beat closes connections between tasks; inside the test's transaction it must not.
    monkeypatch.setattr("core.inprocess_beat.close_old_connections", lambda: None)
    assert "mentoring.tasks.send_due_reminders" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    session = book(clock)
    clock.set(session.start_time - timedelta(minutes=59, seconds=40))
    run_periodic_tasks_once()
    assert SessionReminder.objects.filter(outcome="sent").count() == 2
    assert len(reminder_mails()) == 2


def test_canceled_session_sends_no_reminder(clock, db):
    session = book(clock)
    services.cancel_session(user=session.mentee, session_id=session.pk)
    clock.set(session.start_time - timedelta(minutes=14))
    assert tasks.send_due_reminders() == 0
    assert reminder_mails() == []
    assert set(SessionReminder.objects.values_list("canceled", "sent_at")) == {(True, None)}


def test_pending_session_has_no_reminders(clock, db):
    session = book(clock, confirm=False)
    clock.set(session.start_time - timedelta(minutes=14))
    assert tasks.send_due_reminders() == 0
    assert SessionReminder.objects.count() == 0


def test_reminder_turned_off_is_skipped_at_send_time(clock, db):
    session = book(clock)
    NotificationSettings.objects.filter(user=session.mentee).update(sixty_minute_alert=False)
    clock.set(session.start_time - timedelta(minutes=59))
    assert tasks.send_due_reminders() == 1
    assert [to for to, _ in reminder_mails()] == ["mentor@x.com"]
    skipped = SessionReminder.objects.get(recipient=session.mentee, kind="sixty")
    assert skipped.outcome == "setting_off"


def test_reminder_whose_due_time_passed_at_confirmation_is_not_created(clock, db):
    session = book(clock, hours_ahead=0.5)
    assert sorted(SessionReminder.objects.values_list("kind", flat=True)) == [
        "fifteen",
        "fifteen",
    ]
    clock.set(session.start_time - timedelta(minutes=15))
    assert tasks.send_due_reminders() == 2


def test_reminder_found_too_late_is_skipped(clock, db, settings):
    settings.MENTORING_REMINDER_GRACE_SECONDS = 300
    session = book(clock)
    clock.set(session.start_time - timedelta(minutes=54))  # 6 minutes late
    assert tasks.send_due_reminders() == 0
    assert set(SessionReminder.objects.filter(kind="sixty").values_list("outcome", flat=True)) == {
        "too_late"
    }
    assert reminder_mails() == []


@pytest.mark.django_db(transaction=True)
def test_reminder_task_running_twice_at_once_sends_each_once(clock):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need a database file or PostgreSQL to share one database")
    session = book(clock)
    clock.set(session.start_time - timedelta(minutes=59))
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(tasks.send_due_reminders())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 2
    assert OutboxMessage.objects.filter(kind="mentoring_reminder").count() == 2
    assert SessionReminder.objects.filter(kind="sixty", outcome="sent").count() == 2
