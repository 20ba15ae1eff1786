"""What every demo-data command shares: it refuses to run on a production server unless forced.

Demo commands create accounts with a published password and queue emails to made-up addresses;
on a server with ``DEBUG=false`` that is almost always a mistake, so they need ``--force`` there.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class DemoCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with DEBUG=false (creates accounts with a published password)",
        )
        return parser

    def execute(self, *args, **options):
        if not settings.DEBUG and not options.get("force"):
            raise CommandError(
                "DEBUG is off: this looks like a production server. Demo data creates accounts "
                "with a published password and emails made-up addresses; pass --force to load it "
                "anyway."
            )
        return super().execute(*args, **options)

    def write_accounts(self, accounts: list[str], password: str) -> None:
        """Every account the command created, with its password, so none is left unknown."""
        if not accounts:
            self.stdout.write("No new accounts.")
            return
        self.stdout.write(f"Accounts created (password {password!r}):")
        for username in accounts:
            self.stdout.write(f"  {username}")
