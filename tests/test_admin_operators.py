"""The admin for operators (issue 14 item 8), through HTTP on /admin/.

Times in the round's or the person's zone with the zone named; a round's page with its
invitations and their answers; windows filterable by round; the outbox filterable by status with
its last error; changelists in a fixed number of queries.
"""

import datetime as dt
import itertools
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from helpqueue.models import Ticket
from mentoring.models import MentorAvailability
from notifications.models import OutboxMessage
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from tests.factories import UserFactory

UTC = dt.UTC
# Monday 8 March 2027, 14:00 UTC: 09:00 in Toronto (EST, before the 14 March change).
MON_14_UTC = dt.datetime(2027, 3, 8, 14, 0, tzinfo=UTC)
_seq = itertools.count()


@pytest.fixture
def staff(client, db):
    root = User.objects.create_superuser("root", "root@example.com", "correct-horse-42")
    client.force_login(root)
    return client


def make_calendar(owner, *, name="Round", zone="America/Toronto", **fields):
    return Calendar.objects.create(owner=owner, name=name, time_zone=zone, **fields)


def make_invitation(calendar, *, email=None, **fields):
    n = next(_seq)
    return Invitation.objects.create(
        calendar=calendar,
        first_name=fields.pop("first_name", f"Ada{n}"),
        last_name=fields.pop("last_name", "Lovelace"),
        email=email or f"invitee{n}@example.com",
        token_nonce=uuid.uuid4().hex,
        token_hash=uuid.uuid4().hex,
        **fields,
    )


def make_window(calendar, invitation=None, *, start=MON_14_UTC, minutes=90, preference=2):
    return AvailabilityWindow.objects.create(
        calendar=calendar,
        invitation=invitation,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        preference=preference,
    )


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


# Times, zone named


def test_calendar_list_shows_the_deadline_in_the_rounds_zone_named(staff):
    owner = UserFactory()
    make_calendar(owner, name="Spring", zone="America/Toronto", deadline=MON_14_UTC)
    make_calendar(owner, name="Paris", zone="Europe/Paris", deadline=MON_14_UTC)

    page = get(staff, reverse("admin:scheduling_calendar_changelist"))

    assert "Mon 8 Mar 2027 09:00 (America/Toronto)" in page
    assert "Mon 8 Mar 2027 15:00 (Europe/Paris)" in page


def test_an_unknown_zone_shows_utc_and_says_so(staff):
    make_calendar(UserFactory(), zone="Mars/Olympus", deadline=MON_14_UTC)

    page = get(staff, reverse("admin:scheduling_calendar_changelist"))

    assert "Mon 8 Mar 2027 14:00 (UTC)" in page


def test_window_and_meeting_pages_show_times_in_the_rounds_zone(staff):
    calendar = make_calendar(UserFactory(), zone="Asia/Tokyo")
    invitation = make_invitation(calendar)
    window = make_window(calendar, invitation)
    meeting = Meeting.objects.create(
        calendar=calendar,
        invitation=invitation,
        owner=calendar.owner,
        start=MON_14_UTC,
        end=MON_14_UTC + dt.timedelta(minutes=30),
    )

    windows = get(staff, reverse("admin:scheduling_availabilitywindow_changelist"))
    window_page = get(
        staff, reverse("admin:scheduling_availabilitywindow_change", args=[window.pk])
    )
    meeting_page = get(staff, reverse("admin:scheduling_meeting_change", args=[meeting.pk]))

    assert "Mon 8 Mar 2027 23:00 (Asia/Tokyo)" in windows
    assert f"{invitation.full_name} &lt;{invitation.email}&gt;" in windows  # whose
    assert "Tue 9 Mar 2027 00:30 (Asia/Tokyo)" in windows  # the end, 90 minutes later
    assert "Mon 8 Mar 2027 23:00 (Asia/Tokyo)" in window_page
    assert "Mon 8 Mar 2027 23:30 (Asia/Tokyo)" in meeting_page


def test_user_pages_show_times_in_the_users_zone(staff):
    person = UserFactory(time_zone="Australia/Sydney")
    User.objects.filter(pk=person.pk).update(last_login=MON_14_UTC, date_joined=MON_14_UTC)

    listing = get(staff, reverse("admin:accounts_user_changelist"), q=person.username)
    page = get(staff, reverse("admin:accounts_user_change", args=[person.pk]))

    assert "Tue 9 Mar 2027 01:00 (Australia/Sydney)" in listing  # last login (AEDT, +11)
    assert page.count("Tue 9 Mar 2027 01:00 (Australia/Sydney)") == 2  # last login, joined


def test_mentor_availability_and_ticket_times_in_their_persons_zone(staff):
    mentor = UserFactory(time_zone="Europe/Berlin")
    MentorAvailability.objects.create(
        mentor=mentor, start_time=MON_14_UTC, end_time=MON_14_UTC + dt.timedelta(minutes=30)
    )
    Ticket.objects.create(
        owner=UserFactory(time_zone="America/Chicago"), title="Help", created=MON_14_UTC
    )

    availability = get(staff, reverse("admin:mentoring_mentoravailability_changelist"))
    tickets = get(staff, reverse("admin:helpqueue_ticket_changelist"))

    assert "Mon 8 Mar 2027 15:00 (Europe/Berlin)" in availability
    assert "Mon 8 Mar 2027 08:00 (America/Chicago)" in tickets


def test_datetime_fields_say_which_zone_they_are_edited_in(staff, settings):
    calendar = make_calendar(UserFactory(), deadline=MON_14_UTC)

    page = get(staff, reverse("admin:scheduling_calendar_change", args=[calendar.pk]))

    assert f"in the server's time zone ({settings.TIME_ZONE})" in page


def test_editing_a_window_in_the_admin_still_works(staff):
    calendar = make_calendar(UserFactory())
    window = make_window(calendar)
    url = reverse("admin:scheduling_availabilitywindow_change", args=[window.pk])

    response = staff.post(
        url,
        {
            "calendar": calendar.pk,
            "invitation": "",
            "start_0": "2027-03-08",
            "start_1": "15:00:00",  # the server's zone (UTC here)
            "end_0": "2027-03-08",
            "end_1": "16:00:00",
            "preference": 3,
            "name": "",
        },
    )

    assert response.status_code == 302
    window.refresh_from_db()
    assert (window.start, window.end, window.preference) == (
        MON_14_UTC + dt.timedelta(hours=1),
        MON_14_UTC + dt.timedelta(hours=2),
        3,
    )
    assert "Mon 8 Mar 2027 10:00 (America/Toronto)" in get(staff, url)


# A round's page: invitations with their answers


def test_round_page_shows_each_invitation_with_its_answer_and_meeting(staff):
    calendar = make_calendar(UserFactory(), zone="America/Toronto", deadline=MON_14_UTC)
    account = UserFactory(username="grace")
    answered = make_invitation(
        calendar,
        first_name="Grace",
        last_name="Hopper",
        email="grace@example.com",
        user=account,
        accepted=True,
        responded_at=MON_14_UTC - dt.timedelta(days=2),
    )
    make_window(calendar, answered, start=MON_14_UTC, minutes=90, preference=3)
    make_window(calendar, answered, start=MON_14_UTC + dt.timedelta(days=1), preference=1)
    Meeting.objects.create(
        calendar=calendar,
        invitation=answered,
        owner=calendar.owner,
        start=MON_14_UTC,
        end=MON_14_UTC + dt.timedelta(minutes=30),
    )
    make_invitation(
        calendar,
        first_name="Alan",
        last_name="Turing",
        email="alan@example.com",
        deadline=MON_14_UTC + dt.timedelta(days=3),  # his own deadline
    )
    make_window(calendar, None, start=MON_14_UTC)  # the owner's own: not an answer

    page = get(staff, reverse("admin:scheduling_calendar_change", args=[calendar.pk]))

    assert "Grace Hopper" in page
    assert "grace@example.com" in page
    assert "Sat 6 Mar 2027 09:00 (America/Toronto)" in page  # responded at
    assert (
        "Mon 8 Mar 2027 09:00 (America/Toronto) to 10:30, preference 3<br>"
        "Tue 9 Mar 2027 09:00 (America/Toronto) to 10:30, preference 1"
    ) in page
    assert "Final: Mon 8 Mar 2027 09:00 (America/Toronto)" in page
    assert "Alan Turing" in page
    assert "No answer yet" in page
    assert "Thu 11 Mar 2027 09:00 (America/Toronto)" in page
    assert f"?calendar={calendar.pk}" in page  # the link to the round's windows


def test_round_page_queries_do_not_grow_with_invitations(staff):
    def build(count):
        calendar = make_calendar(UserFactory())
        for _ in range(count):
            invitation = make_invitation(calendar, user=UserFactory(), responded_at=MON_14_UTC)
            make_window(calendar, invitation)
            make_window(calendar, invitation, start=MON_14_UTC + dt.timedelta(days=1))
        return reverse("admin:scheduling_calendar_change", args=[calendar.pk])

    one, three = build(1), build(3)
    staff.get(one)  # warm the session and content types

    assert count_queries(staff, one) == count_queries(staff, three)


# Windows by round


def test_windows_filter_by_round(staff):
    owner = UserFactory()
    spring = make_calendar(owner, name="Spring round")
    autumn = make_calendar(owner, name="Autumn round", zone="UTC")
    make_window(spring, preference=1)
    make_window(autumn, start=MON_14_UTC + dt.timedelta(hours=5))
    url = reverse("admin:scheduling_availabilitywindow_changelist")

    only_autumn = staff.get(url, {"calendar": autumn.pk})
    unknown = staff.get(url, {"calendar": "nope"})
    searched = staff.get(url, {"q": str(spring.pk)})

    assert [w.calendar_id for w in only_autumn.context["cl"].result_list] == [autumn.pk]
    assert "Mon 8 Mar 2027 19:00 (UTC)" in only_autumn.content.decode()
    assert list(unknown.context["cl"].result_list) == []
    assert [w.calendar_id for w in searched.context["cl"].result_list] == [spring.pk]
    page = get(staff, url)
    assert f"Spring round (#{spring.pk})" in page  # offered in the filter
    assert "The round&#x27;s owner" in page  # windows without an invitation


def test_windows_filter_offers_a_bounded_list_of_rounds_and_keeps_the_selected_one(staff):
    from scheduling.admin import CALENDAR_FILTER_CHOICES

    owner = UserFactory()
    oldest = make_calendar(owner, name="Oldest round")
    make_window(oldest)
    for n in range(CALENDAR_FILTER_CHOICES):
        make_calendar(owner, name=f"Round {n}")
    url = reverse("admin:scheduling_availabilitywindow_changelist")

    unfiltered = get(staff, url)
    selected = staff.get(url, {"calendar": oldest.pk})

    assert "Oldest round (#" not in unfiltered
    assert f"Oldest round (#{oldest.pk})" in selected.content.decode()
    assert len(selected.context["cl"].result_list) == 1


# The outbox


def make_message(status, *, error="", recipient="nobody@example.com", **fields):
    n = next(_seq)
    return OutboxMessage.objects.create(
        key=f"test:{n}",
        kind="invitation",
        recipient=recipient,
        subject=f"Message {n}",
        body_text="Hello",
        status=status,
        last_error=error,
        **fields,
    )


def test_outbox_filters_by_status_and_shows_the_last_error(staff):
    long_error = "SMTPRecipientsRefused: 550 mailbox unavailable " + "x" * 200 + " THE-TAIL"
    failed = make_message(OutboxMessage.Status.FAILED, error=long_error)
    make_message(OutboxMessage.Status.SENT)
    url = reverse("admin:notifications_outboxmessage_changelist")

    response = staff.get(url, {"status__exact": "failed"})
    page = response.content.decode()
    detail = get(staff, reverse("admin:notifications_outboxmessage_change", args=[failed.pk]))

    assert [m.pk for m in response.context["cl"].result_list] == [failed.pk]
    assert "SMTPRecipientsRefused: 550 mailbox unavailable" in page
    assert "THE-TAIL" not in page  # truncated in the list
    assert long_error in detail  # whole on the message's page


def test_outbox_times_in_the_recipients_zone_or_utc(staff):
    UserFactory(email="kim@example.com", time_zone="Asia/Seoul")
    make_message(OutboxMessage.Status.PENDING, recipient="kim@example.com", send_after=MON_14_UTC)
    stranger = make_message(OutboxMessage.Status.PENDING, send_after=MON_14_UTC)

    page = get(staff, reverse("admin:notifications_outboxmessage_change", args=[stranger.pk]))
    kim = OutboxMessage.objects.get(recipient="kim@example.com")
    kim_page = get(staff, reverse("admin:notifications_outboxmessage_change", args=[kim.pk]))

    assert "Mon 8 Mar 2027 14:00 (UTC)" in page
    assert "Mon 8 Mar 2027 23:00 (Asia/Seoul)" in kim_page


def test_outbox_retry_action_still_queues_failed_messages_again(staff):
    failed = make_message(OutboxMessage.Status.FAILED, error="timed out", attempts=5)
    sent = make_message(OutboxMessage.Status.SENT)

    response = staff.post(
        reverse("admin:notifications_outboxmessage_changelist"),
        {"action": "retry", "_selected_action": [failed.pk, sent.pk]},
    )

    assert response.status_code == 302
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (OutboxMessage.Status.PENDING, 0)
    assert sent.status == OutboxMessage.Status.SENT


# Fixed query counts


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _window_row():
    calendar = make_calendar(UserFactory())
    make_window(calendar, make_invitation(calendar))


def _invitation_row():
    make_invitation(make_calendar(UserFactory()))


def _meeting_row():
    calendar = make_calendar(UserFactory())
    invitation = make_invitation(calendar)
    Meeting.objects.create(
        calendar=calendar,
        invitation=invitation,
        owner=calendar.owner,
        start=MON_14_UTC,
        end=MON_14_UTC + dt.timedelta(minutes=30),
    )


def _outbox_row():
    person = UserFactory()
    make_message(OutboxMessage.Status.FAILED, recipient=person.email, error="boom")


def _availability_row():
    mentor = UserFactory()
    MentorAvailability.objects.create(
        mentor=mentor, start_time=MON_14_UTC, end_time=MON_14_UTC + dt.timedelta(minutes=30)
    )


ROWS = {
    "scheduling_calendar": lambda: make_calendar(UserFactory()),
    "scheduling_invitation": _invitation_row,
    "scheduling_availabilitywindow": _window_row,
    "scheduling_meeting": _meeting_row,
    "notifications_outboxmessage": _outbox_row,
    "mentoring_mentoravailability": _availability_row,
    "helpqueue_ticket": lambda: Ticket.objects.create(owner=UserFactory(), title="Help"),
    "accounts_user": lambda: UserFactory(),
}


@pytest.mark.parametrize("name", list(ROWS))
def test_changelist_queries_do_not_grow_with_rows(staff, name):
    url = reverse(f"admin:{name}_changelist")
    ROWS[name]()
    staff.get(url)  # warm the session and content types
    one = count_queries(staff, url)
    ROWS[name]()
    ROWS[name]()

    assert count_queries(staff, url) == one
