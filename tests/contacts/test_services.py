"""Address books through contacts.services: add, edit, remove, and requests between users.

Every refusal also checks that nothing was written. How removal treats scheduling rounds in
depth (finalized rounds, re-adding, accounts) is in tests/scheduling/test_contact_removal.py.
"""

import pytest

from contacts import selectors, services
from contacts.models import Contact, ContactRequest
from core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from scheduling import services as scheduling
from tests.factories import UserFactory


def add(owner, **overrides):
    fields = {"first_name": "Ana", "last_name": "Lima", "email": "ana@uni.edu"}
    fields.update(overrides)
    return services.add_contact(owner=owner, **fields)


def book(owner):
    """The owner's contacts as (first name, last name, email, linked username)."""
    return [
        (c.first_name, c.last_name, c.email, c.user.username if c.user else None)
        for c in selectors.contacts_of(owner=owner)
    ]


def befriend(one, other):
    services.send_contact_request(requester=one, username=other.username)
    services.answer_contact_request(requested=other, username=one.username, accept=True)


@pytest.fixture
def owner(db):
    return UserFactory(username="owner")


@pytest.fixture
def ana_account(db):
    return UserFactory(username="ana", email="ana@uni.edu", first_name="Ana", last_name="Lima")


# --- add_contact --------------------------------------------------------------------------------
def test_add_contact_trims_the_fields_and_keeps_them(owner):
    contact = add(owner, first_name="  Ana ", last_name=" Lima ", email=" ana@uni.edu ")
    assert (contact.first_name, contact.last_name, contact.email) == ("Ana", "Lima", "ana@uni.edu")
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", None)]


def test_add_contact_links_the_account_with_that_email_in_any_case(owner, ana_account):
    add(owner, email="ANA@Uni.edu")
    assert book(owner) == [("Ana", "Lima", "ANA@Uni.edu", "ana")]


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"first_name": "  "}, {"first_name": ["This field is required."]}),
        (
            {"last_name": "x" * 151},
            {"last_name": ["Ensure this field has no more than 150 characters."]},
        ),
        ({"email": ""}, {"email": ["This field is required."]}),
        ({"email": "not-an-email"}, {"email": ["Enter a valid email address."]}),
        (
            {"first_name": "", "last_name": "", "email": "nope"},
            {
                "first_name": ["This field is required."],
                "last_name": ["This field is required."],
                "email": ["Enter a valid email address."],
            },
        ),
    ],
)
def test_add_contact_refuses_bad_fields_naming_each_and_writes_nothing(owner, overrides, errors):
    with pytest.raises(InvalidInput) as caught:
        add(owner, **overrides)
    assert caught.value.as_dict() == errors
    assert Contact.objects.count() == 0


def test_add_contact_refuses_an_email_already_in_the_book_in_any_case(owner):
    add(owner)
    with pytest.raises(InvalidInput) as caught:
        add(owner, first_name="Other", email="ANA@UNI.EDU")
    assert caught.value.as_dict() == {"email": ["A contact with this email already exists."]}
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", None)]


def test_the_same_email_may_be_in_two_owners_books(owner):
    other = UserFactory()
    add(owner)
    add(other)
    assert book(owner) == book(other) == [("Ana", "Lima", "ana@uni.edu", None)]


# --- update_contact -----------------------------------------------------------------------------
def test_update_contact_changes_only_the_given_fields(owner):
    contact = add(owner)
    services.update_contact(owner=owner, contact_id=contact.pk, last_name=" Souza ")
    assert book(owner) == [("Ana", "Souza", "ana@uni.edu", None)]


def test_update_contact_email_follows_the_account_of_the_new_email(owner, ana_account):
    contact = add(owner, email="old@uni.edu")
    services.update_contact(owner=owner, contact_id=contact.pk, email="ana@uni.edu")
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", "ana")]
    services.update_contact(owner=owner, contact_id=contact.pk, email="new@uni.edu")
    assert book(owner) == [("Ana", "Lima", "new@uni.edu", None)]


def test_update_contact_may_keep_its_own_email(owner):
    contact = add(owner)
    services.update_contact(owner=owner, contact_id=contact.pk, email="ANA@uni.edu")
    assert book(owner) == [("Ana", "Lima", "ANA@uni.edu", None)]


def test_update_contact_without_any_field_is_refused(owner):
    contact = add(owner)
    with pytest.raises(DomainError) as caught:
        services.update_contact(owner=owner, contact_id=contact.pk)
    assert (caught.value.code, caught.value.message) == ("no_input", "No input.")
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", None)]


def test_update_contact_refuses_bad_fields_and_writes_nothing(owner):
    contact = add(owner)
    with pytest.raises(InvalidInput) as caught:
        services.update_contact(owner=owner, contact_id=contact.pk, first_name=" ", email="x")
    assert caught.value.as_dict() == {
        "first_name": ["This field is required."],
        "email": ["Enter a valid email address."],
    }
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", None)]


def test_update_contact_refuses_the_email_of_another_entry(owner):
    add(owner)
    ben = add(owner, first_name="Ben", email="ben@uni.edu")
    with pytest.raises(InvalidInput) as caught:
        services.update_contact(owner=owner, contact_id=ben.pk, email="Ana@uni.edu")
    assert caught.value.as_dict() == {"email": ["A contact with this email already exists."]}
    assert book(owner) == [
        ("Ana", "Lima", "ana@uni.edu", None),
        ("Ben", "Lima", "ben@uni.edu", None),
    ]


def test_update_contact_of_another_owner_is_forbidden(owner):
    contact = add(UserFactory())
    with pytest.raises(Forbidden) as caught:
        services.update_contact(owner=owner, contact_id=contact.pk, first_name="Mine")
    assert caught.value.code == "contact_not_owned"
    assert Contact.objects.get().first_name == "Ana"


@pytest.mark.parametrize("contact_id", [999_999, "abc", None])
def test_update_contact_unknown_is_not_found(owner, contact_id):
    with pytest.raises(NotFound) as caught:
        services.update_contact(owner=owner, contact_id=contact_id, first_name="X")
    assert caught.value.code == "contact_not_found"


# --- delete_contact -----------------------------------------------------------------------------
def test_delete_contact_removes_the_entry(owner):
    contact = add(owner)
    kept = add(owner, first_name="Ben", email="ben@uni.edu")
    services.delete_contact(owner=owner, contact_id=contact.pk)
    assert list(selectors.contacts_of(owner=owner)) == [kept]


def test_delete_contact_of_another_owner_is_forbidden_and_keeps_it(owner):
    contact = add(UserFactory())
    with pytest.raises(Forbidden):
        services.delete_contact(owner=owner, contact_id=contact.pk)
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_delete_contact_unknown_is_not_found(owner):
    with pytest.raises(NotFound):
        services.delete_contact(owner=owner, contact_id=999_999)


def test_delete_contact_invited_to_an_open_round_is_refused_naming_it(owner):
    contact = add(owner)
    scheduling.create_calendar(owner=owner, name="Weekly", invitee_contact_ids=[contact.pk])
    with pytest.raises(Conflict) as caught:
        services.delete_contact(owner=owner, contact_id=contact.pk)
    assert caught.value.code == "invited_to_open_rounds"
    assert '"Weekly"' in caught.value.message
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", None)]


# --- Requests between users (seed 003's friends) ------------------------------------------------
def test_send_contact_request_is_pending_for_the_requested_user(owner, ana_account):
    request = services.send_contact_request(requester=owner, username=" ANA ")
    assert (request.requester, request.requested, request.status) == (
        owner,
        ana_account,
        ContactRequest.Status.PENDING,
    )
    assert list(selectors.pending_requests_for(user=ana_account)) == [request]
    assert list(selectors.pending_requests_for(user=owner)) == []


@pytest.mark.parametrize(
    ("username", "code", "message"),
    [
        ("nobody", "user_not_found", "User does not exist"),
        ("", "user_not_found", "User does not exist"),
        ("x" * 200, "user_not_found", "User does not exist"),
        ("owner", "self", "You cannot add yourself to your contacts"),
    ],
)
def test_send_contact_request_refusals(owner, username, code, message):
    with pytest.raises(DomainError) as caught:
        services.send_contact_request(requester=owner, username=username)
    assert (caught.value.code, caught.value.message) == (code, message)
    assert ContactRequest.objects.count() == 0


def test_send_contact_request_twice_is_refused(owner, ana_account):
    services.send_contact_request(requester=owner, username="ana")
    with pytest.raises(DomainError) as caught:
        services.send_contact_request(requester=owner, username="ana")
    assert caught.value.code == "already_sent"
    assert ContactRequest.objects.count() == 1


def test_send_contact_request_back_while_one_waits_is_refused(owner, ana_account):
    services.send_contact_request(requester=owner, username="ana")
    with pytest.raises(DomainError) as caught:
        services.send_contact_request(requester=ana_account, username="owner")
    assert (caught.value.code, caught.value.message) == (
        "reverse_pending",
        "This user has already sent you a request",
    )
    assert ContactRequest.objects.count() == 1


def test_send_contact_request_to_a_friend_is_refused(owner, ana_account):
    befriend(owner, ana_account)
    with pytest.raises(DomainError) as caught:
        services.send_contact_request(requester=ana_account, username="owner")
    assert caught.value.code == "already_friends"
    assert list(selectors.pending_requests_for(user=owner)) == []


def test_accepting_makes_each_a_contact_of_the_other(owner, ana_account):
    services.send_contact_request(requester=owner, username="ana")
    request = services.answer_contact_request(requested=ana_account, username="owner", accept=True)
    assert request.status == ContactRequest.Status.ACCEPTED
    assert request.answered_at is not None
    assert selectors.friends_of(user=owner) == ["ana"]
    assert selectors.friends_of(user=ana_account) == ["owner"]
    assert list(selectors.pending_requests_for(user=ana_account)) == []


def test_accepting_links_an_existing_entry_with_that_email_instead_of_adding_one(
    owner, ana_account
):
    add(owner, first_name="Ana (uni)")
    befriend(owner, ana_account)
    assert book(owner) == [("Ana (uni)", "Lima", "ana@uni.edu", "ana")]


def test_rejecting_adds_no_contact_and_a_new_request_may_follow(owner, ana_account):
    services.send_contact_request(requester=owner, username="ana")
    request = services.answer_contact_request(requested=ana_account, username="owner", accept=False)
    assert request.status == ContactRequest.Status.REJECTED
    assert selectors.friends_of(user=owner) == selectors.friends_of(user=ana_account) == []
    again = services.send_contact_request(requester=owner, username="ana")
    assert (again.pk, again.status, again.answered_at) == (
        request.pk,
        ContactRequest.Status.PENDING,
        None,
    )


@pytest.mark.parametrize(
    ("username", "code"), [("owner", "no_request"), ("nobody", "user_not_found")]
)
def test_answering_without_a_pending_request_is_refused(owner, ana_account, username, code):
    with pytest.raises(DomainError) as caught:
        services.answer_contact_request(requested=ana_account, username=username, accept=True)
    assert caught.value.code == code
    assert Contact.objects.count() == 0


def test_the_requester_cannot_answer_its_own_request(owner, ana_account):
    services.send_contact_request(requester=owner, username="ana")
    with pytest.raises(DomainError) as caught:
        services.answer_contact_request(requested=owner, username="ana", accept=True)
    assert caught.value.code == "no_request"
    assert selectors.friends_of(user=owner) == []


def test_remove_friend_ends_both_entries_and_the_requests(owner, ana_account):
    befriend(owner, ana_account)
    assert services.remove_friend(user=ana_account, username="OWNER") == owner
    assert selectors.friends_of(user=owner) == selectors.friends_of(user=ana_account) == []
    assert ContactRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("username", "code"),
    [("ana", "not_friends"), ("owner", "not_friends"), ("nobody", "user_not_found")],
)
def test_remove_friend_refusals(owner, ana_account, username, code):
    with pytest.raises(DomainError) as caught:
        services.remove_friend(user=owner, username=username)
    assert caught.value.code == code


def test_remove_friend_invited_to_the_callers_open_round_is_refused_and_keeps_both(
    owner, ana_account
):
    befriend(owner, ana_account)
    entry = Contact.objects.get(owner=owner)
    scheduling.create_calendar(owner=owner, name="Weekly", invitee_contact_ids=[entry.pk])
    with pytest.raises(Conflict) as caught:
        services.remove_friend(user=owner, username="ana")
    assert caught.value.code == "invited_to_open_rounds"
    assert selectors.friends_of(user=owner) == ["ana"]
    assert selectors.friends_of(user=ana_account) == ["owner"]


# --- Seed 004: add and remove an account by email -----------------------------------------------
def test_add_contact_by_email_adds_the_account(owner, ana_account):
    contact = services.add_contact_by_email(owner=owner, email=" ANA@uni.edu ")
    assert contact.user == ana_account
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", "ana")]


def test_add_contact_by_email_names_an_account_without_a_first_name_by_its_username(owner):
    UserFactory(username="cy", email="cy@uni.edu", first_name="", last_name="")
    services.add_contact_by_email(owner=owner, email="cy@uni.edu")
    assert book(owner) == [("cy", "", "cy@uni.edu", "cy")]


@pytest.mark.parametrize(
    ("email", "code", "message"),
    [
        ("nobody@uni.edu", "user_not_found", "A user with that email does not exist."),
        ("", "user_not_found", "A user with that email does not exist."),
        ("owner@example.com", "self", "You cannot add yourself as a contact."),
        ("ana@uni.edu", "duplicate", "You cannot add the same contact twice."),
    ],
)
def test_add_contact_by_email_refusals(owner, ana_account, email, code, message):
    services.add_contact_by_email(owner=owner, email="ana@uni.edu")
    with pytest.raises(DomainError) as caught:
        services.add_contact_by_email(owner=owner, email=email)
    assert (caught.value.code, caught.value.message) == (code, message)
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", "ana")]


def test_remove_contact_by_email_removes_the_entry(owner, ana_account):
    services.add_contact_by_email(owner=owner, email="ana@uni.edu")
    services.remove_contact_by_email(owner=owner, email="Ana@Uni.edu")
    assert book(owner) == []


@pytest.mark.parametrize(
    ("email", "code"),
    [
        ("nobody@uni.edu", "user_not_found"),
        ("owner@example.com", "self"),
        ("ana@uni.edu", "not_a_contact"),
    ],
)
def test_remove_contact_by_email_refusals(owner, ana_account, email, code):
    kept = add(owner, first_name="Ben", email="ben@uni.edu")
    with pytest.raises(DomainError) as caught:
        services.remove_contact_by_email(owner=owner, email=email)
    assert caught.value.code == code
    assert list(selectors.contacts_of(owner=owner)) == [kept]


def test_remove_contact_by_email_invited_to_an_open_round_is_refused(owner, ana_account):
    contact = services.add_contact_by_email(owner=owner, email="ana@uni.edu")
    scheduling.create_calendar(owner=owner, name="Weekly", invitee_contact_ids=[contact.pk])
    with pytest.raises(DomainError) as caught:
        services.remove_contact_by_email(owner=owner, email="ana@uni.edu")
    assert caught.value.code == "invited_to_open_rounds"
    assert book(owner) == [("Ana", "Lima", "ana@uni.edu", "ana")]
