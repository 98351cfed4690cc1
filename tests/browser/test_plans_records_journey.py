"""改革プラン records a municipality can stand behind (issue 14), end to end:

- a 上半期 report and then a 年度末 report for the same 年度: the public item page shows the
  year-end figure as the 年度 actual and the half-year figure beside it, each report with its
  own value; the coordinator corrects the year-end figure and the page says when and why;
- an Excel import into the adopted plan shows the revision it would make, asks for the
  reason, and the change appears as a revision on the public item page;

on a phone (390 px) and a desktop (1280 px), without sideways scrolling, axe clean.
"""

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect


from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

STAFF = "staff@sapporo.example.jp"
COORDINATOR = "coordinator@sapporo.example.jp"


def as_user(page, url, email):
    page.context.clear_cookies()
    sign_in_directly(page, url(""), email)


def looks_right(page):
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def report_and_publish(page, url, item, period, value, progress):
    """The department writes and submits the report; the coordinator approves and publishes."""
    as_user(page, url, STAFF)
    page.goto(url(f"/org/sapporo/plans/manage/items/{item.pk}/"))
    page.get_by_label("年度").select_option("2006")
    page.get_by_label("報告期間").select_option(period)
    page.get_by_role("button", name="作成する").click()
    page.get_by_label("進捗率(%)").fill(str(progress))
    page.get_by_label("電子申請できる手続の数 の実績値(件)").fill(str(value))
    page.get_by_role("button", name="保存して提出する").click()
    expect(page.get_by_test_id("report-status")).to_have_text("提出済")
    as_user(page, url, COORDINATOR)
    page.goto(url("/org/sapporo/plans/manage/"))
    looks_right(page)
    page.get_by_role("link", name=re.compile("4-9 電子申請の対象手続の拡大")).click()
    page.get_by_role("button", name="承認").click()
    page.get_by_role("link", name=re.compile("4-9 電子申請の対象手続の拡大")).click()
    page.get_by_role("button", name="公表").click()
    expect(page.get_by_text("進捗報告を公表しました。")).to_be_visible()


def test_half_year_then_year_end_report_and_a_correction(page, phone_page, url, plan_item):
    item = plan_item
    report_and_publish(page, url, item, "h1", 80, 40)
    report_and_publish(page, url, item, "year", 190, 95)

    item_url = url(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/")
    for viewer in (phone_page, page):
        viewer.goto(item_url)
        expect(viewer.get_by_text("目標 200 / 実績 190 (上半期実績 80)")).to_be_visible()
        expect(viewer.get_by_test_id("report-2006-h1")).to_contain_text("80 件")
        expect(viewer.get_by_test_id("report-2006-year")).to_contain_text("190 件")
        expect(viewer.get_by_test_id("item-progress")).to_have_text("95%")
        looks_right(viewer)

    # The coordinator corrects the year-end figure from the staff report screen.
    page.goto(url("/org/sapporo/plans/manage/"))
    page.goto(url(f"/org/sapporo/plans/manage/items/{item.pk}/"))
    page.get_by_role("link", name=re.compile("平成18年度$")).click()
    looks_right(page)
    page.get_by_role("link", name="訂正する").click()
    page.get_by_label(re.compile("電子申請できる手続の数 の実績値")).fill("195")
    page.get_by_label("訂正・取下げの理由").fill("集計漏れの2区分を加えました。")
    looks_right(page)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("進捗報告を訂正しました。")).to_be_visible()

    phone_page.goto(item_url)
    expect(phone_page.get_by_text("目標 200 / 実績 195 (上半期実績 80)")).to_be_visible()
    year_end = phone_page.get_by_test_id("report-2006-year")
    expect(year_end).to_contain_text("集計漏れの2区分を加えました。")
    year_end.get_by_text("訂正前の内容を見る").click()
    expect(year_end.locator("del")).to_have_text("190")
    looks_right(phone_page)


def test_an_import_into_the_adopted_plan_appears_as_a_revision(page, phone_page, url, plan_item):
    item = plan_item
    as_user(page, url, COORDINATOR)
    page.goto(url(f"/org/sapporo/plans/manage/{item.plan_id}/import/"))
    looks_right(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="ひな形(Excel)をダウンロード").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = book["取組項目"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "4-9")
    row[2].value = "電子申請・電子納付の拡大"
    buffer = io.BytesIO()
    book.save(buffer)
    page.get_by_label("Excelファイル(.xlsx)").set_input_files(
        files=[{"name": "plan.xlsx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}])
    page.get_by_role("button", name="取り込む").click()

    expect(page.get_by_role("heading", name="取り込みによる見直しの確認")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("4-9"))).to_be_visible()
    expect(page.get_by_text("電子申請・電子納付の拡大")).to_be_visible()
    looks_right(page)
    page.get_by_label("見直しの理由(区分)").select_option("citizen_voice")
    page.get_by_role("textbox", name=re.compile("^見直しの理由")).fill("市民会議の提言を受け、電子納付も対象にします。")
    page.get_by_role("button", name="見直しとして記録して取り込む").click()
    expect(page.get_by_text("1件の取組項目の見直しを記録しました。")).to_be_visible()

    for viewer in (phone_page, page):
        viewer.goto(url(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/"))
        revisions = viewer.locator("section", has=viewer.get_by_role("heading", name="見直しの記録"))
        expect(revisions).to_contain_text("市民会議の提言を受け、電子納付も対象にします。")
        expect(revisions).to_contain_text("電子申請の対象手続の拡大")
        expect(revisions).to_contain_text("電子申請・電子納付の拡大")
        looks_right(viewer)


def test_staff_screens_on_a_phone(phone_page, url, plan_item):
    """The tables become cards; the department picker shows the tree with its search."""
    item = plan_item
    as_user(phone_page, url, COORDINATOR)
    for path in ("/org/sapporo/plans/manage/",
                 f"/org/sapporo/plans/manage/{item.plan_id}/",
                 f"/org/sapporo/plans/manage/{item.plan_id}/reporting/",
                 f"/org/sapporo/plans/manage/{item.plan_id}/items/new/",
                 f"/org/sapporo/plans/manage/items/{item.pk}/revise/"):
        phone_page.goto(url(path))
        looks_right(phone_page)
    phone_page.goto(url(f"/org/sapporo/plans/manage/{item.plan_id}/items/new/"))
    phone_page.get_by_label("部署名で絞り込む").fill("情報システム")
    expect(phone_page.get_by_label(re.compile("総務局 › 情報化推進部 › 情報システム課"))).to_be_visible()
