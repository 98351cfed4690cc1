"""Downloads of a published survey report: CSV (UTF-8 with BOM, for Excel), Excel, JSON.

Public data only: the frozen tallies, and in Excel the list of the year's published projects
(title, department, forms, fields, partner organisations and budget — no contact person).
"""

import csv
import io
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

from kyodo.core.japanese import wareki_fiscal_year

from . import queries
from . import report as survey_report
from .vocabularies import FIELD_SHORT, CollaborationForm, PartnerType

FORMATS = {"csv", "xlsx", "json"}


def _dimension_rows(campaign, previous):
    data = campaign.report or {}
    prev = previous.report if previous else None
    for key, title in survey_report.DIMENSIONS:
        for row in survey_report.table(data, key, prev):
            yield [str(title), str(row["label"]), row["count"], row["budget"],
                   "" if row["previous_count"] is None else row["previous_count"],
                   "" if row["change"] is None else row["change"]]


def header():
    return [_("区分"), _("項目"), _("事業数"), _("予算額(円)"), _("前年度の事業数"), _("増減")]


def _filename(campaign, ext):
    return f"collaboration-survey-{campaign.organisation.slug}-{campaign.fiscal_year}.{ext}"


def report_json(campaign, previous):
    data = campaign.report or {}
    prev = previous.report if previous else None
    return {
        "organisation": campaign.organisation.name,
        "local_government_code": campaign.organisation.local_government_code,
        "fiscal_year": campaign.fiscal_year,
        "fiscal_year_label": wareki_fiscal_year(campaign.fiscal_year),
        "published_at": campaign.published_at.isoformat() if campaign.published_at else None,
        "totals": data.get("totals", {}),
        "previous_totals": (prev or {}).get("totals"),
        "tables": {
            key: [{"key": r["key"], "label": str(r["label"]), "projects": r["count"],
                   "budget": r["budget"], "previous_projects": r["previous_count"],
                   "change": r["change"]}
                  for r in survey_report.table(data, key, prev)]
            for key, _title in survey_report.DIMENSIONS
        },
    }


def report_response(campaign, previous, fmt):
    if fmt == "json":
        body = json.dumps(report_json(campaign, previous), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(header())
        totals = (campaign.report or {}).get("totals", {})
        writer.writerow([_("合計"), _("全体"), totals.get("projects", 0), totals.get("budget", 0),
                         "", ""])
        writer.writerows(_dimension_rows(campaign, previous))
        response = HttpResponse(buffer.getvalue().encode("utf-8"),
                                content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            report_xlsx(campaign, previous),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(campaign, fmt)}"'
    return response


def report_xlsx(campaign, previous):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    data = campaign.report or {}
    prev = previous.report if previous else None
    book = Workbook()
    sheet = book.active
    sheet.title = _("概要")
    totals = data.get("totals", {})
    sheet.append([str(campaign.display_title)])
    sheet["A1"].font = Font(bold=True)
    for label, value in [(_("協働事業数"), totals.get("projects", 0)),
                         (_("予算額の合計(円)"), totals.get("budget", 0)),
                         (_("回答を求めた部署"), totals.get("departments", 0)),
                         (_("回答した部署"), totals.get("answered", 0)),
                         (_("うち該当なし"), totals.get("none", 0))]:
        sheet.append([label, value])
    for key, title in survey_report.DIMENSIONS:
        ws = book.create_sheet(str(title)[:31])
        ws.append(header()[1:])
        for r in survey_report.table(data, key, prev):
            ws.append([str(r["label"]), r["count"], r["budget"], r["previous_count"], r["change"]])
        ws.column_dimensions["A"].width = 30
    ws = book.create_sheet(_("事業一覧"))
    ws.append([_("年度"), _("担当部署"), _("事業名"), _("協働の形態"), _("分野"),
               _("相手方"), _("相手方の種別"), _("予算額(円)")])
    for project in queries.projects(campaign.organisation).filter(campaign=campaign).iterator(
            chunk_size=500):
        ws.append([
            wareki_fiscal_year(project.fiscal_year), project.department.name, project.title,
            "、".join(str(CollaborationForm(f.form).label) for f in project.forms.all()),
            "、".join(str(FIELD_SHORT.get(f.field, f.field)) for f in project.fields.all()),
            "、".join(p.name for p in project.partners.all()),
            "、".join(str(PartnerType(p.partner_type).label) for p in project.partners.all()),
            project.budget,
        ])
    ws.column_dimensions["C"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
