"""Benchmark of the help queue's and mentor booking's web pages beside a raw-SQL floor, at two
sizes.

    make bench-pages    # or: .venv/bin/python scripts/bench_pages.py [--requests N]
                        #     [--tickets 1000 5000] [--mentors 200 1000] [--page PATH ...]

Builds a throwaway database (SQLite in a temporary folder, or DATABASE_URL if you set it to a
scratch PostgreSQL database: it is migrated, emptied before each size and filled) and, at each
size, logs a browser in (Django's test client asking for text/html, ``force_login``) and gets:

- the help queue (``--tickets``: tickets of the event, a fifth of them live, OPEN or CLAIMED,
  the others closed, as in the busy hours of a hackathon of some thousand hackers): the
  mentors' live queue ``/queue/mentor/`` and its htmx list
  ``/queue/mentor/list/`` (as a mentor; ``/queue/mentor/list/?v=`` is its poll while the queue
  has not changed, answered 204), a hacker's own ``/queue/`` (5 tickets of theirs among
  all the others) and the director's ``/queue/stats/``;
- mentor booking (``--mentors``, each with 3 skills and 20 free half hours this week, and two
  sessions each): find-a-mentor ``/mentoring/mentors/`` and a mentee's sessions ``/mentoring/``
  (one session per ten mentors, half of them archived).

Each page is checked (200, and its rows counted in the HTML) and timed alternately with its
floor: the same rows fetched with ONE raw SQL query and turned into JSON with json.dumps (what
any implementation must at least spend to get the page's data). Prints queries per request,
p50/p95 and the p50 ratio to the floor; then PASS/FAIL: each page's query count is the same at
every size, and its p50 is within 3x its floor.
"""

import argparse
import atexit
import datetime as dt
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchtiming import alternately, pct  # noqa: E402 (beside this script)

#: A page's p50 may be this many times its floor's.
GOAL = 3.0
#: The hacker's own tickets on /queue/ (two live, three done), whatever the size.
OWN_TICKETS = 5
OWN_LIVE = 2
#: A small page, timed alone: the cost every page pays (session, user, middleware, base).
SMALL_PAGE = "/mentoring/notifications/"
SKILLS_EACH = 3
CHUNKS_EACH = 20


def setup_django():
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="oneonone-bench-pages-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("INPROCESS_BEAT", "false")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def empty_database():
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


# --- Filling ------------------------------------------------------------------------------------
def fill_queue(live: int) -> dict:
    """``live`` OPEN/CLAIMED tickets and four times as many CLOSED ones (500 hackers, 40
    mentors)."""
    from accounts.models import QueueRole, User
    from core import clock
    from helpqueue.models import Ticket

    Status = Ticket.Status
    hackers = User.objects.bulk_create(
        User(username=f"hacker{i}", email=f"hacker{i}@bench.local", first_name=f"Hacker{i}")
        for i in range(500)
    )
    mentors = User.objects.bulk_create(
        User(
            username=f"qmentor{i}",
            email=f"qmentor{i}@bench.local",
            first_name="Mentor",
            last_name=str(i),
            queue_role=QueueRole.MENTOR,
        )
        for i in range(40)
    )
    director = User.objects.create_user(
        "director", "director@bench.local", "bench-password-1", queue_role=QueueRole.DIRECTOR
    )
    hacker = User.objects.create_user("me", "me@bench.local", "bench-password-1")
    now = clock.now()
    tickets = []
    history = now - dt.timedelta(hours=36)
    closed = live * 4
    for i in range(closed):  # the event's history: closed tickets over 36 hours
        created = history + dt.timedelta(seconds=i * 30 * 3600 / closed)
        claimed = created + dt.timedelta(seconds=60 + i % 900)
        tickets.append(
            Ticket(
                owner=hackers[i % len(hackers)],
                title=f"Solved problem {i}",
                comment="It works now, thanks. " * 3,
                contact=f"Slack @hacker{i}",
                location=f"Table {i % 120}",
                created=created,
                status=Status.CLOSED,
                mentor=mentors[i % len(mentors)],
                claimed_at=claimed,
                closed_at=claimed + dt.timedelta(seconds=300 + i % 1800),
            )
        )
    began = now - dt.timedelta(hours=5)
    for i in range(live):  # the live queue: the older ones claimed, the newer ones waiting
        created = began + dt.timedelta(seconds=i * 5 * 3600 / (live + OWN_TICKETS))
        claimed = i < live * 2 // 5
        tickets.append(
            Ticket(
                owner=hackers[(i * 7) % len(hackers)],
                title=f"Help with problem {i}",
                comment="My code does not compile and I do not know why. " * 3,
                contact=f"Slack @hacker{i}",
                location=f"Table {i % 120}",
                created=created,
                status=Status.CLAIMED if claimed else Status.OPEN,
                mentor=mentors[i % len(mentors)] if claimed else None,
                claimed_at=created + dt.timedelta(seconds=120) if claimed else None,
            )
        )
    for i in range(OWN_TICKETS):
        done = i >= OWN_LIVE
        created = now - dt.timedelta(minutes=50 - i * 10)
        tickets.append(
            Ticket(
                owner=hacker,
                title=f"My problem {i}",
                comment="Please help.",
                location="Table 7",
                created=created,
                status=Status.CLOSED if done else Status.OPEN,
                mentor=mentors[0] if done else None,
                claimed_at=created + dt.timedelta(minutes=2) if done else None,
                closed_at=created + dt.timedelta(minutes=9) if done else None,
            )
        )
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    return {"mentor": mentors[0], "director": director, "hacker": hacker}


def fill_mentoring(count: int) -> dict:
    """``count`` mentors (3 skills, 20 free half hours this week each), as many mentees, and
    two sessions per mentor; the viewer (a mentee) has one session per ten mentors."""
    from accounts.models import User
    from core import clock
    from mentoring.models import (
        MenteeProfile,
        MentorAvailability,
        MentorProfile,
        Session,
        SessionStatus,
        Skill,
    )

    names = [f"Skill {i}" for i in range(12)]
    skills = Skill.objects.bulk_create(Skill(name=name) for name in names)
    if skills[0].pk is None:
        skills = list(Skill.objects.order_by("pk"))
    mentors = User.objects.bulk_create(
        User(
            username=f"mentor{n:05d}",
            email=f"mentor{n:05d}@bench.local",
            first_name=f"Mentor{n}",
            last_name="Bench",
            is_mentor=True,
        )
        for n in range(count)
    )
    mentees = User.objects.bulk_create(
        User(username=f"mentee{n:05d}", email=f"mentee{n:05d}@bench.local", is_mentee=True)
        for n in range(count)
    )
    if mentors[0].pk is None:  # a database that does not return ids from bulk inserts
        mentors = list(User.objects.filter(is_mentor=True).order_by("pk"))
        mentees = list(User.objects.filter(is_mentee=True).order_by("pk"))
    viewer = User.objects.create_user("mentee", "mentee@bench.local", "x", is_mentee=True)
    MenteeProfile.objects.bulk_create(MenteeProfile(user=u, team_number=1) for u in mentees)
    MentorProfile.objects.bulk_create(
        MentorProfile(user=u, about_me=f"I help with {names[n % 12]}.", team_number=1)
        for n, u in enumerate(mentors)
    )
    through = MentorProfile.skills.through
    through.objects.bulk_create(
        through(mentorprofile_id=u.pk, skill_id=skills[(n + i) % 12].pk)
        for n, u in enumerate(mentors)
        for i in range(SKILLS_EACH)
    )
    today = clock.now().replace(hour=9, minute=0, second=0, microsecond=0)
    MentorAvailability.objects.bulk_create(
        (
            MentorAvailability(
                mentor=u,
                start_time=today
                + dt.timedelta(days=1 + c // 4, minutes=60 * (c % 4) + 30 * (n % 2)),
                end_time=today
                + dt.timedelta(days=1 + c // 4, minutes=60 * (c % 4) + 30 * (n % 2) + 30),
            )
            for n, u in enumerate(mentors)
            for c in range(CHUNKS_EACH)
        ),
        batch_size=2000,
    )
    # Sessions at distinct hours (no two of one person overlap), from 30 days ago to 30 ahead.
    sessions = []
    first = today - dt.timedelta(days=30)
    total = count * 2
    mine = count // 10
    statuses = [SessionStatus.CONFIRMED, SessionStatus.PENDING, SessionStatus.CANCELED]
    for i in range(total):
        start = first + dt.timedelta(minutes=30 * round(i * 60 * 48 / total))
        status = statuses[i % 3]
        sessions.append(
            Session(
                mentor=mentors[i % count],
                mentee=viewer if i % (total // mine) == 0 else mentees[i % count],
                start_time=start,
                end_time=start + dt.timedelta(minutes=30),
                session_length=30,
                status=status,
                canceled_at=start - dt.timedelta(days=1) if status == "Canceled" else None,
            )
        )
    Session.objects.bulk_create(sessions, batch_size=1000)
    return {"viewer": viewer}


# --- Floors: one raw query each, json.dumps -----------------------------------------------------
def _aware(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _iso(value):
    value = _aware(value)
    return None if value is None else value.isoformat()


def _rows(sql: str, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


TICKET_COLUMNS = """
t.id, t.title, t.comment, t.contact, t.location, t.status, t.owner_name, t.created,
t.claimed_at, o.id, o.username, o.first_name, o.last_name, m.id, m.username, m.first_name,
m.last_name"""

QUEUE_SQL = f"""
SELECT {TICKET_COLUMNS},
       ROW_NUMBER() OVER (PARTITION BY t.status ORDER BY t.created, t.id)
FROM helpqueue_ticket t
JOIN accounts_user o ON o.id = t.owner_id
LEFT JOIN accounts_user m ON m.id = t.mentor_id
WHERE t.status IN ('OPEN', 'CLAIMED')
ORDER BY t.created, t.id
"""

OWN_SQL = f"""
SELECT {TICKET_COLUMNS},
       CASE WHEN t.status = 'OPEN' THEN (
           SELECT COUNT(*) FROM helpqueue_ticket a WHERE a.status = 'OPEN'
           AND (a.created < t.created OR (a.created = t.created AND a.id <= t.id))
       ) END
FROM helpqueue_ticket t
JOIN accounts_user o ON o.id = t.owner_id
LEFT JOIN accounts_user m ON m.id = t.mentor_id
WHERE t.owner_id = %s
ORDER BY t.created, t.id
"""


def _name(first, last, username):
    return f"{first or ''} {last or ''}".strip() or username


def _tickets_json(rows) -> bytes:
    out = []
    for row in rows:
        out.append(
            {
                "id": row[0],
                "title": row[1],
                "comment": row[2],
                "contact": row[3],
                "location": row[4],
                "status": row[5],
                "owner": row[6] or _name(row[11], row[12], row[10]),
                "owner_id": row[9],
                "created": _iso(row[7]),
                "claimed_at": _iso(row[8]),
                "mentor_id": row[13],
                "mentor": None if row[13] is None else _name(row[15], row[16], row[14]),
                "queue_position": row[17] if row[5] == "OPEN" else None,
            }
        )
    return json.dumps(out).encode()


def floor_queue() -> bytes:
    return _tickets_json(_rows(QUEUE_SQL))


def floor_own(user_id: int) -> bytes:
    return _tickets_json(_rows(OWN_SQL, [user_id]))


STATS_SQL = "SELECT created, claimed_at, closed_at, status FROM helpqueue_ticket"


def floor_stats() -> bytes:
    """Every ticket's times in one query; the counts, averages and hourly medians in Python."""
    counts = {"OPEN": 0, "CLAIMED": 0, "CLOSED": 0, "CANCELLED": 0}
    hours: dict = {}
    claims, closes = [], []
    for created, claimed, closed, status in _rows(STATS_SQL):
        created, claimed, closed = _aware(created), _aware(claimed), _aware(closed)
        counts[status] += 1
        opened, waits, done = hours.setdefault(
            created.replace(minute=0, second=0, microsecond=0), ([], [], [])
        )
        opened.append(1)
        if claimed is not None:
            waits.append((claimed - created).total_seconds())
            claims.append(waits[-1])
        if status == "CLOSED":
            done.append((closed - created).total_seconds())
            closes.append(done[-1])
    body = {
        "counts": counts,
        "claimed": statistics.fmean(claims) if claims else None,
        "closed": statistics.fmean(closes) if closes else None,
        "hours": [
            {
                "hour": hour.isoformat(),
                "opened": len(opened),
                "wait": median(waits) if waits else None,
                "close": median(done) if done else None,
            }
            for hour, (opened, waits, done) in sorted(hours.items())
        ],
    }
    return json.dumps(body).encode()


# The mentors with their availability, then their skills, as rows of one query (a join of
# both would repeat every availability per skill; a derived table of names costs more).
MENTORS_SQL = """
SELECT u.id, 0 AS kind, u.username, u.first_name, u.last_name, p.about_me,
       a.id, a.start_time, a.end_time, a.status, NULL AS skill
FROM accounts_user u
LEFT JOIN mentoring_mentorprofile p ON p.user_id = u.id
LEFT JOIN mentoring_mentoravailability a ON a.mentor_id = u.id AND a.end_time > %s
WHERE u.is_mentor AND u.is_active
UNION ALL
SELECT ms.mentorprofile_id, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, s.name
FROM mentoring_mentorprofile_skills ms
JOIN mentoring_skill s ON s.id = ms.skill_id
JOIN accounts_user u ON u.id = ms.mentorprofile_id
WHERE u.is_mentor AND u.is_active
ORDER BY 1, 2, 8, 7, 11
"""


def floor_mentors(now) -> bytes:
    """Mentors with their skills and free half hours in one query, json.dumps'd."""
    mentors = {}
    for uid, kind, username, first, last, about, aid, start, end, status, skill in _rows(
        MENTORS_SQL, [now]
    ):
        if kind == 1:
            mentors[uid]["skills"].append(skill)
            continue
        current = mentors.get(uid)
        if current is None:
            current = mentors[uid] = {
                "pk": uid,
                "name": _name(first, last, username),
                "about_me": about or "",
                "skills": [],
                "slots": [],
            }
        if aid is not None and status == "Open":
            current["slots"].append({"availability": aid, "start": _iso(start), "end": _iso(end)})
    return json.dumps(list(mentors.values())).encode()


SESSIONS_SQL = """
SELECT s.id, s.start_time, s.end_time, s.status, s.session_length, s.mentor_id,
       m.username, m.first_name, m.last_name, e.id, e.username, e.first_name, e.last_name
FROM mentoring_session s
JOIN accounts_user m ON m.id = s.mentor_id
JOIN accounts_user e ON e.id = s.mentee_id
WHERE s.mentor_id = %s OR s.mentee_id = %s
ORDER BY s.start_time, s.id
"""


def floor_sessions(user_id: int) -> bytes:
    out = [
        {
            "id": row[0],
            "start": _iso(row[1]),
            "end": _iso(row[2]),
            "status": row[3],
            "length": row[4],
            "mentor": _name(row[7], row[8], row[6]),
            "mentee": _name(row[11], row[12], row[10]),
        }
        for row in _rows(SESSIONS_SQL, [user_id, user_id])
    ]
    return json.dumps(out).encode()


# --- Timing -------------------------------------------------------------------------------------
def browser(user):
    from django.test import Client

    client = Client(HTTP_ACCEPT="text/html")
    client.force_login(user)
    return client


def pages(people: dict, *, live: int, mentors: int):
    """(name, client, url, extra headers, check(html) -> rows shown, floor[, status]) of every
    page; ``/queue/mentor/list/?v=`` is the mentors' poll while the queue is unchanged (204)."""
    from core import clock
    from helpqueue.models import Ticket
    from mentoring.models import Session

    mentor = browser(people["mentor"])
    director = browser(people["director"])
    hacker = browser(people["hacker"])
    mentee = browser(people["viewer"])
    now = clock.now()
    total = Ticket.objects.count()
    sessions = Session.objects.filter(mentee=people["viewer"]).count()
    mine = people["hacker"].pk
    viewer = people["viewer"].pk

    def rows(marker: str, expected: int):
        def check(html: str) -> int:
            found = html.count(marker)
            assert found == expected, (marker, found, expected)
            return found

        return check

    def stats_check(html: str) -> int:
        assert f"<dt>Tickets</dt><dd>{total}</dd>" in html, "ticket count missing"
        return total

    def sessions_check(html: str) -> int:
        current = html.count('<li class="card">')
        archived = html.split("<h2>Archived (", 1)[1].split(")", 1)[0]
        assert current + int(archived) == sessions, (current, archived, sessions)
        return sessions

    ticket_link = 'href="/queue/tickets/'
    # The poll of a page whose queue has not changed since: the version the page holds.
    held = re.search(
        r'hx-get="(/queue/mentor/list/\?v=[^"]+)"', mentor.get("/queue/mentor/").content.decode()
    )
    unchanged = held.group(1) if held else "/queue/mentor/list/?v=none"

    def empty(html: str) -> int:
        assert html == "", "a 204 has no body"
        return 0

    return [
        (
            "/queue/mentor/",
            mentor,
            "/queue/mentor/",
            {},
            rows(ticket_link, live + OWN_LIVE),
            floor_queue,
        ),
        (
            "/queue/mentor/list/",
            mentor,
            "/queue/mentor/list/",
            {"HTTP_HX_REQUEST": "true"},
            rows(ticket_link, live + OWN_LIVE),
            floor_queue,
        ),
        (
            "/queue/mentor/list/?v=",
            mentor,
            unchanged,
            {"HTTP_HX_REQUEST": "true"},
            empty,
            floor_queue,
            204,
        ),
        ("/queue/", hacker, "/queue/", {}, rows(ticket_link, OWN_TICKETS), lambda: floor_own(mine)),
        ("/queue/stats/", director, "/queue/stats/", {}, stats_check, floor_stats),
        (
            "/mentoring/mentors/",
            mentee,
            "/mentoring/mentors/",
            {},
            rows('class="card mentor"', mentors),
            lambda: floor_mentors(now),
        ),
        ("/mentoring/", mentee, "/mentoring/", {}, sessions_check, lambda: floor_sessions(viewer)),
    ]


def run_size(tickets: int, mentors: int, args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    empty_database()
    began = time.perf_counter()
    live = tickets // 5
    people = {**fill_queue(live), **fill_mentoring(mentors)}
    filled = time.perf_counter() - began
    print(
        f"\n{live} live tickets (+{live * 4} closed), {mentors} mentors x {CHUNKS_EACH} free half "
        f"hours; {connection.vendor}; filled in {filled:.1f} s; {args.requests} requests each, "
        "alternately with the floor"
    )
    print(
        f"{'page':<22}{'rows':>6}{'queries':>9}{'KB':>7}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'floor p50':>11}{'p95':>8}{'ratio':>8}"
    )
    results = {}
    for name, client, url, headers, check, floor, *status in pages(
        people, live=live, mentors=mentors
    ):
        if args.page and name not in args.page:
            continue

        def get(client=client, url=url, headers=headers, expected=(status or [200])[0]):
            response = client.get(url, **headers)
            assert response.status_code == expected, (url, response.status_code)
            return response.content

        html = get().decode()
        shown = check(html)
        with CaptureQueriesContext(connection) as ctx:
            get()
        queries = len(ctx.captured_queries)
        page, base = alternately([get, floor], args.requests, warmups=2)
        ratio = median(page) / median(base)
        results[name] = {"queries": queries, "ratio": ratio}
        print(
            f"{name:<22}{shown:>6}{queries:>9}{len(html.encode()) / 1024:>7.0f}"
            f"{pct(page, 0.5):>9.1f}{pct(page, 0.95):>9.1f}{pct(base, 0.5):>11.1f}"
            f"{pct(base, 0.95):>8.1f}{ratio:>7.2f}x"
        )
    fixed = browser(people["viewer"])
    (small,) = alternately([lambda: fixed.get(SMALL_PAGE)], args.requests, warmups=2)
    print(
        f"what every page costs: {SMALL_PAGE} (a small form) p50 {pct(small, 0.5):.1f} ms "
        "(session, user, middleware, base template)"
    )
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--tickets", type=int, nargs=2, default=[1000, 5000], help="tickets, a fifth live"
    )
    parser.add_argument("--mentors", type=int, nargs=2, default=[200, 1000])
    parser.add_argument("--page", nargs="+", help="only these pages (paths as printed)")
    args = parser.parse_args(argv)
    setup_django()
    by_size = [
        run_size(tickets, mentors, args)
        for tickets, mentors in zip(args.tickets, args.mentors, strict=True)
    ]
    ok = True
    print()
    for name in by_size[0]:
        counts = [r[name]["queries"] for r in by_size]
        fixed = len(set(counts)) == 1
        print(
            f"{'PASS' if fixed else 'FAIL'}  {name}: queries fixed across sizes "
            f"({' and '.join(map(str, counts))})"
        )
        ok &= fixed
    for name in by_size[0]:
        ratios = [r[name]["ratio"] for r in by_size]
        within = all(r <= GOAL for r in ratios)
        print(
            f"{'PASS' if within else 'FAIL'}  {name}: p50 within {GOAL:.0f}x its floor "
            f"({', '.join(f'{r:.2f}x' for r in ratios)})"
        )
        ok &= within
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
