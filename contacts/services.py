"""Writes on address books. Every contract's contact endpoints go through here.

No address-book change deletes or alters what a scheduling round recorded: an invitation keeps
its invitee's name, email and account; removing a contact detaches its invitations
(``scheduling.services.release_contact``) and is refused while it is invited to the owner's
rounds that are not finalized. Edits reach invitations of open rounds only.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction

from accounts.models import User
from contacts.errors import Code
from contacts.models import Contact, ContactRequest
from contacts.selectors import owned_contact
from core import clock
from core.errors import Conflict, DomainError, InvalidInput

NAME_MAX = 150
# Longer lookups cannot match an account, so they are not sent to the database at all.
MAX_USERNAME_LENGTH = User._meta.get_field("username").max_length
MAX_EMAIL_LENGTH = User._meta.get_field("email").max_length


def _check_fields(*, owner, first_name, last_name, email, problems, exclude_pk=None):
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value is None:
            continue
        if not value.strip():
            problems.append(DomainError("This field is required.", code=Code.REQUIRED, field=field))
        elif len(value) > NAME_MAX:
            problems.append(
                DomainError(
                    f"Ensure this field has no more than {NAME_MAX} characters.",
                    code=Code.MAX_LENGTH,
                    field=field,
                )
            )
    if email is None:
        return
    email = email.strip()
    if not email:
        problems.append(DomainError("This field is required.", code=Code.REQUIRED, field="email"))
        return
    try:
        validate_email(email)
    except ValidationError:
        problems.append(
            DomainError("Enter a valid email address.", code=Code.INVALID, field="email")
        )
        return
    duplicate = Contact.objects.filter(owner=owner, email__iexact=email).exclude(pk=exclude_pk)
    if duplicate.exists():
        problems.append(
            DomainError(
                "A contact with this email already exists.", code=Code.DUPLICATE, field="email"
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
            contact = Contact.objects.create(
                owner=owner,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email,
                user=_account_for(email),
            )
            _follow(contact)
            return contact
    except IntegrityError as exc:  # the same email added concurrently
        raise DomainError(
            "A contact with this email already exists.", code=Code.DUPLICATE, field="email"
        ) from exc


def add_user_as_contact(*, owner: User, user: User) -> Contact:
    """The owner's contact entry for an account, created from the account if missing."""
    if user.pk == owner.pk:
        raise DomainError("You cannot add yourself as a contact.", code=Code.SELF)
    existing = Contact.objects.filter(owner=owner, email__iexact=user.email).first()
    if existing:
        if existing.user_id != user.pk:
            with transaction.atomic():
                existing.user = user
                existing.save(update_fields=["user"])
                _follow(existing)
        return existing
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                owner=owner,
                first_name=user.first_name or user.username,
                last_name=user.last_name,
                email=user.email,
                user=user,
            )
            _follow(contact)
            return contact
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
        raise DomainError("No input.", code=Code.NO_INPUT)
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
            _follow(contact)
    except IntegrityError as exc:
        raise DomainError(
            "A contact with this email already exists.", code=Code.DUPLICATE, field="email"
        ) from exc
    return contact


def _follow(contact: Contact) -> None:
    from scheduling.services import follow_contact  # scheduling builds on contacts

    follow_contact(contact=contact)


def _remove(contact: Contact, *, refuse_open: bool = True) -> None:
    """Delete an entry; its invitations stay, detached (see scheduling.services.release_contact).

    Refused (Conflict, code ``invited_to_open_rounds``, naming the rounds) while ``refuse_open``
    and the contact is invited to one of the owner's rounds that is not finalized.
    """
    from scheduling.services import release_contact

    with transaction.atomic():
        # Lock the entry first: an invitation being made of it at the same moment either
        # commits before (and is seen below) or waits and fails on the missing entry.
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        release_contact(contact=contact, refuse_open=refuse_open)
        contact.delete()


def delete_contact(*, owner: User, contact_id: int) -> None:
    """Remove a contact. Refused while they are invited to a round that is not finalized;
    finalized rounds keep their invitation and meeting (the invitee as they were invited)."""
    contact = owned_contact(owner=owner, contact_id=contact_id)
    _remove(contact)


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
        raise DomainError("User does not exist", code=Code.USER_NOT_FOUND)
    if requested.pk == requester.pk:
        raise DomainError("You cannot add yourself to your contacts", code=Code.SELF)
    if _entry(requester, requested) and _entry(requested, requester):
        raise DomainError("You are already friends with this user", code=Code.ALREADY_FRIENDS)
    if ContactRequest.objects.filter(
        requester=requested, requested=requester, status=ContactRequest.Status.PENDING
    ).exists():
        raise DomainError("This user has already sent you a request", code=Code.REVERSE_PENDING)
    with transaction.atomic():
        request, created = ContactRequest.objects.select_for_update().get_or_create(
            requester=requester, requested=requested
        )
        if not created:
            if request.status == ContactRequest.Status.PENDING:
                raise DomainError(
                    "You have already sent a request to this user", code=Code.ALREADY_SENT
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
        raise DomainError("User does not exist", code=Code.USER_NOT_FOUND)
    with transaction.atomic():
        request = (
            ContactRequest.objects.select_for_update()
            .filter(requester=requester, requested=requested, status=ContactRequest.Status.PENDING)
            .first()
        )
        if request is None:
            raise DomainError("No friend request from this user", code=Code.NO_REQUEST)
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

    The caller's own entry is removed as delete_contact does (refused while the other is invited
    to one of the caller's rounds that is not finalized). The other user's entry goes without
    touching their rounds: the caller stays invited to those, open or finalized, through their
    account.
    """
    other = _user_by_username(username)
    if other is None:
        raise DomainError("User does not exist", code=Code.USER_NOT_FOUND)
    mine = _entry(user, other)
    if mine is None or other.pk == user.pk:
        raise DomainError("You are not friends with this user", code=Code.NOT_FRIENDS)
    with transaction.atomic():
        _remove(mine)
        theirs = _entry(other, user)
        if theirs is not None:
            _remove(theirs, refuse_open=False)
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
            "A user with that email does not exist.",
            code=Code.USER_NOT_FOUND,
            field="contact_email",
        )
    if user.pk == owner.pk:
        raise DomainError(
            "You cannot add yourself as a contact.", code=Code.SELF, field="contact_email"
        )
    if _entry(owner, user) is not None:
        raise DomainError(
            "You cannot add the same contact twice.", code=Code.DUPLICATE, field="contact_email"
        )
    return add_user_as_contact(owner=owner, user=user)


def remove_contact_by_email(*, owner: User, email: str) -> None:
    """Seed 004: remove the account with that email from the owner's contacts, as delete_contact."""
    user = _user_by_email(email)
    if user is None:
        raise DomainError(
            "A user with that email does not exist.",
            code=Code.USER_NOT_FOUND,
            field="contact_email",
        )
    if user.pk == owner.pk:
        raise DomainError(
            "You cannot remove yourself as a contact.", code=Code.SELF, field="contact_email"
        )
    entry = _entry(owner, user)
    if entry is None:
        raise DomainError(
            "You cannot remove a contact that is not in your contacts.",
            code=Code.NOT_A_CONTACT,
            field="contact_email",
        )
    try:
        _remove(entry)
    except Conflict as exc:  # seed 004 reports every refusal on the field, with 400
        raise DomainError(exc.message, code=exc.code, field="contact_email") from None
