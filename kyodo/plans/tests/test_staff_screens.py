"""The staff screens: a department writes and submits its report, the coordinator returns,
approves and publishes it, follows who has not reported, edits the plan and revises items.
Bad input is refused next to the field and nothing is half-saved."""

import pytest

from kyodo.core.tests.factories import UserFactory, grant
from kyodo.plans.models import ActionItem, Indicator, ProgressReport, Revision

from .builders import make_report

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/plans/manage/"


def report_form(**overrides):
    data = {"item_status": "in_progress", "progress": "60", "narrative": "全区で開催しました。",
            "problems": "", "next_steps": "平日夜の回を増やします。"}
    data.update(overrides)
    return data


def test_department_staff_sees_own_items_and_starts_a_report(client, item, staff):
    client.force_login(staff)
    page = client.get(BASE).content.decode()
    assert "担当の取組項目" in page and "出前講座の充実" in page
    response = client.post(f"{BASE}items/{item.pk}/", {"fiscal_year": "2005", "period": "year"})
    report = ProgressReport.objects.get(item=item)
    assert response.status_code == 302 and response["Location"] == f"{BASE}reports/{report.pk}/"
    assert report.status == "draft" and report.created_by == staff


def test_a_second_report_for_the_same_period_is_refused(client, item, staff, report):
    client.force_login(staff)
    page = client.post(f"{BASE}items/{item.pk}/", {"fiscal_year": "2005", "period": "year"}).content.decode()
    assert "同じ年度・期間の進捗報告がすでにあります" in page
    assert ProgressReport.objects.count() == 1


def test_staff_saves_and_submits_with_actuals(client, report, indicator, staff):
    client.force_login(staff)
    response = client.post(f"{BASE}reports/{report.pk}/",
                           report_form(**{f"actual_{indicator.pk}": "２８０", "submit": "1"}))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.progress == 60
    assert report.actuals.get().value == 280
    assert report.transitions.get().actor == staff


def test_actual_that_is_not_a_number_is_refused_and_nothing_is_saved(client, report, indicator, staff):
    client.force_login(staff)
    page = client.post(f"{BASE}reports/{report.pk}/",
                       report_form(**{f"actual_{indicator.pk}": "約三百", "submit": "1"})).content.decode()
    assert f'id="id_actual_{indicator.pk}_error"' in page
    assert "数値で入力してください" in page
    report.refresh_from_db()
    assert report.status == "draft" and report.narrative == "" and not report.actuals.exists()


def test_progress_over_100_is_refused_next_to_the_field(client, report, staff):
    client.force_login(staff)
    page = client.post(f"{BASE}reports/{report.pk}/", report_form(progress="120")).content.decode()
    assert 'id="id_progress_error"' in page and "0から100" in page


def test_staff_of_another_department_cannot_report_on_the_item(client, item, report, other_staff):
    client.force_login(other_staff)
    assert client.post(f"{BASE}items/{item.pk}/", {"fiscal_year": "2006", "period": "year"}).status_code == 403
    assert client.post(f"{BASE}reports/{report.pk}/", report_form()).status_code == 403
    report.refresh_from_db()
    assert report.narrative == ""


def test_coordinator_returns_with_a_comment_then_approves_and_publishes(client, report, staff, coordinator):
    report.status = "submitted"
    report.save()
    client.force_login(coordinator)
    assert "確認待ちの進捗報告" in client.get(BASE).content.decode()
    step = f"{BASE}reports/{report.pk}/step/"
    response = client.post(step, {"step": "return", "comment": ""}, follow=True)
    assert "差戻しの理由をコメントに入力してください。" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"
    client.post(step, {"step": "return", "comment": "実績値の根拠を書いてください。"})
    report.refresh_from_db()
    assert report.status == "returned"
    client.force_login(staff)
    page = client.get(f"{BASE}reports/{report.pk}/").content.decode()
    assert "主管課から差し戻されました" in page and "実績値の根拠を書いてください。" in page
    client.post(f"{BASE}reports/{report.pk}/", report_form(submit="1"))
    client.force_login(coordinator)
    client.post(step, {"step": "approve"})
    client.post(step, {"step": "publish"})
    report.refresh_from_db()
    assert report.status == "published" and report.published_at is not None
    assert [t.to_status for t in report.transitions.all()] == [
        "returned", "submitted", "approved", "published"]
    assert ActionItem.objects.get(pk=report.item_id).progress == 60


def test_publishing_an_unapproved_report_is_refused(client, report, coordinator):
    report.status = "submitted"
    report.save()
    client.force_login(coordinator)
    response = client.post(f"{BASE}reports/{report.pk}/step/", {"step": "publish"}, follow=True)
    assert "承認されていない進捗報告は公表できません" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"


def test_department_staff_cannot_approve(client, report, staff):
    report.status = "submitted"
    report.save()
    client.force_login(staff)
    assert client.post(f"{BASE}reports/{report.pk}/step/", {"step": "approve"}).status_code == 403


def test_reporting_status_lists_departments_that_have_not_reported(client, plan, item, coordinator, sapporo):
    from kyodo.core.tests.factories import DepartmentFactory

    zaisei = DepartmentFactory(organisation=sapporo, name="財政課")
    other = ActionItem.objects.create(theme=item.theme, code="1-2", title="予算編成の公開")
    other.departments.set([zaisei])
    make_report(item, 2005, status="submitted")
    client.force_login(coordinator)
    page = client.get(f"{BASE}{plan.pk}/reporting/?fiscal_year=2005&period=year").content.decode()
    missing = page[page.index("まだ報告していない担当課"):page.index("担当課ごとの状況")]
    assert "財政課" in missing and "予算編成の公開" in missing and "広報課" not in missing


def test_revise_requires_a_reason_and_records_before_after(client, item, indicator, coordinator):
    client.force_login(coordinator)
    url = f"{BASE}items/{item.pk}/revise/"
    form = {"title": item.title, "description": "", "schedule_2005": "", "schedule_2006": "",
            f"target_{indicator.pk}_2005": "300", f"target_{indicator.pk}_2006": "400",
            "departments": [d.pk for d in item.departments.all()],
            "theme": item.theme_id, "code": item.code, "sort_order": 0,
            f"indicator_{indicator.pk}_unit": "回", f"indicator_{indicator.pk}_baseline": "260",
            "reason_category": "environment", "reason": ""}
    page = client.post(url, form).content.decode()
    assert 'id="id_reason_error"' in page
    assert not Revision.objects.exists()
    form["reason"] = "申込が増えたため"
    assert client.post(url, form).status_code == 302
    revision = Revision.objects.get()
    assert revision.before == {f"target.{indicator.pk}.2006": "350"}
    assert revision.after == {f"target.{indicator.pk}.2006": "400"}


def test_target_outside_the_plan_is_refused_on_import_free_forms(client, item, coordinator):
    """The indicator form offers only the plan's years; a target typed as text is refused."""
    client.force_login(coordinator)
    page = client.post(f"{BASE}items/{item.pk}/indicators/new/", {
        "name": "満足度", "unit": "%", "higher_is_better": "on", "sort_order": "0",
        "target_2005": "八割", "target_2006": "85",
    }).content.decode()
    assert 'id="id_target_2005_error"' in page
    assert not Indicator.objects.filter(name="満足度").exists()


def test_coordinator_builds_a_plan_on_screens(client, sapporo, coordinator, sapporo_department):
    client.force_login(coordinator)
    response = client.post(f"{BASE}new/", {
        "title": "行政評価推進計画", "summary": "", "start_fiscal_year": "2007",
        "end_fiscal_year": "2009", "status": "draft", "reporting_period": "year", "sort_order": "0",
    })
    assert response.status_code == 302
    from kyodo.plans.models import Plan

    plan = Plan.objects.get(title="行政評価推進計画")
    client.post(f"{BASE}{plan.pk}/themes/new/", {"number": "1", "title": "評価の仕組み", "description": ""})
    theme = plan.themes.get()
    client.post(f"{BASE}{plan.pk}/items/new/", {
        "theme": theme.pk, "code": "1-1", "title": "事務事業評価の公開", "description": "",
        "departments": [sapporo_department.pk], "sort_order": "0"})
    item = plan.items.get()
    assert list(item.departments.all()) == [sapporo_department]
    response = client.post(f"{BASE}items/{item.pk}/years/", {
        "schedule_2007": "試行", "budget_2007": "1,000,000", "settlement_2007": "",
        "schedule_2008": "", "budget_2008": "", "settlement_2008": "",
        "schedule_2009": "", "budget_2009": "", "settlement_2009": ""})
    assert response.status_code == 302
    assert item.budgets.get().budget == 1_000_000
    assert item.schedules.get().content == "試行"
    page = client.post(f"{BASE}{plan.pk}/edit/", {
        "title": "行政評価推進計画", "summary": "", "start_fiscal_year": "2010",
        "end_fiscal_year": "2009", "status": "draft", "reporting_period": "year", "sort_order": "0",
    }).content.decode()
    assert "終了年度は開始年度以降にしてください。" in page


@pytest.mark.parametrize("role, home, coordinator_screen", [
    (None, 302, 302),  # a visitor is sent to log in
    ("registered", 403, 403),
    ("department_staff", 200, 403),
    ("reception_desk", 200, 403),
    ("coordinator", 200, 200),
    ("org_admin", 200, 200),
    ("council_member", 403, 403),
    ("partner_member", 403, 403),
    ("reviewer", 403, 403),
])
def test_who_may_open_the_staff_screens(client, plan, sapporo, sapporo_department, role, home,
                                        coordinator_screen):
    if role is not None:
        user = UserFactory()
        if role != "registered":
            needs_department = role in {"department_staff", "reception_desk", "coordinator"}
            grant(user, role, sapporo, sapporo_department if needs_department else None)
        client.force_login(user)
    assert client.get(BASE).status_code == home
    assert client.get(f"{BASE}{plan.pk}/reporting/").status_code == coordinator_screen
    assert client.get(f"{BASE}{plan.pk}/").status_code == coordinator_screen


def test_the_plan_form_and_the_dashboard_filter_tell_two_somuka_apart(client, sapporo, plan, theme,
                                                                       coordinator):
    """主管課 is picked from the tree, and the public dashboard's 担当課 filter names each
    department by its path: 総務局 › 総務課 and 財政局 › 総務課 are not two identical 「総務課」."""
    from kyodo.core.tests.factories import DepartmentFactory
    from kyodo.plans.models import ActionItem

    somuka = [DepartmentFactory(organisation=sapporo, name="総務課",
                                parent=DepartmentFactory(organisation=sapporo, name=top, kind="bureau"))
              for top in ("総務局", "財政局")]
    client.force_login(coordinator)
    form = client.get(f"{BASE}{plan.pk}/edit/").content.decode()
    assert "data-department-picker" in form and 'type="radio" name="coordinating_department"' in form
    assert "総務局 › 総務課" in form and "財政局 › 総務課" in form
    item = ActionItem.objects.create(theme=theme, code="1-9", title="文書管理")
    item.departments.set(somuka)
    client.logout()
    dashboard = client.get(f"/org/sapporo/plans/{plan.pk}/").content.decode()
    assert "総務局 › 総務課" in dashboard and "財政局 › 総務課" in dashboard
