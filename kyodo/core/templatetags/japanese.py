"""Template filters for 年度, 和暦 and yen; loaded as builtins, so every template has them.

    {{ report.submitted_on|wareki }}            平成15年11月1日
    {{ meeting.held_on|wareki:"month" }}        平成15年11月
    {{ meeting.held_on|wareki:"day,western" }}  平成15年11月1日（2003年）
    {{ plan.start_year|nendo }}                 平成16年度  (an int is a fiscal year)
    {{ some_date|nendo:"western" }}             令和8年度（2026年度）
    {{ budget|yen }}                            5,660,000円
    {{ budget|manyen }}                         566万円

In English the Western calendar leads and the era follows in brackets.
"""

import datetime

from django import template
from django.utils.translation import get_language

from kyodo.core import japanese

register = template.Library()


def _options(arg):
    return {part.strip() for part in (arg or "").split(",") if part.strip()}


def _english():
    return (get_language() or "ja").startswith("en")


@register.filter
def wareki(value, arg=""):
    if not isinstance(value, datetime.date):
        return value if value not in (None, "") else ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    options = _options(arg)
    precision = "year" if "year" in options else "month" if "month" in options else "day"
    if _english():
        fmt = {"year": "%Y", "month": "%B %Y", "day": "%-d %B %Y"}[precision]
        if (value.date() if isinstance(value, datetime.datetime) else value) < japanese.ERAS[-1].start:
            return value.strftime(fmt)
        era = japanese.era_of(value)
        return f"{value.strftime(fmt)} ({era.name_en} {era.year_of(value.year)})"
    return japanese.wareki_date(value, western="western" in options, precision=precision)


@register.filter
def nendo(value, arg=""):
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.date):
        year = japanese.fiscal_year(value)
    else:
        try:
            year = int(value)
        except (TypeError, ValueError):
            return value
    options = _options(arg)
    if _english():
        return f"FY{year}"
    return japanese.wareki_fiscal_year(
        year, western="western" in options, new_era="new_era" in options
    )


@register.filter
def yen(value):
    if value in (None, ""):
        return ""
    return japanese.format_yen(value)


@register.filter
def manyen(value):
    if value in (None, ""):
        return ""
    return japanese.format_man_yen(value)
