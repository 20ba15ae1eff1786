"""Reads on address books."""

from django.db.models import Q

from accounts.models import User
from contacts.errors import Code
from contacts.models import Contact, ContactRequest
from core.errors import Forbidden, NotFound
from core.ids import row_id
from core.paging import Page


def _cut(rows, page: Page | None):
    """``rows`` (an ordered queryset), or only ``page`` of them, cut by the database."""
    return rows if page is None else page.cut(rows)


def contacts_of(*, owner: User, page: Page | None = None):
    """The owner's address book by name (only ``page`` of it if given). One query."""
    return _cut(Contact.objects.filter(owner=owner).order_by("first_name", "last_name", "pk"), page)


def owned_contact(*, owner: User, contact_id) -> Contact:
    """The owner's contact; 404 if there is none with that id, 403 if it is someone else's."""
    contact = Contact.objects.filter(pk=row_id(contact_id)).first()
    if contact is None:
        raise NotFound("Contact does not exist.", code=Code.CONTACT_NOT_FOUND)
    if contact.owner_id != owner.pk:
        raise Forbidden("Invalid contact", code=Code.CONTACT_NOT_OWNED)
    return contact


def friends_of(*, user: User) -> list[str]:
    """Usernames of the accounts in the user's address book (seed 003's friends). One query."""
    return list(
        Contact.objects.filter(owner=user, user__isnull=False, user__is_active=True)
        .exclude(user=user)
        .order_by("user__username")
        .values_list("user__username", flat=True)
        .distinct()
    )


def user_contacts(*, owner: User, page: Page | None = None):
    """The owner's contact entries that are accounts, with the accounts (only ``page`` of them
    if given). One query."""
    return _cut(
        Contact.objects.filter(owner=owner, user__isnull=False, user__is_active=True)
        .exclude(user=owner)
        .select_related("user")
        .order_by("user__username", "pk"),
        page,
    )


def pending_requests_for(*, user: User, page: Page | None = None):
    """Contact requests the user received and has not answered, oldest first (only ``page`` of
    them if given). One query."""
    return _cut(
        ContactRequest.objects.filter(requested=user, status=ContactRequest.Status.PENDING)
        .select_related("requester")
        .order_by("created_at", "pk"),
        page,
    )


def contact_profile(*, owner: User, user_id) -> User:
    """An account in the owner's contacts. 404 no such account; 403 not among the contacts."""
    user = User.objects.filter(pk=row_id(user_id), is_active=True).first()
    if user is None:
        raise NotFound("Contact not found", code=Code.CONTACT_NOT_FOUND)
    if (
        user.pk == owner.pk
        or not Contact.objects.filter(owner=owner)
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .exists()
    ):
        raise Forbidden("Contact is not in your contacts list", code=Code.CONTACT_NOT_OWNED)
    return user
