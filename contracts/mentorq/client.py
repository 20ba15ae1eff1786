"""Which client seed 002's contract answers: the seed's documented shapes or HackRU's.

``MENTORQ_CLIENT=seed`` (the default) serves exactly what the seed documents; ``hackru`` adds the
ticket fields HackRU's MentorQ front-end reads, takes its PATCH without ``status`` and keeps its
refresh token usable (no rotation). Every difference is listed in docs/contracts/002-mentorq.md.
"""

from django.conf import settings

SEED = "seed"
HACKRU = "hackru"


def hackru() -> bool:
    """True when the contract serves HackRU's MentorQ front-end's shapes."""
    return settings.MENTORQ_CLIENT == HACKRU
