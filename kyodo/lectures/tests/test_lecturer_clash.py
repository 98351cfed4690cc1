"""Rules that hold (issue 14 §4): the lecturer clash check compares people, not strings — the
same member of staff chosen twice, or the same name typed with other spaces or width, is one
person booked twice; two accounts are two people even with the same name."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kyodo.core.tests.factories import UserFactory, grant
from kyodo.lectures import actions, queries

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed(sapporo, theme, request_data, reception, office):
    def make(email):
        lecture_request = actions.submit_request(sapporo, theme, dict(request_data, email=email))[0]
        actions.receive(reception, lecture_request)
        actions.route(reception, lecture_request, office)
        return lecture_request
    return make


@pytest.fixture
def lecturer(sapporo, office):
    user = UserFactory(email="makoto@sapporo.example.jp", display_name="推進 誠")
    grant(user, "department_staff", sapporo, office)
    return user


WHEN = next_weekday_at(30)
LATER = WHEN + datetime.timedelta(minutes=30)


@pytest.mark.parametrize("spelling", ["推進　誠", "推進誠", " 推進  誠 ", "推進 誠"])
def test_the_same_name_in_another_spelling_is_the_same_person(routed, office_staff, spelling):
    first, second = routed("a@example.jp"), routed("b@example.jp")
    actions.decide(office_staff, first, starts_at=WHEN, lecturer="推進 誠")
    with pytest.raises(ValidationError, match="その時間に別の講座"):
        actions.decide(office_staff, second, starts_at=LATER, lecturer=spelling)


def test_a_member_of_staff_chosen_twice_is_booked_once(routed, office_staff, lecturer):
    first, second = routed("a@example.jp"), routed("b@example.jp")
    actions.decide(office_staff, first, starts_at=WHEN, lecturer_user=lecturer)
    assert first.lecturer == "推進 誠" and first.lecturer_user == lecturer
    with pytest.raises(ValidationError, match=f"受付番号 {first.receipt_number}"):
        actions.decide(office_staff, second, starts_at=LATER, lecturer_user=lecturer)
    with pytest.raises(ValidationError, match="その時間に別の講座"):  # chosen once, typed once
        actions.decide(office_staff, second, starts_at=LATER, lecturer="推進　誠")


def test_two_accounts_with_the_same_name_are_two_people(sapporo, office, routed, office_staff, lecturer):
    namesake = UserFactory(email="makoto2@sapporo.example.jp", display_name="推進 誠")
    grant(namesake, "department_staff", sapporo, office)
    first, second = routed("a@example.jp"), routed("b@example.jp")
    actions.decide(office_staff, first, starts_at=WHEN, lecturer_user=lecturer)
    actions.decide(office_staff, second, starts_at=LATER, lecturer_user=namesake)
    assert second.status == "decided"


def test_only_the_departments_staff_can_be_chosen(sapporo, routed, office_staff):
    outsider = UserFactory(email="other@sapporo.example.jp", display_name="他課 職員")
    with pytest.raises(ValidationError, match="担当課の職員から選んでください"):
        actions.decide(office_staff, routed("a@example.jp"), starts_at=WHEN, lecturer_user=outsider)


def test_the_calendar_flags_the_same_person_in_another_spelling(sapporo, routed, office_staff, office):
    from kyodo.core.tests.factories import DepartmentFactory

    other = DepartmentFactory(organisation=sapporo, name="財政課")
    first, second = routed("a@example.jp"), routed("b@example.jp")
    actions.decide(office_staff, first, starts_at=WHEN, lecturer="推進 誠")
    # Stored before the check compared people: another department, the name in full width.
    second.__class__.objects.filter(pk=second.pk).update(
        status="decided", department=other, starts_at=LATER, ends_at=LATER + datetime.timedelta(hours=1),
        lecturer="推進　誠")
    day = timezone.localtime(WHEN)
    _weeks, clashing = queries.month_calendar(sapporo, day.year, day.month)
    assert {c.pk for c in clashing} == {first.pk, second.pk}


def test_the_decision_form_offers_the_departments_staff(client, routed, office_staff, lecturer):
    lecture_request = routed("a@example.jp")
    client.force_login(office_staff)
    url = f"/org/sapporo/lectures/manage/requests/{lecture_request.pk}/"
    page = client.get(url).content.decode()
    assert "講師(担当課の職員)" in page and f'value="{lecturer.pk}"' in page
    response = client.post(url, {"step": "decide", "decide-starts_at": WHEN.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 400 and "講師を職員から選ぶか" in response.content.decode()
    client.post(url, {"step": "decide", "decide-starts_at": WHEN.strftime("%Y-%m-%dT%H:%M"),
                      "decide-lecturer_user": lecturer.pk})
    lecture_request.refresh_from_db()
    assert lecture_request.status == "decided" and lecture_request.lecturer_user == lecturer
