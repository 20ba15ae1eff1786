"""Thin Celery tasks over notifications.services; safe to run twice.

One retry mechanism: ``deliver_message`` makes one attempt (a failure is recorded on the row with
its next attempt time) and the periodic ``deliver_pending_messages`` makes every later one.
"""

import logging

from celery import shared_task

from notifications import services

logger = logging.getLogger(__name__)


@shared_task
def deliver_message(message_id: int) -> bool:
    return services.deliver(message_id)


@shared_task
def deliver_pending_messages() -> int:
    sent = 0
    for message_id in services.due_message_ids():
        try:
            sent += services.deliver(message_id)
        except Exception:  # e.g. the database went away; the row is retried on a later sweep
            logger.exception("Delivery of outbox message %s failed", message_id)
    return sent
