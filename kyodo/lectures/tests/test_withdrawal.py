"""取下げ by the applicant: an open request is withdrawn at once; a lecture whose date is decided
asks for a confirmation and a reason, and the department handling it is told."""

import pytest

from kyodo.core.notify import Notification
from kyodo.lectures import actions

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db

URL = "/org/sapporo/lectures/status/"


@pytest.fixture
def decided(sapporo, theme, request_data, reception, office, office_staff):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    actions.decide(office_staff, lecture_request, starts_at=next_weekday_at(30), lecturer="推進 誠")
    return lecture_request


def withdraw(client, lecture_request, **extra):
    return client.post(URL, {"receipt": lecture_request.receipt_number, "email": "sato@example.jp",
                             "withdraw": "1", **extra})


def test_a_decided_lecture_is_not_withdrawn_with_one_tap(client, decided):
    page = client.post(URL, {"receipt": decided.receipt_number, "email": "sato@example.jp"}).content.decode()
    assert "取り下げる理由" in page and "実施日が決まっているこの講座を取り下げます" in page
    response = withdraw(client, decided)
    assert response.status_code == 400
    page = response.content.decode()
    assert "確認してチェックしてください" in page and "理由を書いてください" in page
    decided.refresh_from_db()
    assert decided.status == "decided"


def test_a_decided_lecture_is_withdrawn_with_confirmation_and_reason_and_the_department_is_told(
        client, decided, office_staff, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = withdraw(client, decided, **{"withdraw-confirmed": "on", "withdraw-reason": "行事が中止になったため"})
    assert response.status_code == 200
    decided.refresh_from_db()
    assert decided.status == "withdrawn"
    transition = decided.transitions.last()
    assert transition.by_applicant and "理由: 行事が中止になったため" in transition.note
    line = Notification.objects.filter(recipient=office_staff).first()  # the latest
    assert decided.receipt_number in line.subject and "行事が中止になったため" in line.body
    assert any(m.to == [office_staff.email] and "取り下げられました" in m.subject for m in mailoutbox)


def test_an_open_request_is_withdrawn_without_a_reason(client, sapporo, theme, request_data):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    assert withdraw(client, lecture_request).status_code == 200
    lecture_request.refresh_from_db()
    assert lecture_request.status == "withdrawn"
