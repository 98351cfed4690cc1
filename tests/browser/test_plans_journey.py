"""改革プラン end to end: a department writes and submits a progress report, the coordinator
returns it once, then approves and publishes it, and a visitor sees the new progress on the
dashboard and on the item page — on a phone, without sideways scrolling, with no axe
violations."""

import re

from playwright.sync_api import expect

from kyodo.plans.models import Plan

from .conftest import (
    assert_no_axe_violations, assert_no_horizontal_scroll, log_in, sign_in_directly,
)


def test_report_from_draft_to_the_public_dashboard(page, phone_page, url, plan_item):
    item = plan_item
    # The department writes its report and submits it.
    log_in(page, url(""), "staff@sapporo.example.jp")
    page.goto(url("/org/sapporo/plans/manage/"))
    page.get_by_role("link", name=re.compile("電子申請の対象手続の拡大")).click()
    page.get_by_label("年度").select_option("2006")
    page.get_by_label("報告期間").select_option("year")
    page.get_by_role("button", name="作成する").click()
    expect(page.get_by_test_id("report-status")).to_have_text("作成中")
    page.get_by_label("取組状況").select_option("in_progress")
    page.get_by_label("進捗率(%)").fill("70")
    page.get_by_label("取組の内容・実績").fill("税・福祉の申請を電子化しました。")
    page.get_by_label("電子申請できる手続の数 の実績値(件)").fill("百五十")
    page.get_by_role("button", name="保存して提出する").click()
    expect(page.locator("#id_actual_%d_error" % item.indicators.get().pk)).to_contain_text("数値で入力してください")
    assert_no_axe_violations(page)
    page.get_by_label("電子申請できる手続の数 の実績値(件)").fill("１５０")
    page.get_by_role("button", name="保存して提出する").click()
    expect(page.get_by_test_id("report-status")).to_have_text("提出済")

    # The coordinator returns it once, with a comment.
    page.context.clear_cookies()
    sign_in_directly(page, url(""), "coordinator@sapporo.example.jp")
    page.goto(url("/org/sapporo/plans/manage/"))
    page.get_by_role("link", name=re.compile("4-9 電子申請の対象手続の拡大")).click()
    page.get_by_label("コメント").fill("今後の取組を書いてください。")
    page.get_by_role("button", name="差戻し").click()
    expect(page.get_by_text("進捗報告を差し戻しました。")).to_be_visible()

    # The department corrects and submits again.
    page.context.clear_cookies()
    sign_in_directly(page, url(""), "staff@sapporo.example.jp")
    page.goto(url(f"/org/sapporo/plans/manage/items/{item.pk}/"))
    page.get_by_role("link", name="平成18年度").click()
    expect(page.get_by_role("status").get_by_text("今後の取組を書いてください。")).to_be_visible()
    page.get_by_label("今後の取組").fill("残る手続も来年度に電子化します。")
    page.get_by_role("button", name="保存して提出する").click()
    expect(page.get_by_test_id("report-status")).to_have_text("提出済")

    # The coordinator approves and publishes.
    page.context.clear_cookies()
    sign_in_directly(page, url(""), "coordinator@sapporo.example.jp")
    page.goto(url("/org/sapporo/plans/manage/"))
    page.get_by_role("link", name=re.compile("4-9 電子申請の対象手続の拡大")).click()
    page.get_by_role("button", name="承認").click()
    page.get_by_role("link", name=re.compile("4-9 電子申請の対象手続の拡大")).click()
    page.get_by_role("button", name="公表").click()
    expect(page.get_by_text("進捗報告を公表しました。")).to_be_visible()

    # A visitor on a phone sees the new progress.
    phone_page.goto(url(f"/org/sapporo/plans/{item.plan_id}/"))
    phone_page.get_by_label("重点項目", exact=True).select_option(label="4 業務システムの改革")
    row = phone_page.locator("#plan-items tr", has_text="電子申請の対象手続の拡大")
    expect(row).to_contain_text("70%")
    expect(row).to_contain_text("実施中")
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)
    row.get_by_role("link").click()
    expect(phone_page.get_by_test_id("item-progress")).to_have_text("70%")
    expect(phone_page.get_by_text("目標 200 / 実績 150")).to_be_visible()
    expect(phone_page.get_by_text("残る手続も来年度に電子化します。")).to_be_visible()
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)


def test_dashboard_on_desktop_is_accessible(page, url, demo_world):
    from kyodo.plans import demo

    demo.load(demo_world)
    plan = Plan.objects.get(title="市役所改革プラン")
    page.goto(url(f"/org/sapporo/plans/{plan.pk}/"))
    expect(page.get_by_role("heading", name="市役所改革プラン", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(url(f"/org/sapporo/plans/{plan.pk}/items/{plan.items.first().pk}/"))
    assert_no_axe_violations(page)
