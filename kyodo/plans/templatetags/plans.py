"""Figures of the plans pages: percentages and the lengths of chart bars."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value):
    """72.5 → 「72.5%」; None (no data) → 「—」 (未評価, never 0%)."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    shown = number_format(value, 0 if value == value.to_integral_value() else 1)
    return _("%(value)s%%") % {"value": shown}


@register.filter
def bar(value):
    """The length of a bar on a 0–100 scale, for an SVG ``width`` attribute."""
    if value is None or value == "":
        return 0
    return max(0, min(100, round(Decimal(value))))


@register.filter
def number(value):
    """A Decimal as people write it (1200, 12.5), or 「—」."""
    from ..actions import plain

    if value is None:
        return "—"
    return number_format(Decimal(plain(value)), decimal_pos=None, use_l10n=True,
                         force_grouping=True)
