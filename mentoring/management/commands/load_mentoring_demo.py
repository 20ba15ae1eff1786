"""Demo data for mentor booking: mentors with skills and availability, and mentees.

    python manage.py load_mentoring_demo [--mentors 5] [--mentees 5] [--skills 3] [--chunks 8]

Users are ``demo-mentor-<n>`` and ``demo-mentee-<n>`` (password ``--password``, default
``demo-password-123``). Running it again adds nothing that is already there: missing users,
profiles and future availability are created, the rest is left alone. Availability is published
through the same service as the API (30-minute chunks, starting tomorrow at 09:00 UTC).
"""

from datetime import timedelta

from django.db import transaction

from accounts.models import User
from core import clock
from core.management.demo import DemoCommand
from mentoring import services
from mentoring.models import MenteeProfile, MentorAvailability, MentorProfile

SKILLS = [
    "Python",
    "Django",
    "JavaScript",
    "React",
    "CSS",
    "HTML",
    "SQL",
    "Git",
    "Docker",
    "Testing",
    "TypeScript",
    "Career advice",
]


class Command(DemoCommand):
    help = "Create demo mentors (skills, availability) and mentees."

    def add_arguments(self, parser):
        parser.add_argument("--mentors", type=int, default=5)
        parser.add_argument("--mentees", type=int, default=5)
        parser.add_argument("--skills", type=int, default=3, help="skills per mentor")
        parser.add_argument("--chunks", type=int, default=8, help="30-minute chunks per mentor")
        parser.add_argument("--password", default="demo-password-123")

    def handle(self, *args, mentors, mentees, skills, chunks, password, **options):
        day = clock.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=1)
        created_chunks = 0
        self.created: list[str] = []
        with transaction.atomic():
            for n in range(1, mentors + 1):
                user = self._user(f"demo-mentor-{n:03d}", password, is_mentor=True, n=n)
                if not MentorProfile.objects.filter(user=user).exists():
                    names = [SKILLS[(n + i) % len(SKILLS)] for i in range(skills)]
                    services.create_mentor_profile(
                        user=user,
                        about_me=f"Mentor {n}: ask me about {', '.join(names)}.",
                        skills=names,
                        team_number=n % 10 + 1,
                    )
                if (
                    chunks
                    and not MentorAvailability.objects.filter(
                        mentor=user, end_time__gt=clock.now()
                    ).exists()
                ):
                    # Spread over the day: each mentor starts at a different half hour.
                    start = day + timedelta(minutes=30 * (n % 16))
                    created_chunks += len(
                        services.publish_availability(
                            mentor=user,
                            start_time=start,
                            end_time=start + timedelta(minutes=30 * chunks),
                            chunked=True,
                        )
                    )
            for n in range(1, mentees + 1):
                user = self._user(f"demo-mentee-{n:03d}", password, is_mentee=True, n=n)
                MenteeProfile.objects.get_or_create(user=user, defaults={"team_number": n % 10 + 1})
        self.stdout.write(
            f"Demo data: {mentors} mentors ({created_chunks} new availability chunks), "
            f"{mentees} mentees; password {password!r}."
        )
        self.write_accounts(self.created, password)

    def _user(self, username, password, *, n, is_mentor=False, is_mentee=False) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@example.com",
                first_name=("Mentor" if is_mentor else "Mentee"),
                last_name=f"Demo {n}",
                is_mentor=is_mentor,
                is_mentee=is_mentee,
            )
            user.set_password(password)
            user.save()
            self.created.append(username)
        return user
