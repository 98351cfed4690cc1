"""出前講座: the people of a request's life are told (issue 14 §5, §7, §8). A resident's request
reaches the reception desk (a mail and the line on the desk's my page); routing it reaches the
department; the reception desk enters a phone request by proxy; the staff screens read on a
390 px phone as well as at 1280 px, axe clean."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from kyodo.core.models import User
from kyodo.lectures import actions
from kyodo.lectures.models import Request, Theme

from .conftest import ARTIFACTS, assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

RECEPTION = "reception@sapporo.example.jp"
DEPARTMENT = "coordinator@sapporo.example.jp"  # 推進 誠, 市政推進室


def slot(days_ahead, hour=14):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() not in (1, 2, 3):
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def look(page, name):
    """Screenshot for the reviewer, horizontal scroll and axe checked."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"lectures-{name}.png"), full_page=True)
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_the_reception_desk_and_the_department_are_told_and_a_phone_request_is_entered(
        page, phone_page, url, demo_world):
    from kyodo.lectures import demo

    demo.load(demo_world)
    theme = Theme.objects.get(organisation__slug="sapporo", title__startswith="市役所改革", active=True)
    mail.outbox.clear()

    # A resident applies on the web: the reception desk gets a mail and a line on its my page.
    phone_page.goto(url(f"/org/sapporo/lectures/themes/{theme.pk}/apply/"))
    phone_page.get_by_label("団体名").fill("大通ふれあい町内会")
    phone_page.get_by_label("団体の種類").select_option("neighbourhood")
    phone_page.get_by_label("代表者名").fill("佐藤 一郎")
    phone_page.get_by_label("電話番号").fill("011-211-2111")
    phone_page.get_by_label("メールアドレス").fill("sato@example.jp")
    phone_page.get_by_label("第1希望日時").fill(slot(30).strftime("%Y-%m-%dT%H:%M"))
    phone_page.get_by_label("会場名").fill("北一条会館")
    phone_page.get_by_label("会場の住所").fill("札幌市中央区北1条西5丁目")
    phone_page.get_by_label("参加予定人数").fill("25")
    phone_page.get_by_label("政治・宗教・営利を目的とした催しではありません").check()
    phone_page.get_by_label("個人情報の取扱いに同意します").check()
    phone_page.get_by_role("button", name="申し込む").click()
    receipt_number = phone_page.get_by_test_id("receipt").inner_text()
    desk_mail = next(m for m in mail.outbox if m.to == [RECEPTION])
    assert receipt_number in desk_mail.subject and "大通ふれあい町内会" in desk_mail.body and "令和" in desk_mail.body

    for viewport, shot in (({"width": 390, "height": 844}, "390"), ({"width": 1280, "height": 900}, "1280")):
        page.set_viewport_size(viewport)
        page.context.clear_cookies()
        sign_in_directly(page, url(""), RECEPTION)
        page.goto(url("/my/"))
        expect(page.get_by_role("link", name=re.compile(re.escape(f"新しい申込(受付番号 {receipt_number})")))).to_be_visible()
        page.goto(url("/org/sapporo/lectures/manage/"))
        expect(page.get_by_role("rowheader", name=receipt_number)).to_be_visible()
        look(page, f"inbox-{shot}")

    # The desk receives it and routes it with the department picker; the department is told.
    page.get_by_role("link", name=receipt_number).click()
    page.get_by_role("button", name="受付").click()
    look(page, "route-1280")
    page.get_by_label("部署名で絞り込む").fill("市政")
    page.get_by_label("市政推進室", exact=True).check()
    page.get_by_role("button", name="担当課へ回付").click()
    expect(page.get_by_test_id("request-status")).to_have_text("回付")
    dept_mail = next(m for m in mail.outbox if m.to == [DEPARTMENT])
    assert "申込が回付されました" in dept_mail.subject and receipt_number in dept_mail.subject

    phone_page.context.clear_cookies()
    sign_in_directly(phone_page, url(""), DEPARTMENT)
    phone_page.goto(url("/my/"))
    expect(phone_page.get_by_role("link", name=re.compile(re.escape(f"申込が回付されました(受付番号 {receipt_number})")))).to_be_visible()
    phone_page.goto(url("/org/sapporo/lectures/manage/"))
    look(phone_page, "department-inbox-390")
    phone_page.get_by_role("link", name=receipt_number).click()
    look(phone_page, "request-390")
    lecture = Request.objects.get(group_name="大通ふれあい町内会")
    local = timezone.localtime(slot(30))
    actions.decide(User.objects.get(email=DEPARTMENT), lecture, starts_at=slot(30), lecturer="推進 誠")
    for target, shot in ((phone_page, "390"), (page, "1280")):
        if target is page:
            page.context.clear_cookies()
            sign_in_directly(page, url(""), DEPARTMENT)
        target.goto(url(f"/org/sapporo/lectures/manage/calendar/?month={local.year}-{local.month}"))
        expect(target.get_by_role("link", name=re.compile("市役所改革")).first).to_be_visible()
        look(target, f"calendar-{shot}")

    # The reception desk enters a request it took by phone, on behalf of the caller.
    page.context.clear_cookies()
    sign_in_directly(page, url(""), RECEPTION)
    for viewport, shot in (({"width": 390, "height": 844}, "390"), ({"width": 1280, "height": 900}, "1280")):
        page.set_viewport_size(viewport)
        page.goto(url("/org/sapporo/lectures/manage/"))
        page.get_by_role("link", name="代理入力", exact=True).click()
        look(page, f"proxy-{shot}")
    page.get_by_label("受付の方法").select_option("phone")
    page.locator("#id_theme").select_option(str(theme.pk))
    page.get_by_label("団体名").fill("北二条老人クラブ")
    page.get_by_label("団体の種類").select_option("seniors")
    page.get_by_label("代表者名").fill("鈴木 花子")
    page.get_by_label("電話番号").fill("０１１－２２２－３３３３")
    page.get_by_label("第1希望日時").fill(slot(40, 10).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("会場名").fill("北二条会館")
    page.get_by_label("会場の住所").fill("札幌市中央区北2条西5丁目")
    page.get_by_label("参加予定人数").fill("15")
    page.get_by_label("政治・宗教・営利を目的とした催しではありません").check()
    page.get_by_label("申込者に個人情報の取扱いを説明し、同意を得ました").check()
    page.get_by_role("button", name="代理入力する").click()
    expect(page.get_by_test_id("request-channel")).to_have_text("電話で受付(代理入力: 受付 和子)")
    proxy = Request.objects.get(group_name="北二条老人クラブ")
    assert proxy.channel == "phone" and proxy.phone == "011-222-3333"
    look(page, "proxy-request-1280")
