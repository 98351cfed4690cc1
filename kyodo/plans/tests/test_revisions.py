"""見直し: an item's content, schedule or targets change with a stated reason, and the history
keeps the values before and after."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.plans import actions
from kyodo.plans.models import ItemSchedule, Revision


@pytest.fixture
def scheduled(item):
    ItemSchedule.objects.create(item=item, fiscal_year=2006, content="テーマ集の改訂")
    return item


def test_a_revision_records_before_and_after(scheduled, indicator, coordinator):
    revision = actions.revise_item(
        coordinator, scheduled,
        {"description": "市役所改革をテーマに加える", "schedules": {2006: "受講者アンケートによる改善"},
         "targets": {indicator: {2006: "320"}}},
        "environment", "町内会の高齢化で申込が減ったため、目標を見直す。",
    )
    assert revision.get_reason_category_display() == "環境変化への対応"
    assert revision.actor == coordinator and revision.revised_at is not None
    key = f"target.{indicator.pk}.2006"
    assert revision.before == {"description": "", "schedule.2006": "テーマ集の改訂", key: "350"}
    assert revision.after == {"description": "市役所改革をテーマに加える",
                              "schedule.2006": "受講者アンケートによる改善", key: "320"}
    scheduled.refresh_from_db()
    assert scheduled.description == "市役所改革をテーマに加える"
    assert scheduled.schedules.get().content == "受講者アンケートによる改善"
    assert indicator.targets.get(fiscal_year=2006).value == Decimal(320)


def test_only_what_really_changed_is_recorded(scheduled, indicator, coordinator):
    revision = actions.revise_item(
        coordinator, scheduled,
        {"title": scheduled.title, "schedules": {2006: "テーマ集の改訂", 2005: "講座の新設"},
         "targets": {indicator.pk: {2005: "300", 2006: "400"}}},
        "progress", "前倒しで進んだため。",
    )
    assert revision.before == {"schedule.2005": None, f"target.{indicator.pk}.2006": "350"}
    assert revision.after == {"schedule.2005": "講座の新設", f"target.{indicator.pk}.2006": "400"}


def test_the_history_reads_in_japanese(scheduled, indicator, coordinator):
    first = actions.revise_item(coordinator, scheduled, {"targets": {indicator: {2006: 320}}},
                                "evaluation", "市民会議の評価を受けて。")
    second = actions.revise_item(coordinator, scheduled, {"title": "出前講座の拡充"},
                                 "citizen_voice", "提言を受けて名称を改める。")
    assert list(scheduled.revisions.all()) == [second, first]  # newest first
    rows = actions.revision_rows(first, {indicator.pk: indicator})
    assert [(str(label), before, after) for label, before, after in rows] == [
        ("出前講座の開催回数 の目標値(平成18年度（2006年度）)", "350", "320"),
    ]
    rows = actions.revision_rows(second)
    assert [(str(label), before, after) for label, before, after in rows] == [
        ("取組項目名", "出前講座の充実", "出前講座の拡充"),
    ]


@pytest.mark.parametrize("category, reason, message", [
    ("environment", "  ", "見直しの理由を入力してください。"),
    ("", "理由", "見直しの理由の区分を選んでください。"),
    ("whim", "理由", "見直しの理由の区分を選んでください。"),
])
def test_a_reason_is_mandatory(scheduled, coordinator, category, reason, message):
    with pytest.raises(ValidationError) as refused:
        actions.revise_item(coordinator, scheduled, {"description": "新しい内容"}, category, reason)
    assert refused.value.messages == [message]
    assert not Revision.objects.exists()
    scheduled.refresh_from_db()
    assert scheduled.description == ""


def test_no_change_is_no_revision(scheduled, coordinator):
    with pytest.raises(ValidationError) as refused:
        actions.revise_item(coordinator, scheduled, {"schedules": {2006: "テーマ集の改訂"}},
                            "other", "念のため")
    assert refused.value.messages == ["変更内容がありません。変更前と同じ内容では見直しとして記録できません。"]


def test_revised_targets_and_schedules_stay_within_the_plan(scheduled, indicator, coordinator):
    with pytest.raises(ValidationError) as refused:
        actions.revise_item(coordinator, scheduled,
                            {"schedules": {2008: "延長"}, "targets": {indicator: {2007: 400}}},
                            "environment", "延長するため")
    assert refused.value.messages == [
        "平成20年度（2008年度）はこの計画の期間(平成17年度〜平成18年度)の外です。計画期間内の年度を指定してください。",
        "平成19年度（2007年度）はこの計画の期間(平成17年度〜平成18年度)の外です。計画期間内の年度を指定してください。",
    ]
    assert not Revision.objects.exists()


def test_fields_that_are_not_revisable(scheduled, coordinator):
    with pytest.raises(ValidationError, match="見直しで変更できない項目です: progress"):
        actions.revise_item(coordinator, scheduled, {"progress": 100}, "other", "理由")


def test_departments_do_not_revise_their_own_items(scheduled, staff):
    with pytest.raises(PermissionDenied, match="取組項目の見直しは主管課または団体管理者が行います"):
        actions.revise_item(staff, scheduled, {"description": "x"}, "other", "理由")
