"""The public plan dashboard: overall, per theme and per department figures, status counts,
filters (also as an HTMX fragment), 素案 plans hidden from visitors, a query count that does
not grow with the plan, the item list a page at a time, and the shared part of the page
(core/fragments.py): few queries when warm, never stale, never showing a draft to others."""

import pytest

from kyodo.core.tests.factories import DepartmentFactory
from kyodo.plans.models import ActionItem, Indicator, IndicatorTarget, Plan, Theme
from kyodo.plans.views import ITEMS_PER_PAGE

from .builders import actual, make_report, publish

pytestmark = pytest.mark.django_db


def url(plan, query=""):
    return f"/org/{plan.organisation.slug}/plans/{plan.pk}/{query}"


def test_visitor_sees_published_progress_and_achievement(client, item, indicator):
    report = publish(make_report(item, 2005, progress=40))
    actual(indicator, report, 270)  # 270 / 300 = 90 %
    page = client.get(url(item.plan)).content.decode()
    assert 'data-testid="overall-progress">40%<' in page
    assert 'data-testid="overall-achievement">90%<' in page
    assert "順調" in page
    assert "平成17年度〜平成18年度" in page  # the plan's span in 和暦
    assert "市民サービスの改革" in page and "出前講座の充実" in page


def test_draft_report_does_not_move_the_public_figures(client, item, indicator):
    draft = make_report(item, 2005, progress=90)
    actual(indicator, draft, 300)
    page = client.get(url(item.plan)).content.decode()
    assert 'data-testid="overall-progress">0%<' in page
    assert 'data-testid="overall-achievement">—<' in page  # 未評価, never 0 %


def test_status_counts_and_department_table(client, plan, theme, sapporo, sapporo_department):
    other = DepartmentFactory(organisation=sapporo, name="財政課")
    for code, status, department in [("1-1", "done", sapporo_department),
                                      ("1-2", "in_progress", other),
                                      ("1-3", "in_progress", other)]:
        item = ActionItem.objects.create(theme=theme, code=code, title=f"取組{code}", status=status)
        item.departments.set([department])
    page = client.get(url(plan)).content.decode()
    assert "2件" in page and "1件" in page
    assert page.index("広報課") < page.index("財政課")  # department table lists both


def test_filters_narrow_the_item_list(client, plan, theme, sapporo_department):
    second = Theme.objects.create(plan=plan, number=2, title="コミュニケーションの改革")
    for code, status, th in [("1-1", "done", theme), ("2-1", "in_progress", second)]:
        item = ActionItem.objects.create(theme=th, code=code, title=f"取組{code}", status=status)
        item.departments.set([sapporo_department])
    page = client.get(url(plan, f"?theme={second.pk}")).content.decode()
    assert "取組2-1" in page and "取組1-1" not in page
    page = client.get(url(plan, "?status=done")).content.decode()
    assert "取組1-1" in page and "取組2-1" not in page
    page = client.get(url(plan, f"?department={sapporo_department.pk}&status=cancelled")).content.decode()
    assert "条件に合う取組項目はありません。" in page


def test_fiscal_year_filter_rates_that_year(client, item, indicator):
    first = publish(make_report(item, 2005, progress=40))
    actual(indicator, first, 150)  # 50 % of 300
    second = publish(make_report(item, 2006, progress=80))
    actual(indicator, second, 350)  # 100 % of 350
    assert 'data-testid="overall-achievement">100%<' in client.get(url(item.plan)).content.decode()
    page = client.get(url(item.plan, "?fiscal_year=2005")).content.decode()
    assert 'data-testid="overall-achievement">50%<' in page
    assert "(平成17年度)" in page


def test_a_bad_filter_value_is_ignored_not_an_error(client, item):
    response = client.get(url(item.plan, "?fiscal_year=1999&theme=abc"))
    assert response.status_code == 200
    assert "出前講座の充実" in response.content.decode()


def test_htmx_filter_request_gets_only_the_item_list(client, item):
    response = client.get(url(item.plan, "?status=not_started"), HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="plan-items")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="plan-items"')
    assert "<html" not in body and "出前講座の充実" in body


def test_draft_plan_is_hidden_from_visitors_and_shown_to_staff(client, plan, item, staff):
    plan.status = Plan.Status.DRAFT
    plan.save()
    assert client.get(url(plan)).status_code == 404
    assert "市役所改革プラン" not in client.get("/org/sapporo/plans/").content.decode()
    client.force_login(staff)
    assert client.get(url(plan)).status_code == 200


def test_plan_of_another_organisation_is_not_found_under_this_one(client, plan, hokkaido):
    assert client.get(f"/org/{hokkaido.slug}/plans/{plan.pk}/").status_code == 404


def test_index_lists_plans_with_their_progress(client, item):
    publish(make_report(item, 2005, progress=60))
    page = client.get("/org/sapporo/plans/").content.decode()
    assert "市役所改革プラン" in page and "60%" in page


def test_organisation_home_links_to_the_plans(client, plan):
    page = client.get("/org/sapporo/").content.decode()
    assert 'href="/org/sapporo/plans/"' in page


def build_plan(organisation, departments, size):
    """A plan of ``size`` items over 4 themes, each with an indicator, targets, a budget and
    a published report with an actual."""
    plan = Plan.objects.create(organisation=organisation, title=f"計画{size}",
                               start_fiscal_year=2005, end_fiscal_year=2006,
                               status=Plan.Status.ADOPTED)
    themes = [Theme.objects.create(plan=plan, number=n, title=f"重点{n}") for n in range(1, 5)]
    items = ActionItem.objects.bulk_create(
        ActionItem(plan=plan, theme=themes[n % 4], code=f"{n % 4 + 1}-{n}", title=f"取組{n}",
                   status="in_progress", progress=n % 100)
        for n in range(size)
    )
    through = ActionItem.departments.through
    through.objects.bulk_create(through(actionitem=i, department=departments[n % len(departments)])
                                for n, i in enumerate(items))
    indicators = Indicator.objects.bulk_create(
        Indicator(item=i, name="指標", unit="件") for i in items)
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=ind, fiscal_year=year, value=100)
        for ind in indicators for year in (2005, 2006))
    for i, ind in list(zip(items, indicators))[:: max(1, size // 10)]:
        actual(ind, publish(make_report(i, 2005, progress=50)), 80)
    return plan, items


@pytest.mark.parametrize("size", [20, 400])
def test_dashboard_and_item_page_query_count_does_not_grow(client, sapporo, size,
                                                           django_assert_max_num_queries):
    departments = [DepartmentFactory(organisation=sapporo, name=f"課{n}") for n in range(6)]
    plan, items = build_plan(sapporo, departments, size)
    with django_assert_max_num_queries(12):
        response = client.get(url(plan, "?fiscal_year=2005&status=in_progress"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{size}件の取組項目" in page
    assert page.count('class="status status--in_progress"') == min(size, ITEMS_PER_PAGE)
    with django_assert_max_num_queries(16):  # 14, and the corrections of reports and of actuals
        assert client.get(f"{url(plan)}items/{items[0].pk}/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/org/sapporo/plans/").status_code == 200


def test_every_item_is_reachable_page_by_page(client, sapporo):
    """Item 5 of issue 19: the list shows a page of items at a time, so the dashboard of a
    large plan renders as much as a small one's; the pages keep the filters and reach all."""
    plan, items = build_plan(sapporo, [DepartmentFactory(organisation=sapporo)],
                             2 * ITEMS_PER_PAGE + 5)
    seen = ""
    for number in (1, 2, 3):
        page = client.get(url(plan, f"?status=in_progress&page={number}")).content.decode()
        assert page.count('class="status status--in_progress"') <= ITEMS_PER_PAGE
        seen += page
    assert 'href="?status=in_progress&amp;page=2"' in seen and "3 / 3 ページ" in seen
    for item in items:
        assert f'href="{url(plan)}items/{item.pk}/"' in seen, item.code


def signed_in(client, user=None):
    from kyodo.core.tests.factories import UserFactory

    user = user or UserFactory()
    client.force_login(user)
    return user


def test_a_warm_signed_in_dashboard_runs_only_the_per_person_queries(client, sapporo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan, _items = build_plan(sapporo, [DepartmentFactory(organisation=sapporo)], 30)
    signed_in(client)
    client.get(url(plan))  # renders the shared part once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(plan)).status_code == 200
    # the session, the user, their roles, the organisation and the plan (for the permission)
    assert len(queries) <= 5, [q["sql"] for q in queries]


def test_a_published_report_is_on_the_dashboard_at_once_for_a_signed_in_visitor(
        client, item, indicator):
    signed_in(client)
    assert 'data-testid="overall-progress">0%' in client.get(url(item.plan)).content.decode()
    actual(indicator, publish(make_report(item, 2005, progress=40)), 270)
    page = client.get(url(item.plan)).content.decode()
    assert 'data-testid="overall-progress">40%' in page
    assert 'data-testid="overall-achievement">90%' in page


def test_a_draft_plan_seen_by_staff_stays_hidden_from_others(client, plan, item, staff):
    from django.test import Client

    plan.status = Plan.Status.DRAFT
    plan.save()
    signed_in(client, staff)
    assert client.get(url(plan)).status_code == 200
    assert "市役所改革プラン" in client.get("/org/sapporo/plans/").content.decode()
    resident = Client()
    signed_in(resident)
    for visitor in (resident, Client()):
        assert visitor.get(url(plan)).status_code == 404
        assert "市役所改革プラン" not in visitor.get("/org/sapporo/plans/").content.decode()
    assert "市役所改革プラン" in client.get("/org/sapporo/plans/").content.decode()
