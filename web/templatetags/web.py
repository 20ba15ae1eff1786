"""Template helpers of the pages: instants in a chosen time zone, dictionary lookups."""

from django import template
from django.utils import dateformat

from web import grid

register = template.Library()


@register.simple_tag
def local(moment, zone_name, fmt="l j F Y, H:i"):
    """``moment`` on the wall clock of ``zone_name`` (a round's or the viewer's zone)."""
    if moment is None:
        return ""
    zone = grid.zone_or_none(str(zone_name))
    return dateformat.format(moment.astimezone(zone) if zone else moment, fmt)


@register.filter
def cell_key(cell, zone_name):
    return cell.key(grid.zone_or_none(str(zone_name)))


@register.filter
def get(mapping, key):
    return mapping.get(key, 0)
