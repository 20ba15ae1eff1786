"""Seed 001's details and confirm with windows read as values (issue 16): the same bytes as
the model-instance path they replaced, under both ONEONONE_P2_CLIENT values, in a fixed number
of queries and without a model instance per window.

The old path is kept here as the reference: ``old_round_windows`` (model instances, as
scheduling.selectors read them before), ``reference_day_pieces`` (the loop
scheduling.timeutils.local_day_pieces ran for every window), and the formatting the views did
before confirm's was made cheaper (``reference_slot_pieces``, ``reference_when``, and
``reference_confirm``, the confirm body as the view built it). The same requests are made with
them patched in and without, on the same generated data, and the bodies compared byte for byte.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact
from contracts.common import iso
from contracts.oneonone_p2.client import howardhe02
from scheduling import selectors, services, timeutils
from scheduling.models import AvailabilityWindow, Invitation
from scheduling.selectors import RoundWindows
from scheduling.suggestions import suggest_for_round

ZONE = "America/Toronto"  # DST starts on 2027-03-14 02:00


def old_round_windows(calendar) -> RoundWindows:
    windows = list(AvailabilityWindow.objects.filter(calendar=calendar).order_by("start", "pk"))
    by_invitation = {}
    for window in windows:
        if window.invitation_id is not None:
            by_invitation.setdefault(window.invitation_id, []).append(window)
    return RoundWindows(
        owner=[w for w in windows if w.invitation_id is None], answers=by_invitation
    )


def reference_day_pieces(start, end, tz):
    pieces = []
    local_start = start.astimezone(tz)
    local_end = end.astimezone(tz)
    day = local_start.date()
    for _ in range((local_end.date() - day).days + 2):  # one pass per local day the span touches
        day_start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
        piece_start = max(local_start, day_start)
        next_midnight = timeutils.end_of_local_day(day, tz).astimezone(tz)
        piece_end = min(local_end, next_midnight)
        if piece_end > piece_start:
            begin = piece_start.hour * 60 + piece_start.minute
            finish = 1440 if piece_end >= next_midnight else piece_end.hour * 60 + piece_end.minute
            if finish > begin:
                pieces.append((day, begin, finish))
        if local_end <= next_midnight:
            return pieces
        day += dt.timedelta(days=1)
    raise AssertionError(f"the day pieces of {start} - {end} in {tz} never reached the end")


def reference_slot_pieces(windows, time_zone, *, preference_key, with_id=True) -> list:
    tz = timeutils.zone(time_zone)
    slots = []
    for window in windows:
        for day, begin, finish in timeutils.window_pieces(window, tz):
            slot = {
                "date": day.isoformat(),
                "start_time": f"{begin // 60:02d}:{begin % 60:02d}:00",
                "end_time": "24:00:00"
                if finish == 1440
                else f"{finish // 60:02d}:{finish % 60:02d}:00",
                preference_key: window.preference,
            }
            if with_id:
                slot = {"id": window.pk, **slot}
            slots.append(slot)
    return slots


def reference_when(moment, time_zone):
    if moment is None:
        return None
    if howardhe02():
        local = moment.astimezone(timeutils.zone(time_zone))
        return local.replace(tzinfo=None).isoformat(timespec="seconds")
    return iso(moment, time_zone)


def reference_confirm(everything) -> dict:
    """GET confirm's body as the view built it before (issue 16)."""
    calendar = everything.calendar
    invitations = everything.invitations
    schedules = suggest_for_round(everything)
    tz = calendar.time_zone

    def person(invitation):
        return {
            "id": invitation.contact_id,
            "first_name": invitation.first_name,
            "last_name": invitation.last_name,
        }

    return {
        "id": calendar.pk,
        "name": calendar.name,
        "description": calendar.description,
        "deadline": reference_when(calendar.deadline, tz),
        "invitees": [person(i) for i in invitations],
        "suggested_schedules": [
            [
                {
                    **person(m.invitation),
                    "start_time": reference_when(m.start, tz),
                    "end_time": reference_when(m.end, tz),
                }
                for m in schedule.meetings
            ]
            for schedule in schedules
        ],
        "invitee_availability": [
            {
                "contact": person(i),
                "status": i.has_answered,
                "availability": reference_slot_pieces(
                    everything.answer_windows(i), tz, preference_key="preference", with_id=False
                ),
            }
            for i in invitations
        ],
    }


def build(owner, *, invitees: int, seed: int, everyone_answers: bool):
    rng = random.Random(seed)
    contacts = Contact.objects.bulk_create(
        Contact(
            owner=owner, first_name=f"Zoë{i}", last_name=f"Lâst{i}", email=f"i{i}.{seed}@uni.edu"
        )
        for i in range(invitees)
    )
    days = [dt.date(2027, 3, 12) + dt.timedelta(days=d) for d in range(4)]
    calendar = services.create_calendar(
        owner=owner,
        name="Round",
        description="Generated",
        deadline=dt.datetime(2027, 3, 10, 17),  # noqa: DTZ001 (wall clock in the zone)
        invitee_contact_ids=[c.pk for c in contacts],
        slots=[
            services.SlotInput(
                dt.datetime.combine(d, dt.time(9)), dt.datetime.combine(d, dt.time(17)), 1 + i % 3
            )
            for i, d in enumerate(days)
        ]
        + [  # across midnight, and across the DST change
            services.SlotInput(
                dt.datetime(2027, 3, 13, 20),  # noqa: DTZ001
                dt.datetime(2027, 3, 14, 4),  # noqa: DTZ001
                2,
            )
        ],
        time_zone=ZONE,
    )
    tz = ZoneInfo(ZONE)
    rows = []
    invitations = list(Invitation.objects.filter(calendar=calendar).order_by("pk"))
    for invitation in invitations:
        for _ in range(rng.randint(1, 4)):
            day = rng.choice(days)
            begin = dt.datetime.combine(day, dt.time(rng.randint(8, 22), rng.choice([0, 15, 45])))
            begin = begin.replace(tzinfo=tz) + dt.timedelta(seconds=rng.choice([0, 0, 7.5]))
            length = dt.timedelta(minutes=rng.choice([30, 60, 90, 240, 600]))
            rows.append(
                AvailabilityWindow(
                    calendar=calendar,
                    invitation=invitation,
                    start=begin,
                    end=begin + length,
                    preference=rng.randint(1, 3),
                )
            )
    AvailabilityWindow.objects.bulk_create(rows)
    answered = invitations if everyone_answers else invitations[::2]
    Invitation.objects.filter(pk__in=[i.pk for i in answered]).update(
        responded_at=dt.datetime(2027, 3, 1, 11, tzinfo=dt.UTC), accepted=True
    )
    return calendar


def bodies(client, calendar, monkeypatch) -> tuple[list[bytes], list[bytes]]:
    urls = [
        f"/schedules/calendars/{calendar.pk}/details/",
        f"/schedules/calendars/{calendar.pk}/confirm/",
    ]
    new = [client.get(url) for url in urls]
    assert [r.status_code for r in new] == [200, 200]
    with monkeypatch.context() as patch:
        patch.setattr("scheduling.selectors.round_windows", old_round_windows)
        patch.setattr("scheduling.timeutils.local_day_pieces", reference_day_pieces)
        patch.setattr("contracts.oneonone_p2.views.calendars.slot_pieces", reference_slot_pieces)
        patch.setattr(
            "contracts.oneonone_p2.views.calendars.instant_writer",
            lambda time_zone: lambda moment: reference_when(moment, time_zone),
        )
        old = [client.get(url) for url in urls]
        # And confirm's body as the view built it, through the same renderer.
        everything = selectors.calendar_with_everything(
            owner=calendar.owner, calendar_id=calendar.pk
        )
        renderer = new[1].accepted_renderer
        old.append(
            renderer.render(
                reference_confirm(everything), new[1].accepted_media_type, new[1].renderer_context
            )
        )
    return [r.content for r in new] + [new[1].content], [
        r if isinstance(r, bytes) else r.content for r in old
    ]


@pytest.mark.parametrize("mode", ["seed", "howardhe02"])
@pytest.mark.parametrize("everyone_answers", [True, False])
def test_details_and_confirm_are_byte_for_byte_the_model_path(
    bearer, user, clock, settings, monkeypatch, mode, everyone_answers
):
    settings.ONEONONE_P2_CLIENT = mode
    calendar = build(user, invitees=12, seed=16, everyone_answers=everyone_answers)
    new, old = bodies(bearer, calendar, monkeypatch)
    assert new == old
    assert b"24:00:00" in new[0]  # the slot across midnight was split
    if everyone_answers:
        assert b'"suggested_schedules":[[' in new[1]


def test_details_and_confirm_cost_the_same_queries_at_two_sizes(bearer, user, clock):
    counts = []
    for size in (3, 30):
        calendar = build(user, invitees=size, seed=size, everyone_answers=True)
        for page in ("details", "confirm"):
            url = f"/schedules/calendars/{calendar.pk}/{page}/"
            bearer.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert bearer.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]


def test_details_and_confirm_build_no_window_instances(bearer, user, clock):
    calendar = build(user, invitees=10, seed=3, everyone_answers=True)
    built = []

    def count(sender, **kwargs):
        if sender is AvailabilityWindow:
            built.append(sender)

    post_init.connect(count)
    try:
        for page in ("details", "confirm"):
            response = bearer.get(f"/schedules/calendars/{calendar.pk}/{page}/")
            assert response.status_code == 200
    finally:
        post_init.disconnect(count)
    assert built == []


@pytest.mark.parametrize(
    "zone", ["America/Toronto", "UTC", "Asia/Kolkata", "America/Santiago", "Australia/Lord_Howe"]
)
def test_local_day_pieces_as_the_loop_splits_them(zone):
    tz = ZoneInfo(zone)
    rng = random.Random(zone)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for _ in range(3000):
        start = base + dt.timedelta(
            minutes=rng.randrange(2 * 365 * 1440), seconds=rng.choice([0, 9])
        )
        end = start + dt.timedelta(minutes=rng.randrange(1, 3000))
        assert timeutils.local_day_pieces(start, end, tz) == reference_day_pieces(start, end, tz)
