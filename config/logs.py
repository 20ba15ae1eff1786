"""The logging set-up: structlog renders every log line, Django's, Celery's and ours alike.

``LOG_FORMAT=text`` (the default) writes readable lines (structlog's ConsoleRenderer, no
colours); ``LOG_FORMAT=json`` one JSON object per line. Every line carries the context bound
for the request or task in progress (``request_id``, ``user_id``; ``task_id`` in a worker):
django-structlog binds it (core/request_logs.py), ``merge_contextvars`` adds it to each line.
"""

import re

import structlog
from django.core.exceptions import ImproperlyConfigured

LOG_FORMATS = ("text", "json")

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def _escape_control_characters(_logger, _method, event_dict):
    """Text lines: a message cannot start a line of its own (``\\n`` is written ``\\x0a``).

    Values other than the message are written with ``repr`` by ConsoleRenderer when they hold
    a newline; JSON escapes everything by itself.
    """
    event = event_dict.get("event")
    if isinstance(event, str):
        event_dict["event"] = _CONTROL_CHARACTERS.sub(lambda m: f"\\x{ord(m[0]):02x}", event)
    return event_dict


# Added to every line, structlog's own events and the standard library's records alike.
_SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def logging_config(log_format: str = "text", level: str = "INFO") -> dict:
    """The LOGGING dict (logging.config.dictConfig) for one format and root level."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}.")
    strip_meta = structlog.stdlib.ProcessorFormatter.remove_processors_meta
    if log_format == "json":
        renderer = [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
    else:
        renderer = [
            _escape_control_characters,
            structlog.dev.ConsoleRenderer(
                colors=False, exception_formatter=structlog.dev.plain_traceback
            ),
        ]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [strip_meta, *renderer],
                "foreign_pre_chain": _SHARED_PROCESSORS,
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structlog"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers go: its records go through the root handler, in this format.
            "django": {"level": "INFO", "propagate": True},
            "django.db.backends": {"level": "WARNING"},
            # One line per request is django-structlog's request_finished (or request_failed,
            # with the traceback); Django's "Not Found: ..." and runserver's own request lines
            # would repeat it.
            "django.request": {"level": "CRITICAL"},
            "django.server": {"level": "ERROR", "propagate": True},
        },
    }


def configure_structlog() -> None:
    """structlog's loggers (django-structlog's) hand their events to the standard library."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_SHARED_PROCESSORS,
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
