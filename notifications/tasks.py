"""Thin Celery tasks over notifications.services; safe to run twice."""

import logging

from celery import shared_task

from notifications import services

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def deliver_message(self, message_id: int) -> bool:
    try:
        return services.deliver(message_id)
    except Exception as exc:
        if self.request.is_eager or self.request.called_directly:
            return False  # in-process: the failure is on the row; the periodic task retries it
        raise self.retry(exc=exc) from exc


@shared_task
def deliver_pending_messages() -> int:
    sent = 0
    for message_id in services.due_message_ids():
        try:
            sent += services.deliver(message_id)
        except Exception:  # recorded on the row; go on with the others
            logger.exception("Delivery of outbox message %s failed", message_id)
    return sent
