"""Seed 003's wire formats for calendars: ISO 8601 date-times, read in the calendar's zone.

Reading: ``2027-03-08T09:00:00`` (no offset: wall-clock time in the calendar's time zone),
``2027-03-08T09:00:00+01:00`` or ``...Z`` (that instant); a date alone means its midnight.
Writing: ISO 8601 with the offset of the calendar's time zone.
"""

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.DATETIME)
class WallClockDateTimeField(serializers.Field):
    """An ISO 8601 date-time, kept naive when it has no offset (the service reads it in the
    calendar's time zone)."""

    default_error_messages = {
        "invalid": "Datetime has wrong format. Use ISO 8601, e.g. 2027-03-08T09:00:00.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        text = data.strip()
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value):
        return value.isoformat()
