"""What careless users and attackers type into the plans module: year 0 and 10000, 25-digit
numbers, NUL bytes, endless text, dates that do not exist — in every form, filter, import cell
and API argument. Each is refused in Japanese (next to the field, as an import row problem or
as an API 422) and nothing is written; full-width digits and 和暦 are read as people mean them.
Run on SQLite and PostgreSQL (where NUL and integer overflow fail differently)."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from kyodo.plans import actions
from kyodo.plans.models import (
    ActionItem, Indicator, IndicatorActual, IndicatorTarget, ItemBudget, Plan, ProgressReport,
    ReportTransition, Revision, Theme,
)

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/plans/"
MANAGE = BASE + "manage/"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

HUGE = "1234567890123456789012345"  # 25 digits: beyond bigint, Decimal(18) and any year
NUL = "2005\x00"
ENDLESS = "あ" * 10_000
BAD_YEARS = ["0", "10000", HUGE, "-2005", NUL, "二千五", "2005-02-30"]
BAD_NUMBERS = [HUGE, "-" + HUGE, "1e999", "NaN", "12\x00", "百", "1" * 5000]
BAD_DATES = ["2005-02-30", "9999-12-31", "0001-01-01", "10000-01-01", "2005-13-01", NUL]


def field_error(response, name):
    """The Japanese message shown next to field ``name``."""
    page = response.content.decode()
    match = re.search(rf'id="id_{name}_error">(.*?)</div>', page, re.S)
    assert response.status_code == 200 and match, f"no message next to {name}"
    message = re.sub(r"<[^>]+>", "", match.group(1)).strip()
    assert JAPANESE.search(message), message
    return message


def snapshot():
    """Everything the module stores, to prove a refused request wrote nothing."""
    models = (Plan, Theme, ActionItem, Indicator, IndicatorTarget, IndicatorActual, ItemBudget,
              ProgressReport, ReportTransition, Revision)
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in models}


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# --- Public dashboard filter --------------------------------------------------------------------

@pytest.mark.parametrize("value", BAD_YEARS + ["2008"])
def test_dashboard_year_filter_refused_next_to_the_field(client, plan, item, value):
    response = client.get(f"{BASE}{plan.pk}/", {"fiscal_year": value, "status": "not_started"})
    field_error(response, "fiscal_year")
    # The other filters still apply.
    assert "1件の取組項目" in response.content.decode()


@pytest.mark.parametrize("name", ["theme", "department", "status"])
@pytest.mark.parametrize("value", [HUGE, "-1", NUL, ENDLESS])
def test_dashboard_choice_filters_refused_next_to_the_field(client, plan, item, name, value):
    field_error(client.get(f"{BASE}{plan.pk}/", {name: value}), name)


@pytest.mark.parametrize("value", ["２００５", "平成17年度", "H17", " 2005 "])
def test_dashboard_year_filter_reads_full_width_and_wareki(client, plan, item, value):
    page = client.get(f"{BASE}{plan.pk}/", {"fiscal_year": value}).content.decode()
    assert "id_fiscal_year_error" not in page
    assert "平成17年度（2005年度）の目標・実績" in page or "平成17年度の目標・実績" in page


def test_unknown_download_and_huge_ids_are_not_found(client, plan):
    assert client.get(f"{BASE}{plan.pk}/download/items.exe").status_code == 404
    assert client.get(f"{BASE}{HUGE}/").status_code == 404
    assert client.get(f"{BASE}{plan.pk}/items/{HUGE}/").status_code == 404


# --- Reporting status (query string) ---------------------------------------------------------------

@pytest.mark.parametrize("value", BAD_YEARS + ["2008"])
def test_reporting_status_year_refused_next_to_the_field(coordinator_client, plan, item, value):
    response = coordinator_client.get(f"{MANAGE}{plan.pk}/reporting/",
                                      {"fiscal_year": value, "period": "year"})
    field_error(response, "fiscal_year")


@pytest.mark.parametrize("value", [NUL, ENDLESS, "year\x00"])
def test_reporting_status_period_refused_next_to_the_field(coordinator_client, plan, value):
    response = coordinator_client.get(f"{MANAGE}{plan.pk}/reporting/",
                                      {"fiscal_year": "2005", "period": value})
    field_error(response, "period")


def test_reporting_status_reads_wareki(coordinator_client, plan, item):
    page = coordinator_client.get(f"{MANAGE}{plan.pk}/reporting/",
                                  {"fiscal_year": "平成１７年度", "period": "year"}).content.decode()
    assert "id_fiscal_year_error" not in page and "まだ報告していない担当課" in page


# --- Plan form ------------------------------------------------------------------------------------

def plan_form(**overrides):
    data = {"title": "新しいプラン", "summary": "", "start_fiscal_year": "2010",
            "end_fiscal_year": "2014", "status": "draft", "adopted_on": "",
            "coordinating_department": "", "reporting_period": "year", "sort_order": "0"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("name", ["start_fiscal_year", "end_fiscal_year"])
@pytest.mark.parametrize("value", BAD_YEARS)
def test_plan_years_refused(coordinator_client, plan, name, value):
    before = snapshot()
    field_error(coordinator_client.post(f"{MANAGE}new/", plan_form(**{name: value})), name)
    field_error(coordinator_client.post(f"{MANAGE}{plan.pk}/edit/", plan_form(**{name: value})), name)
    assert snapshot() == before


@pytest.mark.parametrize("value", BAD_DATES + ["令和99年1月1日"])
def test_plan_adoption_date_refused(coordinator_client, value):
    field_error(coordinator_client.post(f"{MANAGE}new/", plan_form(adopted_on=value)), "adopted_on")
    assert not Plan.objects.exists()


@pytest.mark.parametrize("name, value", [
    ("title", ENDLESS), ("title", "プラン\x00"), ("summary", "概要\x00"), ("summary", "あ" * 20_001),
    ("sort_order", HUGE), ("sort_order", "-1"), ("coordinating_department", HUGE),
    ("coordinating_department", NUL), ("status", NUL), ("reporting_period", ENDLESS),
])
def test_plan_text_and_choices_refused(coordinator_client, name, value):
    field_error(coordinator_client.post(f"{MANAGE}new/", plan_form(**{name: value})), name)
    assert not Plan.objects.exists()


def test_a_span_of_two_centuries_is_refused(coordinator_client):
    response = coordinator_client.post(f"{MANAGE}new/",
                                       plan_form(start_fiscal_year="1900", end_fiscal_year="2100"))
    assert "計画期間は30年度以内にしてください。" in field_error(response, "end_fiscal_year")
    assert not Plan.objects.exists()


def test_plan_years_and_dates_typed_full_width_or_in_wareki(coordinator_client):
    response = coordinator_client.post(f"{MANAGE}new/", plan_form(
        start_fiscal_year="平成２２年度", end_fiscal_year="２０１４", adopted_on="平成22年3月31日",
        sort_order="１２"))
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.start_fiscal_year, plan.end_fiscal_year, plan.sort_order) == (2010, 2014, 12)
    assert plan.adopted_on.isoformat() == "2010-03-31"


# --- Themes, items, indicators ------------------------------------------------------------------

@pytest.mark.parametrize("name, value", [
    ("number", HUGE), ("number", "-1"), ("number", str(2**63)), ("number", NUL),
    ("title", ENDLESS), ("description", "説明\x00"),
])
def test_theme_form_refuses(coordinator_client, plan, name, value):
    data = {"number": "2", "title": "職員の意識改革", "description": ""}
    data[name] = value
    field_error(coordinator_client.post(f"{MANAGE}{plan.pk}/themes/new/", data), name)
    assert not Theme.objects.exists()


@pytest.mark.parametrize("name, value", [
    ("code", ENDLESS), ("code", "1-\x00"), ("title", ENDLESS), ("sort_order", HUGE),
    ("theme", HUGE), ("theme", NUL), ("departments", HUGE),
])
def test_item_form_refuses(coordinator_client, plan, theme, sapporo_department, name, value):
    data = {"theme": theme.pk, "code": "1-2", "title": "窓口の改善", "description": "",
            "departments": [sapporo_department.pk], "sort_order": "0"}
    data[name] = value
    field_error(coordinator_client.post(f"{MANAGE}{plan.pk}/items/new/", data), name)
    assert not ActionItem.objects.exists()


def indicator_form(**overrides):
    data = {"name": "受講者数", "unit": "人", "baseline": "", "baseline_year": "",
            "higher_is_better": "on", "sort_order": "0", "target_2005": "", "target_2006": ""}
    data.update(overrides)
    return data


@pytest.mark.parametrize("name, value", [
    *(("baseline", v) for v in BAD_NUMBERS), ("baseline", "1.23456"),
    *(("baseline_year", v) for v in BAD_YEARS),
    *(("target_2005", v) for v in BAD_NUMBERS),
    ("name", ENDLESS), ("unit", "人\x00"),
])
def test_indicator_form_refuses(coordinator_client, item, name, value):
    before = snapshot()
    response = coordinator_client.post(f"{MANAGE}items/{item.pk}/indicators/new/",
                                       indicator_form(**{name: value}))
    field_error(response, name)
    assert snapshot() == before


def test_indicator_values_typed_full_width(coordinator_client, item):
    response = coordinator_client.post(f"{MANAGE}items/{item.pk}/indicators/new/", indicator_form(
        baseline="１，２００", baseline_year="平成16年度", target_2005="１２,５００.５",
        reason_category="evaluation", reason="評価を受けて加える。"))
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.baseline, indicator.baseline_year) == (1200, 2004)
    assert indicator.targets.get().value == Decimal("12500.5")


# --- Budgets ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["budget_2005", "settlement_2006"])
@pytest.mark.parametrize("value", [HUGE, "1000000000000", "-1", "12.5", NUL, "百万円", "1" * 5000])
def test_budget_refused(coordinator_client, item, name, value):
    response = coordinator_client.post(f"{MANAGE}items/{item.pk}/years/", {name: value})
    field_error(response, name)
    assert not ItemBudget.objects.exists()


def test_budget_typed_with_full_width_digits_and_yen(coordinator_client, item):
    response = coordinator_client.post(f"{MANAGE}items/{item.pk}/years/", {
        "budget_2005": "１，２３４，０００円", "settlement_2005": "999,999,999,999"})
    assert response.status_code == 302
    assert ItemBudget.objects.values_list("budget", "settlement").get() == (1_234_000, 999_999_999_999)


@pytest.mark.parametrize("raw", [10**12, HUGE, -5, True])
def test_budget_action_refuses_what_the_column_cannot_hold(item, coordinator, raw):
    with pytest.raises(ValidationError) as refused:
        actions.set_budget(coordinator, item, 2005, budget=raw)
    assert all(JAPANESE.search(m) for m in refused.value.messages)
    assert not ItemBudget.objects.exists()


# --- Reports ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", BAD_YEARS + ["2008"])
def test_new_report_year_refused(staff_client, item, value):
    field_error(staff_client.post(f"{MANAGE}items/{item.pk}/", {"fiscal_year": value, "period": "year"}),
                "fiscal_year")
    assert not ProgressReport.objects.exists()


def test_new_report_year_in_wareki(staff_client, item):
    response = staff_client.post(f"{MANAGE}items/{item.pk}/", {"fiscal_year": "平成18年度", "period": "h1"})
    assert response.status_code == 302
    assert ProgressReport.objects.values_list("fiscal_year", "period").get() == (2006, "h1")


def report_form(**overrides):
    data = {"item_status": "in_progress", "progress": "60", "narrative": "開催しました。",
            "problems": "", "next_steps": ""}
    data.update(overrides)
    return data


@pytest.mark.parametrize("name, value", [
    ("progress", HUGE), ("progress", "101"), ("progress", "-1"), ("progress", NUL),
    ("narrative", "実績\x00"), ("narrative", "あ" * 20_001), ("item_status", ENDLESS),
    *(("actual", v) for v in BAD_NUMBERS),
])
def test_report_form_refuses(staff_client, report, indicator, name, value):
    if name == "actual":
        name = f"actual_{indicator.pk}"
    before = snapshot()
    response = staff_client.post(f"{MANAGE}reports/{report.pk}/", report_form(**{name: value, "submit": "1"}))
    field_error(response, name)
    assert snapshot() == before


def test_report_with_full_width_progress_and_actual(staff_client, report, indicator):
    response = staff_client.post(f"{MANAGE}reports/{report.pk}/",
                                 report_form(progress="８０", **{f"actual_{indicator.pk}": "２８０．５"}))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.progress == 80 and report.actuals.get().value == Decimal("280.5")


@pytest.mark.parametrize("data, message", [
    ({"step": "approve", "comment": "了解\x00"}, "コメント: "),
    ({"step": "approve", "comment": "あ" * 20_001}, "コメント: "),
    ({"step": NUL}, "手続を選んでください。"),
    ({"step": ENDLESS}, "手続を選んでください。"),
])
def test_review_step_with_hostile_values_changes_nothing(coordinator_client, report, data, message):
    report.status = ProgressReport.Status.SUBMITTED
    report.save()
    before = snapshot()
    response = coordinator_client.post(f"{MANAGE}reports/{report.pk}/step/", data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


# --- Revisions --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, value", [
    ("title", ENDLESS), ("reason", "理由\x00"), ("reason", "あ" * 20_001),
    ("schedule_2005", "予定\x00"), ("reason_category", NUL),
    *(("target", v) for v in BAD_NUMBERS),
])
def test_revise_form_refuses(coordinator_client, item, indicator, name, value):
    if name == "target":
        name = f"target_{indicator.pk}_2005"
    data = {"reason_category": "environment", "reason": "制度が変わったため", "title": "新しい名前",
            "description": "", "schedule_2005": "", "schedule_2006": "",
            f"target_{indicator.pk}_2005": "300", f"target_{indicator.pk}_2006": "350"}
    data[name] = value
    before = snapshot()
    field_error(coordinator_client.post(f"{MANAGE}items/{item.pk}/revise/", data), name)
    assert snapshot() == before


# --- Excel import ----------------------------------------------------------------------------------

def workbook(themes=(), items=(), indicators=()):
    book = Workbook()
    book.remove(book.active)
    for name, header, rows in [
        ("重点項目", ["番号", "重点項目名", "説明"], themes),
        ("取組項目", ["項目番号", "重点項目番号", "取組項目名", "取組内容", "担当課"], items),
        ("成果指標", ["項目番号", "指標名", "単位", "基準値", "基準年度", "大きいほど良い",
                   "目標値(平成17年度/2005)", "目標値(平成18年度/2006)"], indicators),
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


def good_rows():
    return {
        "themes": [[1, "市民サービスの改革", ""]],
        "items": [["1-2", 1, "窓口の改善", "", "広報課"]],
        "indicators": [["1-2", "待ち時間", "分", 20, 2004, "いいえ", 15, 10]],
    }


# openpyxl refuses to write a NUL into a cell, so the NUL arrives as a cell in the middle of text.
@pytest.mark.parametrize("sheet, row, column, value", [
    ("themes", 0, 0, HUGE), ("themes", 0, 0, -1), ("themes", 0, 0, 10**30), ("themes", 0, 1, ENDLESS),
    ("items", 0, 0, ENDLESS), ("items", 0, 1, HUGE), ("items", 0, 2, ENDLESS), ("items", 0, 4, ENDLESS),
    ("indicators", 0, 3, HUGE), ("indicators", 0, 3, "1e999"), ("indicators", 0, 3, 10**30),
    ("indicators", 0, 4, 0), ("indicators", 0, 4, 10000), ("indicators", 0, 4, HUGE),
    ("indicators", 0, 4, "2005-02-30"), ("indicators", 0, 6, HUGE), ("indicators", 0, 7, "NaN"),
    ("indicators", 0, 1, ENDLESS), ("indicators", 0, 2, "人" * 21),
])
def test_import_bad_cell_is_a_row_problem_and_nothing_is_imported(
        coordinator_client, plan, sapporo_department, sheet, row, column, value):
    rows = good_rows()
    rows[sheet][row][column] = value
    before = snapshot()
    response = coordinator_client.post(f"{MANAGE}{plan.pk}/import/", {"file": workbook(**rows)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "件の誤りがあるため、何も取り込んでいません" in page
    assert snapshot() == before


def test_import_reads_full_width_and_wareki_cells(coordinator_client, plan, sapporo_department):
    plan.status = "draft"  # filled as a 素案; additions to an adopted plan are revisions
    plan.save()
    rows = good_rows()
    rows["themes"][0][0] = "１"
    rows["items"][0][1] = "１"
    rows["indicators"][0][3:5] = ["２０", "平成16年度"]
    rows["indicators"][0][6] = "１，５００"
    response = coordinator_client.post(f"{MANAGE}{plan.pk}/import/", {"file": workbook(**rows)})
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.baseline, indicator.baseline_year) == (20, 2004)
    assert indicator.targets.get(fiscal_year=2005).value == 1500


# --- Actions called without a form (imports, the demo, scripts) ------------------------------------

@pytest.mark.parametrize("field, value", [
    ("start_fiscal_year", 0), ("start_fiscal_year", 10000), ("end_fiscal_year", 32767),
])
def test_save_plan_refuses_years_out_of_range(plan, coordinator, field, value):
    setattr(plan, field, value)
    with pytest.raises(ValidationError) as refused:
        actions.save_plan(coordinator, plan)
    assert field in refused.value.message_dict
    plan.refresh_from_db()
    assert (plan.start_fiscal_year, plan.end_fiscal_year) == (2005, 2006)


@pytest.mark.parametrize("raw", [HUGE, Decimal("1e20"), Decimal("0.0001"), "1" * 5000])
def test_targets_and_actuals_beyond_the_column_are_refused(indicator, coordinator, staff, report, raw):
    with pytest.raises(ValidationError) as refused:
        actions.set_targets(coordinator, indicator, {2005: raw})
    assert "出前講座の開催回数 の目標値" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        actions.record_actuals(staff, report, {indicator: raw})
    assert "出前講座の開催回数 の実績値" in refused.value.messages[0]
    assert IndicatorTarget.objects.get(indicator=indicator, fiscal_year=2005).value == 300
    assert not IndicatorActual.objects.exists()


# --- API --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "plans/0", f"plans/{HUGE}", "plans/-1", f"plans/items/{HUGE}", f"plans/{2**63}/items",
    "plans/{plan}/items?page=0", f"plans/{{plan}}/items?page={HUGE}",
    "plans/{plan}/reports?page_size=100000", "organisations/%00/plans",
    f"organisations/{'a' * 300}/plans",
])
def test_api_refuses_out_of_range_arguments_with_422(client, plan, path):
    response = client.get("/api/v1/" + path.format(plan=plan.pk))
    assert response.status_code == 422
    assert "detail" in response.json()
