"""Downloads of a plan's public data: items, indicators and published reports, as CSV (UTF-8
with BOM, so Excel opens it in Japanese), Excel and JSON.

One list of columns per table serves all three formats. Only public data leaves: published
reports only, and no person (authors, reviewers) in any column.
"""

from django.utils.translation import gettext_lazy as _

from kyodo.core import downloads
from kyodo.core.downloads import Column

from . import queries
from .actions import plain
from .models import fiscal_year_label
from .progress import achievement_rate, summarise_plan

FORMATS = downloads.CONTENT_TYPES


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
    for report in queries.published_reports(plan).iterator(chunk_size=downloads.BATCH):
        yield report_row(report)


def report_row(report):
    return {
        "code": report.item.code,
        "item": report.title_as_published,
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


#: table → (rows function, columns)
TABLES = {
    "items": (item_rows, [
        Column("theme", _("重点項目")), Column("code", _("項目番号")),
        Column("title", _("取組項目")), Column("departments", _("担当課")),
        Column("status", _("取組状況")), Column("progress", _("進捗率(%)"), number=True),
        Column("achievement", _("達成率(%)"), number=True), Column("grade", _("評価")),
        Column("budget", _("予算額(円)"), number=True),
        Column("settlement", _("決算額(円)"), number=True), Column("description", _("取組内容")),
    ]),
    "indicators": (indicator_rows, [
        Column("code", _("項目番号")), Column("item", _("取組項目")),
        Column("indicator", _("指標名")), Column("unit", _("単位")),
        Column("baseline", _("基準値"), number=True),
        Column("higher_is_better", _("値が大きいほど良い"), number=True),
        Column("fiscal_year", _("年度(西暦)"), number=True), Column("fiscal_year_label", _("年度")),
        Column("target", _("目標値"), number=True), Column("actual", _("実績値"), number=True),
        Column("achievement", _("達成率(%)"), number=True),
    ]),
    "reports": (report_rows, [
        Column("code", _("項目番号")), Column("item", _("取組項目")),
        Column("fiscal_year", _("年度(西暦)"), number=True), Column("fiscal_year_label", _("年度")),
        Column("period", _("報告期間")), Column("item_status", _("取組状況")),
        Column("progress", _("進捗率(%)"), number=True),
        Column("narrative", _("取組の内容・実績")), Column("problems", _("課題")),
        Column("next_steps", _("今後の取組")), Column("published_at", _("公表日")),
    ]),
}


TABLE_LABELS = [
    ("items", _("取組項目(進捗率・達成率・予算)")),
    ("indicators", _("成果指標(年度別の目標値・実績値)")),
    ("reports", _("公表済みの進捗報告")),
]


def response(plan, table, fmt):
    rows_of, columns = TABLES[table]
    head = {"plan": {"id": plan.pk, "title": plan.title, "organisation": plan.organisation.name}}
    return downloads.response(fmt, f"plan-{plan.pk}-{table}.{fmt}", columns, rows_of(plan),
                              sheet_title=table, head=head)
