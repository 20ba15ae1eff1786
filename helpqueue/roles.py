"""Who may do what in the help queue, from the user's ``queue_role``."""

from accounts.models import QueueRole

#: Roles that see every ticket and may claim one (the seed: "mentors, organizers and directors").
STAFF_ROLES = frozenset({QueueRole.MENTOR, QueueRole.ORGANIZER, QueueRole.DIRECTOR})


def sees_all_tickets(user) -> bool:
    return user.queue_role in STAFF_ROLES


def may_claim(user) -> bool:
    return user.queue_role in STAFF_ROLES


def may_see_stats(user) -> bool:
    return user.queue_role == QueueRole.DIRECTOR
