"""Seed 001 contacts: GET/POST/PATCH/DELETE /schedules/contacts/."""

import pytest

from contacts.models import Contact
from contacts.services import add_contact
from tests.factories import UserFactory

URL = "/schedules/contacts/"


@pytest.fixture
def ana(user):
    return add_contact(owner=user, first_name="Ana", last_name="Lee", email="ana@uni.edu")


def test_contacts_list_shape_and_only_own(bearer, user, ana, other_user):
    add_contact(owner=other_user, first_name="Zed", last_name="X", email="zed@uni.edu")
    response = bearer.get(URL)
    assert response.status_code == 200
    assert response.json() == [
        {"id": ana.pk, "first_Name": "Ana", "last_Name": "Lee", "email": "ana@uni.edu"}
    ]


def test_contacts_list_query_count_does_not_grow(bearer, user, django_assert_num_queries):
    add_contact(owner=user, first_name="A", last_name="A", email="a@x.com")
    with django_assert_num_queries(2):  # the JWT's user, the contacts
        assert len(bearer.get(URL).json()) == 1
    for name in ("b", "c"):
        add_contact(owner=user, first_name=name, last_name=name, email=f"{name}@x.com")
    with django_assert_num_queries(2):
        assert len(bearer.get(URL).json()) == 3


def test_contact_add_returns_201_and_links_account(bearer, user):
    account = UserFactory(email="Known@Uni.edu")
    response = bearer.post(
        URL, {"first_Name": "Kay", "last_Name": "Known", "email": "known@uni.edu"}, format="json"
    )
    assert response.status_code == 201
    contact = Contact.objects.get()
    assert response.json() == {
        "id": contact.pk,
        "first_Name": "Kay",
        "last_Name": "Known",
        "email": "known@uni.edu",
    }
    assert contact.user == account


def test_contact_add_refuses_duplicate_email_any_case(bearer, ana):
    response = bearer.post(
        URL, {"first_Name": "A", "last_Name": "B", "email": "ANA@uni.edu"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"email": ["A contact with this email already exists."]}
    assert Contact.objects.count() == 1


def test_contact_add_same_email_as_another_users_contact_is_fine(bearer, other_user):
    add_contact(owner=other_user, first_name="A", last_name="B", email="shared@uni.edu")
    response = bearer.post(
        URL, {"first_Name": "A", "last_Name": "B", "email": "shared@uni.edu"}, format="json"
    )
    assert response.status_code == 201


def test_contact_add_validation(bearer):
    response = bearer.post(URL, {"email": "not-an-email"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "first_Name": ["This field is required."],
        "last_Name": ["This field is required."],
        "email": ["Enter a valid email address."],
    }


def test_contact_update(bearer, ana):
    response = bearer.patch(URL, {"contact_id": ana.pk, "first_Name": "Anna"}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "contact_id": ana.pk,
        "first_Name": "Anna",
        "last_Name": "Lee",
        "email": "ana@uni.edu",
    }


def test_contact_update_no_input(bearer, ana):
    response = bearer.patch(URL, {"contact_id": ana.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["No input."]}


def test_contact_update_bad_email_and_long_name(bearer, ana):
    response = bearer.patch(
        URL, {"contact_id": ana.pk, "email": "nope", "last_Name": "x" * 151}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "email": ["Enter a valid email address."],
        "last_Name": ["Ensure this field has no more than 150 characters."],
    }
    ana.refresh_from_db()
    assert ana.email == "ana@uni.edu"


def test_contact_of_another_user_is_403_and_unchanged(api, other_user, ana, jwt_for):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(other_user)}")
    response = api.patch(URL, {"contact_id": ana.pk, "first_Name": "Hacked"}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Invalid contact"})
    response = api.delete(URL, {"contact_id": ana.pk}, format="json")
    assert response.status_code == 403
    ana.refresh_from_db()
    assert ana.first_name == "Ana"


def test_contact_unknown_is_404(bearer):
    assert (
        bearer.patch(URL, {"contact_id": 999, "first_Name": "x"}, format="json").status_code == 404
    )
    assert bearer.delete(URL, {"contact_id": 999}, format="json").status_code == 404


def test_contact_delete(bearer, ana):
    response = bearer.delete(URL, {"contact_id": ana.pk}, format="json")
    assert response.status_code == 204
    assert not Contact.objects.exists()


def test_contact_delete_requires_id(bearer):
    response = bearer.delete(URL, {}, format="json")
    assert response.json() == {"contact_id": ["This field is required."]}


def test_contacts_require_auth(api, db):
    assert api.get(URL).status_code == 401
