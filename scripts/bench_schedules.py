"""Benchmark of seed 001's details and confirm, and of the round's web pages, for a calendar of
200, then 400, invitees.

    make bench-scheduling     # or: .venv/bin/python scripts/bench_schedules.py [--requests N]

Builds a throwaway database (SQLite in a temporary folder, or DATABASE_URL if you set it to a
scratch PostgreSQL database: it is migrated and filled), an owner with 200 invitees who answered
with 5 windows each, then times GET details and GET confirm through Django's test client, each
beside its floor measured in the same run, all four timed alternately:

- details' floor: the same rows fetched with one raw SQL query and turned into the same JSON with
  json.dumps, the cost of the data itself (its timestamps read as ISO text with their offset and
  parsed by ``datetime.fromisoformat``, the cheapest way either database gives them).
- confirm's floor: details' floor plus the optimizer's own run on the same input, that is
  ``optimizer.suggest`` called directly with the very ``Instance``, count and time limit that
  confirm gives it (captured from one confirm request before timing). Confirm's other work
  (reading the rows into that ``Instance``, its extra query for the owner's other meetings,
  turning the schedules back into instants and writing them) counts against it. Confirm
  persists nothing (a GET: the suggestions are computed per request, no INSERT or UPDATE, which
  the script checks), so its floor has no writes.

Prints p50/p95, queries per request, and each endpoint's ratio to its floor. Then the owner's
round page (/rounds/<id>/) and its suggestions (/rounds/<id>/suggestions/, what the page loads by
htmx) as a logged-in browser gets them, timed alternately with details, with their ratio to
details (#12 asks for the round page under 3x).
"""

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchtiming import alternately, pct  # noqa: E402 (beside this script)


def setup_django():
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="oneonone-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(invitees: int, windows_each: int):
    from accounts.models import User
    from contacts.models import Contact
    from scheduling import services
    from scheduling.models import AvailabilityWindow, Invitation

    owner = User.objects.create_user(
        f"bench-owner-{invitees}", f"owner{invitees}@bench.local", "bench-password-1"
    )
    Contact.objects.bulk_create(
        Contact(
            owner=owner,
            first_name=f"First{i}",
            last_name=f"Last{i}",
            email=f"invitee{i}.{invitees}@bench.local",
        )
        for i in range(invitees)
    )
    start = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=7)
    days = [start + dt.timedelta(days=d) for d in range(5)]
    calendar = services.create_calendar(
        owner=owner,
        name="Bench",
        description="200 invitees",
        deadline=dt.datetime.combine(start - dt.timedelta(days=1), dt.time(17)),
        invitee_contact_ids=list(Contact.objects.filter(owner=owner).values_list("pk", flat=True)),
        slots=[
            services.SlotInput(
                dt.datetime.combine(d, dt.time(9)), dt.datetime.combine(d, dt.time(17)), 1 + i % 3
            )
            for i, d in enumerate(days)
        ],
        time_zone="America/Toronto",
    )
    tz = ZoneInfo("America/Toronto")
    rows = []
    now = dt.datetime.now(dt.UTC)
    for n, invitation in enumerate(Invitation.objects.filter(calendar=calendar).order_by("pk")):
        for w in range(windows_each):
            day = days[(n + w) % 5]
            hour = 9 + (n * 7 + w * 3) % 7
            begin = dt.datetime.combine(day, dt.time(hour), tzinfo=tz)
            rows.append(
                AvailabilityWindow(
                    calendar=calendar,
                    invitation=invitation,
                    start=begin,
                    end=begin + dt.timedelta(hours=1),
                    preference=1 + (n + w) % 3,
                )
            )
    AvailabilityWindow.objects.bulk_create(rows)
    Invitation.objects.filter(calendar=calendar).update(responded_at=now, accepted=True)
    return owner, calendar


FLOOR_SQL = """
SELECT c.id, c.name, c.description, {deadline}, c.finalized, c.time_zone,
       i.id, i.contact_id, i.responded_at IS NOT NULL, i.first_name, i.last_name, i.email,
       w.id, {start}, {end}, w.preference
FROM scheduling_calendar c
LEFT JOIN scheduling_availabilitywindow w ON w.calendar_id = c.id
LEFT JOIN scheduling_invitation i ON i.id = w.invitation_id
WHERE c.id = %s ORDER BY w.start, w.id
"""


def floor_sql(vendor: str) -> str:
    """FLOOR_SQL with its timestamps as ISO text with their offset, parsed by
    ``datetime.fromisoformat`` (in C): the cheapest way either database gives them to Python
    (Django's cursor would parse them in Python)."""
    if vendor == "sqlite":  # stored as naive UTC text

        def text(column):
            return f"({column} || '+00:00')"

    elif vendor == "postgresql":  # the session is in UTC

        def text(column):
            return f"({column})::text"

    else:

        def text(column):
            return column

    return FLOOR_SQL.format(deadline=text("c.deadline"), start=text("w.start"), end=text('w."end"'))


def _aware(value):
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def floor_details(calendar_id: int) -> bytes:
    """The details JSON from one raw query, formatted by hand: the cost of the data itself."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(floor_sql(connection.vendor), [calendar_id])
        rows = cursor.fetchall()
    tz = ZoneInfo(rows[0][5])
    owner_slots, invitees = [], {}
    for row in rows:
        if row[12] is None:
            continue
        start, end = _aware(row[13]).astimezone(tz), _aware(row[14]).astimezone(tz)
        slot = {
            "id": row[12],
            "date": start.date().isoformat(),
            "start_time": start.strftime("%H:%M:%S"),
            "end_time": end.strftime("%H:%M:%S"),
            "preference_level": row[15],
        }
        if row[6] is None:
            owner_slots.append(slot)
        else:
            entry = invitees.setdefault(
                row[6],
                {
                    "contact": {
                        "id": row[7],
                        "first_Name": row[9],
                        "last_Name": row[10],
                        "email": row[11],
                    },
                    "status": bool(row[8]),
                    "slots": [],
                },
            )
            entry["slots"].append(slot)
    first = rows[0]
    body = {
        "Calendar": {
            "id": first[0],
            "name": first[1],
            "description": first[2],
            "deadline": _aware(first[3]).astimezone(tz).isoformat(),
            "invitees": [v["contact"]["id"] for v in invitees.values()],
            "finalized": bool(first[4]),
        },
        "Owner_availability": {"slots": owner_slots},
        "Invitee_availability": list(invitees.values()),
    }
    return json.dumps(body).encode()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--invitees", type=int, nargs="+", default=[200, 400])
    parser.add_argument("--windows", type=int, default=5)
    args = parser.parse_args(argv)
    setup_django()
    code = 0
    for invitees in args.invitees:
        code |= run(invitees, args)
    return code


def optimizer_input(get, confirm_url: str):
    """(instance, options) of the one ``optimizer.suggest`` call a confirm request makes."""
    import optimizer

    calls = []
    real = optimizer.suggest

    def spy(instance, **options):
        calls.append((instance, options))
        return real(instance, **options)

    optimizer.suggest = spy
    try:
        get(confirm_url)
    finally:
        optimizer.suggest = real
    assert len(calls) == 1, f"confirm called the optimizer {len(calls)} times"
    return calls[0]


WRITES = ("INSERT", "UPDATE", "DELETE")


def run(invitees: int, args) -> int:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import optimizer
    from accounts.services import issue_jwt_pair

    owner, calendar = build(invitees, args.windows)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_jwt_pair(user=owner)['access']}")
    details_url = f"/schedules/calendars/{calendar.pk}/details/"
    confirm_url = f"/schedules/calendars/{calendar.pk}/confirm/"

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        return response.content

    counts, writes = {}, {}
    for name, url in (("details", details_url), ("confirm", confirm_url)):
        with CaptureQueriesContext(connection) as ctx:
            get(url)
        counts[name] = len(ctx.captured_queries)
        writes[name] = sum(
            q["sql"].lstrip().upper().startswith(WRITES) for q in ctx.captured_queries
        )
    reset_queries()
    instance, options = optimizer_input(get, confirm_url)
    solver_ms = []

    def floor_confirm():
        floor_details(calendar.pk)
        began = time.perf_counter()
        result = optimizer.suggest(instance, **options)
        solver_ms.append((time.perf_counter() - began) * 1000)
        return result

    details, floor, confirm_floor, confirm = alternately(
        [
            lambda: get(details_url),
            lambda: floor_details(calendar.pk),
            floor_confirm,
            lambda: get(confirm_url),
        ],
        args.requests,
    )
    size = len(get(details_url))
    print(
        f"calendar with {invitees} invitees x {args.windows} windows "
        f"({connection.vendor}); details JSON {size / 1024:.0f} KB; "
        f"{args.requests} requests each, alternately; the optimizer alone p50 "
        f"{statistics.median(solver_ms[1:]):.1f} ms"
    )
    print(f"{'endpoint':<14}{'queries':>9}{'p50 ms':>10}{'p95 ms':>10}{'p50/its floor':>15}")
    rows = (
        ("floor", 1, floor, floor),
        ("details", counts["details"], details, floor),
        ("floor+solver", 1, confirm_floor, confirm_floor),
        ("confirm", counts["confirm"], confirm, confirm_floor),
    )
    for name, queries, samples, base in rows:
        print(
            f"{name:<14}{queries:>9}{pct(samples, 0.5):>10.1f}{pct(samples, 0.95):>10.1f}"
            f"{statistics.median(samples) / statistics.median(base):>14.2f}x"
        )
    pages_ok = web_pages(owner, calendar, get, details_url, args.requests)
    ratio = statistics.median(details) / statistics.median(floor)
    confirm_ratio = statistics.median(confirm) / statistics.median(confirm_floor)
    print(f"{'PASS' if ratio <= 1.5 else 'FAIL'}  details within 1.5x of its floor ({ratio:.2f}x)")
    print(
        f"{'PASS' if confirm_ratio <= 1.5 else 'FAIL'}  confirm within 1.5x of its floor, "
        f"details' floor + the optimizer ({confirm_ratio:.2f}x; "
        f"{statistics.median(confirm) / statistics.median(floor):.2f}x details' floor)"
    )
    print(
        f"{'PASS' if max(counts.values()) <= 10 else 'FAIL'}  at most 10 queries "
        f"(details {counts['details']}, confirm {counts['confirm']})"
    )
    no_writes = not any(writes.values())
    print(
        f"{'PASS' if no_writes else 'FAIL'}  no writes (details {writes['details']}, "
        f"confirm {writes['confirm']}): confirm's floor has none"
    )
    ok = (
        pages_ok
        and ratio <= 1.5
        and confirm_ratio <= 1.5
        and max(counts.values()) <= 10
        and no_writes
    )
    return 0 if ok else 1


def web_pages(owner, calendar, get_api, details_url: str, requests: int) -> bool:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    browser = Client(HTTP_ACCEPT="text/html")
    browser.force_login(owner)
    pages = {
        "round page": f"/rounds/{calendar.pk}/",
        "suggestions": f"/rounds/{calendar.pk}/suggestions/",
    }

    def get(url):
        response = browser.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.content

    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as ctx:
            get(url)
        counts[name] = len(ctx.captured_queries)
    samples = alternately(
        [lambda: get_api(details_url)] + [lambda url=url: get(url) for url in pages.values()],
        requests,
    )
    details50 = statistics.median(samples[0])
    print(f"{'web page':<12}{'queries':>9}{'p50 ms':>10}{'p95 ms':>10}{'p50/details':>13}")
    for (name, _), page_samples in zip(pages.items(), samples[1:], strict=True):
        print(
            f"{name:<12}{counts[name]:>9}{pct(page_samples, 0.5):>10.1f}"
            f"{pct(page_samples, 0.95):>10.1f}{statistics.median(page_samples) / details50:>12.2f}x"
        )
    page_ratio = statistics.median(samples[1]) / details50
    print(
        f"{'PASS' if page_ratio < 3 else 'FAIL'}  round page under 3x seed 001 details "
        f"({page_ratio:.2f}x)"
    )
    return page_ratio < 3


if __name__ == "__main__":
    sys.exit(main())
