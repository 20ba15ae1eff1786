"""Address-book writes through contacts.services: each refusal with its code and field, and
nothing changed by a refused request."""

import datetime as dt

import pytest

from contacts import services
from contacts.models import Contact, ContactRequest
from core.errors import Conflict, DomainError, InvalidInput
from scheduling import services as scheduling
from tests.factories import UserFactory


def add(owner, first="Ana", last="Lee", email="ana@uni.edu"):
    return services.add_contact(owner=owner, first_name=first, last_name=last, email=email)


def test_add_contact_links_the_account_with_that_email_in_any_case(user, other_user):
    contact = add(user, email=f"  {other_user.email.upper()} ")
    assert (contact.email, contact.user) == (other_user.email.upper(), other_user)


def test_add_contact_reports_every_problem_on_its_field(user):
    with pytest.raises(InvalidInput) as refused:
        services.add_contact(owner=user, first_name=" ", last_name="x" * 151, email="nope")
    assert refused.value.as_dict() == {
        "first_name": ["This field is required."],
        "last_name": ["Ensure this field has no more than 150 characters."],
        "email": ["Enter a valid email address."],
    }
    assert [p.code for p in refused.value.problems] == ["required", "max_length", "invalid"]
    assert not Contact.objects.exists()


def test_an_email_is_in_an_owners_book_once_in_any_case(user, other_user):
    add(user)
    with pytest.raises(InvalidInput) as refused:
        add(user, email="ANA@uni.edu")
    assert (refused.value.code, refused.value.field) == ("duplicate", "email")
    add(other_user)  # another owner's book is another book
    assert Contact.objects.count() == 2


def test_update_contact_without_input_is_refused(user):
    contact = add(user)
    with pytest.raises(DomainError) as refused:
        services.update_contact(owner=user, contact_id=contact.pk)
    assert refused.value.code == "no_input"


def test_update_contact_follows_the_new_emails_account(user, other_user):
    contact = add(user)
    updated = services.update_contact(owner=user, contact_id=contact.pk, email=other_user.email)
    assert updated.user == other_user


def test_delete_contact_is_refused_while_invited_to_an_open_round(user, clock):
    contact = add(user)
    scheduling.create_calendar(
        owner=user,
        name="Interviews",
        deadline=dt.datetime(2027, 3, 5, 17),  # noqa: DTZ001 (wall clock in the calendar's zone)
        invitee_contact_ids=[contact.pk],
    )
    with pytest.raises(Conflict) as refused:
        services.delete_contact(owner=user, contact_id=contact.pk)
    assert refused.value.code == "invited_to_open_rounds"
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_contact_requests_between_users(user, other_user):
    request = services.send_contact_request(requester=user, username=other_user.username)
    assert request.status == ContactRequest.Status.PENDING
    with pytest.raises(DomainError) as again:
        services.send_contact_request(requester=user, username=other_user.username)
    with pytest.raises(DomainError) as reverse:
        services.send_contact_request(requester=other_user, username=user.username)
    assert (again.value.code, reverse.value.code) == ("already_sent", "reverse_pending")

    services.answer_contact_request(requested=other_user, username=user.username, accept=True)
    assert set(Contact.objects.values_list("owner", "user")) == {
        (user.pk, other_user.pk),
        (other_user.pk, user.pk),
    }
    with pytest.raises(DomainError) as friends:
        services.send_contact_request(requester=user, username=other_user.username)
    assert friends.value.code == "already_friends"


@pytest.mark.parametrize("username", ["nobody", "", None, "x" * 50_000])
def test_a_request_to_no_account_is_refused(user, username):
    with pytest.raises(DomainError) as refused:
        services.send_contact_request(requester=user, username=username)
    assert refused.value.code == "user_not_found"
    assert not ContactRequest.objects.exists()


def test_requests_to_oneself_and_answers_without_a_request_are_refused(user, other_user):
    with pytest.raises(DomainError) as self_request:
        services.send_contact_request(requester=user, username=user.username)
    with pytest.raises(DomainError) as no_request:
        services.answer_contact_request(requested=user, username=other_user.username, accept=True)
    assert (self_request.value.code, no_request.value.code) == ("self", "no_request")


def test_remove_friend_removes_both_entries_and_the_requests(user, other_user):
    services.send_contact_request(requester=user, username=other_user.username)
    services.answer_contact_request(requested=other_user, username=user.username, accept=True)
    assert services.remove_friend(user=user, username=other_user.username) == other_user
    assert (Contact.objects.count(), ContactRequest.objects.count()) == (0, 0)
    with pytest.raises(DomainError) as refused:
        services.remove_friend(user=user, username=other_user.username)
    assert refused.value.code == "not_friends"


def test_add_and_remove_by_email_refuse_on_the_contact_email_field(user, other_user):
    third = UserFactory()
    services.add_contact_by_email(owner=user, email=other_user.email)
    refusals = []
    for call, email in [
        (services.add_contact_by_email, "nobody@uni.edu"),
        (services.add_contact_by_email, user.email),
        (services.add_contact_by_email, other_user.email),
        (services.remove_contact_by_email, "nobody@uni.edu"),
        (services.remove_contact_by_email, user.email),
        (services.remove_contact_by_email, third.email),
    ]:
        with pytest.raises(DomainError) as refused:
            call(owner=user, email=email)
        refusals.append((refused.value.code, refused.value.field))
    assert refusals == [
        ("user_not_found", "contact_email"),
        ("self", "contact_email"),
        ("duplicate", "contact_email"),
        ("user_not_found", "contact_email"),
        ("self", "contact_email"),
        ("not_a_contact", "contact_email"),
    ]
    assert list(Contact.objects.values_list("owner", "user")) == [(user.pk, other_user.pk)]
