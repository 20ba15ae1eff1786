"""The outbox against a real SMTP server on loopback that refuses for a while, then accepts.

Time is the project's clock (the ``clock`` fixture): the beat's 30-second sweep is simulated by
moving it, so minutes and hours of refusals take no real waiting.
"""

import smtplib
from collections import Counter
from datetime import timedelta

import pytest

from notifications import services, tasks
from notifications.models import OutboxMessage
from tests.notifications.smtp import SmtpServer


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        for name, value in server.django_settings().items():
            setattr(settings, name, value)
        yield server


def queue(count, *, prefix="m", **extra):
    return [
        services.queue_email(
            key=f"{prefix}:{i}",
            kind="test",
            to=f"user{i}@example.com",
            subject=f"Message {i}",
            text="Hello",
            **extra,
        )
        for i in range(count)
    ]


def sweep_every_30_seconds(clock, *, until, max_sweeps=2 * 24 * 120):
    """Run the beat's sweep every 30 simulated seconds until ``until()`` holds (bounded)."""
    for _ in range(max_sweeps):
        if until():
            return
        clock.advance(seconds=30)
        tasks.deliver_pending_messages()
    raise AssertionError(f"not done after {max_sweeps} sweeps")


def all_done():
    return not OutboxMessage.objects.filter(status__in=["pending", "sending"]).exists()


def test_smtp_refusing_for_150_seconds_then_accepting_delivers_every_message_once(
    db, clock, smtp, django_capture_on_commit_callbacks
):
    back_at = clock.current + timedelta(seconds=150)
    smtp.handler.refusing = lambda: clock.current < back_at
    with django_capture_on_commit_callbacks(execute=True):
        queue(63)
    assert smtp.handler.refused == 63  # each tried once at once, answered 451
    assert tasks.deliver_pending_messages() == 0  # not due again yet: no retry storm
    assert smtp.handler.refused == 63

    sweep_every_30_seconds(clock, until=all_done, max_sweeps=240)

    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [r.status for r in rows] == ["sent"] * 63
    assert smtp.handler.message_ids() == Counter({services.message_id_header(r): 1 for r in rows})
    # Backoff: a handful of attempts each, and all delivered minutes after the server's return.
    assert max(r.attempts for r in rows) <= 6
    assert max(r.sent_at for r in rows) <= back_at + timedelta(minutes=10)


def test_retries_back_off_exponentially_with_jitter_capped_at_an_hour(db, clock, smtp):
    smtp.handler.refusing = lambda: True
    (message,) = queue(1)
    delays = []
    for _ in range(12):
        assert services.deliver(message.pk) is False
        message.refresh_from_db()
        assert message.status == "pending"
        delays.append((message.next_attempt_at - clock.current).total_seconds())
        assert services.deliver(message.pk) is False  # not due yet: no attempt spent
        clock.current = message.next_attempt_at
    message.refresh_from_db()
    assert message.attempts == 12
    assert 15 <= delays[0] <= 30  # the first retry within a minute, with the 30 s sweep
    for attempt, delay in enumerate(delays, start=1):
        ceiling = min(3600, 30 * 2 ** (attempt - 1))
        assert ceiling / 2 <= delay <= ceiling, (attempt, delay)
    assert len(set(delays)) == len(delays)  # jitter: no two the same


def test_message_fails_only_after_the_give_up_window(db, clock, smtp, settings):
    assert settings.OUTBOX_GIVE_UP_AFTER_SECONDS == 24 * 3600
    smtp.handler.refusing = lambda: True
    start = clock.current
    (message,) = queue(1)
    assert message.give_up_at == start + timedelta(hours=24)

    for _ in range(100):  # a sweep at each due time (the 30 s sweeps in between find nothing)
        message.refresh_from_db()
        if message.status != "pending":
            break
        clock.current = max(clock.current, message.next_attempt_at or clock.current)
        tasks.deliver_pending_messages()

    assert message.status == "failed"
    assert "451" in message.last_error
    assert clock.current - start >= timedelta(hours=24)
    assert clock.current - start < timedelta(hours=24, minutes=1)
    # 8 attempts in the first hour or so, then one every 30-60 minutes: 31 to 56, not thousands
    assert 30 <= message.attempts <= 56
    assert smtp.handler.received == []


def test_permanent_refusal_fails_at_once_and_the_others_are_delivered(
    db, clock, smtp, django_capture_on_commit_callbacks
):
    smtp.handler.refuse_rcpt = {"user1@example.com": "550 5.1.1 no such mailbox"}
    with django_capture_on_commit_callbacks(execute=True):
        _, refused, _ = queue(3)
    statuses = dict(OutboxMessage.objects.values_list("key", "status"))
    assert statuses == {"m:0": "sent", "m:1": "failed", "m:2": "sent"}
    refused.refresh_from_db()
    assert (refused.attempts, refused.next_attempt_at) == (1, None)
    assert "550" in refused.last_error
    assert sorted(m["To"] for m in smtp.handler.received) == [
        "user0@example.com",
        "user2@example.com",
    ]


def test_transient_refusal_of_a_recipient_is_retried(
    db, clock, smtp, django_capture_on_commit_callbacks
):
    smtp.handler.refuse_rcpt = {"user0@example.com": "450 4.2.1 mailbox busy"}
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = queue(1)
    message.refresh_from_db()
    assert message.status == "pending"
    smtp.handler.refuse_rcpt = {}
    sweep_every_30_seconds(clock, until=all_done, max_sweeps=10)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)


def test_message_past_its_send_before_is_dropped_not_sent_late(db, clock, smtp):
    back_at = clock.current + timedelta(minutes=30)
    smtp.handler.refusing = lambda: clock.current < back_at
    (message,) = queue(1, send_before=clock.current + timedelta(minutes=5))

    sweep_every_30_seconds(clock, until=all_done, max_sweeps=120)
    clock.current = back_at + timedelta(minutes=1)
    tasks.deliver_pending_messages()

    message.refresh_from_db()
    assert message.status == "expired"
    assert smtp.handler.received == []
    assert smtp.handler.refused >= 2  # it was tried until its moment had passed


def test_message_found_after_its_send_before_is_expired_without_an_attempt(db, clock, smtp):
    (message,) = queue(1, send_before=clock.current + timedelta(minutes=5))
    clock.advance(minutes=6)  # the beat and workers were down
    assert tasks.deliver_pending_messages() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("expired", 0)
    assert smtp.handler.received == []


# --- Reminders and nudges: dropped when their moment has passed, never sent late ---------------
def test_session_reminder_that_cannot_go_out_in_time_is_dropped(db, clock, smtp, settings):
    from mentoring import services as mentoring
    from tests.factories import AvailabilityFactory, MenteeFactory, MentorFactory

    settings.MENTORING_REMINDER_GRACE_SECONDS = 300
    mentor = MentorFactory(email="mentor@x.com")
    mentee = MenteeFactory(email="mentee@x.com")
    start = clock.current + timedelta(hours=3)
    slot = AvailabilityFactory(mentor=mentor, start_time=start, end_time=start + timedelta(hours=1))
    session = mentoring.request_session(
        mentee=mentee, availability_id=slot.pk, start_time=start, session_length=60
    )
    mentoring.confirm_session(user=mentor, session_id=session.pk)
    back_at = start - timedelta(minutes=40)  # down around the 60-minute reminder, back after
    smtp.handler.refusing = lambda: clock.current < back_at

    clock.current = start - timedelta(minutes=60)
    assert mentoring.send_due_reminders() == 2
    sweep_every_30_seconds(clock, until=lambda: clock.current >= start - timedelta(minutes=15))
    assert mentoring.send_due_reminders() == 2
    sweep_every_30_seconds(clock, until=all_done, max_sweeps=20)

    reminders = dict(
        OutboxMessage.objects.filter(kind="mentoring_reminder").values_list("key", "status")
    )
    prefix = f"mentoring:session:{session.pk}:reminder"
    assert reminders == {
        f"{prefix}:sixty:{mentor.pk}": "expired",
        f"{prefix}:sixty:{mentee.pk}": "expired",
        f"{prefix}:fifteen:{mentor.pk}": "sent",
        f"{prefix}:fifteen:{mentee.pk}": "sent",
    }
    subjects = sorted(m["Subject"] for m in smtp.handler.received if m["Subject"].startswith("In"))
    assert [s.split(":")[0] for s in subjects] == ["In 15 minutes", "In 15 minutes"]


def test_invitation_nudge_that_cannot_go_out_before_the_deadline_is_dropped(
    db, clock, smtp, settings, user
):
    from scheduling import services as scheduling
    from tests.factories import make_contacts

    settings.INVITATION_NUDGE_HOURS = 1
    deadline = clock.current + timedelta(days=2)
    scheduling.create_calendar(
        owner=user,
        name="Interviews",
        time_zone="UTC",
        deadline=deadline.replace(tzinfo=None),
        invitee_contact_ids=[c.pk for c in make_contacts(user, ["ana"])],
        slots=[
            scheduling.SlotInput(
                deadline.replace(tzinfo=None), deadline.replace(tzinfo=None) + timedelta(hours=3), 3
            )
        ],
    )
    smtp.handler.refusing = lambda: clock.current < deadline + timedelta(minutes=30)
    clock.current = deadline - timedelta(hours=1)
    assert scheduling.send_due_nudges() == 1
    (nudge,) = OutboxMessage.objects.filter(kind="calendar_nudge")
    assert nudge.send_before == deadline

    sweep_every_30_seconds(clock, until=lambda: clock.current > deadline + timedelta(hours=1))

    nudge.refresh_from_db()
    assert nudge.status == "expired"
    assert [m["Subject"] for m in smtp.handler.received if "Reminder" in m["Subject"]] == []


def test_admin_retry_gives_failed_messages_a_fresh_window_and_leaves_sending_ones(
    db, clock, smtp, client
):
    from django.urls import reverse

    from accounts.models import User

    failed, sending, sent = queue(3)
    OutboxMessage.objects.filter(pk=failed.pk).update(status="failed", attempts=30)
    OutboxMessage.objects.filter(pk=sending.pk).update(status="sending", claimed_at=clock.current)
    OutboxMessage.objects.filter(pk=sent.pk).update(status="sent")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x-pw-12345"))

    response = client.post(
        reverse("admin:notifications_outboxmessage_changelist"),
        {"action": "retry", "_selected_action": [failed.pk, sending.pk, sent.pk]},
    )

    assert response.status_code == 302
    rows = {r.pk: r for r in OutboxMessage.objects.all()}
    assert (rows[failed.pk].status, rows[failed.pk].attempts) == ("pending", 0)
    assert rows[failed.pk].next_attempt_at == clock.current
    assert rows[failed.pk].give_up_at == clock.current + timedelta(hours=24)
    assert [rows[sending.pk].status, rows[sent.pk].status] == ["sending", "sent"]
    assert tasks.deliver_pending_messages() == 1
    assert [m["To"] for m in smtp.handler.received] == [failed.recipient]


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@x.com": (550, b"no such mailbox")}), True),
        (smtplib.SMTPRecipientsRefused({"a@x.com": (450, b"mailbox busy")}), False),
        (smtplib.SMTPDataError(554, b"rejected as spam"), True),
        (smtplib.SMTPDataError(451, b"try again later"), False),
        (smtplib.SMTPSenderRefused(553, b"sender not allowed", "noreply@x.com"), False),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ConnectionRefusedError(111, "refused"), False),
        (TimeoutError("timed out"), False),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_only_a_5xx_refusal_of_the_message_itself_is_permanent(error, permanent):
    assert services.is_permanent(error) is permanent


def test_a_broken_email_configuration_is_a_failed_attempt_not_a_stuck_message(db, clock, settings):
    settings.EMAIL_BACKEND = "no.such.EmailBackend"
    (message,) = queue(1)
    assert services.deliver(message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.last_error.startswith("ModuleNotFoundError")
