"""An invitee's answer: through their emailed link (seed 001), or their first window (seeds 003
and 004, see windows.py)."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from core import clock
from core.errors import DomainError
from scheduling import emails, rules, selectors, timeutils
from scheduling.errors import Code
from scheduling.models import AvailabilityWindow, Calendar, Invitation
from scheduling.services import checks
from scheduling.services.checks import SlotInput


def record_answer(invitation: Invitation, *, now: dt.datetime) -> bool:
    """Mark the invitation answered (and accepted) and withdraw its pending reminders.

    A conditional UPDATE: False when it was answered already (by a request at the same moment).
    """
    claimed = Invitation.objects.filter(pk=invitation.pk, responded_at__isnull=True).update(
        responded_at=now, accepted=True
    )
    if claimed:
        emails.withdraw_reminders(invitation)
    invitation.responded_at = invitation.responded_at or now
    invitation.accepted = True
    return bool(claimed)


def submit_answer(*, calendar_id: int, token: str, slots: Sequence[SlotInput]) -> Invitation:
    """An invitee's availability, through their link: once, before the deadline and finalizing.

    The invitee gets a receipt by email (the answer page and seed 001's respond alike)."""
    invitation = selectors.invitation_by_token(calendar_id=calendar_id, token=token)
    calendar = invitation.calendar
    now = clock.now()
    rules.refuse_if_finalized(calendar)
    if rules.answers_due_passed(invitation, calendar, now=now):
        raise DomainError("Deadline has passed", code=Code.DEADLINE_PASSED)
    if invitation.has_answered:
        raise DomainError("Already responded", code=Code.ALREADY_RESPONDED)
    tz = timeutils.zone(calendar.time_zone)
    problems: list[DomainError] = []
    windows = checks.check_windows(slots, tz=tz, field="availability", problems=problems)
    checks.raise_if(problems)
    with transaction.atomic():
        # Lock the calendar row: an answer and a finalize of the same calendar never interleave.
        locked = Calendar.objects.select_for_update().only("finalized").get(pk=calendar.pk)
        rules.refuse_if_finalized(locked)
        if not record_answer(invitation, now=now):
            raise DomainError("Already responded", code=Code.ALREADY_RESPONDED)
        created = AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(
                calendar=calendar, invitation=invitation, start=s, end=e, preference=p, name=n
            )
            for s, e, p, n in windows
        )
        emails.queue_answer_received(invitation, created)
    return invitation
