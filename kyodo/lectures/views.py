"""Pages of 出前講座: the public catalogue, request form, status page and statistics; the
staff inboxes, request handling, calendar, menu and rules. Thin: parse, check, call, render."""

import calendar as pycalendar
import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit
from openpyxl import Workbook

from kyodo.core import downloads
from kyodo.core.japanese import fiscal_year
from kyodo.core.models import Department, Organisation

from . import actions, exports, queries, workflow
from .forms import (
    CatalogueFilterForm, DeclineForm, DecideForm, NoteForm, ReportForm, RequestForm, RouteForm,
    RulesForm, StatusForm, ThemeForm,
)
from .models import Request, Theme


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def add_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def too_many(request):
    return render(request, "lectures/too_many.html", status=429)


# --- Public ------------------------------------------------------------------------------------

def catalogue(request, slug):
    organisation = organisation_or_404(slug)
    departments = Department.objects.filter(lecture_themes__organisation=organisation,
                                            lecture_themes__active=True).distinct().order_by("sort_order", "id")
    filters = CatalogueFilterForm(request.GET or None, departments=departments)
    themes = queries.catalogue(organisation, q=filters.value("q"), category=filters.value("category"),
                               department=filters.value("department") or None)
    context = {"organisation": organisation, "filters": filters, "themes": themes}
    if request.htmx and request.htmx.target == "themes":
        return render(request, "lectures/catalogue.html#themes", context)
    return render(request, "lectures/catalogue.html", context)


def theme(request, slug, theme_id):
    organisation = organisation_or_404(slug)
    theme = get_object_or_404(queries.catalogue(organisation), pk=theme_id)
    return render(request, "lectures/theme.html", {
        "organisation": organisation, "theme": theme, "rules": actions.rules_of(organisation)})


@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def apply(request, slug, theme_id):
    organisation = organisation_or_404(slug)
    theme = get_object_or_404(Theme.objects.select_related("department"), pk=theme_id,
                              organisation=organisation)
    rules = actions.rules_of(organisation)
    form = RequestForm(request.POST or None, initial={"form_token": actions.new_form_token()})
    if request.method == "POST":
        if getattr(request, "limited", False):
            return too_many(request)
        if form.is_valid():
            try:
                lecture_request, _created = actions.submit_request(
                    organisation, theme, form.request_data(), form_token=form.cleaned_data["form_token"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                return redirect(reverse("lectures:done", args=[slug]) + f"?t={lecture_request.form_token}")
    return render(request, "lectures/apply.html", {
        "organisation": organisation, "theme": theme, "form": form, "rules": rules,
    }, status=400 if form.errors else 200)


def done(request, slug):
    organisation = organisation_or_404(slug)
    lecture_request = get_object_or_404(Request.objects.select_related("theme"), organisation=organisation,
                                        form_token=request.GET.get("t") or "-")
    return render(request, "lectures/done.html", {"organisation": organisation, "lecture_request": lecture_request})


@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def status(request, slug):
    """The applicant's status page: receipt number + e-mail. Throttled against guessing; it
    shows the status and history only."""
    organisation = organisation_or_404(slug)
    form = StatusForm(request.POST or None)
    found = None
    if request.method == "POST":
        if getattr(request, "limited", False):
            return too_many(request)
        if form.is_valid():
            found = actions.find_own_request(organisation, form.cleaned_data["receipt"], form.cleaned_data["email"])
            if found is None:
                form.add_error(None, _("受付番号とメールアドレスの組み合わせに一致するお申込みがありません。入力を確かめてください。"))
            elif request.POST.get("withdraw"):
                try:
                    actions.withdraw(found, note=_("申込者が状況確認ページから取り下げました。"))
                    messages.success(request, _("お申込みを取り下げました。"))
                except ValidationError as error:
                    form.add_error(None, error.messages)
    return render(request, "lectures/status.html", {
        "organisation": organisation, "form": form, "found": found,
        "history": found.transitions.all() if found else [],
        "can_withdraw": found is not None and found.status in workflow.STEPS["withdraw"].sources,
    }, status=400 if form.errors else 200)


def statistics(request, slug):
    organisation = organisation_or_404(slug)
    years = queries.years_with_requests(organisation)
    try:
        year = int(request.GET.get("fiscal_year") or (years[0] if years else fiscal_year(timezone.localdate())))
    except ValueError:
        raise Http404 from None
    return render(request, "lectures/statistics.html", {
        "organisation": organisation, "stats": queries.statistics(organisation, year), "years": years,
        "year": year,
    })


def statistics_download(request, slug, fmt):
    organisation = organisation_or_404(slug)
    try:
        year = int(request.GET.get("fiscal_year") or fiscal_year(timezone.localdate()))
    except ValueError:
        raise Http404 from None
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = exports.statistics_rows(queries.statistics(organisation, year))
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(year)
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        response = HttpResponse(out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="lectures-statistics-{year}.{fmt}"'
    return response


def events_csv(request, slug):
    """Held lectures in the layout of 自治体標準オープンデータセット「イベント一覧」."""
    organisation = organisation_or_404(slug)
    year = request.GET.get("fiscal_year")
    lectures = queries.held_lectures(organisation, int(year) if year and year.isdigit() else None)
    rows = exports.event_rows(organisation, lectures.iterator(chunk_size=downloads.BATCH))
    return downloads.response("csv", f"{organisation.local_government_code}_event.csv",
                              exports.EVENT_DOWNLOAD_COLUMNS, rows)


def ical(request, slug, department_id):
    organisation = organisation_or_404(slug)
    department = get_object_or_404(Department, pk=department_id, organisation=organisation)
    lectures = Request.objects.filter(department=department, status=Request.Status.DECIDED).select_related("theme")
    response = HttpResponse(exports.ical(organisation, department, lectures), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lectures-{department.pk}.ics"'
    return response


# --- Staff -------------------------------------------------------------------------------------

def staff_organisation(request, slug):
    organisation = organisation_or_404(slug)
    if not request.user.has_perm("lectures.use_staff_screens", organisation):
        raise PermissionDenied(_("この画面は団体の職員だけが使えます。"))
    return organisation


@login_required
def inbox(request, slug):
    organisation = staff_organisation(request, slug)
    reception, department = queries.inbox(organisation, request.user)
    return render(request, "lectures/manage/inbox.html", {
        "organisation": organisation, "reception": reception, "department_requests": department,
        "can_edit_rules": request.user.has_perm("lectures.edit_rules", organisation),
        "themes": Theme.objects.filter(organisation=organisation).select_related("department").order_by("-fiscal_year", "number"),
    })


STEP_FORMS = {"route": RouteForm, "decide": DecideForm, "report": ReportForm, "decline": DeclineForm}


@login_required
def request_detail(request, slug, request_id):
    organisation = staff_organisation(request, slug)
    lecture_request = get_object_or_404(
        Request.objects.select_related("theme", "department").prefetch_related("transitions__actor"),
        pk=request_id, organisation=organisation)
    if not request.user.has_perm("lectures.view_request", lecture_request) and not request.user.has_perm(
            "lectures.receive", lecture_request):
        raise PermissionDenied(_("この申込を扱う受付窓口・担当課の職員だけが見られます。"))
    steps = [s for s in workflow.available(lecture_request) if request.user.has_perm(s.permission, lecture_request)]
    forms = {}
    for step in steps:
        form_class = STEP_FORMS.get(step.name, NoteForm)
        bound = request.method == "POST" and request.POST.get("step") == step.name
        kwargs = {"organisation": organisation} if form_class is RouteForm else {}
        form = form_class(request.POST if bound else None, prefix=step.name, **kwargs)
        forms[step.name] = form
        if bound and form.is_valid():
            data = form.cleaned_data
            try:
                if step.name == "receive":
                    actions.receive(request.user, lecture_request, data.get("note", ""))
                elif step.name == "route":
                    actions.route(request.user, lecture_request, data["department"], data.get("note", ""))
                elif step.name == "schedule":
                    actions.start_scheduling(request.user, lecture_request, data.get("note", ""))
                elif step.name == "decide":
                    actions.decide(request.user, lecture_request, starts_at=data["starts_at"],
                                   lecturer=data["lecturer"], note=data.get("note", ""))
                elif step.name == "hold":
                    actions.hold(request.user, lecture_request, data.get("note", ""))
                elif step.name == "report":
                    actions.report(request.user, lecture_request, actual_audience=data["actual_audience"],
                                   questions=data["questions"], remarks=data["remarks"])
                elif step.name == "decline":
                    actions.decline(request.user, lecture_request, data["reason"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("「%(step)s」にしました。") % {"step": step.label})
                return redirect("lectures:request", slug=slug, request_id=lecture_request.pk)
    return render(request, "lectures/manage/request.html", {
        "organisation": organisation, "lecture_request": lecture_request,
        "steps": [(s, forms[s.name]) for s in steps],
    }, status=400 if any(f.errors for f in forms.values()) else 200)


@login_required
def month(request, slug):
    organisation = staff_organisation(request, slug)
    today = timezone.localdate()
    try:
        year, month_number = (int(x) for x in (request.GET.get("month") or f"{today.year}-{today.month}").split("-"))
        if not 1 <= month_number <= 12:
            raise ValueError
    except ValueError:
        raise Http404 from None
    weeks, clashes = queries.month_calendar(organisation, year, month_number)
    previous = (year - 1, 12) if month_number == 1 else (year, month_number - 1)
    following = (year + 1, 1) if month_number == 12 else (year, month_number + 1)
    return render(request, "lectures/manage/calendar.html", {
        "organisation": organisation, "weeks": weeks, "clashes": clashes, "year": year, "month": month_number,
        "previous": f"{previous[0]}-{previous[1]}", "following": f"{following[0]}-{following[1]}",
        "weekdays": ["月", "火", "水", "木", "金", "土", "日"], "month_name": pycalendar.month_name[month_number],
        "departments": Department.objects.filter(lecture_themes__organisation=organisation).distinct(),
    })


@login_required
def theme_edit(request, slug, theme_id=None):
    organisation = staff_organisation(request, slug)
    theme = get_object_or_404(Theme, pk=theme_id, organisation=organisation) if theme_id else None
    form = ThemeForm(request.POST or None, instance=theme, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_theme(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("講座「%(title)s」を保存しました。") % {"title": form.instance.title})
            return redirect("lectures:inbox", slug=slug)
    elif theme is not None and not request.user.has_perm("lectures.edit_theme", theme):
        raise PermissionDenied(actions.REFUSALS["lectures.edit_theme"])
    return render(request, "lectures/manage/form.html", {
        "organisation": organisation, "form": form,
        "title": _("講座の編集") if theme else _("講座の登録"),
    })


@login_required
def rules_edit(request, slug):
    organisation = staff_organisation(request, slug)
    if not request.user.has_perm("lectures.edit_rules", organisation):
        raise PermissionDenied(actions.REFUSALS["lectures.edit_rules"])
    form = RulesForm(request.POST or None, instance=actions.rules_of(organisation))
    if request.method == "POST" and form.is_valid():
        actions.save_rules(request.user, form.instance)
        messages.success(request, _("実施要綱を保存しました。"))
        return redirect("lectures:inbox", slug=slug)
    return render(request, "lectures/manage/form.html", {
        "organisation": organisation, "form": form, "title": _("出前講座の実施要綱"),
    })
