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

from scheduling import timeutils

SEED = "seed"
HOWARDHE02 = "howardhe02"


def howardhe02() -> bool:
    return settings.ONEONONE_P2_CLIENT == HOWARDHE02


def when(moment: dt.datetime | None, time_zone: str) -> str | None:
    """An instant as the client expects it: with the calendar's offset, or without (howardhe02)."""
    return instant_writer(time_zone)(moment)


def instant_writer(time_zone: str):
    """``when`` for many instants of one calendar: the zone and the setting read once."""
    tz = timeutils.zone(time_zone)
    if howardhe02():

        def write(moment: dt.datetime | None) -> str | None:
            if moment is None:
                return None
            # The wall-clock part of the local ISO text ("YYYY-MM-DDTHH:MM:SS", 19 characters):
            # what .replace(tzinfo=None) would write, without its cost.
            return moment.astimezone(tz).isoformat(timespec="seconds")[:19]

    else:

        def write(moment: dt.datetime | None) -> str | None:
            return None if moment is None else moment.astimezone(tz).isoformat()

    return write


def round_defaults() -> dict:
    """Meeting length and start grid of a new round when the client gives none."""
    if howardhe02():
        return {"meeting_minutes": 60, "grid_minutes": 60}
    return {"meeting_minutes": 30, "grid_minutes": 15}
