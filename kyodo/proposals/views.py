"""Pages of 協働事業提案制度. Views stay thin: parse, check the rule, call the action or query, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.core.inputs import add_errors
from kyodo.core.models import Organisation
from kyodo.councils.models import MATERIAL_TYPES

from . import actions, queries
from .forms import (
    AgreementForm, CallForm, ConflictForm, ConsultationForm, CriterionForm, DecisionForm,
    DocumentForm, FileForm, PanelForm, PhaseForm, ProposalForm, PublishForm, ReportForm,
    ResultsCorrectionForm, ResultsWithdrawalForm, SheetForm, ThemeForm, WithdrawForm,
)
from .models import Call, CallKind, Phase, Proposal, ProposalFile, RequiredDocument, Stage


def _organisation(slug):
    return get_object_or_404(Organisation.objects.select_related("prefecture"), slug=slug)


def _require(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _call(organisation, pk, permission, request):
    call = get_object_or_404(Call.objects.select_related("organisation", "department"),
                             organisation=organisation, pk=pk)
    _require(request, permission, call)
    return call


def _proposal(organisation, pk):
    return get_object_or_404(
        Proposal.objects.select_related("call", "call__organisation", "call__department", "theme",
                                        "theme__department", "partner", "project"),
        call__organisation=organisation, pk=pk)


def _serve(attached_file, kind):
    response = FileResponse(attached_file.open("rb"), content_type=MATERIAL_TYPES[kind][0],
                            as_attachment=kind not in {"pdf", "png", "jpg", "jpeg"},
                            filename=attached_file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "no-cache"
    return response


# --- Public pages ---------------------------------------------------------------------------------

def index(request, slug):
    organisation = _organisation(slug)

    def calls():
        every = list(queries.public_calls(organisation))
        return {"open": [c for c in every if c.status == Call.Status.OPEN],
                "other": [c for c in every if c.status != Call.Status.OPEN]}

    # lazy: the calls are the same for everyone, kept in a shared fragment; the staff's link is outside
    return render(request, "proposals/index.html", {
        "organisation": organisation, "calls": SimpleLazyObject(calls),
        "can_manage": request.user.has_perm("proposals.view_workspace", organisation),
    })


def call_detail(request, slug, pk):
    organisation = _organisation(slug)
    try:
        call = queries.call_detail(organisation, pk)
    except Call.DoesNotExist:
        raise Http404 from None
    _require(request, "proposals.view_call", call)
    return render(request, "proposals/call_detail.html", {
        "organisation": organisation, "call": call,
        "accepting": call.accepts_proposals(),
        "presentation": next((p for p in call.phases.all() if p.kind == Phase.Kind.PRESENTATION), None),
        "mine": list(queries.my_proposals(request.user).filter(call=call))
        if request.user.is_authenticated else [],
    })


def document(request, slug, pk, document_pk):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.view_call", request)
    doc = get_object_or_404(RequiredDocument, call=call, pk=document_pk)
    if not doc.form_file:
        raise Http404
    return _serve(doc.form_file, doc.form_file.name.rsplit(".", 1)[-1].lower())


def results(request, slug, pk):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.view_call", request)
    if not call.results_published:
        raise Http404
    return render(request, "proposals/results.html", {
        "organisation": organisation, "call": call,
        "can_correct": call.results_standing and request.user.has_perm("proposals.manage", call),
        # lazy: the published results are the same for everyone, kept in a shared fragment
        "data": SimpleLazyObject(lambda: queries.published_results(call)),
    })


def results_download(request, slug, fmt):
    from kyodo.core.downloads import Column, response

    from .providers import results_rows

    organisation = _organisation(slug)
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404
    columns = [
        Column("fiscal_year", _("実施年度"), number=True), Column("call", _("募集名")),
        Column("kind", _("募集の種類")), Column("theme", _("テーマ・コース")),
        Column("group", _("団体名")), Column("title", _("事業名")),
        Column("amount", _("事業費(円)"), number=True), Column("total", _("合計点"), number=True),
        Column("status", _("結果")), Column("reason", _("選定の理由・講評")),
        Column("published", _("公表日")),
    ]
    return response(fmt, f"proposal-results-{organisation.slug}.{fmt}", columns,
                    results_rows(organisation), sheet_title="results",
                    head={"organisation": organisation.name})


# --- The proposer ---------------------------------------------------------------------------------

@login_required
def propose(request, slug, pk):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.view_call", request)
    proposal = Proposal(call=call)
    form = ProposalForm(request.POST or None, instance=proposal, call=call, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_proposal(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("提案を保存しました。書類を添付して提出してください。"))
            return redirect("proposals:proposal", slug, form.instance.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "proposals/proposal_form.html", {
        "organisation": organisation, "call": call, "form": form,
        "accepting": call.accepts_proposals(),
    }, status=status)


@login_required
def proposal_edit(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    _require(request, "proposals.edit_proposal", proposal)
    form = ProposalForm(request.POST or None, instance=proposal, call=proposal.call, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_proposal(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("提案を保存しました。"))
            return redirect("proposals:proposal", slug, proposal.pk)
    return render(request, "proposals/proposal_form.html", {
        "organisation": organisation, "call": proposal.call, "form": form, "proposal": proposal,
        "accepting": proposal.call.accepts_proposals(),
    }, status=400 if request.method == "POST" else 200)


def _proposal_page(request, organisation, proposal, *, file_form=None, consult_form=None,
                   report_form=None, withdraw_form=None, submit_errors=None, status=200):
    user = request.user
    return render(request, "proposals/proposal_detail.html", {
        "organisation": organisation, "proposal": proposal, "call": proposal.call,
        "files": list(proposal.files.select_related("document")),
        "documents": list(proposal.call.documents.all()),
        "can_edit": user.has_perm("proposals.edit_proposal", proposal),
        "can_see_contact": user.has_perm("proposals.view_contact", proposal),
        "can_consult": user.has_perm("proposals.consult", proposal),
        "can_score": user.has_perm("proposals.score", proposal),
        "can_conflict": user.has_perm("proposals.declare_conflict", proposal),
        "can_manage": user.has_perm("proposals.manage", proposal),
        "can_report": user.has_perm("proposals.report", proposal),
        "can_withdraw": user.has_perm("proposals.withdraw", proposal),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "file_form": file_form or FileForm(call=proposal.call),
        "consult_form": consult_form or ConsultationForm(initial={"consultation": proposal.consultation}),
        "conflict_form": ConflictForm(),
        "agreement_form": AgreementForm(initial={"agreement_date": proposal.agreement_date}),
        "report_form": report_form or ReportForm(initial={"report": proposal.report}),
        "submit_errors": submit_errors or [],
        "accepting": proposal.call.accepts_proposals(),
    }, status=status)


@login_required
def proposal_detail(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        # A recused reviewer, or anyone else, learns nothing of it (not even that it exists).
        raise Http404
    return _proposal_page(request, organisation, proposal)


@login_required
@require_POST
def proposal_files(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    _require(request, "proposals.edit_proposal", proposal)
    form = FileForm(request.POST, request.FILES, call=proposal.call)
    if form.is_valid():
        try:
            actions.attach_file(request.user, proposal, form.cleaned_data["document"],
                                form.cleaned_data["file"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("書類を添付しました。"))
            return redirect("proposals:proposal", slug, pk)
    return _proposal_page(request, organisation, proposal, file_form=form, status=400)


@login_required
def proposal_file(request, slug, pk, file_pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    if not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404
    attached = get_object_or_404(ProposalFile, proposal=proposal, pk=file_pk)
    return _serve(attached.file, attached.kind)


@login_required
@require_POST
def proposal_file_remove(request, slug, pk, file_pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    attached = get_object_or_404(ProposalFile.objects.select_related("proposal__call"),
                                 proposal=proposal, pk=file_pk)
    try:
        actions.remove_file(request.user, attached)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("proposals:proposal", slug, pk)


@login_required
@require_POST
def proposal_submit(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    _require(request, "proposals.edit_proposal", proposal)
    try:
        actions.submit_proposal(request.user, proposal)
    except ValidationError as error:
        problems = error.messages
        return _proposal_page(request, organisation, proposal, submit_errors=problems, status=400)
    messages.success(request, _("提案を提出しました。"))
    return redirect("proposals:proposal", slug, pk)


def _post_on_proposal(request, slug, pk, *, permission, form_class, form_name, act, done):
    """A form posted from the proposal's page: the rule, the form, the action; refused, the
    page again with the errors next to the fields (400)."""
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    _require(request, permission, proposal)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(proposal, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("proposals:proposal", slug, pk)
    return _proposal_page(request, organisation, proposal, status=400, **{form_name: form})


@login_required
@require_POST
def proposal_withdraw(request, slug, pk):
    return _post_on_proposal(
        request, slug, pk, permission="proposals.withdraw", form_class=WithdrawForm,
        form_name="withdraw_form", done=_("提案を取り下げました。"),
        act=lambda proposal, data: actions.withdraw_proposal(request.user, proposal, data["reason"]))


@login_required
@require_POST
def proposal_report(request, slug, pk):
    return _post_on_proposal(
        request, slug, pk, permission="proposals.report", form_class=ReportForm,
        form_name="report_form", done=_("実施報告を提出しました。"),
        act=lambda proposal, data: actions.submit_report(request.user, proposal, data["report"]))


# --- The department concerned and the coordinator -------------------------------------------------

@login_required
@require_POST
def consult(request, slug, pk):
    return _post_on_proposal(
        request, slug, pk, permission="proposals.consult", form_class=ConsultationForm,
        form_name="consult_form", done=_("協議結果を記録しました。"),
        act=lambda proposal, data: actions.record_consultation(request.user, proposal, data["consultation"]))


@login_required
@require_POST
def agreement(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    _require(request, "proposals.manage", proposal)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            actions.record_agreement(request.user, proposal, form.cleaned_data["agreement_date"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("協定締結日を記録しました。"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("proposals:proposal", slug, pk)


@login_required
def manage(request, slug):
    organisation = _organisation(slug)
    _require(request, "proposals.view_workspace", organisation)
    from kyodo.core.rules import departments_for

    runs = request.user.has_perm("proposals.manage", organisation)
    calls = list(Call.objects.filter(organisation=organisation).select_related("department")
                 .order_by("-fiscal_year", "-opens_at")) if runs else []
    departments = departments_for(request.user)
    concerned = []
    if departments:
        concerned = [p for p in Proposal.objects.filter(call__organisation=organisation)
                     .exclude(status__in=[Proposal.Status.DRAFT, Proposal.Status.WITHDRAWN])
                     .select_related("call", "theme", "call__organisation").order_by("-submitted_at")
                     if p.department_id in departments]
    panels = [m for m in queries.panel_calls(request.user) if m.call.organisation_id == organisation.pk]
    return render(request, "proposals/manage/home.html", {
        "organisation": organisation, "calls": calls, "runs": runs, "concerned": concerned,
        "panels": panels,
    })


@login_required
def call_edit(request, slug, pk=None):
    organisation = _organisation(slug)
    _require(request, "proposals.manage", organisation)
    call = _call(organisation, pk, "proposals.manage", request) if pk else Call(organisation=organisation)
    form = CallForm(request.POST or None, instance=call, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_call(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("提案募集を保存しました。"))
            return redirect("proposals:call_manage", slug, form.instance.pk)
    return render(request, "proposals/manage/call_form.html", {
        "organisation": organisation, "call": call, "form": form,
    }, status=400 if request.method == "POST" else 200)


PARTS = {
    "theme": (ThemeForm, True), "document": (DocumentForm, False), "phase": (PhaseForm, False),
    "criterion": (CriterionForm, False), "panel": (PanelForm, True),
}


def _part_forms(organisation, bound=None):
    forms = {}
    for name, (form_class, needs_org) in PARTS.items():
        kwargs = {"organisation": organisation} if needs_org else {}
        forms[name] = bound if bound and bound.prefix == name else form_class(prefix=name, **kwargs)
    return forms


@login_required
def call_manage(request, slug, pk, bound=None, status=200):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.manage", request)
    call = queries.call_detail(organisation, call.pk)
    return render(request, "proposals/manage/call.html", {
        "organisation": organisation, "call": call, "forms": _part_forms(organisation, bound),
        "panel": list(call.panel.all()),
        "counts": [(Proposal.Status(s).label, n) for s, n in _status_counts(call)],
    }, status=status)


def _status_counts(call):
    from django.db.models import Count

    return call.proposals.values_list("status").annotate(n=Count("id")).order_by()


@login_required
@require_POST
def call_add(request, slug, pk, part):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.manage", request)
    if part not in PARTS:
        raise Http404
    form_class, needs_org = PARTS[part]
    kwargs = {"organisation": organisation} if needs_org else {}
    form = form_class(request.POST, request.FILES, prefix=part, **kwargs)
    if form.is_valid():
        try:
            if part == "panel":
                data = form.cleaned_data
                actions.appoint(request.user, call, user=data["user"], name=data["name"],
                                kind=data["kind"], affiliation=data["affiliation"], order=data["order"] or 0)
            else:
                obj = actions.add_to_call(request.user, call, form.instance)
                if part == "document" and form.cleaned_data.get("upload"):
                    actions.attach_form_file(request.user, obj, form.cleaned_data["upload"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("追加しました。"))
            return redirect("proposals:call_manage", slug, pk)
    return call_manage(request, slug, pk, bound=form, status=400)


STEPS = {"open": actions.open_call, "screen": actions.start_screening,
         "presentation": actions.advance_stage}


@login_required
@require_POST
def call_step(request, slug, pk, step):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.manage", request)
    if step not in STEPS:
        raise Http404
    try:
        STEPS[step](request.user, call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("状態を「%(status)s」にしました。") % {"status": call.get_status_display()})
    return redirect("proposals:call_manage", slug, pk)


@login_required
def ranking(request, slug, pk, bound=None, publish_form=None, status=200):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.view_ranking", request)
    data = queries.ranking(call)
    members = {m.pk: m for m in data["panel"]}
    for result in data["results"]:
        result.form = (bound if bound is not None and bound.prefix == f"p{result.proposal_id}"
                       else DecisionForm(prefix=f"p{result.proposal_id}", initial={
                           "adopt": "1" if result.proposal.status == Proposal.Status.ADOPTED else
                           "0" if result.proposal.status == Proposal.Status.REJECTED else None,
                           "reason": result.proposal.decision_reason}))
        result.rows = [(members[mid], [(c, scores.get(c.pk)) for c in data["criteria"]])
                       for mid, scores in sorted(result.by_member.items()) if mid in members]
        result.mean_cells = [(c, result.means.get(c.pk)) for c in data["criteria"]]
        result.recused_members = [members[m] for m, p in data["recused"]
                                  if p == result.proposal_id and m in members]
    return render(request, "proposals/manage/ranking.html", {
        "organisation": organisation, "call": call, **data,
        "publish_form": publish_form or PublishForm(initial={"review_comment": call.review_comment}),
        "can_decide": call.status == Call.Status.SCREENING,
    }, status=status)


@login_required
@require_POST
def decide(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    _require(request, "proposals.decide", proposal)
    form = DecisionForm(request.POST, prefix=f"p{proposal.pk}")
    if form.is_valid():
        try:
            actions.decide(request.user, proposal, adopt=form.cleaned_data["adopt"],
                           reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("「%(title)s」を%(status)sとしました。") % {
                "title": proposal.title, "status": proposal.get_status_display()})
            return redirect(reverse("proposals:ranking", args=[slug, proposal.call_id])
                            + f"#proposal-{proposal.pk}")
    return ranking(request, slug, proposal.call_id, bound=form, status=400)


@login_required
@require_POST
def publish(request, slug, pk):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.manage", request)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            actions.publish_results(request.user, call, review_comment=form.cleaned_data["review_comment"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("審査結果を公表しました。"))
            return redirect("proposals:results", slug, pk)
    return ranking(request, slug, pk, publish_form=form, status=400)


@login_required
def results_correction(request, slug, pk):
    """訂正・取下げ of published results (the coordinator, with a reason the results page shows)."""
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.manage", request)
    if not call.results_standing:
        raise PermissionDenied(_("公表中の審査結果だけを訂正・取り下げできます。"))
    proposals = list(call.proposals.filter(status__in=actions.DECIDED).order_by("status", "theme__number", "id"))
    withdrawing = request.POST.get("step") == "withdraw"
    form = ResultsCorrectionForm(request.POST if request.method == "POST" and not withdrawing else None,
                                 call=call, proposals=proposals)
    withdraw_form = ResultsWithdrawalForm(request.POST if withdrawing else None)
    if form.is_bound and form.is_valid():
        try:
            actions.correct_results(request.user, call, reason=form.cleaned_data["reason"],
                                    review_comment=form.cleaned_data["review_comment"],
                                    decision_reasons=form.decision_reasons())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("審査結果を訂正しました。公表ページに訂正の理由と訂正前の内容を表示します。"))
            return redirect("proposals:results", slug, pk)
    if withdraw_form.is_bound and withdraw_form.is_valid():
        try:
            actions.withdraw_results(request.user, call, reason=withdraw_form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(withdraw_form, error)
        else:
            messages.success(request, _("審査結果の公表を取り下げました。公表ページに取下げの日付と理由を表示します。"))
            return redirect("proposals:results", slug, pk)
    return render(request, "proposals/manage/results_correction.html", {
        "organisation": organisation, "call": call, "form": form, "withdraw_form": withdraw_form,
    }, status=400 if request.method == "POST" else 200)


# --- The panel --------------------------------------------------------------------------------------

@login_required
def review(request, slug, pk):
    organisation = _organisation(slug)
    call = _call(organisation, pk, "proposals.review", request)
    member = actions.member_for(request.user, call)
    proposals = list(queries.proposals_for_reviewer(call, request.user))
    sheets = {(s.proposal_id, s.stage): s for s in member.sheets.all()}
    for proposal in proposals:
        proposal.my_sheet = sheets.get((proposal.pk, call.stage))
    return render(request, "proposals/review/list.html", {
        "organisation": organisation, "call": call, "proposals": proposals, "member": member,
    })


@login_required
def score(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    if not request.user.has_perm("proposals.view_proposal", proposal) or not request.user.has_perm(
            "proposals.review", proposal.call):
        raise Http404
    _require(request, "proposals.score", proposal)
    call = proposal.call
    criteria = queries.criteria_of_stage(call)
    member = actions.member_for(request.user, call)
    sheet = actions.sheet_for(member, proposal, call.stage)
    initial = {}
    if sheet:
        initial = {f"criterion_{s.criterion_id}": str(s.value) for s in sheet.scores.all()}
        initial["comment"] = sheet.comment
    form = SheetForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and not (sheet and sheet.submitted_at) and form.is_valid():
        try:
            actions.save_sheet(request.user, proposal, scores=form.scores(),
                               comment=form.cleaned_data["comment"], submit="submit" in request.POST)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("審査票を提出しました。") if "submit" in request.POST
                             else _("審査票を一時保存しました。"))
            return redirect("proposals:review", slug, call.pk)
    return render(request, "proposals/review/sheet.html", {
        "organisation": organisation, "call": call, "proposal": proposal, "form": form,
        "sheet": sheet, "files": list(proposal.files.select_related("document")),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def conflict(request, slug, pk):
    organisation = _organisation(slug)
    proposal = _proposal(organisation, pk)
    if not request.user.has_perm("proposals.declare_conflict", proposal):
        raise Http404
    form = ConflictForm(request.POST)
    if form.is_valid():
        actions.declare_conflict(request.user, proposal, form.cleaned_data["reason"])
        messages.success(request, _("利害関係を申告しました。この提案の審査には加わりません。"))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("proposals:review", slug, proposal.call_id)


__all__ = ["CallKind", "Stage"]
