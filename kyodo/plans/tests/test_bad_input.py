"""Bad input is refused with a clear Japanese message, and nothing is written."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.plans import actions
from kyodo.plans.models import (
    ActionItem, Indicator, IndicatorActual, IndicatorTarget, ItemBudget, ProgressReport,
)

from .builders import make_report

OUTSIDE = "平成20年度（2008年度）はこの計画の期間(平成17年度〜平成18年度)の外です。計画期間内の年度を指定してください。"


def messages(excinfo):
    return excinfo.value.messages


# --- Actuals ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["abc", "三百", "12..5", "1e", "NaN", "Infinity", True])
def test_actuals_that_are_not_numbers(raw, report, indicator, staff):
    with pytest.raises(ValidationError) as refused:
        actions.record_actuals(staff, report, {indicator: raw})
    [message] = messages(refused)
    assert message.startswith("「出前講座の開催回数 の実績値」")
    assert "数値で入力してください" in message
    assert not IndicatorActual.objects.exists()


@pytest.mark.parametrize("raw, value", [
    ("312", 312), ("１２，３４５", 12345), (" 1,234.5 ", Decimal("1234.5")), (98.6, Decimal("98.6")),
    (Decimal("0.125"), Decimal("0.125")),
])
def test_actuals_as_people_type_them(raw, value, report, indicator, staff):
    actions.record_actuals(staff, report, {indicator: raw})
    assert IndicatorActual.objects.get().value == value


def test_every_problem_is_reported_at_once_and_nothing_is_written(report, indicator, staff, item):
    second = Indicator.objects.create(item=item, name="受講者数", unit="人")
    other_item = ActionItem.objects.create(theme=item.theme, code="1-9", title="別の取組")
    foreign = Indicator.objects.create(item=other_item, name="別の指標", unit="件")
    with pytest.raises(ValidationError) as refused:
        actions.record_actuals(staff, report, {indicator: "300", second: "たくさん", foreign: 5})
    assert messages(refused) == [
        "「受講者数 の実績値」に「たくさん」とありますが、数値で入力してください(例: 12.5)。",
        f"この進捗報告の取組項目の成果指標ではありません(指標ID {foreign.pk})。",
    ]
    assert not IndicatorActual.objects.exists()


def test_actuals_for_a_year_outside_the_plan(report, indicator, staff):
    with pytest.raises(ValidationError) as refused:
        actions.record_actuals(staff, report, {indicator: 300}, fiscal_year=2008)
    assert messages(refused) == [OUTSIDE]


def test_an_empty_value_clears_the_reports_actual(report, indicator, staff):
    actions.record_actuals(staff, report, {indicator: 300})
    actions.record_actuals(staff, report, {indicator.pk: ""})
    assert not IndicatorActual.objects.exists()


def test_actuals_of_a_submitted_report_cannot_change(item, indicator, staff):
    report = make_report(item, status=ProgressReport.Status.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        actions.record_actuals(staff, report, {indicator: 300})
    assert messages(refused) == [
        "提出済の進捗報告は変更できません。変更が必要なときは主管課に差戻しを依頼してください。"
    ]


def test_actuals_by_someone_else_than_the_department(report, indicator, other_staff):
    with pytest.raises(PermissionDenied, match="担当課の職員ではない"):
        actions.record_actuals(other_staff, report, {indicator: 300})


# --- Targets -----------------------------------------------------------------------------------------

def test_targets_outside_the_plan_are_refused(indicator, coordinator):
    with pytest.raises(ValidationError) as refused:
        actions.set_targets(coordinator, indicator, {2006: 400, 2008: 500})
    assert messages(refused) == [OUTSIDE]
    assert IndicatorTarget.objects.get(indicator=indicator, fiscal_year=2006).value == 350


def test_targets_that_are_not_numbers(indicator, coordinator):
    with pytest.raises(ValidationError) as refused:
        actions.set_targets(coordinator, indicator, {2006: "未定", "来年": 5})
    assert messages(refused) == [
        "「出前講座の開催回数 の目標値(平成18年度（2006年度）)」に「未定」とありますが、数値で入力してください(例: 12.5)。",
        "年度「来年」は西暦の年(例: 2005)で指定してください。",
    ]


def test_targets_are_set_and_cleared(indicator, coordinator):
    indicator.item.plan.status = "draft"  # an adopted plan's targets change by a 見直し
    indicator.item.plan.save()
    actions.set_targets(coordinator, indicator, {2005: "３２０", 2006: ""})
    assert dict(indicator.targets.values_list("fiscal_year", "value")) == {2005: 320}


def test_targets_are_for_the_coordinator(indicator, staff):
    with pytest.raises(PermissionDenied, match="目標値の設定は主管課"):
        actions.set_targets(staff, indicator, {2005: 1})


# --- Reports ----------------------------------------------------------------------------------------

def test_a_report_for_an_item_the_user_does_not_keep(item, other_staff):
    with pytest.raises(PermissionDenied) as refused:
        actions.create_report(other_staff, item, fiscal_year=2005)
    assert str(refused.value) == "この取組項目の担当課の職員ではないため、進捗報告を作成・提出できません。"
    assert not ProgressReport.objects.exists()


def test_a_report_for_a_year_outside_the_plan(item, staff):
    with pytest.raises(ValidationError) as refused:
        actions.create_report(staff, item, fiscal_year=2008)
    assert messages(refused) == [OUTSIDE]


def test_one_report_per_item_and_period(item, staff):
    actions.create_report(staff, item, fiscal_year=2005, period="h1")
    actions.create_report(staff, item, fiscal_year=2005, period="h2")
    with pytest.raises(ValidationError) as refused:
        actions.create_report(staff, item, fiscal_year=2005, period="h1")
    assert messages(refused) == ["この取組項目には同じ年度・期間の進捗報告がすでにあります。"]


def test_progress_above_100_is_refused(item, staff):
    with pytest.raises(ValidationError) as refused:
        actions.create_report(staff, item, fiscal_year=2005, progress=120)
    assert "100" in messages(refused)[0]


def test_a_published_report_cannot_be_edited(item, staff):
    report = make_report(item, status=ProgressReport.Status.PUBLISHED)
    with pytest.raises(ValidationError, match="公表済の進捗報告は変更できません"):
        actions.update_report(staff, report, narrative="書き換え")


# --- Budgets and plan structure -------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["-100", "12.5", "百万円"])
def test_budgets_are_whole_yen(raw, item, coordinator):
    with pytest.raises(ValidationError) as refused:
        actions.set_budget(coordinator, item, 2005, budget=raw)
    assert any("予算額" in m for m in messages(refused))
    assert not ItemBudget.objects.exists()


def test_budgets_as_people_type_them(item, coordinator):
    actions.set_budget(coordinator, item, 2005, budget="1,234,000", settlement="１２０００００")
    assert ItemBudget.objects.values_list("budget", "settlement").get() == (1_234_000, 1_200_000)


def test_budget_for_a_year_outside_the_plan(item, coordinator):
    with pytest.raises(ValidationError) as refused:
        actions.set_budget(coordinator, item, 2008, budget=100)
    assert messages(refused) == [OUTSIDE]


def test_departments_of_another_organisation_are_refused(item, coordinator, hokkaido_department):
    with pytest.raises(ValidationError) as refused:
        actions.save_item(coordinator, item, departments=[hokkaido_department])
    assert messages(refused) == ["担当課は計画と同じ団体の部署から選んでください。"]


def test_a_plan_must_end_after_it_starts(plan, coordinator):
    plan.end_fiscal_year = 2004
    with pytest.raises(ValidationError) as refused:
        actions.save_plan(coordinator, plan)
    assert "終了年度は開始年度以降にしてください。" in messages(refused)
