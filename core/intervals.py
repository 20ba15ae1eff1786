"""The interval algebra every overlap rule is built on: half-open spans ``[start, end)``.

Pure Python over anything ordered (datetimes, minutes, numbers); no Django. Scheduling (a
meeting inside the owner's and the invitee's windows, meetings apart by the gap) and mentoring
(a session inside a mentor's availability, availabilities that must not overlap) both ask their
questions here, so "what overlapping means" is written once.

Half-open: a span that ends at 10:00 and one that starts at 10:00 touch but do not overlap.
"""

from collections.abc import Iterable
from typing import Protocol, TypeVar


class Ordered(Protocol):
    def __lt__(self, other, /) -> bool: ...


T = TypeVar("T", bound=Ordered)
Span = tuple[T, T]


def overlaps(start: T, end: T, other_start: T, other_end: T) -> bool:
    """True when [start, end) and [other_start, other_end) share some time."""
    return start < other_end and other_start < end


def merge(spans: Iterable[Span]) -> list[Span]:
    """The union of the spans as disjoint spans in time order; touching spans are joined."""
    merged: list[list] = []
    for start, end in sorted(spans):
        if not start < end:
            continue
        if merged and not merged[-1][1] < start:
            if merged[-1][1] < end:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def covers(spans: Iterable[Span], start: T, end: T) -> bool:
    """True when [start, end) lies inside the union of the spans."""
    cursor = start
    for span_start, span_end in merge(spans):
        if not cursor < end:
            return True
        if cursor < span_start:
            return False
        if cursor < span_end:
            cursor = span_end
        if not cursor < end:
            return True
    return not cursor < end


def subtract(spans: Iterable[tuple], busy: Iterable[Span]) -> list[tuple]:
    """The spans with the busy times cut out; extra items of a span (a preference) are kept.

    ``spans`` are ``(start, end, *extra)`` tuples; the result keeps their order, each one cut
    into the pieces that no busy span overlaps.
    """
    result = [tuple(span) for span in spans]
    for busy_start, busy_end in busy:
        pieces = []
        for start, end, *extra in result:
            if not overlaps(start, end, busy_start, busy_end):
                pieces.append((start, end, *extra))
                continue
            if start < busy_start:
                pieces.append((start, busy_start, *extra))
            if busy_end < end:
                pieces.append((busy_end, end, *extra))
        result = pieces
    return result


def first_overlap(spans: Iterable[tuple], start: T, end: T):
    """The first of ``spans`` (``(start, end, *extra)``) that overlaps [start, end), or None."""
    for span in spans:
        if overlaps(span[0], span[1], start, end):
            return span
    return None
