"""The aggregated report of a survey campaign (年度別協働取組実態調査の集計結果).

``compute`` counts a campaign's projects and sums their budgets by form of collaboration,
activity field, partner type and department, in a fixed number of plain queries (GROUP BY over
simple joins, no correlated subquery) whatever the number of projects. The result is frozen on the campaign when it is published, so the
public report page reads one row per year: its cost does not grow with the projects, and what
was published stays what it was (a correction is recounted with ``actions.correct_report``, its earlier figures kept).

A project with several forms (or fields, or partner types) counts once under each, so those
columns add up to more than the total — as in the prefecture's own tables (複数選択).

Stored shape (keys only; labels are added when displayed, in the reader's language):

    {"fiscal_year": 2005, "totals": {"projects": 152, "budget": 123456000,
                                     "departments": 13, "answered": 12, "none": 2},
     "by_form": [{"key": "commission", "count": 40, "budget": 5600000}, …],
     "by_field": […], "by_partner_type": […],
     "by_department": [{"key": 12, "name": "生活振興課", "count": 9, "budget": …,
                        "status": "submitted"}, …]}
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from .models import Project, ProjectField, ProjectForm, ProjectPartner, SurveyResponse
from .vocabularies import (
    FIELD_SHORT, CollaborationForm, PartnerType, field_list_for_fiscal_year,
)


def _rows(keys, counted):
    return [{"key": key, "count": counted.get(key, (0, 0))[0],
             "budget": counted.get(key, (0, 0))[1]} for key in keys]


@contextmanager
def _joins_without_nested_loops():
    """On PostgreSQL, join by hash or merge (never a nested loop) within this block.

    The report joins every project of a campaign with its forms, fields and partners. After a
    bulk load that the statistics have not caught up with (autovacuum may even have analysed
    the tables mid-load, recording their pages as holding no rows), the planner believes the
    tables empty and nests a full scan of one inside the other: minutes for 15,000 projects.
    Hash joins cost one pass over each table whatever the statistics say."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_nestloop')")
        before = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('enable_nestloop', 'off', true)")
        yield
        # Back as it was for the rest of the caller's transaction (after an error, rolling
        # back the savepoint restores it).
        cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [before])


def compute(campaign):
    with _joins_without_nested_loops():
        return _compute(campaign)


def _compute(campaign):
    projects = Project.objects.filter(campaign=campaign, withdrawn_at__isnull=True)
    totals = projects.aggregate(projects=Count("pk"), budget=Sum("budget"))
    by_form = {
        r["form"]: (r["n"], r["budget"] or 0)
        for r in ProjectForm.objects.filter(project__campaign=campaign, project__withdrawn_at__isnull=True)
        .values("form").annotate(n=Count("project"), budget=Sum("project__budget")).order_by()
    }
    by_field = {
        r["field"]: (r["n"], r["budget"] or 0)
        for r in ProjectField.objects.filter(project__campaign=campaign, project__withdrawn_at__isnull=True)
        .values("field").annotate(n=Count("project"), budget=Sum("project__budget")).order_by()
    }
    # A project with two partners of one type counts once for that type: the distinct
    # (project, type) pairs of the campaign, one join read once and added up here. (A
    # correlated EXISTS per type, planned from the statistics of tables that were empty
    # before a bulk load, scanned the partners once per project and type: minutes.)
    by_type = {}
    pairs = (ProjectPartner.objects.filter(project__campaign=campaign,
                                           project__withdrawn_at__isnull=True)
             .values_list("project_id", "partner_type", "project__budget")
             .order_by().distinct())  # no ordering: the model's would put its id in DISTINCT
    for _project, partner_type, budget in pairs.iterator(chunk_size=5000):
        count, total = by_type.get(partner_type, (0, 0))
        by_type[partner_type] = (count + 1, total + (budget or 0))

    responses = list(
        SurveyResponse.objects.filter(campaign=campaign).select_related("department")
        .order_by("department__sort_order", "department_id")
    )
    by_department = {
        r["department_id"]: (r["n"], r["budget"] or 0)
        for r in projects.values("department_id").annotate(n=Count("pk"), budget=Sum("budget"))
        .order_by()
    }
    departments = [{
        "key": r.department_id, "name": r.department.name, "status": r.status,
        "count": by_department.get(r.department_id, (0, 0))[0],
        "budget": by_department.get(r.department_id, (0, 0))[1],
    } for r in responses]
    # Projects of departments that were not asked (added later) still count.
    asked = {r.department_id for r in responses}
    for department_id, (count, budget) in by_department.items():
        if department_id not in asked:
            departments.append({"key": department_id, "name": "", "status": "", "count": count,
                                "budget": budget})

    return {
        "fiscal_year": campaign.fiscal_year,
        "totals": {
            "projects": totals["projects"], "budget": totals["budget"] or 0,
            "departments": len(responses),
            "answered": sum(1 for r in responses if r.is_complete),
            "none": sum(1 for r in responses if r.status == SurveyResponse.Status.NONE),
        },
        "by_form": _rows(CollaborationForm.values, by_form),
        "by_field": _rows([k.value for k in field_list_for_fiscal_year(campaign.fiscal_year).keys],
                          by_field),
        "by_partner_type": _rows(PartnerType.values, by_type),
        "by_department": departments,
    }


# --- Display -------------------------------------------------------------------------------------

LABELS = {
    "by_form": lambda key: CollaborationForm(key).label,
    "by_field": lambda key: FIELD_SHORT.get(key, key),
    "by_partner_type": lambda key: PartnerType(key).label,
}


def _change(now, before):
    if before is None:
        return None
    return now - before


def table(data, dimension, previous=None):
    """Rows for one table of the report: label, count, budget, share of the largest (for the
    bar), and the change from the previous year's report where there is one."""
    rows = data.get(dimension, [])
    before = {r["key"]: r for r in (previous or {}).get(dimension, [])}
    top = max((r["count"] for r in rows), default=0) or 1
    result = []
    for r in rows:
        label = r.get("name") if dimension == "by_department" else LABELS[dimension](r["key"])
        old = before.get(r["key"])
        result.append({
            "key": r["key"], "label": label, "count": r["count"], "budget": r["budget"],
            "percent": round(r["count"] * 100 / top), "status": r.get("status", ""),
            "previous_count": old["count"] if old else None,
            "change": _change(r["count"], old["count"]) if old else None,
            "previous_budget": old["budget"] if old else None,
        })
    return result


DIMENSIONS = (
    ("by_form", _("協働の形態別")),
    ("by_field", _("分野別")),
    ("by_partner_type", _("協働の相手方の種別")),
    ("by_department", _("部署別")),
)
