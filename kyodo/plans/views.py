"""Pages of 改革プラン: the public dashboard, item page and downloads.

Thin: each view finds its objects through ``queries``, checks ``rules`` and renders. The
staff screens are in ``views_manage.py``.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _

from kyodo.core import modules
from kyodo.core.corrections import corrections_of
from kyodo.core.inputs import page_number
from kyodo.core.japanese import wareki_fiscal_year
from kyodo.core.models import Organisation
from kyodo.core.pdf import render_pdf

from . import exports, extensions, queries, rules
from .actions import revision_rows
from .forms import DashboardFilterForm
from .progress import summarise_item, summarise_plan


#: Items per page of the dashboard's list: a plan of 400 items renders as fast as one of 20.
ITEMS_PER_PAGE = 20


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def plan_or_404(request, organisation, plan_id):
    """The plan (alone: one query), or 404 if it is not this organisation's or not visible
    to the user (a 素案 is seen by the organisation's staff only)."""
    try:
        plan = queries.visible_plan(plan_id, organisation=organisation)
    except queries.Plan.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("plans.view_plan", plan):
        raise Http404
    return plan


def index(request, slug):
    organisation = organisation_or_404(slug)
    include_drafts = request.user.has_perm("plans.use_staff_screens", organisation)
    return render(request, "plans/index.html", {
        "organisation": organisation, "include_drafts": include_drafts,
        # Lazy: a stored fragment of the list needs no query.
        "plans": SimpleLazyObject(
            lambda: queries.plans_with_progress(organisation, include_drafts=include_drafts)),
    })


class Dashboard:
    """What the dashboard shows below its header, computed on first use: when the page's
    shared fragment is stored, none of it is (no query, no roll-up)."""

    def __init__(self, plan, params, page_number):
        self.plan, self.params, self.page_number = plan, params, page_number

    @cached_property
    def loaded(self):
        return queries.load_rollup(self.plan)

    @cached_property
    def filters(self):
        return DashboardFilterForm(self.loaded, self.params or None)

    @cached_property
    def fiscal_year(self):
        return self.filters.chosen_fiscal_year()

    @cached_property
    def summary(self):
        return summarise_plan(self.loaded, self.fiscal_year)

    @cached_property
    def page(self):
        """One page of the items the filters select (all of them reachable page by page)."""
        items = self.filters.apply(self.summary.overall.items)
        return Paginator(items, ITEMS_PER_PAGE).get_page(self.page_number)

    @cached_property
    def query(self):
        """The filters as a query string, for the links to the other pages."""
        query = self.params.copy()
        query.pop("page", None)
        return query.urlencode()

    def status_rows(self):
        return queries.status_rows(self.summary.overall)

    def department_rows(self):
        return self.summary.by_department()

    def module_panels(self):
        # Panels of other modules (a satisfaction survey's results, issue 17 §6).
        return modules.plan_panels(self.plan)

    def documents(self):
        return self.loaded.documents.all()


def dashboard(request, slug, plan_id):
    organisation = organisation_or_404(slug)
    plan = plan_or_404(request, organisation, plan_id)
    context = {
        "organisation": organisation, "plan": plan,
        "board": Dashboard(plan, request.GET, page_number(request.GET)),
        "item_path": reverse("plans:dashboard", args=[slug, plan.pk]) + "items/",
        "download_tables": exports.TABLE_LABELS,
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
    queries.load_rollup(plan)
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


class ItemPage:
    """What an item's page shows below its title, computed on first use (see ``Dashboard``)."""

    def __init__(self, item):
        self.item = item

    @cached_property
    def loaded(self):
        return queries.load_item_page(self.item)

    @cached_property
    def summary(self):
        return summarise_item(self.loaded)

    @cached_property
    def indicators_by_id(self):
        return {i.pk: i for i in self.loaded.indicators.all()}

    def indicator_charts(self):
        return [queries.indicator_chart(s, self.item.plan) for s in self.summary.indicators]

    def years(self):
        return queries.item_years(self.loaded)

    @cached_property
    def _reports(self):
        return list(self.loaded.reports.all())

    def reports(self):
        return [(r, [(self.indicators_by_id.get(a.indicator_id), a) for a in r.actuals.all()])
                for r in self._reports]

    def report_trail(self):
        return corrections_of(self._reports)

    def actual_trail(self):
        return corrections_of([a for r in self._reports for a in r.actuals.all()])

    def revisions(self):
        return [(r, revision_rows(r, self.indicators_by_id)) for r in self.loaded.revisions.all()]

    @cached_property
    def revision_links(self):
        """What other modules hold on these revisions (a public comment on the change)."""
        return modules.record_links("plans.revision", [r.pk for r in self.loaded.revisions.all()])

    def extra_sections(self):
        return extensions.item_sections(self.item)


def item(request, slug, plan_id, item_id):
    organisation = organisation_or_404(slug)
    try:
        action_item = queries.visible_item(item_id, plan_id=plan_id, organisation=organisation)
    except queries.ActionItem.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("plans.view_plan", action_item.plan):
        raise Http404
    return render(request, "plans/item.html", {
        "organisation": organisation, "plan": action_item.plan, "item": action_item,
        "content": ItemPage(action_item),
        "can_report": request.user.has_perm("plans.report_on_item", action_item),
        "can_revise": request.user.has_perm("plans.revise_item", action_item),
    })


def download(request, slug, plan_id, table, fmt):
    organisation = organisation_or_404(slug)
    plan = plan_or_404(request, organisation, plan_id)
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise Http404
    return exports.response(plan, table, fmt)
