"""Excel import of a department's projects: documented template, row errors, all or nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kyodo.collaboration import imports
from kyodo.collaboration.models import Project, SurveyCampaign
from kyodo.collaboration.imports import COLUMNS

HEADER = [c[0] for c in COLUMNS]


def workbook(*rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.title = "協働事業"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("projects.xlsx", out.getvalue())


def row(title, forms="委託", fields="5", partner="NPO法人 北の森づくり", ptype="NPO法人", budget=100000):
    values = {"事業名": title, "協働の形態": forms, "分野": fields, "予算額(円)": budget,
              "相手方1": partner, "相手方1の種別": ptype, "開始日": "2005-05-01",
              "終了日": "2006-03-31"}
    return [values.get(h) for h in HEADER]


@pytest.fixture
def response(campaign, environment):
    SurveyCampaign.objects.filter(pk=campaign.pk).update(deadline=datetime.date(2100, 1, 1))
    return campaign.responses.select_related("campaign", "department").get(department=environment)


def test_template_documents_the_columns_and_the_years_fields(client, hokkaido):
    book = load_workbook(io.BytesIO(client.get(
        "/org/hokkaido/collaboration/import-template.xlsx?year=2005").content))
    assert [c.value for c in book["協働事業"][1]] == HEADER
    guide = "\n".join(str(c) for r in book["記入方法"].iter_rows(values_only=True) for c in r if c)
    assert "委託" in guide and "17. 前各号に掲げる活動を行う団体" in guide
    assert "観光の振興" not in guide  # not a field in 平成17年度


def test_valid_file_imports_every_row(env_staff, response, partner):
    # 5 is 環境の保全 in the 17-field list of 平成17年度; a listed partner needs no type.
    created = imports.import_projects(env_staff, response, workbook(
        row("森の学校", forms="委託、共催", fields="5, 子どもの健全育成"), row("川の清掃", ptype="")))
    assert len(created) == 2
    school = Project.objects.get(title="森の学校")
    assert sorted(school.forms.values_list("form", flat=True)) == ["co_hosting", "commission"]
    assert sorted(school.fields.values_list("field", flat=True)) == ["children", "environment"]


def test_one_bad_row_refuses_the_whole_file(env_staff, response):
    with pytest.raises(imports.ImportRefused) as refused:
        imports.import_projects(env_staff, response, workbook(
            row("森の学校"), row("寄附の受入れ", forms="寄附"), row("観光", fields="観光"),
            row("森の学校"), row("無名", partner="謎の会", ptype="")))
    errors = refused.value.errors
    assert (3, "協働の形態", "不明な協働の形態です: 寄附") in errors
    assert any(e[0] == 4 and e[1] == "分野" and "平成17年度の別表にない分野" in e[2] for e in errors)
    assert (5, "事業名", "2行目と同じ事業名です。") in errors
    assert any(e[0] == 6 and e[1] == "相手方1の種別" for e in errors)
    assert not Project.objects.exists()


def test_unknown_column_and_duplicates_of_existing_projects(env_staff, response, project):
    with pytest.raises(imports.ImportRefused) as refused:
        imports.import_projects(env_staff, response, workbook(header=HEADER + ["備考欄"]))
    assert refused.value.errors == [(1, "備考欄", "不明な列です。様式の列名を使ってください。")]
    with pytest.raises(imports.ImportRefused) as refused:
        imports.import_projects(env_staff, response, workbook(row("道民の森づくり事業")))
    assert refused.value.errors[0][2] == "この部署の同じ年度にすでに登録されている事業です。"


def test_not_an_excel_file(env_staff, response):
    with pytest.raises(imports.ImportRefused, match="errors"):
        imports.import_projects(env_staff, response, SimpleUploadedFile("x.xlsx", b"hello"))


def test_import_screen_lists_row_errors(client, env_staff, response):
    client.force_login(env_staff)
    url = (f"/org/hokkaido/collaboration/manage/campaigns/{response.campaign_id}/departments/"
           f"{response.department_id}/import/")
    page = client.post(url, {"file": workbook(row("A", forms="寄附"))})
    assert page.status_code == 400
    assert "不明な協働の形態です: 寄附" in page.content.decode()
    ok = client.post(url, {"file": workbook(row("A"))})
    assert ok.status_code == 302 and Project.objects.filter(title="A").exists()


def test_import_after_the_deadline_is_refused(env_staff, campaign, environment):
    from django.core.exceptions import ValidationError

    response = campaign.responses.get(department=environment)
    with pytest.raises(ValidationError, match="回答期限"):
        imports.import_projects(env_staff, response, workbook(row("A")),
                                today=datetime.date(2005, 8, 1))
