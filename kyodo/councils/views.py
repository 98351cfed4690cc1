"""Pages of 市民会議: the public side (council, meetings, recruitment, recommendation
tracking, evaluation results) and the workspace of members and the secretariat."""

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kyodo.core import corrections, modules
from kyodo.core.inputs import add_errors, IntegerField, MAX_ID, query_value
from kyodo.core.models import Organisation
from kyodo.core.pdf import render_pdf
from kyodo.core.throttle import SubmissionLimit
from kyodo.plans.models import Theme

from . import actions, queries
from .forms import (
    ApplicationForm, MaterialForm, MeetingRecordForm, MinutesCorrectionForm, ProxyEntryForm,
    ReservationForm, ResponseForm, RoundForm, TrackingFilterForm, VerdictForm,
    WithdrawMaterialForm, WithdrawalForm,
)
from .models import (
    Application, Call, Council, EvaluationRound, Material, Meeting, Member, MemberProgress,
    Recommendation,
)


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def posted_id(request, name):
    """The row id a staff screen posts in ``name`` (None when absent; a 400 if not an id)."""
    return query_value(request.POST, name, IntegerField(min_value=1, max_value=MAX_ID))


#: Public forms count the submissions they accepted, per address: a person who mistypes is
#: never locked out, and at the limit the form comes back with what they typed.
RESERVATION_LIMIT = SubmissionLimit("councils.reserve", rate="10/h")
APPLICATION_LIMIT = SubmissionLimit("councils.apply", rate="5/h")


# --- Public pages -------------------------------------------------------------------------------

def index(request, slug):
    organisation = organisation_or_404(slug)
    return render(request, "councils/index.html", {
        "organisation": organisation, "councils": queries.councils_of(organisation),
        "status_counts": queries.status_counts(organisation),
    })


def council(request, slug, council_id):
    organisation = organisation_or_404(slug)
    council = get_object_or_404(Council.objects.select_related("secretariat"), pk=council_id,
                                organisation=organisation)

    @cache
    def page():
        """The members, meetings, reports and budget, read only when the shared fragment is
        rendered (a stored one saves the queries)."""
        full = queries.council_page(council)
        return {"council": full, "member_counts": queries.member_counts(full),
                "budget_years": queries.budget_by_year(full),
                "open_calls": [c for c in full.calls.all() if c.is_open()]}

    return render(request, "councils/council.html", {
        "organisation": organisation, "council": council, "page": page,
        "can_manage": request.user.has_perm("councils.manage_council", council),
    })


def meeting(request, slug, meeting_id):
    organisation = organisation_or_404(slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("council").prefetch_related("materials", "attendees"),
        pk=meeting_id, council__organisation=organisation)
    return render(request, "councils/meeting.html", {
        "organisation": organisation, "meeting": meeting, "council": meeting.council,
        "reservation_form": ReservationForm(), "can_reserve": _can_reserve(meeting),
        "can_manage": request.user.has_perm("councils.manage_council", meeting.council),
        "materials": with_withdrawals(meeting.materials.all()),
    })


def with_withdrawals(materials):
    """The materials, each with ``withdrawal``: its latest withdrawal (None while it stands)."""
    materials = list(materials)
    trail = corrections.corrections_of(materials)
    for material in materials:
        material.withdrawal = (trail.get(material.pk) or [None])[-1] if material.withdrawn_at else None
    return materials


def _can_reserve(meeting):
    return meeting.is_open and meeting.observer_seats > 0 and meeting.starts_at > timezone.now()


@never_cache  # the form comes back with the name and address someone typed
def reserve(request, slug, meeting_id):
    organisation = organisation_or_404(slug)
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=meeting_id,
                                council__organisation=organisation)
    if request.method != "POST":
        return redirect("councils:meeting", slug=slug, meeting_id=meeting.pk)
    form = ReservationForm(request.POST)
    limited = RESERVATION_LIMIT.reached(request)
    if limited:
        form.is_valid()
        form.add_error(None, RESERVATION_LIMIT.message(request))
    elif form.is_valid():
        try:
            actions.reserve_seat(meeting, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            RESERVATION_LIMIT.count(request)
            messages.success(request, _("傍聴の予約を受け付けました。確認のメールを送りました。"))
            return redirect("councils:meeting", slug=slug, meeting_id=meeting.pk)
    return render(request, "councils/meeting.html", {
        "organisation": organisation, "meeting": meeting, "council": meeting.council,
        "reservation_form": form, "can_reserve": _can_reserve(meeting),
        "materials": with_withdrawals(meeting.materials.all()),
    }, status=429 if limited else 400)


def material(request, slug, material_id):
    organisation = organisation_or_404(slug)
    material = get_object_or_404(Material.objects.select_related("meeting__council"), pk=material_id,
                                 meeting__council__organisation=organisation)
    if material.withdrawn_at and corrections.is_removed(material):
        # Withdrawn for a personal-data incident: never served again, to anyone.
        return render(request, "councils/material_removed.html", {
            "organisation": organisation, "material": material, "meeting": material.meeting,
            "council": material.meeting.council,
        }, status=410)
    from .models import MATERIAL_TYPES

    content_type = MATERIAL_TYPES[material.kind][0]
    response = FileResponse(material.file.open("rb"), content_type=content_type,
                            as_attachment=material.kind not in {"pdf", "png", "jpg", "jpeg"},
                            filename=material.file.name.rsplit("/", 1)[-1])
    # Every copy asks again first, so that a file withdrawn for personal data stops at once.
    response["Cache-Control"] = "no-cache"
    return response


def call(request, slug, call_id):
    organisation = organisation_or_404(slug)
    call = get_object_or_404(Call.objects.select_related("council"), pk=call_id,
                             council__organisation=organisation)
    form = ApplicationForm(request.POST or None, call=call)
    limited = request.method == "POST" and APPLICATION_LIMIT.reached(request)
    if request.method == "POST":
        if limited:
            form.is_valid()
            form.add_error(None, APPLICATION_LIMIT.message(request))
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
            try:
                actions.apply_to_call(call, **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                APPLICATION_LIMIT.count(request)
                return _private(render(request, "councils/applied.html", {
                    "organisation": organisation, "call": call, "council": call.council}))
    response = render(request, "councils/call.html", {
        "organisation": organisation, "call": call, "council": call.council, "form": form,
    }, status=429 if limited else 400 if form.errors else 200)
    # The blank form is a public page (cached for everyone); an answer to a POST carries
    # what the applicant typed and is kept by no cache.
    return _private(response) if request.method == "POST" else response


def _private(response):
    add_never_cache_headers(response)
    return response


def _tracking_context(request, slug):
    """The tracking table's context; the filters, counts and table are read only when the
    template first asks for them (the page's shared fragments then save the queries)."""
    organisation = organisation_or_404(slug)
    themes = Theme.objects.filter(plan__organisation=organisation).select_related("plan").order_by(
        "plan_id", "number")
    filters = SimpleLazyObject(lambda: TrackingFilterForm(request.GET or None, themes=themes))
    recommendations = SimpleLazyObject(lambda: list(queries.tracking_table(
        organisation, status=filters.value("status"), theme=filters.value("theme"))))
    return {"organisation": organisation, "recommendations": recommendations,
            "trail": SimpleLazyObject(lambda: corrections.corrections_of(recommendations)),
            "related": SimpleLazyObject(lambda: modules.record_links(
                "councils.recommendation", [r.pk for r in recommendations])),
            "filters": filters,
            "status_counts": SimpleLazyObject(lambda: queries.status_counts(organisation))}


def tracking(request, slug, printable=False):
    context = _tracking_context(request, slug)
    if printable:
        return render(request, "councils/tracking_print.html", context)
    if request.htmx and request.htmx.target == "tracking-table":
        return render(request, "councils/tracking.html#table", context)
    return render(request, "councils/tracking.html", context)


def tracking_pdf(request, slug):
    """The tracking table as a PDF (the print view's content, filters included)."""
    context = _tracking_context(request, slug)
    context.update(base_template="core/pdf_base.html",
                   page_url=request.build_absolute_uri(
                       reverse("councils:tracking", args=[slug])))
    return render_pdf(request, "councils/tracking_print.html", context,
                      _("提言の反映状況") + f"_{context['organisation'].slug}")


def _evaluation_context(request, slug, round_id, public_only=False):
    organisation = organisation_or_404(slug)
    round_ = get_object_or_404(EvaluationRound.objects.select_related("council"), pk=round_id,
                               council__organisation=organisation)
    if round_.status != EvaluationRound.Status.PUBLISHED and (public_only or not request.user.has_perm(
            "councils.run_evaluation", round_)):
        raise Http404
    return {
        "organisation": organisation, "round": round_, "council": round_.council,
        "evaluation": queries.RoundPage(round_), "scale": round_.scale(),
    }


def evaluation(request, slug, round_id, printable=False):
    context = _evaluation_context(request, slug, round_id)
    return render(request, "councils/evaluation_print.html" if printable else "councils/evaluation.html",
                  context)


def evaluation_pdf(request, slug, round_id):
    """A published evaluation as a PDF (only published rounds: a PDF is public data only)."""
    context = _evaluation_context(request, slug, round_id, public_only=True)
    context.update(base_template="core/pdf_base.html",
                   page_url=request.build_absolute_uri(
                       reverse("councils:evaluation", args=[slug, round_id])))
    return render_pdf(request, "councils/evaluation_print.html", context,
                      f"{context['council'].name}_{context['round'].title}")


# --- Workspace --------------------------------------------------------------------------------

def workspace_organisation(request, slug):
    organisation = organisation_or_404(slug)
    if not request.user.has_perm("councils.use_workspace", organisation):
        raise PermissionDenied(_("この画面は市民会議の委員と団体の職員だけが使えます。"))
    return organisation


@login_required
def workspace(request, slug):
    from .rules import serving_memberships

    organisation = workspace_organisation(request, slug)
    memberships = [m for m in serving_memberships(request.user) if m.council.organisation_id == organisation.pk]
    open_rounds = EvaluationRound.objects.filter(
        council__in=[m.council_id for m in memberships], status=EvaluationRound.Status.OPEN
    ).select_related("council")
    councils = [c for c in queries.councils_of(organisation).prefetch_related(
                    "evaluation_rounds", "calls", "meetings", "reports__recommendations",
                    Prefetch("members", queryset=Member.objects.select_related("user")))
                if request.user.has_perm("councils.manage_council", c)]
    return render(request, "councils/workspace.html", {
        "organisation": organisation, "memberships": memberships, "open_rounds": open_rounds,
        "councils": councils,
        "can_create": request.user.has_perm("councils.manage_council", organisation),
    })


def _round_in(organisation, round_id):
    return get_object_or_404(EvaluationRound.objects.select_related("council"), pk=round_id,
                             council__organisation=organisation)


def _rating_entries(round_, post):
    entries = {}
    for item in round_.items.all():
        for criterion in round_.criteria.all():
            key = f"{item.pk}_{criterion.pk}"
            if f"score_{key}" in post or f"comment_{key}" in post:
                entries[(item.pk, criterion.pk)] = (post.get(f"score_{key}", ""),
                                                    post.get(f"comment_{key}", ""))
    return entries


def _rating_rows(round_, member, post=None):
    """The sheet: per item (with its reports and indicators) the member's ratings, or what was
    just posted when it came back with an error."""
    from .models import Rating

    saved = {(r.item_id, r.criterion_id): r for r in Rating.objects.filter(round=round_, member=member)}
    criteria = list(round_.criteria.all())
    rows = []
    for item in queries.sheet_items(round_):
        cells = []
        for criterion in criteria:
            key = f"{item.pk}_{criterion.pk}"
            rating = saved.get((item.pk, criterion.pk))
            score = post.get(f"score_{key}") if post is not None else (rating.score if rating else None)
            comment = post.get(f"comment_{key}") if post is not None else (rating.comment if rating else "")
            cells.append({"criterion": criterion, "key": key, "score": str(score or ""), "comment": comment or ""})
        rows.append({"item": item, "cells": cells})
    return rows


def rate(request, slug, round_id):
    """A member's evaluation sheet: every item × criterion, saved as a draft (also by HTMX as
    the member types) and submitted at the end. Drafts also stay in the browser until the
    server has them, so an expired session loses nothing."""
    organisation = organisation_or_404(slug)
    round_ = _round_in(organisation, round_id)
    autosave = request.method == "POST" and request.htmx
    if not request.user.is_authenticated:
        if autosave:
            return HttpResponse(_("ログインが切れたため保存できませんでした。入力はこの端末に残っています。"), status=401)
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    member = actions.membership_for(request.user, round_)
    error = None
    if request.method == "POST":
        try:
            progress = actions.save_ratings(request.user, round_, _rating_entries(round_, request.POST),
                                            submit="submit" in request.POST)
        except ValidationError as problem:
            error = problem
            if autosave:
                return HttpResponse(" ".join(problem.messages), status=422)
        else:
            if autosave:
                return render(request, "councils/includes/saved.html", {"progress": progress})
            if progress.submitted_at:
                messages.success(request, _("評価を提出しました。ご協力ありがとうございました。"))
            else:
                messages.success(request, _("一時保存しました(まだ提出していません)。"))
            return redirect(reverse("councils:rate", args=[slug, round_.pk]) + "?saved=1")
    progress = MemberProgress.objects.filter(round=round_, member=member).select_related("entered_by").first()
    return render(request, "councils/rate.html", {
        "organisation": organisation, "round": round_, "member": member, "progress": progress,
        "rows": _rating_rows(round_, member, request.POST if error else None),
        "scale": round_.scale(), "errors": error.messages if error else [],
        "days_left": _days_left(round_),
        # Panels of other modules: the satisfaction survey's results beside 「市民の満足度」 (issue 17 §6).
        "module_panels": modules.evaluation_panels(round_),
    }, status=400 if error else 200)


def _days_left(round_):
    return (round_.deadline - timezone.localdate()).days if round_.deadline else None


@login_required
def enter_sheet(request, slug, round_id, member_id):
    """代理入力: the secretariat enters the sheet a member sent on paper, by fax, by hand or by
    mail — the same sheet the member sees, with how it was received."""
    organisation = organisation_or_404(slug)
    round_ = _round_in(organisation, round_id)
    if not request.user.has_perm("councils.enter_sheet", round_):
        raise PermissionDenied(actions.REFUSALS["councils.enter_sheet"])
    member = get_object_or_404(Member, pk=member_id, council=round_.council)
    progress = MemberProgress.objects.filter(round=round_, member=member).first()
    form = ProxyEntryForm(request.POST or None, initial={
        "channel": progress.channel if progress and progress.entered_on_behalf else ""})
    error = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["channel"])
            progress = actions.enter_sheet(request.user, round_, member, _rating_entries(round_, request.POST),
                                           channel=form.cleaned_data["channel"], submit="submit" in request.POST)
        except ValidationError as problem:
            error = problem
        else:
            if progress.submitted_at:
                messages.success(request, _("%(name)s 委員の評価票を提出済みとして入力しました(%(channel)s)。") % {
                    "name": member.name, "channel": progress.get_channel_display()})
            else:
                messages.success(request, _("%(name)s 委員の評価票を一時保存しました(%(channel)s、まだ提出になっていません)。") % {
                    "name": member.name, "channel": progress.get_channel_display()})
            return redirect("councils:manage_round", slug=slug, round_id=round_.pk)
    return render(request, "councils/enter_sheet.html", {
        "organisation": organisation, "round": round_, "council": round_.council, "member": member,
        "progress": progress, "form": form, "scale": round_.scale(),
        "rows": _rating_rows(round_, member, request.POST if error else None),
        "errors": error.messages if error else [], "days_left": _days_left(round_),
    }, status=400 if error else 200)


@login_required
def manage_round(request, slug, round_id):
    organisation = organisation_or_404(slug)
    round_ = _round_in(organisation, round_id)
    if not request.user.has_perm("councils.run_evaluation", round_):
        raise PermissionDenied(actions.REFUSALS["councils.run_evaluation"])
    step = request.POST.get("step") if request.method == "POST" else None
    withdraw_form = WithdrawalForm(request.POST if step == "withdraw" else None, prefix="withdraw")
    if step == "withdraw":
        if withdraw_form.is_valid():
            try:
                actions.withdraw_round(request.user, round_, **withdraw_form.cleaned_data)
            except ValidationError as error:
                add_errors(withdraw_form, error)
            else:
                messages.success(request, _("評価の結果を取り下げました。公開ページに取下げの日付と理由が表示されます。"))
                return redirect("councils:manage_round", slug=slug, round_id=round_.pk)
    elif request.method == "POST":
        try:
            if step == "close":
                actions.close_round(request.user, round_)
                messages.success(request, _("評価を締め切りました。結果を集計しています。"))
            elif step == "publish":
                actions.publish_round(request.user, round_)
                messages.success(request, _("評価の結果を公表しました。"))
            elif step == "verdict":
                item = get_object_or_404(round_.items.all(), pk=posted_id(request, "item"))
                form = VerdictForm(request.POST)
                if form.is_valid():
                    actions.save_verdict(request.user, round_, item, **form.cleaned_data)
                    messages.success(request, _("%(code)s の総合評価と市の回答を保存しました。") % {"code": item.code})
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("councils:manage_round", slug=slug, round_id=round_.pk)
    results, submitted = queries.round_results(round_)
    return render(request, "councils/manage_round.html", {
        "organisation": organisation, "round": round_, "council": round_.council,
        "completion": queries.completion(round_), "results": results, "submitted": submitted,
        "withdraw_form": withdraw_form,
    }, status=400 if withdraw_form.errors else 200)


@login_required
def new_round(request, slug, council_id):
    organisation = organisation_or_404(slug)
    council = get_object_or_404(Council, pk=council_id, organisation=organisation)
    if not request.user.has_perm("councils.run_evaluation", council):
        raise PermissionDenied(actions.REFUSALS["councils.run_evaluation"])
    form = RoundForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = actions.open_round(
                request.user, council, title=data["title"], fiscal_year=data["fiscal_year"],
                items=data["items"], criteria=data["criteria"],
                scale_max=len(data["scale_labels"]), scale_labels=data["scale_labels"],
                deadline=data["deadline"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("評価を開始しました。委員の画面に評価票が表示されます。"))
            return redirect("councils:manage_round", slug=slug, round_id=round_.pk)
    return render(request, "councils/form.html", {
        "organisation": organisation, "form": form, "title": _("実施状況の評価を始める"),
        "back": council,
    })


@login_required
def applications(request, slug, call_id):
    organisation = organisation_or_404(slug)
    call = get_object_or_404(Call.objects.select_related("council"), pk=call_id,
                             council__organisation=organisation)
    if not request.user.has_perm("councils.view_applications", call):
        raise PermissionDenied(actions.REFUSALS["councils.view_applications"])
    if request.method == "POST":
        try:
            if request.POST.get("step") == "erase":
                n = actions.erase_applications(request.user, call)
                messages.success(request, _("%(n)d件の応募の個人情報を消去しました。") % {"n": n})
            else:
                application = get_object_or_404(Application, pk=posted_id(request, "application"), call=call)
                if request.POST.get("step") == "select":
                    actions.select_applicant(request.user, application)
                    messages.success(request, _("%(name)s さんを委員に選びました。") % {"name": application.name})
                elif request.POST.get("step") == "decline":
                    actions.decline_applicant(request.user, application)
                    messages.success(request, _("選考結果を「不選出」にしました。"))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("councils:applications", slug=slug, call_id=call.pk)
    return render(request, "councils/applications.html", {
        "organisation": organisation, "call": call, "council": call.council,
        "applications": call.applications.select_related("member"),
    })


@login_required
def respond(request, slug, recommendation_id):
    organisation = organisation_or_404(slug)
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("report__council"), pk=recommendation_id,
        report__council__organisation=organisation)
    if not request.user.has_perm("councils.record_response", recommendation):
        raise PermissionDenied(actions.REFUSALS["councils.record_response"])
    withdrawing = request.POST.get("step") == "withdraw"
    form = ResponseForm(request.POST if request.method == "POST" and not withdrawing else None,
                        instance=Recommendation.objects.get(pk=recommendation.pk))
    withdraw_form = WithdrawalForm(request.POST if withdrawing else None, prefix="withdraw")
    if form.is_bound and form.is_valid():
        try:
            actions.record_response(request.user, recommendation, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("提言%(n)s の反映状況を保存しました。") % {"n": recommendation.number})
            return redirect("councils:tracking", slug=slug)
    if withdraw_form.is_bound and withdraw_form.is_valid():
        try:
            actions.withdraw_response(request.user, recommendation, **withdraw_form.cleaned_data)
        except ValidationError as error:
            add_errors(withdraw_form, error)
        else:
            messages.success(request, _("提言%(n)s への市の考え方を取り下げました。反映状況は「検討中」に戻りました。")
                             % {"n": recommendation.number})
            return redirect("councils:tracking", slug=slug)
    return render(request, "councils/form.html", {
        "organisation": organisation, "form": form, "recommendation": recommendation,
        "withdraw_form": withdraw_form if recommendation.response.strip() else None,
        "title": _("提言 %(n)s. %(title)s への市の考え方と反映状況") % {
            "n": recommendation.number, "title": recommendation.title},
    })


@login_required
def manage_meeting(request, slug, meeting_id):
    organisation = organisation_or_404(slug)
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=meeting_id,
                                council__organisation=organisation)
    if not request.user.has_perm("councils.manage_council", meeting.council):
        raise PermissionDenied(actions.REFUSALS["councils.manage_council"])
    step = request.POST.get("step") if request.method == "POST" else None
    record_form = MeetingRecordForm(request.POST if step == "record" else None, instance=meeting)
    material_form = MaterialForm(request.POST if step == "material" else None, request.FILES or None)
    correction_form = MinutesCorrectionForm(request.POST if step == "correct" else None,
                                            initial={"minutes": meeting.minutes}, prefix="correction")
    materials = with_withdrawals(meeting.materials.all())
    withdraw_form = None
    for material in materials:  # one form each, so that ids stay unique and errors stay put
        material.withdraw_form = WithdrawMaterialForm(prefix=f"withdraw-{material.pk}")
    if request.method == "POST":
        try:
            if step == "correct" and correction_form.is_valid():
                actions.correct_minutes(request.user, meeting, **correction_form.cleaned_data)
                messages.success(request, _("会議録を訂正しました。もう一度承認するまで、公開ページには「訂正中」と表示されます。"))
                return redirect("councils:manage_meeting", slug=slug, meeting_id=meeting.pk)
            if step == "withdraw":
                wanted = posted_id(request, "material")
                material = next((m for m in materials if m.pk == wanted), None)
                if material is None:
                    raise Http404
                withdraw_form = material.withdraw_form = WithdrawMaterialForm(
                    request.POST, prefix=f"withdraw-{material.pk}")
                if withdraw_form.is_valid():
                    actions.withdraw_material(request.user, material, **withdraw_form.cleaned_data)
                    messages.success(request, _("「%(title)s」を取り下げました。") % {"title": material.title})
                    return redirect("councils:manage_meeting", slug=slug, meeting_id=meeting.pk)
            if step == "record" and record_form.is_valid():
                actions.save_meeting(request.user, record_form.instance,
                                     attendees=record_form.cleaned_data["attendees"])
                messages.success(request, _("出席と会議録を保存しました。"))
                return redirect("councils:manage_meeting", slug=slug, meeting_id=meeting.pk)
            if step == "material" and material_form.is_valid():
                actions.add_material(request.user, meeting, material_form.cleaned_data["title"],
                                     material_form.cleaned_data["file"])
                messages.success(request, _("資料を追加しました。"))
                return redirect("councils:manage_meeting", slug=slug, meeting_id=meeting.pk)
            if step == "approve":
                actions.approve_minutes(request.user, meeting)
                messages.success(request, _("会議録を承認しました。公開ページに載りました。"))
                return redirect("councils:manage_meeting", slug=slug, meeting_id=meeting.pk)
        except ValidationError as error:
            add_errors({"material": material_form, "correct": correction_form,
                        "withdraw": withdraw_form}.get(step) or record_form, error)
    forms = (record_form, material_form, correction_form, withdraw_form)
    return render(request, "councils/manage_meeting.html", {
        "organisation": organisation, "meeting": meeting, "council": meeting.council,
        "record_form": record_form, "material_form": material_form,
        "correction_form": correction_form, "materials": materials,
        "reservations": meeting.reservations.all(),
    }, status=400 if any(f is not None and f.errors for f in forms) else 200)
