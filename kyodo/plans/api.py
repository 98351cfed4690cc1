"""The plans module's part of /api/v1/: plans, themes, items, indicators and published
progress reports. Only what the public pages show: 素案 plans and unpublished reports never
appear, actuals count only once their report is published, and no person is named."""

from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Id, Pagination, SearchText, moved
from kyodo.core.models import Organisation

from . import queries
from .actions import revision_rows
from .models import ActionItem, Plan, fiscal_year_label
from .progress import summarise_item, summarise_plan

router = Router(tags=["plans"])


class YearValue(Schema):
    fiscal_year: int
    fiscal_year_label: str
    value: Decimal


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    baseline: Decimal | None
    baseline_year: int | None
    higher_is_better: bool
    targets: list[YearValue]
    actuals: list[YearValue]
    achievement_rate: Decimal | None
    achievement_year: int | None


class ItemOut(Schema):
    id: int
    code: str
    theme_number: int
    title: str
    description: str
    departments: list[str]
    status: str
    status_label: str
    progress: Decimal | None
    achievement: Decimal | None
    budget: int
    settlement: int
    url: str


class PlanThemeOut(Schema):
    id: int
    number: int
    title: str
    description: str
    items: int
    progress: Decimal | None
    achievement: Decimal | None


class PlanOut(Schema):
    id: int
    title: str
    organisation: str
    start_fiscal_year: int
    end_fiscal_year: int
    status: str
    status_label: str
    progress: Decimal | None
    items: int
    url: str


class PlanDetailOut(PlanOut):
    summary: str
    achievement: Decimal | None
    themes: list[PlanThemeOut]


class ScheduleOut(Schema):
    fiscal_year: int
    content: str | None
    budget: int | None
    settlement: int | None


class RevisionOut(Schema):
    revised_at: str
    reason_category: str
    reason: str
    changes: list[dict]


class ItemDetailOut(ItemOut):
    indicators: list[IndicatorOut]
    years: list[ScheduleOut]
    revisions: list[RevisionOut]


class ReportOut(Schema):
    id: int
    item_code: str
    item_title: str
    fiscal_year: int
    period: str
    period_label: str
    item_status: str
    progress: int
    narrative: str
    problems: str
    next_steps: str
    published_at: str


def _pairs(values):
    return [YearValue(fiscal_year=y, fiscal_year_label=fiscal_year_label(y), value=v)
            for y, v in sorted(values.items())]


def _indicator(summary):
    indicator = summary.indicator
    return IndicatorOut(
        id=indicator.pk, name=indicator.name, unit=indicator.unit,
        baseline=indicator.baseline, baseline_year=indicator.baseline_year,
        higher_is_better=indicator.higher_is_better,
        targets=_pairs(summary.targets), actuals=_pairs(summary.actuals),
        achievement_rate=summary.rate.value if summary.rate else None,
        achievement_year=summary.fiscal_year if summary.rate else None,
    )


def _item_fields(summary, themes_by_id):
    item = summary.item
    return {
        "id": item.pk, "code": item.code, "theme_number": themes_by_id[item.theme_id],
        "title": item.title, "description": item.description,
        "departments": [d.name for d in item.departments.all()],
        "status": item.status, "status_label": str(item.get_status_display()),
        "progress": summary.progress, "achievement": summary.achievement,
        "budget": summary.budget, "settlement": summary.settlement,
        "url": f"/org/{item.plan.organisation.slug}/plans/{item.plan_id}/items/{item.pk}/",
    }


def _public_plan(plan_id):
    try:
        plan = queries.plan_dashboard(plan_id)
    except Plan.DoesNotExist:
        raise Http404 from None
    if plan.status == Plan.Status.DRAFT:
        raise Http404
    return plan


def _plan_fields(plan, overall):
    return {
        "id": plan.pk, "title": plan.title, "organisation": plan.organisation.slug,
        "start_fiscal_year": plan.start_fiscal_year, "end_fiscal_year": plan.end_fiscal_year,
        "status": plan.status, "status_label": str(plan.get_status_display()),
        "progress": overall.progress, "items": len(overall.items),
        "url": f"/org/{plan.organisation.slug}/plans/{plan.pk}/",
    }


@router.get("/organisations/{slug}/plans", response=list[PlanOut], summary="団体の計画の一覧")
@paginate(Pagination, page_size=100)
def list_plans(request, slug: SearchText):  # bounded, no NUL: PostgreSQL refuses NUL in a query
    organisation = get_object_or_404(Organisation, slug=slug)
    return [PlanOut(**_plan_fields(plan, plan.summary))
            for plan in queries.plans_with_progress(organisation)]


@router.get("/plans/{plan_id}", response=PlanDetailOut, summary="計画(重点項目別の進み具合つき)")
def get_plan(request, plan_id: Id):
    plan = _public_plan(plan_id)
    summary = summarise_plan(plan)
    return PlanDetailOut(
        **_plan_fields(plan, summary.overall), summary=plan.summary,
        achievement=summary.overall.achievement,
        themes=[PlanThemeOut(id=t.pk, number=t.number, title=t.title, description=t.description,
                         items=len(g.items), progress=g.progress, achievement=g.achievement)
                for t, g in summary.themes],
    )


@router.get("/plans/{plan_id}/items", response=list[ItemOut], summary="計画の取組項目")
@paginate(Pagination, page_size=100)
def list_items(request, plan_id: Id):
    plan = _public_plan(plan_id)
    themes = {t.pk: t.number for t in plan.themes.all()}
    return [ItemOut(**_item_fields(s, themes)) for s in summarise_plan(plan).overall.items]


@router.get("/plans/{plan_id}/indicators", response=list[IndicatorOut],
            summary="計画の成果指標(年度別の目標値・公表済みの実績値)")
@paginate(Pagination, page_size=100)
def list_indicators(request, plan_id: Id):
    plan = _public_plan(plan_id)
    return [_indicator(i) for s in summarise_plan(plan).overall.items for i in s.indicators]


@router.get("/plans/items/{item_id}", response=ItemDetailOut, summary="取組項目(成果指標・予算・見直しつき)")
def get_item(request, item_id: Id):
    try:
        item = queries.item_page(item_id)
    except ActionItem.DoesNotExist:
        raise Http404 from None
    if item.plan.status == Plan.Status.DRAFT:
        raise Http404
    summary = summarise_item(item)
    indicators = {i.pk: i for i in item.indicators.all()}
    return ItemDetailOut(
        **_item_fields(summary, {item.theme_id: item.theme.number}),
        indicators=[_indicator(i) for i in summary.indicators],
        years=[ScheduleOut(fiscal_year=y["fiscal_year"], content=y["schedule"],
                           budget=y["budget"].budget if y["budget"] else None,
                           settlement=y["budget"].settlement if y["budget"] else None)
               for y in queries.item_years(item)],
        revisions=[RevisionOut(
            revised_at=r.revised_at.isoformat(), reason_category=str(r.get_reason_category_display()),
            reason=r.reason,
            changes=[{"field": str(label), "before": before, "after": after}
                     for label, before, after in revision_rows(r, indicators)],
        ) for r in item.revisions.all()],
    )


@router.get("/plans/{plan_id}/reports", response=list[ReportOut], summary="公表済みの進捗報告")
@paginate(Pagination, page_size=100)
def list_reports(request, plan_id: Id):
    plan = get_object_or_404(Plan.objects.exclude(status=Plan.Status.DRAFT), pk=plan_id)
    return [ReportOut(
        id=r.pk, item_code=r.item.code, item_title=r.title_as_published, fiscal_year=r.fiscal_year,
        period=r.period, period_label=str(r.get_period_display()), item_status=r.item_status,
        progress=r.progress, narrative=r.narrative, problems=r.problems,
        next_steps=r.next_steps, published_at=r.published_at.isoformat(),
    ) for r in queries.published_reports(plan)]


# The path before issue 18 §6: a permanent redirect for a release (docs/portal.md).
moved(router, "/items/{item_id}", "/plans/items/{item_id}")
