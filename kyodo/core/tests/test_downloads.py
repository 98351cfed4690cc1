"""Streaming downloads: every format reads back whole, and memory does not grow with the rows."""

import csv
import io
import json
import tracemalloc

import pytest
from openpyxl import load_workbook

from kyodo.core import downloads
from kyodo.core.downloads import Column

COLUMNS = [Column("name", "事業名"), Column("budget", "予算額(円)", number=True),
           Column("rate", "達成率(%)", number=True), Column("note", "備考")]


def rows(count):
    for n in range(count):
        yield {"name": f"協働事業{n}", "budget": n * 1000, "rate": "87.5" if n % 2 else None,
               "note": "改行\nを含む, 引用符\"も" if n == 0 else ""}


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content)


def test_csv_has_the_bom_japanese_headers_and_every_row():
    raw = body(downloads.response("csv", "x.csv", COLUMNS, rows(1200)))
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(table) == 1200
    assert table[0] == {"事業名": "協働事業0", "予算額(円)": "0", "達成率(%)": "",
                        "備考": "改行\nを含む, 引用符\"も"}
    assert table[1199]["予算額(円)"] == "1199000"


def test_excel_keeps_numbers_as_numbers_and_text_as_text():
    raw = body(downloads.response("xlsx", "x.xlsx", COLUMNS, rows(2500), sheet_title="事業"))
    book = load_workbook(io.BytesIO(raw), read_only=True)
    sheet = book["事業"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("事業名", "予算額(円)", "達成率(%)", "備考")
    assert len(values) == 2501
    assert values[2][:3] == ("協働事業1", 1000, 87.5)
    assert values[1][2] is None


def test_json_is_one_document_with_its_head_and_rows():
    raw = body(downloads.response("json", "x.json", COLUMNS, rows(3), head={"plan": {"id": 1}}))
    document = json.loads(raw)
    assert document["plan"] == {"id": 1}
    assert document["columns"]["budget"] == "予算額(円)"
    assert [r["budget"] for r in document["rows"]] == [0, 1000, 2000]


def peak_memory(fmt, count):
    response = downloads.response(fmt, "x", COLUMNS, rows(count))
    tracemalloc.start()
    for _chunk in response.streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_memory_stays_flat_from_two_thousand_to_twelve_thousand_rows(fmt):
    # The xlsx writer sets up about 1 MB before the first row, so the baseline is 2,000 rows.
    small, large = peak_memory(fmt, 2000), peak_memory(fmt, 12000)
    # Six times the rows; a download that kept them would need about six times the memory.
    assert large < small * 2
