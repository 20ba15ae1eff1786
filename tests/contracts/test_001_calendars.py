"""Seed 001 scheduling rounds through HTTP: create, details, respond, remind, confirm, home."""

import datetime as dt

import icalendar
import pytest

from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from tests.factories import make_contacts
from tests.scheduling.support import answer, slot, token_from

CREATE = "/schedules/calendars/create/"


def details_url(calendar_id):
    return f"/schedules/calendars/{calendar_id}/details/"


def confirm_url(calendar_id):
    return f"/schedules/calendars/{calendar_id}/confirm/"


def respond_url(calendar_id, token):
    return f"/schedules/calendars/{calendar_id}/respond/{token}/"


@pytest.fixture
def people(user):
    return make_contacts(user)


def create_body(people, **overrides):
    body = {
        "name": "CSC309 Phase 2",
        "description": "Interview session after P2 submission",
        "deadline": "2027-03-05T17:00:00",
        "invitees": [p.pk for p in people],
        "available_slots": [
            slot("2027-03-08", "09:00:00", "11:00:00", 3),
            slot("2027-03-09", "13:00:00", "14:00:00", 1),
        ],
    }
    body.update(overrides)
    return body


@pytest.fixture
def calendar_id(bearer, clock, people):
    response = bearer.post(CREATE, create_body(people), format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def tokens(sent_mail) -> dict[str, tuple[int, str]]:
    """Recipient -> (calendar id, token) from the invitation emails sent so far."""
    return {m.to[0]: token_from(m) for m in sent_mail() if "invites you" in m.subject}


# --- Create --------------------------------------------------------------------------------------
def test_create_calendar_returns_documented_shape(bearer, clock, people):
    response = bearer.post(CREATE, create_body(people), format="json")
    assert response.status_code == 201
    calendar = Calendar.objects.get()
    assert response.json() == {
        "id": calendar.pk,
        "name": "CSC309 Phase 2",
        "description": "Interview session after P2 submission",
        "deadline": "2027-03-05T17:00:00+00:00",
        "invitees": [p.pk for p in people],
        "finalized": False,
        "meeting_minutes": 30,
        "gap_minutes": 0,
        "grid_minutes": 15,
        "time_zone": "UTC",
    }
    assert AvailabilityWindow.objects.filter(invitation__isnull=True).count() == 2


def test_create_calendar_emails_each_invitee_a_working_link(bearer, clock, people, sent_mail, api):
    calendar_id = bearer.post(CREATE, create_body(people), format="json").json()["id"]
    links = tokens(sent_mail)
    assert sorted(links) == ["ana@uni.edu", "ben@uni.edu", "cy@uni.edu"]
    assert {cid for cid, _ in links.values()} == {calendar_id}
    assert len({token for _, token in links.values()}) == 3
    response = api.get(respond_url(calendar_id, links["ana@uni.edu"][1]))
    assert response.status_code == 200
    assert response.json()["name"] == "CSC309 Phase 2"


def test_tokens_are_stored_hashed(bearer, clock, people, sent_mail):
    bearer.post(CREATE, create_body(people), format="json")
    for _, token in tokens(sent_mail).values():
        assert len(token) >= 22  # >= 128 bits in URL-safe base64
        assert not Invitation.objects.filter(token_hash=token).exists()
        assert not Invitation.objects.filter(token_nonce=token).exists()


def test_create_calendar_accepts_date_only_deadline_and_availability_alias(bearer, clock, people):
    body = create_body(people, deadline="2027-03-05")
    body["availability"] = body.pop("available_slots")
    response = bearer.post(CREATE, body, format="json")
    assert response.status_code == 201
    assert response.json()["deadline"] == "2027-03-05T00:00:00+00:00"


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"deadline": "next week"}, {"deadline": ["Datetime has wrong format."]}),
        ({"deadline": "2027-02-01T00:00:00"}, {"deadline": ["Deadline cannot be in the past"]}),
        ({"name": "x" * 151}, {"name": ["Ensure this field has no more than 150 characters."]}),
        (
            {"available_slots": [{"date": "2027-03-08"}]},
            {
                "available_slots": [
                    "Invalid slot data. Must be in the form: 'date', 'start_time', 'end_time', "
                    "'preference_level' "
                ]
            },
        ),
        (
            {"available_slots": [slot(20270308, "09:00:00", "10:00:00")]},
            {"available_slots": ["Date must be a string."]},
        ),
        (
            {"available_slots": [slot("2027-03-08", 9, "10:00:00")]},
            {"available_slots": ["Start and end times must be strings."]},
        ),
        (
            {"available_slots": [slot("08/03/2027", "09:00:00", "10:00:00")]},
            {"available_slots": ["Date must be in a valid date format YYYY-MM-DD."]},
        ),
        (
            {"available_slots": [slot("2027-02-08", "09:00:00", "10:00:00")]},
            {"available_slots": ["Available date cannot be in the past."]},
        ),
        (
            {"available_slots": [slot("2027-03-08", "9am", "10:00:00")]},
            {"available_slots": ["Start and end times must be in a valid date format HH:MM:SS."]},
        ),
        (
            {"available_slots": [slot("2027-03-08", "10:00:00", "09:00:00")]},
            {"available_slots": ["End time must be after start time."]},
        ),
        (
            {"available_slots": [slot("2027-03-08", "09:00:00", "10:00:00", "high")]},
            {"available_slots": ["Preference level must be an integer."]},
        ),
        (
            {"available_slots": [slot("2027-03-08", "09:00:00", "10:00:00", 4)]},
            {
                "available_slots": [
                    "Preference level must be either 1, 2, or 3 (3 being highest preference)."
                ]
            },
        ),
        ({"invitees": [999999]}, {"invitees": ["Contact does not exist"]}),
    ],
)
def test_create_calendar_validation(bearer, clock, people, overrides, errors):
    response = bearer.post(CREATE, create_body(people, **overrides), format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert Calendar.objects.count() == 0
    assert Invitation.objects.count() == 0


def test_create_calendar_refuses_another_users_contact(bearer, clock, other_user):
    theirs = make_contacts(other_user, ["zed"])
    response = bearer.post(CREATE, create_body(theirs), format="json")
    assert response.status_code == 400
    assert response.json() == {"invitees": ["Invalid contact id"]}
    assert Calendar.objects.count() == 0


def test_create_calendar_requires_fields(bearer, clock):
    response = bearer.post(CREATE, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"name", "description", "deadline"}


def test_create_calendar_requires_auth(api, db):
    assert api.post(CREATE, {}, format="json").status_code == 401


# --- Details -------------------------------------------------------------------------------------
def test_details_shape(bearer, calendar_id, people):
    response = bearer.get(details_url(calendar_id))
    assert response.status_code == 200
    body = response.json()
    assert body["Calendar"]["invitees"] == [p.pk for p in people]
    assert [
        {k: v for k, v in s.items() if k != "id"} for s in body["Owner_availability"]["slots"]
    ] == [
        {
            "date": "2027-03-08",
            "start_time": "09:00:00",
            "end_time": "11:00:00",
            "preference_level": 3,
        },
        {
            "date": "2027-03-09",
            "start_time": "13:00:00",
            "end_time": "14:00:00",
            "preference_level": 1,
        },
    ]
    assert body["Invitee_availability"][0] == {
        "contact": {
            "id": people[0].pk,
            "first_Name": "ana",
            "last_Name": "Student",
            "email": "ana@uni.edu",
        },
        "status": False,
        "slots": [],
    }


def test_details_of_another_users_calendar_is_403(api, calendar_id, other_user, jwt_for):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(other_user)}")
    assert api.get(details_url(calendar_id)).status_code == 403
    response = api.put(details_url(calendar_id), {"name": "Mine now"}, format="json")
    assert response.status_code == 403
    assert Calendar.objects.get().name == "CSC309 Phase 2"


def test_details_unknown_calendar_is_404(bearer, db):
    assert bearer.get(details_url(424242)).status_code == 404


def test_details_put_edits_and_invites(bearer, calendar_id, people, user, sent_mail, api):
    sent_mail()
    newcomer = make_contacts(user, ["dee"])[0]
    old_token = tokens(sent_mail)["ben@uni.edu"][1]
    window_id = AvailabilityWindow.objects.filter(invitation__isnull=True).first().pk
    response = bearer.put(
        details_url(calendar_id),
        {
            "name": "New Calendar Name",
            "deadline": "2027-03-06",
            "add_invitees": [newcomer.pk],
            "remove_invitees": [people[1].pk, 999],
            "add_availabilities": [slot("2027-03-10", "10:00:00", "12:00:00", 2)],
            "remove_availabilities": [window_id, 999],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["Calendar"]["name"] == "New Calendar Name"
    assert body["Calendar"]["deadline"] == "2027-03-06T00:00:00+00:00"
    assert body["Calendar"]["invitees"] == [people[0].pk, people[2].pk, newcomer.pk]
    assert [s["date"] for s in body["Owner_availability"]["slots"]] == ["2027-03-09", "2027-03-10"]
    assert "dee@uni.edu" in tokens(sent_mail)
    # The removed invitee's link no longer works.
    response = api.post(
        respond_url(calendar_id, old_token),
        {"availability": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00")]},
        format="json",
    )
    assert (response.status_code, response.json()) == (401, {"error": "Invalid token"})


def test_details_put_refusals_change_nothing(bearer, calendar_id, people, user, other_user):
    theirs = make_contacts(other_user, ["zed"])[0]
    for body, errors in [
        ({}, {"non_field_errors": ["No input."]}),
        ({"add_invitees": [people[0].pk]}, {"add_invitees": ["This contact is already invited."]}),
        ({"add_invitees": [theirs.pk]}, {"add_invitees": ["Invalid contact id"]}),
        ({"add_invitees": [999]}, {"add_invitees": ["Contact does not exist"]}),
        ({"deadline": "2020-01-01"}, {"deadline": ["Deadline cannot be in the past"]}),
        (
            {"name": "ok", "add_availabilities": [slot("2027-03-10", "12:00:00", "10:00:00")]},
            {"add_availabilities": ["End time must be after start time."]},
        ),
    ]:
        response = bearer.put(details_url(calendar_id), body, format="json")
        assert (response.status_code, response.json()) == (400, errors)
    calendar = Calendar.objects.get()
    assert calendar.name == "CSC309 Phase 2"
    assert calendar.invitations.count() == 3
    assert calendar.windows.count() == 2


def test_details_query_count_is_fixed(bearer, clock, user, django_assert_num_queries):
    def make(n):
        contacts = make_contacts(user, [f"q{n}-{i}" for i in range(n)])
        response = bearer.post(CREATE, create_body(contacts), format="json")
        cid = response.json()["id"]
        for invitation in Invitation.objects.filter(calendar_id=cid):
            for day in (8, 9):
                AvailabilityWindow.objects.create(
                    calendar_id=cid,
                    invitation=invitation,
                    start=dt.datetime(2027, 3, day, 9, tzinfo=dt.UTC),
                    end=dt.datetime(2027, 3, day, 10, tzinfo=dt.UTC),
                    preference=2,
                )
            invitation.responded_at = clock()
            invitation.save()
        return cid

    one, three = make(1), make(3)
    for cid in (one, three):
        with django_assert_num_queries(4):
            assert bearer.get(details_url(cid)).status_code == 200
        with django_assert_num_queries(5):
            assert bearer.get(confirm_url(cid)).status_code == 200


# --- Respond -------------------------------------------------------------------------------------
def test_respond_get_shape(api, calendar_id, people, user, sent_mail):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    body = api.get(respond_url(calendar_id, token)).json()
    assert body["calendar_id"] == calendar_id
    assert body["owner"] == {
        "id": user.pk,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }
    assert [i["id"] for i in body["invitees"]] == [p.pk for p in people]
    assert body["owner_availability"][0] == {
        "date": "2027-03-08",
        "start_time": "09:00:00",
        "end_time": "11:00:00",
        "preference": 3,
    }
    assert body["responded"] is False


def test_respond_post_records_answer_once(api, calendar_id, sent_mail):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    body = {"availability": [answer("2027/03/08 09:30:00", "2027/03/08 10:30:00", 2)]}
    response = api.post(respond_url(calendar_id, token), body, format="json")
    assert response.json() == {"success_message": "Availability submitted successfully."}
    invitation = Invitation.objects.get(contact__email="ana@uni.edu")
    assert invitation.has_answered
    window = invitation.windows.get()
    assert (window.start, window.end, window.preference) == (
        dt.datetime(2027, 3, 8, 9, 30, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 8, 10, 30, tzinfo=dt.UTC),
        2,
    )
    again = api.post(respond_url(calendar_id, token), body, format="json")
    assert (again.status_code, again.json()) == (400, {"error": "Already responded"})
    assert invitation.windows.count() == 1


def test_respond_post_sends_the_invitee_a_receipt_as_the_answer_page_does(
    api, calendar_id, sent_mail
):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    body = {"availability": [answer("2027/03/08 09:30:00", "2027/03/08 10:30:00", 2)]}
    api.post(respond_url(calendar_id, token), body, format="json")
    receipts = [m for m in sent_mail() if m.subject.startswith("Your answer is in")]
    assert [m.to for m in receipts] == [["ana@uni.edu"]]
    assert "- Mon 08 Mar 2027 09:30-10:30: fine\n" in receipts[0].body


def test_respond_ignores_a_stale_authorization_header(api, calendar_id, sent_mail):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    api.credentials(HTTP_AUTHORIZATION="Bearer expired.or.garbage")
    assert api.get(respond_url(calendar_id, token)).status_code == 200


def test_respond_after_deadline_is_refused(api, calendar_id, sent_mail, clock):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    clock.advance(days=5)
    body = {"availability": [answer("2027/03/08 09:30:00", "2027/03/08 10:30:00")]}
    response = api.post(respond_url(calendar_id, token), body, format="json")
    assert (response.status_code, response.json()) == (400, {"error": "Deadline has passed"})
    assert not AvailabilityWindow.objects.filter(invitation__isnull=False).exists()


@pytest.mark.parametrize("forged", ["x" * 32, "abc"])
def test_respond_with_forged_token_is_401(api, calendar_id, forged):
    url = respond_url(calendar_id, forged)
    assert api.get(url).status_code == 401
    response = api.post(url, {"availability": []}, format="json")
    assert (response.status_code, response.json()) == (401, {"error": "Invalid token"})


def test_respond_with_token_of_another_calendar_is_401(bearer, api, calendar_id, people, sent_mail):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    other = bearer.post(CREATE, create_body(people[:1], name="Other"), format="json").json()["id"]
    response = api.post(
        respond_url(other, token),
        {"availability": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00")]},
        format="json",
    )
    assert response.status_code == 401
    assert not AvailabilityWindow.objects.filter(invitation__isnull=False).exists()


def test_respond_unknown_calendar_is_404(api, db):
    assert api.get(respond_url(987654, "x" * 32)).status_code == 404


@pytest.mark.parametrize(
    ("availability", "errors"),
    [
        (
            [answer("08/03/2027 9am", "2027/03/08 10:00:00")],
            ["Start and end times must be in the format YYYY/MM/DD HH:MM:SS."],
        ),
        (
            [answer("2027/03/08 10:00:00", "2027/03/08 09:00:00")],
            ["End time must be after start time."],
        ),
        (
            [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00", 0)],
            ["Preference level must be either 1, 2, or 3 (3 being highest preference)."],
        ),
        (
            [{"start_time": "2027/03/08 09:00:00"}],
            [
                "Invalid slot data. Must be in the form: 'start_time', 'end_time', "
                "'preference_level'"
            ],
        ),
    ],
)
def test_respond_validation(api, calendar_id, sent_mail, availability, errors):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    response = api.post(
        respond_url(calendar_id, token), {"availability": availability}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"availability": errors}
    assert not Invitation.objects.get(contact__email="ana@uni.edu").has_answered


def test_respond_requires_availability(api, calendar_id, sent_mail):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    response = api.post(respond_url(calendar_id, token), {}, format="json")
    assert response.json() == {"availability": ["This field is required."]}


# --- Remind --------------------------------------------------------------------------------------
def test_remind_sends_the_same_link_at_most_once_an_hour(
    bearer, calendar_id, people, sent_mail, clock
):
    link = tokens(sent_mail)["ana@uni.edu"]
    url = f"/schedules/calendars/remind/{calendar_id}/{people[0].pk}/"
    response = bearer.get(url)
    assert response.json() == {"message": "Reminder email successfully sent to ana Student"}
    reminders = [m for m in sent_mail() if m.subject.startswith("Reminder")]
    assert [m.to for m in reminders] == [["ana@uni.edu"]]
    assert token_from(reminders[0]) == link
    assert bearer.get(url).status_code == 429
    clock.advance(minutes=61)
    assert bearer.get(url).status_code == 200
    assert len([m for m in sent_mail() if m.subject.startswith("Reminder")]) == 2


def test_remind_refusals(bearer, api, calendar_id, people, user, other_user, jwt_for, sent_mail):
    _, token = tokens(sent_mail)["ana@uni.edu"]
    api.post(
        respond_url(calendar_id, token),
        {"availability": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00")]},
        format="json",
    )
    assert (
        bearer.get(f"/schedules/calendars/remind/{calendar_id}/{people[0].pk}/").status_code == 409
    )
    stranger = make_contacts(user, ["eve"])[0]
    assert (
        bearer.get(f"/schedules/calendars/remind/{calendar_id}/{stranger.pk}/").status_code == 404
    )
    assert bearer.get(f"/schedules/calendars/remind/{calendar_id}/999/").status_code == 404
    assert bearer.get(f"/schedules/calendars/remind/999/{people[1].pk}/").status_code == 404
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(other_user)}")
    assert api.get(f"/schedules/calendars/remind/{calendar_id}/{people[1].pk}/").status_code == 403
    assert not [m for m in sent_mail() if m.subject.startswith("Reminder")]


# --- Confirm: suggestions and finalize -----------------------------------------------------------
def answer_all(api, sent_mail, calendar_id, answers):
    links = tokens(sent_mail)
    for email, slots in answers.items():
        response = api.post(
            respond_url(calendar_id, links[email][1]), {"availability": slots}, format="json"
        )
        assert response.status_code == 200, response.json()


def test_no_suggestions_while_answers_are_missing(bearer, api, calendar_id, sent_mail):
    answer_all(
        api,
        sent_mail,
        calendar_id,
        {"ana@uni.edu": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00")]},
    )
    body = bearer.get(confirm_url(calendar_id)).json()
    assert body["suggested_schedules"] == []
    assert [i["status"] for i in body["invitee_availability"]] == [True, False, False]


def test_suggestions_once_everyone_answered_are_optimal_and_ranked(
    bearer, api, calendar_id, sent_mail, people
):
    # Owner: 08 09:00-11:00 (pref 3), 09 13:00-14:00 (pref 1). A greedy pass giving ana the
    # first slot would leave ben out; the optimum fits all three.
    answer_all(
        api,
        sent_mail,
        calendar_id,
        {
            "ana@uni.edu": [answer("2027/03/08 09:00:00", "2027/03/08 11:00:00", 3)],
            "ben@uni.edu": [answer("2027/03/08 09:00:00", "2027/03/08 09:30:00", 2)],
            "cy@uni.edu": [answer("2027/03/09 13:00:00", "2027/03/09 14:00:00", 1)],
        },
    )
    body = bearer.get(confirm_url(calendar_id)).json()
    schedules = body["suggested_schedules"]
    assert len(schedules) == 3
    best = {m["id"]: (m["start_time"], m["end_time"]) for m in schedules[0]}
    assert best == {
        people[1].pk: ("2027-03-08T09:00:00+00:00", "2027-03-08T09:30:00+00:00"),
        people[0].pk: ("2027-03-08T09:30:00+00:00", "2027-03-08T10:00:00+00:00"),
        people[2].pk: ("2027-03-09T13:00:00+00:00", "2027-03-09T13:30:00+00:00"),
    }
    keys = [frozenset((m["id"], m["start_time"]) for m in s) for s in schedules]
    assert len(set(keys)) == 3


def test_suggestions_after_deadline_cover_those_who_answered(
    bearer, api, calendar_id, sent_mail, people, clock
):
    answer_all(
        api,
        sent_mail,
        calendar_id,
        {"ana@uni.edu": [answer("2027/03/08 10:00:00", "2027/03/08 11:00:00")]},
    )
    clock.advance(days=5)
    schedules = bearer.get(confirm_url(calendar_id)).json()["suggested_schedules"]
    assert schedules[0] == [
        {
            "id": people[0].pk,
            "first_name": "ana",
            "last_name": "Student",
            "start_time": "2027-03-08T10:00:00+00:00",
            "end_time": "2027-03-08T10:30:00+00:00",
        }
    ]


def finalize(client, calendar_id, *meetings):
    return client.post(
        confirm_url(calendar_id),
        {
            "finalized_schedule": [
                {"contact_id": c, "start_time": s, "end_time": e} for c, s, e in meetings
            ]
        },
        format="json",
    )


def test_finalize_writes_meetings_and_emails_ics(bearer, api, calendar_id, sent_mail, people, user):
    answer_all(
        api,
        sent_mail,
        calendar_id,
        {"ana@uni.edu": [answer("2027/03/08 09:00:00", "2027/03/08 11:00:00")]},
    )
    response = finalize(
        bearer,
        calendar_id,
        (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00"),
        # ben did not answer: placed by hand inside the owner's availability.
        (people[1].pk, "2027/03/09 13:00:00", "2027/03/09 13:30:00"),
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "meetings": [
            {
                "id": people[0].pk,
                "first_name": "ana",
                "last_name": "Student",
                "email": "ana@uni.edu",
                "start_time": "2027-03-08T09:00:00+00:00",
                "end_time": "2027-03-08T09:30:00+00:00",
            },
            {
                "id": people[1].pk,
                "first_name": "ben",
                "last_name": "Student",
                "email": "ben@uni.edu",
                "start_time": "2027-03-09T13:00:00+00:00",
                "end_time": "2027-03-09T13:30:00+00:00",
            },
        ]
    }
    assert Calendar.objects.get().finalized
    mails = {m.to[0]: m for m in sent_mail() if m.attachments}
    assert set(mails) == {"ana@uni.edu", "ben@uni.edu", user.email}
    ana_ics = icalendar.Calendar.from_ical(mails["ana@uni.edu"].attachments[0][1])
    events = ana_ics.walk("VEVENT")
    assert len(events) == 1
    meeting = Meeting.objects.get(invitation__contact=people[0])
    assert str(events[0]["UID"]) == meeting.uid
    assert events[0].decoded("DTSTART") == dt.datetime(2027, 3, 8, 9, tzinfo=dt.UTC)
    owner_mail = mails[user.email]
    owner_ics = icalendar.Calendar.from_ical(owner_mail.attachments[0][1])
    assert sorted(str(e["UID"]) for e in owner_ics.walk("VEVENT")) == sorted(
        m.uid for m in Meeting.objects.all()
    )
    # Once final: no answers, no edits, no second finalize.
    cy_token = tokens(sent_mail)["cy@uni.edu"][1]
    late = api.post(
        respond_url(calendar_id, cy_token),
        {"availability": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00")]},
        format="json",
    )
    assert (late.status_code, late.json()) == (400, {"error": "Calendar has been finalized"})
    assert bearer.put(details_url(calendar_id), {"name": "x"}, format="json").status_code == 410
    assert bearer.get(confirm_url(calendar_id)).status_code == 404
    assert (
        finalize(
            bearer, calendar_id, (people[2].pk, "2027/03/08 10:00:00", "2027/03/08 10:30:00")
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("meetings", "message"),
    [
        (
            [(0, "2027/03/08 12:00:00", "2027/03/08 12:30:00")],
            "Invalid meeting time for contact: ana Student: outside your availability.",
        ),
        (
            [(0, "2027/03/08 10:30:00", "2027/03/08 11:00:00")],
            "Invalid meeting time for contact: ana Student: outside their availability.",
        ),
        (
            [
                (0, "2027/03/08 09:00:00", "2027/03/08 09:30:00"),
                (1, "2027/03/08 09:15:00", "2027/03/08 09:45:00"),
            ],
            "Meeting times overlap: ana Student and ben Student.",
        ),
        (
            [
                (0, "2027/03/08 09:00:00", "2027/03/08 09:30:00"),
                (0, "2027/03/08 09:30:00", "2027/03/08 10:00:00"),
            ],
            "ana Student is scheduled more than once.",
        ),
        ([(9999, "2027/03/08 09:00:00", "2027/03/08 09:30:00")], "Invalid contact id 9999."),
    ],
)
def test_finalize_refusals_change_nothing(
    bearer, api, calendar_id, sent_mail, people, meetings, message
):
    answer_all(
        api,
        sent_mail,
        calendar_id,
        {"ana@uni.edu": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00")]},
    )
    response = finalize(
        bearer,
        calendar_id,
        *[(people[i].pk if i < len(people) else i, s, e) for i, s, e in meetings],
    )
    assert response.status_code == 400
    assert response.json() == {"finalized_schedule": [message]}
    assert not Calendar.objects.get().finalized
    assert not Meeting.objects.exists()


def test_finalize_refuses_contact_not_invited(bearer, calendar_id, user):
    outsider = make_contacts(user, ["out"])[0]
    response = finalize(
        bearer, calendar_id, (outsider.pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00")
    )
    assert response.json() == {
        "finalized_schedule": [f"Contact not invited to calendar: {outsider.pk}."]
    }


def test_finalize_respects_the_gap(bearer, clock, people):
    cid = bearer.post(CREATE, create_body(people, gap_minutes=10), format="json").json()["id"]
    response = finalize(
        bearer,
        cid,
        (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00"),
        (people[1].pk, "2027/03/08 09:35:00", "2027/03/08 10:05:00"),
    )
    assert response.status_code == 400
    assert "with the 10-minute gap" in response.json()["finalized_schedule"][0]


def test_finalize_refuses_overlap_with_owners_other_calendar(bearer, clock, people):
    first = bearer.post(CREATE, create_body(people[:1]), format="json").json()["id"]
    second = bearer.post(CREATE, create_body(people[1:2], name="B"), format="json").json()["id"]
    assert (
        finalize(
            bearer, first, (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00")
        ).status_code
        == 200
    )
    response = finalize(
        bearer, second, (people[1].pk, "2027/03/08 09:15:00", "2027/03/08 09:45:00")
    )
    assert response.status_code == 400
    assert "another calendar" in response.json()["finalized_schedule"][0]


def test_finalize_malformed_body(bearer, calendar_id, people):
    response = bearer.post(
        confirm_url(calendar_id), {"finalized_schedule": [{"contact_id": 1}]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "finalized_schedule": {
            "0": {
                "start_time": ["This field is required."],
                "end_time": ["This field is required."],
            }
        }
    }
    response = finalize(bearer, calendar_id, (people[0].pk, "tomorrow", "later"))
    assert response.json() == {
        "finalized_schedule": ["Meeting 1: start_time and end_time must be YYYY/MM/DD HH:MM:SS."]
    }


def test_finalize_by_another_user_is_403(api, calendar_id, other_user, jwt_for, people):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(other_user)}")
    response = finalize(
        api, calendar_id, (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00")
    )
    assert response.status_code == 403
    assert api.get(confirm_url(calendar_id)).status_code == 403
    assert not Meeting.objects.exists()


# --- Home ----------------------------------------------------------------------------------------
def test_home_lists_finalized_meetings_and_open_calendars(bearer, clock, people):
    open_id = bearer.post(CREATE, create_body(people, name="Open"), format="json").json()["id"]
    done_id = bearer.post(CREATE, create_body(people[:1], name="Done"), format="json").json()["id"]
    finalize(bearer, done_id, (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00"))
    body = bearer.get("/schedules/home/").json()
    assert body["unfinalized_meetings"] == [
        {
            "id": open_id,
            "name": "Open",
            "description": "Interview session after P2 submission",
            "deadline": "2027-03-05T17:00:00+00:00",
        }
    ]
    assert [
        (m["id"], m["name"], m["start_time"], m["role"]) for m in body["finalized_meetings"]
    ] == [(done_id, "Done", "2027-03-08T09:00:00+00:00", "owner")]


def test_home_requires_auth(api, db):
    assert api.get("/schedules/home/").status_code == 401


# --- Time zones ----------------------------------------------------------------------------------
def test_toronto_calendar_across_the_march_dst_change(bearer, api, clock, people, sent_mail):
    """DST starts in Toronto on Sunday 14 March 2027: 09:00 is 14:00Z before, 13:00Z after."""
    body = create_body(
        people[:2],
        time_zone="America/Toronto",
        deadline="2027-03-05T17:00:00",
        available_slots=[
            slot("2027-03-12", "09:00:00", "10:00:00"),
            slot("2027-03-15", "09:00:00", "10:00:00"),
        ],
    )
    cid = bearer.post(CREATE, body, format="json").json()["id"]
    owner = list(AvailabilityWindow.objects.filter(invitation__isnull=True).order_by("start"))
    assert [w.start for w in owner] == [
        dt.datetime(2027, 3, 12, 14, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 15, 13, tzinfo=dt.UTC),
    ]
    answer_all(
        api,
        sent_mail,
        cid,
        {
            "ana@uni.edu": [answer("2027/03/12 09:00:00", "2027/03/12 09:30:00")],
            "ben@uni.edu": [answer("2027/03/15 09:00:00", "2027/03/15 09:30:00")],
        },
    )
    best = bearer.get(confirm_url(cid)).json()["suggested_schedules"][0]
    assert [(m["start_time"], m["end_time"]) for m in best] == [
        ("2027-03-12T09:00:00-05:00", "2027-03-12T09:30:00-05:00"),
        ("2027-03-15T09:00:00-04:00", "2027-03-15T09:30:00-04:00"),
    ]
    response = finalize(bearer, cid, *[(m["id"], m["start_time"], m["end_time"]) for m in best])
    assert response.status_code == 200, response.json()
    assert [m.start for m in Meeting.objects.order_by("start")] == [
        dt.datetime(2027, 3, 12, 14, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 15, 13, tzinfo=dt.UTC),
    ]
    ben_mail = next(m for m in sent_mail() if m.to == ["ben@uni.edu"] and m.attachments)
    ics = icalendar.Calendar.from_ical(ben_mail.attachments[0][1])
    event = ics.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(
        2027, 3, 15, 13, tzinfo=dt.UTC
    )
    assert [tz["TZID"] for tz in ics.walk("VTIMEZONE")] == ["America/Toronto"]
