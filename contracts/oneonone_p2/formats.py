"""Seed 001's wire formats: slots, its date-time spellings, and the shapes of its responses.

Reading: dates ``YYYY-MM-DD``; times ``HH:MM:SS`` (``HH:MM`` accepted); date-times
``YYYY/MM/DD HH:MM:SS`` as the seed documents, or ISO 8601 (``2024-03-12T13:00:00``, with or
without an offset). A time without an offset is wall-clock time in the calendar's time zone.
Writing: ISO 8601 with the offset of the calendar's time zone; dates and times of slots as the
seed shows them, in the calendar's time zone.
"""

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from scheduling import timeutils
from scheduling.services import SlotInput

SLOT_SHAPE = (
    "Invalid slot data. Must be in the form: 'date', 'start_time', 'end_time', 'preference_level' "
)
DATETIME_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")


def parse_datetime(value) -> dt.datetime:
    """A seed-001 date-time; raises ValueError."""
    if not isinstance(value, str):
        raise ValueError("not a string")
    text = value.strip()
    for fmt in DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt)  # noqa: DTZ007 (wall clock in the calendar's zone)
        except ValueError:
            pass
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return dt.datetime.fromisoformat(text)


def parse_deadline(value) -> dt.datetime:
    """A deadline: a date-time, or a date meaning its midnight; raises ValueError."""
    if isinstance(value, str) and len(value.strip()) == 10:
        day = dt.date.fromisoformat(value.strip())
        return dt.datetime.combine(day, dt.time(0))
    return parse_datetime(value)


def _time(value: str) -> dt.time:
    for fmt in ("%H:%M:%S", "%H:%M"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).time()  # noqa: DTZ007
        except ValueError:
            pass
    raise ValueError(value)


def _preference(item: dict):
    if "preference_level" in item:
        return item["preference_level"]
    return item.get("preference")


class OwnerSlotSchema(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.CharField(help_text="HH:MM:SS")
    end_time = serializers.CharField(help_text="HH:MM:SS")
    preference_level = serializers.IntegerField(min_value=1, max_value=3)


class AnswerSlotSchema(serializers.Serializer):
    start_time = serializers.CharField(help_text="YYYY/MM/DD HH:MM:SS")
    end_time = serializers.CharField(help_text="YYYY/MM/DD HH:MM:SS")
    preference_level = serializers.IntegerField(min_value=1, max_value=3)


@extend_schema_field(OpenApiTypes.DATETIME)
class DeadlineField(serializers.Field):
    default_error_messages = {"invalid": "Datetime has wrong format."}

    def to_internal_value(self, data):
        try:
            return parse_deadline(data)
        except (TypeError, ValueError):
            self.fail("invalid")

    def to_representation(self, value):
        return value.isoformat()


@extend_schema_field(OwnerSlotSchema(many=True))
class OwnerSlotsField(serializers.Field):
    """A list of ``{"date", "start_time", "end_time", "preference_level"}`` (or ``preference``)."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            raise serializers.ValidationError(SLOT_SHAPE)
        slots, errors = [], []
        for item in data:
            if (
                not isinstance(item, dict)
                or not {"date", "start_time", "end_time"} <= set(item)
                or _preference(item) is None
            ):
                errors.append(SLOT_SHAPE)
                continue
            if not isinstance(item["date"], str):
                errors.append("Date must be a string.")
                continue
            if not isinstance(item["start_time"], str) or not isinstance(item["end_time"], str):
                errors.append("Start and end times must be strings.")
                continue
            try:
                day = dt.date.fromisoformat(item["date"].strip())
            except ValueError:
                errors.append("Date must be in a valid date format YYYY-MM-DD.")
                continue
            end_text = item["end_time"].strip()
            try:
                start = _time(item["start_time"])
                end = dt.time(0) if end_text in ("24:00", "24:00:00") else _time(end_text)
            except ValueError:
                errors.append("Start and end times must be in a valid date format HH:MM:SS.")
                continue
            preference = _preference(item)
            if not isinstance(preference, int) or isinstance(preference, bool):
                errors.append("Preference level must be an integer.")
                continue
            end_at = dt.datetime.combine(day, end)
            if end == dt.time(0) and start != dt.time(0):
                end_at += dt.timedelta(days=1)  # 00:00:00 as an end means midnight, the day's end
            slots.append(SlotInput(dt.datetime.combine(day, start), end_at, preference))
        if errors:
            raise serializers.ValidationError(errors)
        return slots


@extend_schema_field(AnswerSlotSchema(many=True))
class AnswerSlotsField(serializers.Field):
    """A list of ``{"start_time", "end_time", "preference_level"}`` date-times."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            raise serializers.ValidationError(
                "Invalid slot data. Must be in the form: 'start_time', 'end_time', "
                "'preference_level'"
            )
        slots, errors = [], []
        for item in data:
            if (
                not isinstance(item, dict)
                or not {"start_time", "end_time"} <= set(item)
                or _preference(item) is None
            ):
                errors.append(
                    "Invalid slot data. Must be in the form: 'start_time', "
                    "'end_time', 'preference_level'"
                )
                continue
            try:
                start, end = parse_datetime(item["start_time"]), parse_datetime(item["end_time"])
            except (TypeError, ValueError):
                errors.append("Start and end times must be in the format YYYY/MM/DD HH:MM:SS.")
                continue
            preference = _preference(item)
            if not isinstance(preference, int) or isinstance(preference, bool):
                errors.append("Preference level must be an integer.")
                continue
            slots.append(SlotInput(start, end, preference))
        if errors:
            raise serializers.ValidationError(errors)
        return slots


# "HH:MM:00" of each minute of a day, and "24:00:00" for its end (1440): slots are written
# from these instead of formatting two times per window.
_CLOCK = (*(f"{m // 60:02d}:{m % 60:02d}:00" for m in range(1440)), "24:00:00")


def slot_pieces(windows, time_zone: str, *, preference_key: str, with_id: bool = True) -> list:
    """Windows as the seed's date/start_time/end_time slots (split at midnight if need be)."""
    tz = timeutils.zone(time_zone)
    pieces = timeutils.window_pieces
    clock = _CLOCK
    dates = {}  # each day's isoformat, written once
    slots = []
    for window in windows:
        for day, begin, finish in pieces(window, tz):
            date = dates.get(day)
            if date is None:
                date = dates[day] = day.isoformat()
            if with_id:
                slots.append(
                    {
                        "id": window.pk,
                        "date": date,
                        "start_time": clock[begin],
                        "end_time": clock[finish],
                        preference_key: window.preference,
                    }
                )
            else:
                slots.append(
                    {
                        "date": date,
                        "start_time": clock[begin],
                        "end_time": clock[finish],
                        preference_key: window.preference,
                    }
                )
    return slots
