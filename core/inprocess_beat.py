"""The embedded default's stand-in for Celery beat.

With no broker configured, `manage.py runserver` starts one daemon thread that runs every task
of CELERY_BEAT_SCHEDULE each INPROCESS_BEAT_SECONDS, in the web process. The tasks are the same
code the Celery beat runs in production, and all of them are safe to run twice at once.
"""

import logging
import os
import sys
import threading
import time

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
_started = threading.Event()


def run_periodic_tasks_once() -> None:
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        try:
            import_string(entry["task"])()
        except Exception:
            logger.exception("Periodic task %s failed", name)
        finally:
            close_old_connections()


def _loop(interval: float) -> None:
    while True:
        time.sleep(interval)
        run_periodic_tasks_once()


def start_if_wanted() -> None:
    if not settings.INPROCESS_BEAT or _started.is_set():
        return
    if "runserver" not in sys.argv:
        return
    if "--noreload" not in sys.argv and os.environ.get("RUN_MAIN") != "true":
        return  # the autoreloader's watcher process: the serving child starts the thread
    _started.set()
    thread = threading.Thread(
        target=_loop, args=(settings.INPROCESS_BEAT_SECONDS,), name="inprocess-beat", daemon=True
    )
    thread.start()
    logger.info("In-process beat: periodic tasks every %ss", settings.INPROCESS_BEAT_SECONDS)
