"""The request workflow: reception receives and routes, the department schedules, decides,
holds and reports; invalid steps are impossible; every step is recorded; the applicant is
e-mailed at 受付, 決定 and お断り; the applicant can follow and withdraw by receipt number."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kyodo.lectures import actions

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(sapporo, theme, request_data):
    return actions.submit_request(sapporo, theme, request_data)[0]


def test_full_path_with_mails_and_history(submitted, reception, office, office_staff, mailoutbox,
                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.receive(reception, submitted)
        actions.route(reception, submitted, office)
        actions.start_scheduling(office_staff, submitted)
        actions.decide(office_staff, submitted, starts_at=next_weekday_at(30), lecturer="推進 誠")
    assert [m.subject.split("(")[0] for m in mailoutbox if m.to == ["sato@example.jp"]] == [
        "【出前講座】受付のお知らせ", "【出前講座】実施日が決まりました"]
    submitted.starts_at = timezone.now() - datetime.timedelta(hours=3)
    submitted.save()
    actions.hold(office_staff, submitted)
    actions.report(office_staff, submitted, actual_audience=31, questions="財政の質問")
    assert submitted.status == "reported" and submitted.actual_audience == 31
    assert [(t.from_status, t.to_status) for t in submitted.transitions.all()] == [
        ("submitted", "received"), ("received", "routed"), ("routed", "scheduling"),
        ("scheduling", "decided"), ("decided", "held"), ("held", "reported")]
    assert submitted.transitions.last().actor == office_staff


def test_invalid_steps_are_refused(submitted, office_staff, reception):
    with pytest.raises(ValidationError, match="「申込」の申込には「決定」はできません"):
        submitted.department_id = office_staff.role_assignments.first().department_id
        actions.decide(office_staff, submitted, starts_at=next_weekday_at(30), lecturer="推進 誠")
    with pytest.raises(PermissionDenied):
        actions.receive(office_staff, submitted)  # the department is not the reception desk


def test_decline_needs_a_reason_and_mails_it(submitted, reception, mailoutbox, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="理由を書いてください"):
        actions.decline(reception, submitted, "")
    with django_capture_on_commit_callbacks(execute=True):
        actions.decline(reception, submitted, "講師の都合がつきません。")
    assert submitted.status == "declined"
    assert "講師の都合がつきません。" in mailoutbox[-1].body


def test_the_same_lecturer_cannot_be_booked_twice(sapporo, theme, request_data, reception, office, office_staff):
    when = next_weekday_at(30)
    first = actions.submit_request(sapporo, theme, request_data)[0]
    second = actions.submit_request(sapporo, theme, dict(request_data, email="b@example.jp"))[0]
    for r in (first, second):
        actions.receive(reception, r)
        actions.route(reception, r, office)
    actions.decide(office_staff, first, starts_at=when, lecturer="推進 誠")
    with pytest.raises(ValidationError, match="推進 誠さんはその時間に別の講座"):
        actions.decide(office_staff, second, starts_at=when + datetime.timedelta(minutes=30), lecturer="推進 誠")


def test_status_page_shows_status_only_and_lets_the_applicant_withdraw(client, submitted):
    url = "/org/sapporo/lectures/status/"
    page = client.post(url, {"receipt": submitted.receipt_number, "email": "SATO@example.jp"}).content.decode()
    assert 'data-testid="request-status">申込<' in page
    assert "佐藤 一郎" not in page and "011-211-2111" not in page and "北一条会館" not in page
    client.post(url, {"receipt": submitted.receipt_number, "email": "sato@example.jp", "withdraw": "1"})
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"
    assert submitted.transitions.get().by_applicant


def test_wrong_email_learns_nothing(client, submitted):
    response = client.post("/org/sapporo/lectures/status/", {"receipt": submitted.receipt_number,
                                                             "email": "other@example.jp"})
    assert response.status_code == 400
    assert "一致するお申込みがありません" in response.content.decode()
    assert "市役所改革" not in response.content.decode()


def test_status_lookups_are_throttled(client, submitted):
    for _n in range(10):
        client.post("/org/sapporo/lectures/status/", {"receipt": "R8-9999", "email": "x@example.jp"})
    response = client.post("/org/sapporo/lectures/status/", {"receipt": submitted.receipt_number,
                                                             "email": "sato@example.jp"})
    assert response.status_code == 429


def test_staff_screens_by_role(client, submitted, reception, office_staff, sapporo):
    from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant

    url = f"/org/sapporo/lectures/manage/requests/{submitted.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(reception)
    assert "佐藤 一郎" in client.get(url).content.decode()  # the desk handles the contact
    other = UserFactory()
    grant(other, "department_staff", sapporo, DepartmentFactory(organisation=sapporo, name="財政課"))
    client.force_login(other)
    assert client.get(url).status_code == 403
    citizen = UserFactory()
    client.force_login(citizen)
    assert client.get("/org/sapporo/lectures/manage/").status_code == 403
