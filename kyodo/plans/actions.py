"""The writes of 改革プラン・進行管理. Views, the API, imports and the demo all call these.

Each action checks the rule (``rules.py``) and refuses with ``PermissionDenied`` carrying a
Japanese message; validates, refusing bad input with a Japanese ``ValidationError`` (numbers
that are not numbers, fiscal years outside the plan, publishing an unapproved report…); and
writes in one transaction with the actor recorded on the audit log (``acting_as``).

Numbers typed by people are read by core's typed inputs (``kyodo.core.inputs``): full-width
digits (１２３), thousands separators (1,234) and surrounding spaces are accepted; anything
else, and anything beyond what the columns hold, is refused naming the field.

Once a plan is adopted (策定済), what its items promise — title, content, 項目番号, theme,
order, 担当課, yearly schedule, targets, an indicator's unit and baseline — changes only by a
見直し (``revise_item``): a revision with a reason and the values before and after, shown
publicly. The plain setters refuse it, from any screen, import or script
(``refuse_unrevised``); an item or indicator added to an adopted plan is recorded as a 見直し
「追加」 with its reason, and a theme's number and text stay as adopted.

An object is checked as it is and as it will be: an edit may not move a theme, item or
indicator to another parent (``check_parent``), since the editor was checked against the
parent it has now.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core import corrections
from kyodo.core import queries as core_queries
from kyodo.core.actions import acting_as
from kyodo.core.inputs import (
    AmountField, DecimalField, FiscalYearField, IntegerField, TextField, clean_cell,
)
from kyodo.core.japanese import wareki_date
from kyodo.core.models import Role
from kyodo.core.notify import holders, notify

from . import rules as plan_rules
from . import workflow
from .models import (
    DECIMAL, ActionItem, Indicator, IndicatorActual, IndicatorTarget, ItemBudget, ItemSchedule, Plan,
    ProgressReport, ReportTransition, Revision, Theme, fiscal_year_label,
)

#: What an adopted plan's item and indicator promise beyond their schedule and targets: changed
#: only by a 見直し (``revise_item``). A theme's number and text are fixed once adopted.
ITEM_FIELDS = ("title", "description", "code", "theme", "sort_order")
INDICATOR_FIELDS = ("unit", "baseline", "baseline_year")
THEME_TEXT = ("number", "title", "description")

EDITABLE_REPORT_STATES = frozenset({ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED})
REPORT_FIELDS = frozenset({"item_status", "progress", "narrative", "problems", "next_steps"})

REFUSALS = {
    "plans.manage_plan": _("計画の作成・編集は主管課または団体管理者が行います。"),
    "plans.set_targets": _("目標値の設定は主管課または団体管理者が行います。"),
    "plans.revise_item": _("取組項目の見直しは主管課または団体管理者が行います。"),
    "plans.review_report": _("進捗報告の承認・差戻し・公表は主管課が行います。"),
    "plans.correct_report": _("公表した進捗報告の訂正・取下げは主管課が行います。"),
    "plans.report_on_item": _("この取組項目の担当課の職員ではないため、進捗報告を作成・提出できません。"),
}


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


def check_parent(obj):
    """Refuse an edit that moves ``obj`` out of the parent it is stored under (rules.py)."""
    refusal = plan_rules.moved_from_parent(obj)
    if refusal:
        raise PermissionDenied(refusal)


# --- Reading numbers ---------------------------------------------------------------------------

def value_field(**kwargs):
    """The typed form field of an indicator value (目標値, 実績値, 基準値): what the column holds."""
    return DecimalField(max_digits=DECIMAL["max_digits"], decimal_places=DECIMAL["decimal_places"],
                        **kwargs)


def parse_number(raw, *, label):
    """A Decimal from what a person typed, or a ValidationError naming the field."""
    if isinstance(raw, bool):  # bool is an int; True is not a measurement
        raise ValidationError(_("「%(label)s」は数値で入力してください。") % {"label": label},
                              code="not_a_number")
    field = value_field()
    try:
        return field.clean(raw)
    except ValidationError as error:
        if getattr(error, "code", None) == "invalid":
            raise ValidationError(
                _("「%(label)s」に「%(raw)s」とありますが、数値で入力してください(例: 12.5)。")
                % {"label": label, "raw": str(raw)[:30]}, code="not_a_number",
            ) from None
    return clean_cell(field, raw, label)  # out of range: the field's message, naming the field


def parse_yen(raw, *, label):
    """Whole yen, zero up to core's MAX_AMOUNT; None for an empty entry."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValidationError(_("「%(label)s」は0以上の整数(円)で入力してください。") % {"label": label},
                              code="not_yen")
    return clean_cell(AmountField(), raw, label)


def is_blank(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip())


def plain(value):
    """A Decimal as people write it: 1200, 12.5 (never 1.2E+3, never 12.500)."""
    if value is None:
        return None
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _gather(errors, fn, *args, **kwargs):
    """Run ``fn``; collect its ValidationError so all problems are reported at once."""
    try:
        return fn(*args, **kwargs)
    except ValidationError as error:
        errors.extend(error.messages)
        return None


# --- Plans and their structure -------------------------------------------------------------------

def save_plan(actor, plan):
    require(actor, "plans.manage_plan", plan if plan.pk else plan.organisation)
    check_parent(plan)
    with acting_as(actor), transaction.atomic():
        plan.full_clean()
        plan.save()
    return plan


def save_theme(actor, theme):
    """Create or edit a theme. An adopted plan's themes keep their number and text: the items
    under them, and their revisions, are read against them (a new theme may still be added)."""
    require(actor, "plans.manage_plan", theme.plan)
    check_parent(theme)
    if theme.pk is not None and is_adopted(theme.plan):
        stored = Theme.objects.get(pk=theme.pk)
        changed = [n for n in THEME_TEXT if getattr(stored, n) != getattr(theme, n)]
        if changed:
            raise ValidationError({n: _(
                "策定済みの計画の重点項目(番号・名称・説明)は変更できません。"
                "内容を改めるときは、計画を改定して新しい計画として作成してください。") for n in changed},
                code="adopted_theme")
    with acting_as(actor), transaction.atomic():
        theme.full_clean()
        theme.save()
    return theme


def save_item(actor, item, departments=None, *, reason_category="", reason=""):
    """Create or edit an item; ``departments`` (if given) replaces its 担当課. An item added to
    an adopted plan needs the reason, recorded as its 見直し 「追加」."""
    if item.plan_id is None and item.theme_id is not None:
        item.plan = item.theme.plan
    require(actor, "plans.manage_plan", item.plan)
    check_parent(item)
    added = item.pk is None and is_adopted(item.plan)
    if added:
        reason = check_addition_reason(reason_category, reason, _("取組項目"))
    with acting_as(actor), transaction.atomic():
        item.full_clean()
        if departments is not None:
            departments = list(departments)
            if not departments:
                raise ValidationError({"departments": _("担当課を1つ以上選んでください。")})
            if any(d.organisation_id != item.plan.organisation_id for d in departments):
                raise ValidationError({"departments": _("担当課は計画と同じ団体の部署から選んでください。")})
        if item.pk is not None and is_adopted(item.plan):
            stored = ActionItem.objects.prefetch_related("departments").get(pk=item.pk)
            changed = [name for name in ITEM_FIELDS if getattr(stored, ActionItem._meta.get_field(name).attname)
                       != getattr(item, ActionItem._meta.get_field(name).attname)]
            if departments is not None and ({d.pk for d in departments}
                                            != {d.pk for d in stored.departments.all()}):
                changed.append("departments")
            refuse_unrevised(item.plan, changed)
        item.save()
        if departments is not None:
            item.departments.set(departments)
        if added:
            record_addition(actor, item, "added", f"{item.code} {item.title}", reason_category, reason)
    return item


def check_addition_reason(reason_category, reason, what):
    """The reason of an addition to an adopted plan, or a ValidationError next to its fields."""
    reason = (reason or "").strip()
    errors = {}
    if reason_category not in Revision.Reason.values:
        errors["reason_category"] = _("見直しの理由の区分を選んでください。")
    if not reason:
        errors["reason"] = _("策定済みの計画に%(what)sを追加するときは、追加の理由を入力してください。"
                             "見直し(追加)として公開ページに記録されます。") % {"what": what}
    if errors:
        raise ValidationError(errors, code="needs_revision")
    return reason


def record_addition(actor, item, key, shown, reason_category, reason):
    revision = Revision(item=item, reason_category=reason_category, reason=reason, before={key: None},
                        after={key: shown}, actor=actor)
    revision.full_clean()
    revision.save()


def is_adopted(plan):
    return plan.status != Plan.Status.DRAFT


def refuse_unrevised(plan, changed, model=ActionItem):
    """Refuse a change to what an adopted plan promises made outside a 見直し; ``changed``
    names the fields (of ``model``, or "schedule" / "targets") the change touches."""
    if not changed or not is_adopted(plan):
        return
    labels = {"schedule": _("スケジュール"), "targets": _("目標値")}
    names = "、".join(str(labels.get(n) or model._meta.get_field(n).verbose_name) for n in changed)
    fields = {f.name for f in model._meta.get_fields()}
    raise ValidationError(
        {n if n in fields else None: _(
            "策定済みの計画の%(names)sは、「見直し」で理由とともに変更してください。"
            "変更前と変更後が公開ページに記録されます。") % {"names": names} for n in changed},
        code="needs_revision",
    )


def save_indicator(actor, indicator, *, reason_category="", reason=""):
    """Create or edit an indicator. One added to an adopted plan needs the reason, recorded as
    its item's 見直し 「追加」; its unit and baseline then change by a 見直し only."""
    require(actor, "plans.manage_plan", indicator.item.plan)
    check_parent(indicator)
    added = indicator.pk is None and is_adopted(indicator.item.plan)
    if added:
        reason = check_addition_reason(reason_category, reason, _("成果指標"))
    if indicator.pk is not None and is_adopted(indicator.item.plan):
        stored = Indicator.objects.get(pk=indicator.pk)
        refuse_unrevised(indicator.item.plan, [n for n in INDICATOR_FIELDS
                                               if getattr(stored, n) != getattr(indicator, n)],
                         model=Indicator)
    with acting_as(actor), transaction.atomic():
        indicator.full_clean()
        indicator.save()
        if added:
            record_addition(actor, indicator.item, f"indicator.{indicator.pk}.added", indicator.name,
                            reason_category, reason)
    return indicator


def set_schedule(actor, item, fiscal_year, content):
    """The item's plan for one fiscal year; empty content removes it."""
    require(actor, "plans.manage_plan", item.plan)
    item.plan.check_fiscal_year(fiscal_year)
    current = ItemSchedule.objects.filter(item=item, fiscal_year=fiscal_year).values_list(
        "content", flat=True).first()
    if (current or "") != (content or "").strip():
        refuse_unrevised(item.plan, ["schedule"])
    with acting_as(actor), transaction.atomic():
        return _write_schedule(item, fiscal_year, content)


def _write_schedule(item, fiscal_year, content):
    content = (content or "").strip()
    if not content:
        ItemSchedule.objects.filter(item=item, fiscal_year=fiscal_year).delete()
        return None
    schedule = ItemSchedule.objects.filter(item=item, fiscal_year=fiscal_year).first()
    schedule = schedule or ItemSchedule(item=item, fiscal_year=fiscal_year)
    schedule.content = content
    schedule.full_clean()
    schedule.save()
    return schedule


def set_budget(actor, item, fiscal_year, *, budget=None, settlement=None):
    """予算・決算 of one fiscal year, in whole yen (「1,234,000」 is read as 1234000)."""
    require(actor, "plans.manage_plan", item.plan)
    errors = []
    _gather(errors, item.plan.check_fiscal_year, fiscal_year)
    budget = _gather(errors, parse_yen, budget, label=_("予算額"))
    settlement = _gather(errors, parse_yen, settlement, label=_("決算額"))
    if errors:
        raise ValidationError(errors)
    with acting_as(actor), transaction.atomic():
        row, _created = ItemBudget.objects.update_or_create(
            item=item, fiscal_year=fiscal_year,
            defaults={"budget": budget, "settlement": settlement},
        )
    return row


def set_targets(actor, indicator, targets):
    """Set an indicator's 目標値: ``{fiscal_year: value}``; an empty value removes that year's.

    Refuses years outside the plan and values that are not numbers, naming each, and writes
    nothing unless every entry is good.
    """
    require(actor, "plans.set_targets", indicator)
    plan = indicator.item.plan
    if is_adopted(plan) and indicator.pk is not None:
        # A new indicator of an adopted plan gets its first targets here; once it has any,
        # they change by a 見直し like every other promise.
        current = {t.fiscal_year: t.value for t in indicator.targets.all()}
        wanted = _check_targets(indicator, targets)
        if current and any(current.get(year) != value for year, value in wanted.items()):
            refuse_unrevised(plan, ["targets"])
    with acting_as(actor), transaction.atomic():
        _write_targets(indicator, targets)


def _plan_year(plan, year, errors):
    """``year`` as a fiscal year of the plan, or None with the reason added to ``errors``."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        errors.append(_("年度「%(year)s」は西暦の年(例: 2005)で指定してください。") % {"year": str(year)[:30]})
        return None
    try:
        plan.check_fiscal_year(year)
    except ValidationError as error:
        errors.extend(error.messages)
        return None
    return year


def _check_targets(indicator, targets):
    plan = indicator.item.plan
    errors, clean = [], {}
    for year, raw in targets.items():
        year = _plan_year(plan, year, errors)
        if year is None:
            continue
        label = _("%(name)s の目標値(%(year)s)") % {"name": indicator.name,
                                               "year": fiscal_year_label(year)}
        clean[year] = None if is_blank(raw) else _gather(errors, parse_number, raw, label=label)
    if errors:
        raise ValidationError(errors)
    return clean


def _write_targets(indicator, targets):
    for year, value in _check_targets(indicator, targets).items():
        if value is None:
            IndicatorTarget.objects.filter(indicator=indicator, fiscal_year=year).delete()
            continue
        target = IndicatorTarget.objects.filter(indicator=indicator, fiscal_year=year).first()
        target = target or IndicatorTarget(indicator=indicator, fiscal_year=year)
        target.value = value
        target.full_clean()
        target.save()


# --- Progress reports ----------------------------------------------------------------------------

def create_report(actor, item, *, fiscal_year, period=ProgressReport.Period.YEAR, **fields):
    """A department starts its 進捗報告 for one item and period (state 作成中)."""
    require(actor, "plans.report_on_item", item)
    unknown = set(fields) - REPORT_FIELDS
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    report = ProgressReport(item=item, fiscal_year=fiscal_year, period=period,
                            created_by=actor, **fields)
    with acting_as(actor), transaction.atomic():
        report.full_clean()
        report.save()
    return report


def _require_editable(report):
    if report.status not in EDITABLE_REPORT_STATES:
        raise ValidationError(
            _("%(status)sの進捗報告は変更できません。変更が必要なときは主管課に差戻しを依頼してください。")
            % {"status": report.get_status_display()}, code="not_editable",
        )


def update_report(actor, report, **fields):
    require(actor, "plans.report_on_item", report)
    check_parent(report)
    _require_editable(report)
    unknown = set(fields) - REPORT_FIELDS
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(report, name, value)
    with acting_as(actor), transaction.atomic():
        report.full_clean()
        report.save()
    return report


def record_actuals(actor, report, values, *, fiscal_year=None):
    """Record the 実績値 a report states: ``{indicator: value}`` for ``fiscal_year`` (the
    report's own year unless given, e.g. a first-half report that settles last year's value).

    An empty value removes the report's value for that indicator. Every entry is checked
    before anything is written: indicators of another item, values that are not numbers and
    years outside the plan are refused together, in Japanese.
    """
    require(actor, "plans.report_on_item", report)
    _require_editable(report)
    year = report.fiscal_year if fiscal_year is None else fiscal_year
    errors = []
    _gather(errors, report.item.plan.check_fiscal_year, year)
    indicators = {i.pk: i for i in report.item.indicators.all()}
    parsed = {}
    for key, raw in values.items():
        pk = key.pk if isinstance(key, Indicator) else key
        indicator = indicators.get(pk)
        if indicator is None:
            errors.append(_("この進捗報告の取組項目の成果指標ではありません(指標ID %(pk)s)。") % {"pk": pk})
            continue
        label = _("%(name)s の実績値") % {"name": indicator.name}
        parsed[indicator] = None if is_blank(raw) else _gather(errors, parse_number, raw, label=label)
    if errors:
        raise ValidationError(errors)
    with acting_as(actor), transaction.atomic():
        for indicator, value in parsed.items():
            existing = IndicatorActual.objects.filter(indicator=indicator, report=report,
                                                      fiscal_year=year)
            if value is None:
                existing.delete()
                continue
            actual = existing.first() or IndicatorActual(indicator=indicator, report=report,
                                                         fiscal_year=year)
            actual.value = value
            actual.full_clean()
            actual.save()


def take_step(actor, report, name, *, comment=""):
    """Check who may take workflow step ``name`` and take it (see workflow.TRANSITIONS); the
    people the step hands the report to are told (``tell_step``) once it commits."""
    transition = workflow.TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("不明な手続です: %(name)s") % {"name": name})
    require(actor, transition.permission, report)
    with transaction.atomic():
        workflow.apply(actor, report, name, comment=comment)
        tell_step(report, name, comment=comment)
    return report


def report_label(report):
    """「1-1 出前講座の充実 平成17年度 上半期」: what a mail or a line says the report is."""
    period = "" if report.period == ProgressReport.Period.YEAR else f" {report.get_period_display()}"
    return f"{report.item.code} {report.item.title} {fiscal_year_label(report.fiscal_year)}{period}"


def coordinators_of(plan):
    """Who reviews the plan's reports: the coordinators of its 主管課 when it names one (and
    that office has any), otherwise every coordinator of the organisation."""
    if plan.coordinating_department_id:
        found = holders(plan.organisation, {Role.COORDINATOR}, plan.coordinating_department)
        if found:
            return found
    return holders(plan.organisation, {Role.COORDINATOR})


def authors_of(report):
    """The staff who wrote the report: its author and whoever submitted it, if still active;
    otherwise the staff of the item's departments (the report is their department's)."""
    people = [report.created_by] + [t.actor for t in report.transitions.select_related("actor")
                                    if t.to_status == ProgressReport.Status.SUBMITTED]
    found = {p.pk: p for p in people if p is not None and p.is_active}
    if found:
        return list(found.values())
    organisation = report.item.plan.organisation
    staff = {}
    for department in report.item.departments.all():
        for person in holders(organisation, {Role.DEPARTMENT_STAFF}, department):
            staff[person.pk] = person
    return list(staff.values())


def tell_step(report, name, *, comment=""):
    """The mail and my-page line of a workflow step (issue 14 §5): a submitted report goes to
    the coordinators; a return (with its reason), an approval, a publication and a
    withdrawal (with its reason) go back to the department's staff who wrote it."""
    plan = report.item.plan
    organisation = plan.organisation
    staff_page = reverse("plans:report", args=[organisation.slug, report.pk])
    context = {"report": report_label(report), "plan": plan.title,
               "date": wareki_date(timezone.localdate()), "comment": comment}
    if name == "submit":
        recipients, url = coordinators_of(plan), staff_page
        subject = _("【改革プラン】進捗報告が提出されました: %(report)s")
        body = _("%(date)s、「%(plan)s」の進捗報告「%(report)s」が担当課から提出されました。"
                 "内容を確認し、承認または差戻しをしてください。")
    elif name == "return":
        recipients, url = authors_of(report), staff_page
        subject = _("【改革プラン】進捗報告が差し戻されました: %(report)s")
        body = _("%(date)s、「%(plan)s」の進捗報告「%(report)s」が主管課から差し戻されました。\n"
                 "差戻しの理由: %(comment)s\n修正して、もう一度提出してください。")
    elif name == "approve":
        recipients, url = authors_of(report), staff_page
        subject = _("【改革プラン】進捗報告が承認されました: %(report)s")
        body = _("%(date)s、「%(plan)s」の進捗報告「%(report)s」が主管課に承認されました。"
                 "公表されるとお知らせします。")
    elif name == "publish":
        recipients = authors_of(report)
        url = reverse("plans:item", args=[organisation.slug, plan.pk, report.item_id])
        subject = _("【改革プラン】進捗報告が公表されました: %(report)s")
        body = _("%(date)s、「%(plan)s」の進捗報告「%(report)s」が公表されました。公開ページでご覧いただけます。")
    elif name == "withdraw":
        recipients = authors_of(report)
        url = reverse("plans:item", args=[organisation.slug, plan.pk, report.item_id])
        subject = _("【改革プラン】公表した進捗報告が取り下げられました: %(report)s")
        body = _("%(date)s、「%(plan)s」の進捗報告「%(report)s」が主管課により取り下げられました。\n"
                 "取下げの理由: %(comment)s\nこの期間の報告は、あらためて作成できます。")
    else:
        return
    notify(recipients, subject=subject % context, body=body % context, url=url,
           organisation=organisation)


def submit_report(actor, report):
    return take_step(actor, report, "submit")


def return_report(actor, report, comment):
    return take_step(actor, report, "return", comment=comment)


def approve_report(actor, report, comment=""):
    return take_step(actor, report, "approve", comment=comment)


def publish_report(actor, report):
    return take_step(actor, report, "publish")


# --- Correction and withdrawal of published reports (訂正・取下げ) ------------------------------

def _require_published(report, refusal):
    if ProgressReport.objects.filter(pk=report.pk).values_list("status", flat=True).first() \
            != ProgressReport.Status.PUBLISHED:
        raise ValidationError(refusal, code="not_published")


def correct_report(actor, report, *, reason, changes=None, actuals=None):
    """訂正: the coordinator corrects a published report's text and figures, with a reason.

    ``changes`` holds report fields (``REPORT_FIELDS``); ``actuals`` the corrected value of
    the report's own 実績値, ``{actual or its id: value}``. Each corrected record keeps its
    trail in ``core.corrections`` (when, who, why, the values before), which the public item
    page shows; the item's status and progress follow the corrected report. A value cannot be
    emptied here: a figure that should never have been published is withdrawn with its report.
    """
    require(actor, "plans.correct_report", report)
    check_parent(report)
    _require_published(report, _("公表済の進捗報告だけを訂正できます。"))
    changes = dict(changes or {})
    unknown = set(changes) - REPORT_FIELDS
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    errors = []
    held = {a.pk: a for a in report.actuals.select_related("indicator")}
    corrected = {}
    for key, raw in (actuals or {}).items():
        actual = held.get(key.pk if isinstance(key, IndicatorActual) else key)
        if actual is None:
            errors.append(_("この進捗報告の実績値ではありません。"))
            continue
        label = _("%(name)s の実績値") % {"name": actual.indicator.name}
        if is_blank(raw):
            errors.append(_("「%(label)s」を空にする訂正はできません。誤って公表した報告は取り下げてください。")
                          % {"label": label})
            continue
        value = _gather(errors, parse_number, raw, label=label)
        if value is not None and value != actual.value:
            corrected[actual] = value
    if errors:
        raise ValidationError(errors)
    changed = {name: value for name, value in changes.items() if getattr(report, name) != value}
    if not changed and not corrected:
        raise ValidationError(_("訂正する内容が変わっていません。"), code="no_change")
    with acting_as(actor), transaction.atomic():
        records = []
        if changed:
            records.append(corrections.correct(actor, report, reason=reason, changes=changed))
        for actual, value in corrected.items():
            actual.value = Decimal(plain(actual.value))  # the trail shows 120, not 120.000
            records.append(corrections.correct(actor, actual, reason=reason, changes={"value": value}))
        workflow.settle_item(report.item)
    return records


def withdraw_report(actor, report, *, reason):
    """取下げ: the coordinator withdraws a published report, with a reason. It stays on the public
    item page with the notice; its figures no longer count (only published actuals do) and the
    item falls back to its latest remaining published report. The department is told and may
    report the period anew."""
    require(actor, "plans.correct_report", report)
    _require_published(report, _("公表済の進捗報告だけを取り下げられます。"))
    with acting_as(actor), transaction.atomic():
        record = corrections.withdraw(actor, report, reason=reason,
                                      changes={"status": ProgressReport.Status.WITHDRAWN})
        ReportTransition.objects.create(
            report=report, from_status=ProgressReport.Status.PUBLISHED,
            to_status=ProgressReport.Status.WITHDRAWN, comment=record.reason,
            actor=actor if actor is not None and actor.is_authenticated else None,
        )
        workflow.settle_item(report.item)
        tell_step(report, "withdraw", comment=record.reason)
    return record


# --- Revisions -------------------------------------------------------------------------------------

REVISABLE = ("title", "description", "code", "theme", "sort_order", "departments", "schedules",
             "targets", "indicators")


def department_paths(organisation, departments):
    """「総務局 総務部 総務課、…」: departments by their full path (two 総務課 stay apart)."""
    paths = {node.department.pk: node.full_name
             for node in core_queries.flatten(core_queries.department_tree(organisation))}
    return "、".join(sorted(paths.get(d.pk, d.name) for d in departments))


def revise_item(actor, item, changes, reason_category, reason, *, at=None):
    """見直し: change an item's content, yearly schedule or indicator targets, with a reason.

    ``changes`` may hold ``title``, ``description``, ``code`` (項目番号), ``theme`` (a theme of
    the plan, or its id), ``sort_order``, ``departments`` (the new 担当課), ``schedules``
    ({fiscal_year: text}), ``targets`` ({indicator or its integer id: {fiscal_year: value}}) and
    ``indicators`` ({indicator or its id: {"unit", "baseline", "baseline_year"}}). The revision
    keeps, for every value that really changed, its value before and after as people read it,
    under flat keys: ``title``, ``description``, ``code``, ``theme`` (「1 市民サービスの改革」),
    ``sort_order``, ``departments`` (full paths), ``schedule.2006``,
    ``target.<indicator id>.2006``, ``indicator.<indicator id>.unit`` (and ``.baseline``,
    ``.baseline_year``). ``at`` is for imports and the demo, which replay revisions made in the past.
    """
    require(actor, "plans.revise_item", item)
    errors = []
    if reason_category not in Revision.Reason.values:
        errors.append(_("見直しの理由の区分を選んでください。"))
    reason = (reason or "").strip()
    if not reason:
        errors.append(_("見直しの理由を入力してください。"))
    unknown = set(changes) - set(REVISABLE)
    if unknown:
        errors.append(_("見直しで変更できない項目です: %(names)s") % {"names": ", ".join(sorted(unknown))})
    if errors:
        raise ValidationError(errors)

    before, after = {}, {}
    for name in ("title", "description"):
        if name in changes and (changes[name] or "").strip() != getattr(item, name):
            before[name], after[name] = getattr(item, name), (changes[name] or "").strip()

    item_values = {}
    if "code" in changes and (changes["code"] or "").strip() != item.code:
        item_values["code"] = (changes["code"] or "").strip()
        before["code"], after["code"] = item.code, item_values["code"]
    if changes.get("theme") is not None:
        theme_pk = changes["theme"].pk if isinstance(changes["theme"], Theme) else changes["theme"]
        theme = item.plan.themes.filter(pk=theme_pk).first() if isinstance(theme_pk, int) else None
        if theme is None:
            errors.append(_("重点項目は同じ計画のものを選んでください。"))
        elif theme.pk != item.theme_id:
            item_values["theme"] = theme
            before["theme"], after["theme"] = str(item.theme), str(theme)
    if changes.get("sort_order") is not None:
        order = _gather(errors, clean_cell, IntegerField(min_value=0), changes["sort_order"],
                        ActionItem._meta.get_field("sort_order").verbose_name)
        if order is not None and order != item.sort_order:
            item_values["sort_order"] = order
            before["sort_order"], after["sort_order"] = item.sort_order, order

    departments = None
    if changes.get("departments") is not None:
        departments = list(changes["departments"])
        if not departments:
            errors.append(_("担当課を1つ以上選んでください。"))
        elif any(d.organisation_id != item.plan.organisation_id for d in departments):
            errors.append(_("担当課は計画と同じ団体の部署から選んでください。"))
        elif {d.pk for d in departments} != {d.pk for d in item.departments.all()}:
            organisation = item.plan.organisation
            before["departments"] = department_paths(organisation, item.departments.all())
            after["departments"] = department_paths(organisation, departments)

    schedules = {s.fiscal_year: s.content for s in item.schedules.all()}
    for year, content in (changes.get("schedules") or {}).items():
        year = _plan_year(item.plan, year, errors)
        if year is None:
            continue
        content = (content or "").strip() or None
        if content != schedules.get(year):
            before[f"schedule.{year}"], after[f"schedule.{year}"] = schedules.get(year), content

    indicators = {i.pk: i for i in item.indicators.prefetch_related("targets")}
    checked_targets = {}
    for key, years in (changes.get("targets") or {}).items():
        pk = key.pk if isinstance(key, Indicator) else key
        indicator = indicators.get(pk)
        if indicator is None:
            errors.append(_("この取組項目の成果指標ではありません(指標ID %(pk)s)。") % {"pk": pk})
            continue
        try:
            clean = _check_targets(indicator, years)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        current = {t.fiscal_year: t.value for t in indicator.targets.all()}
        for year, value in clean.items():
            if value != current.get(year):
                key_name = f"target.{pk}.{year}"
                before[key_name], after[key_name] = plain(current.get(year)), plain(value)
        checked_targets[indicator] = clean
    indicator_values = {}
    for key, wanted in (changes.get("indicators") or {}).items():
        pk = key.pk if isinstance(key, Indicator) else key
        indicator = indicators.get(pk)
        if indicator is None:
            errors.append(_("この取組項目の成果指標ではありません(指標ID %(pk)s)。") % {"pk": pk})
            continue
        values = _indicator_values(indicator, wanted, errors)
        for name, value in values.items():
            before[f"indicator.{pk}.{name}"], after[f"indicator.{pk}.{name}"] = (
                _shown(getattr(indicator, name), name), _shown(value, name))
        if values:
            indicator_values[indicator] = values
    if errors:
        raise ValidationError(errors)
    if not after:
        raise ValidationError(_("変更内容がありません。変更前と同じ内容では見直しとして記録できません。"),
                              code="no_change")

    with acting_as(actor), transaction.atomic():
        item_values.update({name: after[name] for name in ("title", "description") if name in after})
        if item_values:
            for name, value in item_values.items():
                setattr(item, name, value)
            item.full_clean()
            item.save()
        for indicator, values in indicator_values.items():
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.full_clean()
            indicator.save()
        if "departments" in after:
            item.departments.set(departments)
        for key, content in after.items():
            if key.startswith("schedule."):
                _write_schedule(item, int(key.split(".")[1]), content)
        for indicator, clean in checked_targets.items():
            _write_targets(indicator, clean)
        revision = Revision(item=item, reason_category=reason_category, reason=reason,
                            before=before, after=after, actor=actor,
                            revised_at=at or timezone.now())
        revision.full_clean()
        revision.save()
    return revision


def _indicator_values(indicator, wanted, errors):
    """The unit and baseline a revision gives ``indicator``, read as typed, only those that change."""
    unknown = set(wanted) - set(INDICATOR_FIELDS)
    if unknown:
        errors.append(_("見直しで変更できない項目です: %(names)s") % {"names": ", ".join(sorted(unknown))})
        return {}
    values = {}
    for name, raw in wanted.items():
        label = _("%(name)s の%(field)s") % {"name": indicator.name,
                                            "field": Indicator._meta.get_field(name).verbose_name}
        if name == "unit":
            value = (raw or "").strip()
            if not value:
                errors.append(_("「%(label)s」を入力してください。") % {"label": label})
                continue
            value = _gather(errors, clean_cell, TextField(max_length=20), value, label)
        elif is_blank(raw):
            value = None
        elif name == "baseline":
            value = _gather(errors, parse_number, raw, label=label)
        else:
            value = _gather(errors, clean_cell, FiscalYearField(), raw, label)
        if value is not None or is_blank(raw):
            if value != getattr(indicator, name):
                values[name] = value
    return values


def _shown(value, name):
    """An indicator's unit or baseline as the revision list shows it."""
    if value is None:
        return None
    if name == "baseline":
        return plain(value)
    if name == "baseline_year":
        return fiscal_year_label(value)
    return value


def revision_rows(revision, indicators_by_id=None):
    """(label, before, after) for each change of a revision, in Japanese, for pages."""
    indicators_by_id = indicators_by_id or {}
    rows = []
    for key, new in revision.after.items():
        old = revision.before.get(key)
        if key == "added":
            label = _("取組項目の追加")
        elif key in ("title", "description", "code", "theme", "sort_order", "departments"):
            label = ActionItem._meta.get_field(key).verbose_name
        elif key.startswith("indicator.") and key.endswith(".added"):
            label = _("成果指標の追加")
        elif key.startswith("indicator."):
            _indicator, pk, name = key.split(".")
            indicator = indicators_by_id.get(int(pk))
            label = _("%(name)s の%(field)s") % {
                "name": indicator.name if indicator else _("成果指標 %(pk)s") % {"pk": pk},
                "field": Indicator._meta.get_field(name).verbose_name}
        elif key.startswith("schedule."):
            label = _("スケジュール(%(year)s)") % {"year": fiscal_year_label(int(key.split(".")[1]))}
        else:
            _target, pk, year = key.split(".")
            indicator = indicators_by_id.get(int(pk))
            name = indicator.name if indicator else _("成果指標 %(pk)s") % {"pk": pk}
            label = _("%(name)s の目標値(%(year)s)") % {"name": name,
                                                   "year": fiscal_year_label(int(year))}
        rows.append((label, old, new))
    return rows

