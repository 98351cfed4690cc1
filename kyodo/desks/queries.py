"""The reads the desks' pages share, each with a constant number of queries."""

import datetime

from django.db.models import Prefetch, Q, Sum

from kyodo.core.japanese import fiscal_year, fiscal_year_range
from kyodo.core.models import Organisation

from .models import Channel, Consultation, Desk, DeskHours, Topic


def public_desks(organisation, *, municipality=""):
    """The organisation's public desks with their hours and the covered organisations
    (3 queries); ``municipality`` keeps those whose area names it."""
    desks = (Desk.objects.filter(organisation=organisation, is_public=True)
             .select_related("organisation", "department__parent")
             .prefetch_related(Prefetch("hours", queryset=DeskHours.objects.order_by("sort_order", "id")),
                               "covered_organisations"))
    if municipality:
        desks = desks.filter(Q(municipalities__contains=municipality) | Q(area_name__contains=municipality)
                             | Q(covered_organisations__name=municipality)).distinct()
    return desks.order_by("sort_order", "id")


def desk_list(organisation):
    """The public desks for the list: only the columns it shows, their hours, and the names of
    the organisations they cover (for the area filter) — 3 narrow queries."""
    return (Desk.objects.filter(organisation=organisation, is_public=True)
            .only("id", "name", "area_name", "municipalities", "place", "phone", "sort_order")
            .prefetch_related(
                Prefetch("hours", queryset=DeskHours.objects.only(
                    "id", "desk_id", "weekdays", "opens", "closes", "note").order_by("sort_order", "id")),
                Prefetch("covered_organisations", queryset=Organisation.objects.only("id", "name")))
            .order_by("sort_order", "id"))


def area_choices(desks):
    """Every municipality the desks cover, in the order the desks list them."""
    seen = []
    for desk in desks:
        for name in desk.municipality_names:
            if name not in seen:
                seen.append(name)
    return seen


def staff_desks(organisation):
    return (Desk.objects.filter(organisation=organisation).select_related("organisation", "department__parent")
            .order_by("sort_order", "id"))


def recent_consultations(desk, limit=30):
    return list(desk.consultations.select_related("recorded_by").order_by("-date", "-id")[:limit])


def years_with_consultations(organisation):
    years = set(Consultation.objects.filter(desk__organisation=organisation)
                .values_list("fiscal_year", flat=True).distinct())
    years.add(fiscal_year(datetime.date.today()))
    return sorted(years, reverse=True)


def statistics(organisation, year, *, desk=None):
    """年度 ``year``'s consultation counts per desk and topic (one grouped query, one for the
    desks): rows of (desk, [count per topic], total), column totals, channel totals."""
    desks = list(Desk.objects.filter(organisation=organisation).order_by("sort_order", "id")
                 if desk is None else [desk])
    counts = (Consultation.objects.filter(desk__in=[d.pk for d in desks], fiscal_year=year)
              .values_list("desk_id", "topic", "channel").annotate(n=Sum("count")).order_by())
    by_desk_topic, by_channel = {}, {}
    for desk_id, topic, channel, n in counts:
        by_desk_topic[(desk_id, topic)] = by_desk_topic.get((desk_id, topic), 0) + n
        by_channel[channel] = by_channel.get(channel, 0) + n
    topics = list(Topic)
    rows = []
    for d in desks:
        cells = [by_desk_topic.get((d.pk, t.value), 0) for t in topics]
        rows.append({"desk": d, "counts": cells, "cells": list(zip(topics, cells)), "total": sum(cells)})
    totals = [sum(row["counts"][i] for row in rows) for i in range(len(topics))]
    return {
        "year": year, "topics": topics, "rows": rows, "totals": totals, "total": sum(totals),
        "total_cells": list(zip(topics, totals)),
        "channels": [(c, by_channel.get(c.value, 0)) for c in Channel],
        "range": fiscal_year_range(year),
    }


def statistics_download(stats):
    """Columns and rows (dicts) of the statistics for core.downloads (CSV, Excel, JSON)."""
    from kyodo.core.downloads import Column

    columns = [Column("fiscal_year", "年度"), Column("desk", "窓口"), Column("area", "担当地域"),
               *[Column(t.value, str(t.label)) for t in stats["topics"]], Column("total", "合計")]
    rows = []
    for row in stats["rows"]:
        rows.append({"fiscal_year": stats["year"], "desk": row["desk"].name, "area": row["desk"].area_name,
                     **{t.value: n for t, n in zip(stats["topics"], row["counts"])}, "total": row["total"]})
    rows.append({"fiscal_year": stats["year"], "desk": "合計", "area": "",
                 **{t.value: n for t, n in zip(stats["topics"], stats["totals"])}, "total": stats["total"]})
    return columns, rows
