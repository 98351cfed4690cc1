"""The public page of one action item: its indicators (target vs actual), schedule and
budget, the timeline of published reports, and the revisions with before and after."""

import datetime

import pytest
from django.utils import timezone

from kyodo.plans import actions
from kyodo.plans.models import ItemBudget, ItemSchedule

from .builders import actual, make_report, publish

pytestmark = pytest.mark.django_db


def url(item):
    return f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/"


def test_item_page_shows_indicator_targets_actuals_and_rate(client, item, indicator):
    report = publish(make_report(item, 2005, progress=40))
    actual(indicator, report, 270)
    page = client.get(url(item)).content.decode()
    assert "出前講座の開催回数" in page
    assert "目標 300 / 実績 270" in page
    assert "90%(平成17年度)" in page
    assert "基準値" in page and "260" in page


def test_only_published_reports_are_in_the_timeline(client, item):
    publish(make_report(item, 2005, progress=40))
    draft = make_report(item, 2006, progress=70)
    draft.narrative = "まだ公表していない内容"
    draft.save()
    page = client.get(url(item)).content.decode()
    assert "平成17年度" in page and "公表" in page
    assert "まだ公表していない内容" not in page


def test_schedule_and_budget_per_year(client, item):
    ItemSchedule.objects.create(item=item, fiscal_year=2005, content="全区で開催")
    ItemBudget.objects.create(item=item, fiscal_year=2005, budget=1_200_000, settlement=1_150_000)
    page = client.get(url(item)).content.decode()
    assert "全区で開催" in page and "1,200,000円" in page and "1,150,000円" in page


def test_revision_history_shows_before_and_after_with_reason(client, item, indicator, coordinator):
    actions.revise_item(coordinator, item, {"title": "出前講座の拡充", "targets": {indicator.pk: {2006: 400}}},
                        "environment", "申込が増えたため目標を引き上げます。",
                        at=timezone.make_aware(datetime.datetime(2006, 4, 1, 10)))
    page = client.get(url(item)).content.decode()
    assert "見直しの記録" in page and "平成18年4月1日" in page and "環境変化への対応" in page
    assert "申込が増えたため目標を引き上げます。" in page
    assert "出前講座の充実" in page and "出前講座の拡充" in page
    assert "出前講座の開催回数 の目標値(平成18年度（2006年度）)" in page
    assert "350" in page and "400" in page


def test_staff_links_only_for_those_who_may_use_them(client, item, staff, coordinator):
    assert "進捗報告を書く" not in client.get(url(item)).content.decode()
    client.force_login(staff)
    page = client.get(url(item)).content.decode()
    assert "進捗報告を書く" in page and "見直しを記録する" not in page
    client.force_login(coordinator)
    assert "見直しを記録する" in client.get(url(item)).content.decode()


def test_item_of_another_plan_is_not_found(client, item, sapporo):
    from kyodo.plans.models import Plan

    other = Plan.objects.create(organisation=sapporo, title="別の計画", start_fiscal_year=2005,
                                end_fiscal_year=2006, status="adopted")
    assert client.get(f"/org/sapporo/plans/{other.pk}/items/{item.pk}/").status_code == 404


# --- The shared part of the page (core/fragments.py, issue 19) --------------------------------

def signed_in(client, user=None):
    from kyodo.core.tests.factories import UserFactory

    user = user or UserFactory()
    client.force_login(user)
    return user


def test_staff_links_stay_their_own_whoever_saw_the_page_first(client, item, staff):
    from django.test import Client

    signed_in(client, staff)
    assert "進捗報告を書く" in client.get(url(item)).content.decode()  # staff first
    resident = Client()
    signed_in(resident)
    for visitor in (resident, Client()):
        page = visitor.get(url(item)).content.decode()
        assert "出前講座の充実" in page and "進捗報告を書く" not in page
    assert "進捗報告を書く" in client.get(url(item)).content.decode()  # after a resident


def test_a_warm_signed_in_item_page_runs_only_the_per_person_queries(client, item, indicator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actual(indicator, publish(make_report(item, 2005, progress=40)), 270)
    signed_in(client)
    client.get(url(item))  # renders the shared parts once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(item)).status_code == 200
    # the session, the user, their roles, the organisation, the item with its plan, and
    # whether the person follows the item
    assert len(queries) <= 6, [q["sql"] for q in queries]


def test_a_published_report_is_on_the_item_page_at_once_for_a_signed_in_visitor(
        client, item, indicator):
    signed_in(client)
    assert "公表された進捗報告はまだありません" in client.get(url(item)).content.decode()
    report = publish(make_report(item, 2005, progress=40))
    actual(indicator, report, 270)
    page = client.get(url(item)).content.decode()
    assert "公表された進捗報告はまだありません" not in page
    assert "目標 300 / 実績 270" in page
