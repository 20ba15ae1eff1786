"""Which client seed 000's contract answers: the seed's documented shapes or Momentors'.

``TEAM_PRODUCTION_CLIENT=seed`` (the default) serves exactly what the seed documents;
``momentors`` switches the few shapes the real front-end (TeamProductionSystem/Momentors_Frontend)
reads differently. Every difference is listed in docs/contracts/000-team-production.md.
"""

from django.conf import settings

SEED = "seed"
MOMENTORS = "momentors"


def momentors() -> bool:
    """True when the contract serves the Momentors front-end's shapes."""
    return settings.TEAM_PRODUCTION_CLIENT == MOMENTORS


def messages(data) -> list[str]:
    """An error body as the plain list of messages Momentors renders as text.

    ``{"detail": m}`` and ``{"non_field_errors": [m]}`` give their messages; a field's messages
    are prefixed with the field's name (``"end_time: ..."``) so that none loses its subject.
    """
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [text for item in data for text in messages(item)]
    if isinstance(data, dict):
        found: list[str] = []
        for key, value in data.items():
            texts = messages(value)
            if key in ("detail", "non_field_errors"):
                found += texts
            else:
                found += [f"{key}: {text}" for text in texts]
        return found
    return [str(data)]
