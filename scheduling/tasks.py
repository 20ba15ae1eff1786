"""Thin Celery tasks over scheduling.services; safe to run twice."""

from celery import shared_task

from scheduling import services


@shared_task
def send_due_nudges() -> int:
    return services.send_due_nudges()
