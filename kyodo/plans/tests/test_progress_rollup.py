"""達成率 and 進捗率 and their roll-up from items to themes to the plan (progress.py's rule)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kyodo.core.tests.factories import DepartmentFactory
from kyodo.plans import progress, queries
from kyodo.plans.models import ActionItem, Indicator, IndicatorTarget, ItemBudget, Theme
from kyodo.plans.progress import Grade, achievement_rate

from .builders import actual, make_report, publish


# --- One indicator's rate ---------------------------------------------------------------------

@pytest.mark.parametrize("target, actual_value, higher, expected", [
    (300, 312, True, "104.0"),
    (300, 150, True, "50.0"),
    (3, 1, True, "33.3"),          # rounded half up to 0.1
    (3, 2, True, "66.7"),
    (10, 9, False, "111.1"),       # lower is better: 目標 ÷ 実績
    (10, 20, False, "50.0"),
    (0, 0, True, "100"),           # met exactly
    (0, 0, False, "100"),
    (0, 5, False, "0.0"),          # target 0 complaints, 5 came: nothing achieved
])
def test_achievement_rate(target, actual_value, higher, expected):
    rate = achievement_rate(target, actual_value, higher_is_better=higher)
    assert rate.value == Decimal(expected)
    assert not rate.capped


@pytest.mark.parametrize("target, actual_value, higher", [
    (None, 10, True), (10, None, True), (None, None, False),  # missing data: unrated, not 0
    (0, 5, True),  # a target of 0 where more is better cannot be divided by
    (-5, 3, True), (5, -3, False),  # rates are for values ≥ 0
])
def test_no_rate_without_the_data_for_one(target, actual_value, higher):
    assert achievement_rate(target, actual_value, higher_is_better=higher) is None


def test_rates_are_capped_for_display_and_say_so():
    assert achievement_rate(100, 450) == progress.Rate(Decimal(200), capped=True)
    # lower is better and nothing happened at all (0 complaints against a target of 5)
    assert achievement_rate(5, 0, higher_is_better=False) == progress.Rate(Decimal(200), capped=True)
    assert achievement_rate(100, 200) == progress.Rate(Decimal("200.0"))


@pytest.mark.parametrize("rate, grade", [
    (Decimal("80.0"), Grade.ON_TRACK), (Decimal("150"), Grade.ON_TRACK),
    (Decimal("79.9"), Grade.SLIGHTLY_BEHIND), (Decimal("60"), Grade.SLIGHTLY_BEHIND),
    (Decimal("59.9"), Grade.BEHIND), (Decimal("0"), Grade.BEHIND), (None, Grade.UNRATED),
])
def test_grading_bands(rate, grade):
    assert progress.grade(rate) == grade


def test_grade_labels_are_japanese():
    assert [g.label for g in Grade] == ["順調", "やや遅れ", "遅れ", "未評価"]


# --- Which actual counts ------------------------------------------------------------------------

def test_only_actuals_of_published_reports_count(indicator):
    draft = make_report(indicator.item, 2005)
    actual(indicator, draft, 290)
    summary = progress.summarise_indicator(indicator)
    assert summary.actuals == {} and summary.rate is None
    publish(draft)
    summary = progress.summarise_indicator(indicator)
    assert summary.actuals == {2005: Decimal(290)}
    assert summary.rate.value == Decimal("96.7")


def test_the_most_recently_published_value_for_a_year_holds(indicator):
    annual = make_report(indicator.item, 2005, "year", status="published",
                         published_at=timezone.now() - datetime.timedelta(days=200))
    correction = make_report(indicator.item, 2006, "h1", status="published",
                             published_at=timezone.now())
    actual(indicator, annual, 290)
    actual(indicator, correction, 305, fiscal_year=2005)  # FY2005's settled figure
    assert progress.counted_actuals(indicator) == {2005: Decimal(305)}


def test_without_a_year_the_latest_year_with_target_and_actual_is_rated(indicator):
    r2005 = make_report(indicator.item, 2005, status="published", published_at=timezone.now())
    actual(indicator, r2005, 330)
    r2006 = make_report(indicator.item, 2006, status="published", published_at=timezone.now())
    actual(indicator, r2006, 175)
    latest = progress.summarise_indicator(indicator)
    assert (latest.fiscal_year, latest.rate.value) == (2006, Decimal("50.0"))
    asked = progress.summarise_indicator(indicator, 2005)
    assert (asked.fiscal_year, asked.rate.value) == (2005, Decimal("110.0"))


def test_a_year_without_an_actual_is_unrated_not_zero(indicator):
    summary = progress.summarise_indicator(indicator, 2006)
    assert summary.rate is None and summary.grade == Grade.UNRATED


# --- Items, themes, plan --------------------------------------------------------------------------

def add_item(theme, code, *, status="in_progress", progress_=50, rates=(), budget=None):
    """An item whose indicators reach ``rates`` (% of a target of 100) in FY2005."""
    item = ActionItem.objects.create(theme=theme, code=code, title=f"取組{code}", status=status,
                                     progress=progress_)
    item.departments.set([DepartmentFactory(organisation=theme.plan.organisation)])
    if rates:
        report = make_report(item, 2005, status="published", published_at=timezone.now())
        for n, rate in enumerate(rates):
            indicator = Indicator.objects.create(item=item, name=f"指標{n}", unit="件")
            IndicatorTarget.objects.create(indicator=indicator, fiscal_year=2005, value=100)
            actual(indicator, report, rate)
    if budget:
        ItemBudget.objects.create(item=item, fiscal_year=2005, budget=budget[0],
                                  settlement=budget[1])
    return item


def dashboard(plan, fiscal_year=None):
    return progress.summarise_plan(queries.plan_dashboard(plan.pk), fiscal_year)


def test_item_achievement_is_the_mean_of_its_indicators_each_counted_at_most_100(theme):
    add_item(theme, "1-1", rates=(150, 50))
    [item] = dashboard(theme.plan).overall.items
    assert [s.rate.value for s in item.indicators] == [Decimal("150.0"), Decimal("50.0")]
    assert item.achievement == Decimal("75.0")  # (100 + 50) / 2, not (150 + 50) / 2
    assert item.grade == Grade.SLIGHTLY_BEHIND


def test_item_progress_follows_its_status(theme):
    add_item(theme, "1-1", status="done", progress_=70)
    add_item(theme, "1-2", status="cancelled", progress_=30)
    add_item(theme, "1-3", status="not_started", progress_=0)
    add_item(theme, "1-4", status="under_review", progress_=40)
    items = {s.item.code: s.progress for s in dashboard(theme.plan).overall.items}
    assert items == {"1-1": Decimal(100), "1-2": None, "1-3": Decimal(0), "1-4": Decimal(40)}


def test_plan_is_the_mean_of_all_its_items_not_of_its_themes(plan):
    one = Theme.objects.create(plan=plan, number=1, title="市民サービス")
    two = Theme.objects.create(plan=plan, number=2, title="コミュニケーション")
    add_item(one, "1-1", progress_=100, rates=(100,))
    add_item(two, "2-1", progress_=40, rates=(40,))
    add_item(two, "2-2", progress_=10, rates=(70,))
    add_item(two, "2-3", status="cancelled", progress_=0)  # left out of every mean
    add_item(two, "2-4", progress_=30)  # no indicator: counts for progress, not achievement
    summary = dashboard(plan)
    themes = {theme.number: group for theme, group in summary.themes}
    assert (themes[1].progress, themes[1].achievement) == (Decimal(100), Decimal(100))
    assert (themes[2].progress, themes[2].achievement) == (Decimal("26.7"), Decimal("55.0"))
    assert (themes[2].counted_items, themes[2].rated_items) == (3, 2)
    # (100 + 40 + 10 + 30) / 4 — the mean of the theme means would be 63.3
    assert summary.overall.progress == Decimal(45)
    assert summary.overall.achievement == Decimal(70)  # (100 + 40 + 70) / 3
    assert summary.overall.grade == Grade.SLIGHTLY_BEHIND
    assert summary.overall.status_counts == {"in_progress": 4, "cancelled": 1}


def test_a_plan_without_data_is_unrated(theme):
    add_item(theme, "1-1")
    overall = dashboard(theme.plan).overall
    assert overall.achievement is None and overall.grade == Grade.UNRATED
    assert overall.progress == Decimal(50)


def test_budgets_add_up_and_give_the_execution_rate(theme):
    add_item(theme, "1-1", budget=(10_000_000, 9_000_000))
    add_item(theme, "1-2", budget=(30_000_000, 27_500_000))
    add_item(theme, "1-3")
    overall = dashboard(theme.plan).overall
    assert (overall.budget, overall.settlement) == (40_000_000, 36_500_000)
    assert overall.execution_rate == Decimal("91.3")
    assert dashboard(theme.plan, fiscal_year=2006).overall.execution_rate is None


def test_by_department_counts_an_item_for_each_of_its_departments(theme, sapporo):
    shared = DepartmentFactory(organisation=sapporo, name="情報システム課")
    a = add_item(theme, "1-1", progress_=80)
    b = add_item(theme, "1-2", progress_=20)
    a.departments.add(shared)
    b.departments.add(shared)
    rows = {d.name: g.progress for d, g in dashboard(theme.plan).by_department()}
    assert rows["情報システム課"] == Decimal(50)
    assert len(rows) == 3


@pytest.mark.parametrize("count", [2, 8])
def test_dashboard_roll_up_takes_a_fixed_number_of_queries(theme, count,
                                                          django_assert_num_queries):
    for n in range(count):
        add_item(theme, f"1-{n}", rates=(90, 70), budget=(1000, 900))
    with django_assert_num_queries(9):
        summary = dashboard(theme.plan)
        summary.by_department()
    assert summary.overall.rated_items == count
