"""Who is asking: the client's address, as the login throttle and the logs key it."""

from rest_framework.throttling import BaseThrottle


def client_ident(request) -> str:
    """The client's address as DRF sees it (honours the NUM_PROXIES setting)."""
    return BaseThrottle().get_ident(request) or "unknown"
