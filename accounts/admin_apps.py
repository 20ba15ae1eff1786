"""The admin app with OneOnOne's admin site (its login goes through the login throttle)."""

from django.contrib.admin.apps import AdminConfig


class ThrottledAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.ThrottledAdminSite"
