from django.apps import AppConfig


class HelpqueueConfig(AppConfig):
    name = "helpqueue"
    default_auto_field = "django.db.models.BigAutoField"
