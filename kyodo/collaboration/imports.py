"""Excel import of a department's projects for a survey campaign — all or nothing.

The template (``import-template.xlsx``) has one sheet 「協働事業」 whose first row names the
columns below and one project per following row, and a sheet 「記入方法」 listing the accepted
forms, partner types and the fields of the year. Several forms or fields are separated by
「、」 or 「,」; fields may be given by number (in that year's list) or name. Up to three
partners: 相手方1〜3 with their 種別 and 役割.

Every row is checked before anything is written; any error in any row refuses the whole file,
with the list of errors by row and column. Then the rows are written in one transaction through
``actions.save_project`` (so the rules, the deadline and the duplicate check apply as on screen).
"""

import datetime
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core.db import analyze
from kyodo.core.inputs import AmountField, DateField, TextField
from kyodo.core.japanese import wareki_fiscal_year

from . import actions
from .models import Partner, Project, ProjectField, ProjectForm, ProjectPartner
from .vocabularies import (
    FORM_ALIASES, PARTNER_TYPE_ALIASES, CollaborationForm, PartnerType, field_choices, lookup,
    lookup_field,
)

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
#: An import this large may change the tables' statistics (the first one may fill them from
#: empty): the planner is told at once rather than when autovacuum gets round to it.
ANALYZE_FROM_ROWS = 100
PARTNER_SLOTS = 3

#: (column header, key, required, how to fill it in)
COLUMNS = [
    ("事業名", "title", True, "150字以内。同じ部署・年度で重複しないこと"),
    ("協働の形態", "forms", True, "委託、補助・助成、共催… を「、」区切りで(複数可)"),
    ("分野", "fields", False, "その年度の別表の番号または名称を「、」区切りで(複数可)"),
    ("目的", "purpose", False, ""),
    ("事業の内容", "content", False, ""),
    ("予算額(円)", "budget", False, "0以上の整数(円)"),
    ("開始日", "start_date", False, "日付(例: 2005-04-01)"),
    ("終了日", "end_date", False, "日付。開始日以降"),
    ("成果", "results", False, ""),
] + [
    col for n in range(1, PARTNER_SLOTS + 1) for col in (
        (f"相手方{n}", f"partner{n}_name", n == 1, "団体名" + ("(1つ以上必須)" if n == 1 else "")),
        (f"相手方{n}の種別", f"partner{n}_type", False, "NPO法人、任意団体、ボランティア団体、自治会・町内会、企業、大学等、その他"),
        (f"相手方{n}の役割", f"partner{n}_role", False, ""),
    )
]


class ImportRefused(Exception):
    """The file was refused; ``errors`` lists (row, column, message)."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def _split(value):
    return [part.strip() for part in re.split(r"[、,，;；\n]", str(value or "")) if part.strip()]


#: The typed field (``kyodo.core.inputs``) that reads each cell of a project's own columns:
#: bounds, full-width digits, 和暦 dates, no NUL byte, the database's lengths.
CELLS = {
    "title": TextField(max_length=150),
    "purpose": TextField(required=False),
    "content": TextField(required=False),
    "results": TextField(required=False),
    "budget": AmountField(required=False,
                          error_messages={"max_value": gettext_lazy("予算額は1兆円未満で入力してください。")}),
    "start_date": DateField(required=False),
    "end_date": DateField(required=False),
}
PARTNER_NAME = TextField(max_length=100, required=False)
PARTNER_ROLE = TextField(max_length=200, required=False)
#: The lists (forms, fields, partner types) are looked up in the vocabularies, not stored.
LIST_TEXT = TextField(max_length=1000, required=False)


def _cell(field, value):
    """A cell as Excel gives it (str, int, float, datetime) read by a typed form field."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(field, AmountField):
        value = str(value)  # a date typed as 20050401 is a number to Excel
    return field.clean(value if value is not None else "")


def read_rows(file):
    """(row number, {key: value}) for each non-empty row, or ImportRefused for a bad file."""
    from openpyxl import load_workbook

    if getattr(file, "size", 0) > MAX_BYTES:
        raise ImportRefused([(None, None, _("ファイルが大きすぎます(1MBまで)。"))])
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportRefused([(None, None, _("Excelファイル(.xlsx)として読み込めませんでした。様式をダウンロードして使ってください。"))]) from None
    sheet = book["協働事業"] if "協働事業" in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    by_header = {c[0]: c[1] for c in COLUMNS}
    unknown = [h for h in header if h and h not in by_header]
    missing = [c[0] for c in COLUMNS if c[2] and c[0] not in header]
    errors = [(1, h, _("不明な列です。様式の列名を使ってください。")) for h in unknown]
    errors += [(1, h, _("必須の列がありません。")) for h in missing]
    if errors:
        raise ImportRefused(errors)
    result = []
    for number, values in enumerate(rows, start=2):
        if all(v in (None, "") for v in values):
            continue
        if len(result) >= MAX_ROWS:
            raise ImportRefused([(number, None, _("一度に取り込めるのは%(n)d行までです。") % {"n": MAX_ROWS})])
        result.append((number, {by_header[h]: v for h, v in zip(header, values) if h}))
    if not result:
        raise ImportRefused([(None, None, _("取り込む行がありません。"))])
    return result


def parse_row(values, fiscal_year, directory):
    """A row's project values and lists, or a dict of {column header: message}."""
    errors = {}
    label = {c[1]: c[0] for c in COLUMNS}

    def read(field, key):
        try:
            return _cell(field, values.get(key))
        except ValidationError as error:
            errors[label[key]] = " ".join(error.messages)
            return None

    project = {key: read(field, key) for key, field in CELLS.items()}
    for key in ("purpose", "content", "results"):
        project[key] = project[key] or ""
    if label["title"] in errors and not str(values.get("title") or "").strip():
        errors[label["title"]] = _("事業名を入力してください。")
    forms = []
    for text in _split(read(LIST_TEXT, "forms")):
        key = lookup(CollaborationForm, text, extra=FORM_ALIASES)
        if key is None:
            errors[label["forms"]] = _("不明な協働の形態です: %(v)s") % {"v": text}
        forms.append(key)
    if not forms and label["forms"] not in errors:
        errors[label["forms"]] = _("協働の形態を1つ以上入力してください。")
    fields = []
    for text in _split(read(LIST_TEXT, "fields")):
        key = lookup_field(text, fiscal_year)
        if key is None:
            errors[label["fields"]] = _("%(year)sの別表にない分野です: %(v)s") % {
                "year": wareki_fiscal_year(fiscal_year), "v": text}
        fields.append(key)
    start, end = project["start_date"], project["end_date"]
    if start and end and start > end:
        errors[label["end_date"]] = _("終了日は開始日以降にしてください。")
    partners = []
    for n in range(1, PARTNER_SLOTS + 1):
        name = read(PARTNER_NAME, f"partner{n}_name") or ""
        type_text = read(LIST_TEXT, f"partner{n}_type") or ""
        role = read(PARTNER_ROLE, f"partner{n}_role") or ""
        if not name:
            if type_text:
                errors[label[f"partner{n}_name"]] = _("種別があるのに団体名がありません。")
            continue
        known = directory.get(name)
        partner_type = (lookup(PartnerType, type_text, extra=PARTNER_TYPE_ALIASES) if type_text
                        else (known.partner_type if known else None))
        if partner_type is None:
            errors[label[f"partner{n}_type"]] = (
                _("不明な団体の種別です: %(v)s") % {"v": type_text} if type_text
                else _("名簿にない団体なので種別を入力してください。"))
        partners.append({"name": name, "partner_type": partner_type, "partner": known,
                         "role": role})
    if not partners and label["partner1_name"] not in errors:
        errors[label["partner1_name"]] = _("相手方を1つ以上入力してください。")
    if errors:
        return None, errors
    return {"project": project, "forms": forms, "fields": fields, "partners": partners}, None


def import_projects(actor, response, file, *, today=None):
    """Check every row, then write them all in one transaction; returns the projects."""
    actions.require(actor, "collaboration.answer_survey", response)
    campaign = response.campaign
    actions._require_answerable(campaign, today)
    rows = read_rows(file)
    directory = {p.name: p for p in Partner.objects.filter(organisation=campaign.organisation)}
    existing = set(Project.objects.filter(department=response.department,
                                          fiscal_year=campaign.fiscal_year)
                   .values_list("title", flat=True))
    errors, parsed, seen = [], [], {}
    for number, values in rows:
        result, row_errors = parse_row(values, campaign.fiscal_year, directory)
        for column, message in (row_errors or {}).items():
            errors.append((number, column, message))
        if result is None:
            continue
        title = result["project"]["title"]
        if title in existing:
            errors.append((number, "事業名", _("この部署の同じ年度にすでに登録されている事業です。")))
        elif title in seen:
            errors.append((number, "事業名", _("%(n)d行目と同じ事業名です。") % {"n": seen[title]}))
        seen.setdefault(title, number)
        parsed.append((number, result))
    if errors:
        raise ImportRefused(errors)
    created = []
    try:
        with transaction.atomic():
            for number, result in parsed:
                project = Project(organisation=campaign.organisation, campaign=campaign,
                                  department=response.department,
                                  fiscal_year=campaign.fiscal_year, **result["project"])
                try:
                    actions.save_project(actor, project, forms=result["forms"],
                                         fields=result["fields"], partners=result["partners"],
                                         today=today)
                except ValidationError as error:
                    errors += [(number, None, m) for m in error.messages]
                    raise ImportRefused(errors) from None
                created.append(project)
            if len(created) >= ANALYZE_FROM_ROWS:
                analyze(Project, ProjectForm, ProjectField, ProjectPartner)
    except ImportRefused:
        raise
    return created


def template_response(fiscal_year=None):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    year = fiscal_year or datetime.date.today().year
    book = Workbook()
    sheet = book.active
    sheet.title = "協働事業"
    sheet.append([c[0] for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in "AEIJ":
        sheet.column_dimensions[column].width = 28
    guide = book.create_sheet("記入方法")
    guide.append(["列", "必須", "記入方法"])
    for header, _key, required, hint in COLUMNS:
        guide.append([header, "必須" if required else "", hint])
    guide.append([])
    guide.append(["協働の形態"] + [str(c.label) for c in CollaborationForm])
    guide.append(["団体の種別"] + [str(c.label) for c in PartnerType])
    guide.append([f"分野({wareki_fiscal_year(year)})"])
    for key, label in field_choices(year):
        guide.append(["", "", str(label)])
    guide.append([])
    guide.append(["記入例"])
    guide.append([c[0] for c in COLUMNS])
    guide.append(["道民の森づくり事業", "委託、共催", "環境保全、子どもの健全育成",
                  "森林の保全と環境教育", "植樹会と森の学校を年4回開催", 1200000,
                  f"{year}-05-01", f"{year + 1}-02-28", "参加者延べ480人",
                  "NPO法人 北の森づくり", "NPO法人", "植樹会の企画・運営"])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="collaboration-projects-{year}.xlsx"'
    return response
