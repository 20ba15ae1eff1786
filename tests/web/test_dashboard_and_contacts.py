"""The owner's dashboard and the contacts pages."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Contact
from contacts.services import add_contact
from scheduling import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def text(response) -> str:
    return response.content.decode()


# --- Dashboard ---------------------------------------------------------------------------------
def test_dashboard_lists_rounds_with_answers_deadline_and_state(owner_browser, make_round, user):
    calendar, tokens = make_round(names=("ana", "ben", "cy"))
    owner_browser.post(f"/answer/{calendar.pk}/{tokens['ana']}/", {"none": "1"})
    html = text(owner_browser.get("/"))
    assert "<strong>Thesis check-ins</strong>" in html
    assert "1 of 3 answered" in html
    assert "Fri 5 Mar 2027, 17:00" in html
    assert '<span class="badge">Open</span>' in html


def test_dashboard_shows_finalized_rounds_and_upcoming_meetings(owner_browser, make_round, user):
    calendar, tokens = make_round(meeting_minutes=30)
    owner_browser.post(
        f"/answer/{calendar.pk}/{tokens['ana']}/",
        {"at:2027-03-08T09:00+00:00": "3", "at:2027-03-08T09:15+00:00": "3"},
    )
    ana = calendar.invitations.get(first_name="Ana")
    services.finalize_calendar(
        owner=user,
        calendar_id=calendar.pk,
        meetings=[
            services.MeetingInput(
                contact_id=ana.contact_id,
                start=dt.datetime(2027, 3, 8, 9, tzinfo=UTC),
                end=dt.datetime(2027, 3, 8, 9, 30, tzinfo=UTC),
            )
        ],
    )
    html = text(owner_browser.get("/"))
    assert '<span class="badge final">Finalized</span>' in html
    assert "Mon 8 Mar, 09:00\u201309:30: Ana Student (Thesis check-ins)" in html


def test_dashboard_shows_times_in_the_owners_zone(owner_browser, make_round, user):
    make_round()
    user.time_zone = "Asia/Kolkata"
    user.save()
    assert "Fri 5 Mar 2027, 22:30" in text(owner_browser.get("/"))


def test_dashboard_shows_a_passed_deadline(owner_browser, make_round, clock):
    make_round()
    clock.advance(days=6)
    assert '<span class="badge late">Deadline passed</span>' in text(owner_browser.get("/"))


def test_dashboard_shows_only_the_users_own_rounds(browser, make_round):
    make_round()
    stranger = UserFactory()
    browser.force_login(stranger)
    html = text(browser.get("/"))
    assert "Thesis check-ins" not in html
    assert "You have no rounds yet." in html


def test_dashboard_query_count_does_not_grow_with_rounds(
    owner_browser, make_round, django_assert_max_num_queries
):
    make_round(names=("ana",))
    with django_assert_max_num_queries(12) as one:
        owner_browser.get("/")
    for index in range(3):
        make_round(names=(f"x{index}", f"y{index}"), name=f"Round {index}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        owner_browser.get("/")


# --- Contacts ----------------------------------------------------------------------------------
def test_contacts_page_lists_the_owners_contacts_only(owner_browser, user, other_user):
    add_contact(owner=user, first_name="Ana", last_name="Student", email="ana@uni.edu")
    add_contact(owner=other_user, first_name="Zed", last_name="Other", email="zed@uni.edu")
    html = text(owner_browser.get("/people/"))
    assert "ana@uni.edu" in html
    assert "zed@uni.edu" not in html


def test_contacts_page_needs_a_login(browser):
    assert browser.get("/people/")["Location"] == "/account/login/?next=/people/"


def test_add_a_contact(owner_browser, user):
    response = owner_browser.post(
        "/people/", {"first_name": "Ana", "last_name": "Student", "email": "ana@uni.edu"}
    )
    assert response["Location"] == "/people/"
    assert list(Contact.objects.filter(owner=user).values_list("email", flat=True)) == [
        "ana@uni.edu"
    ]
    assert "Ana is in your contacts." in text(owner_browser.get("/people/"))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"first_name": "", "email": "a@uni.edu"}, "first_name", "This field is required."),
        ({"first_name": "Ana", "email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"first_name": "Ana", "email": "ANA@uni.edu"}, "email", "already exists"),
    ],
)
def test_add_contact_errors_are_next_to_their_field(owner_browser, user, data, field, message):
    add_contact(owner=user, first_name="Ana", last_name="Student", email="ana@uni.edu")
    response = owner_browser.post("/people/", data)
    assert response.status_code == 400
    error = re.search(rf'id="id_{field}_error">(.*?)</ul>', text(response), re.S)
    assert error and message in error.group(1)
    assert Contact.objects.filter(owner=user).count() == 1


def test_edit_a_contact(owner_browser, user):
    contact = add_contact(owner=user, first_name="Ana", last_name="Student", email="ana@uni.edu")
    page = owner_browser.get(f"/people/{contact.pk}/edit/")
    assert 'value="ana@uni.edu"' in text(page)
    response = owner_browser.post(
        f"/people/{contact.pk}/edit/",
        {"first_name": "Anna", "last_name": "Student", "email": "anna@uni.edu"},
    )
    assert response["Location"] == "/people/"
    contact.refresh_from_db()
    assert (contact.first_name, contact.email) == ("Anna", "anna@uni.edu")


def test_edit_contact_error_keeps_the_input(owner_browser, user):
    contact = add_contact(owner=user, first_name="Ana", last_name="Student", email="ana@uni.edu")
    response = owner_browser.post(
        f"/people/{contact.pk}/edit/", {"first_name": "Anna", "last_name": "S", "email": "bad"}
    )
    assert response.status_code == 400
    assert 'value="Anna"' in text(response)
    contact.refresh_from_db()
    assert contact.first_name == "Ana"


def test_another_users_contact_is_not_found(owner_browser, other_user):
    contact = add_contact(owner=other_user, first_name="Zed", last_name="O", email="zed@uni.edu")
    assert owner_browser.get(f"/people/{contact.pk}/edit/").status_code == 404
    response = owner_browser.post(f"/people/{contact.pk}/delete/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_delete_a_contact(owner_browser, user):
    contact = add_contact(owner=user, first_name="Ana", last_name="Student", email="ana@uni.edu")
    assert owner_browser.get(f"/people/{contact.pk}/delete/").status_code == 405
    response = owner_browser.post(f"/people/{contact.pk}/delete/")
    assert response["Location"] == "/people/"
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_delete_a_contact_invited_to_an_open_round_is_refused_with_the_reason(
    owner_browser, make_round, user
):
    make_round(names=("ana",))
    contact = Contact.objects.get(owner=user, email="ana@uni.edu")
    response = owner_browser.post(f"/people/{contact.pk}/delete/", follow=True)
    assert "Thesis check-ins" in text(response)
    assert Contact.objects.filter(pk=contact.pk).exists()


# --- Import ------------------------------------------------------------------------------------
def test_import_contacts_pasted_and_from_csv(owner_browser, user):
    add_contact(owner=user, first_name="Ana", last_name="Silva", email="ana@uni.edu")
    upload = SimpleUploadedFile(
        "class.csv", b"name,email\nCy Wu,cy@uni.edu\nBen Okafor,BEN@uni.edu\n"
    )
    response = owner_browser.post(
        "/people/import/",
        {"pasted": "Ana Silva <ANA@uni.edu>\nBen Okafor <ben@uni.edu>", "csv_file": upload},
    )
    assert response["Location"] == "/people/"
    assert sorted(Contact.objects.filter(owner=user).values_list("email", flat=True)) == [
        "ana@uni.edu",
        "ben@uni.edu",
        "cy@uni.edu",
    ]
    assert "2 contacts added." in text(owner_browser.get("/people/"))


def test_import_with_a_bad_line_adds_nobody_and_reports_every_bad_line(owner_browser, user):
    response = owner_browser.post(
        "/people/import/", {"pasted": "Ana Silva <ana@uni.edu>\nnobody\nBen <ben@uni.edu>"}
    )
    assert response.status_code == 400
    errors = re.search(r'id="id_pasted_error">(.*?)</ul>', text(response), re.S).group(1)
    assert "line 2 (“nobody”)" in errors
    assert "line 3 (“Ben &lt;ben@uni.edu&gt;”)" in errors
    assert not Contact.objects.filter(owner=user).exists()


def test_import_of_nothing_says_what_to_do(owner_browser):
    response = owner_browser.post("/people/import/", {"pasted": "  \n"})
    assert response.status_code == 400
    assert "Paste at least one person, or choose a file." in text(response)
