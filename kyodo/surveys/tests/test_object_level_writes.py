"""A survey's department is checked as the survey is and as it will be (issue 13 §3): the staff
of its department (担当課) are offered only their own departments and cannot hand the survey to
another by posting that department's id; the coordinator may choose any department."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.core.tests.factories import UserFactory, grant
from kyodo.surveys import actions
from kyodo.surveys.models import Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_staff(sapporo, office):
    user = UserFactory()
    grant(user, "department_staff", sapporo, office)
    return user


def edit(client, survey, **changes):
    data = {"title": survey.title, "description": "", "department": survey.department_id,
            "method": survey.method, "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat(), "areas": survey.areas, **changes}
    return client.post(f"/org/sapporo/surveys/manage/{survey.pk}/edit/", data)


def test_its_department_cannot_hand_the_survey_to_another(client, office_staff, survey, sapporo_department):
    client.force_login(office_staff)
    form = client.get(f"/org/sapporo/surveys/manage/{survey.pk}/edit/").context["form"]
    assert list(form.fields["department"].queryset) == [survey.department]
    assert edit(client, survey, title="市民満足度調査(改)").status_code == 302
    assert edit(client, survey, department=sapporo_department.pk).status_code == 400
    survey.refresh_from_db()
    assert survey.department.name == "市政推進室" and survey.title == "市民満足度調査(改)"


def test_the_action_checks_the_survey_as_it_will_be(office_staff, survey, sapporo_department):
    survey.department = sapporo_department
    with pytest.raises(ValidationError) as refused:
        actions.save_survey(office_staff, survey)
    assert "department" in refused.value.message_dict
    assert Survey.objects.get(pk=survey.pk).department.name == "市政推進室"


def test_another_department_cannot_take_it(client, sapporo, sapporo_department, survey):
    other = UserFactory()
    grant(other, "department_staff", sapporo, sapporo_department)
    client.force_login(other)
    assert edit(client, survey, department=sapporo_department.pk).status_code == 403
    survey.department = sapporo_department
    with pytest.raises(PermissionDenied):
        actions.save_survey(other, survey)


def test_the_coordinator_may_choose_any_department(client, coordinator, survey, sapporo_department):
    client.force_login(coordinator)
    assert edit(client, survey, department=sapporo_department.pk).status_code == 302
    survey.refresh_from_db()
    assert survey.department == sapporo_department
