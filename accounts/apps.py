from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using="default", **kwargs):
    """`migrate` also creates the database cache's table (the default cache, which holds the
    login throttle's counts), so no deployment can forget it; nothing when the cache is Redis."""
    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import schema  # noqa: F401  (registers the OpenAPI extensions)

        post_migrate.connect(create_cache_table, sender=self)
