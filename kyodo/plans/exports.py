"""Downloads of a plan's public data: items, indicators and published reports, as CSV (UTF-8
with BOM, so Excel opens it in Japanese), Excel and JSON.

One list of columns per table serves all three formats. Only public data leaves: published
reports only, and no person (authors, reviewers) in any column.
"""

import csv
import io
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from . import queries
from .actions import plain
from .models import fiscal_year_label
from .progress import achievement_rate, summarise_plan

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _number(value):
    return None if value is None else plain(value)


def item_rows(plan):
    summary = summarise_plan(plan)
    themes = {t.pk: f"{t.number} {t.title}" for t in plan.themes.all()}
    for s in summary.overall.items:
        item = s.item
        yield {
            "theme": themes.get(item.theme_id, ""),
            "code": item.code,
            "title": item.title,
            "departments": "、".join(d.name for d in item.departments.all()),
            "status": item.get_status_display(),
            "progress": _number(s.progress),
            "achievement": _number(s.achievement),
            "grade": str(s.grade.label),
            "budget": s.budget,
            "settlement": s.settlement,
            "description": item.description,
        }


def indicator_rows(plan):
    summary = summarise_plan(plan)
    for s in summary.overall.items:
        for ind in s.indicators:
            indicator = ind.indicator
            for year in sorted(set(ind.targets) | set(ind.actuals)):
                rate = achievement_rate(ind.targets.get(year), ind.actuals.get(year),
                                        higher_is_better=indicator.higher_is_better)
                yield {
                    "code": s.item.code,
                    "item": s.item.title,
                    "indicator": indicator.name,
                    "unit": indicator.unit,
                    "baseline": _number(indicator.baseline),
                    "higher_is_better": indicator.higher_is_better,
                    "fiscal_year": year,
                    "fiscal_year_label": fiscal_year_label(year),
                    "target": _number(ind.targets.get(year)),
                    "actual": _number(ind.actuals.get(year)),
                    "achievement": _number(rate.value) if rate else None,
                }


def report_rows(plan):
    for report in queries.published_reports(plan):
        yield {
            "code": report.item.code,
            "item": report.item.title,
            "fiscal_year": report.fiscal_year,
            "fiscal_year_label": fiscal_year_label(report.fiscal_year),
            "period": str(report.get_period_display()),
            "item_status": str(report.get_item_status_display()),
            "progress": report.progress,
            "narrative": report.narrative,
            "problems": report.problems,
            "next_steps": report.next_steps,
            "published_at": report.published_at.date().isoformat() if report.published_at else None,
        }


#: table → (rows function, [(key, Japanese column title)])
TABLES = {
    "items": (item_rows, [
        ("theme", _("重点項目")), ("code", _("項目番号")), ("title", _("取組項目")),
        ("departments", _("担当課")), ("status", _("取組状況")), ("progress", _("進捗率(%)")),
        ("achievement", _("達成率(%)")), ("grade", _("評価")), ("budget", _("予算額(円)")),
        ("settlement", _("決算額(円)")), ("description", _("取組内容")),
    ]),
    "indicators": (indicator_rows, [
        ("code", _("項目番号")), ("item", _("取組項目")), ("indicator", _("指標名")),
        ("unit", _("単位")), ("baseline", _("基準値")), ("higher_is_better", _("値が大きいほど良い")),
        ("fiscal_year", _("年度(西暦)")), ("fiscal_year_label", _("年度")),
        ("target", _("目標値")), ("actual", _("実績値")), ("achievement", _("達成率(%)")),
    ]),
    "reports": (report_rows, [
        ("code", _("項目番号")), ("item", _("取組項目")), ("fiscal_year", _("年度(西暦)")),
        ("fiscal_year_label", _("年度")), ("period", _("報告期間")),
        ("item_status", _("取組状況")), ("progress", _("進捗率(%)")),
        ("narrative", _("取組の内容・実績")), ("problems", _("課題")),
        ("next_steps", _("今後の取組")), ("published_at", _("公表日")),
    ]),
}


TABLE_LABELS = [
    ("items", _("取組項目(進捗率・達成率・予算)")),
    ("indicators", _("成果指標(年度別の目標値・実績値)")),
    ("reports", _("公表済みの進捗報告")),
]


class _Echo:
    def write(self, value):
        return value


def _csv_stream(columns, rows):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(title) for _key, title in columns])
    for row in rows:
        yield writer.writerow([_cell(row[key]) for key, _title in columns])


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def _xlsx(columns, rows, title):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])
    sheet.append([str(t) for _key, t in columns])
    for row in rows:
        sheet.append([_xlsx_cell(row[key]) for key, _title in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value):
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() and "." not in value else number
    return value


def response(plan, table, fmt):
    rows_of, columns = TABLES[table]
    rows = rows_of(plan)
    filename = f"plan-{plan.pk}-{table}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_stream(columns, rows), content_type=FORMATS[fmt])
    elif fmt == "xlsx":
        response = HttpResponse(_xlsx(columns, rows, table), content_type=FORMATS[fmt])
    else:
        document = {"plan": {"id": plan.pk, "title": plan.title,
                             "organisation": plan.organisation.name},
                    "columns": {key: str(title) for key, title in columns},
                    "rows": list(rows)}
        response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=1),
                                content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
