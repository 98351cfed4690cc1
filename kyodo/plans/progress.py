"""達成率 (achievement) and 進捗率 (progress), and how they roll up: item → theme → plan.

The rule, as pages, exports and the API show it (DOMAIN-NOTES §5):

1. **Achievement rate of an indicator for a fiscal year** (達成率 = 実績値 ÷ 目標値 × 100).
   For an indicator where lower is better (待ち時間, 苦情件数) the inverse, 目標値 ÷ 実績値 × 100.
   - No target or no counted actual for that year: no rate (未評価), never 0.
   - Rates are defined for values ≥ 0; a negative target or actual gives no rate.
   - A zero divisor: target 0 and actual 0 is 100 % (met exactly); higher-is-better with a
     target of 0 gives no rate (算定不能); lower-is-better with an actual of 0 (target > 0)
     is beyond any rate and is shown at the cap.
   - Rounded half up to 0.1 %, and capped at ``RATE_CAP`` (200 %) so one runaway value
     cannot break a table or a chart; ``capped`` says when that happened (「200%以上」).
   - An actual counts only once its progress report is published.
   - **Period-true figures**: an actual stands for its report's period (上半期, 第1四半期…, 年度),
     unless the report states another year's value, which is that year's settled figure. The
     年度 figure — the one rated — is a year-end value (a 年度 report, or the 下半期/第4四半期
     report of a plan that reports by halves or quarters); among several, the longest period
     holds, then the most recently published. A half-year or quarter figure never replaces it:
     it is kept and shown as what it is (``interim_actuals``), and nothing is overwritten —
     each report keeps its own values.
   - Without a year asked for, an indicator is rated on the latest fiscal year that has both
     a target and a counted actual.
2. **Achievement of an item**: the mean of its indicators' rates, each counted at most 100 %
   (over-achieving one indicator must not hide the shortfall of another). No rated
   indicator → no achievement.
3. **Progress of an item** (進捗率): 完了 counts 100 %; 中止 is left out of every roll-up;
   otherwise the item's progress, which the latest published report sets (``workflow``).
4. **Theme and plan**: the plain mean over their items — every promise weighs the same. A
   plan's figure is the mean over all its items, not the mean of its themes' means, so a
   theme with two items does not weigh as much as one with ten. We chose this over weighting
   by budget because many reform items (意識改革, 情報公開) cost almost nothing and would
   vanish from a budget-weighted figure. Achievement is averaged over the items that have
   one; ``rated_items`` tells how many that was.
5. **Grades** (名古屋港's bands): 順調 ≥ 80 %, やや遅れ ≥ 60 %, 遅れ < 60 %, 未評価 without data.

Everything here reads prefetched relations only (``item.indicators.all()``, ``targets``,
``actuals``, ``budgets``; see ``queries.py``), so a page's query count does not grow with
the number of items.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import PERIOD_ORDER, ActionItem, Period, ProgressReport

RATE_CAP = Decimal(200)
AGGREGATE_CAP = Decimal(100)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


class Grade(models.TextChoices):
    ON_TRACK = "on_track", _("順調")
    SLIGHTLY_BEHIND = "slightly_behind", _("やや遅れ")
    BEHIND = "behind", _("遅れ")
    UNRATED = "unrated", _("未評価")


GRADE_BANDS = ((Decimal(80), Grade.ON_TRACK), (Decimal(60), Grade.SLIGHTLY_BEHIND))


def grade(rate):
    if rate is None:
        return Grade.UNRATED
    for floor, band in GRADE_BANDS:
        if rate >= floor:
            return band
    return Grade.BEHIND


def _round(value):
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    value: Decimal  # rounded, at most RATE_CAP
    capped: bool = False

    @property
    def for_aggregate(self):
        return min(self.value, AGGREGATE_CAP)

    @property
    def grade(self):
        return grade(self.value)


def achievement_rate(target, actual, *, higher_is_better=True):
    """The 達成率 of one value against its target (rule 1), or None."""
    if target is None or actual is None:
        return None
    target, actual = Decimal(target), Decimal(actual)
    if target < 0 or actual < 0:
        return None
    numerator, divisor = (actual, target) if higher_is_better else (target, actual)
    if divisor == 0:
        if numerator == 0:
            return Rate(HUNDRED)
        return None if higher_is_better else Rate(RATE_CAP, capped=True)
    raw = numerator / divisor * HUNDRED
    if raw > RATE_CAP:
        return Rate(RATE_CAP, capped=True)
    return Rate(_round(raw))


def _actual_is_counted(actual):
    status = getattr(actual, "report_status", None)
    if status is None:
        status = actual.report.status
    return status == ProgressReport.Status.PUBLISHED


def _published_at(actual):
    at = getattr(actual, "report_published_at", None)
    return at if at is not None else actual.report.published_at


#: Periods whose report states the year's figure: they end with the fiscal year.
YEAR_END_PERIODS = frozenset({Period.YEAR, Period.SECOND_HALF, Period.Q4})


def actual_period(actual):
    """The period an actual's value stands for (rule 1, period-true figures)."""
    period = getattr(actual, "report_period", None)
    if period is None:
        period, report_year = actual.report.period, actual.report.fiscal_year
    else:
        report_year = actual.report_fiscal_year
    return period if actual.fiscal_year == report_year else Period.YEAR


def _latest_by_year(indicator, year_end):
    """{fiscal_year: (period, actual)}: per year, the published actual of the longest period
    (then the most recently published), among year-end or interim ones."""
    chosen = {}
    for actual in indicator.actuals.all():
        if not _actual_is_counted(actual):
            continue
        period = actual_period(actual)
        if (period in YEAR_END_PERIODS) is not year_end:
            continue
        key = (PERIOD_ORDER[period], _published_at(actual), actual.pk)
        held = chosen.get(actual.fiscal_year)
        if held is None or key > held[0]:
            chosen[actual.fiscal_year] = (key, period, actual)
    return {year: (period, actual) for year, (_key, period, actual) in chosen.items()}


def counted_actuals(indicator):
    """{fiscal_year: value} of the indicator's 年度 figures, the ones rated (rule 1)."""
    return {year: a.value for year, (_period, a) in _latest_by_year(indicator, True).items()}


def interim_actuals(indicator):
    """{fiscal_year: (period, value)}: the latest published half-year or quarter figure of
    each year, shown beside the 年度 figure, never in its place (rule 1)."""
    return {year: (period, a.value)
            for year, (period, a) in _latest_by_year(indicator, False).items()}


@dataclass
class IndicatorSummary:
    indicator: object
    targets: dict  # {fiscal_year: Decimal}
    actuals: dict  # {fiscal_year: Decimal}, counted 年度 figures only
    fiscal_year: int | None  # the year rated
    rate: Rate | None
    interim: dict = field(default_factory=dict)  # {fiscal_year: (period, Decimal)}

    @property
    def grade(self):
        return grade(self.rate.value if self.rate else None)


def summarise_indicator(indicator, fiscal_year=None):
    targets = {t.fiscal_year: t.value for t in indicator.targets.all()}
    actuals = counted_actuals(indicator)
    if fiscal_year is None:
        both = sorted(set(targets) & set(actuals))
        year = both[-1] if both else None
    else:
        year = fiscal_year
    rate = None
    if year is not None:
        rate = achievement_rate(targets.get(year), actuals.get(year),
                                higher_is_better=indicator.higher_is_better)
    return IndicatorSummary(indicator, targets, actuals, year, rate, interim_actuals(indicator))


def mean(values):
    values = list(values)
    if not values:
        return None
    return _round(sum(values, Decimal(0)) / len(values))


def item_progress(item):
    """Rule 3: None for a cancelled item (left out), 100 for a finished one."""
    if item.status == ActionItem.Status.CANCELLED:
        return None
    if item.status == ActionItem.Status.DONE:
        return HUNDRED
    return Decimal(item.progress)


@dataclass
class ItemSummary:
    item: object
    progress: Decimal | None
    indicators: list
    achievement: Decimal | None
    budget: int
    settlement: int

    @property
    def grade(self):
        return grade(self.achievement)


def summarise_item(item, fiscal_year=None):
    indicators = [summarise_indicator(i, fiscal_year) for i in item.indicators.all()]
    rated = [s.rate.for_aggregate for s in indicators if s.rate is not None]
    budgets = [b for b in item.budgets.all() if fiscal_year is None or b.fiscal_year == fiscal_year]
    return ItemSummary(
        item=item,
        progress=item_progress(item),
        indicators=indicators,
        achievement=mean(rated),
        budget=sum(b.budget or 0 for b in budgets),
        settlement=sum(b.settlement or 0 for b in budgets),
    )


@dataclass
class GroupSummary:
    """The roll-up of a theme, a department's items, or a whole plan."""

    items: list = field(default_factory=list)  # ItemSummary
    progress: Decimal | None = None
    achievement: Decimal | None = None
    counted_items: int = 0  # items in the progress mean (all but 中止)
    rated_items: int = 0  # items with an achievement
    status_counts: Counter = field(default_factory=Counter)
    budget: int = 0
    settlement: int = 0

    @property
    def grade(self):
        return grade(self.achievement)

    @property
    def execution_rate(self):
        """執行率 = 決算 ÷ 予算 × 100."""
        if not self.budget:
            return None
        return _round(Decimal(self.settlement) / Decimal(self.budget) * HUNDRED)


def roll_up(item_summaries):
    """Rule 4 over any set of items."""
    summaries = list(item_summaries)
    progresses = [s.progress for s in summaries if s.progress is not None]
    achievements = [s.achievement for s in summaries if s.achievement is not None]
    return GroupSummary(
        items=summaries,
        progress=mean(progresses),
        achievement=mean(achievements),
        counted_items=len(progresses),
        rated_items=len(achievements),
        status_counts=Counter(s.item.status for s in summaries),
        budget=sum(s.budget for s in summaries),
        settlement=sum(s.settlement for s in summaries),
    )


@dataclass
class PlanSummary:
    plan: object
    overall: GroupSummary
    themes: list  # [(theme, GroupSummary)]

    def by_department(self):
        """[(department, GroupSummary)] — an item with two departments counts for both."""
        groups, departments = {}, {}
        for summary in self.overall.items:
            for department in summary.item.departments.all():
                departments[department.pk] = department
                groups.setdefault(department.pk, []).append(summary)
        ordered = sorted(departments.values(), key=lambda d: (d.sort_order, d.pk))
        return [(d, roll_up(groups[d.pk])) for d in ordered]


def summarise_plan(plan, fiscal_year=None):
    """The plan's roll-up: overall and per theme. Expects ``queries.plan_dashboard`` data."""
    by_theme = []
    everything = []
    for theme in plan.themes.all():
        items = [summarise_item(item, fiscal_year) for item in theme.items.all()]
        everything.extend(items)
        by_theme.append((theme, roll_up(items)))
    return PlanSummary(plan=plan, overall=roll_up(everything), themes=by_theme)
