"""Template helpers of the pages: instants in a chosen time zone, dictionary lookups."""

import functools

from django import template
from django.utils import dateformat

from scheduling import rules
from web import grid

register = template.Library()


# The date format characters the pages use, as strftime's (C locale: English names). Formatting
# with strftime is many times faster than django.utils.dateformat: a round's page has hundreds.
STRFTIME = {"l": "%A", "D": "%a", "j": "%-d", "F": "%B", "M": "%b", "Y": "%Y", "H": "%H", "i": "%M"}


@functools.cache
def _strftime_format(fmt: str) -> str | None:
    if not all(ch in STRFTIME or not ch.isalpha() for ch in fmt) or "%" in fmt or "\\" in fmt:
        return None
    return "".join(STRFTIME.get(ch, ch) for ch in fmt)


@register.simple_tag
def local(moment, zone_name, fmt="l j F Y, H:i"):
    """``moment`` on the wall clock of ``zone_name`` (a round's or the viewer's zone), in a
    Django date format."""
    if moment is None:
        return ""
    zone = grid.zone_or_none(str(zone_name))
    moment = moment.astimezone(zone) if zone else moment
    pattern = _strftime_format(fmt)
    return moment.strftime(pattern) if pattern else dateformat.format(moment, fmt)


@register.filter
def cell_key(cell, zone_name):
    return cell.key(grid.zone_or_none(str(zone_name)))


@register.filter
def get(mapping, key):
    return mapping.get(key, 0)


@register.filter
def passed(deadline, now):
    """``{% if round.deadline|passed:now %}``: scheduling's rule, not a comparison in a page."""
    return rules.deadline_passed(deadline, now=now)
