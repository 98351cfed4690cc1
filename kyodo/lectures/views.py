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
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from kyodo.core import downloads
from kyodo.core.inputs import (
    add_errors, FiscalYearField, MAX_YEAR, MIN_YEAR, query_value, TextField, YearMonthField,
)
from kyodo.core.japanese import fiscal_year
from kyodo.core.models import Department, Organisation
from kyodo.core.throttle import SubmissionLimit

from . import actions, exports, queries, workflow
from .rules import theme_departments
from .forms import (
    CatalogueFilterForm, DeclineForm, DecideForm, NoteForm, ProxyRequestForm, ReportForm, RequestForm, RouteForm,
    ReturnForm, RulesForm, StatusForm, ThemeForm, WithdrawForm,
)
from .models import Request, Theme


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


#: Accepted requests per address: a mistake on the form does not count.
APPLY_LIMIT = SubmissionLimit("lectures.apply", rate="10/h")
#: Look-ups actually made (a well-formed receipt number and address), against guessing; a
#: typing mistake the form refuses does not count.
STATUS_LIMIT = SubmissionLimit("lectures.status", rate="10/h")


def fiscal_year_param(request, default):
    return query_value(request.GET, "fiscal_year", FiscalYearField(), default=default)


# --- Public ------------------------------------------------------------------------------------

def catalogue(request, slug):
    organisation = organisation_or_404(slug)

    departments = Department.objects.filter(lecture_themes__organisation=organisation,
                                            lecture_themes__active=True).distinct().order_by("sort_order", "id")
    # The form and the themes are read when the shared fragments are rendered (stored ones
    # save the queries).
    filters = SimpleLazyObject(lambda: CatalogueFilterForm(
        request.GET or None, organisation=organisation, departments=departments))
    themes = SimpleLazyObject(lambda: list(queries.catalogue(
        organisation, q=filters.value("q"), category=filters.value("category"),
        department=filters.value("department") or None)))

    context = {"organisation": organisation, "filters": filters, "themes": themes}
    if request.htmx and request.htmx.target == "themes":
        return render(request, "lectures/catalogue.html#themes", context)
    return render(request, "lectures/catalogue.html", context)


def theme(request, slug, theme_id):
    organisation = organisation_or_404(slug)
    theme = get_object_or_404(queries.catalogue(organisation), pk=theme_id)
    return render(request, "lectures/theme.html", {
        "organisation": organisation, "theme": theme, "rules": actions.rules_of(organisation)})


def apply(request, slug, theme_id):
    organisation = organisation_or_404(slug)
    theme = get_object_or_404(Theme.objects.select_related("department"), pk=theme_id,
                              organisation=organisation)
    rules = actions.rules_of(organisation)
    form = RequestForm(request.POST or None, initial={"form_token": actions.new_form_token()})
    limited = False
    if request.method == "POST":
        if APPLY_LIMIT.reached(request):
            limited = True
            form.add_error(None, APPLY_LIMIT.message(request))
        elif form.is_valid():
            try:
                lecture_request, created = actions.submit_request(
                    organisation, theme, form.request_data(), form_token=form.cleaned_data["form_token"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                if created:
                    APPLY_LIMIT.count(request)
                return redirect(reverse("lectures:done", args=[slug]) + f"?t={lecture_request.form_token}")
    return render(request, "lectures/apply.html", {
        "organisation": organisation, "theme": theme, "form": form, "rules": rules,
    }, status=429 if limited else 400 if form.errors else 200)


@never_cache
def done(request, slug):
    organisation = organisation_or_404(slug)
    token = query_value(request.GET, "t", TextField(max_length=40), default="-")
    lecture_request = get_object_or_404(Request.objects.select_related("theme"), organisation=organisation,
                                        form_token=token)
    return render(request, "lectures/done.html", {"organisation": organisation, "lecture_request": lecture_request})


@never_cache
def status(request, slug):
    """The applicant's status page: receipt number + e-mail. Throttled against guessing; it
    shows the status and history only."""
    organisation = organisation_or_404(slug)
    form = StatusForm(request.POST or None)
    withdraw_form = WithdrawForm(request.POST if request.POST.get("withdraw") else None, prefix="withdraw")
    found = None
    limited = False
    if request.method == "POST":
        if STATUS_LIMIT.reached(request):
            limited = True
            form.add_error(None, STATUS_LIMIT.message(request))
        elif form.is_valid():
            STATUS_LIMIT.count(request)
            found = actions.find_own_request(organisation, form.cleaned_data["receipt"], form.cleaned_data["email"])
            if found is None:
                form.add_error(None, _("受付番号とメールアドレスの組み合わせに一致するお申込みがありません。入力を確かめてください。"))
            elif request.POST.get("withdraw"):
                if withdraw_form.is_valid():
                    try:
                        actions.withdraw(found, note=_("申込者が状況確認ページから取り下げました。"),
                                         reason=withdraw_form.cleaned_data["reason"],
                                         confirmed=withdraw_form.cleaned_data["confirmed"])
                        messages.success(request, _("お申込みを取り下げました。"))
                    except ValidationError as error:
                        add_errors(withdraw_form, error)
    return render(request, "lectures/status.html", {
        "organisation": organisation, "form": form, "found": found, "withdraw_form": withdraw_form,
        "history": found.transitions.all() if found else [],
        "can_withdraw": found is not None and found.status in workflow.STEPS["withdraw"].sources,
    }, status=429 if limited else 400 if form.errors or withdraw_form.errors else 200)


def statistics(request, slug):
    organisation = organisation_or_404(slug)
    years = queries.years_with_requests(organisation)
    year = fiscal_year_param(request, years[0] if years else fiscal_year(timezone.localdate()))
    return render(request, "lectures/statistics.html", {
        "organisation": organisation, "years": years, "year": year,
        # read when the shared fragment is rendered (a stored one saves the queries)
        "stats": SimpleLazyObject(lambda: queries.statistics(organisation, year)),
    })


def statistics_download(request, slug, fmt):
    organisation = organisation_or_404(slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    year = fiscal_year_param(request, fiscal_year(timezone.localdate()))
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
    lectures = queries.held_lectures(organisation, fiscal_year_param(request, None))
    rows = exports.event_rows(organisation, lectures.iterator(chunk_size=downloads.BATCH))
    return downloads.response("csv", f"{organisation.local_government_code}_event.csv",
                              exports.EVENT_DOWNLOAD_COLUMNS, rows)


def ical_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ical(request, slug, department_id):
    """A department's public feed: only what the public pages show (theme, date and time, the
    municipality) — no group, venue or receipt number."""
    organisation = organisation_or_404(slug)
    department = get_object_or_404(Department, pk=department_id, organisation=organisation)
    lectures = queries.decided_lectures(organisation).filter(department=department)
    name = f"{organisation.name} {department.name} 出前講座"
    return ical_response(exports.public_ical(organisation, name, lectures), f"lectures-{department.pk}.ics")


@never_cache
def staff_ical(request, slug, token):
    """A staff member's secret feed: full details of the decided lectures they may see. An
    unknown or reissued (revoked) address is a 404."""
    organisation = organisation_or_404(slug)
    feed = queries.calendar_feed(organisation, token)
    if feed is None or not feed.user.has_perm("lectures.use_staff_screens", organisation):
        raise Http404
    lectures = queries.decided_lectures(organisation).filter(queries.visible_requests(feed.user, organisation))
    name = f"{organisation.name} 出前講座({feed.user})"
    return ical_response(exports.staff_ical(name, lectures), "lectures.ics")


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


@login_required
def proxy_entry(request, slug):
    """代理入力: the reception desk enters a request received on paper, by phone, by fax or at
    the counter."""
    organisation = staff_organisation(request, slug)
    if not request.user.has_perm("lectures.receive", organisation):
        raise PermissionDenied(actions.REFUSALS["lectures.receive"])
    form = ProxyRequestForm(request.POST or None, organisation=organisation,
                            initial={"form_token": actions.new_form_token()})
    if request.method == "POST" and form.is_valid():
        try:
            lecture_request, _created = actions.enter_on_behalf(
                request.user, organisation, form.cleaned_data["theme"], form.request_data(),
                channel=form.cleaned_data["channel"], form_token=form.cleaned_data["form_token"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("代理入力しました。受付番号は %(no)s です。") % {
                "no": lecture_request.receipt_number})
            return redirect("lectures:request", slug=slug, request_id=lecture_request.pk)
    return render(request, "lectures/manage/proxy.html", {
        "organisation": organisation, "form": form,
    }, status=400 if form.errors else 200)


STEP_FORMS = {"route": RouteForm, "return": ReturnForm, "decide": DecideForm, "report": ReportForm,
              "decline": DeclineForm}


@login_required
def request_detail(request, slug, request_id):
    organisation = staff_organisation(request, slug)
    lecture_request = get_object_or_404(
        Request.objects.select_related("theme", "department", "entered_by").prefetch_related("transitions__actor"),
        pk=request_id, organisation=organisation)
    if not request.user.has_perm("lectures.view_request", lecture_request) and not request.user.has_perm(
            "lectures.receive", lecture_request):
        raise PermissionDenied(_("この申込を扱う受付窓口・担当課の職員だけが見られます。"))
    steps = [s for s in workflow.available(lecture_request) if request.user.has_perm(s.permission, lecture_request)]
    forms = {}
    for step in steps:
        form_class = STEP_FORMS.get(step.name, NoteForm)
        bound = request.method == "POST" and request.POST.get("step") == step.name
        kwargs = ({"organisation": organisation} if form_class is RouteForm
                  else {"lecturers": actions.lecturers(lecture_request)} if form_class is DecideForm else {})
        form = form_class(request.POST if bound else None, prefix=step.name, **kwargs)
        forms[step.name] = form
        if bound and form.is_valid():
            data = form.cleaned_data
            try:
                if step.name == "receive":
                    actions.receive(request.user, lecture_request, data.get("note", ""))
                elif step.name == "route":
                    actions.route(request.user, lecture_request, data["department"], data.get("note", ""))
                elif step.name == "return":
                    actions.return_to_reception(request.user, lecture_request, data["reason"])
                elif step.name == "schedule":
                    actions.start_scheduling(request.user, lecture_request, data.get("note", ""))
                elif step.name == "decide":
                    actions.decide(request.user, lecture_request, starts_at=data["starts_at"],
                                   lecturer=data["lecturer"], lecturer_user=data["lecturer_user"],
                                   note=data.get("note", ""),
                                   override_reason=data.get("override_reason", ""))
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
    year, month_number = query_value(request.GET, "month", YearMonthField(), default=(today.year, today.month))
    weeks, clashes = queries.month_calendar(organisation, year, month_number)
    previous = (year - 1, 12) if month_number == 1 else (year, month_number - 1)
    following = (year + 1, 1) if month_number == 12 else (year, month_number + 1)
    return render(request, "lectures/manage/calendar.html", {
        "organisation": organisation, "weeks": weeks, "clashes": clashes, "year": year, "month": month_number,
        "lecture_count": sum(len(lectures) for week in weeks for _day, lectures, _in_month in week),
        # The links stop at the years the platform accepts rather than leading to a 400.
        "previous": f"{previous[0]}-{previous[1]}" if previous[0] >= MIN_YEAR else None,
        "following": f"{following[0]}-{following[1]}" if following[0] <= MAX_YEAR else None,
        "weekdays": ["月", "火", "水", "木", "金", "土", "日"], "month_name": pycalendar.month_name[month_number],
        "departments": Department.objects.filter(lecture_themes__organisation=organisation).distinct(),
        "feed": queries.own_calendar_feed(organisation, request.user),
    })


@login_required
@require_POST
def calendar_feed_issue(request, slug):
    """Issue (or reissue, revoking the old address) the staff member's secret feed address; the
    address is shown once, on this response — only its hash is kept."""
    organisation = staff_organisation(request, slug)
    token = actions.issue_calendar_feed(request.user, organisation)
    feed_url = request.build_absolute_uri(reverse("lectures:staff_ical", args=[slug, token]))
    return render(request, "lectures/manage/calendar_feed.html", {
        "organisation": organisation, "feed_url": feed_url,
    })


@login_required
def theme_edit(request, slug, theme_id=None):
    organisation = staff_organisation(request, slug)
    theme = get_object_or_404(Theme, pk=theme_id, organisation=organisation) if theme_id else None
    if theme is not None and not request.user.has_perm("lectures.edit_theme", theme):
        raise PermissionDenied(actions.REFUSALS["lectures.edit_theme"])
    form = ThemeForm(request.POST or None, instance=theme, organisation=organisation,
                     departments=theme_departments(request.user, organisation))
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_theme(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("講座「%(title)s」を保存しました。") % {"title": form.instance.title})
            return redirect("lectures:inbox", slug=slug)
    return render(request, "lectures/manage/form.html", {
        "organisation": organisation, "form": form,
        "title": _("講座の編集") if theme else _("講座の登録"),
    }, status=400 if form.errors else 200)


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
    }, status=400 if form.errors else 200)
