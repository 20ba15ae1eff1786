"""The interval algebra, checked against a brute-force model on integer minutes."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from core import intervals

span = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda p: (min(p), max(p)))
spans = st.lists(span, max_size=8)
nonempty = span.filter(lambda s: s[0] < s[1])


def points(items) -> set[int]:
    """Every minute a set of half-open spans holds."""
    return {m for start, end, *_ in items for m in range(start, end)}


@given(nonempty, nonempty)
def test_overlaps_is_sharing_a_minute(a, b):
    assert intervals.overlaps(*a, *b) == bool(points([a]) & points([b]))


def test_touching_spans_do_not_overlap():
    assert not intervals.overlaps(0, 10, 10, 20)
    assert intervals.overlaps(0, 11, 10, 20)


@given(spans)
def test_merge_is_the_same_union_disjoint_and_sorted(items):
    merged = intervals.merge(items)
    assert points(merged) == points(items)
    for (_, end), (start, _) in itertools.pairwise(merged):
        assert end < start  # apart, not touching: touching spans are joined
    assert all(start < end for start, end in merged)


@given(spans, span)
def test_covers_means_every_minute_is_held(items, target):
    assert intervals.covers(items, *target) == (set(range(*target)) <= points(items))


def test_covers_across_touching_spans():
    assert intervals.covers([(10, 20), (0, 10)], 5, 15)
    assert not intervals.covers([(0, 10), (11, 20)], 5, 15)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(1, 3))), spans)
def test_subtract_removes_exactly_the_busy_minutes_and_keeps_extras(items, busy):
    items = [(min(a, b), max(a, b), p) for a, b, p in items if a != b]
    result = intervals.subtract(items, busy)
    for preference in (1, 2, 3):
        kept = [r for r in result if r[2] == preference]
        given_ = [i for i in items if i[2] == preference]
        assert points(kept) == points(given_) - points(busy)
    assert all(start < end for start, end, _ in result)


@given(st.lists(nonempty, max_size=8), nonempty)
def test_first_overlap_finds_one_when_any_overlaps(items, target):
    found = intervals.first_overlap(items, *target)
    if found is None:
        assert not any(intervals.overlaps(*s, *target) for s in items)
    else:
        assert intervals.overlaps(*found, *target)
