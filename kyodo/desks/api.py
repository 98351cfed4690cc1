"""市民活動インフォメーション in /api/v1/: the public desks (place, hours, area, contact,
services) and the yearly consultation statistics. The log has no personal data to leave out."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Id, Pagination, Year
from kyodo.core.japanese import fiscal_year
from kyodo.core.models import Organisation

from . import queries
from .models import Desk

router = Router(tags=["desks"])


class DeskHoursOut(Schema):
    weekdays: list[int]
    weekdays_label: str
    opens: datetime.time
    closes: datetime.time
    note: str


class DeskOut(Schema):
    id: int
    organisation: str
    name: str
    area: str
    municipalities: list[str]
    place: str
    postal_code: str
    address: str
    access: str
    phone: str
    fax: str
    email: str
    services: list[str]
    hours: list[DeskHoursOut]
    url: str


class DeskTopicCountOut(Schema):
    topic: str
    label: str
    count: int


class DeskStatisticsRowOut(Schema):
    desk_id: int
    desk: str
    counts: list[DeskTopicCountOut]
    total: int


class DeskStatisticsOut(Schema):
    fiscal_year: int
    total: int
    desks: list[DeskStatisticsRowOut]
    channels: dict[str, int]


def _desk(d):
    return {
        "id": d.pk, "organisation": d.organisation.name, "name": d.name, "area": d.area_name,
        "municipalities": d.municipality_names, "place": d.place, "postal_code": d.postal_code,
        "address": d.address, "access": d.access, "phone": d.phone, "fax": d.fax, "email": d.email,
        "services": d.service_lines, "url": d.get_absolute_url(),
        "hours": [{"weekdays": h.weekday_numbers, "weekdays_label": h.weekdays_label, "opens": h.opens,
                   "closes": h.closes, "note": h.note} for h in d.hours.all()],
    }


@router.get("/organisations/{slug}/desks", response=list[DeskOut], summary="市民活動インフォメーション(窓口一覧)")
@paginate(Pagination, page_size=100)
def list_desks(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return [_desk(d) for d in queries.public_desks(organisation)]


@router.get("/organisations/{slug}/desks/statistics", response=DeskStatisticsOut,
            summary="市民活動インフォメーションの相談件数(年度別)")
def desk_statistics(request, slug: str, year: Year | None = None):
    organisation = get_object_or_404(Organisation, slug=slug)
    stats = queries.statistics(organisation, year or fiscal_year(timezone.localdate()))
    return {
        "fiscal_year": stats["year"], "total": stats["total"],
        "channels": {c.value: n for c, n in stats["channels"]},
        "desks": [{"desk_id": row["desk"].pk, "desk": row["desk"].name, "total": row["total"],
                   "counts": [{"topic": t.value, "label": str(t.label), "count": n} for t, n in row["cells"]]}
                  for row in stats["rows"]],
    }


@router.get("/desks/{desk_id}", response=DeskOut, summary="市民活動インフォメーション(窓口)")
def get_desk(request, desk_id: Id):
    desk = get_object_or_404(Desk.objects.filter(is_public=True).select_related("organisation")
                             .prefetch_related("hours"), pk=desk_id)
    return _desk(desk)
