from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Contact(models.Model):
    """An entry in a user's address book. Linked to the account with that email, if any."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    email = models.EmailField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_entries",
        help_text="The account with this email, when there is one.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_name", "last_name", "pk"]
        constraints = [
            models.UniqueConstraint("owner", Lower("email"), name="contact_owner_email_ci_unique"),
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ContactRequest(models.Model):
    """A request between two users to become each other's contacts (seed 003's friend requests)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests_sent"
    )
    requested = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests_received"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requester", "requested"], name="contact_request_once"),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("requested")),
                name="contact_request_not_self",
            ),
        ]

    def __str__(self):
        return f"{self.requester} -> {self.requested} ({self.status})"
