"""Reads on address books."""

from accounts.models import User
from contacts.models import Contact
from core.errors import Forbidden, NotFound


def contacts_of(*, owner: User):
    return Contact.objects.filter(owner=owner).order_by("first_name", "last_name", "pk")


def owned_contact(*, owner: User, contact_id) -> Contact:
    """The owner's contact; 404 if there is none with that id, 403 if it is someone else's."""
    try:
        contact_id = int(contact_id)
    except (TypeError, ValueError):
        raise NotFound("Contact does not exist.", code="contact_not_found") from None
    contact = Contact.objects.filter(pk=contact_id).first()
    if contact is None:
        raise NotFound("Contact does not exist.", code="contact_not_found")
    if contact.owner_id != owner.pk:
        raise Forbidden("Invalid contact", code="contact_not_owned")
    return contact
