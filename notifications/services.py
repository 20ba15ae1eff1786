"""Queueing and delivering outgoing email through the outbox.

Delivery guarantees (docs/architecture.md, "Waiting work: tasks and the outbox"):

- One retry mechanism. ``deliver`` makes one attempt; a failure sets ``next_attempt_at`` with
  exponential backoff and jitter (``retry_delay``) and only the periodic sweep
  (``due_message_ids`` + ``deliver``) tries again, when the row is due. Celery never retries on
  its own schedule.
- A transient failure (connection refused, timeouts, any 4xx reply, authentication) is retried
  until ``give_up_at`` (OUTBOX_GIVE_UP_AFTER_SECONDS after the message was due), then the row
  is failed. A permanent refusal of the message itself (5xx to every recipient or to its data)
  fails at once: sending it again cannot succeed.
- A message with ``send_before`` (reminders, nudges) that has not gone out by then expires:
  it is dropped, never sent late.
- At most once per claim: the row is claimed with a conditional UPDATE, and marked sent right
  after the server accepted the message (its 250 to DATA), before the SMTP connection is closed.
  The one remaining window: a worker killed between that 250 and the UPDATE leaves the row in
  ``sending``; after OUTBOX_STALE_SENDING_SECONDS it is sent again (one duplicate per killed
  delivery). Every send of a row carries the same Message-ID, so a receiver can discard it.
"""

import hashlib
import logging
import random
import smtplib
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from core import clock
from notifications.models import OutboxMessage

logger = logging.getLogger(__name__)


def queue_email(
    *,
    key: str,
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    attachments: list[dict] | None = None,
    send_after: datetime | None = None,
    send_before: datetime | None = None,
) -> OutboxMessage:
    """Record a message (once per key) and deliver it after the current transaction commits.

    Call it inside the service's transaction: if the change rolls back, so does the message.
    A message with ``send_after`` in the future waits for the periodic delivery task. One with
    ``send_before`` is dropped (expired) if it cannot be delivered by then.
    """
    defaults = {
        "kind": kind,
        "recipient": to,
        "subject": subject[:255],
        "body_text": text,
        "body_html": html,
        "attachments": attachments or [],
        "send_after": send_after,
        "send_before": send_before,
        "next_attempt_at": send_after,  # null: due at once, whatever a worker's clock says
        "give_up_at": give_up_time(send_after or clock.now()),
    }
    try:
        with transaction.atomic():
            message, created = OutboxMessage.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:  # the same key queued concurrently
        message, created = OutboxMessage.objects.get(key=key), False
    if created and (send_after is None or send_after <= clock.now()):
        from notifications.tasks import deliver_message

        transaction.on_commit(lambda: deliver_message.delay(message.pk))
    return message


def cancel_pending(*, key_prefix: str) -> int:
    """Skip messages not sent yet whose key starts with the prefix (e.g. a canceled booking)."""
    return OutboxMessage.objects.filter(
        key__startswith=key_prefix, status=OutboxMessage.Status.PENDING
    ).update(status=OutboxMessage.Status.SKIPPED)


def give_up_time(due: datetime) -> datetime:
    """When a message due at ``due`` that still fails is given up (marked failed)."""
    return due + timedelta(seconds=settings.OUTBOX_GIVE_UP_AFTER_SECONDS)


def retry(queryset) -> int:
    """Give failed (or skipped, expired) messages a new attempt now and a new give-up window.

    Sent messages and messages being sent right now are left alone (no second copy); a
    reminder past its ``send_before`` expires again instead of going out late.
    """
    now = clock.now()
    return queryset.exclude(
        status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.SENDING]
    ).update(
        status=OutboxMessage.Status.PENDING,
        attempts=0,
        next_attempt_at=now,
        give_up_at=give_up_time(now),
    )


def retry_delay(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt: exponential, with jitter.

    The ceiling doubles from OUTBOX_RETRY_BASE_SECONDS (30 s: the first retry is due within
    half a minute, so with the 30 s sweep it happens within a minute) up to
    OUTBOX_RETRY_MAX_SECONDS (an hour); the delay is drawn between half the ceiling and the
    ceiling, so messages that failed together do not all come back at the same instant.
    """
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    ceiling = min(settings.OUTBOX_RETRY_MAX_SECONDS, base * 2 ** min(max(attempts - 1, 0), 32))
    return random.uniform(ceiling / 2, ceiling)  # jitter, not a secret


def _due(now: datetime) -> Q:
    return (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)) & (
        Q(send_after__isnull=True) | Q(send_after__lte=now)
    )


def _expire(now: datetime, **filters) -> int:
    """Drop pending messages whose ``send_before`` has passed: they are never sent late."""
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, send_before__lt=now, **filters
    ).update(status=OutboxMessage.Status.EXPIRED, last_error="Not sent before its send_before.")


def deliver(message_id: int) -> bool:
    """Make one attempt to send a message if it is pending and due. True if this call sent it.

    The row is claimed with a conditional UPDATE (pending -> sending), atomic on every database,
    so of two concurrent deliveries exactly one sends. A failure is recorded on the row (not
    raised) and the next attempt scheduled; see the module docstring.
    """
    now = clock.now()
    if _expire(now, pk=message_id):
        logger.info("Outbox message %s expired before it could be sent", message_id)
        return False
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.PENDING)
        .filter(_due(now))
        .update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    connection = None
    try:
        connection = get_connection(fail_silently=False)
        # Opened here, so that sending leaves it open: the row is marked sent right after the
        # server's 250, before the QUIT round trip.
        connection.open()
        _email(message, connection).send(fail_silently=False)
    except Exception as exc:  # any transport error: keep the message and its reason
        _close_quietly(connection)
        _record_failure(message, exc)
        return False
    try:
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.SENDING).update(
            status=OutboxMessage.Status.SENT,
            sent_at=clock.now(),
            last_error="",
            next_attempt_at=None,
        )
    finally:  # if the database is gone, the row stays 'sending': the documented window
        _close_quietly(connection)
    logger.info("Sent %s email to %s: %s", message.kind, message.recipient, message.subject)
    return True


def is_permanent(exc: Exception) -> bool:
    """A refusal of this message that no retry can change: 5xx to every recipient or to DATA.

    Everything else (connection errors, timeouts, 4xx, a refused login or sender, which are
    this server's configuration and apply to every message) is transient.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPDataError):
        return 500 <= exc.smtp_code < 600
    return False


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    now = clock.now()
    # Rows queued before give_up_at existed count their window from when they were due.
    give_up_at = message.give_up_at or give_up_time(message.send_after or message.created_at)
    # The last attempt falls on the give-up time or the send-before time, whichever is first.
    limits = [give_up_at] + ([message.send_before] if message.send_before else [])
    next_attempt = min(now + timedelta(seconds=retry_delay(message.attempts)), *limits)
    if is_permanent(exc):
        status, outcome = OutboxMessage.Status.FAILED, "refused for good: failed"
    elif message.send_before and now >= message.send_before:
        status, outcome = OutboxMessage.Status.EXPIRED, "too late now: expired"
    elif now >= give_up_at:
        status, outcome = OutboxMessage.Status.FAILED, "giving up: failed"
    else:
        status, outcome = OutboxMessage.Status.PENDING, f"next attempt at {next_attempt}"
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(
        status=status,
        next_attempt_at=next_attempt if status == OutboxMessage.Status.PENDING else None,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    logger.warning(
        "Sending %s to %s failed (attempt %s, %s): %s",
        message.kind,
        message.recipient,
        message.attempts,
        outcome,
        exc,
    )


def _close_quietly(connection) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except Exception as exc:  # the message is already accepted (or already failed)
        logger.warning("Closing the mail connection failed: %s", exc)


def message_id_header(message: OutboxMessage) -> str:
    """The same Message-ID on every send of a row, so a receiver can drop a duplicate."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "oneonone.local"
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:24]
    return f"<outbox.{message.pk}.{digest}@{domain}>"


def _email(message: OutboxMessage, connection) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        connection=connection,
        headers={"Message-ID": message_id_header(message)},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], item["content"], item.get("mimetype", "text/plain"))
    return email


def due_message_ids(limit: int = 500) -> list[int]:
    """Pending messages that are due, and messages stuck in 'sending' by a worker that died.

    Messages past their ``send_before`` are expired here first; a message waiting for its next
    attempt (``next_attempt_at`` in the future) is not picked.
    """
    now = clock.now()
    stale = now - timedelta(seconds=settings.OUTBOX_STALE_SENDING_SECONDS)
    OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING, claimed_at__lt=stale).update(
        status=OutboxMessage.Status.PENDING, next_attempt_at=now
    )
    _expire(now)
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .filter(_due(now))
        .order_by(F("next_attempt_at").asc(nulls_first=True), "pk")
        .values_list("pk", flat=True)[:limit]
    )
