"""A past published report reads as it was published (issue 14 §1): when a 見直し renames
the item later, the report keeps the item's title of its publication day — on the item page,
in the downloads and in the API."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from kyodo.plans import actions
from kyodo.plans.exports import report_row
from kyodo.plans.models import ProgressReport, Revision

from .builders import make_report, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(item, coordinator):
    report = publish(make_report(item, 2005), coordinator)
    actions.revise_item(coordinator, item, {"title": "出前講座の拡充"}, "environment", "対象を広げるため")
    report.refresh_from_db()
    return report


def test_the_report_keeps_the_title_it_was_published_under(client, item, renamed):
    assert renamed.item_title == "出前講座の充実"
    page = client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()
    assert "公表時の取組項目名: 出前講座の充実" in page
    assert report_row(ProgressReport.objects.select_related("item").get(pk=renamed.pk))["item"] == "出前講座の充実"
    reports = client.get(f"/api/v1/plans/{item.plan_id}/reports").json()
    assert [r["item_title"] for r in reports["items"]] == ["出前講座の充実"]


def test_a_report_published_after_the_rename_carries_the_new_title(client, item, renamed, coordinator):
    later = publish(make_report(item, 2006), coordinator)
    later.refresh_from_db()
    assert later.item_title == "出前講座の拡充"
    page = client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()
    assert page.count("公表時の取組項目名") == 1


def test_reports_published_before_the_field_existed_get_their_title_from_the_revisions(item):
    migration = importlib.import_module("kyodo.plans.migrations.0004_report_item_title_as_published")
    now = timezone.now()
    old = make_report(item, 2005, status="published", published_at=now - datetime.timedelta(days=30))
    new = make_report(item, 2006, status="published", published_at=now)
    Revision.objects.create(item=item, reason_category="other", reason="名称変更",
                            before={"title": "出前講座"}, after={"title": "出前講座の充実"},
                            revised_at=now - datetime.timedelta(days=10))
    migration.titles_as_published(apps, None)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.item_title, new.item_title) == ("出前講座", "出前講座の充実")
