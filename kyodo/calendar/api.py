"""The one calendar in /api/v1/: the public dated entries every module registers, per
organisation and for the whole region, over a bounded range of days (at most 366)."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate

from kyodo.core.api_inputs import Pagination, SearchText
from kyodo.core.inputs import MAX_YEAR, MIN_YEAR
from kyodo.core.models import Organisation

from . import queries

router = Router(tags=["calendar"])


class CalendarEntryOut(Schema):
    uid: str
    organisation: str
    organisation_slug: str
    kind: str
    title: str
    url: str
    all_day: bool
    starts: datetime.datetime | datetime.date
    ends: datetime.datetime | datetime.date | None
    place: str


class RegionalCalendarEntryOut(CalendarEntryOut):
    """An entry of the regional calendar (its own name: each paginated list needs one)."""


def _range(start, end):
    """[start, end] as JST bounds; a range outside the accepted years, reversed or longer than
    366 days is refused with a 422 naming the parameter."""
    start = start or timezone.localdate()
    for name, day in (("start", start), ("end", end)):
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise ValidationError([{"loc": ["query", name], "msg": f"{MIN_YEAR}年から{MAX_YEAR}年の日付にしてください。",
                                    "type": "value_error"}])
    end = end or start + datetime.timedelta(days=30)
    if end < start:
        raise ValidationError([{"loc": ["query", "end"], "msg": "終了日は開始日以降にしてください。", "type": "value_error"}])
    if (end - start).days >= queries.MAX_SPAN_DAYS:
        raise ValidationError([{"loc": ["query", "end"], "msg": f"期間は{queries.MAX_SPAN_DAYS}日以内にしてください。",
                                "type": "value_error"}])
    return queries.day_bounds(start, end)


def _jst(value):
    """Times in Japan time (+09:00), as the pages show them; dates stay dates."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(queries.JST)
    return value


def _out(items):
    return [{
        "uid": item.entry.uid or item.entry.url,
        "organisation": item.organisation.name if item.organisation else "",
        "organisation_slug": item.organisation.slug if item.organisation else "",
        "kind": item.entry.kind, "title": item.entry.title, "url": item.entry.url,
        "all_day": not isinstance(item.entry.starts, datetime.datetime),
        "starts": _jst(item.entry.starts), "ends": _jst(item.entry.ends), "place": item.entry.place,
    } for item in items]


@router.get("/organisations/{slug}/calendar/entries", response=list[CalendarEntryOut],
            summary="団体のカレンダー(公開の予定)")
@paginate(Pagination, page_size=100)
def organisation_entries(request, slug: str, start: datetime.date | None = None, end: datetime.date | None = None,
                         kind: SearchText = ""):
    """Entries starting from ``start`` to ``end`` (dates in Japan time, both included; by default
    today and the next 30 days), at most 366 days."""
    organisation = get_object_or_404(Organisation, slug=slug)
    begin, finish = _range(start, end)
    return _out(queries.with_organisations(queries.entries(begin, finish, [organisation.pk], kind=kind)))


@router.get("/calendar/entries", response=list[RegionalCalendarEntryOut], summary="カレンダー(全団体の公開の予定)")
@paginate(Pagination, page_size=100)
def regional_entries(request, start: datetime.date | None = None, end: datetime.date | None = None,
                     kind: SearchText = "", organisation: SearchText = ""):
    """Every organisation's entries (or one organisation's, by its slug), as above."""
    begin, finish = _range(start, end)
    ids = None
    if organisation:
        ids = [get_object_or_404(Organisation, slug=organisation).pk]
    return _out(queries.with_organisations(queries.entries(begin, finish, ids, kind=kind)))
