"""Benchmark of MentorQ's GET /api/tickets/ (mentor view: every ticket) at 5,000 and 50,000.

Creates a throwaway database (a temporary SQLite file by default; with DATABASE_URL pointing at
PostgreSQL, a fresh ``test_<name>`` database on that server, dropped at the end), fills it with
tickets in every state, then, at each size, times the endpoint through the Django test client
(the whole stack: URL routing, JWT authentication, selector, serializer, JSON rendering) beside
a floor: the same rows read by one raw SQL query and turned into the same JSON with json.dumps.
The endpoint and the floor are timed alternately, so a busy machine slows both alike. Then a
fresh Python process, as a new worker would be, loads Django and serves the list once whole and
once as a page (``?limit=500``), and prints its peak memory (RSS) for each.

    .venv/bin/python scripts/bench_tickets.py [--tickets 5000 50000] [--requests 30]
    make bench-helpqueue BENCH_ARGS="--requests 50"
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchtiming import alternately, pct  # noqa: E402 (beside this script)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--requests", type=int, default=30, help="timed requests (after 3 warm-up)")
    parser.add_argument("--seed", type=int, default=2)
    return parser.parse_args()


def setup_django(tmpdir: str):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("INPROCESS_BEAT", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.conf import settings

    django.setup()
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = str(Path(tmpdir) / "bench_tickets.sqlite3")
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection


def populate(*, count: int, seed: int):
    from accounts.models import User
    from helpqueue.models import Ticket

    Ticket.objects.all().delete()
    User.objects.all().delete()
    from accounts.models import QueueRole, User
    from core import clock
    from helpqueue.models import Ticket

    rng = random.Random(seed)
    users = User.objects.bulk_create(
        User(username=f"bench{i}", email=f"bench{i}@example.com", first_name=f"P{i}")
        for i in range(count // 2)
    )
    mentors = User.objects.bulk_create(
        User(
            username=f"mentor{i}",
            email=f"mentor{i}@example.com",
            first_name="Mentor",
            last_name=str(i),
            queue_role=QueueRole.MENTOR,
        )
        for i in range(40)
    )
    start = clock.now() - timedelta(days=2)
    tickets = []
    for i in range(count):
        created = start + timedelta(seconds=30 * i)
        ticket = Ticket(
            owner=rng.choice(users),
            title=f"Help with problem {i}",
            comment="My code does not compile and I do not know why. " * 3,
            contact=f"Slack @bench{i}",
            location=f"Table {rng.randint(1, 120)}",
            created=created,
        )
        roll = rng.random()
        if roll >= 0.3:  # 70% were claimed at some point
            ticket.status = Ticket.Status.CLAIMED
            ticket.mentor = rng.choice(mentors)
            ticket.claimed_at = created + timedelta(seconds=rng.randint(30, 1800))
            if roll >= 0.5:
                ticket.status = Ticket.Status.CLOSED
                ticket.closed_at = ticket.claimed_at + timedelta(seconds=rng.randint(60, 3600))
            elif roll >= 0.45:
                ticket.status = Ticket.Status.CANCELLED
                ticket.cancelled_at = ticket.claimed_at + timedelta(seconds=60)
        tickets.append(ticket)
    Ticket.objects.bulk_create(tickets, batch_size=1000)
    return mentors[0]


FLOOR_SQL = """
SELECT t.id, o.email, t.status, t.title, t.comment, t.contact, t.location,
       m.first_name, m.last_name, m.username, m.email,
       t.created, t.claimed_at, t.closed_at, t.cancelled_at
FROM helpqueue_ticket t
JOIN accounts_user o ON o.id = t.owner_id
LEFT JOIN accounts_user m ON m.id = t.mentor_id
ORDER BY t.created, t.id
"""


def _iso(value):
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def floor_json(connection) -> bytes:
    """The same ticket fields from one raw query, json.dumps'd (no auth, no ORM, no DRF)."""
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL)
        rows = cursor.fetchall()
    out = []
    position = 0
    for row in rows:
        created, claimed, closed, cancelled = (_to_dt(connection, v) for v in row[11:15])
        open_ = row[2] == "OPEN"
        if open_:
            position += 1
        mentor = f"{row[7]} {row[8]}".strip() or row[9] if row[9] else None
        out.append(
            {
                "id": row[0],
                "owner_email": row[1],
                "status": row[2],
                "title": row[3],
                "comment": row[4],
                "contact": row[5],
                "location": row[6],
                "mentor": mentor,
                "mentor_email": row[10],
                "created": _iso(created),
                "claimed_at": _iso(claimed),
                "closed_at": _iso(closed),
                "cancelled_at": _iso(cancelled),
                "queue_position": position if open_ else None,
                "estimated_wait_seconds": None,
            }
        )
    return json.dumps(out).encode()


def _to_dt(connection, value):
    """An aware datetime: PostgreSQL returns them; SQLite's driver text or naive UTC ones."""
    if value is None:
        return None
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-tickets-") as tmpdir:
        connection = setup_django(tmpdir)
        try:
            run(args, connection)
        finally:
            connection.creation.destroy_test_db(
                connection.settings_dict["NAME"], verbosity=0, keepdb=False
            )


def run(args, connection):
    for size in args.tickets:
        run_size(args, connection, size)


def run_size(args, connection, size: int):
    from django.test import Client

    from accounts.services import issue_jwt_pair

    began = time.perf_counter()
    viewer = populate(count=size, seed=args.seed)
    fill = time.perf_counter() - began
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_jwt_pair(user=viewer)['access']}")

    def endpoint():
        response = client.get("/api/tickets/")
        assert response.status_code == 200, response.status_code
        return response.content

    body = json.loads(endpoint())
    assert len(body) == size, len(body)
    floor_body = json.loads(floor_json(connection))
    differ = {
        key
        for mine, theirs in zip(body, floor_body, strict=True)
        for key in mine
        if mine[key] != theirs.get(key)
    }
    assert differ <= {"estimated_wait_seconds"}, (differ, body[0], floor_body[0])

    api, floor = alternately([endpoint, lambda: floor_json(connection)], args.requests, warmups=3)
    vendor = connection.vendor
    print(
        f"GET /api/tickets/ as a mentor, {size} tickets, {vendor}, "
        f"{args.requests} requests (filled in {fill:.1f} s)"
    )
    print(f"  endpoint : p50 {pct(api, 0.5):8.1f} ms   p95 {pct(api, 0.95):8.1f} ms")
    print(
        f"  floor    : p50 {pct(floor, 0.5):8.1f} ms   p95 {pct(floor, 0.95):8.1f} ms"
        "   (one raw SQL query + json.dumps)"
    )
    print(
        f"  ratio    : p50 {pct(api, 0.5) / pct(floor, 0.5):8.2f}x  "
        f"p95 {pct(api, 0.95) / pct(floor, 0.95):8.2f}x"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  response : {len(endpoint()) / 1024:.0f} KiB   peak RSS so far {peak:.0f} MiB")
    token = issue_jwt_pair(user=viewer)["access"]
    for query in ("", "?limit=500"):
        ready, peak = worker_memory(connection, token, f"/api/tickets/{query}")
        print(
            f"  worker   : GET /api/tickets/{query or ' (whole list)'}: peak RSS {peak:.0f} MiB "
            f"({ready:.0f} MiB once Django is loaded)"
        )


# The peak is read from /proc (VmHWM, this process's own memory since its exec): getrusage's
# ru_maxrss keeps the parent's peak across fork and exec.
WORKER = """
import os
import django

def peak_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

django.setup()
from django.test import Client
from django.db import connection
connection.ensure_connection()
ready = peak_mib()
client = Client(HTTP_AUTHORIZATION="Bearer " + os.environ["BENCH_TOKEN"])
response = client.get(os.environ["BENCH_PATH"])
assert response.status_code == 200, response.status_code
print(ready, peak_mib())
"""


def worker_memory(connection, token: str, path: str) -> tuple[float, float]:
    """A new process's RSS once Django is loaded, and its peak after serving ``path`` once."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings['NAME']}"
    else:
        url = (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or ''}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "BENCH_TOKEN": token,
        "BENCH_PATH": path,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", WORKER], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    ready, peak = (float(x) for x in out.stdout.split()[-2:])
    return ready, peak


if __name__ == "__main__":
    main()
