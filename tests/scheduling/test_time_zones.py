"""A calendar's time zone is an IANA name, checked once in the scheduling service."""

import datetime as dt

import pytest

from core.errors import DomainError
from scheduling import services
from scheduling.models import Calendar


def _create(owner, time_zone):
    return services.create_calendar(
        owner=owner,
        name="Interviews",
        deadline=dt.datetime(2027, 3, 5, 17),  # noqa: DTZ001 (wall clock in the calendar's zone)
        slots=[
            services.SlotInput(
                dt.datetime(2027, 3, 8, 9),  # noqa: DTZ001
                dt.datetime(2027, 3, 8, 12),  # noqa: DTZ001
                3,
            )
        ],
        time_zone=time_zone,
    )


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus", "../../etc/passwd", "Europe/", "/etc/UTC", "x" * 300]
)
def test_create_calendar_refuses_a_name_that_is_not_iana(user, clock, zone):
    with pytest.raises(DomainError) as caught:
        _create(user, zone)
    assert caught.value.as_dict() == {
        "time_zone": [f"Unknown time zone {zone!r}: use an IANA name such as Europe/Paris."]
    }
    assert not Calendar.objects.exists()


def test_create_calendar_reports_the_zone_with_the_other_problems(user, clock):
    with pytest.raises(DomainError) as caught:
        services.create_calendar(owner=user, name="", time_zone="Mars/Olympus")
    assert set(caught.value.as_dict()) == {"name", "time_zone"}


def test_create_calendar_keeps_an_iana_zone(user, clock):
    assert _create(user, "America/Toronto").time_zone == "America/Toronto"


def test_admin_calendar_form_refuses_an_unknown_zone(user):
    from scheduling.admin import CalendarForm

    form = CalendarForm(data={"owner": user.pk, "name": "x", "time_zone": "Mars/Olympus"})
    assert not form.is_valid()
    assert form.errors["time_zone"] == [
        "Unknown time zone 'Mars/Olympus': use an IANA name such as Europe/Paris."
    ]
