"""A published evaluation reads as it was published (issue 14 §1): when the plan renames an
item later, the evaluation page, its print view, the API and the item page's evaluation
section keep the item's title of the publication day, with today's name in brackets."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from kyodo.councils import actions
from kyodo.councils.models import ActionItem, EvaluationRound, ItemVerdict
from kyodo.plans.models import Revision

pytestmark = pytest.mark.django_db

OLD, NEW = "出前講座の充実", "出前講座の拡充"


@pytest.fixture
def published(council, item, secretariat):
    assert item.title == OLD
    round_ = actions.open_round(secretariat, council, title="平成17年度 実施状況の評価", fiscal_year=2005,
                                items=[item], criteria=["計画の進捗状況"])
    actions.close_round(secretariat, round_)
    actions.publish_round(secretariat, round_)
    return round_


def rename(item, title):
    ActionItem.objects.filter(pk=item.pk).update(title=title)


def test_the_evaluation_keeps_the_title_it_was_published_under(client, published, item):
    rename(item, NEW)
    page = client.get(f"/org/sapporo/councils/evaluations/{published.pk}/").content.decode()
    assert f"{item.code} {OLD}</a>" in page
    assert f"(現在の名称: {NEW})" in page
    printed = client.get(f"/org/sapporo/councils/evaluations/{published.pk}/print/").content.decode()
    assert f"{item.code} {OLD}" in printed and f"(現在の名称: {NEW})" in printed
    api = client.get(f"/api/v1/councils/evaluations/{published.pk}").json()
    assert [(i["item_code"], i["item_title"], i["current_item_title"]) for i in api["items"]] == [
        (item.code, OLD, NEW)]
    item_page = client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()
    assert f"評価時の取組項目名: {item.code} {OLD}(現在の名称: {NEW})" in item_page


def test_an_unchanged_title_is_shown_once_without_brackets(client, published, item):
    page = client.get(f"/org/sapporo/councils/evaluations/{published.pk}/").content.decode()
    assert f"{item.code} {OLD}</a>" in page and "現在の名称" not in page
    api = client.get(f"/api/v1/councils/evaluations/{published.pk}").json()
    assert api["items"][0]["current_item_title"] is None
    item_page = client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()
    assert "評価時の取組項目名" not in item_page


def test_publishing_keeps_the_title_even_for_an_item_without_a_verdict(published, item):
    verdict = ItemVerdict.objects.get(round=published, item=item)
    assert (verdict.item_code, verdict.item_title) == (item.code, OLD)


def test_rounds_published_before_the_field_existed_get_their_title_from_the_revisions(council, item, secretariat):
    migration = importlib.import_module("kyodo.councils.migrations.0005_verdict_item_title_as_published")
    now = timezone.now()
    rounds = []
    for year, published_at in ((2004, now - datetime.timedelta(days=30)), (2005, now)):
        round_ = EvaluationRound.objects.create(council=council, title=f"{year}年度の評価", fiscal_year=year,
                                                status=EvaluationRound.Status.PUBLISHED, published_at=published_at)
        round_.items.set([item])
        rounds.append(round_)
    Revision.objects.create(item=item, reason_category="other", reason="名称変更",
                            before={"title": "出前講座"}, after={"title": OLD},
                            revised_at=now - datetime.timedelta(days=10))
    migration.titles_as_published(apps, None)
    titles = [ItemVerdict.objects.get(round=r, item=item).item_title for r in rounds]
    assert titles == ["出前講座", OLD]
