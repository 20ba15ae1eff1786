import re

from contacts.services import add_contact
from tests.conftest import NOW

__all__ = ["NOW", "answer", "make_contacts", "slot", "token_from"]


def token_from(message) -> tuple[int, str]:
    match = re.search(r"/schedules/calendars/(\d+)/respond/([A-Za-z0-9_-]+)/", message.body)
    assert match, message.body
    return int(match.group(1)), match.group(2)


def make_contacts(user, names=("ana", "ben", "cy")):
    return [
        add_contact(owner=user, first_name=first, last_name="Student", email=f"{first}@uni.edu")
        for first in names
    ]


def slot(date, start, end, preference=3):
    return {"date": date, "start_time": start, "end_time": end, "preference_level": preference}


def answer(start, end, preference=3):
    return {"start_time": start, "end_time": end, "preference_level": preference}
