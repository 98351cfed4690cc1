"""What careless or hostile people type into 協働: a Japanese message, a 400/404/422, never a
500, and nothing saved. Full-width digits and 和暦 are what people type: they are accepted."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kyodo.collaboration import actions, imports
from kyodo.collaboration.models import (
    EvaluationSheet, EvaluationTemplate, Initiative, Partner, ProfileSubmission, Project,
    SheetRating, Side, SurveyCampaign,
)

from .conftest import sheet_of

ORG = "/org/hokkaido/collaboration/"
MANAGE = ORG + "manage/"
HUGE = "9" * 25
NUL = "森\x00の学校"
LONG = "あ" * 25_000  # beyond any text limit (MAX_TEXT is 20,000)


def page_of(response):
    return response.content.decode()


@pytest.fixture
def open_campaign(campaign):
    SurveyCampaign.objects.filter(pk=campaign.pk).update(deadline=datetime.date(2100, 1, 1))
    campaign.refresh_from_db()
    return campaign


# --- Addresses -------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", ["99999999999999999999", "0", "10000", "0999"])
def test_report_of_an_impossible_year_is_not_found(client, hokkaido, year):
    assert client.get(f"{ORG}reports/{year}/").status_code == 404
    assert client.get(f"{ORG}reports/{year}/download.csv").status_code == 404


@pytest.mark.parametrize("year", ["1", "0", "10000", HUGE, "-5", "²", "令和99"])
def test_import_template_of_an_impossible_year_is_a_400(client, hokkaido, year):
    response = client.get(ORG + "import-template.xlsx", {"year": year})
    assert response.status_code == 400
    assert "年" in page_of(response)


@pytest.mark.parametrize("typed, year", [("２００５", 2005), ("平成17年度", 2005), ("R8", 2026)])
def test_import_template_reads_the_year_as_people_type_it(client, hokkaido, typed, year):
    response = client.get(ORG + "import-template.xlsx", {"year": typed})
    assert response.status_code == 200
    assert f"collaboration-projects-{year}.xlsx" in response["Content-Disposition"]


@pytest.mark.parametrize("params", [
    {"page": HUGE}, {"page": "-1"}, {"page": "abc"}, {"q": NUL}, {"q": LONG},
    {"partner_type": NUL}, {"field": "x" * 500}, {"area": NUL},
])
def test_partner_directory_survives_any_query(client, partner, params):
    response = client.get(ORG + "partners/", params)
    assert response.status_code == 200
    assert partner.name in page_of(response) or "q" in params or "area" in params


@pytest.mark.parametrize("params", [
    {"fiscal_year": HUGE}, {"fiscal_year": "0"}, {"fiscal_year": "10000"},
    {"fiscal_year": NUL}, {"department": HUGE}, {"department": "²"}, {"page": HUGE},
    {"q": NUL}, {"q": LONG}, {"form": NUL},
])
def test_project_list_survives_any_query(client, hokkaido, params):
    assert client.get(ORG + "projects/", params).status_code == 200


def test_project_list_takes_a_full_width_year(client, project, coordinator, campaign):
    actions.close_campaign(coordinator, campaign)
    actions.publish_campaign(coordinator, campaign)
    page = page_of(client.get(ORG + "projects/", {"fiscal_year": "２００５"}))
    assert project.title in page
    assert 'id="id_fiscal_year_error"' not in page


def test_staff_partner_list_survives_any_query(client, coordinator, partner):
    client.force_login(coordinator)
    for params in ({"page": HUGE}, {"q": NUL}, {"verified": NUL}, {"q": LONG}):
        assert client.get(MANAGE + "partners/", params).status_code == 200


# --- The API -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, params", [
    ("partners", {"q": NUL}), ("partners", {"area": "x" * 1000}), ("partners", {"page": HUGE}),
    ("partners", {"page": "0"}), ("projects", {"fiscal_year": "0"}),
    ("projects", {"fiscal_year": "10000"}), ("projects", {"fiscal_year": HUGE}),
    ("projects", {"form": NUL}), ("evaluations", {"page": HUGE}),
])
def test_api_refuses_bad_arguments_with_a_422(client, hokkaido, path, params):
    response = client.get(f"/api/v1/organisations/hokkaido/collaboration/{path}", params)
    assert response.status_code == 422
    assert "detail" in response.json()


@pytest.mark.parametrize("year", ["0", "10000", HUGE])
def test_api_survey_of_an_impossible_year_is_a_422(client, hokkaido, year):
    assert client.get(f"/api/v1/organisations/hokkaido/collaboration/surveys/{year}").status_code == 422


# --- The project form --------------------------------------------------------------------------------

def project_data(**changes):
    data = {"title": "川の学校", "forms_": ["co_hosting"], "fields_": ["environment"],
            "budget": "250000", "partners-TOTAL_FORMS": "3", "partners-INITIAL_FORMS": "0",
            "partners-MIN_NUM_FORMS": "3", "partners-MAX_NUM_FORMS": "10",
            "partners-0-name": "NPO法人 北の森づくり", "partners-0-partner_type": "npo"}
    data.update(changes)
    return data


@pytest.mark.parametrize("field, value, message", [
    ("budget", HUGE, "1兆円未満"), ("budget", "-1", ""), ("budget", "1e9", "金額"),
    ("budget", "1000000000000", "1兆円未満"),
    ("start_date", "9999-01-01", "日付は"), ("start_date", "0000-00-00", "日付"),
    ("start_date", "2005-13-45", "日付"), ("end_date", "10000-01-01", "日付"),
    ("title", NUL, ""), ("title", "あ" * 10_000, ""), ("purpose", NUL, ""),
    ("content", LONG, ""), ("partners-0-name", NUL, ""), ("partners-0-role", "あ" * 10_000, ""),
])
def test_project_form_refuses_hostile_values(client, env_staff, open_campaign, environment,
                                             partner, field, value, message):
    client.force_login(env_staff)
    url = f"{MANAGE}campaigns/{open_campaign.pk}/departments/{environment.pk}/projects/new/"
    response = client.post(url, project_data(**{field: value}))
    assert response.status_code == 200
    assert message in page_of(response) and "_error" in page_of(response)
    assert not Project.objects.exists()


def test_project_form_takes_full_width_yen_and_wareki_dates(client, env_staff, open_campaign,
                                                            environment, partner):
    client.force_login(env_staff)
    url = f"{MANAGE}campaigns/{open_campaign.pk}/departments/{environment.pk}/projects/new/"
    response = client.post(url, project_data(budget="１，２００，０００円",
                                             start_date="平成17年5月1日", end_date="２００６-０３-３１"))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.budget == 1_200_000
    assert (project.start_date, project.end_date) == (datetime.date(2005, 5, 1),
                                                      datetime.date(2006, 3, 31))


def test_actions_refuse_a_budget_the_form_never_saw(env_staff, open_campaign, environment,
                                                    partner, hokkaido):
    project = Project(organisation=hokkaido, campaign=open_campaign, department=environment,
                      fiscal_year=2005, title="巨額の事業", budget=10**15)
    with pytest.raises(actions.ValidationError) as refusal:
        actions.save_project(env_staff, project, forms=["commission"], fields=[], partners=[
            {"name": partner.name, "partner_type": "npo", "partner": partner}])
    assert "予算額は1兆円未満" in " ".join(refusal.value.messages)
    assert not Project.objects.exists()


# --- The Excel import --------------------------------------------------------------------------------

def workbook(**cells):
    values = {"事業名": "森の学校", "協働の形態": "委託", "予算額(円)": 100000,
              "相手方1": "NPO法人 北の森づくり", "相手方1の種別": "NPO法人"}
    values.update(cells)
    header = [c[0] for c in imports.COLUMNS]
    book = Workbook()
    sheet = book.active
    sheet.title = "協働事業"
    sheet.append(header)
    sheet.append([values.get(h) for h in header])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("projects.xlsx", out.getvalue())


@pytest.fixture
def response(open_campaign, environment):
    return open_campaign.responses.select_related("campaign", "department").get(
        department=environment)


@pytest.mark.parametrize("column, value", [
    ("予算額(円)", int(HUGE)), ("予算額(円)", HUGE), ("予算額(円)", -5), ("予算額(円)", 1.5),
    ("予算額(円)", "たくさん"), ("開始日", "9999-12-31"), ("開始日", datetime.datetime(1, 1, 1)),
    ("開始日", "2005-02-30"), ("開始日", 99999999), ("終了日", "令和99年1月1日"),
    ("事業名", "あ" * 151),
    ("目的", LONG), ("相手方1", "あ" * 101), ("相手方1の役割", "あ" * 201),
])
def test_import_refuses_hostile_cells_as_row_errors(env_staff, response, partner, column, value):
    with pytest.raises(imports.ImportRefused) as refusal:
        imports.import_projects(env_staff, response, workbook(**{column: value}))
    assert [(row, col) for row, col, _message in refusal.value.errors] == [(2, column)]
    assert not Project.objects.exists()


@pytest.mark.parametrize("key", ["title", "purpose", "content", "results", "partner1_name",
                                 "partner1_role"])
def test_import_refuses_a_nul_in_any_text_cell(key, partner):
    # xlsx can carry a NUL (as 「_x0000_」); whatever reads the file, it must not reach the database.
    values = {"title": "森の学校", "forms": "委託", "partner1_name": partner.name, key: NUL}
    project, errors = imports.parse_row(values, 2005, {partner.name: partner})
    assert project is None and list(errors) == [dict((c[1], c[0]) for c in imports.COLUMNS)[key]]


def test_import_screen_shows_the_row_error(client, env_staff, response, partner, environment):
    client.force_login(env_staff)
    url = f"{MANAGE}campaigns/{response.campaign_id}/departments/{environment.pk}/import/"
    page = client.post(url, {"file": workbook(**{"予算額(円)": HUGE})})
    assert page.status_code == 400
    assert "予算額(円)" in page_of(page) and "1兆円未満" in page_of(page)
    assert not Project.objects.exists()


def test_import_takes_full_width_yen_and_wareki_dates(env_staff, response, partner):
    imports.import_projects(env_staff, response, workbook(**{
        "予算額(円)": "１，２００，０００円", "開始日": "平成17年5月1日", "終了日": 20060331}))
    project = Project.objects.get()
    assert project.budget == 1_200_000
    assert (project.start_date, project.end_date) == (datetime.date(2005, 5, 1),
                                                      datetime.date(2006, 3, 31))


# --- Survey campaigns --------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("fiscal_year", "0"), ("fiscal_year", "10000"), ("fiscal_year", HUGE), ("fiscal_year", "1800"),
    ("fiscal_year", "²"), ("deadline", "99999-01-01"), ("deadline", "0001-01-01"),
    ("deadline", "2006-02-30"), ("title", NUL), ("instructions", LONG),
])
def test_campaign_form_refuses_hostile_values(client, coordinator, field, value):
    client.force_login(coordinator)
    data = {"fiscal_year": "2006", "deadline": "2100-06-30", field: value}
    response = client.post(MANAGE + "campaigns/new/", data)
    assert response.status_code == 200 and f"id_{field}_error" in page_of(response)
    assert not SurveyCampaign.objects.exists()


def test_campaign_form_takes_wareki_and_full_width(client, coordinator):
    client.force_login(coordinator)
    client.post(MANAGE + "campaigns/new/", {"fiscal_year": "令和8年度", "deadline": "２１００－０６－３０"})
    campaign = SurveyCampaign.objects.get()
    assert (campaign.fiscal_year, campaign.deadline) == (2026, datetime.date(2100, 6, 30))


@pytest.mark.parametrize("deadline", ["10000-01-01", "0000-01-01", HUGE, NUL])
def test_reopening_with_an_impossible_deadline_changes_nothing(client, coordinator, open_campaign,
                                                               deadline):
    actions.close_campaign(coordinator, open_campaign)
    client.force_login(coordinator)
    response = client.post(f"{MANAGE}campaigns/{open_campaign.pk}/reopen/", {"deadline": deadline},
                           follow=True)
    assert "新しい回答期限を入力してください" in page_of(response)
    assert SurveyCampaign.objects.get(pk=open_campaign.pk).status == "closed"


@pytest.mark.parametrize("value", [HUGE, "１x", "-1", "0", NUL])
def test_reminders_to_unreadable_departments_send_nothing(client, coordinator, open_campaign,
                                                          value):
    client.force_login(coordinator)
    response = client.post(f"{MANAGE}campaigns/{open_campaign.pk}/remind/",
                           {"department": [value]}, follow=True)
    assert "選択された項目を読み取れませんでした" in page_of(response)
    assert not mail.outbox
    assert not open_campaign.responses.filter(reminder_count__gt=0).exists()


@pytest.mark.parametrize("value", [HUGE, "一", NUL])
def test_carrying_over_unreadable_projects_copies_nothing(client, env_staff, open_campaign,
                                                          environment, value):
    client.force_login(env_staff)
    url = f"{MANAGE}campaigns/{open_campaign.pk}/departments/{environment.pk}/answer/carry/"
    response = client.post(url, {"projects": [value]}, follow=True)
    assert "選択された項目を読み取れませんでした" in page_of(response)
    assert not Project.objects.exists()


# --- Partner profiles --------------------------------------------------------------------------------

def profile_data(**changes):
    data = {"name": "川の会", "partner_type": "voluntary", "fields_": ["environment"]}
    data.update(changes)
    return data


@pytest.mark.parametrize("field, value", [
    ("phone", "abc"), ("phone", HUGE), ("phone", "0" * 60), ("phone", NUL),
    ("founded_year", "0"), ("founded_year", "10000"), ("founded_year", HUGE),
    ("founded_year", "²"), ("description", NUL), ("description", LONG), ("name", "あ" * 10_000),
    ("address", NUL), ("website", "javascript:alert(1)"),
])
def test_partner_forms_refuse_hostile_values(client, coordinator, partner, partner_member,
                                             field, value):
    client.force_login(coordinator)
    response = client.post(MANAGE + "partners/new/", profile_data(**{field: value}))
    assert response.status_code == 200 and f"id_{field}_error" in page_of(response)
    assert not Partner.objects.filter(name="川の会").exists()
    client.force_login(partner_member)
    response = client.post(f"{ORG}partners/{partner.pk}/edit/", profile_data(**{field: value}))
    assert response.status_code == 200 and f"id_{field}_error" in page_of(response)
    assert not ProfileSubmission.objects.exists()


def test_partner_form_stores_phone_normalised_and_reads_wareki(client, coordinator):
    client.force_login(coordinator)
    client.post(MANAGE + "partners/new/", profile_data(phone="０１１－２１１－２１１１",
                                                        founded_year="平成13年"))
    partner = Partner.objects.get(name="川の会")
    assert (partner.phone, partner.founded_year) == ("011-211-2111", 2001)


def test_profile_proposal_with_a_bad_phone_is_refused_by_the_action(partner, partner_member):
    with pytest.raises(actions.ValidationError):
        actions.submit_profile(partner_member, partner, {"phone": "電話して", "fields": []})
    assert not ProfileSubmission.objects.exists()


# --- Evaluation sheets ------------------------------------------------------------------------------

@pytest.mark.parametrize("comment", [NUL, LONG])
def test_sheet_comments_refuse_nul_and_endless_text(client, env_staff, evaluation, comment):
    client.force_login(env_staff)
    criterion = evaluation.template.criteria.filter(stage=evaluation.stage).first()
    url = f"{ORG}evaluations/{evaluation.pk}/sheets/{Side.ADMINISTRATION}/"
    for data in ({f"score_{criterion.pk}": "4", f"comment_{criterion.pk}": comment},
                 {"overall_comment": comment}):
        response = client.post(url, data)
        assert response.status_code == 200 and "_error" in page_of(response)
    assert not SheetRating.objects.exists()
    assert sheet_of(evaluation, Side.ADMINISTRATION).overall_comment == ""


def test_sheet_score_outside_the_scale_is_refused(client, env_staff, evaluation):
    client.force_login(env_staff)
    criterion = evaluation.template.criteria.filter(stage=evaluation.stage).first()
    url = f"{ORG}evaluations/{evaluation.pk}/sheets/{Side.ADMINISTRATION}/"
    for score in (HUGE, "-1", "0", "４"):
        client.post(url, {f"score_{criterion.pk}": score})
    assert not SheetRating.objects.exists()
    assert EvaluationSheet.objects.filter(evaluation=evaluation, submitted_at=None).count() == 2


@pytest.mark.parametrize("comment", [NUL, LONG])
def test_joint_comment_refuses_nul_and_endless_text(client, env_staff, evaluation, comment):
    evaluation.status = "revealed"
    evaluation.save()
    client.force_login(env_staff)
    response = client.post(f"{ORG}evaluations/{evaluation.pk}/", {"joint_comment": comment})
    assert response.status_code == 200 and "_error" in page_of(response)
    evaluation.refresh_from_db()
    assert evaluation.joint_comment == ""


# --- Coordinator: templates and initiatives ----------------------------------------------------------

@pytest.mark.parametrize("scale", [
    "五 良い\n1 悪い", f"{HUGE} 良い\n1 悪い", "1000 良い\n1 悪い", "5 良\x00い\n1 悪い",
    "5 " + "あ" * 100 + "\n1 悪い", "5 良い\n" * 2000,
])
def test_template_scale_refuses_hostile_values(client, coordinator, scale):
    client.force_login(coordinator)
    response = client.post(MANAGE + "templates/new/", {"name": "様式", "scale": scale,
                                                       "is_active": "on"})
    assert response.status_code == 200 and "id_scale_error" in page_of(response)
    assert not EvaluationTemplate.objects.exists()


def test_template_scale_takes_full_width_digits(client, coordinator):
    client.force_login(coordinator)
    client.post(MANAGE + "templates/new/", {"name": "様式", "scale": "５：良い\n１　悪い"})
    assert EvaluationTemplate.objects.get().scale == [[5, "良い"], [1, "悪い"]]


@pytest.mark.parametrize("field, value", [
    ("fiscal_year", "0"), ("fiscal_year", "10000"), ("fiscal_year", HUGE), ("date", "9999-01-01"),
    ("date", "2005-02-30"), ("title", NUL), ("description", LONG), ("sort_order", HUGE),
    ("sort_order", "-1"),
])
def test_initiative_form_refuses_hostile_values(client, coordinator, field, value):
    client.force_login(coordinator)
    data = {"fiscal_year": "2005", "category": "basis", "kind": "ordinance", "title": "協働条例",
            "sort_order": "0", field: value}
    response = client.post(MANAGE + "initiatives/new/", data)
    assert response.status_code == 200 and f"id_{field}_error" in page_of(response)
    assert not Initiative.objects.exists()


def test_initiative_form_takes_wareki(client, coordinator):
    client.force_login(coordinator)
    client.post(MANAGE + "initiatives/new/", {"fiscal_year": "平成17年度", "category": "basis",
                                              "kind": "ordinance", "title": "協働条例",
                                              "sort_order": "０"})
    assert Initiative.objects.get().fiscal_year == 2005
