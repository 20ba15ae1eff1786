"""Writes on address books. Every contract's contact endpoints go through here."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from accounts.models import User
from contacts.models import Contact
from contacts.selectors import owned_contact
from core.errors import DomainError, InvalidInput

NAME_MAX = 150


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
