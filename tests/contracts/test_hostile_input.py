"""Input no one planned for (issue 10, items 6-8): each is a 400 naming the problem, never a 500.

These are also the hand-made corpus of ``make fuzz``: deeply nested JSON, lone surrogates, huge
usernames, many skills, unknown time zones.
"""

import pytest

from contacts.models import ContactRequest
from mentoring.models import MentorProfile, Skill
from scheduling.models import Calendar
from tests.clients import client_for
from tests.factories import MenteeFactory, MentorFactory, MentorProfileFactory
from tests.scheduling.support import slot

NESTED = "[" * 100_000  # a RecursionError in Python's json module
SURROGATE = '{"about_me": "x", "skills": ["\\ud800"]}'  # valid JSON text, a lone surrogate
ONE_MB = "a" * 1_000_000

# Endpoints that parse a JSON body without any login (the nested-JSON 500s hit 11 of these).
ANONYMOUS_JSON = [
    "/auth/users/",  # 000 sign-up
    "/auth/token/login/",  # 000 login
    "/accounts/signup/",  # 001
    "/accounts/login/",  # 001, 003
    "/api/auth/token/",  # 002
    "/accounts/register/",  # 003
    "/api/token/",  # 003
    "/api/token/refresh/",  # 003
    "/users/register/",  # 004
    "/users/login/",  # 004
]
# Some that need a login (the body is parsed after authentication).
AUTHENTICATED_JSON = [
    ("post", "/schedules/calendars/create/"),
    ("post", "/calendars/"),
    ("post", "/calendars/create/"),
    ("post", "/contacts/friendRequests/user/"),
    ("post", "/users/contacts/add/"),
    ("patch", "/myprofile/"),
    ("post", "/api/tickets/"),
]


# --- Deeply nested JSON --------------------------------------------------------------------------
@pytest.mark.parametrize("path", ANONYMOUS_JSON)
def test_deeply_nested_json_is_400_without_login(db, api, path):
    response = api.post(path, NESTED, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


@pytest.mark.parametrize(("method", "path"), AUTHENTICATED_JSON)
def test_deeply_nested_json_is_400_with_login(bearer, method, path):
    response = getattr(bearer, method)(path, NESTED, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_json_nested_beyond_the_cap_is_400_even_when_python_could_parse_it(db, api):
    body = '{"username": ' + "[" * 200 + "]" * 200 + ', "password": "x"}'
    response = api.post("/api/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - nested deeper than 32 levels."}


def test_ordinary_nesting_still_parses(bearer, clock):
    response = bearer.post(
        "/schedules/calendars/create/",
        {
            "name": "Round",
            "description": "",
            "deadline": "2027-03-05T17:00:00",
            "available_slots": [slot("2027-03-08", "09:00:00", "11:00:00", 3)],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()


# --- Lone surrogates -----------------------------------------------------------------------------
def test_lone_surrogate_in_skills_is_400_and_changes_nothing(db):
    mentor = MentorFactory()
    response = client_for(mentor).post("/mentorinfo/", SURROGATE, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error - a string holds a lone surrogate (\\ud800), not a character."
    }
    assert not MentorProfile.objects.exists()
    assert not Skill.objects.exists()


def test_lone_surrogate_in_a_key_or_anonymous_body_is_400(db, api):
    response = api.post(
        "/users/login/", '{"username\\udfff": "x"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "surrogate" in response.json()["detail"]


def test_surrogate_pair_is_a_character_and_accepted(db):
    mentor = MentorFactory()
    response = client_for(mentor).post(
        "/mentorinfo/",
        '{"about_me": "x", "skills": ["Emoji \\ud83d\\ude00"]}',
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.json()
    assert list(Skill.objects.values_list("name", flat=True)) == ["Emoji \U0001f600"]


# --- Huge usernames and emails in lookups (SQLite: "LIKE pattern too complex") ------------------
@pytest.mark.parametrize(
    ("method", "path", "field"),
    [
        ("post", "/contacts/friendRequests/user/", "requested"),
        ("delete", "/contacts/friendRequests/user/", "username"),
        ("post", "/contacts/friendRequests/request/", "username"),
    ],
)
def test_one_megabyte_username_in_friend_requests_is_400(bearer, method, path, field):
    body = {field: ONE_MB, "action": True}
    response = getattr(bearer, method)(path, body, format="json")
    assert response.status_code == 400
    assert "error" in response.json()
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize("path", ["/users/contacts/add/", "/users/contacts/remove/"])
def test_one_megabyte_email_in_contacts_by_email_is_400(bearer, path):
    response = bearer.post(path, {"contact_email": f"{ONE_MB}@x.com"}, format="json")
    assert response.status_code == 400
    assert "contact_email" in response.json()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/auth/users/", {"username": ONE_MB, "email": "a@b.com", "password": "pw-123456789"}),
        ("/auth/users/", {"username": "abc", "email": f"{ONE_MB}@x.com", "password": "pw-1234567"}),
        ("/accounts/login/", {"username": ONE_MB, "password": "x"}),
        ("/api/auth/token/", {"email": f"{ONE_MB}@x.com", "lcs_token": "x"}),
    ],
)
def test_one_megabyte_username_or_email_elsewhere_is_4xx(db, api, path, body):
    response = api.post(path, body, format="json")
    assert 400 <= response.status_code < 500


# --- /mentor/<skills>/ ---------------------------------------------------------------------------
def test_mentor_by_sixty_skills_is_400_naming_the_cap(db):
    MentorProfileFactory(skills=["HTML"])
    skills = ",".join(f"skill{i}" for i in range(60))
    response = client_for(MenteeFactory()).get(f"/mentor/{skills}/")
    assert response.status_code == 400
    assert response.json() == {"skills": ["At most 20 skills."]}


def test_mentor_by_too_long_skill_is_400(db):
    response = client_for(MenteeFactory()).get(f"/mentor/{'x' * 51}/")
    assert response.status_code == 400
    assert response.json() == {"skills": ["A skill name has at most 50 characters."]}


def test_mentor_by_twenty_skills_is_one_query_and_finds_the_mentor(db, django_assert_num_queries):
    names = [f"Skill {i}" for i in range(20)]
    everything = MentorProfileFactory(skills=names)
    MentorProfileFactory(skills=names[:19])
    client = client_for(MenteeFactory())
    path = "/mentor/" + ",".join(name.upper() for name in names) + "/"
    with django_assert_num_queries(4):  # the user, the mentors, their skills, availability
        response = client.get(path)
    assert response.status_code == 200
    assert [m["pk"] for m in response.json()] == [everything.user_id]


def test_mentor_by_repeated_skill_counts_it_once(db):
    html = MentorProfileFactory(skills=["HTML"])
    data = client_for(MenteeFactory()).get("/mentor/HTML,html, Html ,/").json()
    assert [m["pk"] for m in data] == [html.user_id]


# --- Time zones ----------------------------------------------------------------------------------
@pytest.mark.parametrize("zone", ["Mars/Olympus", "../../etc/passwd", "Europe/", "UTC\x00"])
def test_calendar_with_unknown_time_zone_is_400_on_the_field(bearer, clock, zone):
    response = bearer.post(
        "/schedules/calendars/create/",
        {
            "name": "Round",
            "description": "",
            "deadline": "2027-03-05T17:00:00",
            "available_slots": [slot("2027-03-08", "09:00:00", "11:00:00", 3)],
            "time_zone": zone,
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["time_zone"]
    assert not Calendar.objects.exists()


def test_calendar_with_iana_time_zone_is_created(bearer, clock):
    response = bearer.post(
        "/schedules/calendars/create/",
        {
            "name": "Round",
            "description": "",
            "deadline": "2027-03-05T17:00:00",
            "available_slots": [slot("2027-03-08", "09:00:00", "11:00:00", 3)],
            "time_zone": "America/Toronto",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["time_zone"] == "America/Toronto"


# --- NUL characters (PostgreSQL stores none in text) ----------------------------------------------
def test_nul_character_in_skills_is_400_on_skills_and_changes_nothing(db):
    mentor = MentorFactory()
    response = client_for(mentor).post(
        "/mentorinfo/",
        '{"about_me": "x", "skills": ["Py\\u0000thon"]}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"skills": ["A skill name cannot contain control characters."]}
    assert not MentorProfile.objects.exists()
    assert not Skill.objects.exists()


def test_nul_character_in_a_skill_search_is_not_a_500(db):
    from django.db import connection

    mentee = MenteeFactory()
    response = client_for(mentee).get("/mentor/Py%00thon/")
    if connection.vendor == "postgresql":  # cannot even be compared with stored text
        assert response.status_code == 400
        assert response.json() == {
            "detail": "Text in the request contains a NUL character (\\u0000)."
        }
    else:
        assert response.status_code == 200
        assert response.json() == []
