"""Pages of events: the public list, event page, registration, status look-up, report,
questionnaire and イベント一覧 open data; the organisers' screens (events, sessions, 受付名簿 and
check-in, report, questionnaire) and the staff training record and report. Thin: parse, check,
call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kyodo.collaboration.models import Partner
from kyodo.core import downloads, eventlist
from kyodo.core.inputs import (
    add_errors, FiscalYearField, IntegerField, MAX_ID, page_number, query_value, TextField,
)
from kyodo.core.japanese import fiscal_year
from kyodo.core.models import Organisation
from kyodo.core.throttle import SubmissionLimit

from . import actions, exports, queries
from .forms import (
    CancelEventForm, CheckInForm, EventFilterForm, EventForm, FeedbackForm, FileForm, PhotoForm, RegistrationForm,
    ReportForm, SessionForm, StatusForm, WalkInForm,
)
from .models import Audience, Event, EventReport, Registration, Session
from .rules import organiser_departments

#: Accepted registrations per address (mistakes on the form do not count).
REGISTER_LIMIT = SubmissionLimit("events.register", rate="20/h")
#: Look-ups actually made on the status page, against guessing receipt numbers.
STATUS_LIMIT = SubmissionLimit("events.status", rate="10/h")
PAGE_SIZE = 20


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def visible_event(request, organisation, event_id):
    """The event as the visitor may see it: drafts only to those who edit it; a staff-only
    event only to the organisation's staff (others are told so, in Japanese)."""
    event = queries.event_detail(event_id).filter(organisation=organisation).first()
    if event is None:
        raise Http404
    if request.user.has_perm("events.view_event", event):
        return event
    if event.status != Event.Status.DRAFT and event.audience == Audience.STAFF:
        raise PermissionDenied(_("この研修は職員限定です。団体の職員のアカウントでログインしてください。"))
    raise Http404


# --- Public -------------------------------------------------------------------------------------

def index(request, slug):
    organisation = organisation_or_404(slug)
    number = page_number(request.GET)

    def listing():
        scope = queries.region_ids(organisation)
        organisations = list(Organisation.objects.filter(pk__in=scope).only("pk", "name", "slug")
                             .order_by("local_government_code"))
        filters = EventFilterForm(request.GET or None, organisations=organisations, areas=queries.areas(scope))
        values = {name: query_value(request.GET, name, field) for name, field in filters.fields.items()}
        chosen = next((o for o in organisations if o.slug == values.get("organisation")), None)
        events = queries.event_list(scope, kind=values["kind"] or None, month=values["month"], organisation=chosen,
                                    area=values.get("area") or None, fee=values["fee"] or None,
                                    when=values["when"] or "upcoming")
        query = urlencode({k: v for k, v in request.GET.items() if k != "page" and k in filters.fields})
        return {"filters": filters, "page": Paginator(events, PAGE_SIZE).get_page(number), "query": query}

    trainings = []
    if request.user.has_perm("events.use_staff_screens", organisation):
        trainings = list(Event.objects.filter(organisation=organisation, audience=Audience.STAFF,
                                              status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
                         .order_by("starts_at", "pk")[:20])
    # lazy: the filters and the list are the same for everyone, kept in a shared fragment (a bad
    # filter value still raises the 400 while it renders); the staff's trainings stay outside
    return render(request, "events/index.html", {
        "organisation": organisation, "listing": SimpleLazyObject(listing), "trainings": trainings,
    })


def event(request, slug, event_id):
    organisation = organisation_or_404(slug)
    event = visible_event(request, organisation, event_id)
    report = EventReport.objects.filter(event=event, published_at__isnull=False).prefetch_related("photos").first()
    return render(request, "events/event.html", {
        "organisation": organisation, "event": event, "sessions": list(event.sessions.all()),
        "state": event.registration_state(), "report": report,
        "can_edit": request.user.has_perm("events.edit_event", event),
    })


def register(request, slug, event_id):
    organisation = organisation_or_404(slug)
    event = visible_event(request, organisation, event_id)
    if event.audience == Audience.STAFF and not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    # A signed-in person's registration is linked to their account (their my page lists it); for
    # staff training the name and address are the account's own.
    user = request.user if request.user.is_authenticated else None
    staff_only = event.audience == Audience.STAFF
    initial = {"form_token": actions.new_token()}
    if user is not None and not staff_only:
        initial.update(name=user.display_name, email=user.email)
    sessions = Session.objects.filter(event=event, starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    form = RegistrationForm(request.POST or None, event=event, sessions=sessions,
                            user=user if staff_only else None, initial=initial)
    limited = False
    if request.method == "POST":
        if REGISTER_LIMIT.reached(request):
            limited = True
            form.add_error(None, REGISTER_LIMIT.message(request))
        elif form.is_valid():
            data = form.registration_data()
            if staff_only:
                data["name"], data["email"] = user.display_name or user.email, user.email
            try:
                registration, created = actions.register(
                    event, form.cleaned_data["session"], data, user=user, form_token=form.cleaned_data["form_token"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                if created:
                    REGISTER_LIMIT.count(request)
                return redirect(reverse("events:done", args=[slug]) + f"?t={registration.form_token}")
    return render(request, "events/register.html", {
        "organisation": organisation, "event": event, "form": form, "state": event.registration_state(),
        "has_sessions": sessions.exists(),
    }, status=429 if limited else 400 if form.errors else 200)


@never_cache
def done(request, slug):
    organisation = organisation_or_404(slug)
    token = query_value(request.GET, "t", TextField(max_length=40), default="-")
    registration = get_object_or_404(Registration.objects.select_related("event", "session"),
                                     organisation=organisation, form_token=token)
    return render(request, "events/done.html", {
        "organisation": organisation, "registration": registration,
        "position": actions.waitlist_position(registration)})


@never_cache
def status(request, slug):
    """The registrant's page: receipt number + e-mail; shows the status (and place on the
    waitlist) and lets them cancel. Throttled against guessing."""
    organisation = organisation_or_404(slug)
    form = StatusForm(request.POST or None)
    found = None
    limited = False
    if request.method == "POST":
        if STATUS_LIMIT.reached(request):
            limited = True
            form.add_error(None, STATUS_LIMIT.message(request))
        elif form.is_valid():
            STATUS_LIMIT.count(request)
            found = actions.find_own_registration(organisation, form.cleaned_data["receipt"],
                                                  form.cleaned_data["email"])
            if found is None:
                form.add_error(None, _("受付番号とメールアドレスの組み合わせに一致するお申込みがありません。入力を確かめてください。"))
            elif request.POST.get("cancel"):
                try:
                    found, _promoted = actions.cancel(found)
                    messages.success(request, _("お申込みを取り消しました。"))
                except ValidationError as error:
                    form.add_error(None, error.messages)
    return render(request, "events/status.html", {
        "organisation": organisation, "form": form, "found": found,
        "position": actions.waitlist_position(found) if found else None,
        "can_cancel": found is not None and found.status != Registration.Status.CANCELLED and not found.checked_in_at
        and found.session.starts_at > timezone.now(),
    }, status=429 if limited else 400 if form.errors else 200)


@never_cache
def feedback(request, slug, token):
    organisation = organisation_or_404(slug)
    registration = get_object_or_404(Registration.objects.select_related("event"), organisation=organisation,
                                     feedback_token=token[:40])
    answered = hasattr(registration, "feedback")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            actions.answer_feedback(registration, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            answered = True
            form = None
    return render(request, "events/feedback.html", {
        "organisation": organisation, "event": registration.event, "form": form, "answered": answered,
    }, status=400 if form is not None and form.errors else 200)


def open_data_page(request, slug):
    organisation = organisation_or_404(slug)
    return render(request, "events/open_data.html", {
        "organisation": organisation, "layout": eventlist.LAYOUT, "columns": eventlist.COLUMNS})


def open_data(request, slug, fmt):
    """イベント一覧 (the current layout, kyodo/core/eventlist.py) of every public event, past
    and future; no registrant's data."""
    organisation = organisation_or_404(slug)
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404
    year = query_value(request.GET, "fiscal_year", FiscalYearField())
    events = exports.open_data_sessions(organisation, year)
    return downloads.response(fmt, eventlist.filename(organisation, fmt), eventlist.DOWNLOAD_COLUMNS,
                              exports.event_rows(organisation, events, request),
                              sheet_title="イベント一覧", head={"layout": eventlist.LAYOUT,
                                                          "organisation": organisation.name})


@login_required
def training_record(request, slug):
    """研修の記録 — the signed-in member of staff's training (their registrations to staff-only
    events and whether they attended)."""
    organisation = organisation_or_404(slug)
    return render(request, "events/training_record.html", {
        "organisation": organisation, "records": queries.training_record(request.user, organisation),
    })


# --- Staff --------------------------------------------------------------------------------------

def staff_organisation(request, slug):
    organisation = organisation_or_404(slug)
    if not request.user.has_perm("events.use_staff_screens", organisation):
        raise PermissionDenied(_("この画面は団体の職員だけが使えます。"))
    return organisation


def editable_event(request, organisation, event_id, permission="events.edit_event"):
    event = get_object_or_404(Event.objects.select_related("department", "organisation"), pk=event_id,
                              organisation=organisation)
    if not request.user.has_perm(permission, event):
        raise PermissionDenied(actions.REFUSALS[permission])
    return event


@login_required
def manage(request, slug):
    organisation = staff_organisation(request, slug)
    events = queries.staff_events(organisation, request.user)
    page = Paginator(events, 30).get_page(page_number(request.GET))
    return render(request, "events/manage/index.html", {
        "organisation": organisation, "page": page, "events": page.object_list,
        "can_create": request.user.has_perm("events.create_event", organisation),
        "can_see_training": request.user.has_perm("events.view_training_report", organisation),
    })


@login_required
def event_edit(request, slug, event_id=None):
    organisation = staff_organisation(request, slug)
    if event_id is None:
        if not request.user.has_perm("events.create_event", organisation):
            raise PermissionDenied(actions.REFUSALS["events.create_event"])
        instance = Event(organisation=organisation)
    else:
        instance = editable_event(request, organisation, event_id)
    form = EventForm(request.POST or None, instance=instance,
                     departments=organiser_departments(request.user, organisation),
                     partners=Partner.objects.filter(organisation=organisation).order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_event(request.user, form.save(commit=False), partners=form.cleaned_data["partners"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("イベントを保存しました。"))
            return redirect("events:manage_event", slug=slug, event_id=saved.pk)
    return render(request, "events/manage/event_form.html", {
        "organisation": organisation, "form": form, "event": instance if instance.pk else None,
    }, status=400 if form.errors else 200)


@login_required
def manage_event(request, slug, event_id):
    organisation = staff_organisation(request, slug)
    event = editable_event(request, organisation, event_id)
    cancel_form = CancelEventForm(request.POST if request.POST.get("action") == "cancel" else None)
    file_form = FileForm(request.POST if request.POST.get("action") == "file" else None,
                         request.FILES if request.POST.get("action") == "file" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "file" and file_form.is_valid():
                actions.add_file(request.user, event, file_form.cleaned_data["file"], file_form.cleaned_data["title"],
                                 file_form.kind)
                messages.success(request, _("資料を追加しました。"))
                return redirect("events:manage_event", slug=slug, event_id=event.pk)
            if request.POST.get("action") == "remove_file":
                attached = get_object_or_404(event.files, pk=query_value(
                    request.POST, "file_id", IntegerField(min_value=1, max_value=MAX_ID), default=0))
                actions.remove_file(request.user, attached)
                messages.success(request, _("資料を削除しました。"))
                return redirect("events:manage_event", slug=slug, event_id=event.pk)
            if request.POST.get("action") == "publish":
                actions.publish_event(request.user, event)
                messages.success(request, _("イベントを公開しました。"))
                return redirect("events:manage_event", slug=slug, event_id=event.pk)
            if request.POST.get("action") == "cancel" and cancel_form.is_valid():
                actions.cancel_event(request.user, event, cancel_form.cleaned_data["reason"])
                messages.success(request, _("イベントを中止にし、申込者にお知らせしました。"))
                return redirect("events:manage_event", slug=slug, event_id=event.pk)
        except ValidationError as error:
            add_errors(cancel_form, error)
    per_session, total = queries.attendance(event)
    sessions = list(event.sessions.order_by("starts_at", "pk"))
    for session in sessions:
        session.registered, session.attended, session.walk = per_session.get(session.pk, (0, 0, 0))
    return render(request, "events/manage/event.html", {
        "organisation": organisation, "event": event, "sessions": sessions, "attendance_total": total,
        "cancel_form": cancel_form, "can_see_people": request.user.has_perm("events.view_registrations", event),
        "report": EventReport.objects.filter(event=event).first(), "file_form": file_form,
        "files": list(event.files.all()),
    }, status=400 if cancel_form.errors or file_form.errors else 200)


@login_required
def session_edit(request, slug, event_id, session_id=None):
    organisation = staff_organisation(request, slug)
    event = editable_event(request, organisation, event_id)
    instance = Session(event=event) if session_id is None else get_object_or_404(Session, pk=session_id, event=event)
    form = SessionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            _session, promoted = actions.save_session(request.user, form.save(commit=False))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("日時を保存しました。") + (
                _("キャンセル待ちの%(n)d件が繰り上がりました。") % {"n": len(promoted)} if promoted else ""))
            return redirect("events:manage_event", slug=slug, event_id=event.pk)
    return render(request, "events/manage/session_form.html", {
        "organisation": organisation, "event": event, "form": form, "session": instance if instance.pk else None,
    }, status=400 if form.errors else 200)


@login_required
def roster(request, slug, session_id):
    """受付名簿 — printable and phone-friendly; check-in by receipt number or on each row;
    walk-ins; cancellation for a registrant who phones."""
    organisation = staff_organisation(request, slug)
    session = get_object_or_404(Session.objects.select_related("event__organisation", "event__department"),
                                pk=session_id, event__organisation=organisation)
    event = session.event
    if not request.user.has_perm("events.view_registrations", event):
        raise PermissionDenied(actions.REFUSALS["events.view_registrations"])
    action = request.POST.get("action")
    checkin_form = CheckInForm(request.POST if action == "receipt" else None)
    walk_form = WalkInForm(request.POST if action == "walk_ins" else None, initial={"walk_ins": session.walk_ins})
    if request.method == "POST":
        try:
            if action == "receipt" and checkin_form.is_valid():
                registration = actions.check_in_by_receipt(request.user, session, checkin_form.cleaned_data["receipt"])
                messages.success(request, _("%(name)sさん(%(no)s)を受付しました。") % {
                    "name": registration.name, "no": registration.receipt_number})
                return redirect("events:roster", slug=slug, session_id=session.pk)
            if action in ("check_in", "undo", "cancel"):
                registration = get_object_or_404(session.registrations, pk=query_value(
                    request.POST, "registration", IntegerField(min_value=1, max_value=MAX_ID), default=0))
                if action == "cancel":
                    actions.cancel(registration, by_staff=request.user)
                    messages.success(request, _("申込を取り消しました。"))
                else:
                    actions.check_in(request.user, registration, undo=action == "undo")
                return redirect(reverse("events:roster", args=[slug, session.pk]) + f"#r{registration.pk}")
            if action == "walk_ins" and walk_form.is_valid():
                actions.record_walk_ins(request.user, session, walk_form.cleaned_data["walk_ins"])
                messages.success(request, _("当日参加の人数を記録しました。"))
                return redirect("events:roster", slug=slug, session_id=session.pk)
        except ValidationError as error:
            add_errors(walk_form if action == "walk_ins" else checkin_form, error)
    people = list(queries.roster(session))
    attended = sum(r.seats for r in people if r.checked_in_at)
    return render(request, "events/manage/roster.html", {
        "organisation": organisation, "event": event, "session": session, "people": people,
        "checkin_form": checkin_form, "walk_form": walk_form, "attended": attended,
        "print": request.GET.get("print") == "1",
    }, status=400 if checkin_form.errors or walk_form.errors else 200)


@login_required
def report_edit(request, slug, event_id):
    organisation = staff_organisation(request, slug)
    event = editable_event(request, organisation, event_id)
    report = EventReport.objects.filter(event=event).prefetch_related("photos").first()
    _per_session, total = queries.attendance(event)
    initial = ({"participants": report.participants, "summary": report.summary,
                "captions": "\n".join(p.caption for p in report.photos.all()),
                "publish": report.published_at is not None} if report else {"participants": total})
    action = request.POST.get("action")
    published = report is not None and report.published_at is not None
    form = ReportForm(request.POST if action == "report" else None, initial=initial, published=published)
    photo_form = PhotoForm(request.POST if action == "photo" else None, request.FILES if action == "photo" else None)
    if request.method == "POST":
        try:
            if action == "report" and form.is_valid():
                actions.save_report(request.user, event, participants=form.cleaned_data["participants"],
                                    summary=form.cleaned_data["summary"], captions=form.caption_lines(),
                                    publish=form.cleaned_data.get("publish", False),
                                    reason=form.cleaned_data.get("reason", ""))
                messages.success(request, _("開催報告を保存しました。"))
                return redirect("events:report_edit", slug=slug, event_id=event.pk)
            if action == "photo" and photo_form.is_valid():
                actions.add_photo(request.user, event, photo_form.cleaned_data["photo"],
                                  photo_form.cleaned_data["caption"])
                messages.success(request, _("写真を追加しました。"))
                return redirect("events:report_edit", slug=slug, event_id=event.pk)
        except ValidationError as error:
            add_errors(photo_form if action == "photo" else form, error)
    return render(request, "events/manage/report_form.html", {
        "organisation": organisation, "event": event, "form": form, "photo_form": photo_form, "report": report,
        "attendance_total": total,
    }, status=400 if form.errors or photo_form.errors else 200)


@login_required
def questionnaire(request, slug, event_id):
    organisation = staff_organisation(request, slug)
    event = editable_event(request, organisation, event_id, "events.view_registrations")
    if request.method == "POST":
        sent = actions.send_questionnaire(request.user, event)
        messages.success(request, _("%(n)d人にアンケートを送りました。") % {"n": sent})
        return redirect("events:questionnaire", slug=slug, event_id=event.pk)
    return render(request, "events/manage/questionnaire.html", {
        "organisation": organisation, "event": event, "summary": queries.feedback_summary(event),
        "comments": list(event.feedback.exclude(comment="").order_by("-answered_at").values_list("comment", flat=True)[:100]),
        "waiting": event.registrations.filter(checked_in_at__isnull=False, feedback_token__isnull=True,
                                              erased_at__isnull=True).count(),
    })


@login_required
def training(request, slug):
    """職員研修の受講状況: per department the share of staff who attended a staff-only event in
    the fiscal year — the coordinator's figure."""
    organisation = staff_organisation(request, slug)
    if not request.user.has_perm("events.view_training_report", organisation):
        raise PermissionDenied(actions.REFUSALS["events.view_training_report"])
    year = query_value(request.GET, "fiscal_year", FiscalYearField(), default=fiscal_year(timezone.localdate()))
    rows, total = queries.trained_share(organisation, year)
    return render(request, "events/manage/training.html", {
        "organisation": organisation, "rows": rows, "total": total, "year": year,
    })
