"""Benchmark of GET /mentor/ (seed 000) against a floor measured in the same run.

    .venv/bin/python scripts/bench_mentor_list.py [--mentors 1000 5000] [--skills 3]
        [--chunks 20] [--requests 30] [--concurrency 1] [--workers 1]

What it does:
1. Uses the database in DATABASE_URL (a THROWAWAY one: it is migrated and demo rows are added)
   or, by default, a fresh SQLite file in a temporary directory.
2. Loads ``--mentors`` mentors with ``--skills`` skills and ``--chunks`` future 30-minute chunks
   each (``populate``, in bulk; 200 x 3 x 20 gives about 440 KB of JSON); with
   several sizes (ascending), the mentors are added up to each size in turn, measured at each.
3. Starts gunicorn on 127.0.0.1 with a free port, serving this module's ``application``: the
   project itself, plus one extra path, ``/__floor__/mentor/``, that runs ONE raw SQL query
   for the same rows and turns them into the same JSON with ``json.dumps`` (no ORM, no DRF, no
   authentication). That is the floor: what any implementation must at least spend.
4. Checks both answers are the same JSON, then sends ``--requests`` requests to each (after a
   warm-up), alternately (so a busy machine slows both alike), ``--concurrency`` at a time, and
   prints p50 / p95 latency, requests per second and the ratio to the floor. The goal is a
   ratio within 1.5x.

Not part of the test suite. ``make bench-mentoring`` runs it with the defaults.
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FLOOR_PATH = "/__floor__/mentor/"


# --- The WSGI application gunicorn serves -------------------------------------------------------
_django_app = None

FLOOR_SQL = """
SELECT u.id, u.username, u.first_name, u.last_name, u.is_mentor, u.profile_photo,
       p.about_me, sk.names, a.id, {start}, {end}, a.status
FROM accounts_user u
LEFT JOIN mentoring_mentorprofile p ON p.user_id = u.id
LEFT JOIN (
    SELECT ms.mentorprofile_id AS mentor_id, {agg} AS names
    FROM mentoring_mentorprofile_skills ms JOIN mentoring_skill s ON s.id = ms.skill_id
    GROUP BY ms.mentorprofile_id
) sk ON sk.mentor_id = u.id
LEFT JOIN mentoring_mentoravailability a ON a.mentor_id = u.id AND a.end_time > %s
WHERE u.is_mentor AND u.is_active
ORDER BY u.id, a.start_time, a.id
"""
SEPARATOR = "\x1f"


# The database writes the times as the contract does (UTC, "Z"): no datetime in Python at all.
SQL_BY_VENDOR = {
    "postgresql": {
        "agg": f"string_agg(s.name, chr({ord(SEPARATOR)}))",
        "start": "to_char(a.start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
        "end": "to_char(a.end_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    },
    "sqlite": {
        "agg": f"group_concat(s.name, char({ord(SEPARATOR)}))",
        "start": "strftime('%Y-%m-%dT%H:%M:%SZ', a.start_time)",
        "end": "strftime('%Y-%m-%dT%H:%M:%SZ', a.end_time)",
    },
}


def floor_body() -> bytes:
    from django.db import connection

    sql = FLOOR_SQL.format(**SQL_BY_VENDOR[connection.vendor])
    with connection.cursor() as cursor:
        cursor.execute(sql, [datetime.now(UTC)])
        rows = cursor.fetchall()
    mentors = []
    current = None
    for uid, username, first, last, is_mentor, photo, about, names, aid, start, end, status in rows:
        if current is None or current["pk"] != uid:
            current = {
                "pk": uid,
                "username": username,
                "first_name": first,
                "last_name": last,
                "is_mentor": bool(is_mentor),
                "profile_photo": photo or None,
                "mentor_profile": {
                    "about_me": about or "",
                    "skills": sorted(names.split(SEPARATOR)) if names else [],
                    "availabilities": [],
                },
            }
            mentors.append(current)
        if aid is not None:
            current["mentor_profile"]["availabilities"].append(
                {
                    "pk": aid,
                    "mentor": uid,
                    "start_time": start,
                    "end_time": end,
                    "status": status,
                }
            )
    return json.dumps(mentors, ensure_ascii=False, separators=(",", ":")).encode()


def application(environ, start_response):
    global _django_app
    if _django_app is None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        from django.core.wsgi import get_wsgi_application

        _django_app = get_wsgi_application()
    if environ.get("PATH_INFO") == FLOOR_PATH:
        from django.db import close_old_connections

        try:
            body = floor_body()
        finally:
            close_old_connections()
        start_response(
            "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        )
        return [body]
    return _django_app(environ, start_response)


# --- The driver ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.stderr.write(result.stderr[-3000:])
        raise RuntimeError(f"manage.py {' '.join(args)} failed")
    return result.stdout


def get(port: int, path: str, headers: dict) -> tuple[float, bytes]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
    finally:
        connection.close()
    return time.perf_counter() - started, body


def measure(port, targets, *, requests, concurrency) -> list[dict]:
    """Each (path, headers) of ``targets`` ``requests`` times, interleaved, after a warm-up."""
    for _ in range(max(5, concurrency * 2)):  # warm-up: imports, connections, caches
        for path, headers in targets:
            get(port, path, headers)
    jobs = [target for _ in range(requests) for target in enumerate(targets)]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        done = list(pool.map(lambda job: (job[0], get(port, *job[1])[0]), jobs))
    results = []
    for index in range(len(targets)):
        timings = sorted(t for i, t in done if i == index)
        results.append(
            {
                "p50": statistics.median(timings) * 1000,
                "p95": timings[min(len(timings) - 1, int(len(timings) * 0.95))] * 1000,
            }
        )
    return results


def wait_until_up(port: int, process, timeout=30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited; see its output above")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentors", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--skills", type=int, default=3)
    parser.add_argument("--chunks", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30, help="measured requests per URL")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn worker processes")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="bench-mentor-")
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}")
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "INPROCESS_BEAT": "false",
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(Path(tmp.name) / "static"),
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "scripts"), str(ROOT), env.get("PYTHONPATH", "")]
            ),
        }
    )
    print(f"database: {env['DATABASE_URL'].split('@')[-1]}")
    manage(env, "migrate", "--noinput")
    load(env, min(args.mentors), args)  # the mentee whose token the requests carry
    key = manage(
        env,
        "shell",
        "-c",
        "from accounts.models import User; from accounts.services import issue_token_key; "
        "print(issue_token_key(user=User.objects.get(username='demo-mentee-001')))",
    ).split()[-1]  # the last line; Django 5.2's shell may print a banner first

    code = 0
    try:
        for size in sorted(args.mentors):
            began = time.perf_counter()
            load(env, size, args)  # with no server running: SQLite's writer waits for nobody
            filled = time.perf_counter() - began
            code |= serve_and_measure(env, key, size, filled, args)
    finally:
        tmp.cleanup()
    return code


def serve_and_measure(env, key, size, filled, args) -> int:
    port = free_port()
    gunicorn = [
        str(Path(PYTHON).with_name("gunicorn")),
        "bench_mentor_list:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env)
    try:
        wait_until_up(port, server)
        return run_size(port, key, size, filled, args)
    finally:
        server.terminate()
        server.wait(timeout=10)


def load(env, size, args) -> None:
    """Mentors up to ``size`` (and the mentee), added with bulk inserts by ``populate``."""
    manage(
        env,
        "shell",
        "-c",
        f"import bench_mentor_list as b; b.populate({size}, {args.skills}, {args.chunks})",
    )


def populate(size: int, skills: int, chunks: int) -> None:
    """What ``load_mentoring_demo`` makes (profiles, skills, future 30-minute chunks), in bulk:
    the command creates one account at a time, which takes minutes for thousands."""
    from datetime import timedelta

    from accounts.models import User
    from core import clock
    from mentoring.models import MenteeProfile, MentorAvailability, MentorProfile, Skill

    mentee, _ = User.objects.get_or_create(
        username="demo-mentee-001", defaults={"email": "m@example.com", "is_mentee": True}
    )
    MenteeProfile.objects.get_or_create(user=mentee, defaults={"team_number": 1})
    have = User.objects.filter(is_mentor=True).count()
    if have >= size:
        return
    names = [f"Skill {i}" for i in range(12)]
    for name in names:
        Skill.objects.get_or_create(name=name)
    skill_ids = dict(Skill.objects.filter(name__in=names).values_list("name", "pk"))
    users = User.objects.bulk_create(
        User(
            username=f"bench-mentor-{n:05d}",
            email=f"bench-mentor-{n:05d}@example.com",
            first_name=f"Mentor{n}",
            last_name="Bench",
            is_mentor=True,
        )
        for n in range(have, size)
    )
    if users[0].pk is None:  # a database that does not return ids from bulk inserts
        users = list(User.objects.filter(is_mentor=True).order_by("pk")[have:])
    MentorProfile.objects.bulk_create(
        MentorProfile(user=u, about_me=f"Mentor {u.username}", team_number=1) for u in users
    )
    through = MentorProfile.skills.through
    through.objects.bulk_create(
        through(mentorprofile_id=u.pk, skill_id=skill_ids[names[(u.pk + i) % len(names)]])
        for u in users
        for i in range(skills)
    )
    day = clock.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=1)
    MentorAvailability.objects.bulk_create(
        (
            MentorAvailability(
                mentor=u,
                start_time=day + timedelta(minutes=30 * (u.pk % 16 + c)),
                end_time=day + timedelta(minutes=30 * (u.pk % 16 + c + 1)),
            )
            for u in users
            for c in range(chunks)
        ),
        batch_size=2000,
    )


def run_size(port, key, size, filled, args) -> int:
    headers = {"Authorization": f"Token {key}", "Accept": "application/json"}
    _, ours = get(port, "/mentor/", headers)
    _, floor = get(port, FLOOR_PATH, {})
    data = json.loads(ours)
    if data != json.loads(floor):
        raise RuntimeError("/mentor/ and the floor disagree: the comparison would be unfair")
    chunks = sum(len(m["mentor_profile"]["availabilities"]) for m in data)
    print(
        f"data: {len(data)} mentors, {chunks} availability chunks, "
        f"{len(ours) / 1000:.0f} KB of JSON (filled in {filled:.0f} s); {args.requests} "
        f"requests each, alternately, concurrency {args.concurrency}, "
        f"{args.workers} gunicorn worker(s)"
    )
    ours_stats, floor_stats = measure(
        port,
        [("/mentor/", headers), (FLOOR_PATH, {})],
        requests=args.requests,
        concurrency=args.concurrency,
    )
    print(f"{'':14}{'p50 ms':>10}{'p95 ms':>10}")
    for name, stats in (("/mentor/", ours_stats), ("floor", floor_stats)):
        print(f"{name:14}{stats['p50']:>10.1f}{stats['p95']:>10.1f}")
    ratio = ours_stats["p50"] / floor_stats["p50"]
    print(f"ratio /mentor/ to floor (p50): {ratio:.2f}x  (goal: within 1.5x)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
