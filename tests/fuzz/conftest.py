"""Fuzzing every operation of /api/schema/ (``make fuzz``). Deselected unless ``-m fuzz``.

The fuzz tests send requests through the WSGI application, as a deployed server receives them,
to a database populated with one of everything (``world``), as a user with every role.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.conftest import PASSWORD


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: fuzzing of every API operation; run with `make fuzz` (pytest -m fuzz)"
    )


def pytest_collection_modifyitems(config, items):
    """The normal suite leaves the fuzz tests out: `make fuzz` runs them, sized for CI."""
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    kept = [item for item in items if item.get_closest_marker("fuzz") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


_APP = get_wsgi_application()


@pytest.fixture
def wsgi_app(db):
    """The WSGI application, inside the test's transaction.

    A real request closes the database connection when it ends; inside a test that would end the
    test's transaction, so (as Django's test client does) that signal is off meanwhile.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield _APP
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class World:
    """One of everything, owned by or visible to ``user``; ``ids`` by path parameter."""

    user: object
    access: str
    ids: dict


@pytest.fixture
def world(db):
    from accounts.models import QueueRole
    from contacts import services as contacts
    from core import clock
    from helpqueue import services as helpqueue
    from mentoring import services as mentoring
    from scheduling import services as scheduling
    from scheduling.tokens import token_for
    from tests.factories import UserFactory

    user = UserFactory(
        username="fuzzer",
        password=PASSWORD,
        is_mentor=True,
        is_mentee=True,
        queue_role=QueueRole.DIRECTOR,
    )
    other = UserFactory(username="other", password=PASSWORD, is_mentor=True, is_mentee=True)
    third = UserFactory(username="third", password=PASSWORD)

    for person in (user, other):
        mentoring.create_mentor_profile(user=person, about_me="Hi", skills=["python", "django"])
        mentoring.create_mentee_profile(user=person, team_number=7)
    start = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=2)
    own = mentoring.publish_availability(
        mentor=user, start_time=start, end_time=start + dt.timedelta(hours=1)
    )[0]
    chunks = mentoring.publish_availability(
        mentor=other, start_time=start, end_time=start + dt.timedelta(hours=2), chunked=True
    )
    session = mentoring.request_session(
        mentee=user, availability_id=chunks[0].pk, start_time=start, session_length=30
    )

    friend = contacts.add_user_as_contact(owner=user, user=other)
    contacts.add_contact(owner=user, first_name="Ada", last_name="L", email="ada@example.org")
    contacts.send_contact_request(requester=third, username=user.username)

    def slot(day, hours, preference=3):
        begin = start + dt.timedelta(days=day)
        return scheduling.SlotInput(begin, begin + dt.timedelta(hours=hours), preference)

    calendar = scheduling.create_calendar(
        owner=user, name="Round", deadline=start + dt.timedelta(days=1), slots=[slot(3, 2)]
    )
    invitation = scheduling.invite_user(owner=user, calendar_id=calendar.pk, user_id=other.pk)
    scheduling.add_window(actor=other, calendar_id=calendar.pk, slot=slot(3, 1, 2))
    window = calendar.windows.filter(invitation__isnull=True).first()
    theirs = scheduling.create_calendar(owner=other, name="Theirs", slots=[slot(4, 1)])
    attendee = scheduling.invite_user(owner=other, calendar_id=theirs.pk, user_id=user.pk)
    ticket = helpqueue.open_ticket(owner=user, title="Help", comment="It breaks")

    from accounts.services import issue_jwt_pair

    ids = {
        "calendar_id": calendar.pk,
        "calendar": calendar.pk,
        "window": window.pk,
        "invitation": invitation.pk,
        "attendee_id": attendee.pk,
        "contact_id": friend.pk,
        "user_id": other.pk,
        "ticket": ticket.pk,
        "availability": own.pk,
        "session": session.pk,
        "settings": user.notification_settings.pk,
        "token": token_for(invitation.token_nonce),
        "skills": "python",
    }
    return World(user=user, access=issue_jwt_pair(user=user)["access"], ids=ids)


def real_value(world: World, path: str, name: str):
    """The id of an existing object for the path parameter ``name`` of ``path``."""
    ids = world.ids
    if name == "id":
        for prefix, key in (
            ("/api/tickets/", "ticket"),
            ("/availab", "availability"),
            ("/calendars/{calendar_id}/availabilities/", "window"),
            ("/calendars/{calendar_id}/invitee/", "invitation"),
            ("/calendars/", "calendar"),
            ("/notificationsettings/", "settings"),
            ("/sessionrequest/", "session"),
        ):
            if path.startswith(prefix):
                return ids[key]
        return None
    if name == "event_id":
        return ids["window"]
    return ids.get(name)
