from django.apps import AppConfig


class WebConfig(AppConfig):
    """Server-rendered pages for people (issue #12) over the domain services and selectors."""

    name = "web"
    verbose_name = "Web pages"
