"""Invitations record the invitee (name, email, account) and outlive their contact entry.

The data step copies each invitation's contact entry onto it, so existing rounds keep the
invitee as they were; reversing it leaves the contact link as it is.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_invitees(apps, schema_editor):
    Invitation = apps.get_model("scheduling", "Invitation")
    batch = []
    for invitation in Invitation.objects.select_related("contact").iterator(chunk_size=500):
        contact = invitation.contact
        if contact is None:
            continue
        invitation.first_name = contact.first_name
        invitation.last_name = contact.last_name
        invitation.email = contact.email
        invitation.user_id = contact.user_id
        batch.append(invitation)
        if len(batch) >= 500:
            Invitation.objects.bulk_update(batch, ["first_name", "last_name", "email", "user"])
            batch = []
    if batch:
        Invitation.objects.bulk_update(batch, ["first_name", "last_name", "email", "user"])


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("scheduling", "0002_meeting_no_overlap_postgresql"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="email",
            field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.AddField(
            model_name="invitation",
            name="first_name",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name="invitation",
            name="last_name",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name="invitation",
            name="user",
            field=models.ForeignKey(
                blank=True,
                help_text="The invitee's account, when they have one.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="invitations_received",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="calendar",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="calendars",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="contact",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="invitations",
                to="contacts.contact",
            ),
        ),
        migrations.RunPython(copy_invitees, migrations.RunPython.noop),
    ]
