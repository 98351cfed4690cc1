"""Pages of the one calendar: a month (a grid on wide screens, a list of days on phones) and a
list view, per organisation and for the whole region, with filters by kind (and organisation,
regionally), and iCalendar feeds. Thin: parse, read the registered entries, render."""

import datetime

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from kyodo.core.inputs import BadInput, TextField, YearMonthField, query_value
from kyodo.core.models import Organisation

from . import exports, queries

#: How far a feed reaches: a month back and a year ahead.
FEED_PAST_DAYS = 31
FEED_FUTURE_DAYS = 365


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def month_param(request):
    today = timezone.localdate()
    return query_value(request.GET, "month", YearMonthField(), default=(today.year, today.month))


def kind_param(request):
    return query_value(request.GET, "kind", TextField(max_length=40), default="")


def organisation_param(request):
    """The regional calendar's ?org=<slug> filter; an unknown organisation is a 400."""
    slug = query_value(request.GET, "org", forms.SlugField(max_length=40), default="")
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise BadInput(_("「org」: その団体は見つかりません。"))
    return organisation


def _month_context(request, organisation_ids, *, list_view):
    """The month's parameters at once (a bad one is a 400), its entries lazily: the page keeps
    them in a shared fragment, so a warm render reads none."""
    year, month = month_param(request)
    kind = kind_param(request)
    previous, following = queries.shift_month(year, month, -1), queries.shift_month(year, month, 1)

    def entries():
        start, end = queries.month_bounds(year, month)
        every = queries.entries(start, end, organisation_ids)
        found = [e for e in every if e.kind == kind] if kind else every
        pairs = queries.with_organisations(found)
        return {"kinds": queries.kinds_of(every, kind), "count": len(found),
                "weeks": None if list_view else queries.month_weeks(year, month, pairs),
                "days": queries.day_list(pairs)}

    return {
        "year": year, "month": month, "kind": kind, "entries": SimpleLazyObject(entries),
        "weekdays": queries.WEEKDAYS, "list_view": list_view,
        "previous": f"{previous[0]}-{previous[1]:02d}" if previous else None,
        "following": f"{following[0]}-{following[1]:02d}" if following else None,
        "current": f"{year}-{month:02d}", "today": timezone.localdate(),
    }


def month(request, slug, list_view=False):
    organisation = organisation_or_404(slug)
    context = _month_context(request, [organisation.pk], list_view=list_view)
    context.update({
        "organisation": organisation, "regional": False,
        "month_url": reverse("calendar:month", args=[slug]), "list_url": reverse("calendar:list", args=[slug]),
        "feed_url": reverse("calendar:feed", args=[slug]),
    })
    return render(request, "calendar/month.html", context)


def regional_month(request, list_view=False):
    selected = organisation_param(request)
    context = _month_context(request, [selected.pk] if selected else None, list_view=list_view)
    context.update({
        "organisation": None, "regional": True, "selected": selected,
        "organisations": Organisation.objects.only("name", "slug").order_by("local_government_code"),
        "month_url": reverse("calendar_regional:month"), "list_url": reverse("calendar_regional:list"),
        "feed_url": reverse("calendar_regional:feed"),
    })
    return render(request, "calendar/month.html", context)


def _feed_pairs(request, organisation_ids):
    today = timezone.localdate()
    start, end = queries.day_bounds(today - datetime.timedelta(days=FEED_PAST_DAYS),
                                    today + datetime.timedelta(days=FEED_FUTURE_DAYS))
    return queries.with_organisations(queries.entries(start, end, organisation_ids, kind=kind_param(request)))


def _ical(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def feed(request, slug):
    organisation = organisation_or_404(slug)
    pairs = _feed_pairs(request, [organisation.pk])
    body = exports.feed(f"{organisation.name} カレンダー", pairs, base_url=request.build_absolute_uri("/")[:-1])
    return _ical(body, f"kyodo-{organisation.slug}.ics")


def regional_feed(request):
    selected = organisation_param(request)
    pairs = _feed_pairs(request, [selected.pk] if selected else None)
    name = f"{selected.name} カレンダー" if selected else "協働 カレンダー(全団体)"
    body = exports.feed(name, pairs, base_url=request.build_absolute_uri("/")[:-1])
    return _ical(body, "kyodo.ics")
