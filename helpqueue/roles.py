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


def jwt_claims(user) -> dict:
    """What HackRU's MentorQ front-end reads from the access token to pick its screens.

    ``mentor``: may claim tickets without being a director (mentors and organizers);
    ``director``: sees statistics, feedback and the leaderboard; ``name``: the full name, or
    the username when the account has none.
    """
    return {
        "mentor": user.queue_role in (QueueRole.MENTOR, QueueRole.ORGANIZER),
        "director": user.queue_role == QueueRole.DIRECTOR,
        "name": user.display_name,
    }


def may_give_roles(user) -> bool:
    """Directors give help-queue roles on the roles page (as the admin and set_queue_role do)."""
    return user.queue_role == QueueRole.DIRECTOR
