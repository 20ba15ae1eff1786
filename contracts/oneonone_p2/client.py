"""What setting ``ONEONONE_P2_CLIENT`` changes in seed 001's answers (read at request time).

``seed`` (default): the seed's shapes; date-times in ISO 8601 with the calendar's offset.
``howardhe02``: the shapes the real front-end of howardhe02/OneOnOne reads where they cannot
be the seed's too: date-times without an offset (wall-clock in the calendar's time zone, the
``YYYY-MM-DDTHH:MM:SS`` its week view compares cell by cell), the home page's finalized
calendars (one entry per calendar, with its deadline) instead of its meetings, and rounds of
one-hour meetings on the hour by default (the only meetings its week view can show).
"""

import datetime as dt

from django.conf import settings

from contracts.common import iso
from scheduling import timeutils

SEED = "seed"
HOWARDHE02 = "howardhe02"


def howardhe02() -> bool:
    return settings.ONEONONE_P2_CLIENT == HOWARDHE02


def when(moment: dt.datetime | None, time_zone: str) -> str | None:
    """An instant as the client expects it: with the calendar's offset, or without (howardhe02)."""
    if moment is None:
        return None
    if howardhe02():
        local = moment.astimezone(timeutils.zone(time_zone))
        return local.replace(tzinfo=None).isoformat(timespec="seconds")
    return iso(moment, time_zone)


def round_defaults() -> dict:
    """Meeting length and start grid of a new round when the client gives none."""
    if howardhe02():
        return {"meeting_minutes": 60, "grid_minutes": 60}
    return {"meeting_minutes": 30, "grid_minutes": 15}
