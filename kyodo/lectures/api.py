"""出前講座 in /api/v1/: the menu, yearly statistics and held lectures. No personal data:
no representative, phone, e-mail or group contact ever appears."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Pagination, Rows, SearchText, Year
from kyodo.core.models import Organisation

from . import exports, queries
from .models import Category

router = Router(tags=["lectures"])


class LectureThemeOut(Schema):
    id: int
    fiscal_year: int
    number: int
    title: str
    summary: str
    department: str
    duration_minutes: int
    category: str
    category_label: str
    keywords: str
    times_held: int


class HeldOut(Schema):
    theme_number: int
    theme: str
    department: str
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    venue: str
    audience: int | None


class StatisticsOut(Schema):
    fiscal_year: int
    requests: int
    held: int
    declined: int
    withdrawn: int
    audience: int
    by_theme: list[dict]
    by_department: list[dict]
    by_month: list[dict]


@router.get("/organisations/{slug}/lectures/themes", response=list[LectureThemeOut], summary="出前講座の講座一覧")
@paginate(Pagination, page_size=100)
def list_themes(request, slug: str, q: SearchText = "", category: SearchText = ""):
    organisation = get_object_or_404(Organisation, slug=slug)
    labels = dict(Category.choices)
    themes = queries.catalogue(organisation, q=q, category=category).values(
        "pk", "fiscal_year", "number", "title", "summary", "department__name", "duration_minutes",
        "category", "keywords", "times_held")
    return Rows(themes, lambda t: {
        "id": t["pk"], "fiscal_year": t["fiscal_year"], "number": t["number"], "title": t["title"],
        "summary": t["summary"], "department": t["department__name"],
        "duration_minutes": t["duration_minutes"], "category": t["category"],
        "category_label": str(labels.get(t["category"], t["category"])), "keywords": t["keywords"],
        "times_held": t["times_held"]})


@router.get("/organisations/{slug}/lectures/statistics/{fiscal_year}", response=StatisticsOut,
            summary="出前講座の年度別統計")
def get_statistics(request, slug: str, fiscal_year: Year):
    organisation = get_object_or_404(Organisation, slug=slug)
    s = queries.statistics(organisation, fiscal_year)
    return {"fiscal_year": fiscal_year, "requests": s["requests"], "held": s["held"], "declined": s["declined"],
            "withdrawn": s["withdrawn"], "audience": s["audience"],
            "by_theme": [{"number": n, "title": t, "requests": r, "held": h, "audience": a} for n, t, r, h, a in s["by_theme"]],
            "by_department": [{"department": d, "held": h, "audience": a} for d, h, a in s["by_department"]],
            "by_month": [{"month": m, "held": n} for m, n in s["by_month"]]}


@router.get("/organisations/{slug}/lectures/held", response=list[HeldOut], summary="実施した出前講座")
@paginate(Pagination, page_size=100)
def list_held(request, slug: str, fiscal_year: Year | None = None):
    organisation = get_object_or_404(Organisation.objects.select_related("prefecture"), slug=slug)
    area = exports.public_area(organisation)  # the group's venue may be a private home
    held = queries.held_lectures(organisation, fiscal_year).values(
        "theme__number", "theme__title", "department__name", "starts_at", "ends_at", "actual_audience")
    return Rows(held, lambda r: {
        "theme_number": r["theme__number"], "theme": r["theme__title"],
        "department": r["department__name"] or "", "starts_at": r["starts_at"],
        "ends_at": r["ends_at"], "venue": area, "audience": r["actual_audience"]})
