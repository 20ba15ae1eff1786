"""python manage.py set_queue_role EMAIL ROLE"""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.clients import client_for


def test_set_queue_role_by_email_any_case(participant):
    out = io.StringIO()
    call_command("set_queue_role", participant.email.upper(), "mentor", stdout=out)
    participant.refresh_from_db()
    assert participant.queue_role == "mentor"
    assert out.getvalue() == f"{participant.email} is now mentor.\n"


def test_set_queue_role_unknown_email(db):
    with pytest.raises(CommandError) as caught:
        call_command("set_queue_role", "ghost@x.com", "mentor")
    assert str(caught.value) == "No user with the email 'ghost@x.com'."


def test_set_queue_role_unknown_role_changes_nothing(participant):
    with pytest.raises(CommandError, match="is not a role"):
        call_command("set_queue_role", participant.email, "king")
    participant.refresh_from_db()
    assert participant.queue_role == "participant"


def test_promoted_user_sees_every_ticket(participant, other_participant):
    from tests.factories import TicketFactory

    TicketFactory(owner=other_participant)
    client = client_for(participant)
    assert client.get("/api/tickets/").json() == []
    call_command("set_queue_role", participant.email, "organizer", stdout=io.StringIO())
    assert len(client.get("/api/tickets/").json()) == 1
