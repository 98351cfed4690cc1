"""Reads shared by the plans pages, exports and API, each a fixed number of queries.

``plan_dashboard`` and ``item_page`` load everything ``progress.py`` and ``rules.py`` read,
so rolling a plan up or checking a permission per item costs no further query.
"""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from .models import (
    ActionItem, Indicator, IndicatorActual, Plan, ProgressReport, ReportTransition, Revision,
    Theme,
)

#: A department has reported for a period once its report is submitted (or further on);
#: a draft or a returned report still has to come in.
REPORTED_STATES = frozenset({
    ProgressReport.Status.SUBMITTED, ProgressReport.Status.APPROVED,
    ProgressReport.Status.PUBLISHED,
})
#: Items that no longer report: finished or stopped.
CLOSED_ITEM_STATES = frozenset({ActionItem.Status.DONE, ActionItem.Status.CANCELLED})


def plans_of(organisation, *, include_drafts=False):
    plans = Plan.objects.filter(organisation=organisation).select_related("organisation")
    if not include_drafts:
        plans = plans.exclude(status=Plan.Status.DRAFT)
    return plans


def actuals_with_report_state():
    """Actuals carrying their report's state and publication time (read by progress.py)."""
    return IndicatorActual.objects.annotate(
        report_status=F("report__status"), report_published_at=F("report__published_at"),
    ).order_by("fiscal_year", "id")


def indicators_with_values():
    return Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
        "targets", Prefetch("actuals", queryset=actuals_with_report_state()),
    ))


def items_for_rollup():
    return ActionItem.objects.select_related("plan").prefetch_related(
        "departments", "budgets", indicators_with_values(),
    )


def plan_dashboard(plan_id):
    """A plan with its documents, themes, items, departments, budgets, indicators, targets
    and actuals: nine queries, whatever the size of the plan."""
    return (
        Plan.objects.select_related("organisation", "coordinating_department")
        .prefetch_related(
            "documents",
            Prefetch("themes", queryset=Theme.objects.prefetch_related(
                Prefetch("items", queryset=items_for_rollup()),
            )),
        )
        .get(pk=plan_id)
    )


def item_page(item_id, *, published_only=True):
    """One item with everything its page shows: schedule, budget, indicators with targets and
    actuals, reports with their steps (only published ones unless asked), and revisions."""
    reports = ProgressReport.objects.order_by("-fiscal_year", "-published_at", "-id")
    if published_only:
        reports = reports.filter(status=ProgressReport.Status.PUBLISHED)
    reports = reports.prefetch_related(
        Prefetch("transitions", queryset=ReportTransition.objects.select_related("actor")),
        "actuals",
    )
    return (
        ActionItem.objects.select_related("plan__organisation", "theme")
        .prefetch_related(
            "departments", "budgets", "schedules", indicators_with_values(),
            Prefetch("reports", queryset=reports),
            Prefetch("revisions", queryset=Revision.objects.select_related("actor")),
        )
        .get(pk=item_id)
    )


def reports_awaiting_review(plan):
    """Submitted reports for the coordinator's queue, oldest first."""
    return (
        ProgressReport.objects.filter(item__plan=plan, status=ProgressReport.Status.SUBMITTED)
        .select_related("item__plan")
        .prefetch_related("item__departments")
        .order_by("updated_at", "id")
    )


def published_reports(plan):
    return (
        ProgressReport.objects.filter(item__plan=plan, status=ProgressReport.Status.PUBLISHED)
        .select_related("item__theme")
        .order_by("-published_at", "-id")
    )


@dataclass
class DepartmentReporting:
    department: object
    reported: list = field(default_factory=list)  # items with a report in
    missing: list = field(default_factory=list)  # items still to report

    @property
    def complete(self):
        return not self.missing


def reporting_status(plan, fiscal_year, period):
    """For one period, each responsible department with the items it has reported on and
    those it has not (three queries). Finished and cancelled items are not expected to
    report; an item with two departments is reported once either has sent the report in."""
    plan.check_fiscal_year(fiscal_year)
    items = (
        plan.items.exclude(status__in=CLOSED_ITEM_STATES)
        .prefetch_related("departments")
        .order_by("theme__number", "sort_order", "id")
    )
    reported_ids = set(
        ProgressReport.objects.filter(
            item__plan=plan, fiscal_year=fiscal_year, period=period, status__in=REPORTED_STATES,
        ).values_list("item_id", flat=True)
    )
    by_department = {}
    for item in items:
        for department in item.departments.all():
            row = by_department.setdefault(department.pk, DepartmentReporting(department))
            (row.reported if item.pk in reported_ids else row.missing).append(item)
    return sorted(by_department.values(),
                  key=lambda r: (r.department.sort_order, r.department.pk))


def departments_not_reported(plan, fiscal_year, period):
    """The coordinator's list: departments with at least one item still to report."""
    return [row for row in reporting_status(plan, fiscal_year, period) if not row.complete]
