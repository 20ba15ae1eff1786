"""Seed 001 and the real front-end of howardhe02/OneOnOne (setting ONEONONE_P2_CLIENT).

Each test pins what that front-end calls or reads (frontend/src of its repository): the
additive parts under both values of the setting, the rest under ``howardhe02`` only, and the
seed's shapes, unchanged, under the default ``seed``.
"""

import os
import subprocess
import sys

import pytest

from accounts.services import end_all_sessions
from scheduling.models import Meeting
from tests.clients import SchemaCheckedClient, client_for
from tests.factories import make_contacts
from tests.scheduling.support import answer, slot, token_from

CREATE = "/schedules/calendars/create/"
CONTACTS = "/schedules/contacts/"
CLIENTS = ["seed", "howardhe02"]


@pytest.fixture(params=CLIENTS)
def p2_client(request, settings):
    settings.ONEONONE_P2_CLIENT = request.param
    return request.param


@pytest.fixture
def howardhe02(settings):
    settings.ONEONONE_P2_CLIENT = "howardhe02"


@pytest.fixture
def guest():
    """The invitee's browser: no account, only the link."""
    return SchemaCheckedClient()


@pytest.fixture
def people(user):
    return make_contacts(user)


def round_body(people, **overrides):
    body = {
        "name": "Office hours",
        "description": "P2 demo",
        "deadline": "2027-03-05T17:00",  # as an <input type="datetime-local"> gives it
        "invitees": [p.pk for p in people],
        "available_slots": [
            slot("2027-03-08", "09:00:00", "10:00:00", 3),
            slot("2027-03-08", "10:00:00", "11:00:00", 2),
        ],
    }
    body.update(overrides)
    return body


def invitation_links(sent_mail) -> dict[str, tuple[int, str]]:
    return {m.to[0]: token_from(m) for m in sent_mail() if "invites you" in m.subject}


def respond_url(calendar_id, token):
    return f"/schedules/calendars/{calendar_id}/respond/{token}/"


def finalize(client, calendar_id, *meetings):
    return client.post(
        f"/schedules/calendars/{calendar_id}/confirm/",
        {
            "finalized_schedule": [
                {"contact_id": c, "start_time": s, "end_time": e} for c, s, e in meetings
            ]
        },
        format="json",
    )


# --- checktoken ----------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["post", "get"])
def test_checktoken_answers_the_callers_account(p2_client, bearer, user, method):
    response = getattr(bearer, method)("/accounts/checktoken/", {}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


@pytest.mark.parametrize("header", [None, "Bearer not-a-jwt", "Bearer "])
def test_checktoken_refuses_a_missing_or_bad_token(p2_client, db, header):
    client = SchemaCheckedClient()
    if header is not None:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.post("/accounts/checktoken/", {}, format="json")
    assert response.status_code == 401


def test_checktoken_refuses_a_token_ended_by_logout(p2_client, api, user, jwt_for):
    access = jwt_for(user)
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    assert api.post("/accounts/checktoken/").status_code == 200
    end_all_sessions(user=user)
    assert api.post("/accounts/checktoken/").status_code == 401


# --- PUT /schedules/contacts/ --------------------------------------------------------------------
def test_put_contact_is_patch_with_every_field_sent(p2_client, bearer, people):
    """The front-end's edit form sends all three fields, the unchanged email included."""
    ana = people[0]
    response = bearer.put(
        CONTACTS,
        {"contact_id": ana.pk, "first_Name": "Anna", "last_Name": "Student", "email": ana.email},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "contact_id": ana.pk,
        "first_Name": "Anna",
        "last_Name": "Student",
        "email": "ana@uni.edu",
    }
    listed = {c["id"]: c for c in bearer.get(CONTACTS).json()}
    assert listed[ana.pk]["first_Name"] == "Anna"


def test_put_contact_errors_are_patchs(p2_client, bearer, people, other_user):
    ana, ben = people[0], people[1]
    taken = bearer.put(CONTACTS, {"contact_id": ana.pk, "email": ben.email}, format="json")
    assert taken.status_code == 400
    assert taken.json() == {"email": ["A contact with this email already exists."]}
    assert bearer.put(CONTACTS, {"first_Name": "X"}, format="json").status_code == 400
    stranger = client_for(other_user)
    assert (
        stranger.put(CONTACTS, {"contact_id": ana.pk, "first_Name": "X"}, format="json").status_code
        == 403
    )
    assert (
        SchemaCheckedClient().put(CONTACTS, {"contact_id": ana.pk}, format="json").status_code
        == 401
    )
    assert bearer.get(CONTACTS).json()[0]["first_Name"] == "ana"


# --- The invitee's page --------------------------------------------------------------------------
def test_respond_get_names_the_invitee_the_link_was_sent_to(
    p2_client, bearer, guest, clock, people, sent_mail
):
    bearer.post(CREATE, round_body(people[:2]), format="json")
    calendar_id, token = invitation_links(sent_mail)["ben@uni.edu"]
    body = guest.get(respond_url(calendar_id, token)).json()
    assert body["invitee_id"] == {
        "id": people[1].pk,
        "first_Name": "ben",
        "last_Name": "Student",
        "email": "ben@uni.edu",
    }
    # The seed's keys are all still there.
    assert {"calendar_id", "name", "description", "deadline", "owner", "invitees"} <= set(body)
    assert body["owner_availability"][0] == {
        "date": "2027-03-08",
        "start_time": "09:00:00",
        "end_time": "10:00:00",
        "preference": 3,
    }


def test_respond_get_deadline_seed_has_an_offset(bearer, guest, clock, people, sent_mail):
    bearer.post(CREATE, round_body(people[:1], time_zone="America/Toronto"), format="json")
    calendar_id, token = invitation_links(sent_mail)["ana@uni.edu"]
    assert (
        guest.get(respond_url(calendar_id, token)).json()["deadline"] == "2027-03-05T17:00:00-05:00"
    )


def test_respond_get_deadline_howardhe02_is_wall_clock(
    howardhe02, bearer, guest, clock, people, sent_mail
):
    bearer.post(CREATE, round_body(people[:1], time_zone="America/Toronto"), format="json")
    calendar_id, token = invitation_links(sent_mail)["ana@uni.edu"]
    assert guest.get(respond_url(calendar_id, token)).json()["deadline"] == "2027-03-05T17:00:00"


# --- GET /schedules/calendars/<id>/meetings/ -----------------------------------------------------
@pytest.mark.parametrize(
    ("client_name", "start", "end"),
    [
        ("seed", "2027-03-08T09:00:00-05:00", "2027-03-08T10:00:00-05:00"),
        ("howardhe02", "2027-03-08T09:00:00", "2027-03-08T10:00:00"),
    ],
)
def test_calendar_meetings_lists_the_final_meetings(
    settings, bearer, clock, people, client_name, start, end
):
    settings.ONEONONE_P2_CLIENT = client_name
    body = round_body(people[:2], time_zone="America/Toronto")
    calendar_id = bearer.post(CREATE, body, format="json").json()["id"]
    url = f"/schedules/calendars/{calendar_id}/meetings/"
    assert bearer.get(url).json() == []  # nothing until finalized
    response = finalize(
        bearer,
        calendar_id,
        (people[1].pk, "2027/03/08 10:00:00", "2027/03/08 11:00:00"),
        (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 10:00:00"),
    )
    assert response.status_code == 200, response.json()
    meetings = bearer.get(url)
    assert meetings.status_code == 200
    first, second = meetings.json()
    assert first == {
        "id": people[0].pk,
        "first_name": "ana",
        "last_name": "Student",
        "email": "ana@uni.edu",
        "start_time": start,
        "end_time": end,
        "meeting_id": Meeting.objects.get(invitation__contact=people[0]).pk,
    }
    assert second["id"] == people[1].pk


def test_calendar_meetings_is_the_owners_only(p2_client, bearer, clock, people, other_user):
    calendar_id = bearer.post(CREATE, round_body(people[:1]), format="json").json()["id"]
    url = f"/schedules/calendars/{calendar_id}/meetings/"
    assert client_for(other_user).get(url).status_code == 403
    assert SchemaCheckedClient().get(url).status_code == 401
    assert bearer.get("/schedules/calendars/999999/meetings/").status_code == 404
    assert bearer.get(f"/schedules/calendars/{calendar_id}/meetings").status_code == 200


# --- Date-times and the week view ----------------------------------------------------------------
def test_seed_date_times_keep_their_offset(bearer, guest, clock, people, sent_mail):
    body = round_body(people[:1], time_zone="America/Toronto")
    created = bearer.post(CREATE, body, format="json").json()
    assert created["deadline"] == "2027-03-05T17:00:00-05:00"
    assert (created["meeting_minutes"], created["grid_minutes"]) == (30, 15)
    calendar_id, token = invitation_links(sent_mail)["ana@uni.edu"]
    guest.post(
        respond_url(calendar_id, token),
        {"availability": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00")]},
        format="json",
    )
    best = bearer.get(f"/schedules/calendars/{calendar_id}/confirm/").json()
    assert best["deadline"] == "2027-03-05T17:00:00-05:00"
    assert (best["suggested_schedules"][0][0]["start_time"]) == "2027-03-08T09:00:00-05:00"
    assert best["suggested_schedules"][0][0]["end_time"] == "2027-03-08T09:30:00-05:00"


def test_howardhe02_rounds_are_hour_long_meetings_on_the_hour_by_default(
    howardhe02, bearer, clock, people
):
    created = bearer.post(CREATE, round_body(people[:1]), format="json").json()
    assert (created["meeting_minutes"], created["grid_minutes"], created["gap_minutes"]) == (
        60,
        60,
        0,
    )
    chosen = bearer.post(
        CREATE, round_body(people[:1], meeting_minutes=20, grid_minutes=10), format="json"
    ).json()
    assert (chosen["meeting_minutes"], chosen["grid_minutes"]) == (20, 10)


def test_howardhe02_front_end_round_from_creation_to_week_view(
    howardhe02, bearer, guest, clock, people, sent_mail
):
    """The calls the real front-end makes, in its order and with its spellings."""
    assert bearer.post("/accounts/checktoken/", {}, format="json").status_code == 200
    # New Meeting: one-hour cells of the week view become slots; the deadline from the input.
    body = round_body(people[:2], time_zone="America/Toronto")
    calendar_id = bearer.post(CREATE, body, format="json").json()["id"]
    details = bearer.get(f"/schedules/calendars/{calendar_id}/details/").json()
    assert details["Calendar"]["deadline"] == "2027-03-05T17:00:00"
    assert [
        (s["date"], s["start_time"], s["preference_level"])
        for s in details["Owner_availability"]["slots"]
    ] == [("2027-03-08", "09:00:00", 3), ("2027-03-08", "10:00:00", 2)]
    assert all(isinstance(s["id"], int) for s in details["Owner_availability"]["slots"])

    # The invitees answer from the emailed link, in one-hour cells.
    links = invitation_links(sent_mail)
    for email, hour in (("ana@uni.edu", "09"), ("ben@uni.edu", "10")):
        cid, token = links[email]
        page = guest.get(respond_url(cid, token)).json()
        assert page["invitee_id"]["email"] == email
        end = f"{int(hour) + 1:02d}"
        sent = guest.post(
            respond_url(cid, token),
            {"availability": [answer(f"2027/03/08 {hour}:00:00", f"2027/03/08 {end}:00:00", 3)]},
            format="json",
        )
        assert sent.status_code == 200, sent.json()

    # Finalize popup: suggestions the week view finds cell by cell (YYYY-MM-DDTHH:MM:SS).
    confirm = bearer.get(f"/schedules/calendars/{calendar_id}/confirm/").json()
    best = confirm["suggested_schedules"][0]
    assert [(m["id"], m["start_time"], m["end_time"]) for m in best] == [
        (people[0].pk, "2027-03-08T09:00:00", "2027-03-08T10:00:00"),
        (people[1].pk, "2027-03-08T10:00:00", "2027-03-08T11:00:00"),
    ]

    def slashed(text):  # the front-end's changeDateTimeFormat
        return text[:10].replace("-", "/") + " " + text[11:19]

    done = finalize(
        bearer,
        calendar_id,
        *[(m["id"], slashed(m["start_time"]), slashed(m["end_time"])) for m in best],
    )
    assert done.status_code == 200, done.json()
    assert [m["start_time"] for m in done.json()["meetings"]] == [
        "2027-03-08T09:00:00",
        "2027-03-08T10:00:00",
    ]
    meetings = bearer.get(f"/schedules/calendars/{calendar_id}/meetings/").json()
    assert [(m["first_name"], m["start_time"], m["end_time"]) for m in meetings] == [
        ("ana", "2027-03-08T09:00:00", "2027-03-08T10:00:00"),
        ("ben", "2027-03-08T10:00:00", "2027-03-08T11:00:00"),
    ]
    # Stored as the right instants all the same (Toronto is UTC-5 on 8 March 2027).
    assert [m.start.isoformat() for m in Meeting.objects.order_by("start")] == [
        "2027-03-08T14:00:00+00:00",
        "2027-03-08T15:00:00+00:00",
    ]


# --- Home ----------------------------------------------------------------------------------------
def _two_rounds(bearer, people):
    open_id = bearer.post(CREATE, round_body(people, name="Open"), format="json").json()["id"]
    done_id = bearer.post(CREATE, round_body(people[:2], name="Done"), format="json").json()["id"]
    response = finalize(
        bearer,
        done_id,
        (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 10:00:00"),
        (people[1].pk, "2027/03/08 10:00:00", "2027/03/08 11:00:00"),
    )
    assert response.status_code == 200, response.json()
    return open_id, done_id


def test_home_seed_lists_meetings_each_with_its_calendars_deadline(bearer, clock, people):
    open_id, done_id = _two_rounds(bearer, people)
    body = bearer.get("/schedules/home/").json()
    assert [
        (m["id"], m["start_time"], m["end_time"], m["deadline"], m["role"])
        for m in body["finalized_meetings"]
    ] == [
        (
            done_id,
            "2027-03-08T09:00:00+00:00",
            "2027-03-08T10:00:00+00:00",
            "2027-03-05T17:00:00+00:00",
            "owner",
        ),
        (
            done_id,
            "2027-03-08T10:00:00+00:00",
            "2027-03-08T11:00:00+00:00",
            "2027-03-05T17:00:00+00:00",
            "owner",
        ),
    ]
    assert body["unfinalized_meetings"] == [
        {
            "id": open_id,
            "name": "Open",
            "description": "P2 demo",
            "deadline": "2027-03-05T17:00:00+00:00",
        }
    ]


def test_home_howardhe02_lists_finalized_calendars_once_each(
    howardhe02, bearer, clock, people, sent_mail
):
    open_id, done_id = _two_rounds(bearer, people)
    assert bearer.get("/schedules/home/").json() == {
        "finalized_meetings": [
            {
                "id": done_id,
                "name": "Done",
                "description": "P2 demo",
                "deadline": "2027-03-05T17:00:00",
            }
        ],
        "unfinalized_meetings": [
            {
                "id": open_id,
                "name": "Open",
                "description": "P2 demo",
                "deadline": "2027-03-05T17:00:00",
            }
        ],
    }


def test_home_howardhe02_is_empty_for_a_new_account(howardhe02, bearer):
    assert bearer.get("/schedules/home/").json() == {
        "finalized_meetings": [],
        "unfinalized_meetings": [],
    }


# --- The setting ---------------------------------------------------------------------------------
def test_an_unknown_client_name_stops_the_server_at_start():
    env = {
        **os.environ,
        "ONEONONE_P2_CLIENT": "howard",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "ONEONONE_P2_CLIENT must be 'seed' or 'howardhe02'." in result.stderr
