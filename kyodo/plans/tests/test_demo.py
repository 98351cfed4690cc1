"""The demo: 札幌市's 市役所改革プラン and サービスアップ行動計画, loaded twice without duplicates."""

import pytest
from django.core.management import call_command

from kyodo.plans import progress, queries
from kyodo.plans.models import (
    ActionItem, Indicator, IndicatorActual, IndicatorTarget, ItemBudget, ItemSchedule, Plan,
    PlanDocument, ProgressReport, ReportTransition, Revision, Theme,
)

MODELS = [Plan, PlanDocument, Theme, ActionItem, ItemSchedule, ItemBudget, Indicator,
          IndicatorTarget, IndicatorActual, ProgressReport, ReportTransition, Revision]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", quiet_users=True)
        first = {m.__name__: m.objects.count() for m in MODELS}
        call_command("load_demo", quiet_users=True)
        yield first
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def kaikaku(demo, db):
    return Plan.objects.get(organisation__slug="sapporo", title="市役所改革プラン")


def test_loading_twice_changes_nothing(demo, db):
    assert {m.__name__: m.objects.count() for m in MODELS} == demo


def test_reports_and_figures_carry_their_years_dates_not_the_load_day(demo, db):
    """The staff screens show a report's 「更新」: a 平成17年度 report was last touched in 2006."""
    reports = list(ProgressReport.objects.filter(transitions__isnull=False).distinct())
    assert reports
    for report in reports:
        assert report.updated_at.year == report.fiscal_year + 1, report
    for actual in IndicatorActual.objects.exclude(report=None).select_related("report"):
        assert actual.recorded_at.year == actual.report.fiscal_year + 1


def test_the_plan_of_the_seed(kaikaku):
    assert (kaikaku.start_fiscal_year, kaikaku.end_fiscal_year) == (2005, 2006)
    assert kaikaku.adopted_on.year == 2004 and kaikaku.adopted_on.month == 12
    assert kaikaku.coordinating_department.name == "市政推進室"
    assert [t.title for t in kaikaku.themes.all()] == [
        "市民サービスの改革", "コミュニケーションの改革", "市役所経営資源の改革", "業務システムの改革",
    ]
    assert kaikaku.items.count() >= 20
    departments = {d.name for item in kaikaku.items.all() for d in item.departments.all()}
    assert {"市政推進室", "広報課", "職員課", "財政課", "情報システム課"} <= departments
    assert all(item.departments.exists() for item in kaikaku.items.all())


def test_two_fiscal_years_of_published_reports(kaikaku):
    published = ProgressReport.objects.filter(item__plan=kaikaku, status="published")
    assert set(published.values_list("fiscal_year", flat=True)) == {2005, 2006}
    assert published.filter(fiscal_year=2005).count() == kaikaku.items.count()
    report = published.filter(fiscal_year=2005).first()
    assert [t.to_status for t in report.transitions.all()][-1] == "published"
    assert report.published_at.year == 2006


def test_some_reports_are_still_on_their_way(kaikaku):
    missing = queries.departments_not_reported(kaikaku, 2006, "year")
    assert {row.department.name for row in missing} >= {"職員課", "市民活動促進課"}
    assert queries.reports_awaiting_review(kaikaku).exists()


def test_a_few_revisions_with_reasons(kaikaku):
    revisions = Revision.objects.filter(item__plan=kaikaku)
    assert revisions.count() >= 3
    assert revisions.filter(reason_category="environment").exists()
    assert all(r.before and r.after and r.reason for r in revisions)


def test_the_dashboard_rolls_up(kaikaku):
    summary = progress.summarise_plan(queries.plan_dashboard(kaikaku.pk))
    assert summary.overall.rated_items == kaikaku.items.count()
    assert 0 < summary.overall.progress < 100
    grades = {s.grade for s in summary.overall.items}
    assert {progress.Grade.ON_TRACK, progress.Grade.BEHIND} <= grades


def test_the_service_up_action_plan(demo, db):
    plan = Plan.objects.get(title="サービスアップ行動計画")
    assert plan.items.count() >= 5
    assert ProgressReport.objects.filter(item__plan=plan, status="published").exists()
