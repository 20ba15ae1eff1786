"""Reads on mentor booking, each in a fixed number of queries whatever the number of rows.

The mentor list is the hot read (every mentee's first screen): it returns plain values from
three queries (mentors with their profile, their skills, their future availability) and builds
no model instances, so a few thousand availability rows cost little more than the SQL itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, F, Q

from accounts.models import User
from core import isotime
from mentoring import rules
from mentoring.models import MenteeProfile, MentorAvailability, MentorProfile, Session, Skill

if TYPE_CHECKING:
    from core.paging import Page

ARCHIVE_AFTER = timedelta(hours=24)


@dataclass(slots=True)
class MentorCard:
    pk: int
    username: str
    first_name: str
    last_name: str
    is_mentor: bool
    profile_photo: str  # storage name, "" when none
    about_me: str
    team_number: int | None
    skills: list[str] = field(default_factory=list)
    # (pk, mentor pk, start, end, status), ordered by start; start and end as ISO text in UTC
    # ("...Z", core.isotime.UtcIso), or aware datetimes on a database UtcIso does not know
    availabilities: list[tuple] = field(default_factory=list)


def mentor_cards(
    *, now: datetime, skills: list[str] | None = None, page: Page | None = None
) -> list[MentorCard]:
    """Active users flagged as mentors, by pk, with skills and availability ending after ``now``.

    With ``skills``, only mentors having every one of them (names compared without case): one
    subquery whatever their number (their skills among the names, grouped, counted), not a join
    per name. Names are read by ``rules.skill_names`` (too many, or too long to match any
    mentor: DomainError on ``skills``). With ``page``, only that page of the mentors (cut by the
    database), with the skills and availability of those mentors only. Three queries.
    """
    mentors = User.objects.filter(is_mentor=True, is_active=True)
    names = rules.skill_names(skills or [], for_search=True)
    if names:
        through = MentorProfile.skills.through
        wanted = Q()
        for name in names:
            wanted |= Q(skill__name__iexact=name)
        having_all = (
            through.objects.filter(wanted)
            .values("mentorprofile_id")
            .annotate(found=Count("skill_id", distinct=True))
            .filter(found=len(names))
            .values("mentorprofile_id")
        )
        mentors = mentors.filter(pk__in=having_all)
    rows = mentors.order_by("pk").values_list(
        "pk",
        "username",
        "first_name",
        "last_name",
        "is_mentor",
        "profile_photo",
        "mentor_profile__about_me",
        "mentor_profile__team_number",
    )
    if page is not None:
        rows = page.cut(rows)
    cards = {
        row[0]: MentorCard(
            row[0], row[1], row[2], row[3], row[4], row[5] or "", row[6] or "", row[7]
        )
        for row in rows
    }
    if not cards:
        return []
    # The mentors again as a subquery, not a list of thousands of ids in the SQL; a page's ids
    # (at most API_PAGE_MAX) as a list, so the database does not cut the mentors twice more.
    ids = list(cards) if page is not None else mentors.values("pk")
    through = MentorProfile.skills.through
    for mentor_id, name in (
        through.objects.filter(mentorprofile_id__in=ids)
        .order_by("skill__name")
        .values_list("mentorprofile_id", "skill__name")
    ):
        cards[mentor_id].skills.append(name)
    # The database writes the times as the contract does (core.isotime.UtcIso): no datetime
    # per value in Python, the cost that dominated the list.
    availability = (
        MentorAvailability.objects.filter(mentor_id__in=ids, end_time__gt=now)
        .order_by("start_time", "pk")
        .values_list(
            "pk",
            "mentor_id",
            isotime.UtcIso(F("start_time")),
            isotime.UtcIso(F("end_time")),
            "status",
        )
    )
    sql, params = availability.query.sql_with_params()
    with connection.cursor() as cursor:
        _use_fast_timestamp_loader(cursor)  # where UtcIso leaves datetimes to the driver
        cursor.execute(sql, params)
        for pk, mentor_id, start, end, status in cursor.fetchall():
            if not isinstance(start, str) and start.tzinfo is None:  # SQLite's naive UTC
                start, end = start.replace(tzinfo=UTC), end.replace(tzinfo=UTC)
            cards[mentor_id].availabilities.append((pk, mentor_id, start, end, status))
    return list(cards.values())


def _use_fast_timestamp_loader(cursor) -> None:
    """On PostgreSQL, psycopg's own (C) timestamptz loader for this cursor.

    Django registers a pure-Python loader (to attach its time zone), about five times slower
    per value; psycopg's gives the same aware datetimes in the session's zone (UTC).
    """
    if connection.vendor != "postgresql":
        return
    from psycopg.types.datetime import TimestamptzLoader

    cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)


def mentor_profile(*, user: User) -> MentorProfile | None:
    """The user's mentor profile with its skills prefetched (two queries), or None."""
    return MentorProfile.objects.filter(user=user).prefetch_related("skills").first()


def future_availabilities(*, now: datetime, mentor_id: int | None = None, page: Page | None = None):
    """Availability ending after ``now``, ordered by start then pk (one query).

    With ``page``, that page of it (sliced: the caller may still pick columns, not filter).
    """
    items = MentorAvailability.objects.filter(end_time__gt=now)
    if mentor_id is not None:
        items = items.filter(mentor_id=mentor_id)
    items = items.order_by("start_time", "pk")
    return items if page is None else page.cut(items)


def mentees(*, page: Page | None = None):
    """Active users flagged as mentees with their profile, by pk (one query); ``page``: a page."""
    items = (
        User.objects.filter(is_mentee=True, is_active=True)
        .select_related("mentee_profile")
        .order_by("pk")
    )
    return items if page is None else page.cut(items)


def mentee_profile(*, user: User) -> MenteeProfile | None:
    return MenteeProfile.objects.filter(user=user).first()


def sessions_of(*, user: User, now: datetime, archived: bool, page: Page | None = None):
    """Sessions the user takes part in (either side), by start then pk (one query).

    Archived: started more than 24 hours before ``now``; the others are the current ones.
    ``page``: only that page of them.
    """
    cutoff = now - ARCHIVE_AFTER
    items = Session.objects.filter(rules.sessions_visible_to(user)).select_related(
        "mentor", "mentee"
    )
    items = (
        items.filter(start_time__lt=cutoff) if archived else items.filter(start_time__gte=cutoff)
    )
    items = items.order_by("start_time", "pk")
    return items if page is None else page.cut(items)


def session_for(*, user: User, session_id: int) -> Session:
    return Session.objects.select_related("mentor", "mentee").get(
        rules.sessions_visible_to(user), pk=session_id
    )


def all_skills() -> list[str]:
    return list(Skill.objects.order_by("name").values_list("name", flat=True))
