"""Every model has an admin, and its pages load."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accounts.models import User

OUR_APPS = {"accounts", "notifications", "contacts", "scheduling", "mentoring", "helpqueue"}


def test_every_model_of_our_apps_is_in_the_admin():
    missing = [
        f"{model._meta.app_label}.{model.__name__}"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and model not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label in OUR_APPS],
    ids=lambda m: f"{m._meta.app_label}.{m.__name__}",
)
def test_admin_changelist_and_add_pages_load(client, db, model):
    User.objects.create_superuser("root", "root@example.com", "correct-horse-42")
    client.login(username="root", password="correct-horse-42")
    info = (model._meta.app_label, model._meta.model_name)
    assert client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code in (200, 403)
