"""The Celery app. Without CELERY_BROKER_URL every task runs eagerly in-process."""

import logging.config
import os

from celery import Celery
from celery.signals import celeryd_init, setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("oneonone")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

_worker_log_receivers = []  # held here: Celery keeps only weak references to receivers


@celeryd_init.connect
def _bind_task_log_context(**kwargs):
    """`celery worker`: each task's lines carry its task_id and the request_id it was queued
    with (a header added by django-structlog when DJANGO_STRUCTLOG_CELERY_ENABLED).

    What django-structlog's DjangoStructLogInitStep does, on the signal only the `celery worker`
    command sends: a worker started inside a process that also runs tasks eagerly (the tests)
    would otherwise make those tasks drop the log context of the request that ran them.
    """
    from django_structlog.celery.receivers import CeleryReceiver

    receiver = CeleryReceiver()
    receiver.connect_worker_signals()
    _worker_log_receivers.append(receiver)


@setup_logging.connect
def _django_logging(**kwargs):
    """Workers and beat log like the web: settings.LOGGING (LOG_FORMAT, LOG_LEVEL), not -l."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
