"""mentoring.rules, called directly: plain values in, a refusal (or none) out; no database."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from core.errors import DomainError, Forbidden
from mentoring import rules
from mentoring.models import AvailabilityStatus, SessionStatus

T0 = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def person(pk=1, **flags):
    return SimpleNamespace(
        **{"pk": pk, "is_mentor": False, "is_mentee": False, "is_active": True, **flags}
    )


def session(status=SessionStatus.PENDING, *, start=60, mentor_id=1, mentee_id=2):
    return SimpleNamespace(
        status=status, start_time=at(start), mentor_id=mentor_id, mentee_id=mentee_id
    )


def refusal(call) -> tuple[str, str | None, str]:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.code, caught.value.field, caught.value.message


# --- Who ------------------------------------------------------------------------------------------
def test_only_mentors_pass_the_mentor_check_with_the_action_in_the_message():
    rules.check_is_mentor(person(is_mentor=True), to="publish availability")
    with pytest.raises(Forbidden) as caught:
        rules.check_is_mentor(person(), to="publish availability")
    assert (caught.value.code, caught.value.message) == (
        "not_mentor",
        "Only mentors publish availability: set is_mentor on your profile first.",
    )


def test_only_mentees_pass_the_mentee_check():
    rules.check_is_mentee(person(is_mentee=True), to="request sessions")
    with pytest.raises(Forbidden) as caught:
        rules.check_is_mentee(person(), to="request sessions")
    assert caught.value.code == "not_mentee"


def test_a_session_is_seen_by_its_two_people_only():
    item = session(mentor_id=1, mentee_id=2)
    assert [rules.may_see_session(pk, item) for pk in (1, 2, 3)] == [True, True, False]


# --- Availability ---------------------------------------------------------------------------------
def test_a_good_availability_has_no_problem():
    assert rules.availability_problems(at(30), at(90), now=T0, chunked=True) == []


@pytest.mark.parametrize(
    ("start", "end", "chunked", "expected"),
    [
        (0, 30, False, [("start_past", "start_time")]),
        (-30, -60, False, [("start_past", "start_time"), ("end_before_start", "end_time")]),
        (30, 30, False, [("end_before_start", "end_time")]),
        (30, 30 + 7 * 24 * 60 + 1, False, [("too_long", "end_time")]),
        (30, 75, True, [("not_whole_chunks", "end_time")]),
        (30, 75, False, []),
    ],
)
def test_availability_problems_name_each_field(start, end, chunked, expected):
    problems = rules.availability_problems(at(start), at(end), now=T0, chunked=chunked)
    assert [(p.code, p.field) for p in problems] == expected


def test_availability_may_touch_but_not_overlap_another():
    existing = [(at(60), at(120)), (at(0), at(30))]
    rules.check_no_availability_overlap(existing, at(30), at(60))
    assert refusal(lambda: rules.check_no_availability_overlap(existing, at(90), at(150))) == (
        "availability_overlap",
        "start_time",
        "This overlaps your availability from 2027-03-01T13:00:00Z to 2027-03-01T14:00:00Z.",
    )


def test_an_availability_needed_by_an_unfinished_live_session_is_kept():
    span = (at(60), at(120))
    ended = [(at(0), at(30), "Confirmed")]
    rules.check_availability_unused(span, ended, now=T0)  # does not overlap
    assert refusal(
        lambda: rules.check_availability_unused(span, [(at(90), at(120), "Pending")], now=T0)
    ) == (
        "availability_in_use",
        None,
        "A pending session (2027-03-01T13:30:00Z) uses this availability: cancel the "
        "session first.",
    )


def test_an_availability_whose_session_has_ended_may_go():
    span = (at(-120), at(-60))
    rules.check_availability_unused(span, [(at(-120), at(-90), "Confirmed")], now=T0)


@pytest.mark.parametrize(
    ("busy", "status"),
    [
        ([], AvailabilityStatus.OPEN),
        ([(at(0), at(30))], AvailabilityStatus.OPEN),
        ([(at(0), at(30)), (at(30), at(60))], AvailabilityStatus.BOOKED),
        ([(at(-30), at(90))], AvailabilityStatus.BOOKED),
        ([(at(0), at(20)), (at(30), at(60))], AvailabilityStatus.OPEN),
    ],
)
def test_an_availability_is_booked_only_while_live_sessions_cover_it(busy, status):
    assert rules.availability_status((at(0), at(60)), busy) == status


# --- Sessions -------------------------------------------------------------------------------------
@pytest.mark.parametrize("minutes", [30, 60])
def test_sessions_last_30_or_60_minutes(minutes):
    rules.check_session_length(minutes)


@pytest.mark.parametrize("minutes", [0, 45, 90, True, "30", None])
def test_any_other_length_is_refused_on_the_field(minutes):
    assert refusal(lambda: rules.check_session_length(minutes))[:2] == (
        "bad_length",
        "session_length",
    )


def test_a_session_start_must_be_in_the_future():
    assert rules.start_past(at(1), now=T0) is None
    problem = rules.start_past(T0, now=T0)
    assert (problem.code, problem.field) == ("start_past", "start_time")


def test_nobody_books_themself_or_someone_no_longer_an_active_mentor():
    mentee = person(1, is_mentee=True)
    rules.check_may_book(mentee=mentee, mentor=person(2, is_mentor=True))
    own = refusal(lambda: rules.check_may_book(mentee=mentee, mentor=mentee))
    not_mentor = refusal(lambda: rules.check_may_book(mentee=mentee, mentor=person(2)))
    inactive = refusal(
        lambda: rules.check_may_book(
            mentee=mentee, mentor=SimpleNamespace(pk=2, is_mentor=True, is_active=False)
        )
    )
    assert [own[:2], not_mentor[:2], inactive[:2]] == [
        ("own_availability", "mentor_availability"),
        ("not_mentor", "mentor_availability"),
        ("not_mentor", "mentor_availability"),
    ]


def test_a_session_starts_inside_its_availability():
    rules.check_starts_inside((at(0), at(30)), at(0))
    assert refusal(lambda: rules.check_starts_inside((at(0), at(30)), at(30)))[:2] == (
        "outside_availability",
        "start_time",
    )


def test_a_session_may_run_on_into_touching_availability_but_not_over_a_gap():
    rules.check_fits_availability([(at(0), at(30)), (at(30), at(60))], at(0), at(60))
    assert refusal(
        lambda: rules.check_fits_availability([(at(0), at(30)), (at(40), at(60))], at(0), at(60))
    ) == (
        "outside_availability",
        "session_length",
        "A 60-minute session from 2027-03-01T12:00:00Z does not fit in the mentor's availability.",
    )


def test_sessions_may_touch_but_not_overlap_and_the_message_says_whose():
    mentors = [(at(0), at(30), 1, 9)]
    rules.check_no_session_overlap(mentors, at(30), at(60), mentor_id=1)
    mentor_busy = refusal(
        lambda: rules.check_no_session_overlap(mentors, at(15), at(45), mentor_id=1)
    )
    mentee_busy = refusal(
        lambda: rules.check_no_session_overlap([(at(0), at(30), 5, 2)], at(15), at(45), mentor_id=1)
    )
    assert (mentor_busy[0], mentor_busy[2]) == (
        "session_overlap",
        "The mentor already has a session at that time.",
    )
    assert mentee_busy[2] == "You already have a session at that time."


def test_the_mentor_busy_as_a_mentee_elsewhere_is_the_mentor_busy():
    assert refusal(
        lambda: rules.check_no_session_overlap([(at(0), at(30), 7, 1)], at(0), at(30), mentor_id=1)
    )[2] == ("The mentor already has a session at that time.")


def test_only_the_mentor_confirms_a_pending_session_before_it_starts():
    rules.check_may_confirm(1, session(), now=T0)
    with pytest.raises(Forbidden) as caught:
        rules.check_may_confirm(2, session(), now=T0)
    assert caught.value.code == "not_mentor"
    confirmed = refusal(
        lambda: rules.check_may_confirm(1, session(SessionStatus.CONFIRMED), now=T0)
    )
    assert confirmed == (
        "bad_transition",
        "status",
        "Only a pending session can be confirmed; this one is Confirmed.",
    )
    started = refusal(lambda: rules.check_may_confirm(1, session(start=0), now=T0))
    assert started[:2] == ("already_started", "status")


@pytest.mark.parametrize("status", [SessionStatus.PENDING, SessionStatus.CONFIRMED])
def test_a_live_session_is_canceled_before_it_starts(status):
    rules.check_may_cancel(session(status), now=T0)
    assert refusal(lambda: rules.check_may_cancel(session(status, start=0), now=T0)) == (
        "already_started",
        "status",
        "A session can only be canceled before it starts.",
    )


def test_a_canceled_session_stays_canceled():
    assert refusal(lambda: rules.check_may_cancel(session(SessionStatus.CANCELED), now=T0))[:2] == (
        "bad_transition",
        "status",
    )


def test_a_session_never_goes_back_to_pending_and_other_words_are_no_status():
    back = rules.refuse_status(SessionStatus.PENDING)
    unknown = rules.refuse_status("confirmed ")
    assert (back.code, back.message) == ("bad_transition", "A session cannot go back to Pending.")
    assert (unknown.code, unknown.field, unknown.message) == (
        "bad_status",
        "status",
        '"confirmed " is not a valid status: use "Confirmed" or "Canceled".',
    )


# --- Skills ---------------------------------------------------------------------------------------
def test_skill_names_are_trimmed_and_unique_without_case_in_the_order_given():
    assert rules.skill_names(["  Deep   learning ", "python", "", "PYTHON", "Go"]) == [
        "Deep learning",
        "python",
        "Go",
    ]


def test_skill_names_read_a_string_as_a_comma_separated_list_and_none_as_empty():
    assert rules.skill_names("Python, Go,") == ["Python", "Go"]
    assert rules.skill_names(None) == []


@pytest.mark.parametrize(
    ("skills", "message"),
    [
        ({"a": 1}, "Give skills as a list of names."),
        (["ok", 3], "Each skill must be a name."),
        (["x" * 51], "A skill name has at most 50 characters."),
        ([f"s{i}" for i in range(21)], "At most 20 skills."),
        (["Py\u0000thon"], "A skill name cannot contain control characters."),
    ],
)
def test_bad_skill_names_are_refused_on_skills(skills, message):
    assert refusal(lambda: rules.skill_names(skills)) == ("skills_invalid", "skills", message)


def test_a_search_passes_control_characters_on_but_keeps_every_other_limit():
    assert rules.skill_names(["Py\u0000thon", "py\u0000THON"], for_search=True) == ["Py\u0000thon"]
    assert refusal(lambda: rules.skill_names(["x" * 51], for_search=True))[0] == "skills_invalid"
    assert refusal(lambda: rules.skill_names([f"s{i}" for i in range(21)], for_search=True))[2] == (
        "At most 20 skills."
    )


def test_twenty_distinct_names_are_allowed_and_repeats_do_not_count():
    names = [f"s{i}" for i in range(20)]
    assert rules.skill_names(names + [n.upper() for n in names]) == names
