"""The emails of mentor booking, queued through the outbox inside the service's transaction.

Each one honours the recipient's notification settings, shows times in the recipient's time
zone and carries the session's .ics. Outbox keys: ``mentoring:session:<pk>:<occasion>:<user>``,
so queueing twice records once.
"""

from datetime import timedelta

from django.conf import settings

from accounts.models import NotificationSettings
from mentoring.ics import session_ics
from mentoring.models import Session, SessionReminder
from notifications.services import queue_email


def key_prefix(session: Session) -> str:
    return f"mentoring:session:{session.pk}:"


def wants(user, setting: str) -> bool:
    """The user's notification setting (on when the user has no settings row)."""
    try:
        settings = user.notification_settings
    except NotificationSettings.DoesNotExist:
        return True
    return bool(getattr(settings, setting, True))


def _when(session: Session, user) -> str:
    zone = user.zone
    start = session.start_time.astimezone(zone)
    end = session.end_time.astimezone(zone)
    return f"{start:%A %d %B %Y, %H:%M}-{end:%H:%M} ({zone.key})"


def _queue(
    session: Session,
    *,
    recipient,
    occasion: str,
    subject: str,
    text: str,
    cancel=False,
    send_before=None,
):
    if not recipient.email:
        return None
    ics = session_ics(session, recipient=recipient, cancel=cancel)
    return queue_email(
        key=f"{key_prefix(session)}{occasion}:{recipient.pk}",
        kind=f"mentoring_{occasion.split(':')[0]}",
        to=recipient.email,
        subject=subject,
        text=text,
        send_before=send_before,
        attachments=[
            {
                "filename": "session.ics",
                "content": ics,
                "mimetype": f"text/calendar; method={'CANCEL' if cancel else 'REQUEST'}",
            }
        ],
    )


def queue_session_requested(session: Session) -> None:
    mentor, mentee = session.mentor, session.mentee
    if not wants(mentor, "session_requested"):
        return
    when = _when(session, mentor)
    _queue(
        session,
        recipient=mentor,
        occasion="requested",
        subject=f"Session requested by {mentee.display_name}: {when}",
        text=(
            f"Hello {mentor.display_name},\n\n{mentee.display_name} asks for a "
            f"{session.session_length}-minute session with you on {when}.\n"
            f"Confirm or cancel it in the app (session {session.pk}).\n"
        ),
    )


def queue_session_confirmed(session: Session) -> None:
    mentor, mentee = session.mentor, session.mentee
    if not wants(mentee, "session_confirmed"):
        return
    when = _when(session, mentee)
    _queue(
        session,
        recipient=mentee,
        occasion="confirmed",
        subject=f"Session confirmed with {mentor.display_name}: {when}",
        text=(
            f"Hello {mentee.display_name},\n\n{mentor.display_name} confirmed your "
            f"{session.session_length}-minute session on {when}.\n"
        ),
    )


def queue_session_canceled(session: Session, *, by, reason: str = "") -> None:
    other = session.mentee if by.pk == session.mentor_id else session.mentor
    if not wants(other, "session_canceled"):
        return
    when = _when(session, other)
    _queue(
        session,
        recipient=other,
        occasion="canceled",
        subject=f"Session canceled by {by.display_name}: {when}",
        text=(
            f"Hello {other.display_name},\n\n{by.display_name} canceled the "
            f"{session.session_length}-minute session on {when}. The time is free again.\n"
            + (f"\nTheir reason: {reason}\n" if reason else "")
        ),
        cancel=True,
    )


def queue_reminder(session: Session, reminder: SessionReminder) -> None:
    """Dropped unsent (outbox ``send_before``) if it cannot go out within the grace or before
    the start: "starts in 15 minutes" must not arrive late."""
    recipient = reminder.recipient
    other = session.mentee if recipient.pk == session.mentor_id else session.mentor
    minutes = 60 if reminder.kind == "sixty" else 15
    when = _when(session, recipient)
    _queue(
        session,
        recipient=recipient,
        occasion=f"reminder:{reminder.kind}",
        subject=f"In {minutes} minutes: your session with {other.display_name}",
        text=(
            f"Hello {recipient.display_name},\n\nYour {session.session_length}-minute session with "
            f"{other.display_name} starts in {minutes} minutes: {when}.\n"
        ),
        send_before=min(
            reminder.due_at + timedelta(seconds=settings.MENTORING_REMINDER_GRACE_SECONDS),
            session.start_time,
        ),
    )
