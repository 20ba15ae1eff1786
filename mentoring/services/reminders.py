"""The 60- and 15-minute reminders of confirmed sessions: scheduled as rows, sent when due."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from core import clock
from mentoring import emails
from mentoring.models import ReminderKind, Session, SessionReminder, SessionStatus

REMINDER_LEADS = {
    ReminderKind.SIXTY: timedelta(minutes=60),
    ReminderKind.FIFTEEN: timedelta(minutes=15),
}


def schedule_reminders(session: Session, now: datetime) -> None:
    """Rows for 60 and 15 minutes before, for both people; a due time already past is skipped."""
    rows = [
        SessionReminder(
            session=session, recipient_id=person, kind=kind, due_at=session.start_time - lead
        )
        for person in (session.mentor_id, session.mentee_id)
        for kind, lead in REMINDER_LEADS.items()
        if session.start_time - lead > now
    ]
    SessionReminder.objects.bulk_create(rows)


def send_due_reminders(*, limit: int = 500) -> int:
    """Send every reminder that is due; returns how many were sent.

    Each row is claimed with a conditional UPDATE (``sent_at`` from NULL), so two runs at once
    never both handle it. Just before sending it is checked again: a session no longer
    confirmed, a reminder the recipient turned off, or one found more than
    MENTORING_REMINDER_GRACE_SECONDS late (or after the start) sends nothing.
    """
    now = clock.now()
    due = list(
        SessionReminder.objects.filter(sent_at__isnull=True, canceled=False, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", "session_id")[:limit]
    )
    return sum(_send_reminder(pk, session_id) for pk, session_id in due)


def _send_reminder(reminder_id: int, session_id: int) -> bool:
    with transaction.atomic():
        # Same order as cancel_session (session, then reminder): a cancel either comes first
        # (and this finds the row canceled) or waits until this reminder is handled.
        session = Session.objects.select_for_update().filter(pk=session_id).first()
        now = clock.now()
        claimed = SessionReminder.objects.filter(
            pk=reminder_id, sent_at__isnull=True, canceled=False
        ).update(sent_at=now)
        if not claimed or session is None:
            return False
        reminder = SessionReminder.objects.select_related("recipient").get(pk=reminder_id)
        grace = timedelta(seconds=settings.MENTORING_REMINDER_GRACE_SECONDS)
        if session.status != SessionStatus.CONFIRMED:
            outcome = SessionReminder.Outcome.NOT_CONFIRMED
        elif now > reminder.due_at + grace or now >= session.start_time:
            outcome = SessionReminder.Outcome.TOO_LATE
        elif not emails.wants(reminder.recipient, f"{reminder.kind}_minute_alert"):
            outcome = SessionReminder.Outcome.SETTING_OFF
        else:
            emails.queue_reminder(session, reminder)
            outcome = SessionReminder.Outcome.SENT
        SessionReminder.objects.filter(pk=reminder_id).update(outcome=outcome)
    return outcome == SessionReminder.Outcome.SENT
