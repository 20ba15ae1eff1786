"""Queueing and delivering outgoing email through the outbox."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
) -> OutboxMessage:
    """Record a message (once per key) and deliver it after the current transaction commits.

    Call it inside the service's transaction: if the change rolls back, so does the message.
    A message with ``send_after`` in the future waits for the periodic delivery task.
    """
    defaults = {
        "kind": kind,
        "recipient": to,
        "subject": subject[:255],
        "body_text": text,
        "body_html": html,
        "attachments": attachments or [],
        "send_after": send_after,
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


def deliver(message_id: int) -> bool:
    """Send one message if it is still pending and due. Returns True if this call sent it.

    The row is claimed with a conditional UPDATE (pending -> sending), atomic on every database,
    so of two concurrent deliveries exactly one sends.
    """
    now = clock.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.PENDING)
        .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
        .update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _send(message)
    except Exception as exc:  # any transport error: keep the message and its reason, retry later
        failed = message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message_id).update(
            status=OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        logger.warning(
            "Sending %s to %s failed (attempt %s): %s",
            message.kind,
            message.recipient,
            message.attempts,
            exc,
        )
        raise
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxMessage.Status.SENT, sent_at=clock.now(), last_error=""
    )
    logger.info("Sent %s email to %s: %s", message.kind, message.recipient, message.subject)
    return True


def _send(message: OutboxMessage) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for item in message.attachments:
        email.attach(item["filename"], item["content"], item.get("mimetype", "text/plain"))
    email.send(fail_silently=False)


def due_message_ids(limit: int = 500) -> list[int]:
    """Pending messages that are due, and messages stuck in 'sending' by a worker that died."""
    now = clock.now()
    stale = now - timedelta(seconds=settings.OUTBOX_STALE_SENDING_SECONDS)
    OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING, claimed_at__lt=stale).update(
        status=OutboxMessage.Status.PENDING
    )
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
        .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
