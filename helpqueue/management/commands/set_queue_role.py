"""python manage.py set_queue_role EMAIL ROLE: give a user a help-queue role."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import QueueRole, User
from core.errors import DomainError
from helpqueue.services import set_queue_role


class Command(BaseCommand):
    help = "Set the help-queue role (participant, mentor, organizer, director) of a user."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the user's email (any case)")
        parser.add_argument("role", help=f"one of: {', '.join(QueueRole.values)}")

    def handle(self, *args, email, role, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the email {email!r}.")
        try:
            set_queue_role(user=user, role=role)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{user.email} is now {user.queue_role}.")
