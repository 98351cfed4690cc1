"""The survey screens: the coordinator runs the campaign; departments answer."""

import datetime

import pytest
from django.core import mail

from kyodo.collaboration.models import Project, SurveyCampaign, SurveyResponse

BASE = "/org/hokkaido/collaboration/manage/"


def response_url(campaign, department, tail=""):
    return f"{BASE}campaigns/{campaign.pk}/departments/{department.pk}/{tail}"


@pytest.fixture
def open_campaign(campaign):
    # The fixture opened it with a 2005 deadline; give it a deadline in the future.
    SurveyCampaign.objects.filter(pk=campaign.pk).update(deadline=datetime.date(2100, 1, 1))
    campaign.refresh_from_db()
    return campaign


def test_coordinator_creates_and_opens_a_campaign(client, coordinator, environment, welfare,
                                                  django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    response = client.post(BASE + "campaigns/new/", {"fiscal_year": 2006, "deadline": "2100-06-30"})
    campaign = SurveyCampaign.objects.get(fiscal_year=2006)
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}campaigns/{campaign.pk}/open/")
    campaign.refresh_from_db()
    assert campaign.status == "open" and campaign.responses.count() == 3
    page = client.get(f"{BASE}campaigns/{campaign.pk}/").content.decode()
    assert "回答済 0 / 3 部署" in page and "環境政策課" in page


def test_bad_deadline_shows_a_message_next_to_the_field(client, coordinator):
    client.force_login(coordinator)
    page = client.post(BASE + "campaigns/new/", {"fiscal_year": 2006, "deadline": "いつか"})
    assert page.status_code == 200
    assert "deadline_error" in page.content.decode()
    assert not SurveyCampaign.objects.exists()


def test_department_staff_cannot_run_the_campaign(client, env_staff, open_campaign):
    client.force_login(env_staff)
    assert client.get(f"{BASE}campaigns/{open_campaign.pk}/").status_code == 403
    assert client.post(f"{BASE}campaigns/{open_campaign.pk}/close/").status_code == 403


def test_department_registers_a_project_through_the_form(client, env_staff, open_campaign,
                                                         environment, partner):
    client.force_login(env_staff)
    data = {"title": "川の学校", "forms_": ["co_hosting", "endorsement"], "fields_": ["environment"],
            "budget": "250000", "partners-TOTAL_FORMS": "3", "partners-INITIAL_FORMS": "0",
            "partners-MIN_NUM_FORMS": "3", "partners-MAX_NUM_FORMS": "10",
            "partners-0-name": "NPO法人 北の森づくり", "partners-0-partner_type": "npo",
            "partners-0-role": "講師"}
    response = client.post(response_url(open_campaign, environment, "projects/new/"), data)
    assert response.status_code == 302
    project = Project.objects.get(title="川の学校")
    assert project.partners.get().partner is not None  # linked to the directory by name
    page = client.get(response_url(open_campaign, environment)).content.decode()
    assert "川の学校" in page and "入力中" in page


def test_project_form_errors_are_shown_and_nothing_saved(client, env_staff, open_campaign,
                                                         environment):
    client.force_login(env_staff)
    data = {"title": "", "fields_": ["tourism"], "partners-TOTAL_FORMS": "3",
            "partners-INITIAL_FORMS": "0", "partners-MIN_NUM_FORMS": "3",
            "partners-MAX_NUM_FORMS": "10", "partners-0-name": "どこかの会"}
    page = client.post(response_url(open_campaign, environment, "projects/new/"), data)
    body = page.content.decode()
    assert page.status_code == 200
    assert "団体の種別を選んでください" in body
    assert "tourism" in body or "有効な選択肢" in body or "正しく" in body
    assert not Project.objects.exists()


def test_staff_of_another_department_cannot_answer(client, welfare_staff, open_campaign,
                                                   environment):
    client.force_login(welfare_staff)
    assert client.get(response_url(open_campaign, environment)).status_code == 403
    assert client.post(response_url(open_campaign, environment, "answer/none/")).status_code == 403


def test_declaring_none_through_the_screen(client, welfare_staff, open_campaign, welfare):
    client.force_login(welfare_staff)
    client.post(response_url(open_campaign, welfare, "answer/none/"))
    assert SurveyResponse.objects.get(campaign=open_campaign, department=welfare).status == "none"


def test_after_the_deadline_the_screen_says_so(client, env_staff, campaign, environment):
    SurveyCampaign.objects.filter(pk=campaign.pk).update(deadline=datetime.date(2005, 7, 31))
    client.force_login(env_staff)
    response = client.post(response_url(campaign, environment, "answer/none/"), follow=True)
    assert "回答期限(2005-07-31)を過ぎています" in response.content.decode()
    assert SurveyResponse.objects.get(campaign=campaign, department=environment).status == "not_started"


def test_reminders_from_the_progress_page(client, coordinator, env_staff, open_campaign,
                                          environment, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}campaigns/{open_campaign.pk}/remind/", {"department": [environment.pk]})
    assert [m.to for m in mail.outbox] == [["kankyo@hokkaido.example.jp"]]
    assert "1回" in client.get(f"{BASE}campaigns/{open_campaign.pk}/").content.decode()


def test_close_and_publish_then_the_report_is_public(client, coordinator, open_campaign):
    client.force_login(coordinator)
    client.post(f"{BASE}campaigns/{open_campaign.pk}/close/")
    client.post(f"{BASE}campaigns/{open_campaign.pk}/publish/")
    client.logout()
    assert client.get("/org/hokkaido/collaboration/reports/2005/").status_code == 200


@pytest.mark.parametrize("count", [3, 40])
def test_progress_page_query_count_is_constant(client, coordinator, open_campaign, hokkaido,
                                               count, django_assert_max_num_queries):
    from kyodo.core.tests.factories import DepartmentFactory

    departments = [DepartmentFactory(organisation=hokkaido) for _ in range(count)]
    SurveyResponse.objects.bulk_create([SurveyResponse(campaign=open_campaign, department=d)
                                        for d in departments])
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        assert client.get(f"{BASE}campaigns/{open_campaign.pk}/").status_code == 200


def test_a_project_needs_a_partner(client, env_staff, open_campaign, environment):
    client.force_login(env_staff)
    data = {"title": "相手のいない事業", "forms_": ["commission"], "partners-TOTAL_FORMS": "3",
            "partners-INITIAL_FORMS": "0", "partners-MIN_NUM_FORMS": "3",
            "partners-MAX_NUM_FORMS": "10"}
    page = client.post(response_url(open_campaign, environment, "projects/new/"), data)
    assert page.status_code == 200
    assert "協働の相手方を1つ以上入力してください" in page.content.decode()
    assert not Project.objects.exists()


# --- A draft campaign is corrected or deleted until it opens ----------------------------------------

@pytest.fixture
def draft(hokkaido, coordinator):
    from kyodo.collaboration import actions

    # Prepared long ago and never opened: its deadline has passed.
    return actions.create_campaign(coordinator, hokkaido, fiscal_year=2006,
                                   deadline=datetime.date(2006, 7, 31))


def test_draft_with_a_past_deadline_is_corrected_then_opened(client, coordinator, draft,
                                                             environment):
    client.force_login(coordinator)
    assert "内容・回答期限を変更する" in client.get(f"{BASE}campaigns/{draft.pk}/").content.decode()
    response = client.post(f"{BASE}campaigns/{draft.pk}/edit/", {
        "fiscal_year": "平成18年度", "deadline": "2100-07-31", "title": "平成18年度の調査",
        "instructions": "期限を延ばしました"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.deadline, draft.title, draft.status) == (datetime.date(2100, 7, 31),
                                                           "平成18年度の調査", "draft")
    client.post(f"{BASE}campaigns/{draft.pk}/open/")
    assert SurveyCampaign.objects.get(pk=draft.pk).status == "open"


def test_draft_is_deleted(client, coordinator, draft):
    client.force_login(coordinator)
    assert client.post(f"{BASE}campaigns/{draft.pk}/delete/").status_code == 302
    assert not SurveyCampaign.objects.filter(pk=draft.pk).exists()


def test_an_opened_campaign_is_neither_edited_nor_deleted(client, coordinator, open_campaign):
    client.force_login(coordinator)
    response = client.post(f"{BASE}campaigns/{open_campaign.pk}/edit/", {
        "fiscal_year": "2005", "deadline": "2100-12-31", "title": "改題"}, follow=True)
    assert "開始した調査は変更できません" in response.content.decode()
    response = client.post(f"{BASE}campaigns/{open_campaign.pk}/delete/", follow=True)
    assert "開始した調査は変更・削除できません" in response.content.decode()
    campaign = SurveyCampaign.objects.get(pk=open_campaign.pk)
    assert (campaign.title, campaign.deadline) == ("", datetime.date(2100, 1, 1))


def test_only_the_coordinator_corrects_a_draft(client, env_staff, draft, sapporo):
    client.force_login(env_staff)
    assert client.get(f"{BASE}campaigns/{draft.pk}/edit/").status_code == 403
    assert client.post(f"{BASE}campaigns/{draft.pk}/delete/").status_code == 403
    assert SurveyCampaign.objects.filter(pk=draft.pk).exists()


def test_a_draft_stays_in_its_organisation(coordinator, draft, sapporo):
    from django.core.exceptions import PermissionDenied

    from kyodo.collaboration import actions

    draft.organisation = sapporo
    with pytest.raises(PermissionDenied):
        actions.update_campaign(coordinator, draft)
    assert SurveyCampaign.objects.get(pk=draft.pk).organisation.slug == "hokkaido"
