import datetime as dt

import pytest
from django.test import Client

from contacts.services import add_contact
from scheduling import services
from tests.conftest import PASSWORD
from tests.scheduling.support import token_from


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute)  # noqa: DTZ001 (wall clock in the round's zone)


@pytest.fixture
def browser():
    """A browser: asks for HTML, keeps cookies, checks CSRF like a real one."""
    return Client(
        enforce_csrf_checks=False, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8"
    )


@pytest.fixture
def owner_browser(browser, user):
    browser.login(username=user.username, password=PASSWORD)
    return browser


@pytest.fixture
def make_round(user, sent_mail, clock):
    """``make_round(names=..., **create_calendar options)`` -> (calendar, {first name: token})."""

    def make(names=("ana", "ben"), **options):
        contacts = [
            add_contact(owner=user, first_name=n.title(), last_name="Student", email=f"{n}@uni.edu")
            for n in names
        ]
        options.setdefault("name", "Thesis check-ins")
        options.setdefault("description", "Fifteen minutes about your draft.")
        options.setdefault("deadline", at(5, 17))
        options.setdefault("time_zone", "UTC")
        options.setdefault(
            "slots",
            [
                services.SlotInput(at(8, 9), at(8, 11), 3),
                services.SlotInput(at(9, 14), at(9, 15), 2),
            ],
        )
        calendar = services.create_calendar(
            owner=user, invitee_contact_ids=[c.pk for c in contacts], **options
        )
        tokens = {}
        for message in sent_mail():
            if message.subject.endswith(calendar.name) and "/respond/" in message.body:
                calendar_id, token = token_from(message)
                if calendar_id == calendar.pk:
                    tokens[message.to[0].split("@")[0]] = token
        return calendar, tokens

    return make
