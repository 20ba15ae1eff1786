"""Writes on address books. Every contract's contact endpoints go through here."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction

from accounts.models import User
from contacts.models import Contact, ContactRequest
from contacts.selectors import owned_contact
from core import clock
from core.errors import DomainError, InvalidInput

NAME_MAX = 150
# Longer lookups cannot match an account, so they are not sent to the database at all.
MAX_USERNAME_LENGTH = User._meta.get_field("username").max_length
MAX_EMAIL_LENGTH = User._meta.get_field("email").max_length


def _check_fields(*, owner, first_name, last_name, email, problems, exclude_pk=None):
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value is None:
            continue
        if not value.strip():
            problems.append(DomainError("This field is required.", code="required", field=field))
        elif len(value) > NAME_MAX:
            problems.append(
                DomainError(
                    f"Ensure this field has no more than {NAME_MAX} characters.",
                    code="max_length",
                    field=field,
                )
            )
    if email is None:
        return
    email = email.strip()
    if not email:
        problems.append(DomainError("This field is required.", code="required", field="email"))
        return
    try:
        validate_email(email)
    except ValidationError:
        problems.append(DomainError("Enter a valid email address.", code="invalid", field="email"))
        return
    duplicate = Contact.objects.filter(owner=owner, email__iexact=email).exclude(pk=exclude_pk)
    if duplicate.exists():
        problems.append(
            DomainError(
                "A contact with this email already exists.", code="duplicate", field="email"
            )
        )


def _account_for(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def add_contact(*, owner: User, first_name: str, last_name: str, email: str) -> Contact:
    problems: list[DomainError] = []
    _check_fields(
        owner=owner, first_name=first_name, last_name=last_name, email=email, problems=problems
    )
    if problems:
        raise InvalidInput(problems)
    email = email.strip()
    try:
        with transaction.atomic():
            return Contact.objects.create(
                owner=owner,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email,
                user=_account_for(email),
            )
    except IntegrityError as exc:  # the same email added concurrently
        raise DomainError(
            "A contact with this email already exists.", code="duplicate", field="email"
        ) from exc


def add_user_as_contact(*, owner: User, user: User) -> Contact:
    """The owner's contact entry for an account, created from the account if missing."""
    if user.pk == owner.pk:
        raise DomainError("You cannot add yourself as a contact.", code="self")
    existing = Contact.objects.filter(owner=owner, email__iexact=user.email).first()
    if existing:
        if existing.user_id != user.pk:
            existing.user = user
            existing.save(update_fields=["user"])
        return existing
    try:
        with transaction.atomic():
            return Contact.objects.create(
                owner=owner,
                first_name=user.first_name or user.username,
                last_name=user.last_name,
                email=user.email,
                user=user,
            )
    except IntegrityError:
        return Contact.objects.get(owner=owner, email__iexact=user.email)


def update_contact(
    *,
    owner: User,
    contact_id: int,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
) -> Contact:
    contact = owned_contact(owner=owner, contact_id=contact_id)
    if first_name is None and last_name is None and email is None:
        raise DomainError("No input.", code="no_input")
    problems: list[DomainError] = []
    _check_fields(
        owner=owner,
        first_name=first_name,
        last_name=last_name,
        email=email,
        problems=problems,
        exclude_pk=contact.pk,
    )
    if problems:
        raise InvalidInput(problems)
    if first_name is not None:
        contact.first_name = first_name.strip()
    if last_name is not None:
        contact.last_name = last_name.strip()
    if email is not None:
        contact.email = email.strip()
        contact.user = _account_for(contact.email)
    try:
        with transaction.atomic():
            contact.save()
    except IntegrityError as exc:
        raise DomainError(
            "A contact with this email already exists.", code="duplicate", field="email"
        ) from exc
    return contact


def delete_contact(*, owner: User, contact_id: int) -> None:
    """Remove a contact; their invitations go with it (their links stop working)."""
    contact = owned_contact(owner=owner, contact_id=contact_id)
    contact.delete()


# --- Contacts between users: seed 003's friend requests, seed 004's add/remove by email ----------
def _user_by_username(username) -> User | None:
    username = (username or "").strip()
    if not username or len(username) > MAX_USERNAME_LENGTH:
        return None  # no account has it; and SQLite refuses a LIKE pattern of 50,000+ bytes
    return User.objects.filter(username__iexact=username, is_active=True).first()


def _entry(owner: User, user: User) -> Contact | None:
    """The owner's contact entry for an account: linked to it, or with its email."""
    return (
        Contact.objects.filter(owner=owner)
        .filter(models.Q(user=user) | models.Q(email__iexact=user.email))
        .order_by("pk")
        .first()
    )


def send_contact_request(*, requester: User, username: str) -> ContactRequest:
    """Ask another user to become mutual contacts. One pending request per pair and direction."""
    requested = _user_by_username(username)
    if requested is None:
        raise DomainError("User does not exist", code="user_not_found")
    if requested.pk == requester.pk:
        raise DomainError("You cannot add yourself to your contacts", code="self")
    if _entry(requester, requested) and _entry(requested, requester):
        raise DomainError("You are already friends with this user", code="already_friends")
    if ContactRequest.objects.filter(
        requester=requested, requested=requester, status=ContactRequest.Status.PENDING
    ).exists():
        raise DomainError("This user has already sent you a request", code="reverse_pending")
    with transaction.atomic():
        request, created = ContactRequest.objects.select_for_update().get_or_create(
            requester=requester, requested=requested
        )
        if not created:
            if request.status == ContactRequest.Status.PENDING:
                raise DomainError(
                    "You have already sent a request to this user", code="already_sent"
                )
            # An earlier answered request: ask again.
            request.status = ContactRequest.Status.PENDING
            request.answered_at = None
            request.save(update_fields=["status", "answered_at"])
    return request


def answer_contact_request(*, requested: User, username: str, accept: bool) -> ContactRequest:
    """Accept (each becomes a contact of the other) or reject a pending request."""
    requester = _user_by_username(username)
    if requester is None:
        raise DomainError("User does not exist", code="user_not_found")
    with transaction.atomic():
        request = (
            ContactRequest.objects.select_for_update()
            .filter(requester=requester, requested=requested, status=ContactRequest.Status.PENDING)
            .first()
        )
        if request is None:
            raise DomainError("No friend request from this user", code="no_request")
        request.status = (
            ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.REJECTED
        )
        request.answered_at = clock.now()
        request.save(update_fields=["status", "answered_at"])
        if accept:
            add_user_as_contact(owner=requested, user=requester)
            add_user_as_contact(owner=requester, user=requested)
    return request


def remove_friend(*, user: User, username: str) -> User:
    """End a mutual contact: both entries and the requests between the two go.

    As with delete_contact, invitations made through those entries go with them.
    """
    other = _user_by_username(username)
    if other is None:
        raise DomainError("User does not exist", code="user_not_found")
    mine = _entry(user, other)
    if mine is None or other.pk == user.pk:
        raise DomainError("You are not friends with this user", code="not_friends")
    with transaction.atomic():
        mine.delete()
        theirs = _entry(other, user)
        if theirs is not None:
            theirs.delete()
        ContactRequest.objects.filter(
            models.Q(requester=user, requested=other) | models.Q(requester=other, requested=user)
        ).delete()
    return other


def _user_by_email(email) -> User | None:
    email = (email or "").strip()
    if not email or len(email) > MAX_EMAIL_LENGTH:
        return None  # no account has it; and SQLite refuses a LIKE pattern of 50,000+ bytes
    return User.objects.filter(email__iexact=email, is_active=True).first()


def add_contact_by_email(*, owner: User, email: str) -> Contact:
    """Seed 004: add the account with that email to the owner's contacts."""
    user = _user_by_email(email)
    if user is None:
        raise DomainError(
            "A user with that email does not exist.", code="user_not_found", field="contact_email"
        )
    if user.pk == owner.pk:
        raise DomainError(
            "You cannot add yourself as a contact.", code="self", field="contact_email"
        )
    if _entry(owner, user) is not None:
        raise DomainError(
            "You cannot add the same contact twice.", code="duplicate", field="contact_email"
        )
    return add_user_as_contact(owner=owner, user=user)


def remove_contact_by_email(*, owner: User, email: str) -> None:
    """Seed 004: remove the account with that email from the owner's contacts (and its invites)."""
    user = _user_by_email(email)
    if user is None:
        raise DomainError(
            "A user with that email does not exist.", code="user_not_found", field="contact_email"
        )
    if user.pk == owner.pk:
        raise DomainError(
            "You cannot remove yourself as a contact.", code="self", field="contact_email"
        )
    entry = _entry(owner, user)
    if entry is None:
        raise DomainError(
            "You cannot remove a contact that is not in your contacts.",
            code="not_a_contact",
            field="contact_email",
        )
    entry.delete()
