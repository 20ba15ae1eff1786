"""Address-book reads: ids as requests send them, through core.ids.row_id."""

import pytest

from contacts import selectors
from contacts.services import add_contact
from core.errors import Forbidden, NotFound

NAMES_NO_ROW = ["abc", "", None, 0, -3, "1e3", 2**63, "9" * 30]


@pytest.mark.parametrize("value", NAMES_NO_ROW)
def test_a_contact_id_that_names_no_row_is_not_found(user, value):
    with pytest.raises(NotFound) as refused:
        selectors.owned_contact(owner=user, contact_id=value)
    assert refused.value.code == "contact_not_found"


@pytest.mark.parametrize("value", NAMES_NO_ROW)
def test_a_profile_id_that_names_no_row_is_not_found(user, value):
    with pytest.raises(NotFound) as refused:
        selectors.contact_profile(owner=user, user_id=value)
    assert refused.value.code == "contact_not_found"


def test_owned_contact_by_id_as_a_string_and_another_owners_is_forbidden(user, other_user):
    contact = add_contact(owner=user, first_name="Ana", last_name="Lee", email="ana@uni.edu")
    assert selectors.owned_contact(owner=user, contact_id=str(contact.pk)) == contact
    with pytest.raises(Forbidden) as refused:
        selectors.owned_contact(owner=other_user, contact_id=contact.pk)
    assert refused.value.code == "contact_not_owned"
