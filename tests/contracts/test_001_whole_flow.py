"""Seed 001 end to end, as a front end and its users would go through it."""

import icalendar

from tests.clients import SchemaCheckedClient
from tests.scheduling.support import answer, token_from


def test_whole_scheduling_round(api, db, clock, sent_mail):
    # Sign up and log in.
    assert (
        api.post(
            "/accounts/signup/",
            {
                "email": "prof@uni.edu",
                "username": "Prof",
                "first_name": "Pat",
                "last_name": "Prof",
                "password": "s3cure-enough",
                "password2": "s3cure-enough",
            },
            format="json",
        ).status_code
        == 201
    )
    access = api.post(
        "/accounts/login/", {"username": "prof", "password": "s3cure-enough"}, format="json"
    ).json()["access"]
    owner = SchemaCheckedClient()
    owner.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")

    # Contacts.
    ids = []
    for name in ("ana", "ben"):
        response = owner.post(
            "/schedules/contacts/",
            {"first_Name": name.title(), "last_Name": "S", "email": f"{name}@uni.edu"},
            format="json",
        )
        ids.append(response.json()["id"])

    # Create: invitation emails go out.
    calendar_id = owner.post(
        "/schedules/calendars/create/",
        {
            "name": "Interviews",
            "description": "P2",
            "deadline": "2027-03-05T17:00:00",
            "invitees": ids,
            "available_slots": [
                {
                    "date": "2027-03-08",
                    "start_time": "09:00:00",
                    "end_time": "10:00:00",
                    "preference_level": 3,
                }
            ],
        },
        format="json",
    ).json()["id"]
    invitations = {m.to[0]: token_from(m)[1] for m in sent_mail() if "invites you" in m.subject}
    assert set(invitations) == {"ana@uni.edu", "ben@uni.edu"}

    # Ana answers; the owner reminds Ben, who answers through the reminder's link.
    guest = SchemaCheckedClient()
    url = f"/schedules/calendars/{calendar_id}/respond/{{}}/"
    assert (
        guest.post(
            url.format(invitations["ana@uni.edu"]),
            {"availability": [answer("2027/03/08 09:00:00", "2027/03/08 10:00:00", 3)]},
            format="json",
        ).status_code
        == 200
    )
    assert (
        owner.get(f"/schedules/calendars/{calendar_id}/confirm/").json()["suggested_schedules"]
        == []
    )
    assert owner.get(f"/schedules/calendars/remind/{calendar_id}/{ids[1]}/").status_code == 200
    reminder = next(m for m in sent_mail() if m.subject.startswith("Reminder"))
    assert (
        guest.post(
            url.format(token_from(reminder)[1]),
            {"availability": [answer("2027/03/08 09:00:00", "2027/03/08 09:30:00", 1)]},
            format="json",
        ).status_code
        == 200
    )

    # Suggestions, then finalize the best.
    best = owner.get(f"/schedules/calendars/{calendar_id}/confirm/").json()["suggested_schedules"][
        0
    ]
    assert [(m["id"], m["start_time"]) for m in best] == [
        (ids[1], "2027-03-08T09:00:00+00:00"),
        (ids[0], "2027-03-08T09:30:00+00:00"),
    ]
    response = owner.post(
        f"/schedules/calendars/{calendar_id}/confirm/",
        {
            "finalized_schedule": [
                {"contact_id": m["id"], "start_time": m["start_time"], "end_time": m["end_time"]}
                for m in best
            ]
        },
        format="json",
    )
    assert response.status_code == 200

    # Everyone has a valid .ics; the home page shows the meetings.
    invites = {m.to[0]: m for m in sent_mail() if m.attachments}
    assert set(invites) == {"ana@uni.edu", "ben@uni.edu", "prof@uni.edu"}
    for message in invites.values():
        filename, content, mimetype = message.attachments[0]
        assert filename.endswith(".ics")
        assert mimetype.startswith("text/calendar")
        assert icalendar.Calendar.from_ical(content).walk("VEVENT")
    home = owner.get("/schedules/home/").json()
    assert [m["start_time"] for m in home["finalized_meetings"]] == [
        "2027-03-08T09:00:00+00:00",
        "2027-03-08T09:30:00+00:00",
    ]
    assert home["unfinalized_meetings"] == []
