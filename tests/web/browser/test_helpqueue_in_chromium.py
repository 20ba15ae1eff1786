"""The help queue in a real browser: a hacker asks for help while two mentors watch the live
queue (htmx polling), one claims and closes; the director's plot renders with data."""

from datetime import timedelta

import pytest

from accounts.models import QueueRole
from helpqueue.models import Ticket
from tests.factories import closed_ticket, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fast_polls(monkeypatch):
    """The live lists refresh every second here (5 in production): the test waits less."""
    monkeypatch.setattr("web.views.helpqueue.POLL_SECONDS", 1)


def unchanged_poll(response) -> bool:
    return "/queue/mentor/list/?v=" in response.url and response.status == 204


def test_two_mentors_watch_the_queue_one_claims_and_closes_the_hacker_sees_it(
    open_page, log_in, clock
):
    hacker = make_user(first_name="Hedy", last_name="Lamarr")
    ada = make_user(QueueRole.MENTOR, first_name="Ada", last_name="Lovelace")
    alan = make_user(QueueRole.MENTOR, first_name="Alan", last_name="Turing")
    watching = {}
    for user in (ada, alan):
        page = log_in(open_page(), user)
        page.goto("/queue/mentor/")
        assert "Nobody is waiting" in page.inner_text("#queue")
        watching[user.first_name] = page
    # While nothing changes, a poll is answered 204 and the list stays as it is.
    with watching["Ada"].expect_response(unchanged_poll):
        pass
    assert "Nobody is waiting" in watching["Ada"].inner_text("#queue")

    asking = log_in(open_page(width=375), hacker)
    asking.goto("/queue/")
    asking.fill("#id_title", "Flask will not start")
    asking.fill("#id_comment", "ImportError: cannot import name 'escape'")
    asking.fill("#id_contact", "@hedy")
    asking.fill("#id_location", "Table 7")
    asking.click("button:has-text('Open ticket')")
    asking.wait_for_url("**/queue/tickets/*/")
    assert "Place in the queue: 1" in asking.inner_text("#ticket-state")

    # Both queues show the ticket by their next poll, without a reload.
    for page in watching.values():
        page.wait_for_selector("#queue >> text=Flask will not start")
        assert "Waiting (1)" in page.inner_text("#queue")

    # Ada claims; Alan's page moves it to "Being helped" by Ada, with no button for him.
    watching["Ada"].locator("#queue button", has_text="Claim").click()
    watching["Ada"].wait_for_selector("#queue-note >> text=You claimed “Flask will not start”.")
    alan_queue = watching["Alan"].locator("#queue")
    alan_queue.locator("text=Being helped (1)").wait_for()
    assert "Ada Lovelace since" in alan_queue.inner_text()
    assert alan_queue.locator("button").count() == 0
    asking.locator("#ticket-state >> text=Ada Lovelace claimed this ticket").wait_for()

    # Ada closes it; the hacker's page says so by itself, then stops polling and offers a rating.
    watching["Ada"].locator("#queue button", has_text="Close").click()
    watching["Ada"].wait_for_selector("#queue-note >> text=“Flask will not start” is closed.")
    asking.locator("#ticket-state >> text=Closed at 12:00; Ada Lovelace helped").wait_for()
    assert asking.locator("#ticket-state").get_attribute("hx-get") is None
    assert asking.locator("text=Rate Ada Lovelace").is_visible()
    watching["Alan"].locator("#queue >> text=Being helped (0)").wait_for()
    with watching["Alan"].expect_response(unchanged_poll):
        pass
    assert "Being helped (0)" in watching["Alan"].inner_text("#queue")
    ticket = Ticket.objects.get()
    assert (ticket.status, ticket.mentor) == (Ticket.Status.CLOSED, ada)
    assert asking.js_errors == watching["Ada"].js_errors == watching["Alan"].js_errors == []


def test_directors_plot_renders_with_data(open_page, log_in, clock):
    ada = make_user(QueueRole.MENTOR, first_name="Ada", last_name="Lovelace")
    for hours_ago, wait, close in ((3, 4, 20), (3, 10, 30), (1, 6, 12)):
        clock.set(clock.current - timedelta(hours=hours_ago))
        closed_ticket(
            mentor=ada,
            claimed_after=timedelta(minutes=wait),
            closed_after=timedelta(minutes=close),
        )
        clock.set(clock.current + timedelta(hours=hours_ago))
    director = log_in(open_page(), make_user(QueueRole.DIRECTOR))
    director.goto("/queue/stats/")
    plot = director.locator("figure.plot svg")
    assert plot.is_visible()
    box = plot.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    assert plot.locator(".bars rect").count() == 2  # the hours with tickets: 09:00 and 11:00
    heights = [
        float(h)
        for h in plot.locator(".bars rect").evaluate_all(
            "bars => bars.map(b => b.getAttribute('height'))"
        )
    ]
    assert heights[0] == 2 * heights[1] > 0  # two tickets, then one
    assert plot.locator("polyline.wait").count() == 1
    assert plot.locator("polyline.close").count() == 1
    assert "Tickets opened per hour" in plot.locator("title").first.text_content()
    assert director.js_errors == []
