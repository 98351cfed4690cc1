"""Grants from an Excel sheet: the columns of the download (年度, 募集回, 区分, 団体名, 事業名, 分野
or 分野コード, 活動地域, 助成額(円)); every cell read by core's typed fields, every refusal names
the row and column, and a file with any refusal imports nothing."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kyodo.collaboration.vocabularies import FIELD_SHORT, ActivityField
from kyodo.core.inputs import AmountField, FiscalYearField, IntegerField, TextField, clean_cell

from .models import FundRound, Grant, GrantCategory

MAX_ROWS = 5000


def _field_key(value):
    text = str(value or "").strip()
    for key in ActivityField:
        if text in (key.value, str(key.label), str(FIELD_SHORT[key])):
            return key.value
    raise ValidationError(_("「分野」: 「%(v)s」は分野の名前でも分野コードでもありません。") % {"v": text[:40]})


def read_grants(fund, upload):
    """([row dicts for Grant(**row)], [error messages])."""
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
    except Exception:  # a file that is not an Excel workbook, whatever openpyxl raises
        return [], [_("Excelファイル(.xlsx)として読めませんでした。")]
    rows_iter = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows_iter, ())]
    wanted = {"年度": "fiscal_year", "募集回": "round", "区分": "category", "団体名": "group_name",
              "事業名": "title", "分野": "field", "分野コード": "field", "活動地域": "area",
              "助成額(円)": "amount"}
    index = {}
    for i, title in enumerate(header):
        if title in wanted and wanted[title] not in index:
            index[wanted[title]] = i
    missing = [t for t, k in wanted.items() if k not in index and t != "分野コード" and t != "区分"]
    if missing:
        return [], [_("見出しの行に「%(cols)s」がありません。") % {"cols": "」「".join(missing)}]
    rounds = {(r.fiscal_year, r.number): r for r in FundRound.objects.filter(fund=fund)}
    categories = {(c.round_id, c.name): c for c in GrantCategory.objects.filter(round__fund=fund)}
    result, errors = [], []
    for number, cells in enumerate(rows_iter, start=2):
        if number - 1 > MAX_ROWS:
            errors.append(_("一度に取り込めるのは%(n)s行までです。") % {"n": MAX_ROWS})
            break
        if not any(c not in (None, "") for c in cells):
            continue

        def cell(key):
            i = index.get(key)
            return cells[i] if i is not None and i < len(cells) else None

        try:
            year = clean_cell(FiscalYearField(), cell("fiscal_year"), _("年度"))
            round_number = clean_cell(IntegerField(min_value=1, max_value=99), cell("round"), _("募集回"))
            round_ = rounds.get((year, round_number))
            if round_ is None:
                raise ValidationError(_("%(year)s年度の第%(n)s回の募集回が登録されていません。") % {
                    "year": year, "n": round_number})
            category_name = str(cell("category") or "").strip()
            category = None
            if category_name:
                category = categories.get((round_.pk, category_name))
                if category is None:
                    raise ValidationError(_("区分「%(name)s」はこの募集回にありません。") % {"name": category_name[:40]})
            row = {
                "round": round_, "category": category,
                "group_name": clean_cell(TextField(max_length=100), cell("group_name"), _("団体名")),
                "title": clean_cell(TextField(max_length=150), cell("title"), _("事業名")),
                "field": _field_key(cell("field")),
                "area": clean_cell(TextField(max_length=60), cell("area"), _("活動地域")),
                "amount": clean_cell(AmountField(), cell("amount"), _("助成額(円)")),
            }
            candidate = Grant(fund=fund, organisation_id=fund.organisation_id,
                              fiscal_year=round_.fiscal_year, **row)
            candidate.full_clean()
        except ValidationError as error:
            errors.append(_("%(row)s行目: %(msg)s") % {"row": number, "msg": " ".join(error.messages)})
            continue
        result.append(row)
    return result, errors
