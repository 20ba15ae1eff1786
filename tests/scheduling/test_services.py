"""Scheduling rules through the service API: nudges, concurrency, answers, suggestions."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from core.errors import Closed, DomainError, InvalidInput, Unauthorized
from notifications.models import OutboxMessage
from scheduling import selectors, services
from scheduling.models import Calendar, Invitation, Meeting
from scheduling.suggestions import suggest_schedules
from scheduling.tokens import hash_token, token_for
from tests.conftest import NOW
from tests.factories import make_contacts

UTC = dt.UTC


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute)  # noqa: DTZ001 (wall clock in the calendar's zone)


def new_calendar(owner, contacts, *, deadline=None, **extra):
    return services.create_calendar(
        owner=owner,
        name="Interviews",
        deadline=deadline or at(5, 17),
        invitee_contact_ids=[c.pk for c in contacts],
        slots=[services.SlotInput(at(8, 9), at(8, 12), 3)],
        **extra,
    )


def token_of(invitation):
    return token_for(invitation.token_nonce)


# --- Nudges ---------------------------------------------------------------------------------------
def test_nudge_is_due_a_day_before_the_deadline(user, clock):
    calendar = new_calendar(user, make_contacts(user, ["a"]))
    invitation = calendar.invitations.get()
    assert invitation.nudge_due_at == dt.datetime(2027, 3, 4, 17, tzinfo=UTC)


def test_nudge_is_sent_once_when_due_and_not_before(user, clock):
    new_calendar(user, make_contacts(user, ["a", "b"]))
    assert services.send_due_nudges() == 0
    clock.advance(days=3, hours=5)  # 4 March 17:00
    assert services.send_due_nudges() == 2
    assert services.send_due_nudges() == 0
    assert OutboxMessage.objects.filter(kind="calendar_nudge").count() == 2


def test_nudge_never_after_the_invitee_answered(user, clock):
    calendar = new_calendar(user, make_contacts(user, ["a"]))
    invitation = calendar.invitations.get()
    services.submit_answer(
        calendar_id=calendar.pk,
        token=token_of(invitation),
        slots=[services.SlotInput(at(8, 9), at(8, 10), 2)],
    )
    clock.advance(days=4)
    assert services.send_due_nudges() == 0
    assert not OutboxMessage.objects.filter(kind="calendar_nudge").exists()


def test_nudge_skipped_when_deadline_is_less_than_a_day_away(user, clock):
    calendar = new_calendar(user, make_contacts(user, ["a"]), deadline=at(2, 6))
    assert calendar.invitations.get().nudge_due_at is None
    clock.advance(hours=17)
    assert services.send_due_nudges() == 0


def test_nudge_follows_a_changed_deadline(user, clock):
    calendar = new_calendar(user, make_contacts(user, ["a"]))
    services.update_calendar(owner=user, calendar_id=calendar.pk, deadline=at(6, 17))
    assert calendar.invitations.get().nudge_due_at == dt.datetime(2027, 3, 5, 17, tzinfo=UTC)


def test_nudge_not_sent_for_finalized_calendar(user, clock):
    contacts = make_contacts(user, ["a"])
    calendar = new_calendar(user, contacts)
    services.finalize_calendar(
        owner=user,
        calendar_id=calendar.pk,
        meetings=[services.MeetingInput(contacts[0].pk, at(8, 9), at(8, 9, 30))],
    )
    clock.advance(days=4)
    assert services.send_due_nudges() == 0


@pytest.mark.django_db(transaction=True)
def test_nudge_sent_once_when_two_runs_race(clock):
    from tests.factories import UserFactory

    owner = UserFactory()
    new_calendar(owner, make_contacts(owner, ["a", "b", "c"]))
    clock.advance(days=4)
    results = []
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            results.append(services.send_due_nudges())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 3
    assert OutboxMessage.objects.filter(kind="calendar_nudge").count() == 3


# --- Finalize under concurrency -------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_concurrent_finalize_has_exactly_one_winner(clock):
    from tests.factories import UserFactory

    owner = UserFactory()
    contacts = make_contacts(owner, ["a", "b"])
    calendar = new_calendar(owner, contacts)
    outcomes = []
    barrier = threading.Barrier(4)

    def run(index):
        barrier.wait()
        try:
            services.finalize_calendar(
                owner=owner,
                calendar_id=calendar.pk,
                meetings=[
                    services.MeetingInput(
                        contacts[index % 2].pk, at(8, 9 + index % 2), at(8, 9 + index % 2, 30)
                    )
                ],
            )
            outcomes.append("won")
        except Closed:
            outcomes.append("finalized")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["finalized", "finalized", "finalized", "won"]
    assert Meeting.objects.filter(status="final").count() == 1
    assert Calendar.objects.get().finalized


@pytest.mark.django_db(transaction=True)
def test_concurrent_answers_through_one_link_record_once(clock):
    from tests.factories import UserFactory

    owner = UserFactory()
    calendar = new_calendar(owner, make_contacts(owner, ["a"]))
    token = token_of(calendar.invitations.get())
    outcomes = []
    barrier = threading.Barrier(3)

    def run():
        barrier.wait()
        try:
            services.submit_answer(
                calendar_id=calendar.pk,
                token=token,
                slots=[services.SlotInput(at(8, 9), at(8, 10), 2)],
            )
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_responded", "already_responded", "ok"]
    assert Invitation.objects.get().windows.count() == 1


# --- Tokens ---------------------------------------------------------------------------------------
def test_token_opens_only_its_own_invitation(user, clock):
    first = new_calendar(user, make_contacts(user, ["a"]))
    second = new_calendar(user, list(first.invitations.get().contact.owner.contacts.all()))
    token = token_of(first.invitations.get())
    assert selectors.invitation_by_token(calendar_id=first.pk, token=token).calendar == first
    with pytest.raises(DomainError) as caught:
        selectors.invitation_by_token(calendar_id=second.pk, token=token)
    assert caught.value.code == "bad_token" and isinstance(caught.value, Unauthorized)


def test_token_hash_is_what_is_stored(user, clock):
    invitation = new_calendar(user, make_contacts(user, ["a"])).invitations.get()
    assert invitation.token_hash == hash_token(token_of(invitation))


def test_removing_an_invited_contact_keeps_its_link(user, clock):
    from contacts.services import delete_contact

    calendar = new_calendar(user, make_contacts(user, ["a"]))
    invitation = calendar.invitations.get()
    token = token_of(invitation)
    with pytest.raises(DomainError) as caught:
        delete_contact(owner=user, contact_id=invitation.contact_id)
    assert caught.value.code == "invited_to_open_rounds"
    assert selectors.invitation_by_token(calendar_id=calendar.pk, token=token) == invitation


# --- Suggestions ----------------------------------------------------------------------------------
def _answered(calendar, windows_by_name):
    for invitation in calendar.invitations.select_related("contact"):
        slots = windows_by_name.get(invitation.contact.first_name)
        if slots is not None:
            services.submit_answer(calendar_id=calendar.pk, token=token_of(invitation), slots=slots)


def _suggest(user, calendar, **kwargs):
    full = selectors.calendar_with_everything(owner=user, calendar_id=calendar.pk)
    return suggest_schedules(
        calendar=full.calendar, windows=full.windows, invitations=full.invitations, **kwargs
    )


def test_suggestions_leave_out_the_owners_other_meetings(user, clock):
    contacts = make_contacts(user, ["a", "b"])
    busy = new_calendar(user, contacts[:1])
    services.finalize_calendar(
        owner=user,
        calendar_id=busy.pk,
        meetings=[services.MeetingInput(contacts[0].pk, at(8, 9), at(8, 11, 30))],
    )
    calendar = new_calendar(user, contacts[1:])
    _answered(calendar, {"b": [services.SlotInput(at(8, 9), at(8, 12), 3)]})
    best = _suggest(
        user,
        calendar,
        busy=[(m.start, m.end) for m in Meeting.objects.filter(calendar=busy)],
    )[0]
    assert [(m.start, m.end) for m in best.meetings] == [
        (dt.datetime(2027, 3, 8, 11, 30, tzinfo=UTC), dt.datetime(2027, 3, 8, 12, tzinfo=UTC))
    ]


def test_suggestions_empty_when_nobody_answered_by_the_deadline(user, clock):
    calendar = new_calendar(user, make_contacts(user, ["a"]))
    clock.advance(days=10)
    assert _suggest(user, calendar) == []


def test_suggestions_follow_meeting_length_grid_and_gap(user, clock):
    contacts = make_contacts(user, ["a", "b"])
    calendar = new_calendar(user, contacts, meeting_minutes=45, grid_minutes=30, gap_minutes=15)
    _answered(
        calendar,
        {
            "a": [services.SlotInput(at(8, 9), at(8, 12), 3)],
            "b": [services.SlotInput(at(8, 9), at(8, 12), 3)],
        },
    )
    best = _suggest(user, calendar)[0]
    starts = sorted(m.start for m in best.meetings)
    assert all(s.minute in (0, 30) for s in starts)
    assert starts[1] - starts[0] >= dt.timedelta(minutes=60)
    assert all(m.end - m.start == dt.timedelta(minutes=45) for m in best.meetings)


def test_answer_in_the_past_is_refused(user, clock):
    calendar = new_calendar(user, make_contacts(user, ["a"]))
    with pytest.raises(DomainError) as caught:
        services.submit_answer(
            calendar_id=calendar.pk,
            token=token_of(calendar.invitations.get()),
            slots=[services.SlotInput(at(1, 8), at(1, 9), 2)],
        )
    assert caught.value.as_dict() == {"availability": ["Available date cannot be in the past."]}
    assert clock() == NOW


# --- Integrity errors keep their meaning ---------------------------------------------------------
def _integrity_error(create):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        create()
    return caught.value


def _final_round(owner, name):
    contacts = make_contacts(owner, [name])
    calendar = new_calendar(owner, contacts)
    [meeting] = services.finalize_calendar(
        owner=owner,
        calendar_id=calendar.pk,
        meetings=[services.MeetingInput(contacts[0].pk, at(8, 9), at(8, 9, 30))],
    )
    return calendar, meeting


def test_rule_broken_names_each_constraint(user, clock):
    calendar, meeting = _final_round(user, "a")
    again = _integrity_error(
        lambda: Meeting.objects.create(
            calendar=calendar,
            invitation=meeting.invitation,
            owner=user,
            start=at(8, 11).replace(tzinfo=UTC),
            end=at(8, 12).replace(tzinfo=UTC),
        )
    )
    twice = _integrity_error(
        lambda: Invitation.objects.create(
            calendar=calendar,
            contact=meeting.invitation.contact,
            token_nonce="n",
            token_hash="h",
        )
    )
    backwards = _integrity_error(
        lambda: Meeting.objects.filter(pk=meeting.pk).update(end=meeting.start)
    )
    found = [
        (type(error).__name__, error.code, error.field)
        for error in (
            services.rule_broken(again, field="schedule"),
            services.rule_broken(twice, field="invitee"),
            services.rule_broken(backwards, field="schedule"),
        )
    ]
    assert found == [
        ("Closed", "finalized", None),
        ("DomainError", "already_invited", "invitee"),
        ("DomainError", "end_before_start", "schedule"),
    ]


def test_rule_broken_overlap_is_the_database_exclusion(user, clock):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    _, meeting = _final_round(user, "a")
    other = new_calendar(user, make_contacts(user, ["b"]))
    error = _integrity_error(
        lambda: Meeting.objects.create(
            calendar=other,
            invitation=other.invitations.get(),
            owner=user,
            start=meeting.start,
            end=meeting.end,
            status=Meeting.Status.FINAL,
        )
    )
    mapped = services.rule_broken(error, field="finalized_schedule")
    assert (type(mapped).__name__, mapped.code, mapped.field) == (
        "DomainError",
        "overlap",
        "finalized_schedule",
    )


def test_finalize_refuses_overlap_with_a_final_meeting_already_over(user, clock):
    """The service's own check covers every final meeting of the owner, not only future ones."""
    contacts = make_contacts(user, ["a", "b"])
    first = new_calendar(user, contacts[:1])
    second = new_calendar(user, contacts[1:])
    services.finalize_calendar(
        owner=user,
        calendar_id=first.pk,
        meetings=[services.MeetingInput(contacts[0].pk, at(8, 9), at(8, 9, 30))],
    )
    clock.advance(days=10)
    with pytest.raises(DomainError) as caught:
        services.finalize_calendar(
            owner=user,
            calendar_id=second.pk,
            meetings=[services.MeetingInput(contacts[1].pk, at(8, 9, 15), at(8, 9, 45))],
        )
    assert caught.value.code == "overlap" and type(caught.value) in (DomainError, InvalidInput)
    assert not Calendar.objects.get(pk=second.pk).finalized
    assert list(Meeting.objects.values_list("calendar_id", flat=True)) == [first.pk]


def test_nudge_waiting_for_a_retry_is_skipped_once_the_invitee_answers(user, clock, monkeypatch):
    calendar = new_calendar(user, make_contacts(user, ["a"]))
    invitation = calendar.invitations.get()
    # The mail server is away: the nudge is queued but not delivered yet.
    monkeypatch.setattr("notifications.tasks.deliver_message.delay", lambda *a, **k: None)
    clock.advance(days=3, hours=5)
    assert services.send_due_nudges() == 1
    nudge = OutboxMessage.objects.get(kind="calendar_nudge")
    assert nudge.status == OutboxMessage.Status.PENDING
    services.submit_answer(
        calendar_id=calendar.pk,
        token=token_of(invitation),
        slots=[services.SlotInput(at(8, 9), at(8, 10), 2)],
    )
    nudge.refresh_from_db()
    assert nudge.status == OutboxMessage.Status.SKIPPED
