"""The one calendar's reads: everything dated and public that the modules register
(``kyodo.core.modules.calendar_entries``), for a month, a list or a feed, in Japan time.

Months and days are Japan's (Asia/Tokyo): an entry at 00:30 on the 1st JST belongs to that month
even though it is still the previous day in UTC."""

import calendar as pycalendar
import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from kyodo.core import modules
from kyodo.core.inputs import MAX_YEAR, MIN_YEAR
from kyodo.core.models import Organisation

JST = ZoneInfo("Asia/Tokyo")
WEEKDAYS = ["月", "火", "水", "木", "金", "土", "日"]
#: The longest span one request may read (the API refuses more; feeds read this much).
MAX_SPAN_DAYS = 366


def month_bounds(year, month):
    """[start, end) of the month as aware datetimes at midnight JST."""
    start = datetime.datetime(year, month, 1, tzinfo=JST)
    end = (datetime.datetime(year + 1, 1, 1, tzinfo=JST) if month == 12
           else datetime.datetime(year, month + 1, 1, tzinfo=JST))
    return start, end


def day_bounds(first, last):
    """[start, end) covering the days ``first`` to ``last`` (dates, inclusive) in JST."""
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=JST)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tzinfo=JST)
    return start, end


def shift_month(year, month, delta):
    """(year, month) ``delta`` months away, or None outside the years the site accepts."""
    index = year * 12 + (month - 1) + delta
    year, month = divmod(index, 12)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return year, month + 1


def local_day(value):
    """The JST day of an entry's start (a date stays itself)."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.date()
        return value.astimezone(JST).date()
    return value


def entries(start, end, organisation_ids=None, *, kind=""):
    """The registered providers' entries starting in [start, end), sorted; only ``kind`` if given."""
    found = modules.calendar_entries(start, end, organisation_ids)
    if kind:
        found = [e for e in found if e.kind == kind]
    return found


class Item:
    """An entry as the pages show it: with its organisation and its start time in JST."""

    __slots__ = ("entry", "organisation", "day", "time", "end_time")

    def __init__(self, entry, organisation):
        self.entry, self.organisation = entry, organisation
        self.day = local_day(entry.starts)
        self.time = _time(entry.starts)
        self.end_time = _time(entry.ends) if entry.ends and local_day(entry.ends) == self.day else ""

    def __iter__(self):  # (entry, organisation), as the feed reads it
        return iter((self.entry, self.organisation))


def _time(value):
    if isinstance(value, datetime.datetime):
        return (value.astimezone(JST) if value.tzinfo else value).strftime("%H:%M")
    return ""


def with_organisations(found):
    """The entries as :class:`Item`, their organisations read in one query."""
    ids = {e.organisation_id for e in found}
    by_id = Organisation.objects.only("name", "slug").in_bulk(ids) if ids else {}
    return [Item(e, by_id.get(e.organisation_id)) for e in found]


def by_day(items):
    days = defaultdict(list)
    for item in items:
        days[item.day].append(item)
    return days


#: Entries shown in a day's cell of the month grid; the rest are counted and linked to the list.
DAY_CELL_LIMIT = 6


def month_weeks(year, month, pairs):
    """Weeks (Monday first) of (day, [Item] (at most DAY_CELL_LIMIT), in_month, how many more)."""
    days = by_day(pairs)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            items = days.get(day, [])
            row.append((day, items[:DAY_CELL_LIMIT], day.month == month, max(0, len(items) - DAY_CELL_LIMIT)))
        weeks.append(row)
    return weeks


def day_list(pairs):
    """[(day, [Item])] for the days that have entries, in order."""
    days = by_day(pairs)
    return sorted(days.items())


def kinds_of(found, selected=""):
    kinds = sorted({e.kind for e in found})
    if selected and selected not in kinds:
        kinds.append(selected)
    return kinds
