"""The Celery app. Without CELERY_BROKER_URL every task runs eagerly in-process."""

import logging.config
import os

from celery import Celery
from celery.signals import setup_logging
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("oneonone")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# A worker binds the log context a task was queued with (its request_id: a header added
# by django-structlog when DJANGO_STRUCTLOG_CELERY_ENABLED) and its task_id to its log lines.
app.steps["worker"].add(DjangoStructLogInitStep)


@setup_logging.connect
def _django_logging(**kwargs):
    """Workers and beat log like the web: settings.LOGGING (LOG_FORMAT, LOG_LEVEL), not -l."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
