"""出前講座 end to end: a resident applies on a phone and gets a receipt number; the reception
desk receives and routes it; the department decides a date; the resident sees 決定 on the
status page; the lecture is held, reported, and counted in the public statistics."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from kyodo.lectures.models import Request

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly


def slot(days_ahead, hour=14):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() not in (1, 2, 3):
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour, 0))


def test_request_from_a_phone_to_the_statistics(phone_page, page, url, demo_world):
    from kyodo.lectures import demo

    demo.load(demo_world)
    phone = phone_page
    phone.goto(url("/org/sapporo/lectures/"))
    phone.get_by_label("キーワード").fill("市役所改革")
    phone.get_by_role("button", name="探す").click()
    phone.get_by_role("link", name=re.compile("市役所改革 ― 市民志向")).click()
    phone.get_by_role("link", name="この講座を申し込む").click()
    assert_no_horizontal_scroll(phone)
    phone.get_by_label("団体名").fill("大通ふれあい町内会")
    phone.get_by_label("団体の種類").select_option("neighbourhood")
    phone.get_by_label("代表者名").fill("佐藤 一郎")
    phone.get_by_label("電話番号").fill("011-211-2111")
    phone.get_by_label("メールアドレス").fill("sato@example.jp")
    phone.get_by_label("第1希望日時").fill(slot(2).strftime("%Y-%m-%dT%H:%M"))  # inside the lead time
    phone.get_by_label("会場名").fill("北一条会館")
    phone.get_by_label("会場の住所").fill("札幌市中央区北1条西5丁目")
    phone.get_by_label("参加予定人数").fill("25")
    phone.get_by_label("政治・宗教・営利を目的とした催しではありません").check()
    phone.get_by_label("個人情報の取扱いに同意します").check()
    phone.get_by_role("button", name="申し込む").click()
    expect(phone.locator("#id_preferred_1_error")).to_contain_text("申込の期限")
    assert_no_axe_violations(phone)
    phone.get_by_label("第1希望日時").fill(slot(30).strftime("%Y-%m-%dT%H:%M"))
    phone.get_by_role("button", name="申し込む").click()
    receipt = phone.get_by_test_id("receipt")
    expect(receipt).to_have_text(re.compile(r"^[RH]\d+-\d{4}$"))
    receipt_number = receipt.inner_text()
    assert_no_axe_violations(phone)
    request = Request.objects.get(group_name="大通ふれあい町内会")

    # The reception desk receives and routes it to 市政推進室.
    sign_in_directly(page, url(""), "reception@sapporo.example.jp")
    page.goto(url("/org/sapporo/lectures/manage/"))
    page.get_by_role("link", name=receipt_number).click()
    page.get_by_role("button", name="受付").click()
    page.get_by_label("市政推進室", exact=True).check()
    page.get_by_role("button", name="担当課へ回付").click()
    expect(page.get_by_test_id("request-status")).to_have_text("回付")

    # The department decides the date and lecturer.
    page.context.clear_cookies()
    sign_in_directly(page, url(""), "coordinator@sapporo.example.jp")
    page.goto(url("/org/sapporo/lectures/manage/"))
    page.get_by_role("link", name=receipt_number).click()
    page.get_by_label("実施日時").fill(slot(30).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("講師(担当課の職員)").select_option(label="推進 誠")
    page.get_by_role("button", name="決定").click()
    expect(page.get_by_test_id("request-status")).to_have_text("決定")
    assert_no_axe_violations(page)

    # The resident sees 決定 on the status page.
    phone.goto(url("/org/sapporo/lectures/status/"))
    phone.get_by_label("受付番号").fill(receipt_number)
    phone.get_by_label("お申込みのメールアドレス").fill("sato@example.jp")
    phone.get_by_role("button", name="確認する").click()
    expect(phone.get_by_test_id("request-status")).to_have_text("決定")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)

    # After the lecture (moved into the past here), it is held and reported.
    Request.objects.filter(pk=request.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3), ends_at=timezone.now() - datetime.timedelta(hours=1))
    page.reload()
    page.get_by_role("button", name="実施した").click()
    page.get_by_label("参加者数(実績)").fill("28")
    page.get_by_role("button", name="実施報告").click()
    expect(page.get_by_test_id("request-status")).to_have_text("実施報告済")

    phone.goto(url(f"/org/sapporo/lectures/statistics/?fiscal_year={request.fiscal_year}"))
    before = Request.objects.filter(fiscal_year=request.fiscal_year, status__in=["held", "reported"]).count()
    expect(phone.get_by_test_id("stat-held")).to_have_text(str(before))
    expect(phone.get_by_role("row", name=re.compile("市役所改革 ― 市民志向"))).to_be_visible()
    assert_no_axe_violations(phone)
