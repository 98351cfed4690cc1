"""What the site-wide search indexes of the plans (core.modules.register_search): adopted
plans, their items, and published progress reports. A draft plan (素案) and its items, and a
report before publication (or withdrawn), are not found."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import modules
from kyodo.core.japanese import wareki_fiscal_year

from .models import ActionItem, Plan, ProgressReport, Theme


def _day(value):
    if value is None:
        return None
    return datetime.datetime.combine(value, datetime.time(), tzinfo=timezone.get_current_timezone())


def _public_plans():
    return Plan.objects.exclude(status=Plan.Status.DRAFT)


def plan_documents(ids):
    plans = _public_plans().select_related("organisation")
    if ids is not None:
        plans = plans.filter(pk__in=ids)
    for plan in plans:
        yield modules.SearchDocument(
            key=f"plans.plan:{plan.pk}", organisation_id=plan.organisation_id, module="plans",
            kind=_("計画"), title=plan.title, body=plan.summary,
            url=reverse("plans:dashboard", args=[plan.organisation.slug, plan.pk]),
            fiscal_year=plan.start_fiscal_year, published_at=_day(plan.adopted_on))


def item_documents(ids):
    items = (ActionItem.objects.filter(plan__in=_public_plans())
             .select_related("plan__organisation", "theme"))
    if ids is not None:
        items = items.filter(pk__in=ids)
    for item in items:
        plan = item.plan
        yield modules.SearchDocument(
            key=f"plans.item:{item.pk}", organisation_id=plan.organisation_id, module="plans",
            kind=_("取組項目"), title=f"{item.code} {item.title}",
            body="\n".join(filter(None, [item.description, item.theme.title, plan.title])),
            url=reverse("plans:item", args=[plan.organisation.slug, plan.pk, item.pk]),
            published_at=_day(plan.adopted_on))


def report_documents(ids):
    reports = (ProgressReport.objects.filter(status=ProgressReport.Status.PUBLISHED)
               .select_related("item__plan__organisation"))
    if ids is not None:
        reports = reports.filter(pk__in=ids)
    for report in reports:
        item, plan = report.item, report.item.plan
        yield modules.SearchDocument(
            key=f"plans.report:{report.pk}", organisation_id=plan.organisation_id,
            module="plans", kind=_("進捗報告"),
            title=_("%(item)s(%(period)s)") % {
                "item": report.title_as_published,
                "period": wareki_fiscal_year(report.fiscal_year) + (
                    "" if report.period == ProgressReport.Period.YEAR
                    else f" {report.get_period_display()}")},
            body="\n".join(filter(None, [report.narrative, report.problems, report.next_steps])),
            url=reverse("plans:item", args=[plan.organisation.slug, plan.pk, item.pk])
            + "#reports-title",
            fiscal_year=report.fiscal_year, published_at=report.published_at)


# Registered when the app's ready() imports this module.
modules.register_search(modules.SearchSource(
    name="plans.plan", model=Plan, documents=plan_documents))
modules.register_search(modules.SearchSource(
    name="plans.item", model=ActionItem, documents=item_documents,
    follows={Plan: lambda plan: plan.items.values_list("pk", flat=True),
             Theme: lambda theme: theme.items.values_list("pk", flat=True)}))
modules.register_search(modules.SearchSource(
    name="plans.report", model=ProgressReport, documents=report_documents,
    follows={ActionItem: lambda item: item.reports.values_list("pk", flat=True)}))
