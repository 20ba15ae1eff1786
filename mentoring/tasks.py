"""Thin Celery tasks over mentoring.services; safe to run twice at once."""

from celery import shared_task

from mentoring import services


@shared_task
def send_due_reminders() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE, every 30 s): the 60- and 15-minute session reminders."""
    return services.send_due_reminders()
