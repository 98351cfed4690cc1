"""Events end to end at phone width: a visitor registers without an account; the session fills;
the next visitor joins the waitlist; the first cancels and the waitlisted visitor is promoted
(the mail is in the outbox); staff check people in and publish the report; a member of staff
registers for a staff-only training and their training record shows the course."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from kyodo.events.models import Event, Registration, Session

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

COORDINATION = ("北海道", ("環境生活部", "生活文化・青少年室", "生活振興課"))


def make(demo_world, title, *, audience="public", capacity=1):
    hokkaido = demo_world["organisations"]["北海道"]
    start = timezone.now() + datetime.timedelta(days=10)
    event = Event.objects.create(
        organisation=hokkaido, department=demo_world["departments"][COORDINATION], title=title, kind="seminar",
        audience=audience, status="published", summary="協働の進め方を学びます。", venue="かでる2・7",
        address="札幌市中央区北2条西7丁目", starts_at=start, ends_at=start + datetime.timedelta(hours=2),
        published_at=timezone.now(), wheelchair=True)
    Session.objects.create(event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                           capacity=capacity)
    return event


def register(phone, url, event, name, email, *, waitlist=False):
    phone.goto(url(f"/org/hokkaido/events/{event.pk}/register/"))
    phone.get_by_label("氏名").fill(name)
    phone.get_by_label("メールアドレス").fill(email)
    if waitlist:
        phone.get_by_label("満席のときはキャンセル待ちに登録する").check()
    phone.get_by_label("個人情報の取扱いに同意します").check()
    phone.get_by_role("button", name="申し込む").click()


def test_register_fill_waitlist_cancel_promote_check_in_and_report(phone_page, url, demo_world):
    phone = phone_page
    event = make(demo_world, "協働推進ミニセミナー")
    phone.goto(url("/org/hokkaido/events/"))
    phone.get_by_role("link", name=re.compile("協働推進ミニセミナー")).click()
    expect(phone.get_by_role("heading", name="協働推進ミニセミナー")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="申し込む").click()
    assert_no_axe_violations(phone)
    register(phone, url, event, "道民 一花", "ichika@example.jp")
    receipt = phone.get_by_test_id("receipt-number")
    expect(receipt).to_have_text(re.compile(r"^R\d+-E\d{4}$"))
    first_receipt = receipt.inner_text()
    assert_no_axe_violations(phone)

    # The session is full: the next visitor is offered the waitlist, and joins it.
    register(phone, url, event, "道民 二葉", "futaba@example.jp")
    expect(phone.locator("#id_waitlist_error")).to_contain_text("キャンセル待ちに登録できます")
    assert_no_axe_violations(phone)
    phone.get_by_label("満席のときはキャンセル待ちに登録する").check()
    phone.get_by_label("個人情報の取扱いに同意します").check()
    phone.get_by_role("button", name="申し込む").click()
    expect(phone.get_by_role("heading", name="キャンセル待ちに登録しました")).to_be_visible()
    second_receipt = phone.get_by_test_id("receipt-number").inner_text()

    # The first visitor cancels from the status page; the second is promoted and mailed.
    mail.outbox.clear()
    phone.goto(url("/org/hokkaido/events/status/"))
    phone.get_by_label("受付番号").fill(first_receipt)
    phone.get_by_label("メールアドレス").fill("ichika@example.jp")
    phone.get_by_role("button", name="確認する").click()
    expect(phone.get_by_test_id("registration-status")).to_have_text("参加予定")
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="申込を取り消す").click()
    expect(phone.get_by_test_id("registration-status")).to_have_text("取消")
    promoted = Registration.objects.get(email="futaba@example.jp")
    assert promoted.status == Registration.Status.CONFIRMED
    assert any(m.to == ["futaba@example.jp"] and "参加が決まりました" in m.subject for m in mail.outbox)

    # On the day: the coordinator checks the promoted visitor in, then publishes the report.
    session = event.sessions.get()
    sign_in_directly(phone, url(""), "coordinator@hokkaido.example.jp")
    phone.goto(url(f"/org/hokkaido/events/manage/{event.pk}/"))
    phone.get_by_role("link", name="受付名簿").click()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_label("受付番号で受付").fill(second_receipt)
    phone.get_by_role("button", name="受付する").click()
    expect(phone.get_by_test_id("checked-in")).to_contain_text("受付済")
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=3),
                                                 ends_at=timezone.now() - datetime.timedelta(hours=1))
    phone.goto(url(f"/org/hokkaido/events/manage/{event.pk}/report/"))
    expect(phone.get_by_label("参加者数")).to_have_value("1")
    phone.get_by_label("概要").fill("NPOと道の職員が協働評価の進め方を話し合いました。")
    phone.get_by_label("写真の説明").fill("グループで話し合う参加者")
    phone.get_by_label("報告を公開する").check()
    phone.get_by_role("button", name="保存する").click()
    expect(phone.locator(".messages")).to_contain_text("開催報告を保存しました")
    assert_no_axe_violations(phone)
    phone.context.clear_cookies()
    phone.goto(url(f"/org/hokkaido/events/{event.pk}/"))
    report = phone.get_by_test_id("event-report")
    expect(report).to_contain_text("協働評価の進め方")
    expect(report).to_contain_text("グループで話し合う参加者")
    expect(phone.locator("body")).not_to_contain_text("道民 二葉")  # nobody's name in public


def test_staff_training_record_shows_the_course(phone_page, url, demo_world):
    phone = phone_page
    training = make(demo_world, "新任職員研修(協働の基礎)", audience="staff", capacity=40)
    phone.goto(url(f"/org/hokkaido/events/{training.pk}/"))
    expect(phone.locator("body")).to_contain_text("職員限定")  # a visitor is told, not shown
    sign_in_directly(phone, url(""), "staff@hokkaido.example.jp")
    phone.goto(url("/org/hokkaido/events/"))
    phone.get_by_role("link", name="新任職員研修(協働の基礎)").click()
    phone.get_by_role("link", name="申し込む").click()
    phone.get_by_label("個人情報の取扱いに同意します").check()
    phone.get_by_role("button", name="申し込む").click()
    expect(phone.get_by_test_id("registration-status")).to_contain_text("参加予定")
    Registration.objects.filter(event=training).update(checked_in_at=timezone.now())  # attended on the day
    phone.goto(url("/org/hokkaido/events/training/mine/"))
    expect(phone.get_by_test_id("training-state")).to_have_text("受講済")
    expect(phone.get_by_role("link", name="新任職員研修(協働の基礎)")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
