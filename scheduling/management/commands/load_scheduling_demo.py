"""Load a demo scheduling round: an owner, 30 contacts, a calendar and everyone's answers.

    .venv/bin/python manage.py load_scheduling_demo [--password PW] [--time-zone TZ]

Then log in as ``demo`` (POST /accounts/login/) and open
/schedules/calendars/<id>/confirm/ to see suggestions at once. Running it again replaces the
demo owner's data. Everything goes through the same services the HTTP contracts use.
"""

import datetime as dt
import random

from django.db import transaction

from accounts.models import User
from contacts.services import add_contact
from core import clock
from core.management.demo import DemoCommand
from scheduling import services
from scheduling.models import Calendar
from scheduling.tokens import token_for

FIRST = [
    "Ada",
    "Ben",
    "Cleo",
    "Dev",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lena",
    "Mo",
    "Nia",
    "Oli",
    "Pia",
    "Quin",
    "Rae",
    "Sol",
    "Tia",
    "Uma",
    "Vic",
    "Wen",
    "Xiu",
    "Yara",
    "Zed",
    "Ari",
    "Bea",
    "Cy",
    "Dot",
]


class Command(DemoCommand):
    help = "Load a demo owner ('demo'), 30 contacts, a calendar and answers with preferences."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo-password-1")
        parser.add_argument("--time-zone", default="America/Toronto")
        parser.add_argument("--seed", type=int, default=7)

    @transaction.atomic
    def handle(self, *args, password, time_zone, seed, **options):
        rng = random.Random(seed)
        # The demo's own rounds first: an account that owns rounds is protected from deletion.
        Calendar.objects.filter(owner__username="demo").delete()
        User.objects.filter(username="demo").delete()
        owner = User.objects.create_user(
            username="demo",
            email="demo@oneonone.local",
            password=password,
            first_name="Demo",
            last_name="Professor",
            time_zone=time_zone,
        )
        contacts = [
            add_contact(
                owner=owner,
                first_name=name,
                last_name="Student",
                email=f"{name.lower()}@students.local",
            )
            for name in FIRST
        ]
        today = clock.now().date()
        days = [today + dt.timedelta(days=offset) for offset in range(3, 8)]
        slots = [
            services.SlotInput(
                dt.datetime.combine(day, dt.time(9)),
                dt.datetime.combine(day, dt.time(12)),
                3 if i % 2 else 2,
            )
            for i, day in enumerate(days)
        ] + [
            services.SlotInput(
                dt.datetime.combine(day, dt.time(14)), dt.datetime.combine(day, dt.time(16)), 1
            )
            for day in days
        ]
        calendar = services.create_calendar(
            owner=owner,
            name="Project interviews",
            description="Fifteen minutes each on your project: demo data.",
            deadline=dt.datetime.combine(today + dt.timedelta(days=2), dt.time(17)),
            invitee_contact_ids=[c.pk for c in contacts],
            slots=slots,
            meeting_minutes=15,
            grid_minutes=15,
            time_zone=time_zone,
        )
        for invitation in calendar.invitations.all():
            answers = []
            for day in rng.sample(days, k=2):
                start_hour = rng.choice([9, 10, 11, 14, 15])
                answers.append(
                    services.SlotInput(
                        dt.datetime.combine(day, dt.time(start_hour)),
                        dt.datetime.combine(day, dt.time(start_hour + 1)),
                        rng.choice([1, 2, 3]),
                    )
                )
            services.submit_answer(
                calendar_id=calendar.pk, token=token_for(invitation.token_nonce), slots=answers
            )
        assert Calendar.objects.filter(owner=owner).count() == 1
        self.write_accounts([owner.username], password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: user 'demo' (password {password!r}), calendar {calendar.pk} with "
                f"{len(contacts)} answered invitations.\n"
                f'Log in: POST /accounts/login/ {{"username": "demo", "password": ...}}, then '
                f"GET /schedules/calendars/{calendar.pk}/confirm/ for the suggestions."
            )
        )
