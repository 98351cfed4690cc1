"""Excel import of a plan's themes, action items and indicators (with yearly targets).

The template (``template_response``) has three sheets, one row per record:

    重点項目   番号 | 重点項目名 | 説明
    取組項目   項目番号 | 重点項目番号 | 取組項目名 | 取組内容 | 担当課
    成果指標   項目番号 | 指標名 | 単位 | 基準値 | 基準年度 | 大きいほど良い | 目標値(…/2005) …

Records are matched by their natural keys (theme number, item code, indicator name within
the item): a matching record is updated, anything else is created; nothing is deleted.
担当課 lists departments separated by 「、」, each by its full path from the top, separated by
spaces (「総務局 総務部 総務課」) — what the template writes, so that a template given out
imports back unchanged even where two departments share a name; a name found only once in the
organisation may be written alone.

Into an adopted (策定済) plan, what the workbook changes in existing items (title, content,
担当課, targets) is a 見直し: ``import_workbook`` first raises ``RevisionsPending`` with the
changes it would make (the page shows them and asks for the reason), and, given the reason,
records one revision per item through ``actions.revise_item``. New items and indicators are
shown there too and recorded as their item's 見直し 「追加」 with the same reason; a new theme is
added as it is, an existing theme's number and text are fixed (``actions.save_theme``).

Every row of every sheet is checked before anything is written; if any row fails, nothing
is imported and each problem is listed with its sheet, row, column and reason.
"""

import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from kyodo.core import inputs
from kyodo.core import queries as core_queries
from kyodo.core.db import analyze
from kyodo.core.japanese import wareki_fiscal_year

from . import actions
from .actions import is_blank, value_field
from .models import ActionItem, Indicator, IndicatorTarget, Revision, Theme

THEMES, ITEMS, INDICATORS = "重点項目", "取組項目", "成果指標"
SHEETS = {
    THEMES: [("number", "番号", True), ("title", "重点項目名", True), ("description", "説明", False)],
    ITEMS: [("code", "項目番号", True), ("theme", "重点項目番号", True), ("title", "取組項目名", True),
            ("description", "取組内容", False), ("departments", "担当課", True)],
    INDICATORS: [("item", "項目番号", True), ("name", "指標名", True), ("unit", "単位", True),
                 ("baseline", "基準値", False), ("baseline_year", "基準年度", False),
                 ("higher_is_better", "大きいほど良い", False)],
}
YES = {"はい", "○", "◯", "true", "1", "yes", "大"}
NO = {"いいえ", "×", "false", "0", "no", "小"}
YEAR_IN_HEADER = re.compile(r"(\d{4})")


@dataclass
class Problem:
    sheet: str
    row: int
    column: str
    reason: str


class ImportRefused(Exception):
    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class ItemRevision:
    """What the workbook changes in one existing item of an adopted plan."""

    item: ActionItem
    rows: list  # (label, before, after), as the revision will show them
    changes: dict  # for actions.revise_item; targets by indicator name until they have ids


class RevisionsPending(Exception):
    """The workbook changes an adopted plan's items: a reason is needed first."""

    def __init__(self, revisions):
        super().__init__(f"{len(revisions)} items revised")
        self.revisions = revisions


def target_header(year):
    return f"目標値({wareki_fiscal_year(year)}/{year})"


def template_response(plan):
    """The template with the plan's current themes, items and indicators filled in."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    years = list(plan.fiscal_years)
    themes = list(plan.themes.all())
    items = list(ActionItem.objects.filter(plan=plan).select_related("theme")
                 .prefetch_related("departments"))
    paths = department_paths(plan.organisation)
    indicators = list(Indicator.objects.filter(item__plan=plan).select_related("item")
                      .prefetch_related("targets"))
    rows = {
        THEMES: [[t.number, t.title, t.description] for t in themes],
        ITEMS: [[i.code, i.theme.number, i.title, i.description,
                 "、".join(paths[d.pk] for d in i.departments.all())] for i in items],
        INDICATORS: [[ind.item.code, ind.name, ind.unit, _num(ind.baseline), ind.baseline_year,
                      "はい" if ind.higher_is_better else "いいえ",
                      *[_num({t.fiscal_year: t.value for t in ind.targets.all()}.get(y)) for y in years]]
                     for ind in indicators],
    }
    for sheet_name, columns in SHEETS.items():
        sheet = workbook.create_sheet(sheet_name)
        headers = [title for _key, title, _required in columns]
        if sheet_name == INDICATORS:
            headers += [target_header(y) for y in years]
        sheet.append(headers)
        for row in rows[sheet_name]:
            sheet.append(row)
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) * 2 + 2)
    notes = workbook.create_sheet("説明")
    for line in (
        "1行目の見出しは変えないでください。2行目から1行に1件ずつ書きます。",
        "同じ番号・項目番号・指標名の行は既存のものを更新し、それ以外は追加します(削除はしません)。",
        "担当課は、上位の部署名から空白で区切った名前(例: 総務局 総務部 総務課)を「、」で区切って書きます。同じ名前の部署がほかにないときは部署名だけでも構いません。",
        "策定済みの計画では、既存の取組項目の名称・内容・担当課・目標値の変更は「見直し」として記録されます。取り込む前に変更内容が表示され、見直しの理由を入力します。",
        "大きいほど良い: はい/いいえ(待ち時間のように小さいほど良い指標は「いいえ」)。空欄は「はい」です。",
        f"年度は計画期間({plan.span_label})の中で、西暦の年(例: 2005)で書きます。",
        "1行でも誤りがあると何も取り込まれず、シート・行・列ごとに理由が表示されます。",
    ):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-import-template.xlsx"'
    return response


def _num(value):
    return None if value is None else float(value) if value != int(value) else int(value)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_sheet(workbook, name, problems):
    """Rows of a sheet as (row number, {header: value}); a missing sheet or column is a problem."""
    if name not in workbook.sheetnames:
        problems.append(Problem(name, 0, "", _("シート「%(name)s」がありません。ひな形のシートを使ってください。") % {"name": name}))
        return [], []
    sheet = workbook[name]
    rows = sheet.iter_rows(values_only=True)
    headers = [_text(h) for h in next(rows, ())]
    for _key, title, _required in SHEETS[name]:
        if title not in headers:
            problems.append(Problem(name, 1, title, _("見出し「%(title)s」の列がありません。") % {"title": title}))
    records = []
    for number, values in enumerate(rows, start=2):
        if all(is_blank(_text(v)) for v in values):
            continue
        records.append((number, dict(zip(headers, values, strict=False))))
    return records, headers


def _required(record, sheet, row, problems):
    ok = True
    for _key, title, required in SHEETS[sheet]:
        if required and is_blank(_text(record.get(title))):
            problems.append(Problem(sheet, row, title, _("入力してください。")))
            ok = False
    return ok


def department_paths(organisation):
    """{department id: 「総務局 総務部 総務課」}: each department by its full path."""
    return {node.department.pk: node.full_name
            for node in core_queries.flatten(core_queries.department_tree(organisation))}


def _department_lookup(organisation):
    flat = core_queries.flatten(core_queries.department_tree(organisation))
    by_full, by_name = {}, {}
    for node in flat:
        department = node.department
        by_full[department.full_name] = department
        by_name.setdefault(department.name, []).append(department)
    return by_full, by_name


def _field(model, name, **kwargs):
    """The typed form field of a model field (the same bounds as the staff screens' forms)."""
    return inputs.typed_formfield(model._meta.get_field(name), **kwargs)


#: Each cell that is read as a value, by core's typed inputs: the sheet's column → its field.
#: A refused cell is a problem of its sheet, row and column, with the field's message.
CELLS = {
    THEMES: {"番号": inputs.CountField(min_value=1, max_value=32767),
             "重点項目名": _field(Theme, "title"), "説明": _field(Theme, "description")},
    ITEMS: {"項目番号": _field(ActionItem, "code"), "重点項目番号": inputs.CountField(min_value=1, max_value=32767),
            "取組項目名": _field(ActionItem, "title"), "取組内容": _field(ActionItem, "description")},
    INDICATORS: {"項目番号": _field(ActionItem, "code"), "指標名": _field(Indicator, "name"),
                 "単位": _field(Indicator, "unit"), "基準値": value_field(required=False),
                 "基準年度": inputs.FiscalYearField(required=False)},
}


def _cells(sheet, row, record, problems):
    """The row's values read by ``CELLS``, or None after adding each bad cell to ``problems``."""
    values, ok = {}, True
    for title, field in CELLS[sheet].items():
        try:
            values[title] = field.clean(_text(record.get(title)))
        except ValidationError as error:
            problems.append(Problem(sheet, row, title, " ".join(error.messages)))
            ok = False
    return values if ok else None


def validate(plan, upload):
    """Everything the workbook says, checked; raises ImportRefused listing every problem."""
    problems = []
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused([Problem("", 0, "", _("Excelファイル(.xlsx)として読めませんでした。ひな形を使って保存し直してください。"))]) from None

    themes = {}
    existing_themes = {t.number: t for t in plan.themes.all()}
    records, _headers = _read_sheet(workbook, THEMES, problems)
    for row, record in records:
        if not _required(record, THEMES, row, problems):
            continue
        cells = _cells(THEMES, row, record, problems)
        if cells is None:
            continue
        number = cells["番号"]
        if number in themes:
            problems.append(Problem(THEMES, row, "番号", _("番号 %(n)s が重複しています。") % {"n": number}))
            continue
        themes[number] = {"title": cells["重点項目名"], "description": cells["説明"]}

    known_themes = set(existing_themes) | set(themes)
    by_full, by_name = _department_lookup(plan.organisation)
    items = {}
    records, _headers = _read_sheet(workbook, ITEMS, problems)
    for row, record in records:
        if not _required(record, ITEMS, row, problems):
            continue
        cells = _cells(ITEMS, row, record, problems)
        if cells is None:
            continue
        code = cells["項目番号"]
        if code in items:
            problems.append(Problem(ITEMS, row, "項目番号", _("項目番号「%(code)s」が重複しています。") % {"code": code}))
            continue
        theme_number = cells["重点項目番号"]
        if theme_number not in known_themes:
            problems.append(Problem(ITEMS, row, "重点項目番号", _("重点項目「%(n)s」がありません。重点項目シートか計画に登録してください。") % {"n": _text(record["重点項目番号"])}))
            continue
        departments = []
        for name in re.split(r"[、,，]", _text(record["担当課"])):
            name = " ".join(name.split())
            if not name:
                continue
            found = by_full.get(name) or (by_name.get(name) if len(by_name.get(name, [])) == 1 else None)
            if isinstance(found, list):
                found = found[0]
            if found is None:
                reason = (_("「%(name)s」という部署が複数あります。上位の部署名から空白で区切って書いてください。")
                          if len(by_name.get(name, [])) > 1 else
                          _("「%(name)s」という部署が見つかりません。"))
                problems.append(Problem(ITEMS, row, "担当課", reason % {"name": name}))
                departments = None
                break
            departments.append(found)
        if departments is None:
            continue
        items[code] = {"theme": theme_number, "title": cells["取組項目名"],
                       "description": cells["取組内容"], "departments": departments}

    known_items = set(ActionItem.objects.filter(plan=plan).values_list("code", flat=True)) | set(items)
    indicators = {}
    records, headers = _read_sheet(workbook, INDICATORS, problems)
    target_columns = {}
    for header in headers:
        if header.startswith("目標値"):
            match = YEAR_IN_HEADER.search(header)
            year = int(match.group(1)) if match else None
            if year is None or year not in plan.fiscal_years:
                problems.append(Problem(INDICATORS, 1, header, _("目標値の年度が計画期間(%(span)s)の外です。") % {"span": plan.span_label}))
            else:
                target_columns[header] = year
    for row, record in records:
        if not _required(record, INDICATORS, row, problems):
            continue
        cells = _cells(INDICATORS, row, record, problems)
        if cells is None:
            continue
        code, name = cells["項目番号"], cells["指標名"]
        if code not in known_items:
            problems.append(Problem(INDICATORS, row, "項目番号", _("取組項目「%(code)s」がありません。") % {"code": code}))
            continue
        if (code, name) in indicators:
            problems.append(Problem(INDICATORS, row, "指標名", _("同じ取組項目に同じ指標名が重複しています。")))
            continue
        entry = {"unit": cells["単位"], "baseline": cells["基準値"],
                 "baseline_year": cells["基準年度"], "higher_is_better": True, "targets": {}}
        bad = False
        flag = _text(record.get("大きいほど良い")).lower()
        if flag:
            if flag in YES:
                entry["higher_is_better"] = True
            elif flag in NO:
                entry["higher_is_better"] = False
            else:
                problems.append(Problem(INDICATORS, row, "大きいほど良い", _("「はい」か「いいえ」で入力してください。")))
                bad = True
        for header, year in target_columns.items():
            raw = _text(record.get(header))
            if is_blank(raw):
                continue
            try:
                entry["targets"][year] = value_field().clean(raw)
            except ValidationError as error:
                problems.append(Problem(INDICATORS, row, header, " ".join(error.messages)))
                bad = True
        if not bad:
            indicators[(code, name)] = entry
    if problems:
        raise ImportRefused(problems)
    return themes, items, indicators


def revisions(plan, items, indicators):
    """What the checked workbook changes in an adopted plan (none for a 素案): one
    ``ItemRevision`` per existing item that changes, in the plan's order, then one per new item
    (unsaved, its 「追加」)."""
    if not actions.is_adopted(plan):
        return []
    stored = (ActionItem.objects.filter(plan=plan, code__in=list(items) + [c for c, _n in indicators])
              .prefetch_related("departments", "indicators__targets"))
    paths = department_paths(plan.organisation)
    found = []
    for item in stored:
        rows, changes = [], {}
        data = items.get(item.code)
        if data is not None:
            for name in ("title", "description"):
                if data[name] != getattr(item, name):
                    rows.append((ActionItem._meta.get_field(name).verbose_name, getattr(item, name), data[name]))
                    changes[name] = data[name]
            if {d.pk for d in data["departments"]} != {d.pk for d in item.departments.all()}:
                rows.append((ActionItem._meta.get_field("departments").verbose_name,
                             "、".join(sorted(paths[d.pk] for d in item.departments.all())),
                             "、".join(sorted(paths[d.pk] for d in data["departments"]))))
                changes["departments"] = data["departments"]
        current = {i.name: {t.fiscal_year: t.value for t in i.targets.all()} for i in item.indicators.all()}
        for (code, name), entry in indicators.items():
            if code != item.code:
                continue
            for year, value in sorted(entry["targets"].items()):
                held = current.get(name, {}).get(year)
                if value != held:
                    rows.append((_("%(name)s の目標値(%(year)s)") % {
                        "name": name, "year": wareki_fiscal_year(year, western=True)},
                        actions.plain(held), actions.plain(value)))
                    changes.setdefault("targets", {}).setdefault(name, {})[year] = value
        held = {i.name for i in item.indicators.all()}
        rows += [(_("成果指標の追加"), None, name) for code, name in indicators
                 if code == item.code and name not in held]
        if rows:
            found.append(ItemRevision(item, rows, changes))
    known = {item.code for item in stored}
    for code, data in items.items():
        if code not in known:  # a new item: recorded as its 見直し 「追加」
            rows = [(_("取組項目の追加"), None, f"{code} {data['title']}")]
            rows += [(_("成果指標の追加"), None, name) for c, name in indicators if c == code]
            found.append(ItemRevision(ActionItem(code=code, title=data["title"]), rows, {}))
    return found


def preview(plan, upload):
    """The revisions the workbook would record (after checking it; ImportRefused otherwise)."""
    _themes, items, indicators = validate(plan, upload)
    return revisions(plan, items, indicators)


def import_workbook(actor, plan, upload, *, reason_category="", reason=""):
    """Validate the whole workbook, then write it in one transaction (all or nothing).

    Into an adopted plan, changes to existing items need ``reason_category`` and ``reason``
    (else ``RevisionsPending`` says what they are) and are recorded as revisions.
    """
    themes, items, indicators = validate(plan, upload)
    pending = revisions(plan, items, indicators)
    if pending and not (reason or "").strip():
        raise RevisionsPending(pending)
    revised = {r.item.code: r for r in pending if r.changes}
    why = {"reason_category": reason_category, "reason": reason} if pending else {}
    try:
        with transaction.atomic():
            theme_objects = {t.number: t for t in plan.themes.all()}
            for number, data in themes.items():
                theme = theme_objects.get(number) or Theme(plan=plan, number=number)
                theme.title, theme.description = data["title"], data["description"]
                theme_objects[number] = actions.save_theme(actor, theme)
            item_objects = {i.code: i for i in ActionItem.objects.filter(plan=plan)}
            for code, data in items.items():
                item = item_objects.get(code) or ActionItem(plan=plan, code=code)
                item.theme = theme_objects[data["theme"]]
                departments = data["departments"]
                if code in revised:  # the content changes by the revision below
                    departments = None
                else:
                    item.title, item.description = data["title"], data["description"]
                item_objects[code] = actions.save_item(actor, item, departments=departments, **why)
            existing = {(i.item.code, i.name): i for i in
                        Indicator.objects.filter(item__plan=plan).select_related("item__plan")}
            saved = {}
            for (code, name), data in indicators.items():
                indicator = existing.get((code, name)) or Indicator(item=item_objects[code], name=name)
                indicator.unit, indicator.baseline = data["unit"], data["baseline"]
                indicator.baseline_year = data["baseline_year"]
                indicator.higher_is_better = data["higher_is_better"]
                indicator = saved[(code, name)] = actions.save_indicator(actor, indicator, **why)
                if data["targets"] and code not in revised:
                    actions.set_targets(actor, indicator, data["targets"])
            for code, revision in revised.items():
                changes = dict(revision.changes)
                if "targets" in changes:
                    changes["targets"] = {saved[(code, name)].pk: years
                                          for name, years in changes["targets"].items()}
                actions.revise_item(actor, item_objects[code], changes, reason_category, reason)
    except ValidationError as error:
        raise ImportRefused([Problem("", 0, "", message) for message in error.messages]) from None
    # Fresh statistics for what the import filled, so that later pages are not planned as
    # if the tables were still empty (issue 13 §11).
    analyze(*FILLED)
    return {"themes": len(themes), "items": len(items), "indicators": len(indicators),
            "revisions": len(pending)}


#: The tables an import fills.
FILLED = (Theme, ActionItem, ActionItem.departments.through, Indicator, IndicatorTarget, Revision)



