"""The annual survey: opening, registering, 該当なし, deadline, reminders, closing, publishing."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.collaboration import actions
from kyodo.collaboration.models import Project, SurveyCampaign, SurveyResponse
from kyodo.core.tests.factories import DepartmentFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db(transaction=False)


def new_project(campaign, department, title="森の学校"):
    return Project(organisation=campaign.organisation, campaign=campaign, department=department,
                   fiscal_year=campaign.fiscal_year, title=title, budget=300_000)


PARTNERS = [{"name": "NPO法人 北の森づくり", "partner_type": "npo", "role": "講師"}]


def test_opening_asks_every_leaf_department_and_mails_their_staff(
        hokkaido, coordinator, env_staff, welfare_staff, environment, welfare,
        coordination_office, django_capture_on_commit_callbacks):
    bureau = DepartmentFactory(organisation=hokkaido, name="環境生活部", kind="bureau")
    environment.parent = bureau
    environment.save()
    campaign = actions.create_campaign(coordinator, hokkaido, fiscal_year=2005,
                                      deadline=datetime.date(2005, 7, 31))
    with django_capture_on_commit_callbacks(execute=True):
        actions.open_campaign(coordinator, campaign, today=TODAY)
    asked = set(campaign.responses.values_list("department__name", flat=True))
    assert asked == {"生活振興課", "環境政策課", "地域福祉課"}  # not the bureau
    assert campaign.status == SurveyCampaign.Status.OPEN
    # One mail per person (nobody sees another's address); the coordinator opened it.
    assert sorted(m.to[0] for m in mail.outbox) == ["fukushi@hokkaido.example.jp",
                                                    "kankyo@hokkaido.example.jp"]


def test_only_the_coordinator_opens_a_campaign(hokkaido, env_staff):
    with pytest.raises(PermissionDenied):
        actions.create_campaign(env_staff, hokkaido, fiscal_year=2005,
                                deadline=datetime.date(2005, 7, 31))


def test_second_campaign_for_the_same_year_is_refused(campaign, coordinator, hokkaido):
    with pytest.raises(ValidationError, match="この年度の調査はすでにあります"):
        actions.create_campaign(coordinator, hokkaido, fiscal_year=2005,
                                deadline=datetime.date(2005, 8, 31))


def test_department_registers_a_project_and_submits(campaign, environment, env_staff):
    project = actions.save_project(env_staff, new_project(campaign, environment),
                                   forms=["commission", "co_hosting"], fields=["environment"],
                                   partners=PARTNERS, today=TODAY)
    response = actions.response_for(campaign, environment)
    assert response.status == SurveyResponse.Status.IN_PROGRESS
    assert sorted(project.forms.values_list("form", flat=True)) == ["co_hosting", "commission"]
    actions.submit_response(env_staff, response, today=TODAY)
    response.refresh_from_db()
    assert response.status == SurveyResponse.Status.SUBMITTED and response.submitted_at


def test_staff_cannot_register_for_another_department(campaign, welfare, env_staff):
    with pytest.raises(PermissionDenied):
        actions.save_project(env_staff, new_project(campaign, welfare), forms=["commission"],
                             fields=[], partners=PARTNERS, today=TODAY)
    with pytest.raises(PermissionDenied):
        actions.declare_none(env_staff, actions.response_for(campaign, welfare), today=TODAY)


def test_duplicate_project_in_one_campaign_is_refused(campaign, environment, env_staff):
    actions.save_project(env_staff, new_project(campaign, environment), forms=["commission"],
                         fields=[], partners=PARTNERS, today=TODAY)
    with pytest.raises(ValidationError, match="同じ事業名"):
        actions.save_project(env_staff, new_project(campaign, environment), forms=["subsidy"],
                             fields=[], partners=PARTNERS, today=TODAY)
    assert Project.objects.count() == 1


def test_project_needs_a_form_and_fields_of_its_year(campaign, environment, env_staff):
    with pytest.raises(ValidationError) as error:
        actions.save_project(env_staff, new_project(campaign, environment), forms=[],
                             fields=["tourism"], partners=PARTNERS, today=TODAY)
    assert "協働の形態を1つ以上" in str(error.value.message_dict["forms"])
    assert "平成17年度には使えない分野" in str(error.value.message_dict["fields"])
    assert not Project.objects.exists()


def test_unknown_form_is_refused(campaign, environment, env_staff):
    with pytest.raises(ValidationError, match="不明な協働の形態"):
        actions.save_project(env_staff, new_project(campaign, environment), forms=["寄附"],
                             fields=[], partners=PARTNERS, today=TODAY)


def test_registration_after_the_deadline_is_refused_until_reopened(
        campaign, environment, env_staff, coordinator):
    late = datetime.date(2005, 8, 1)
    with pytest.raises(ValidationError, match="回答期限"):
        actions.save_project(env_staff, new_project(campaign, environment), forms=["commission"],
                             fields=[], partners=PARTNERS, today=late)
    actions.reopen_campaign(coordinator, campaign, deadline=datetime.date(2005, 8, 15), today=late)
    actions.save_project(env_staff, new_project(campaign, environment), forms=["commission"],
                         fields=[], partners=PARTNERS, today=late)
    assert Project.objects.count() == 1


def test_closed_campaign_refuses_answers(campaign, environment, env_staff, coordinator):
    actions.close_campaign(coordinator, campaign)
    with pytest.raises(ValidationError, match="受け付けていません"):
        actions.declare_none(env_staff, actions.response_for(campaign, environment), today=TODAY)


def test_declaring_none_with_projects_registered_is_refused(campaign, environment, env_staff):
    actions.save_project(env_staff, new_project(campaign, environment), forms=["commission"],
                         fields=[], partners=PARTNERS, today=TODAY)
    with pytest.raises(ValidationError, match="該当なし"):
        actions.declare_none(env_staff, actions.response_for(campaign, environment), today=TODAY)


def test_declaring_none_completes_the_response(campaign, welfare, welfare_staff):
    response = actions.declare_none(welfare_staff, actions.response_for(campaign, welfare),
                                    today=TODAY)
    assert response.status == SurveyResponse.Status.NONE and response.is_complete


def test_submitting_without_projects_is_refused(campaign, welfare, welfare_staff):
    with pytest.raises(ValidationError, match="1件も登録されていません"):
        actions.submit_response(welfare_staff, actions.response_for(campaign, welfare),
                                today=TODAY)


def test_reminders_go_only_to_departments_not_finished(
        campaign, welfare, welfare_staff, env_staff, coordinator,
        django_capture_on_commit_callbacks):
    actions.declare_none(welfare_staff, actions.response_for(campaign, welfare), today=TODAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = actions.send_reminders(coordinator, campaign)
    assert count == 2  # 環境政策課 and 生活振興課 have not answered
    recipients = {address for message in mail.outbox for address in message.to}
    assert "kankyo@hokkaido.example.jp" in recipients
    assert "fukushi@hokkaido.example.jp" not in recipients


def test_carrying_over_last_years_projects(campaign, environment, env_staff, hokkaido, coordinator):
    last = actions.create_campaign(coordinator, hokkaido, fiscal_year=2004,
                                   deadline=datetime.date(2005, 7, 31))
    actions.open_campaign(coordinator, last, today=TODAY)
    old = actions.save_project(env_staff, Project(
        organisation=hokkaido, campaign=last, department=environment, fiscal_year=2004,
        title="森の学校", budget=500_000), forms=["co_hosting"], fields=["environment"],
        partners=PARTNERS, today=TODAY)
    [copy] = actions.carry_over(env_staff, actions.response_for(campaign, environment),
                                [old.pk], today=TODAY)
    assert copy.fiscal_year == 2005 and copy.continued_from == old and copy.campaign == campaign
    assert list(copy.forms.values_list("form", flat=True)) == ["co_hosting"]
    assert copy.partners.get().name == "NPO法人 北の森づくり"
    with pytest.raises(ValidationError, match="すでに登録されている"):
        actions.carry_over(env_staff, actions.response_for(campaign, environment), [old.pk],
                           today=TODAY)


def test_publishing_needs_a_closed_campaign_and_makes_projects_public(
        campaign, environment, env_staff, coordinator):
    project = actions.save_project(env_staff, new_project(campaign, environment),
                                   forms=["commission"], fields=["environment"],
                                   partners=PARTNERS, today=TODAY)
    with pytest.raises(ValidationError, match="締め切った調査だけ"):
        actions.publish_campaign(coordinator, campaign)
    actions.close_campaign(coordinator, campaign)
    actions.publish_campaign(coordinator, campaign)
    project.refresh_from_db()
    assert project.is_public
    assert campaign.report["totals"]["projects"] == 1
    with pytest.raises(ValidationError):
        actions.reopen_campaign(coordinator, campaign, deadline=datetime.date(2030, 1, 1))
