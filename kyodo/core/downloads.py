"""Downloads that stream: CSV, Excel and JSON of any length in constant memory.

Every module's downloads go through here. Rows are produced one at a time (querysets are read
with ``.iterator()``) and sent as they are written, so a million-row table neither fills a
worker's memory nor waits for the whole file before the first byte leaves.

* CSV is UTF-8 with a byte-order mark, so that Excel opens it in Japanese.
* Excel is written by ``xlsx_streaming`` (Polyconseil): the header and the type of each column
  come from a small template made with openpyxl; the rows are streamed into the sheet's XML and
  the zip is deflated on the fly (``zipstream``).
* JSON is one object with the caller's head fields and a ``rows`` array written row by row.
"""

import csv
import datetime
import decimal
import io
import json

from django.http import StreamingHttpResponse
from openpyxl import Workbook
from xlsx_streaming import stream_queryset_as_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
BATCH = 2000


class Column:
    """One column of a download: the row key, its Japanese title, and whether it is a number."""

    def __init__(self, key, title, *, number=False):
        self.key, self.title, self.number = key, title, number


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def csv_chunks(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(c.title) for c in columns])
    yield "\ufeff" + _drain(buffer)
    for count, row in enumerate(rows, start=1):
        writer.writerow([_text(row[c.key]) for c in columns])
        if count % 500 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _number(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    number = decimal.Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _xlsx_template(columns, sheet_title):
    book = Workbook()
    sheet = book.active
    sheet.title = str(sheet_title)[:31]
    sheet.append([str(c.title) for c in columns])
    sheet.append([0 if c.number else "-" for c in columns])  # the type of each column
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def xlsx_chunks(columns, rows, sheet_title):
    def serialise(batch):
        return [[_number(row[c.key]) if c.number else _text(row[c.key]) for c in columns]
                for row in batch]

    return stream_queryset_as_xlsx(iter(rows), xlsx_template=_xlsx_template(columns, sheet_title),
                                   serializer=serialise, batch_size=BATCH)


class _JSONEncoder(json.JSONEncoder):
    def default(self, value):
        if isinstance(value, decimal.Decimal):
            return float(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return super().default(value)


def json_chunks(head, columns, rows):
    encoder = _JSONEncoder(ensure_ascii=False)
    document = dict(head, columns={c.key: str(c.title) for c in columns})
    yield encoder.encode(document)[:-1] + ', "rows": ['
    separator = "\n"
    for row in rows:
        yield separator + encoder.encode({c.key: row[c.key] for c in columns})
        separator = ",\n"
    yield "\n]}\n"


def response(fmt, filename, columns, rows, *, sheet_title="data", head=None):
    """A streaming download of ``rows`` (dicts keyed by the columns' keys) in ``fmt``."""
    if fmt == "csv":
        chunks = csv_chunks(columns, rows)
    elif fmt == "xlsx":
        chunks = xlsx_chunks(columns, rows, sheet_title)
    elif fmt == "json":
        chunks = json_chunks(head or {}, columns, rows)
    else:
        raise ValueError(fmt)
    result = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
