"""Reads on accounts."""

from accounts.errors import Code
from accounts.models import NotificationSettings, User
from core.errors import Forbidden, NotFound


def profile(*, user_id: int) -> User:
    return User.objects.select_related("notification_settings").get(pk=user_id)


def notification_settings(*, user: User, pk: int | None = None) -> NotificationSettings:
    if pk is None:
        return NotificationSettings.objects.get_or_create(user=user)[0]
    item = NotificationSettings.objects.filter(pk=pk).first()
    if item is None:
        raise NotFound("No notification settings with that id.", code=Code.NOT_FOUND)
    if item.user_id != user.pk:
        raise Forbidden("These notification settings belong to another user.", code=Code.FORBIDDEN)
    return item
