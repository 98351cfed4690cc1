"""Reads shared by the 出前講座 pages, downloads and API (fixed query counts)."""

import calendar
import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from .models import CalendarFeed, Category, Request, Theme

HELD_STATES = (Request.Status.HELD, Request.Status.REPORTED)


def catalogue(organisation, *, q="", category="", department=None):
    """Active themes with how often each was held (one query)."""
    themes = (Theme.objects.filter(organisation=organisation, active=True)
              .select_related("department")
              .annotate(times_held=Count("requests", filter=Q(requests__status__in=HELD_STATES))))
    for word in q.split():
        themes = themes.filter(Q(title__icontains=word) | Q(summary__icontains=word)
                               | Q(keywords__icontains=word) | Q(department__name__icontains=word))
    if category:
        themes = themes.filter(category=category)
    if department:
        themes = themes.filter(department_id=department)
    return themes.order_by("number")


def statistics(organisation, year):
    """A fiscal year's figures: requests, held, declined, audience — overall and by theme,
    department and month (three queries)."""
    requests = Request.objects.filter(organisation=organisation, fiscal_year=year)
    rows = list(requests.values("status", "theme_id", "theme__number", "theme__title",
                                "department__name", "starts_at", "created_at", "actual_audience"))
    totals = Counter(r["status"] for r in rows)
    held = [r for r in rows if r["status"] in HELD_STATES]
    by_theme, by_department, by_month = defaultdict(lambda: [0, 0, 0]), defaultdict(lambda: [0, 0]), Counter()
    for r in rows:
        by_theme[(r["theme__number"], r["theme__title"])][0] += 1
    for r in held:
        key = (r["theme__number"], r["theme__title"])
        by_theme[key][1] += 1
        by_theme[key][2] += r["actual_audience"] or 0
        by_department[r["department__name"]][0] += 1
        by_department[r["department__name"]][1] += r["actual_audience"] or 0
        if r["starts_at"]:
            by_month[timezone.localtime(r["starts_at"]).month] += 1
    months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    return {
        "year": year,
        "requests": len(rows),
        "held": len(held),
        "declined": totals.get(Request.Status.DECLINED, 0),
        "withdrawn": totals.get(Request.Status.WITHDRAWN, 0),
        "audience": sum(r["actual_audience"] or 0 for r in held),
        "by_theme": sorted(((n, t, *v) for (n, t), v in by_theme.items()), key=lambda r: r[0]),
        "by_department": sorted(((d, *v) for d, v in by_department.items()), key=lambda r: -r[1]),
        "by_month": [(m, by_month.get(m, 0)) for m in months],
        "max_month": max(by_month.values(), default=0) or 1,
        "max_department": max((v[0] for v in by_department.values()), default=0) or 1,
    }


def years_with_requests(organisation):
    return list(Request.objects.filter(organisation=organisation).values_list("fiscal_year", flat=True)
                .distinct().order_by("-fiscal_year"))


def held_lectures(organisation, year=None):
    """Held lectures for the open-data list: no personal data is read at all."""
    requests = (Request.objects.filter(organisation=organisation, status__in=HELD_STATES)
                .select_related("theme", "department", "organisation__prefecture")
                .only("starts_at", "ends_at", "actual_audience", "fiscal_year",
                      "theme__title", "theme__summary", "theme__number", "department__name",
                      "organisation__name", "organisation__local_government_code", "organisation__kind",
                      "organisation__prefecture_id", "organisation__prefecture__name")
                .order_by("starts_at", "id"))
    if year:
        requests = requests.filter(fiscal_year=year)
    return requests


def month_calendar(organisation, year, month, department_ids=None):
    """Weeks of the month with the decided lectures of each day, and the clashes: lectures
    whose slots overlap in the same department or with the same lecturer (two queries)."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    lectures = (Request.objects.filter(organisation=organisation, status=Request.Status.DECIDED,
                                       starts_at__date__gte=first, starts_at__date__lte=last)
                .select_related("theme", "department").order_by("starts_at"))
    if department_ids is not None:
        lectures = lectures.filter(department_id__in=department_ids)
    lectures = list(lectures)
    clashing = set()
    for i, a in enumerate(lectures):
        for b in lectures[i + 1:]:
            if a.starts_at < b.ends_at and b.starts_at < a.ends_at and (
                    a.department_id == b.department_id or a.same_lecturer_as(b)):
                clashing.update({a.pk, b.pk})
    by_day = defaultdict(list)
    for lecture in lectures:
        lecture.clash = lecture.pk in clashing
        by_day[timezone.localtime(lecture.starts_at).date()].append(lecture)
    weeks = [[(day, by_day.get(day, []), day.month == month) for day in week]
             for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)]
    return weeks, [lecture for lecture in lectures if lecture.clash]


def decided_lectures(organisation):
    return (Request.objects.filter(organisation=organisation, status=Request.Status.DECIDED)
            .select_related("theme", "department").order_by("starts_at", "id"))


def visible_requests(user, organisation):
    """A filter for the requests ``user`` may see: all of the organisation's for its admins and
    reception desk, otherwise those of the user's departments (rules: lectures.view_request)."""
    from kyodo.core.rules import departments_for

    if user.has_perm("lectures.receive", organisation):
        return Q()
    return Q(department_id__in=departments_for(user))


def calendar_feed(organisation, token):
    """The staff feed whose secret ``token`` this is, or None."""
    return (CalendarFeed.objects.select_related("user")
            .filter(organisation=organisation, token_hash=CalendarFeed.hash(token)).first())


def own_calendar_feed(organisation, user):
    return CalendarFeed.objects.filter(organisation=organisation, user=user).first()


def inbox(organisation, user):
    """The reception desk's new requests and a department's routed ones."""
    from kyodo.core.rules import departments_for

    base = Request.objects.filter(organisation=organisation).select_related("theme", "department")
    reception = None
    if user.has_perm("lectures.receive", organisation):
        reception = base.filter(status__in=[Request.Status.SUBMITTED, Request.Status.RECEIVED]).order_by("created_at")
    mine = departments_for(user)
    department = base.filter(department_id__in=mine, status__in=[
        Request.Status.ROUTED, Request.Status.SCHEDULING, Request.Status.DECIDED, Request.Status.HELD,
    ]).order_by("status", "starts_at", "created_at")
    return reception, department


CATEGORY_CHOICES = Category.choices
