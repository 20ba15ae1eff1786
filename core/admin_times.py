"""Times in the admin shown where they happen: in the round's or the user's zone, zone named.

The database holds UTC; Django's admin shows and edits datetimes in the server's ``TIME_ZONE``.
An operator answering "when is this meeting for them?" needs the round's (``Calendar.time_zone``)
or the person's (``User.time_zone``) zone instead, so each admin lists its datetimes through
:class:`ZonedTimesMixin`: every field named in ``zoned_fields`` gets a read-only ``<field>_zoned``
column, e.g. ``Mon 8 Mar 2027 09:00 (America/Toronto)`` under "Deadline (local time)",
usable in ``list_display`` and ``readonly_fields`` (sortable by the stored field). Editable
datetime fields keep Django's widgets, in the server's zone, and their help text says so.
"""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib import admin
from django.db import models


def format_in_zone(value, zone_name: str | None) -> str:
    """``value`` (an aware datetime) as ``Mon 8 Mar 2027 09:00 (America/Toronto)``.

    An unknown or empty zone falls back to UTC, and says so.
    """
    if value is None:
        return "-"
    try:
        zone = ZoneInfo(zone_name) if zone_name else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    if zone is None:
        zone, zone_name = ZoneInfo("UTC"), "UTC"
    local = value.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M} ({zone_name})"


def _zoned_display(field: str):
    label = field.replace("_", " ").capitalize() + " (local time)"

    @admin.display(description=label, ordering=field)
    def display(self, obj):
        return format_in_zone(getattr(obj, field), self.zone_of(obj))

    display.__name__ = f"{field}_zoned"
    return display


class ZonedTimesMixin:
    """Adds ``<field>_zoned`` displays for ``zoned_fields`` in the zone ``zone_of(obj)`` gives.

    ``zone_path`` is a dotted attribute path from the object to its zone name (e.g.
    ``"calendar.time_zone"``); override ``zone_of`` for anything else. Use
    ``list_select_related`` for what the path crosses, so the changelist's queries stay fixed.
    """

    zoned_fields: tuple[str, ...] = ()
    zone_path: str = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for field in cls.zoned_fields:
            name = f"{field}_zoned"
            if name not in cls.__dict__:
                setattr(cls, name, _zoned_display(field))

    def zone_of(self, obj) -> str | None:
        value = obj
        for part in self.zone_path.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(db_field, models.DateTimeField):
            note = (
                f"Entered and shown here in the server's time zone ({settings.TIME_ZONE}); "
                "the same time in the local zone is shown read-only with the zone named."
            )
            formfield.help_text = f"{formfield.help_text} {note}".strip()
        return formfield
