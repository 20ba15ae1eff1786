"""Ids as they arrive from a request: the one place a string or number becomes a row id.

A row id is a positive integer that fits the database's 64-bit column. Anything else (a word, a
float, ``1e20``, ``-3``, None) names no row, so callers get None and answer "not found" (or the
field's own message) instead of meeting a ValueError or a database overflow.
"""

ID_MAX = 2**63 - 1


def row_id(value) -> int | None:
    """``value`` as a row id, or None when it cannot name a row."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip()[:20])  # more digits than that cannot fit anyway
        if len(value.strip()) > 20:
            return None
    else:
        return None
    return number if 0 < number <= ID_MAX else None
