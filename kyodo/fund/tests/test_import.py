"""Grants from Excel: the download's columns; a file with any bad row imports nothing and each
refusal names its row; a file that is not Excel is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kyodo.fund.models import Grant

pytestmark = pytest.mark.django_db
HEAD = ["年度", "募集回", "区分", "団体名", "事業名", "分野", "活動地域", "助成額(円)"]


def workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEAD)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("grants.xlsx", buffer.getvalue())


def test_a_good_file_imports_every_row(client, coordinator, fund, round_2003, general):
    client.force_login(coordinator)
    response = client.post(f"/org/hokkaido/fund/manage/{fund.pk}/import/", {"file": workbook([
        ["平成15年度", 1, "一般助成", "室蘭環境市民ネット", "海岸清掃", "環境保全", "胆振管内", "１５０，０００"],
        [2003, 1, "", "恵庭読み聞かせの会", "絵本の会", "children", "石狩管内", 80000],
    ])})
    assert response.status_code == 302
    assert sorted(Grant.objects.values_list("title", "amount", "field")) == [
        ("海岸清掃", 150_000, "environment"), ("絵本の会", 80_000, "children")]


def test_one_bad_row_imports_nothing_and_is_named(client, coordinator, fund, round_2003, general):
    client.force_login(coordinator)
    response = client.post(f"/org/hokkaido/fund/manage/{fund.pk}/import/", {"file": workbook([
        [2003, 1, "一般助成", "室蘭環境市民ネット", "海岸清掃", "環境保全", "胆振管内", 150000],
        [2003, 1, "一般助成", "大きな会", "大きな事業", "環境保全", "胆振管内", 900000],
        [2003, 1, "一般助成", "観光の会", "観光事業", "観光", "胆振管内", 1000],
        [2009, 1, "", "未来の会", "事業", "環境保全", "胆振管内", 1000],
    ])})
    page = response.content.decode()
    assert response.status_code == 400
    assert "3行目" in page and "上限額" in page
    assert "4行目" in page and "平成15年度" in page
    assert "5行目" in page and "募集回" in page
    assert not Grant.objects.exists()


def test_a_file_that_is_not_excel_is_refused(client, coordinator, fund):
    client.force_login(coordinator)
    response = client.post(f"/org/hokkaido/fund/manage/{fund.pk}/import/",
                           {"file": SimpleUploadedFile("grants.xlsx", b"not a zip")})
    assert response.status_code == 400 and "Excelファイル" in response.content.decode()


def test_a_bulk_import_refreshes_the_planners_statistics(coordinator, fund, round_2003, general, monkeypatch):
    """PostgreSQL plans the grant pages from table statistics; after thousands of new rows those
    of an empty table give plans that take minutes (issue 13 §11)."""
    from kyodo.core import db
    from kyodo.fund import actions

    analysed = []
    monkeypatch.setattr(db, "analyze", lambda *models: analysed.extend(models))
    row = {"round": round_2003, "category": general, "group_name": "室蘭環境市民ネット",
           "title": "海岸清掃", "field": "environment", "area": "胆振管内", "amount": 1000}
    actions.import_grants(coordinator, fund, [row] * 3)
    assert analysed == []  # a handful of rows: the statistics stay good enough
    actions.import_grants(coordinator, fund, [row] * db.BULK_ROWS)
    assert analysed == [Grant]
