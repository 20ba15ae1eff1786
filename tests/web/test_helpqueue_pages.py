"""The help queue's pages through the test client: hacker, mentors, director."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import QueueRole
from helpqueue import services
from helpqueue.models import Feedback, Ticket
from tests.factories import TicketFactory, claimed_ticket, closed_ticket, make_user
from tests.helpqueue.fixtures import *  # noqa: F403 (the participant, mentor, ... fixtures)

pytestmark = pytest.mark.django_db

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"


def as_user(user) -> Client:
    client = Client(HTTP_ACCEPT=HTML)
    client.force_login(user)
    return client


def htmx(client: Client, path: str, data: dict):
    return client.post(path, data, HTTP_HX_REQUEST="true")


def text(response) -> str:
    return response.content.decode()


def squash(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def status_url(ticket) -> str:
    return f"/queue/tickets/{ticket.pk}/status/"


TICKET = {
    "title": "Flask will not start",
    "comment": "ImportError",
    "contact": "@ada",
    "location": "T7",
}


# --- A hacker -------------------------------------------------------------------------------------
def test_anonymous_visitors_are_sent_to_log_in():
    response = Client(HTTP_ACCEPT=HTML).get("/queue/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/queue/")


def test_hacker_opens_a_ticket_and_sees_its_place_and_wait(
    clock, participant, other_participant, mentor
):
    claimed_ticket(owner=other_participant, mentor=mentor, after=timedelta(minutes=6))
    TicketFactory(owner=other_participant)
    browser = as_user(participant)

    response = browser.post("/queue/", TICKET)

    ticket = Ticket.objects.get(owner=participant)
    assert response.status_code == 302
    assert response["Location"] == f"/queue/tickets/{ticket.pk}/"
    assert (ticket.title, ticket.comment, ticket.contact, ticket.location) == (
        "Flask will not start",
        "ImportError",
        "@ada",
        "T7",
    )
    page = squash(text(browser.get(response["Location"])))
    assert "Your ticket is in the queue" in page
    assert "Place in the queue: <strong>2</strong>" in page
    assert "Estimated wait: <strong>about 12 min</strong>" in page
    assert f'hx-get="/queue/tickets/{ticket.pk}/state/"' in page  # refreshes itself
    listing = squash(text(browser.get("/queue/")))
    assert "Flask will not start" in listing
    assert "about 12 min" in listing


def test_the_wait_is_unknown_before_any_claim(clock, participant):
    ticket = TicketFactory(owner=participant)
    page = squash(text(as_user(participant).get(f"/queue/tickets/{ticket.pk}/")))
    assert "Place in the queue: <strong>1</strong>" in page
    assert "No estimate yet" in page


def test_a_blank_title_is_shown_by_its_field(participant):
    response = as_user(participant).post("/queue/", {**TICKET, "title": "  "})
    assert response.status_code == 400
    assert re.search(r'id="id_title_error"><li>This field is required', text(response))
    assert not Ticket.objects.exists()


def test_a_refusal_of_the_service_is_shown_above_the_form(clock, participant, settings):
    settings.HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER = 1
    TicketFactory(owner=participant)
    response = as_user(participant).post("/queue/", TICKET)
    assert response.status_code == 400
    assert "You already have an open ticket" in text(response)
    assert Ticket.objects.count() == 1


def test_hacker_cancels_and_a_second_cancel_is_refused(clock, participant):
    ticket = TicketFactory(owner=participant)
    browser = as_user(participant)

    response = browser.post(status_url(ticket), {"status": "CANCELLED", "next": "/queue/"})
    assert response["Location"] == "/queue/"
    assert Ticket.objects.get(pk=ticket.pk).status == "CANCELLED"
    assert "is cancelled" in text(browser.get("/queue/"))

    response = browser.post(status_url(ticket), {"status": "CANCELLED"}, follow=True)
    assert "This ticket is already cancelled; it cannot change any more." in text(response)


def test_next_leaving_the_site_is_ignored(clock, participant):
    ticket = TicketFactory(owner=participant)
    response = as_user(participant).post(
        status_url(ticket), {"status": "CANCELLED", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"/queue/tickets/{ticket.pk}/"


def test_a_hacker_cannot_claim_even_their_own_ticket(clock, participant):
    ticket = TicketFactory(owner=participant)
    response = as_user(participant).post(status_url(ticket), {"status": "CLAIMED"}, follow=True)
    assert "Only mentors, organizers and directors can claim tickets." in text(response)
    assert Ticket.objects.get(pk=ticket.pk).status == "OPEN"


def test_the_owner_sees_the_claim_then_closes_and_rates(clock, participant, mentor):
    ticket = claimed_ticket(owner=participant, mentor=mentor)
    browser = as_user(participant)
    state = squash(text(browser.get(f"/queue/tickets/{ticket.pk}/state/")))
    assert "<strong>Ada Lovelace</strong> claimed this ticket" in state
    assert "<html" not in state  # the fragment alone

    browser.post(status_url(ticket), {"status": "CLOSED"})
    page = text(browser.get(f"/queue/tickets/{ticket.pk}/"))
    assert "Rate Ada Lovelace" in page
    assert "hx-trigger" not in page  # a closed ticket stops polling

    response = browser.post(
        f"/queue/tickets/{ticket.pk}/feedback/", {"rating": "5", "comments": "Great"}
    )
    assert response.status_code == 302
    assert Feedback.objects.get(ticket=ticket).rating == 5
    assert "Thank you for rating Ada Lovelace" in text(browser.get(response["Location"]))


def test_feedback_refusals_are_shown(clock, participant, mentor):
    ticket = claimed_ticket(owner=participant, mentor=mentor)
    browser = as_user(participant)
    url = f"/queue/tickets/{ticket.pk}/feedback/"

    response = browser.post(url, {"rating": "4"}, follow=True)  # still claimed
    assert "Feedback is for closed tickets: this one is claimed." in text(response)

    browser.post(status_url(ticket), {"status": "CLOSED"})
    response = browser.post(url, {"comments": "no rating"})
    assert response.status_code == 400
    assert re.search(r'id="id_rating_error"><li>This field is required', text(response))

    browser.post(url, {"rating": "4"})
    response = browser.post(url, {"rating": "2"}, follow=True)
    assert "You already rated this ticket" in text(response)
    assert Feedback.objects.get(ticket=ticket).rating == 4


@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [
        ("get", "", None),
        ("get", "state/", None),
        ("post", "status/", {"status": "CANCELLED"}),
        ("post", "feedback/", {"rating": "5"}),
    ],
)
def test_other_peoples_tickets_are_not_found(
    clock, participant, other_participant, method, suffix, data
):
    ticket = TicketFactory(owner=other_participant)
    browser = as_user(participant)
    response = getattr(browser, method)(f"/queue/tickets/{ticket.pk}/{suffix}", data)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "No ticket with this id." in text(response)
    assert Ticket.objects.get(pk=ticket.pk).status == "OPEN"


def test_an_unknown_ticket_is_an_html_404(participant):
    response = as_user(participant).get("/queue/tickets/999999/")
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in text(response)


@pytest.mark.parametrize(
    "path", ["/queue/mentor/", "/queue/mentor/list/", "/queue/stats/", "/queue/roles/"]
)
def test_participants_may_not_open_the_staff_pages(participant, path):
    response = as_user(participant).get(path)
    assert response.status_code == 403
    assert "Not allowed" in text(response)


def test_mentors_see_no_stats_or_roles(mentor):
    browser = as_user(mentor)
    assert browser.get("/queue/stats/").status_code == 403
    assert browser.get("/queue/roles/").status_code == 403
    assert (
        browser.post("/queue/roles/", {"who": mentor.email, "role": "director"}).status_code == 403
    )
    mentor.refresh_from_db()
    assert mentor.queue_role == QueueRole.MENTOR


# --- Mentors --------------------------------------------------------------------------------------
def test_the_mentor_queue_lists_open_tickets_oldest_first_and_polls(clock, mentor, participant):
    first = TicketFactory(owner=participant, title="First problem", owner_name="Anonymous")
    clock.advance(minutes=2)
    TicketFactory(owner=participant, title="Second problem")
    page = text(as_user(mentor).get("/queue/mentor/"))
    assert page.index("First problem") < page.index("Second problem")
    assert 'hx-get="/queue/mentor/list/?v=' in page
    assert 'hx-trigger="every 5s"' in page
    assert f'hx-post="{status_url(first)}"' in page
    assert "Waiting (2)" in page
    assert "by Anonymous" in page  # the name the owner chose to show


def test_a_mentor_claims_from_the_queue_and_the_list_comes_back(clock, mentor, participant):
    ticket = TicketFactory(owner=participant, title="Segfault")
    response = htmx(as_user(mentor), status_url(ticket), {"status": "CLAIMED", "from": "queue"})
    html = squash(text(response))
    assert response.status_code == 200
    assert "<html" not in html
    assert "You claimed “Segfault”." in html
    assert 'hx-swap-oob="true"' in html
    assert "Waiting (0)" in html
    assert "Being helped (1)" in html
    assert "<strong>you</strong>" in html
    ticket.refresh_from_db()
    assert (ticket.status, ticket.mentor) == ("CLAIMED", mentor)


def test_two_mentors_claim_one_ticket_and_the_second_is_told_who_has_it(
    clock, mentor, other_mentor, participant
):
    ticket = TicketFactory(owner=participant, title="Segfault")
    ada, bob = as_user(mentor), as_user(other_mentor)
    # Both pages show the ticket as waiting; Ada's click arrives first.
    assert "Segfault" in text(bob.get("/queue/mentor/"))
    htmx(ada, status_url(ticket), {"status": "CLAIMED", "from": "queue"})
    response = htmx(bob, status_url(ticket), {"status": "CLAIMED", "from": "queue"})
    html = squash(text(response))
    assert "This ticket is already claimed by Ada Lovelace." in html
    assert 'role="alert"' in html
    assert "Being helped (1)" in html
    ticket.refresh_from_db()
    assert ticket.mentor == mentor
    # Without htmx: a redirect to the queue and the same reason as a message.
    response = bob.post(
        status_url(ticket), {"status": "CLAIMED", "next": "/queue/mentor/"}, follow=True
    )
    assert "This ticket is already claimed by Ada Lovelace." in text(response)


def test_the_losers_poll_shows_the_ticket_claimed(clock, mentor, other_mentor, participant):
    ticket = TicketFactory(owner=participant, title="Segfault")
    bob = as_user(other_mentor)
    assert "Waiting (1)" in text(bob.get("/queue/mentor/list/"))
    htmx(as_user(mentor), status_url(ticket), {"status": "CLAIMED", "from": "queue"})
    polled = squash(text(bob.get("/queue/mentor/list/", HTTP_HX_REQUEST="true")))
    assert "Waiting (0)" in polled
    assert "Ada Lovelace since" in polled


def test_its_mentor_releases_and_closes_another_mentor_may_not(
    clock, mentor, other_mentor, participant
):
    ticket = claimed_ticket(owner=participant, mentor=mentor)
    html = text(
        htmx(as_user(other_mentor), status_url(ticket), {"status": "CLOSED", "from": "queue"})
    )
    assert "Only the mentor who claimed this ticket or its owner can close it." in html
    html = text(
        htmx(as_user(other_mentor), status_url(ticket), {"status": "OPEN", "from": "queue"})
    )
    assert "Only the mentor who claimed this ticket can put it back in the queue." in html
    ticket.refresh_from_db()
    assert ticket.status == "CLAIMED"

    ada = as_user(mentor)
    html = text(htmx(ada, status_url(ticket), {"status": "OPEN", "from": "queue"}))
    assert "back in the queue" in html
    assert Ticket.objects.get(pk=ticket.pk).status == "OPEN"
    htmx(ada, status_url(ticket), {"status": "CLAIMED", "from": "queue"})
    html = text(htmx(ada, status_url(ticket), {"status": "CLOSED", "from": "queue"}))
    assert "is closed" in html
    assert Ticket.objects.get(pk=ticket.pk).status == "CLOSED"


def test_an_open_ticket_cannot_be_closed_and_an_unknown_status_is_refused(
    clock, mentor, participant
):
    ticket = TicketFactory(owner=participant)
    ada = as_user(mentor)
    html = text(htmx(ada, status_url(ticket), {"status": "CLOSED", "from": "queue"}))
    assert "An open ticket cannot be closed" in html
    html = text(htmx(ada, status_url(ticket), {"status": "DONE", "from": "queue"}))
    assert "&quot;DONE&quot; is not a valid status" in html


def test_a_mentor_sees_any_ticket_page_and_claims_there(clock, mentor, participant):
    ticket = TicketFactory(owner=participant, title="Segfault")
    ada = as_user(mentor)
    page = text(ada.get(f"/queue/tickets/{ticket.pk}/"))
    assert ">Claim</button>" in page
    response = ada.post(status_url(ticket), {"status": "CLAIMED"}, follow=True)
    assert "You claimed “Segfault”." in text(response)
    assert "Put back in the queue" in text(response)


def test_the_poll_costs_the_same_queries_for_1_and_5_tickets(
    clock, mentor, participant, other_mentor
):
    ada = as_user(mentor)

    def poll_queries():
        with CaptureQueriesContext(connection) as queries:
            response = ada.get("/queue/mentor/list/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        return len(queries)

    TicketFactory(owner=participant)
    one = poll_queries()
    for _ in range(2):
        TicketFactory(owner=make_user())
        claimed_ticket(owner=make_user(), mentor=other_mentor)
    assert "Waiting (3)" in text(ada.get("/queue/mentor/list/"))
    assert poll_queries() == one
    assert one <= 4  # the session, the user, the tickets, the recent average wait


def test_the_queue_escapes_what_people_typed_and_cuts_long_comments(
    clock, mentor, other_mentor, participant
):
    TicketFactory(
        owner=participant,
        title="<b>bold</b>",
        comment="x" * 139 + "<i>",
        contact="<script>",
        location="T&7",
        owner_name='"Anon"',
    )
    claimed_ticket(owner=participant, mentor=other_mentor, title="<u>claimed</u>", location="")
    html = text(as_user(mentor).get("/queue/mentor/list/"))
    assert "<b>" not in html and "<script>" not in html and "<u>" not in html
    assert "<strong>&lt;b&gt;bold&lt;/b&gt;</strong>" in html
    assert '<span class="sr-only"> &lt;b&gt;bold&lt;/b&gt;</span>' in html
    assert "x" * 139 + "…</span>" in html
    assert "T&amp;7<br>&lt;script&gt;" in html
    assert "by &quot;Anon&quot;" in html
    assert "<td>\N{EN DASH}<br>" in html  # no location


def poll_path(html: str) -> str:
    """The list's URL as the page holds it, with the version of the queue it shows."""
    [path] = re.findall(r'hx-get="(/queue/mentor/list/\?v=[0-9a-f]+)"', html)
    return path


def test_the_poll_is_204_until_the_queue_changes(
    clock, mentor, other_mentor, participant, other_participant
):
    ada, bob = as_user(mentor), as_user(other_mentor)
    first = TicketFactory(owner=participant, title="First problem")
    path = poll_path(text(ada.get("/queue/mentor/")))

    def poll():
        nonlocal path
        response = ada.get(path, HTTP_HX_REQUEST="true")
        if response.status_code == 200:
            path = poll_path(text(response))
        return response

    def change(user, ticket, status):
        services.change_ticket_status(user=user, ticket_id=ticket.pk, status=status)

    unchanged = poll()
    assert (unchanged.status_code, unchanged.content) == (204, b"")
    clock.advance(minutes=3)  # the list shows clock times: time alone changes nothing
    assert poll().status_code == 204

    third = TicketFactory(owner=other_participant, title="Third problem")
    assert poll().status_code == 200
    steps = [
        ("a new ticket", lambda: TicketFactory(owner=other_participant, title="Second problem")),
        ("a claim", lambda: change(other_mentor, first, "CLAIMED")),
        ("a release", lambda: change(other_mentor, first, "OPEN")),
        ("a claim again", lambda: change(other_mentor, first, "CLAIMED")),
        ("a close", lambda: change(other_mentor, first, "CLOSED")),
        ("a cancel", lambda: change(other_participant, third, "CANCELLED")),
    ]
    for name, step in steps:
        before = squash(text(ada.get("/queue/mentor/list/")))
        step()
        response = poll()
        assert response.status_code == 200, name
        assert squash(text(response)) != before, name
        assert poll().status_code == 204, name
    html = squash(text(ada.get("/queue/mentor/list/")))
    assert "Waiting (1)" in html and "Being helped (0)" in html
    assert "Second problem" in html and "First problem" not in html

    # On the frozen clock, between two polls, Bob releases a ticket and Ada claims it: the
    # same tickets in the same states, claimed at the same instant, by another mentor.
    second = Ticket.objects.get(title="Second problem")
    change(other_mentor, second, "CLAIMED")
    assert poll().status_code == 200
    change(other_mentor, second, "OPEN")
    change(mentor, second, "CLAIMED")
    response = poll()
    assert response.status_code == 200
    assert "<strong>you</strong> since" in squash(text(response))
    assert bob.get(path, HTTP_HX_REQUEST="true").status_code == 204  # one version for all


def test_a_claim_from_the_queue_answers_the_list_with_its_new_version(clock, mentor, participant):
    ticket = TicketFactory(owner=participant, title="Segfault")
    ada = as_user(mentor)
    held = poll_path(text(ada.get("/queue/mentor/")))
    response = htmx(ada, status_url(ticket), {"status": "CLAIMED", "from": "queue", "v": "x"})
    assert response.status_code == 200
    fresh = poll_path(text(response))
    assert fresh != held
    assert ada.get(fresh, HTTP_HX_REQUEST="true").status_code == 204
    assert ada.get(held, HTTP_HX_REQUEST="true").status_code == 200


def test_an_unchanged_poll_costs_three_queries_whatever_the_queue(
    clock, mentor, participant, other_mentor
):
    ada = as_user(mentor)

    def unchanged_poll_queries():
        path = poll_path(text(ada.get("/queue/mentor/")))
        with CaptureQueriesContext(connection) as queries:
            response = ada.get(path, HTTP_HX_REQUEST="true")
        assert response.status_code == 204
        return len(queries)

    assert unchanged_poll_queries() == 3  # the session, the user, the version
    for _ in range(3):
        TicketFactory(owner=make_user())
        claimed_ticket(owner=make_user(), mentor=other_mentor)
    assert unchanged_poll_queries() == 3


def test_the_page_costs_the_same_queries_for_1_and_7_tickets(
    clock, mentor, participant, other_mentor
):
    ada = as_user(mentor)

    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            response = ada.get("/queue/mentor/")
        assert response.status_code == 200
        return len(queries)

    TicketFactory(owner=participant)
    one = page_queries()
    for _ in range(3):
        TicketFactory(owner=make_user())
        claimed_ticket(owner=make_user(), mentor=other_mentor)
    assert "Waiting (4)" in text(ada.get("/queue/mentor/"))
    assert page_queries() == one
    assert one <= 4  # the session, the user, the version, the tickets


# --- A director -----------------------------------------------------------------------------------
def test_the_director_sees_numbers_and_the_plot(clock, director, mentor, participant):
    closed_ticket(
        owner=participant,
        mentor=mentor,
        claimed_after=timedelta(minutes=4),
        closed_after=timedelta(minutes=20),
    )
    clock.advance(hours=2)
    claimed_ticket(owner=participant, mentor=mentor, after=timedelta(minutes=8))
    TicketFactory(owner=participant)
    page = squash(text(as_user(director).get("/queue/stats/")))
    assert "<dt>Tickets</dt><dd>3</dd>" in page
    assert "<dt>Closed</dt><dd>1</dd>" in page
    assert "<dt>Average wait for a mentor</dt><dd>6 min</dd>" in page
    assert "<dt>Average time to close</dt><dd>20 min</dd>" in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert (
        len(re.findall(r"<rect x=\S+ y=\S+ width=\S+ height=\S+><title>", svg)) == 2
    )  # two hours with tickets
    assert svg.count("<polyline") == 2
    assert re.search(r'class="wait" points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"', svg)


def test_the_stats_hours_are_in_the_directors_zone(clock, director, participant):
    TicketFactory(owner=participant)  # 12:00 UTC is 07:00 in New York (1 March 2027)
    director.time_zone = "America/New_York"
    director.save()
    page = text(as_user(director).get("/queue/stats/"))
    assert "<td>Mon 07:00</td>" in page
    assert ">07:00</text>" in page


def test_the_stats_page_without_tickets(director):
    page = text(as_user(director).get("/queue/stats/"))
    assert "No tickets yet" in page
    assert "<svg" not in page


def test_the_director_gives_roles(director, participant, other_participant):
    browser = as_user(director)
    response = browser.post("/queue/roles/", {"who": participant.email.upper(), "role": "mentor"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.queue_role == QueueRole.MENTOR
    page = text(browser.get("/queue/roles/"))
    assert "is now Mentor" in page
    assert participant.email in page

    response = browser.post(
        "/queue/roles/", {"who": other_participant.username, "role": "organizer"}
    )
    other_participant.refresh_from_db()
    assert other_participant.queue_role == QueueRole.ORGANIZER


def test_role_refusals_are_shown_by_their_field(director):
    browser = as_user(director)
    response = browser.post("/queue/roles/", {"who": "nobody@example.org", "role": "mentor"})
    assert response.status_code == 400
    assert re.search(
        r'id="id_who_error"><li>No account has this email or username.', text(response)
    )
    response = browser.post("/queue/roles/", {"who": director.email, "role": "king"})
    assert response.status_code == 400
    assert re.search(r'id="id_role_error"><li>Select a valid choice', text(response))
