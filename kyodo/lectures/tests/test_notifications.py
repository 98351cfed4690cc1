"""People are told (issue 14 §5): each step of a request's life reaches whoever must act next —
a line on their my page and a mail with the receipt number, theme, group, 和暦 date and time,
place and link — and the department is reminded before a lecture and of an overdue report."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import reminders
from kyodo.core.notify import Notification
from kyodo.lectures import actions
from kyodo.lectures.models import Request

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def tell(django_capture_on_commit_callbacks, mailoutbox):
    """Run a step with its on-commit mails sent; returns the mails it sent (and only its lines
    are left on the my pages)."""
    def run(step, *args, **kwargs):
        Notification.objects.all().delete()
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            step(*args, **kwargs)
        return mailoutbox[before:]
    return run


def submit(sapporo, theme, request_data):
    return actions.submit_request(sapporo, theme, request_data)[0]


def lines(user):
    return list(Notification.objects.filter(recipient=user).order_by("id"))


def test_a_new_request_reaches_the_reception_desk_and_the_applicant_gets_the_receipt(
        tell, sapporo, theme, request_data, reception, office_staff):
    mails = tell(submit, sapporo, theme, request_data)
    lecture_request = sapporo.lecture_requests.get()
    no = lecture_request.receipt_number
    desk_mail, = [m for m in mails if m.to == [reception.email]]
    assert desk_mail.subject == f"【出前講座】新しい申込(受付番号 {no})"
    when = timezone.localtime(request_data["preferred_1"])
    for text in (no, "市役所改革", "北一条町内会", f"{when:%H:%M}", "北一条会館", "札幌市中央区北1条西5丁目",
                 f"/org/sapporo/lectures/manage/requests/{lecture_request.pk}/"):
        assert text in desk_mail.body
    assert "令和" in desk_mail.body and f"{when.year}-" not in desk_mail.body  # 和暦, not ISO
    line, = lines(reception)
    assert line.subject == desk_mail.subject and line.url.endswith(f"/requests/{lecture_request.pk}/")
    applicant_mail, = [m for m in mails if m.to == ["sato@example.jp"]]
    assert no in applicant_mail.subject and "/org/sapporo/lectures/status/" in applicant_mail.body
    assert lines(office_staff) == []  # the department hears of it when it is routed


def test_routing_reaches_the_department_not_the_desk_that_routed_it(
        tell, sapporo, theme, request_data, reception, office, office_staff):
    lecture_request = submit(sapporo, theme, request_data)
    actions.receive(reception, lecture_request)
    mails = tell(actions.route, reception, lecture_request, office, "第2希望でも可とのこと")
    staff_mail, = [m for m in mails if m.to == [office_staff.email]]
    assert "申込が回付されました" in staff_mail.subject and "第2希望でも可とのこと" in staff_mail.body
    assert "北一条会館" in staff_mail.body and lecture_request.receipt_number in staff_mail.body
    assert [line.subject for line in lines(office_staff)] == [staff_mail.subject]
    assert not [m for m in mails if m.to == [reception.email]]
    assert lines(reception) == []


def test_a_request_sent_back_reaches_the_reception_desk_with_the_reason(
        tell, sapporo, theme, request_data, reception, office, office_staff):
    lecture_request = submit(sapporo, theme, request_data)
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    mails = tell(actions.return_to_reception, office_staff, lecture_request, "担当は子育て支援課です")
    assert lecture_request.status == "received"
    desk_mail, = [m for m in mails if m.to == [reception.email]]
    assert "受付窓口へ戻されました" in desk_mail.subject and "担当は子育て支援課です" in desk_mail.body
    assert "市政推進室" in desk_mail.body
    assert len(lines(reception)) == 1


def test_the_page_offers_sending_back_with_a_reason(client, sapporo, theme, request_data, reception, office,
                                                    office_staff):
    lecture_request = submit(sapporo, theme, request_data)
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    client.force_login(office_staff)
    url = f"/org/sapporo/lectures/manage/requests/{lecture_request.pk}/"
    response = client.post(url, {"step": "return", "return-reason": ""})
    assert response.status_code == 400 and "受付窓口へ戻す理由" in response.content.decode()
    client.post(url, {"step": "return", "return-reason": "担当外のため"})
    lecture_request.refresh_from_db()
    assert lecture_request.status == "received"


def test_a_decline_by_the_department_tells_the_desk_and_the_applicant(
        tell, sapporo, theme, request_data, reception, office, office_staff):
    lecture_request = submit(sapporo, theme, request_data)
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    mails = tell(actions.decline, office_staff, lecture_request, "講師の都合がつきません。")
    assert {tuple(m.to) for m in mails} == {(reception.email,), ("sato@example.jp",)}
    assert all("講師の都合がつきません。" in m.body for m in mails)
    assert lines(office_staff) == []  # not told of their own step


@pytest.mark.parametrize("routed", [False, True])
def test_a_withdrawal_reaches_whoever_holds_the_request(
        tell, client, sapporo, theme, request_data, reception, office, office_staff, routed):
    lecture_request = submit(sapporo, theme, request_data)
    actions.receive(reception, lecture_request)
    if routed:
        actions.route(reception, lecture_request, office)
    mails = tell(client.post, "/org/sapporo/lectures/status/", {
        "receipt": lecture_request.receipt_number, "email": "sato@example.jp", "withdraw": "1"})
    told = {m.to[0] for m in mails}
    assert told == ({reception.email, office_staff.email} if routed else {reception.email})
    assert all("申込が取り下げられました" in m.subject and "北一条町内会" in m.body for m in mails)
    assert len(lines(reception)) == 1 and len(lines(office_staff)) == (1 if routed else 0)


def test_the_decision_tells_the_applicant_the_wareki_date_time_place_and_lecturer(
        tell, sapporo, theme, request_data, reception, office, office_staff):
    lecture_request = submit(sapporo, theme, request_data)
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    when = next_weekday_at(30)
    mails = tell(actions.decide, office_staff, lecture_request, starts_at=when, lecturer="推進 誠")
    mail, = mails
    assert mail.to == ["sato@example.jp"] and "実施日が決まりました" in mail.subject
    weekday = "月火水木金土日"[when.weekday()]
    assert f"({weekday}) 14:00〜15:30" in mail.body and "令和" in mail.body
    assert "講師: 推進 誠" in mail.body and "北一条会館" in mail.body and lecture_request.receipt_number in mail.body


@pytest.fixture
def decided(sapporo, theme, request_data, reception, office, office_staff):
    lecture_request = submit(sapporo, theme, request_data)
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    actions.decide(office_staff, lecture_request, starts_at=next_weekday_at(30), lecturer="推進 誠")
    Notification.objects.all().delete()
    return lecture_request


def test_the_department_is_reminded_three_days_before_the_lecture_once(decided, office_staff, reception, mailoutbox):
    day = timezone.localtime(decided.starts_at).date()
    assert reminders.send_due(day - datetime.timedelta(days=4))["lectures.upcoming"] == 0
    assert reminders.send_due(day - datetime.timedelta(days=3))["lectures.upcoming"] == 1
    assert reminders.send_due(day - datetime.timedelta(days=2))["lectures.upcoming"] == 0
    line, = lines(office_staff)
    assert decided.receipt_number in line.subject and "北一条会館" in line.body
    assert lines(reception) == []


def test_an_overdue_report_is_reminded_a_week_after_the_lecture(decided, office_staff):
    day = timezone.localtime(decided.starts_at).date()
    Request.objects.filter(pk=decided.pk).update(status="held")
    assert reminders.send_due(day + datetime.timedelta(days=6))["lectures.report_due"] == 0
    assert reminders.send_due(day + datetime.timedelta(days=7))["lectures.report_due"] == 1
    assert reminders.send_due(day + datetime.timedelta(days=8))["lectures.report_due"] == 0  # once
    line, = lines(office_staff)
    assert "実施報告をお願いします" in line.subject and decided.receipt_number in line.subject
    assert "令和" in line.body and "北一条会館" in line.body


def test_a_filed_report_is_not_reminded(decided, office_staff):
    day = timezone.localtime(decided.starts_at).date()
    Request.objects.filter(pk=decided.pk).update(status="reported")
    assert reminders.send_due(day + datetime.timedelta(days=7))["lectures.report_due"] == 0
    assert lines(office_staff) == []


def test_the_line_is_on_the_reception_desks_my_page(client, tell, sapporo, theme, request_data, reception):
    tell(submit, sapporo, theme, request_data)
    client.force_login(reception)
    page = client.get("/my/").content.decode()
    assert "【出前講座】新しい申込" in page
