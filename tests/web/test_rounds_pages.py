"""Create and edit a round, the round's page and reminders, through the pages."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Contact
from contacts.services import add_contact
from scheduling import selectors, services
from scheduling.models import Calendar
from tests.factories import UserFactory
from tests.scheduling.support import token_from

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def text(response) -> str:
    return response.content.decode()


def field_error(response, field) -> str:
    found = re.search(rf'id="id_{field}_error">(.*?)</ul>', text(response), re.S)
    return found.group(1) if found else ""


def form(**changes):
    """A new round: 2-3 March 2027 (the clock is 1 March 12:00 UTC), 9:00-11:00 in Toronto."""
    data = {
        "name": "Office hours",
        "description": "Bring your questions.",
        "meeting_minutes": "30",
        "gap_minutes": "0",
        "deadline": "2027-03-01T20:00",
        "time_zone": "America/Toronto",
        "first_day": "2027-03-02",
        "last_day": "2027-03-03",
        "day_starts": "9",
        "day_ends": "11",
        "pasted": "",
        # 9:00-10:00 preferred on 2 March, Toronto (EST, -05:00)
        "at:2027-03-02T09:00-05:00": "3",
        "at:2027-03-02T09:30-05:00": "3",
        "at:2027-03-02T10:00-05:00": "",
    }
    data.update(changes)
    return data


# --- New round ---------------------------------------------------------------------------------
def test_new_round_page_needs_a_login(browser):
    assert browser.get("/rounds/new/")["Location"] == "/account/login/?next=/rounds/new/"


def test_new_round_page_shows_a_week_of_cells_in_the_owners_zone(owner_browser, user, clock):
    user.time_zone = "Asia/Kolkata"
    user.save()
    html = text(owner_browser.get("/rounds/new/"))
    names = re.findall(r'name="at:([^"]+)"', html)
    assert len(names) == 7 * 20  # 2-8 March, 8:00-18:00 in half hours
    assert names[0] == "2027-03-02T08:00+05:30"
    assert '<option value="Asia/Kolkata" selected>' in html


def test_create_a_round_with_contacts_and_pasted_people(owner_browser, user, clock, sent_mail):
    ana = add_contact(owner=user, first_name="Ana", last_name="Silva", email="ana@uni.edu")
    response = owner_browser.post(
        "/rounds/new/",
        form(contacts=[str(ana.pk)], pasted="Ben Okafor <ben@uni.edu>\n\nChen Wei, CHEN@uni.edu\n"),
    )
    calendar = Calendar.objects.get(owner=user)
    assert response["Location"] == f"/rounds/{calendar.pk}/"
    assert (calendar.name, calendar.time_zone, calendar.meeting_minutes) == (
        "Office hours",
        "America/Toronto",
        30,
    )
    assert calendar.deadline == dt.datetime(2027, 3, 2, 1, 0, tzinfo=UTC)  # 20:00 EST
    everything = selectors.calendar_with_everything(owner=user, calendar_id=calendar.pk)
    assert [(w.start, w.end, w.preference) for w in everything.owner_windows] == [
        (dt.datetime(2027, 3, 2, 14, tzinfo=UTC), dt.datetime(2027, 3, 2, 15, tzinfo=UTC), 3)
    ]
    assert sorted(i.email for i in everything.invitations) == [
        "CHEN@uni.edu",
        "ana@uni.edu",
        "ben@uni.edu",
    ]
    assert sorted(m.to[0] for m in sent_mail() if "invites you" in m.subject) == [
        "CHEN@uni.edu",
        "ana@uni.edu",
        "ben@uni.edu",
    ]
    assert Contact.objects.filter(owner=user).count() == 3


def test_pasted_person_already_in_contacts_is_not_added_twice(owner_browser, user, clock):
    ana = add_contact(owner=user, first_name="Ana", last_name="Silva", email="ana@uni.edu")
    owner_browser.post(
        "/rounds/new/", form(contacts=[str(ana.pk)], pasted="Ana Silva <ANA@uni.edu>")
    )
    calendar = Calendar.objects.get(owner=user)
    assert calendar.invitations.count() == 1
    assert Contact.objects.filter(owner=user).count() == 1


def test_every_bad_pasted_line_is_reported_and_nothing_is_created(
    owner_browser, user, clock, sent_mail
):
    response = owner_browser.post(
        "/rounds/new/",
        form(
            pasted="Ana Silva <ana@uni.edu>\nben@uni.edu\nChen Wei <chen@>\nDara Khan, dara@uni.edu"
        ),
    )
    assert response.status_code == 400
    errors = field_error(response, "pasted")
    assert "Pasted list, line 2 (“ben@uni.edu”): write it as Name &lt;email&gt;" in errors
    assert "line 3 (“Chen Wei &lt;chen@&gt;”): this is not a valid email address." in errors
    assert "line 1" not in errors and "line 4" not in errors
    assert not Calendar.objects.exists()
    assert not Contact.objects.exists()
    assert sent_mail() == []
    assert "Dara Khan, dara@uni.edu" in text(response)  # what was typed stays


def test_single_name_is_reported(owner_browser, clock):
    response = owner_browser.post("/rounds/new/", form(pasted="Ana <ana@uni.edu>"))
    assert "write the person&#x27;s first and last name before the email." in field_error(
        response, "pasted"
    )


def test_create_from_a_csv_file(owner_browser, user, clock):
    upload = SimpleUploadedFile(
        "class.csv",
        b"name,email,student id\nAna Silva,ana@uni.edu,1\nBen Okafor,ben@uni.edu,2\n",
        content_type="text/csv",
    )
    response = owner_browser.post("/rounds/new/", {**form(), "csv_file": upload})
    assert response.status_code == 302
    calendar = Calendar.objects.get(owner=user)
    assert sorted(i.full_name for i in calendar.invitations.all()) == ["Ana Silva", "Ben Okafor"]


def test_csv_with_first_and_last_name_columns_and_semicolons(owner_browser, user, clock):
    upload = SimpleUploadedFile("class.csv", b"First Name;Last Name;Email\nAna;Silva;ana@uni.edu\n")
    owner_browser.post("/rounds/new/", {**form(), "csv_file": upload})
    calendar = Calendar.objects.get(owner=user)
    assert [i.full_name for i in calendar.invitations.all()] == ["Ana Silva"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Ana Silva,ana@uni.edu\n", "the first line must name the columns"),
        (b"name,email\nAna Silva,ana@\nBen Okafor,ben@uni.edu\n", "line 2"),
        (b"\xff\xfe\x00bad", "the file is not UTF-8 text"),
        (b"", "The submitted file is empty."),
    ],
)
def test_bad_csv_is_reported_and_nothing_is_created(owner_browser, clock, content, message):
    upload = SimpleUploadedFile("class.csv", content)
    response = owner_browser.post("/rounds/new/", {**form(), "csv_file": upload})
    assert response.status_code == 400
    assert message in field_error(response, "csv_file")
    assert not Calendar.objects.exists()
    assert not Contact.objects.exists()


def test_service_refusal_rolls_back_the_pasted_contacts(owner_browser, clock):
    response = owner_browser.post(
        "/rounds/new/", form(deadline="2027-02-01T10:00", pasted="Ana Silva <ana@uni.edu>")
    )
    assert response.status_code == 400
    assert "Deadline cannot be in the past" in field_error(response, "deadline")
    assert not Calendar.objects.exists()
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"meeting_minutes": "0"}, "meeting_minutes", "Meeting length must be 1 to 1440 minutes."),
        ({"gap_minutes": "-5"}, "gap_minutes", "Gap must not be negative."),
        ({"last_day": "2027-03-01"}, "last_day", "The last day is before the first day."),
        ({"last_day": "2027-06-01"}, "last_day", "A round covers at most 42 days."),
        ({"day_ends": "9"}, "day_ends", "The grid must end after it starts."),
        ({"time_zone": "Mars/Base"}, "time_zone", "Select a valid choice."),
        ({"deadline": "tomorrow"}, "deadline", "Enter a valid date/time."),
    ],
)
def test_round_form_errors_are_next_to_their_field(owner_browser, clock, changes, field, message):
    response = owner_browser.post("/rounds/new/", form(**changes))
    assert response.status_code == 400
    assert message in field_error(response, field)
    assert not Calendar.objects.exists()


def test_marks_outside_the_grid_are_refused(owner_browser, clock):
    response = owner_browser.post("/rounds/new/", form(**{"at:2027-03-09T09:00-05:00": "3"}))
    assert response.status_code == 400
    assert "Some marked times are outside the grid" in text(response)
    assert not Calendar.objects.exists()


def test_update_the_grid_keeps_what_was_typed_and_creates_nothing(owner_browser, clock):
    marks_outside = {"at:2027-03-09T09:00-05:00": "3"}  # dropped: no longer on the grid
    response = owner_browser.post(
        "/rounds/new/", form(refresh="1", last_day="2027-03-04", **marks_outside)
    )
    html = text(response)
    assert response.status_code == 200
    assert len(re.findall(r'name="at:', html)) == 3 * 4
    assert re.search(r'data-level="3"><select name="at:2027-03-02T09:00-05:00"', html)
    assert 'value="Office hours"' in html
    assert 'class="form-errors"' not in html
    assert not Calendar.objects.exists()


# --- Edit --------------------------------------------------------------------------------------
@pytest.fixture
def office_hours(owner_browser, user, clock):
    ana = add_contact(owner=user, first_name="Ana", last_name="Silva", email="ana@uni.edu")
    owner_browser.post("/rounds/new/", form(contacts=[str(ana.pk)]))
    return Calendar.objects.get(owner=user)


def test_edit_page_shows_the_rounds_availability(owner_browser, office_hours):
    html = text(owner_browser.get(f"/rounds/{office_hours.pk}/edit/"))
    assert re.search(r'data-level="3"><select name="at:2027-03-02T09:30-05:00"', html)
    assert re.search(r'data-level="0"><select name="at:2027-03-02T10:00-05:00"', html)
    assert 'value="Office hours"' in html
    assert 'value="2027-03-01T20:00"' in html  # the deadline, in the round's zone


def test_edit_changes_name_availability_and_invitees(owner_browser, office_hours, user, sent_mail):
    ana = office_hours.invitations.get()
    response = owner_browser.post(
        f"/rounds/{office_hours.pk}/edit/",
        form(
            name="Office hours (week 1)",
            pasted="Ben Okafor <ben@uni.edu>",
            remove_invitee=[str(ana.contact_id)],
            **{"at:2027-03-02T09:00-05:00": "", "at:2027-03-02T10:30-05:00": "1"},
        ),
    )
    assert response["Location"] == f"/rounds/{office_hours.pk}/"
    everything = selectors.calendar_with_everything(owner=user, calendar_id=office_hours.pk)
    assert everything.calendar.name == "Office hours (week 1)"
    assert [(w.start, w.end, w.preference) for w in everything.owner_windows] == [
        (dt.datetime(2027, 3, 2, 14, 30, tzinfo=UTC), dt.datetime(2027, 3, 2, 15, tzinfo=UTC), 3),
        (dt.datetime(2027, 3, 2, 15, 30, tzinfo=UTC), dt.datetime(2027, 3, 2, 16, tzinfo=UTC), 1),
    ]
    assert [i.email for i in everything.invitations] == ["ben@uni.edu"]
    assert "ben@uni.edu" in [m.to[0] for m in sent_mail()]


def test_edit_without_touching_the_grid_keeps_the_windows(owner_browser, office_hours):
    before = list(office_hours.windows.values_list("pk", flat=True))
    owner_browser.post(f"/rounds/{office_hours.pk}/edit/", form(name="Renamed"))
    assert list(office_hours.windows.values_list("pk", flat=True)) == before


def test_edit_error_is_shown_and_nothing_changes(owner_browser, office_hours):
    response = owner_browser.post(
        f"/rounds/{office_hours.pk}/edit/", form(name="x" * 151, pasted="Ben Okafor <ben@uni.edu>")
    )
    assert response.status_code == 400
    assert "at most 150 characters" in field_error(response, "name")
    office_hours.refresh_from_db()
    assert office_hours.name == "Office hours"
    assert not Contact.objects.filter(email="ben@uni.edu").exists()


def test_edit_of_a_finalized_round_goes_back_to_its_page(
    owner_browser, office_hours, user, sent_mail
):
    (invitation_email,) = [m for m in sent_mail() if m.to == ["ana@uni.edu"]]
    calendar_id, token = token_from(invitation_email)
    start = dt.datetime(2027, 3, 2, 14, tzinfo=UTC)
    end = start + dt.timedelta(minutes=30)
    services.submit_answer(
        calendar_id=calendar_id, token=token, slots=[services.SlotInput(start, end, 3)]
    )
    contact_id = office_hours.invitations.get().contact_id
    services.finalize_calendar(
        owner=user,
        calendar_id=office_hours.pk,
        meetings=[services.MeetingInput(contact_id=contact_id, start=start, end=end)],
    )
    response = owner_browser.get(f"/rounds/{office_hours.pk}/edit/", follow=True)
    assert "This round is finalized: it can no longer be edited." in text(response)
    assert "Tue 2 Mar, 09:00\u201309:30: Ana Silva" in text(response)  # the meetings


def test_another_users_round_is_not_found(browser, office_hours):
    browser.force_login(UserFactory())
    for url in (f"/rounds/{office_hours.pk}/", f"/rounds/{office_hours.pk}/edit/"):
        response = browser.get(url)
        assert response.status_code == 404
        assert "There is no such round among yours." in text(response)
    contact_id = office_hours.invitations.get().contact_id
    assert browser.post(f"/rounds/{office_hours.pk}/remind/{contact_id}/").status_code == 404
    assert browser.post(f"/rounds/{office_hours.pk}/remind/").status_code == 404
    assert browser.post(f"/rounds/{office_hours.pk}/edit/", form(name="Mine")).status_code == 404
    office_hours.refresh_from_db()
    assert office_hours.name == "Office hours"


# --- The round's page and reminders ------------------------------------------------------------
def test_round_page_lists_who_answered(owner_browser, office_hours):
    html = text(owner_browser.get(f"/rounds/{office_hours.pk}/"))
    assert "0 of 1 answered" in html
    assert "Ana Silva" in html
    assert "Not yet" in html


def test_remind_an_invitee_then_too_soon_again(owner_browser, office_hours, sent_mail):
    contact_id = office_hours.invitations.get().contact_id
    response = owner_browser.post(f"/rounds/{office_hours.pk}/remind/{contact_id}/", follow=True)
    assert "Ana Silva is reminded by email." in text(response)
    assert len([m for m in sent_mail() if m.to == ["ana@uni.edu"]]) == 2
    response = owner_browser.post(f"/rounds/{office_hours.pk}/remind/{contact_id}/", follow=True)
    assert "was reminded less than 60 minutes ago" in text(response)
    assert owner_browser.get(f"/rounds/{office_hours.pk}/remind/{contact_id}/").status_code == 405


def test_remind_someone_not_invited_is_not_found(owner_browser, office_hours, user):
    other = add_contact(owner=user, first_name="Zed", last_name="Z", email="zed@uni.edu")
    assert owner_browser.post(f"/rounds/{office_hours.pk}/remind/{other.pk}/").status_code == 404


def test_remind_everyone_who_has_not_answered(owner_browser, make_round, sent_mail):
    calendar, tokens = make_round(names=("ana", "ben", "cy"))
    owner_browser.post(f"/answer/{calendar.pk}/{tokens['ana']}/", {"none": "1"})
    cy = calendar.invitations.get(first_name="Cy")
    owner_browser.post(f"/rounds/{calendar.pk}/remind/{cy.contact_id}/")
    sent_before = len(sent_mail())
    response = owner_browser.post(f"/rounds/{calendar.pk}/remind/", follow=True)
    html = text(response)
    assert "1 invitee reminded." in html
    assert "Cy Student was reminded less than 60 minutes ago" in html
    assert [m.to for m in sent_mail()[sent_before:]] == [["ben@uni.edu"]]


def test_remind_everyone_when_all_answered_says_so(owner_browser, make_round):
    calendar, tokens = make_round(names=("ana",))
    owner_browser.post(f"/answer/{calendar.pk}/{tokens['ana']}/", {"none": "1"})
    html = text(owner_browser.post(f"/rounds/{calendar.pk}/remind/", follow=True))
    assert "Everyone has answered: nobody to remind." in html
    assert "Remind everyone" not in html
