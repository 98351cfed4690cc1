"""Reads shared by the plans pages, exports and API, each a fixed number of queries.

``plan_dashboard`` and ``item_page`` load everything ``progress.py`` and ``rules.py`` read,
so rolling a plan up or checking a permission per item costs no further query.
"""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch, prefetch_related_objects

from kyodo.core.models import Department

from .models import (
    ActionItem, Indicator, IndicatorActual, Period, Plan, ProgressReport, ReportTransition,
    Revision, Theme,
)
from .progress import ItemSummary, item_progress, roll_up

#: A department has reported for a period once its report is submitted (or further on);
#: a draft or a returned report still has to come in.
REPORTED_STATES = frozenset({
    ProgressReport.Status.SUBMITTED, ProgressReport.Status.APPROVED,
    ProgressReport.Status.PUBLISHED,
})
#: Reports the public sees: published ones, and withdrawn ones with their notice.
PUBLIC_REPORT_STATES = (ProgressReport.Status.PUBLISHED, ProgressReport.Status.WITHDRAWN)
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
        report_period=F("report__period"), report_fiscal_year=F("report__fiscal_year"),
    ).order_by("fiscal_year", "id")


def indicators_with_values():
    return Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
        "targets", Prefetch("actuals", queryset=actuals_with_report_state()),
    ))


def rollup_prefetches():
    """What ``summarise_plan`` and the dashboard read of a plan: its documents, themes, items,
    departments (the columns shown), budgets, indicators, targets and actuals (eight queries).
    Each item's ``plan`` is the plan itself, set by ``load_rollup``, not joined per row."""
    items = ActionItem.objects.prefetch_related(
        Prefetch("departments", queryset=Department.objects.only("id", "name", "sort_order")),
        "budgets", indicators_with_values(),
    )
    return [
        "documents",
        Prefetch("themes", queryset=Theme.objects.prefetch_related(
            Prefetch("items", queryset=items),
        )),
    ]


def visible_plan(plan_id, *, organisation=None):
    """The plan alone (one query): what a permission check and a page's header read. A page
    that shows the roll-up loads it later with ``load_rollup``, only when it renders."""
    plans = Plan.objects.select_related("organisation", "coordinating_department")
    if organisation is not None:
        plans = plans.filter(organisation=organisation)
    return plans.get(pk=plan_id)


def load_rollup(plan):
    """``plan`` with everything its roll-up reads (``rollup_prefetches``)."""
    prefetch_related_objects([plan], *rollup_prefetches())
    for theme in plan.themes.all():
        for item in theme.items.all():
            item.plan = plan
    return plan


def plan_dashboard(plan_id, *, organisation=None):
    """A plan with everything its roll-up reads: nine queries, whatever its size."""
    return load_rollup(visible_plan(plan_id, organisation=organisation))


def item_prefetches(*, published_only=True):
    """What an item's page shows beyond the item: schedule, budget, indicators with targets
    and actuals, reports with their steps (only public ones unless asked), and revisions."""
    reports = ProgressReport.objects.order_by("-fiscal_year", "-published_at", "-id")
    if published_only:
        # A withdrawn report stays on the page with the notice of why (訂正・取下げ).
        reports = reports.filter(status__in=PUBLIC_REPORT_STATES)
    reports = reports.prefetch_related(
        Prefetch("transitions", queryset=ReportTransition.objects.select_related("actor")),
        "actuals",
    )
    return [
        "departments", "budgets", "schedules", indicators_with_values(),
        Prefetch("reports", queryset=reports),
        Prefetch("revisions", queryset=Revision.objects.select_related("actor")),
    ]


def _items(plan_id=None, organisation=None):
    items = ActionItem.objects.select_related(
        "plan__organisation", "plan__coordinating_department", "theme")
    if plan_id is not None:
        items = items.filter(plan_id=plan_id)
    if organisation is not None:
        items = items.filter(plan__organisation=organisation)
    return items


def item_page(item_id, *, plan_id=None, organisation=None, published_only=True):
    """One item with everything its page shows (``item_prefetches``)."""
    return (_items(plan_id, organisation)
            .prefetch_related(*item_prefetches(published_only=published_only))
            .get(pk=item_id))


def visible_item(item_id, *, plan_id, organisation):
    """The item with its plan and theme (one query): what the permission checks and the
    page's header read; ``load_item_page`` adds the rest when the page renders."""
    return _items(plan_id, organisation).get(pk=item_id)


def load_item_page(item):
    """``item`` with what ``item_page`` prefetches (public reports only)."""
    prefetch_related_objects([item], *item_prefetches())
    return item


def plans_with_progress(organisation, *, include_drafts=False):
    """The organisation's plans, each with ``summary`` (its items rolled up by progress and
    status; achievement needs indicators and is left to the dashboard): two queries."""
    plans = list(plans_of(organisation, include_drafts=include_drafts).prefetch_related(
        Prefetch("items", queryset=ActionItem.objects.only("id", "plan_id", "status", "progress")),
    ))
    for plan in plans:
        plan.summary = roll_up(
            ItemSummary(item=item, progress=item_progress(item), indicators=[],
                        achievement=None, budget=0, settlement=0)
            for item in plan.items.all()
        )
    return plans


def status_rows(group):
    """(status value, label, count) for every item status, in the workflow's order."""
    return [(value, label, group.status_counts.get(value, 0))
            for value, label in ActionItem.Status.choices]


@dataclass
class ChartRow:
    fiscal_year: int
    target: object
    actual: object
    target_share: int  # bar lengths, in % of the largest value on the chart
    actual_share: int
    interim: tuple | None = None  # (period label, value): a half-year or quarter figure


def indicator_chart(summary, plan):
    """Target and counted actual per fiscal year of the plan, with bar lengths."""
    years = sorted(set(plan.fiscal_years) | set(summary.targets) | set(summary.actuals))
    if summary.indicator.baseline_year is not None:
        years = sorted(set(years) | {summary.indicator.baseline_year})
    values = [v for v in (*summary.targets.values(), *summary.actuals.values()) if v is not None]
    if summary.indicator.baseline is not None:
        values.append(summary.indicator.baseline)
    largest = max(values, default=0) or 1

    def share(value):
        return 0 if value is None else round(value / largest * 100)

    rows = []
    for year in years:
        target = summary.targets.get(year)
        actual = summary.actuals.get(year)
        if year == summary.indicator.baseline_year and actual is None:
            actual = summary.indicator.baseline
        interim = summary.interim.get(year)
        if interim is not None:
            interim = (Period(interim[0]).label, interim[1])
        rows.append(ChartRow(year, target, actual, share(target), share(actual), interim))
    return {"summary": summary, "rows": rows}


def item_years(item):
    """Per fiscal year of the plan: the schedule text, budget and settlement (prefetched)."""
    schedules = {s.fiscal_year: s.content for s in item.schedules.all()}
    budgets = {b.fiscal_year: b for b in item.budgets.all()}
    years = sorted(set(item.plan.fiscal_years) | set(schedules) | set(budgets))
    return [{"fiscal_year": y, "schedule": schedules.get(y), "budget": budgets.get(y)}
            for y in years]


def reports_awaiting_review(plan):
    """Submitted reports for the coordinator's queue, oldest first."""
    return (
        ProgressReport.objects.filter(item__plan=plan, status=ProgressReport.Status.SUBMITTED)
        .select_related("item__plan")
        .prefetch_related("item__departments")
        .order_by("updated_at", "id")
    )


def reports_to_review(organisation):
    """The coordinator's queue across the organisation's plans: submitted reports to approve
    or return, and approved ones to publish, oldest first (two queries)."""
    return (
        ProgressReport.objects.filter(
            item__plan__organisation=organisation,
            status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.APPROVED],
        )
        .select_related("item__plan")
        .prefetch_related("item__departments")
        .order_by("status", "updated_at", "id")
    )


def items_of_departments(organisation, department_ids):
    """The items a member of staff reports on, each with its reports (three queries)."""
    if not department_ids:
        return []
    return list(
        ActionItem.objects.filter(plan__organisation=organisation,
                                  departments__in=department_ids)
        .distinct()
        .select_related("plan", "theme")
        .prefetch_related("departments", Prefetch(
            "reports", queryset=ProgressReport.objects.order_by("-fiscal_year", "-id")))
        .order_by("plan__sort_order", "plan_id", "theme__number", "sort_order", "id")
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
