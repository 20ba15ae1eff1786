"""Address-book changes never delete or alter what a round recorded (issue 10, item 4).

Service level: removing a contact detaches its invitations (finalized rounds) or is refused
(open rounds of the owner); unfriending leaves the other user's rounds alone; edits reach open
rounds only; accounts that hold other people's history cannot be deleted.
"""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db.models import ProtectedError, RestrictedError

from contacts.models import Contact, ContactRequest
from contacts.services import (
    add_contact,
    add_user_as_contact,
    answer_contact_request,
    delete_contact,
    remove_contact_by_email,
    remove_friend,
    send_contact_request,
    update_contact,
)
from core.errors import Conflict, DomainError
from scheduling import selectors, services
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from scheduling.tokens import token_for
from tests.factories import SessionFactory, UserFactory, claimed_ticket


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute)  # noqa: DTZ001 (wall clock in the calendar's zone)


def new_round(owner, contacts, name="Interviews"):
    return services.create_calendar(
        owner=owner,
        name=name,
        deadline=at(5, 17),
        invitee_contact_ids=[c.pk for c in contacts],
        slots=[services.SlotInput(at(8, 9), at(8, 12), 3)],
    )


def answer(calendar, contact):
    invitation = calendar.invitations.get(contact=contact)
    services.submit_answer(
        calendar_id=calendar.pk,
        token=token_for(invitation.token_nonce),
        slots=[services.SlotInput(at(8, 10), at(8, 11), 2)],
    )
    return invitation


def finalize(owner, calendar, contact):
    return services.finalize_calendar(
        owner=owner,
        calendar_id=calendar.pk,
        meetings=[services.MeetingInput(contact.pk, at(8, 10), at(8, 10, 30))],
    )


def recorded():
    """What the rounds recorded: invitations (without their contact link), windows, meetings."""
    return (
        list(Invitation.objects.values().order_by("pk")),
        list(AvailabilityWindow.objects.values().order_by("pk")),
        list(Meeting.objects.values().order_by("pk")),
        list(Calendar.objects.values("pk", "finalized").order_by("pk")),
    )


def without_contact_link(rows):
    invitations, *rest = rows
    return ([{k: v for k, v in i.items() if k != "contact_id"} for i in invitations], *rest)


@pytest.fixture
def ana(user):
    return add_contact(owner=user, first_name="Ana", last_name="Lee", email="ana@uni.edu")


# --- Removing a contact --------------------------------------------------------------------------
def test_removing_a_contact_keeps_the_finalized_meeting_and_answer(user, ana, clock):
    calendar = new_round(user, [ana])
    answer(calendar, ana)
    finalize(user, calendar, ana)
    before = recorded()

    delete_contact(owner=user, contact_id=ana.pk)

    assert not Contact.objects.filter(pk=ana.pk).exists()
    assert without_contact_link(recorded()) == without_contact_link(before)
    invitation = Invitation.objects.get()
    assert (invitation.contact_id, invitation.full_name, invitation.email) == (
        None,
        "Ana Lee",
        "ana@uni.edu",
    )
    [meeting] = selectors.calendar_meetings(calendar=calendar)
    assert (meeting.invitation.full_name, meeting.status) == ("Ana Lee", Meeting.Status.FINAL)


def test_removing_a_contact_invited_to_an_open_round_is_refused_naming_it(user, ana, clock):
    new_round(user, [ana], name="Interviews")
    answered = new_round(user, [ana], name="Office hours")
    answer(answered, ana)
    finalize(user, new_round(user, [ana], name="Done"), ana)
    before = recorded()

    with pytest.raises(Conflict) as caught:
        delete_contact(owner=user, contact_id=ana.pk)

    assert caught.value.code == "invited_to_open_rounds"
    assert caught.value.message == (
        'Ana Lee is invited to rounds that are not finalized: "Interviews", "Office hours". '
        "Remove them from those rounds first."
    )
    assert Contact.objects.filter(pk=ana.pk).exists()
    assert recorded() == before


def test_a_contact_removed_from_its_open_rounds_can_then_be_removed(user, ana, clock):
    calendar = new_round(user, [ana])
    services.update_calendar(
        owner=user, calendar_id=calendar.pk, remove_invitee_contact_ids=[ana.pk]
    )
    delete_contact(owner=user, contact_id=ana.pk)
    assert not Contact.objects.exists()


def test_the_link_of_a_finalized_rounds_removed_contact_still_opens_read_only(user, ana, clock):
    calendar = new_round(user, [ana])
    invitation = answer(calendar, ana)
    finalize(user, calendar, ana)
    delete_contact(owner=user, contact_id=ana.pk)
    token = token_for(invitation.token_nonce)
    assert selectors.invitation_by_token(calendar_id=calendar.pk, token=token).pk == invitation.pk
    with pytest.raises(DomainError) as caught:
        services.submit_answer(calendar_id=calendar.pk, token=token, slots=[])
    assert caught.value.code == "finalized"


def test_a_bare_delete_of_an_invited_contact_is_refused_by_the_model(user, ana, clock):
    new_round(user, [ana])
    with pytest.raises(RestrictedError):
        ana.delete()
    assert Invitation.objects.get().contact_id == ana.pk


def test_remove_by_email_follows_the_same_rules(user, other_user, clock):
    contact = add_user_as_contact(owner=user, user=other_user)
    calendar = new_round(user, [contact])
    with pytest.raises(DomainError) as caught:
        remove_contact_by_email(owner=user, email=other_user.email)
    assert (caught.value.code, caught.value.field) == ("invited_to_open_rounds", "contact_email")
    answer(calendar, contact)
    finalize(user, calendar, contact)
    remove_contact_by_email(owner=user, email=other_user.email)
    invitation = Invitation.objects.get()
    assert (invitation.contact_id, invitation.user_id) == (None, other_user.pk)
    # The invitee still sees their meeting.
    assert [m.pk for m in selectors.home(user=other_user)["meetings_as_invitee"]] == [
        Meeting.objects.get().pk
    ]


# --- Editing a contact ---------------------------------------------------------------------------
def test_contact_edits_reach_open_rounds_only(user, ana, clock):
    done = new_round(user, [ana], name="Done")
    answer(done, ana)
    finalize(user, done, ana)
    open_round = new_round(user, [ana], name="Open")

    update_contact(owner=user, contact_id=ana.pk, first_name="Anna", email="anna@uni.edu")

    assert Invitation.objects.values_list("calendar__name", "first_name", "email").order_by(
        "pk"
    ).get(calendar=done) == ("Done", "Ana", "ana@uni.edu")
    assert Invitation.objects.values_list("first_name", "email").get(calendar=open_round) == (
        "Anna",
        "anna@uni.edu",
    )


def test_linking_a_contact_to_an_account_reaches_its_open_invitations(user, clock):
    invitee = UserFactory(email="ana@uni.edu")
    contact = add_contact(owner=user, first_name="Ana", last_name="Lee", email="ana@other.edu")
    calendar = new_round(user, [contact])
    assert calendar.invitations.get().user_id is None
    update_contact(owner=user, contact_id=contact.pk, email="ana@uni.edu")
    assert calendar.invitations.get().user_id == invitee.pk
    assert selectors.calendar_for_member(user=invitee, calendar_id=calendar.pk)[1] is not None


# --- Unfriending ---------------------------------------------------------------------------------
def befriend(a, b):
    send_contact_request(requester=a, username=b.username)
    answer_contact_request(requested=b, username=a.username, accept=True)


def test_unfriending_leaves_the_other_users_rounds_alone(user, other_user, clock):
    befriend(user, other_user)
    # other_user's open round, where user answered, and other_user's finalized round with user.
    theirs = Contact.objects.get(owner=other_user, user=user)
    open_round = new_round(other_user, [theirs], name="Their open round")
    services.add_window(
        actor=user,
        calendar_id=open_round.pk,
        slot=services.SlotInput(at(8, 10), at(8, 11), 3),
    )
    done = new_round(other_user, [theirs], name="Their finalized round")
    answer(done, theirs)
    finalize(other_user, done, theirs)
    before = recorded()

    remove_friend(user=user, username=other_user.username)

    assert not Contact.objects.exists()
    assert not ContactRequest.objects.exists()
    assert without_contact_link(recorded()) == without_contact_link(before)
    # user is still invited to the open round, with their answer, and may still change it.
    _, invitation = selectors.calendar_for_member(user=user, calendar_id=open_round.pk)
    assert [w.start for w in invitation.windows.all()] == [
        dt.datetime(2027, 3, 8, 10, tzinfo=dt.UTC)
    ]
    services.add_window(
        actor=user,
        calendar_id=open_round.pk,
        slot=services.SlotInput(at(8, 11), at(8, 12), 1),
    )
    # The owner can still schedule and finalize the open round with them.
    services.generate_draft_schedule(owner=other_user, calendar_id=open_round.pk)
    [meeting] = services.finalize_draft(owner=other_user, calendar_id=open_round.pk)
    assert meeting.invitation.user_id == user.pk


def test_unfriending_is_refused_while_the_friend_is_invited_to_my_open_round(
    user, other_user, clock
):
    befriend(user, other_user)
    mine = Contact.objects.get(owner=user, user=other_user)
    new_round(user, [mine], name="My round")
    before = (recorded(), list(Contact.objects.values()), list(ContactRequest.objects.values()))

    with pytest.raises(Conflict) as caught:
        remove_friend(user=user, username=other_user.username)

    assert '"My round"' in caught.value.message
    after = (recorded(), list(Contact.objects.values()), list(ContactRequest.objects.values()))
    assert after == before


def test_a_removed_invitee_readded_is_not_invited_twice(user, other_user, clock):
    befriend(user, other_user)
    theirs = Contact.objects.get(owner=other_user, user=user)
    calendar = new_round(other_user, [theirs])
    remove_friend(user=user, username=other_user.username)
    with pytest.raises(DomainError) as caught:
        services.invite_user(owner=other_user, calendar_id=calendar.pk, user_id=user.pk)
    assert caught.value.code == "already_invited"
    again = add_user_as_contact(owner=other_user, user=user)
    with pytest.raises(DomainError) as caught:
        services.update_calendar(
            owner=other_user, calendar_id=calendar.pk, add_invitee_contact_ids=[again.pk]
        )
    assert caught.value.code == "already_invited"
    assert list(calendar.invitations.values_list("contact_id", "user_id")) == [(again.pk, user.pk)]


def test_an_account_readded_takes_back_its_open_invitations_only(user, other_user, clock):
    befriend(user, other_user)
    theirs = Contact.objects.get(owner=other_user, user=user)
    open_round = new_round(other_user, [theirs], name="Open")
    done = new_round(other_user, [theirs], name="Done")
    answer(done, theirs)
    finalize(other_user, done, theirs)
    remove_friend(user=user, username=other_user.username)
    assert set(Invitation.objects.values_list("contact_id", flat=True)) == {None}

    again = add_contact(owner=other_user, first_name="Al", last_name="Ex", email=user.email)

    assert Invitation.objects.get(calendar=open_round).contact_id == again.pk
    assert Invitation.objects.get(calendar=done).contact_id is None
    assert Invitation.objects.get(calendar=done).first_name == theirs.first_name


# --- Accounts ------------------------------------------------------------------------------------
def test_an_account_that_owns_rounds_cannot_be_deleted(user, ana, clock):
    new_round(user, [ana])
    with pytest.raises(ProtectedError):
        user.delete()
    assert Calendar.objects.count() == 1


def test_deleting_an_invitee_account_keeps_their_invitation(user, other_user, clock):
    contact = add_user_as_contact(owner=user, user=other_user)
    calendar = new_round(user, [contact])
    answer(calendar, contact)
    finalize(user, calendar, contact)
    email = other_user.email
    other_user.delete()
    invitation = Invitation.objects.get()
    assert (invitation.user_id, invitation.email) == (None, email)
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_an_account_with_sessions_cannot_be_deleted(db, side):
    session = SessionFactory()
    with pytest.raises(ProtectedError):
        getattr(session, side).delete()
    session.refresh_from_db()


@pytest.mark.parametrize("side", ["owner", "mentor"])
def test_an_account_with_tickets_cannot_be_deleted(db, clock, side):
    ticket = claimed_ticket(mentor=UserFactory())
    with pytest.raises(ProtectedError):
        getattr(ticket, side).delete()
    ticket.refresh_from_db()
    assert ticket.mentor_id is not None


def test_an_account_with_nothing_shared_can_still_be_deleted(db, clock):
    lonely = UserFactory()
    lonely.delete()
    assert not type(lonely).objects.filter(pk=lonely.pk).exists()


# --- The data migration --------------------------------------------------------------------------
def test_migration_copies_each_invitee_onto_their_invitation(user, other_user, clock):
    contact = add_user_as_contact(owner=user, user=other_user)
    new_round(user, [contact])
    Invitation.objects.update(first_name="", last_name="", email="", user=None)
    migration = importlib.import_module("scheduling.migrations.0003_invitee_snapshot")
    migration.copy_invitees(apps, None)
    invitation = Invitation.objects.get()
    assert (
        invitation.first_name,
        invitation.last_name,
        invitation.email,
        invitation.user_id,
    ) == (contact.first_name, contact.last_name, contact.email, other_user.pk)
