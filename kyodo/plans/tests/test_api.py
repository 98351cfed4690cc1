"""/api/v1/ for plans: plans, themes, items, indicators and published reports; drafts and
unpublished values never appear."""

import pytest

from kyodo.plans.models import Plan

from .builders import actual, make_report, publish

pytestmark = pytest.mark.django_db


def test_plan_list_and_detail_with_theme_figures(client, item, indicator):
    actual(indicator, publish(make_report(item, 2005, progress=40)), 270)
    plans = client.get("/api/v1/organisations/sapporo/plans").json()["items"]
    assert [(p["title"], p["progress"], p["items"]) for p in plans] == [("市役所改革プラン", "40.0", 1)]
    detail = client.get(f"/api/v1/plans/{item.plan_id}").json()
    assert detail["achievement"] == "90.0"
    assert [(t["number"], t["title"], t["progress"]) for t in detail["themes"]] == [
        (1, "市民サービスの改革", "40.0")]


def test_items_and_indicators(client, item, indicator):
    actual(indicator, publish(make_report(item, 2005, progress=40)), 270)
    items = client.get(f"/api/v1/plans/{item.plan_id}/items").json()
    assert items["count"] == 1
    assert items["items"][0] | {"url": None} == {
        "id": item.pk, "code": "1-1", "theme_number": 1, "title": "出前講座の充実",
        "description": "", "departments": ["広報課"], "status": "in_progress",
        "status_label": "実施中", "progress": "40", "achievement": "90.0", "budget": 0,
        "settlement": 0, "url": None,
    }
    indicators = client.get(f"/api/v1/plans/{item.plan_id}/indicators").json()["items"]
    assert [(t["fiscal_year"], t["value"]) for t in indicators[0]["targets"]] == [
        (2005, "300.000"), (2006, "350.000")]
    assert [(a["fiscal_year"], a["value"]) for a in indicators[0]["actuals"]] == [(2005, "270.000")]


def test_unpublished_actuals_and_reports_stay_out(client, item, indicator, staff):
    draft = make_report(item, 2006)
    draft.narrative = "作成中の報告"
    draft.created_by = staff
    draft.save()
    actual(indicator, draft, 999)
    text = str(client.get(f"/api/v1/plans/items/{item.pk}").json())
    assert "999" not in text
    reports = client.get(f"/api/v1/plans/{item.plan_id}/reports").json()
    assert reports["count"] == 0
    publish(draft)
    reports = str(client.get(f"/api/v1/plans/{item.plan_id}/reports").json())
    assert "作成中の報告" in reports and staff.email not in reports and "@" not in reports


def test_draft_plans_are_not_in_the_api(client, plan, item):
    plan.status = Plan.Status.DRAFT
    plan.save()
    assert client.get("/api/v1/organisations/sapporo/plans").json()["items"] == []
    for path in (f"/api/v1/plans/{plan.pk}", f"/api/v1/plans/{plan.pk}/items",
                 f"/api/v1/plans/{plan.pk}/reports", f"/api/v1/plans/items/{item.pk}"):
        assert client.get(path).status_code == 404, path


def test_item_detail_has_revisions(client, item, indicator, coordinator):
    from kyodo.plans import actions

    actions.revise_item(coordinator, item, {"targets": {indicator.pk: {2006: 400}}}, "environment",
                        "申込の増加")
    data = client.get(f"/api/v1/plans/items/{item.pk}").json()
    assert data["revisions"][0]["reason"] == "申込の増加"
    assert data["revisions"][0]["changes"][0]["before"] == "350"
    assert data["revisions"][0]["changes"][0]["after"] == "400"
    assert "coordinator" not in str(data)


def test_openapi_document_lists_the_plans_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/v1/organisations/{slug}/plans", "/api/v1/plans/{plan_id}",
                 "/api/v1/plans/{plan_id}/items", "/api/v1/plans/{plan_id}/indicators",
                 "/api/v1/plans/items/{item_id}", "/api/v1/plans/{plan_id}/reports"):
        assert path in paths
