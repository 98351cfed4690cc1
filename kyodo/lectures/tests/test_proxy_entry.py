"""代理入力 (issue 14 §7): the reception desk enters a request received on paper, by phone, by fax
or at the counter — the same rules and receipt numbers as the web form, recorded as entered on
the applicant's behalf through that channel."""

import pytest

from kyodo.core.notify import Notification
from kyodo.lectures.models import Request

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db

URL = "/org/sapporo/lectures/manage/requests/new/"


@pytest.fixture
def paper(theme):
    return {
        "channel": "phone", "theme": theme.pk, "form_token": "proxy-token-1",
        "group_name": "北一条町内会", "group_kind": "neighbourhood", "representative": "佐藤 一郎",
        "phone": "０１１－２１１－２１１１", "email": "", "preferred_1": next_weekday_at(30).strftime("%Y-%m-%dT%H:%M"),
        "venue": "北一条会館", "venue_address": "札幌市中央区北1条西5丁目", "audience": "25",
        "purpose_confirmed": "on", "consent": "on",
    }


def test_the_inbox_offers_proxy_entry_to_the_reception_desk_only(client, reception, office_staff, theme):
    client.force_login(reception)
    assert URL in client.get("/org/sapporo/lectures/manage/").content.decode()
    client.force_login(office_staff)
    assert URL not in client.get("/org/sapporo/lectures/manage/").content.decode()
    response = client.get(URL)
    assert response.status_code == 403


def test_a_phone_request_is_entered_with_a_receipt_number_and_its_channel(
        client, reception, paper, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(reception)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, paper)
    lecture_request = Request.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/requests/{lecture_request.pk}/")
    assert lecture_request.channel == "phone" and lecture_request.entered_by == reception
    assert lecture_request.sequence == 1 and lecture_request.phone == "011-211-2111"
    assert mailoutbox == []  # no address given, and the desk is not told of its own entry
    page = client.get(response.url).content.decode()
    assert f"電話で受付(代理入力: {reception})" in page
    assert Request.objects.get().status == "submitted"
    client.post(URL, paper)  # the same form sent twice is one request
    assert Request.objects.count() == 1


def test_the_applicant_gets_the_receipt_mail_if_they_gave_an_address(
        client, reception, paper, mailoutbox, django_capture_on_commit_callbacks):
    from kyodo.core.tests.factories import grant, UserFactory

    colleague = UserFactory(email="koho2@sapporo.example.jp")
    grant(colleague, "reception_desk", reception.role_assignments.get().organisation,
          reception.role_assignments.get().department)
    client.force_login(reception)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, dict(paper, channel="paper", email="sato@example.jp"))
    lecture_request = Request.objects.get()
    applicant, = [m for m in mailoutbox if m.to == ["sato@example.jp"]]
    assert lecture_request.receipt_number in applicant.subject
    line, = Notification.objects.filter(recipient=colleague)
    assert f"書面で受付(代理入力: {reception})" in line.body


def test_the_same_rules_hold(client, reception, paper):
    client.force_login(reception)
    response = client.post(URL, dict(paper, audience="3", channel="web", consent=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert "web は候補にありません" in page  # a web request is the resident's own, never entered by staff
    assert "同意を得ていることの確認が必要です" in page
    response = client.post(URL, dict(paper, audience="3"))
    assert response.status_code == 400 and "規則: 最少人数" in response.content.decode()
    assert not Request.objects.exists()


def test_a_web_request_still_needs_an_address(client, theme):
    data = {"group_name": "北一条町内会", "group_kind": "neighbourhood", "representative": "佐藤 一郎",
            "phone": "011-211-2111", "email": "", "preferred_1": next_weekday_at(30).strftime("%Y-%m-%dT%H:%M"),
            "venue": "北一条会館", "venue_address": "札幌市中央区北1条西5丁目", "audience": "25",
            "purpose_confirmed": "on", "consent": "on", "form_token": "web-1"}
    response = client.post(f"/org/sapporo/lectures/themes/{theme.pk}/apply/", data)
    assert response.status_code == 400 and not Request.objects.exists()
