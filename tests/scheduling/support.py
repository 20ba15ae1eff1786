import re

from tests.conftest import NOW

__all__ = ["NOW", "answer", "slot", "token_from"]


def token_from(message) -> tuple[int, str]:
    match = re.search(r"/schedules/calendars/(\d+)/respond/([A-Za-z0-9_-]+)/", message.body)
    assert match, message.body
    return int(match.group(1)), match.group(2)


def slot(date, start, end, preference=3):
    return {"date": date, "start_time": start, "end_time": end, "preference_level": preference}


def answer(start, end, preference=3):
    return {"start_time": start, "end_time": end, "preference_level": preference}
