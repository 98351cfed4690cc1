"""Downloads of items, indicators and published reports as CSV (UTF-8 with BOM), Excel and
JSON: public data only."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from .builders import actual, make_report, publish

pytestmark = pytest.mark.django_db


def download(client, plan, table, fmt):
    response = client.get(f"/org/sapporo/plans/{plan.pk}/download/{table}.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_items_csv_opens_in_excel_with_japanese_headers(client, item, indicator):
    actual(indicator, publish(make_report(item, 2005, progress=40)), 270)
    raw = download(client, item.plan, "items", "csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [{
        "重点項目": "1 市民サービスの改革", "項目番号": "1-1", "取組項目": "出前講座の充実",
        "担当課": "広報課", "取組状況": "実施中", "進捗率(%)": "40", "達成率(%)": "90",
        "評価": "順調", "予算額(円)": "0", "決算額(円)": "0", "取組内容": "",
    }]


def test_indicators_excel_has_one_row_per_year(client, item, indicator):
    actual(indicator, publish(make_report(item, 2005)), 270)
    sheet = load_workbook(io.BytesIO(download(client, item.plan, "indicators", "xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("項目番号", "取組項目", "指標名")
    assert [(r[6], r[8], r[9], r[10]) for r in rows[1:]] == [(2005, 300, 270, 90), (2006, 350, None, None)]


def test_reports_json_has_published_reports_only_and_no_people(client, item, staff):
    published = make_report(item, 2005)
    published.narrative = "公表された報告"
    published.created_by = staff
    published.save()
    publish(published, staff)
    draft = make_report(item, 2006)
    draft.narrative = "作成中の報告"
    draft.save()
    raw = download(client, item.plan, "reports", "json").decode()
    data = json.loads(raw)
    assert [r["narrative"] for r in data["rows"]] == ["公表された報告"]
    assert "作成中の報告" not in raw and staff.email not in raw and "@" not in raw


def test_unknown_table_or_format_is_not_found(client, plan):
    assert client.get(f"/org/sapporo/plans/{plan.pk}/download/people.csv").status_code == 404
    assert client.get(f"/org/sapporo/plans/{plan.pk}/download/items.pdf").status_code == 404


def test_draft_plan_cannot_be_downloaded(client, plan):
    plan.status = "draft"
    plan.save()
    assert client.get(f"/org/sapporo/plans/{plan.pk}/download/items.csv").status_code == 404
