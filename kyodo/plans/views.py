"""Pages of 改革プラン: the public dashboard, item page and downloads.

Thin: each view finds its objects through ``queries``, checks ``rules`` and renders. The
staff screens are in ``views_manage.py``.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.core import modules
from kyodo.core.corrections import corrections_of
from kyodo.core.japanese import wareki_fiscal_year
from kyodo.core.models import Organisation
from kyodo.core.pdf import render_pdf

from . import exports, extensions, queries, rules
from .actions import revision_rows
from .forms import DashboardFilterForm
from .progress import summarise_item, summarise_plan


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def plan_or_404(request, organisation, plan_id):
    """The dashboard's plan (prefetched), or 404 if it is not this organisation's or not
    visible to the user (a 素案 is seen by the organisation's staff only)."""
    try:
        plan = queries.plan_dashboard(plan_id, organisation=organisation)
    except queries.Plan.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("plans.view_plan", plan):
        raise Http404
    return plan


def index(request, slug):
    organisation = organisation_or_404(slug)
    include_drafts = request.user.has_perm("plans.use_staff_screens", organisation)
    plans = queries.plans_with_progress(organisation, include_drafts=include_drafts)
    return render(request, "plans/index.html", {"organisation": organisation, "plans": plans})


def dashboard(request, slug, plan_id):
    organisation = organisation_or_404(slug)
    plan = plan_or_404(request, organisation, plan_id)
    filters = DashboardFilterForm(plan, request.GET or None)
    fiscal_year = filters.chosen_fiscal_year()
    summary = summarise_plan(plan, fiscal_year)
    items = filters.apply(summary.overall.items)
    context = {
        "organisation": organisation, "plan": plan, "summary": summary,
        "filters": filters, "fiscal_year": fiscal_year, "items": items,
        "filtered": filters.is_filtering(),
        "status_rows": queries.status_rows(summary.overall),
        "department_rows": summary.by_department(),
        "download_tables": exports.TABLE_LABELS,
        # Panels of other modules (a satisfaction survey's results, issue 17 §6).
        "module_panels": modules.plan_panels(plan),
    }
    if request.htmx and request.htmx.target == "plan-items":
        return render(request, "plans/dashboard.html#items", context)
    return render(request, "plans/dashboard.html", context)


def dashboard_pdf(request, slug, plan_id):
    """The progress report (the dashboard's figures and item list, with its filters) as a PDF.
    Only a published plan: a 素案 has no public PDF even for staff."""
    organisation = organisation_or_404(slug)
    plan = plan_or_404(request, organisation, plan_id)
    if not rules.is_public_plan(None, plan):
        raise Http404
    filters = DashboardFilterForm(plan, request.GET or None)
    fiscal_year = filters.chosen_fiscal_year()
    summary = summarise_plan(plan, fiscal_year)
    context = {
        "organisation": organisation, "plan": plan, "summary": summary,
        "fiscal_year": fiscal_year, "items": filters.apply(summary.overall.items),
        "filtered": filters.is_filtering(),
        "status_rows": queries.status_rows(summary.overall),
        "department_rows": summary.by_department(),
        "page_url": request.build_absolute_uri(reverse("plans:dashboard", args=[slug, plan.pk])),
    }
    name = f"{plan.title}_{_('進捗状況')}" + (f"_{wareki_fiscal_year(fiscal_year)}" if fiscal_year else "")
    return render_pdf(request, "plans/progress_pdf.html", context, name)


def item(request, slug, plan_id, item_id):
    organisation = organisation_or_404(slug)
    try:
        action_item = queries.item_page(item_id, plan_id=plan_id, organisation=organisation)
    except queries.ActionItem.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("plans.view_plan", action_item.plan):
        raise Http404
    summary = summarise_item(action_item)
    indicators_by_id = {i.pk: i for i in action_item.indicators.all()}
    reports = list(action_item.reports.all())
    actuals = [a for r in reports for a in r.actuals.all()]
    return render(request, "plans/item.html", {
        "organisation": organisation, "plan": action_item.plan, "item": action_item,
        "summary": summary,
        "indicator_charts": [queries.indicator_chart(s, action_item.plan) for s in summary.indicators],
        "years": queries.item_years(action_item),
        "reports": [(r, [(indicators_by_id.get(a.indicator_id), a) for a in r.actuals.all()])
                    for r in reports],
        "report_trail": corrections_of(reports),
        "actual_trail": corrections_of(actuals),
        "revisions": [(r, revision_rows(r, indicators_by_id)) for r in action_item.revisions.all()],
        "extra_sections": extensions.item_sections(action_item),
        "can_report": request.user.has_perm("plans.report_on_item", action_item),
        "can_revise": request.user.has_perm("plans.revise_item", action_item),
    })


def download(request, slug, plan_id, table, fmt):
    organisation = organisation_or_404(slug)
    plan = plan_or_404(request, organisation, plan_id)
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise Http404
    return exports.response(plan, table, fmt)
