"""訂正・取下げ of published progress reports (issue 14 §3): the coordinator corrects a
report's text and figures or withdraws it, with a reason; the public item page says when and
why and keeps the earlier values readable; a withdrawn report's figures no longer count."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.core.corrections import Correction
from kyodo.plans import actions
from kyodo.plans.models import ProgressReport
from kyodo.plans.progress import summarise_item
from kyodo.plans.queries import item_page

from .builders import actual, make_report, publish

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/plans/manage/"


@pytest.fixture
def published(item, indicator, coordinator):
    report = make_report(item, 2005, progress=40)
    actual(indicator, report, 120)
    return publish(report, coordinator)


def public_page(client, item):
    return client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()


def test_a_correction_changes_the_figures_and_keeps_the_earlier_ones(client, item, indicator,
                                                                    published, coordinator):
    held = published.actuals.get()
    actions.correct_report(coordinator, published, reason="実績値の集計に誤りがありました。",
                           changes={"progress": 60}, actuals={held.pk: "２７０"})
    published.refresh_from_db()
    held.refresh_from_db()
    item.refresh_from_db()
    assert (published.progress, held.value, item.progress) == (60, Decimal(270), 60)
    assert summarise_item(item_page(item.pk)).indicators[0].actuals == {2005: Decimal(270)}
    assert Correction.objects.filter(kind="corrected").count() == 2
    page = public_page(client, item)
    assert "訂正しました" in page and "実績値の集計に誤りがありました。" in page
    assert "<del>120</del>" in page and "<del>40</del>" in page  # the earlier values stay readable


def test_a_withdrawn_report_stays_public_but_no_longer_counts(client, item, indicator, published,
                                                              coordinator, staff):
    before = summarise_item(item_page(item.pk))
    assert before.indicators[0].actuals == {2005: Decimal(120)} and before.achievement is not None
    actions.withdraw_report(coordinator, published, reason="別の取組項目の報告を誤って公表しました。")
    published.refresh_from_db()
    item.refresh_from_db()
    assert published.status == ProgressReport.Status.WITHDRAWN
    after = summarise_item(item_page(item.pk))
    assert after.indicators[0].actuals == {} and after.achievement is None
    assert (item.status, item.progress) == ("not_started", 0)  # no published report is left
    assert published.transitions.last().to_status == "withdrawn"
    page = public_page(client, item)
    assert "取り下げました" in page and "別の取組項目の報告を誤って公表しました。" in page
    # The department may report the period anew.
    actions.create_report(staff, item, fiscal_year=2005)


def test_withdrawal_falls_back_to_the_previous_published_report(item, coordinator):
    first = publish(make_report(item, 2005, progress=30), coordinator)
    second = publish(make_report(item, 2006, progress=70), coordinator)
    item.refresh_from_db()
    assert item.progress == 70
    actions.withdraw_report(coordinator, second, reason="年度を誤って報告しました。")
    item.refresh_from_db()
    assert item.progress == first.progress == 30


def test_only_the_coordinator_corrects_and_only_published_reports(item, published, staff,
                                                                  coordinator):
    with pytest.raises(PermissionDenied):
        actions.correct_report(staff, published, reason="理由", changes={"progress": 90})
    with pytest.raises(PermissionDenied):
        actions.withdraw_report(staff, published, reason="理由")
    draft = make_report(item, 2006)
    with pytest.raises(ValidationError, match="公表済の進捗報告だけを訂正できます"):
        actions.correct_report(coordinator, draft, reason="理由", changes={"progress": 90})
    with pytest.raises(ValidationError, match="理由を入力してください"):
        actions.withdraw_report(coordinator, published, reason="  ")
    with pytest.raises(ValidationError, match="変わっていません"):
        actions.correct_report(coordinator, published, reason="理由", changes={"progress": 40})
    assert not Correction.objects.exists()


def test_the_coordinator_corrects_from_the_staff_report_screen(client, item, published, coordinator):
    client.force_login(coordinator)
    page = client.get(f"{BASE}reports/{published.pk}/").content.decode()
    assert "訂正する" in page and "取り下げる" in page
    held = published.actuals.get()
    form = {"item_status": "in_progress", "progress": "40", "narrative": "全区で開催しました。",
            "problems": "", "next_steps": "", f"actual_{held.pk}": "150", "reason": ""}
    refused = client.post(f"{BASE}reports/{published.pk}/correct/", form)
    assert refused.status_code == 200 and 'id="id_reason_error"' in refused.content.decode()
    form["reason"] = "開催回数の転記誤り"
    done = client.post(f"{BASE}reports/{published.pk}/correct/", form)
    assert done.status_code == 302
    held.refresh_from_db()
    assert held.value == 150
    assert "開催回数の転記誤り" in public_page(client, item)


def test_the_coordinator_withdraws_from_the_staff_report_screen(client, item, published, coordinator,
                                                                staff):
    client.force_login(staff)
    assert "取り下げる" not in client.get(f"{BASE}reports/{published.pk}/").content.decode()
    assert client.post(f"{BASE}reports/{published.pk}/withdraw/", {"reason": "誤り"}).status_code == 403
    client.force_login(coordinator)
    client.post(f"{BASE}reports/{published.pk}/withdraw/", {"reason": ""})
    published.refresh_from_db()
    assert published.status == "published"  # no reason, no withdrawal
    client.post(f"{BASE}reports/{published.pk}/withdraw/", {"reason": "誤って公表しました。"})
    published.refresh_from_db()
    assert published.status == "withdrawn"
