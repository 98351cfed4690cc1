"""Excel import of themes, items and indicators: the template round-trips, every row is
checked first, problems are listed by sheet, row and column, and nothing is imported if any
row fails."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from kyodo.core.tests.factories import DepartmentFactory
from kyodo.plans.models import ActionItem, Indicator, Theme

pytestmark = pytest.mark.django_db


def workbook(themes=(), items=(), indicators=(), target_headers=("目標値(平成17年度/2005)", "目標値(平成18年度/2006)")):
    book = Workbook()
    book.remove(book.active)
    for name, header, rows in [
        ("重点項目", ["番号", "重点項目名", "説明"], themes),
        ("取組項目", ["項目番号", "重点項目番号", "取組項目名", "取組内容", "担当課"], items),
        ("成果指標", ["項目番号", "指標名", "単位", "基準値", "基準年度", "大きいほど良い", *target_headers], indicators),
    ]:
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "plan.xlsx"
    return buffer


@pytest.fixture
def importer_client(client, coordinator):
    client.force_login(coordinator)
    return client


def post(client, plan, upload):
    return client.post(f"/org/sapporo/plans/manage/{plan.pk}/import/", {"file": upload})


def test_a_good_workbook_imports_everything(importer_client, plan, sapporo_department):
    plan.status = "draft"  # filled as a 素案; additions to an adopted plan: test_adopted_plan_revisions.py
    plan.save()
    upload = workbook(
        themes=[(1, "市民サービスの改革", ""), (2, "コミュニケーションの改革", "対話")],
        items=[("1-1", 1, "窓口の改善", "待ち時間を減らす", "広報課"),
               ("2-1", 2, "広報紙の見直し", "", "総務局 広報課")],
        indicators=[("1-1", "平均待ち時間", "分", 25, 2004, "いいえ", 20, "１５"),
                    ("2-1", "読まれている割合", "%", None, None, "", 60, None)],
    )
    response = post(importer_client, plan, upload)
    assert response.status_code == 302
    assert list(Theme.objects.filter(plan=plan).values_list("number", "title")) == [
        (1, "市民サービスの改革"), (2, "コミュニケーションの改革")]
    item = ActionItem.objects.get(plan=plan, code="1-1")
    assert list(item.departments.all()) == [sapporo_department]
    wait = Indicator.objects.get(name="平均待ち時間")
    assert wait.higher_is_better is False and wait.baseline == 25
    assert {t.fiscal_year: t.value for t in wait.targets.all()} == {2005: 20, 2006: 15}


def test_any_bad_row_imports_nothing_and_lists_every_problem(importer_client, plan, sapporo,
                                                            sapporo_department):
    for parent in ("中央区役所", "北区役所"):
        DepartmentFactory(organisation=sapporo, name="総務課",
                          parent=DepartmentFactory(organisation=sapporo, name=parent))
    upload = workbook(
        themes=[(1, "市民サービスの改革", "")],
        items=[("1-1", 1, "窓口の改善", "", "広報課"),
               ("1-2", 9, "存在しない重点項目", "", "広報課"),
               ("1-3", 1, "あいまいな部署", "", "総務課"),
               ("1-4", 1, "", "", "広報課")],
        indicators=[("1-1", "平均待ち時間", "分", "たくさん", None, "いいえ", 20, 15)],
        target_headers=("目標値(2005)", "目標値(2010)"),
    )
    page = post(importer_client, plan, upload).content.decode()
    assert "件の誤りがあるため、何も取り込んでいません" in page
    expected = [
        ("取組項目", "3", "重点項目番号", "重点項目「9」がありません"),
        ("取組項目", "4", "担当課", "「総務課」という部署が複数あります"),
        ("取組項目", "5", "取組項目名", "入力してください"),
        ("成果指標", "1", "目標値(2010)", "目標値の年度が計画期間"),
        ("成果指標", "2", "基準値", "数値で入力してください"),
    ]
    for sheet, row, column, reason in expected:
        assert (f'<th scope="row">{sheet}</th><td class="num" data-label="行">{row}</td>'
                f'<td data-label="列">{column}</td><td data-label="理由">{reason}') in page, (sheet, row, column)
    assert not Theme.objects.filter(plan=plan).exists()
    assert not ActionItem.objects.filter(plan=plan).exists()


def test_template_round_trips_and_updates_a_draft_in_place(importer_client, plan, item, indicator):
    plan.status = "draft"  # an adopted plan is revised instead: test_import_adopted_plan.py
    plan.save()
    template = importer_client.get(f"/org/sapporo/plans/manage/{plan.pk}/import/template.xlsx")
    book = load_workbook(io.BytesIO(template.content))
    assert book["取組項目"]["C2"].value == "出前講座の充実"
    book["取組項目"]["C2"].value = "出前講座の拡充"
    book["成果指標"]["H2"].value = 400  # 目標値 of 2006
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "plan.xlsx"
    assert post(importer_client, plan, buffer).status_code == 302
    item.refresh_from_db()
    assert item.title == "出前講座の拡充"
    assert ActionItem.objects.filter(plan=plan).count() == 1
    assert indicator.targets.get(fiscal_year=2006).value == 400


def test_a_file_that_is_not_excel_is_refused(importer_client, plan):
    upload = io.BytesIO(b"not a workbook")
    upload.name = "plan.xlsx"
    page = post(importer_client, plan, upload).content.decode()
    assert "Excelファイル(.xlsx)として読めませんでした" in page
    text = io.BytesIO(b"a,b")
    text.name = "plan.csv"
    assert "Excelファイル(.xlsx)を選んでください" in post(importer_client, plan, text).content.decode()


def test_department_staff_cannot_import(client, plan, staff):
    client.force_login(staff)
    assert post(client, plan, workbook()).status_code == 403


def test_import_leaves_fresh_planner_statistics_on_postgresql(importer_client, plan, sapporo_department):
    plan.status = "draft"  # filled as a 素案; additions to an adopted plan: test_adopted_plan_revisions.py
    plan.save()
    """After a bulk write the planner must not read the filled tables as empty (issue 13 §11)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    upload = workbook(themes=[(1, "市民サービスの改革", "")],
                      items=[(f"1-{n}", 1, f"取組{n}", "", "広報課") for n in range(1, 41)])
    assert importer_client.post(f"/org/sapporo/plans/manage/{plan.pk}/import/",
                                {"file": upload}).status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'plans_actionitem'")
        [(estimate,)] = cursor.fetchall()
    assert estimate == ActionItem.objects.count() == 40
