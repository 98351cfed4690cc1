"""Staff screens of 改革プラン (under /org/<slug>/plans/manage/).

Department staff see the items they are responsible for and write, correct and submit their
reports; the coordinator (主管課) sees the queue of reports to review, approves, returns and
publishes them, follows which departments have not reported, edits plans and revises items.
Every write goes through ``actions``; every refusal is the rule's Japanese message.
"""

import base64
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.core.inputs import add_errors
from kyodo.core.rules import departments_for

from . import actions, importer, queries, workflow
from .forms import (
    CorrectReportForm, ImportForm, ImportRevisionForm, IndicatorForm, ItemForm, NewReportForm, PlanForm, ReportForm,
    ReportingStatusForm, ReviseForm, StepForm, ThemeForm, WithdrawReportForm, YearsForm, addition_reason,
)
from .models import ActionItem, Indicator, Plan, ProgressReport, Theme, fiscal_year_label
from .views import organisation_or_404


def staff_organisation(request, slug, permission="plans.use_staff_screens"):
    organisation = organisation_or_404(slug)
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied(_("この画面は団体の職員だけが使えます。"))
    return organisation


def check(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(actions.REFUSALS.get(permission, _("この操作の権限がありません。")))


def edit_page(request, organisation, *, title, form, back, intro=""):
    return render(request, "plans/manage/form.html", {
        "organisation": organisation, "title": title, "form": form,
        "back": reverse(back[0], args=back[1]),
        "intro": intro,
    })


def item_in(organisation, item_id, plan=None):
    """The organisation's item (and the plan's, when the URL names one), or 404."""
    items = ActionItem.objects.filter(plan__organisation=organisation)
    if plan is not None:
        items = items.filter(plan=plan)
    return get_object_or_404(
        items.select_related("plan__organisation", "theme")
        .prefetch_related("departments", "schedules", "budgets",
                          Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets"))),
        pk=item_id,
    )


def plan_in(organisation, plan_id):
    return get_object_or_404(Plan.objects.select_related("organisation"), pk=plan_id,
                             organisation=organisation)


# --- Home, items and reports -------------------------------------------------------------------

@login_required
def home(request, slug):
    organisation = staff_organisation(request, slug)
    user = request.user
    plans = list(queries.plans_of(organisation, include_drafts=True))
    return render(request, "plans/manage/home.html", {
        "organisation": organisation,
        "plans": [(plan, user.has_perm("plans.manage_plan", plan)) for plan in plans],
        "can_create_plan": user.has_perm("plans.manage_plan", organisation),
        "my_items": queries.items_of_departments(organisation, departments_for(user)),
        "queue": (queries.reports_to_review(organisation)
                  if user.has_perm("plans.review_report", organisation) else None),
    })


@login_required
def manage_item(request, slug, item_id):
    organisation = staff_organisation(request, slug)
    item = item_in(organisation, item_id)
    can_report = request.user.has_perm("plans.report_on_item", item)
    if not (can_report or request.user.has_perm("plans.review_report", item)):
        raise PermissionDenied(actions.REFUSALS["plans.report_on_item"])
    form = NewReportForm(request.POST or None, item=item)
    if request.method == "POST":
        check(request, "plans.report_on_item", item)
        if form.is_valid():
            try:
                report = actions.create_report(request.user, item, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("進捗報告を作成しました。内容を書いて保存してください。"))
                return redirect("plans:report", slug=slug, report_id=report.pk)
    reports = item.reports.order_by("-fiscal_year", "-id").prefetch_related("transitions")
    return render(request, "plans/manage/item.html", {
        "organisation": organisation, "item": item, "plan": item.plan, "reports": reports,
        "form": form, "can_report": can_report,
        "can_manage": request.user.has_perm("plans.manage_plan", item.plan),
    })


def _report_in(organisation, report_id):
    return get_object_or_404(
        ProgressReport.objects.select_related("item__plan__organisation", "item__theme")
        .prefetch_related("item__departments", "item__indicators", "actuals",
                          "transitions__actor"),
        pk=report_id, item__plan__organisation=organisation,
    )


@login_required
def report(request, slug, report_id):
    """Write (department) or review (coordinator) one report."""
    organisation = staff_organisation(request, slug)
    report = _report_in(organisation, report_id)
    check(request, "plans.view_report", report)
    can_edit = (request.user.has_perm("plans.report_on_item", report)
                and report.status in actions.EDITABLE_REPORT_STATES)
    form = ReportForm(request.POST or None, instance=report) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(actions.REFUSALS["plans.report_on_item"])
        if form.is_valid():
            try:
                with transaction.atomic():
                    fields = {name: form.cleaned_data[name] for name in actions.REPORT_FIELDS}
                    actions.update_report(request.user, report, **fields)
                    actions.record_actuals(request.user, report, form.actuals())
                    if "submit" in request.POST:
                        actions.submit_report(request.user, report)
            except ValidationError as error:
                add_errors(form, error)
            else:
                if "submit" in request.POST:
                    messages.success(request, _("進捗報告を提出しました。主管課の確認を待っています。"))
                else:
                    messages.success(request, _("進捗報告を保存しました(まだ提出していません)。"))
                return redirect("plans:report", slug=slug, report_id=report.pk)
    steps = [t for t in workflow.available(report)
             if t.name != "submit" and request.user.has_perm(t.permission, report)]
    can_correct = (report.status == ProgressReport.Status.PUBLISHED
                   and request.user.has_perm("plans.correct_report", report))
    return render(request, "plans/manage/report.html", {
        "organisation": organisation, "report": report, "item": report.item,
        "plan": report.item.plan, "form": form, "steps": steps,
        "step_form": StepForm(), "returned_comment": _last_return(report),
        "withdraw_form": WithdrawReportForm() if can_correct else None,
        "can_correct": can_correct,
    })


def _published_report_for_correction(request, slug, report_id):
    organisation = staff_organisation(request, slug)
    report = _report_in(organisation, report_id)
    check(request, "plans.correct_report", report)
    return organisation, report


@login_required
def correct_report(request, slug, report_id):
    """訂正: the coordinator corrects a published report, with the reason shown publicly."""
    organisation, report = _published_report_for_correction(request, slug, report_id)
    if report.status != ProgressReport.Status.PUBLISHED:
        messages.error(request, _("公表済の進捗報告だけを訂正できます。"))
        return redirect("plans:report", slug=slug, report_id=report.pk)
    # The form edits its own copy: ``report`` keeps the published values the correction's
    # trail compares with.
    published = ProgressReport.objects.prefetch_related("actuals").get(pk=report.pk)
    published.item = report.item
    form = CorrectReportForm(request.POST or None, instance=published)
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_report(
                request.user, report, reason=form.cleaned_data["reason"],
                changes={name: form.cleaned_data[name] for name in actions.REPORT_FIELDS},
                actuals=form.actuals())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("進捗報告を訂正しました。公開ページに訂正の日付・理由・訂正前の内容が表示されます。"))
            return redirect("plans:item", slug=slug, plan_id=report.item.plan_id, item_id=report.item_id)
    return edit_page(request, organisation, form=form,
                     title=_("進捗報告の訂正: %(code)s %(year)s") % {
                         "code": report.item.code, "year": report_period_label(report)},
                     back=("plans:report", [slug, report.pk]),
                     intro=_("公表した内容の誤りを直します。訂正した箇所は、訂正前の内容・日付・理由とともに公開ページに残ります。"))


@login_required
def withdraw_report(request, slug, report_id):
    """取下げ (POST only): the report leaves the figures, with the reason shown publicly."""
    organisation, report = _published_report_for_correction(request, slug, report_id)
    if request.method != "POST":
        return redirect("plans:report", slug=slug, report_id=report.pk)
    form = WithdrawReportForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, _("取下げの理由: %(error)s") % {"error": error})
        return redirect("plans:report", slug=slug, report_id=report.pk)
    try:
        actions.withdraw_report(request.user, report, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:report", slug=slug, report_id=report.pk)
    messages.success(request, _("進捗報告を取り下げました。公開ページに取下げの日付と理由が表示され、数値は集計から外れます。"))
    return redirect("plans:item", slug=slug, plan_id=report.item.plan_id, item_id=report.item_id)


def report_period_label(report):
    period = "" if report.period == ProgressReport.Period.YEAR else f" {report.get_period_display()}"
    return f"{fiscal_year_label(report.fiscal_year)}{period}"


def _last_return(report):
    returns = [t for t in report.transitions.all() if t.to_status == ProgressReport.Status.RETURNED]
    return returns[-1] if returns else None


@login_required
def report_step(request, slug, report_id):
    """The coordinator's approve / return / publish (POST only)."""
    organisation = staff_organisation(request, slug)
    report = _report_in(organisation, report_id)
    if request.method != "POST":
        return redirect("plans:report", slug=slug, report_id=report.pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        if "step" in form.errors:
            messages.error(request, _("手続を選んでください。"))
        for error in form.errors.get("comment", []):
            messages.error(request, _("コメント: %(error)s") % {"error": error})
        return redirect("plans:report", slug=slug, report_id=report.pk)
    try:
        actions.take_step(request.user, report, form.cleaned_data["step"],
                          comment=form.cleaned_data["comment"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:report", slug=slug, report_id=report.pk)
    done = {
        "return": _("進捗報告を差し戻しました。担当課に修正を依頼しています。"),
        "approve": _("進捗報告を承認しました。公表できます。"),
        "publish": _("進捗報告を公表しました。公開ページに反映されています。"),
        "submit": _("進捗報告を提出しました。"),
    }
    messages.success(request, done[form.cleaned_data["step"]])
    return redirect("plans:manage", slug=slug)


@login_required
def reporting(request, slug, plan_id):
    """For a period: which departments have reported, which have not."""
    organisation = staff_organisation(request, slug)
    plan = plan_in(organisation, plan_id)
    check(request, "plans.view_reporting_status", plan)
    initial = {"fiscal_year": plan.end_fiscal_year, "period": plan.reporting_period}
    form = ReportingStatusForm(request.GET or initial, plan=plan)
    rows, choice = [], None
    if form.is_valid():
        choice = form.cleaned_data
        rows = queries.reporting_status(plan, choice["fiscal_year"], choice["period"])
    return render(request, "plans/manage/reporting.html", {
        "organisation": organisation, "plan": plan, "form": form, "rows": rows,
        "choice": choice, "missing": [r for r in rows if not r.complete],
    })


# --- Coordinator: plans, themes, items, indicators, years, revisions, import ------------------

@login_required
def plan_edit(request, slug, plan_id=None):
    organisation = staff_organisation(request, slug)
    plan = plan_in(organisation, plan_id) if plan_id else None
    check(request, "plans.manage_plan", plan or organisation)
    form = PlanForm(request.POST or None, instance=plan, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_plan(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("計画「%(title)s」を保存しました。") % {"title": saved.title})
            return redirect("plans:plan_structure", slug=slug, plan_id=saved.pk)
    return edit_page(request, organisation, form=form,
                     title=_("計画の編集") if plan else _("計画の作成"),
                     back=("plans:plan_structure", [slug, plan.pk]) if plan else ("plans:manage", [slug]))


@login_required
def plan_structure(request, slug, plan_id):
    """The coordinator's view of a plan: its themes, items and indicators, with edit links."""
    organisation = staff_organisation(request, slug)
    plan = plan_in(organisation, plan_id)
    check(request, "plans.manage_plan", plan)
    themes = plan.themes.prefetch_related(Prefetch(
        "items", queryset=ActionItem.objects.prefetch_related("departments", "indicators")))
    return render(request, "plans/manage/structure.html", {
        "organisation": organisation, "plan": plan, "themes": themes,
    })


@login_required
def theme_edit(request, slug, plan_id, theme_id=None):
    organisation = staff_organisation(request, slug)
    plan = plan_in(organisation, plan_id)
    check(request, "plans.manage_plan", plan)
    theme = get_object_or_404(Theme, pk=theme_id, plan=plan) if theme_id else Theme(plan=plan)
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_theme(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("重点項目を保存しました。"))
            return redirect("plans:plan_structure", slug=slug, plan_id=plan.pk)
    return edit_page(request, organisation, form=form,
                     title=_("重点項目の編集") if theme_id else _("重点項目の追加"),
                     back=("plans:plan_structure", [slug, plan.pk]))


@login_required
def item_edit(request, slug, plan_id, item_id=None):
    organisation = staff_organisation(request, slug)
    plan = plan_in(organisation, plan_id)
    check(request, "plans.manage_plan", plan)
    # An item under another plan's URL is not found: its form would carry it into this plan.
    item = item_in(organisation, item_id, plan) if item_id else None
    form = ItemForm(request.POST or None, instance=item, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_item(request.user, form.instance,
                                      departments=form.cleaned_data["departments"],
                                      **addition_reason(form))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("取組項目「%(title)s」を保存しました。") % {"title": saved.title})
            return redirect("plans:plan_structure", slug=slug, plan_id=plan.pk)
    return edit_page(request, organisation, form=form,
                     title=_("取組項目の編集") if item else _("取組項目の追加"),
                     back=("plans:plan_structure", [slug, plan.pk]),
                     intro=_("計画を策定した後の内容・目標値・スケジュールの変更は「見直し」として理由とともに記録してください。") if item else "")


@login_required
def indicator_edit(request, slug, item_id, indicator_id=None):
    organisation = staff_organisation(request, slug)
    item = item_in(organisation, item_id)
    check(request, "plans.manage_plan", item.plan)
    indicator = (get_object_or_404(Indicator.objects.prefetch_related("targets"), pk=indicator_id, item=item)
                 if indicator_id else None)
    form = IndicatorForm(request.POST or None, instance=indicator, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = actions.save_indicator(request.user, form.instance, **addition_reason(form))
                actions.set_targets(request.user, saved, form.targets())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("成果指標「%(name)s」を保存しました。") % {"name": saved.name})
            return redirect("plans:plan_structure", slug=slug, plan_id=item.plan_id)
    return edit_page(request, organisation, form=form,
                     title=_("成果指標の編集") if indicator else _("成果指標の追加"),
                     back=("plans:plan_structure", [slug, item.plan_id]))


@login_required
def item_years(request, slug, item_id):
    organisation = staff_organisation(request, slug)
    item = item_in(organisation, item_id)
    check(request, "plans.manage_plan", item.plan)
    form = YearsForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        budgeted = {b.fiscal_year for b in item.budgets.all()}
        try:
            with transaction.atomic():
                for year in item.plan.fiscal_years:
                    if form.schedule_editable:
                        actions.set_schedule(request.user, item, year, data[f"schedule_{year}"])
                    budget, settlement = data[f"budget_{year}"], data[f"settlement_{year}"]
                    if year in budgeted or budget is not None or settlement is not None:
                        actions.set_budget(request.user, item, year, budget=budget,
                                           settlement=settlement)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("年度別の予定・予算を保存しました。"))
            return redirect("plans:plan_structure", slug=slug, plan_id=item.plan_id)
    intro = "" if form.schedule_editable else _(
        "策定済みの計画のスケジュールは「見直し」で理由とともに変更します。ここでは予算額・決算額を入力します。")
    return edit_page(request, organisation, form=form, intro=intro,
                     title=_("%(code)s 年度別の予定・予算") % {"code": item.code},
                     back=("plans:plan_structure", [slug, item.plan_id]))


@login_required
def revise(request, slug, item_id):
    organisation = staff_organisation(request, slug)
    item = item_in(organisation, item_id)
    check(request, "plans.revise_item", item)
    form = ReviseForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            actions.revise_item(request.user, item, form.changes(),
                                form.cleaned_data["reason_category"], form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("見直しを記録しました。取組項目のページに変更前・変更後が公開されます。"))
            return redirect("plans:item", slug=slug, plan_id=item.plan_id, item_id=item.pk)
    return edit_page(request, organisation, form=form,
                     title=_("%(code)s %(title)s の見直し") % {"code": item.code, "title": item.title},
                     back=("plans:item", [slug, item.plan_id, item.pk]),
                     intro=_("変更する箇所だけを書き換えてください。変更前と変更後が、理由とともに公開ページの「見直しの記録」に載ります。"))


#: The session key under which a workbook waits for the reason of its revisions.
IMPORT_STASH = "plans_import"


@login_required
def import_plan(request, slug, plan_id):
    """Excel import. Into an adopted plan, a workbook that changes existing items is first
    shown as the revisions it would record (the file waits in the session), and is imported
    once the reason is given."""
    organisation = staff_organisation(request, slug)
    plan = plan_in(organisation, plan_id)
    check(request, "plans.manage_plan", plan)
    if request.method == "POST" and "confirm" in request.POST:
        return _import_with_reason(request, organisation, plan)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            result = importer.import_workbook(request.user, plan, io.BytesIO(content))
        except importer.ImportRefused as refused:
            problems = refused.problems
        except importer.RevisionsPending as pending:
            request.session[IMPORT_STASH] = {"plan": plan.pk,
                                             "content": base64.b64encode(content).decode("ascii")}
            return _preview(request, organisation, plan, pending.revisions, ImportRevisionForm())
        else:
            return _imported(request, slug, plan, result)
    return render(request, "plans/manage/import.html", {
        "organisation": organisation, "plan": plan, "form": form, "problems": problems,
        "columns": importer.SHEETS,
    })


def _imported(request, slug, plan, result):
    request.session.pop(IMPORT_STASH, None)
    message = _("取り込みました: 重点項目 %(themes)d件、取組項目 %(items)d件、成果指標 %(indicators)d件。") % result
    if result["revisions"]:
        message += " " + _("%(revisions)d件の取組項目の見直しを記録しました。") % result
    messages.success(request, message)
    return redirect("plans:plan_structure", slug=slug, plan_id=plan.pk)


def _preview(request, organisation, plan, revisions, form):
    return render(request, "plans/manage/import_preview.html", {
        "organisation": organisation, "plan": plan, "revisions": revisions, "form": form,
    })


def _import_with_reason(request, organisation, plan):
    stash = request.session.get(IMPORT_STASH)
    if not stash or stash.get("plan") != plan.pk:
        messages.error(request, _("取り込むファイルが見つかりません。もう一度ファイルを選んでください。"))
        return redirect("plans:import", slug=organisation.slug, plan_id=plan.pk)
    content = base64.b64decode(stash["content"])
    form = ImportRevisionForm(request.POST)
    try:
        if not form.is_valid():
            return _preview(request, organisation, plan, importer.preview(plan, io.BytesIO(content)), form)
        result = importer.import_workbook(request.user, plan, io.BytesIO(content),
                                          reason_category=form.cleaned_data["reason_category"],
                                          reason=form.cleaned_data["reason"])
    except importer.ImportRefused as refused:
        request.session.pop(IMPORT_STASH, None)
        return render(request, "plans/manage/import.html", {
            "organisation": organisation, "plan": plan, "form": ImportForm(),
            "problems": refused.problems, "columns": importer.SHEETS,
        })
    return _imported(request, organisation.slug, plan, result)


@login_required
def import_template(request, slug, plan_id):
    organisation = staff_organisation(request, slug)
    plan = plan_in(organisation, plan_id)
    check(request, "plans.manage_plan", plan)
    return importer.template_response(plan)
