"""Invitations: inviting (by contact entry or account), the invitee's own deadline, reminders
and the automatic nudge, accepting, uninviting, and the address book's side of invitations."""

import datetime as dt
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from accounts.models import User
from contacts.models import Contact
from contacts.services import add_user_as_contact
from core import clock
from core.errors import Conflict, DomainError, Forbidden, NotFound, RateLimited
from core.ids import row_id
from scheduling import emails, rules, selectors, timeutils
from scheduling.errors import Code
from scheduling.models import Calendar, Invitation
from scheduling.services import checks
from scheduling.tokens import hash_token, new_nonce, token_for


def nudge_due_for(invitation: Invitation, calendar: Calendar) -> dt.datetime | None:
    """When the invitation's automatic nudge is due (rules.nudge_due, the settings' lead)."""
    return rules.nudge_due(
        rules.effective_deadline(invitation, calendar),
        now=clock.now(),
        lead=timedelta(hours=settings.INVITATION_NUDGE_HOURS),
    )


def invite(calendar: Calendar, contacts: Iterable[Contact], *, deadline=None) -> list[Invitation]:
    """Invite each contact (their own ``deadline`` if given); each gets their link by email."""
    invitations = []
    for contact in contacts:
        nonce = new_nonce()
        invitation = Invitation(
            calendar=calendar,
            contact=contact,
            token_nonce=nonce,
            token_hash=hash_token(token_for(nonce)),
            deadline=deadline,
        )
        invitation.copy_invitee(contact)
        invitation.nudge_due_at = nudge_due_for(invitation, calendar)
        invitation.save(force_insert=True)
        emails.queue_invitation(invitation)
        invitations.append(invitation)
    return invitations


def remind_invitee(*, owner: User, calendar_id: int, contact_id: int) -> Invitation:
    """Email one invitee who has not answered their link again; at most once an interval."""
    calendar = selectors.owned_calendar(owner=owner, calendar_id=calendar_id)
    contact_id = row_id(contact_id)
    if contact_id is None or not Contact.objects.filter(pk=contact_id).exists():
        raise NotFound("Contact does not exist.", code=Code.CONTACT_NOT_FOUND)
    invitation = Invitation.objects.filter(calendar=calendar, contact_id=contact_id).first()
    if invitation is None:
        raise NotFound("Contact is not an invitee of this calendar.", code=Code.NOT_INVITED)
    rules.refuse_if_finalized(calendar)
    if invitation.has_answered:
        raise Conflict(
            f"{invitation.full_name} has already responded.", code=Code.ALREADY_RESPONDED
        )
    now = clock.now()
    rules.refuse_if_deadline_passed(invitation, calendar, now=now)
    with transaction.atomic():
        _claim_reminder(invitation, now=now)
        invitation.calendar = calendar
        emails.queue_reminder(invitation, occasion=now.isoformat(), automatic=False)
    return invitation


def _claim_reminder(invitation: Invitation, *, now: dt.datetime) -> None:
    """Record the reminder, or refuse it while the last one is more recent than the interval.

    A conditional UPDATE: of two reminders at once, one claims the row and the other waits.
    """
    interval = timedelta(minutes=settings.REMINDER_MIN_INTERVAL_MINUTES)
    claimed = (
        Invitation.objects.filter(pk=invitation.pk)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - interval))
        .update(last_reminded_at=now)
    )
    if not claimed:
        invitation.refresh_from_db(fields=["last_reminded_at"])
        wait = int((invitation.last_reminded_at + interval - now).total_seconds()) + 1
        raise RateLimited(
            f"{invitation.full_name} was reminded less than "
            f"{settings.REMINDER_MIN_INTERVAL_MINUTES} minutes ago; try again in "
            f"{(wait + 59) // 60} minutes.",
            retry_after=wait,
            code=Code.THROTTLED,
        )


def send_due_nudges(*, limit: int = 500) -> int:
    """Send the automatic nudge of every invitation that is due and still unanswered. Once each.

    Each row is claimed with a conditional UPDATE, so two runs at once send it once. Re-checked at
    sending: answered, finalized or past-deadline invitations are skipped.
    """
    now = clock.now()
    due = list(
        Invitation.objects.filter(nudge_due_at__lte=now, nudged_at__isnull=True).values_list(
            "pk", flat=True
        )[:limit]
    )
    return sum(_send_nudge(pk, now=now) for pk in due)


@transaction.atomic
def _send_nudge(pk: int, *, now: dt.datetime) -> bool:
    """Claim one invitation's nudge and send it if it is still of use; True when sent."""
    # Only the row's own columns in the claim: PostgreSQL re-checks those when two runs race
    # for the row (a condition through a join would not be re-checked).
    claimed = Invitation.objects.filter(
        pk=pk, nudged_at__isnull=True, responded_at__isnull=True
    ).update(nudged_at=now)
    if not claimed:
        Invitation.objects.filter(pk=pk, nudged_at__isnull=True).update(nudge_due_at=None)
        return False
    invitation = Invitation.objects.select_related("calendar__owner").get(pk=pk)
    deadline = rules.effective_deadline(invitation)
    if (
        rules.is_finalized(invitation.calendar)
        or deadline is None
        or rules.deadline_passed(deadline, now=now)
    ):
        return False
    emails.queue_reminder(invitation, occasion=deadline.isoformat(), automatic=True)
    return True


def invite_user(
    *,
    owner: User,
    calendar_id: int,
    user_id: int,
    deadline: dt.datetime | None = None,
    field: str = "invitee",
) -> Invitation:
    """Invite an account: through the owner's contact entry for it (created if missing)."""
    with transaction.atomic():
        calendar = selectors.owned_calendar(
            owner=owner, calendar_id=calendar_id, queryset=Calendar.objects.select_for_update()
        )
        rules.refuse_if_finalized(calendar)
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise DomainError("User does not exist.", code=Code.USER_NOT_FOUND, field=field)
        if user.pk == owner.pk:
            raise DomainError("You cannot invite yourself.", code=Code.SELF, field=field)
        problems: list[DomainError] = []
        deadline = checks.check_deadline(deadline, timeutils.zone(calendar.time_zone), problems)
        checks.raise_if(problems)
        contact = add_user_as_contact(owner=owner, user=user)
        if calendar.invitations.filter(Q(contact=contact) | Q(user=user)).exists():
            raise DomainError(
                "This user is already invited.", code=Code.ALREADY_INVITED, field=field
            )
        [invitation] = invite(calendar, [contact], deadline=deadline)
    return invitation


def _owned_invitation(owner: User, calendar_id, invitation_id):
    invitation = selectors.owned_invitation(
        owner=owner,
        calendar_id=calendar_id,
        invitation_id=invitation_id,
        queryset=Calendar.objects.select_for_update(),
    )
    return invitation.calendar, invitation


def set_invitation_deadline(
    *, owner: User, calendar_id: int, invitation_id: int, deadline: dt.datetime
) -> Invitation:
    """The invitee's own deadline (it overrides the calendar's); the nudge follows it."""
    with transaction.atomic():
        calendar, invitation = _owned_invitation(owner, calendar_id, invitation_id)
        rules.refuse_if_finalized(calendar)
        problems: list[DomainError] = []
        if deadline is None:
            problems.append(
                DomainError("This field is required.", code=Code.REQUIRED, field="deadline")
            )
        instant = checks.check_deadline(deadline, timeutils.zone(calendar.time_zone), problems)
        checks.raise_if(problems)
        invitation.deadline = instant
        update_fields = ["deadline"]
        if invitation.nudged_at is None:
            invitation.nudge_due_at = nudge_due_for(invitation, calendar)
            update_fields.append("nudge_due_at")
        invitation.save(update_fields=update_fields)
    return invitation


def remove_invitation(*, owner: User, calendar_id: int, invitation_id: int) -> None:
    """Uninvite: the invitee's windows and draft meeting go with the invitation."""
    with transaction.atomic():
        calendar, invitation = _owned_invitation(owner, calendar_id, invitation_id)
        rules.refuse_if_finalized(calendar)
        invitation.delete()


def accept_invitation(*, user: User, invitation_id: int) -> Invitation:
    """The invited user accepts (seed 004). Idempotent; refused once the calendar is final.

    Under the calendar's lock, as finalizing takes it: an accept and a finalize of the same
    round never interleave, and two accepts at once both answer the same accepted invitation.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_related("calendar").filter(pk=row_id(invitation_id))
        ).first()
        if invitation is None:
            raise NotFound("Invitation not found.", code=Code.INVITATION_NOT_FOUND)
        if invitation.user_id != user.pk:
            raise Forbidden("This invitation is not yours.", code=Code.NOT_INVITEE)
        locked = (
            Calendar.objects.select_for_update().only("finalized").get(pk=invitation.calendar_id)
        )
        rules.refuse_if_finalized(locked)
        Invitation.objects.filter(pk=invitation.pk, accepted=False).update(accepted=True)
        invitation.accepted = True
    return invitation


# --- The address book's side: contacts.services calls these -------------------------------------
def follow_contact(*, contact: Contact) -> None:
    """A contact entry was added or changed: its invitations to open rounds follow it.

    Invitations of finalized rounds keep the invitee as they were (the round's history). An entry
    for an account takes back that account's invitations to the owner's open rounds that lost
    their entry (the account ended a friendship, see release_contact), so seed 001 can name
    them by contact id again.
    """
    if contact.user_id is not None:
        Invitation.objects.filter(
            contact__isnull=True,
            user=contact.user_id,
            calendar__owner=contact.owner_id,
            calendar__finalized=False,
        ).exclude(calendar__invitations__contact=contact).update(contact=contact)
    Invitation.objects.filter(contact=contact, calendar__finalized=False).update(
        first_name=contact.first_name,
        last_name=contact.last_name,
        email=contact.email,
        user=contact.user_id,
    )


def release_contact(*, contact: Contact, refuse_open: bool = True) -> None:
    """Detach a contact entry from its invitations before the entry is removed.

    Call inside the transaction that deletes the entry. Nothing a round recorded changes: every
    invitation keeps its invitee (name, email, account), token, answer and meeting; only its link
    to the address book goes.

    ``refuse_open`` (the owner removes their own contact): if the contact is invited to rounds
    that are not finalized, the removal is refused with a Conflict naming them, and nothing
    changes; the owner removes them from those rounds first (which deletes their answer, as
    uninviting always does) or waits until the round is finalized. Without it (the other user of
    a friendship ends it) the invitations stay, open or not: the invitee is still invited, through
    their account, to the owner's round.
    """
    invitations = Invitation.objects.filter(contact=contact)
    # Lock the open rounds involved: a finalize or an invite of them waits for this decision.
    open_rounds = list(
        Calendar.objects.select_for_update()
        .filter(pk__in=invitations.filter(calendar__finalized=False).values("calendar_id"))
        .order_by("pk")
    )
    if refuse_open and open_rounds:
        names = ", ".join(f'"{c.name}"' for c in open_rounds)
        raise Conflict(
            f"{contact.full_name} is invited to rounds that are not finalized: {names}. "
            "Remove them from those rounds first.",
            code=Code.INVITED_TO_OPEN_ROUNDS,
        )
    follow_contact(contact=contact)  # the open rounds' invitees as the entry has them now
    invitations.update(contact=None)
