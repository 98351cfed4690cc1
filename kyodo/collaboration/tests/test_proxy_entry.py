"""代理入力: the coordinator enters a department's survey answer received on paper, by mail or
by fax; the answer records the channel and who typed it in, and the campaign page shows it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.collaboration import actions
from kyodo.collaboration.models import Project, SurveyCampaign, SurveyResponse

from .conftest import TODAY

pytestmark = pytest.mark.django_db(transaction=False)

BASE = "/org/hokkaido/collaboration/manage/"
PARTNERS = [{"name": "NPO法人 北の森づくり", "partner_type": "npo", "role": "講師"}]


def response_url(campaign, department, tail=""):
    return f"{BASE}campaigns/{campaign.pk}/departments/{department.pk}/{tail}"


@pytest.fixture
def open_campaign(campaign):
    SurveyCampaign.objects.filter(pk=campaign.pk).update(deadline=datetime.date(2100, 1, 1))
    campaign.refresh_from_db()
    return campaign


def register(actor, campaign, department):
    return actions.save_project(
        actor, Project(organisation=campaign.organisation, campaign=campaign, department=department,
                       fiscal_year=campaign.fiscal_year, title="森の学校", budget=300_000),
        forms=["commission"], fields=[], partners=PARTNERS, today=TODAY)


def test_coordinator_enters_a_paper_answer_with_its_channel_and_actor(campaign, coordinator,
                                                                       environment):
    register(coordinator, campaign, environment)
    response = actions.response_for(campaign, environment)
    actions.submit_response(coordinator, response, today=TODAY, channel="paper")
    response.refresh_from_db()
    assert response.status == SurveyResponse.Status.SUBMITTED
    assert (response.channel, response.entered_by, response.submitted_by) == ("paper", coordinator, None)
    assert response.entered_on_behalf


def test_coordinator_enters_a_faxed_none(campaign, coordinator, welfare):
    response = actions.response_for(campaign, welfare)
    actions.declare_none(coordinator, response, today=TODAY, channel="fax")
    response.refresh_from_db()
    assert (response.status, response.channel, response.entered_by) == ("none", "fax", coordinator)


def test_department_answering_itself_afterwards_clears_the_proxy_record(campaign, coordinator,
                                                                        welfare, welfare_staff):
    response = actions.response_for(campaign, welfare)
    actions.declare_none(coordinator, response, today=TODAY, channel="mail")
    actions.declare_none(welfare_staff, response, today=TODAY)
    response.refresh_from_db()
    assert (response.channel, response.entered_by, response.submitted_by) == ("web", None, welfare_staff)


def test_only_the_coordinator_enters_on_behalf(campaign, env_staff, welfare_staff, environment):
    response = actions.response_for(campaign, environment)
    # Even the department's own staff answer on the web, not as a paper answer.
    with pytest.raises(PermissionDenied, match="代理入力は協働の主管課"):
        actions.declare_none(env_staff, response, today=TODAY, channel="paper")
    with pytest.raises(PermissionDenied):
        actions.declare_none(welfare_staff, response, today=TODAY, channel="paper")
    response.refresh_from_db()
    assert response.status == SurveyResponse.Status.NOT_STARTED


def test_the_coordinator_cannot_answer_as_the_department_on_the_web(campaign, coordinator, environment):
    with pytest.raises(PermissionDenied):
        actions.declare_none(coordinator, actions.response_for(campaign, environment), today=TODAY)


def test_an_unknown_channel_is_refused(campaign, coordinator, environment):
    with pytest.raises(ValidationError):
        actions.declare_none(coordinator, actions.response_for(campaign, environment),
                             today=TODAY, channel="carrier-pigeon")


def test_campaign_page_links_proxy_entry_and_shows_who_entered_it(client, coordinator, open_campaign,
                                                                  environment, welfare):
    client.force_login(coordinator)
    page = client.get(f"{BASE}campaigns/{open_campaign.pk}/").content.decode()
    assert f'href="{response_url(open_campaign, welfare)}#proxy-title"' in page

    entry = client.get(response_url(open_campaign, welfare)).content.decode()
    assert 'id="proxy-title"' in entry and "受け取った方法" in entry
    answered = client.post(response_url(open_campaign, welfare, "answer/none/"), {"channel": "fax"})
    assert answered.status_code == 302
    response = actions.response_for(open_campaign, welfare)
    assert (response.status, response.channel, response.entered_by) == ("none", "fax", coordinator)

    page = client.get(f"{BASE}campaigns/{open_campaign.pk}/").content.decode()
    who = str(coordinator)
    assert f"ファクスで受付(代理入力: {who})" in page


def test_proxy_entry_without_a_channel_records_nothing(client, coordinator, open_campaign, welfare):
    client.force_login(coordinator)
    client.post(response_url(open_campaign, welfare, "answer/none/"), {"channel": ""})
    assert actions.response_for(open_campaign, welfare).status == SurveyResponse.Status.NOT_STARTED


def test_department_staff_see_no_proxy_form_and_cannot_post_one(client, env_staff, open_campaign,
                                                               environment):
    client.force_login(env_staff)
    page = client.get(response_url(open_campaign, environment)).content.decode()
    assert 'id="proxy-title"' not in page
    refused = client.post(response_url(open_campaign, environment, "answer/none/"), {"channel": "paper"})
    assert refused.status_code == 403
    response = actions.response_for(open_campaign, environment)
    assert response.status == SurveyResponse.Status.NOT_STARTED and response.channel == "web"
