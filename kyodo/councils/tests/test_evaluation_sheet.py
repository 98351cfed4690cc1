"""The evaluation sheet a member fills in (issue 14 §8): the save status and the round's deadline
in one line that stays in view, and beside each item's ratings what the member needs to judge
it — its published progress reports and its indicators (target, year-end actual, 達成率, a
half-year figure shown as such), read from the plans module."""

import datetime

import pytest
from django.utils import timezone

from kyodo.councils import actions
from kyodo.councils.models import DEFAULT_CRITERIA
from kyodo.plans.tests.builders import actual, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(council, item, secretariat):
    return actions.open_round(secretariat, council, title="平成17年度 実施状況の評価", fiscal_year=2005,
                              items=[item], criteria=[str(c) for c in DEFAULT_CRITERIA],
                              deadline=timezone.localdate() + datetime.timedelta(days=5))


def sheet_page(client, member, round_):
    client.force_login(member.user)
    return client.get(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/").content.decode()


def test_the_sheet_keeps_its_save_status_and_the_deadline_in_one_line(client, round_, item, member_a):
    page = sheet_page(client, member_a, round_)
    assert 'class="sheet-status"' in page and "まだ保存していません" in page
    assert "締切" in page and "あと5日" in page
    actions.save_ratings(member_a.user, round_, {(item.pk, round_.criteria.first().pk): (3, "")})
    page = sheet_page(client, member_a, round_)
    assert "保存しました " in page and "まだ保存していません" not in page
    assert 'data-unsaved="保存していない変更があります"' in page  # what the script shows while typing


def test_beside_the_ratings_the_item_shows_its_reports_and_indicators(client, round_, item, indicator, member_a):
    interim = make_report(item, 2005, "h1", "published", progress=40,
                          published_at=timezone.now() - datetime.timedelta(days=200))
    interim.narrative = "上半期は120回開催した。"
    interim.save()
    actual(indicator, interim, 120)
    year_end = make_report(item, 2005, "year", "published", progress=80,
                           published_at=timezone.now() - datetime.timedelta(days=30))
    year_end.narrative = "年間で270回開催し、受講者が増えた。"
    year_end.save()
    actual(indicator, year_end, 270)
    make_report(item, 2006, "year", "draft").save()  # not published: never shown
    page = sheet_page(client, member_a, round_)
    assert "出前講座の開催回数" in page
    assert "目標 300回" in page and "実績(年度) 270回" in page and "達成率 90%" in page
    assert "上半期 120回" in page  # the half-year figure, as such
    assert "年間で270回開催し、受講者が増えた。" in page and "上半期は120回開催した。" in page
    assert "平成18年度" not in page.split("sheet-context", 1)[1]


def test_the_proxy_entry_page_shows_the_same_context(client, round_, item, indicator, secretariat, council):
    from .conftest import make_member

    member = make_member(council, "佐藤 花子")
    client.force_login(secretariat)
    page = client.get(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/members/{member.pk}/sheet/"
                      ).content.decode()
    assert "出前講座の開催回数" in page and "公表された進捗報告はまだありません。" in page
