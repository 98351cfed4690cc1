"""Pages of 協働. Views stay thin: parse, check the rule, call the action or query, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.core import modules
from kyodo.core.inputs import add_errors, FiscalYearField, IntegerField, MAX_ID, query_value
from kyodo.core.models import Organisation
from kyodo.core.pdf import render_pdf

from . import actions, exports, queries
from . import report as survey_report
from .forms import (
    CampaignForm, CarryOverForm, CriterionForm, EvaluationCorrectionForm, EvaluationTemplateForm,
    ImportForm, InitiativeForm, JointCommentForm, PartnerFilterForm, PartnerMemberForm,
    PartnerProfileForm, ProjectFilterForm, ProjectForm, ProjectPartnerFormSet, ProxyEntryForm, ReopenForm,
    ProjectCorrectionForm, ReportCorrectionForm, ReturnForm, SheetForm, StaffPartnerFilterForm, StartEvaluationForm,
    WithdrawalForm,
)
from .models import (
    Evaluation, EvaluationCriterion, EvaluationTemplate, Initiative, Partner, PartnerMember,
    ProfileSubmission, Project, ProjectPartner, Side, SurveyCampaign, SurveyResponse,
)
from .vocabularies import FIELD_SHORT, CollaborationForm, PartnerType, field_label


def _organisation(slug):
    return get_object_or_404(Organisation.objects.select_related("prefecture"), slug=slug)


def _require(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _posted_ids(request, name):
    """The row ids of a list of checkboxes; anything else refuses the whole step."""
    field = IntegerField(min_value=1, max_value=MAX_ID)
    try:
        return [field.clean(value) for value in request.POST.getlist(name)]
    except ValidationError:
        raise ValidationError(_("選択された項目を読み取れませんでした。画面を読み込み直してから選び直してください。")) from None


def _query_string(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _label_project(project):
    project.form_labels = [CollaborationForm(f.form).label for f in project.forms.all()]
    project.field_labels = [FIELD_SHORT.get(f.field, f.field) for f in project.fields.all()]
    return project


# --- Public pages ------------------------------------------------------------------------------------

def index(request, slug):
    organisation = _organisation(slug)
    return render(request, "collaboration/index.html", {
        "organisation": organisation,
        "reports": list(queries.published_campaigns(organisation)[:5]),
        "partner_count": queries.listed_partners(organisation).count(),
        "can_manage": request.user.has_perm("collaboration.view_workspace", organisation),
    })


def _page_of_rows(request, queryset, rows, per_page=30):
    """A page of a filtered list: the database sorts and slices the ids, and only the page's
    rows are read, by ``rows(ids)`` (``values()`` rows, no model objects)."""
    page = Paginator(queryset.prefetch_related(None).values_list("pk", flat=True),
                     per_page).get_page(request.GET.get("page"))
    page.rows = rows(list(page.object_list))
    return page


def _filters(form):
    return form.cleaned_data if form.is_valid() else {}


def _partner_cards(slug, ids):
    rows = queries.partner_rows(slug, ids)
    for row in rows:
        row["field_labels"] = [FIELD_SHORT.get(field, field) for field in row["fields"]]
    return rows


def partner_directory(request, slug):
    organisation = _organisation(slug)

    def listing():
        form = PartnerFilterForm(request.GET or None)
        partners = queries.filter_partners(queries.listed_partners(organisation), _filters(form))
        return {"form": form, "page": _page_of_rows(
            request, partners, lambda ids: _partner_cards(slug, ids))}

    template = ("collaboration/partner_directory.html#results" if request.htmx
                else "collaboration/partner_directory.html")
    return render(request, template, {
        "organisation": organisation, "query": _query_string(request),
        # read only when a shared fragment is rendered, not when it is served stored
        "listing": SimpleLazyObject(listing),
    })


def partner_detail(request, slug, pk):
    organisation = _organisation(slug)
    partner = get_object_or_404(Partner.objects.select_related("organisation")
                                .prefetch_related("fields"), pk=pk, organisation=organisation)
    _require(request, "collaboration.view_partner", partner)
    roles = list(ProjectPartner.objects.filter(partner=partner, project__published_at__isnull=False,
                                               project__withdrawn_at__isnull=True)
                 .select_related("project", "project__department", "project__organisation")
                 .order_by("-project__fiscal_year", "project__title"))
    fields = [(f.field, field_label(f.field)) for f in partner.fields.all()]
    return render(request, "collaboration/partner_detail.html", {
        "organisation": organisation, "partner": partner, "roles": roles, "fields": fields,
        "can_edit": request.user.has_perm("collaboration.edit_partner_profile", partner),
        "extra_sections": modules.partner_sections(partner),
    })


def project_list(request, slug):
    organisation = _organisation(slug)

    def listing():
        years, department_ids = queries.project_filter_choices(organisation)
        form = ProjectFilterForm(request.GET or None, organisation=organisation, years=years,
                                 department_ids=department_ids)
        projects = queries.filter_projects(queries.projects(organisation), _filters(form))
        return {"form": form, "page": _page_of_rows(
            request, projects, lambda ids: queries.project_rows(slug, ids))}

    template = ("collaboration/project_list.html#results" if request.htmx
                else "collaboration/project_list.html")
    return render(request, template, {
        "organisation": organisation, "query": _query_string(request),
        "listing": SimpleLazyObject(listing),
    })


def project_detail(request, slug, pk):
    organisation = _organisation(slug)
    project = get_object_or_404(queries.projects(organisation, public=False), pk=pk)
    _require(request, "collaboration.view_project", project)
    _label_project(project)
    evaluations = list(queries.published_evaluations_of([project]))
    return render(request, "collaboration/project_detail.html", {
        "organisation": organisation, "project": project, "evaluations": evaluations,
        "fields": [(f.field, field_label(f.field, project.fiscal_year))
                   for f in project.fields.all()],
        "can_manage": request.user.has_perm("collaboration.manage", organisation),
        "can_edit": request.user.has_perm("collaboration.edit_project", project),
    })


@login_required
def project_correction(request, slug, project_pk):
    """訂正 of a published project by the coordinator, with the reason its page will show."""
    organisation = _organisation(slug)
    project = get_object_or_404(queries.projects(organisation, public=False), pk=project_pk)
    _require(request, "collaboration.manage", project)
    if project.published_at is None or project.withdrawn_at is not None:
        raise PermissionDenied(_("公開中の協働事業だけを訂正・取り下げできます。公開前の事業は担当部署が編集します。"))
    withdrawing = request.POST.get("step") == "withdraw"
    form = ProjectCorrectionForm(request.POST if request.method == "POST" and not withdrawing else None,
                                 instance=project)
    withdraw_form = WithdrawalForm(request.POST if withdrawing else None)
    if form.is_bound and form.is_valid():
        try:
            actions.correct_project(request.user, get_object_or_404(Project, pk=project.pk),
                                    reason=form.cleaned_data["reason"], changes=form.changes())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("協働事業を訂正しました。公開ページに訂正の理由と訂正前の内容を表示します。"))
            return redirect(project.get_absolute_url())
    if withdraw_form.is_bound and withdraw_form.is_valid():
        try:
            actions.withdraw_project(request.user, get_object_or_404(Project, pk=project.pk),
                                     reason=withdraw_form.cleaned_data["reason"])
        except ValidationError as error:
            withdraw_form.add_error(None, error)
        else:
            messages.success(request, _("協働事業を取り下げました。事業のページに取下げの理由を表示し、"
                                        "その年度の調査結果を再集計しました。"))
            return redirect(project.get_absolute_url())
    return render(request, "collaboration/manage/project_correction.html", {
        "organisation": organisation, "project": project, "form": form,
        "withdraw_form": withdraw_form,
    }, status=400 if form.errors or withdraw_form.errors else 200)


def report_list(request, slug):
    organisation = _organisation(slug)
    return render(request, "collaboration/report_list.html", {
        "organisation": organisation,
        "campaigns": list(queries.published_campaigns(organisation)),
    })


def _report(organisation, year):
    """The published campaign of ``year`` (404 otherwise) and the year before."""
    campaign, previous = queries.report_pair(organisation, year)
    if campaign is None:
        raise Http404
    return campaign, previous


def _report_contents(organisation, campaign, previous):
    """What the survey report shows under its title: totals, the four tables (each row with
    the change from the year before) and the year's published evaluations."""
    data = campaign.report or {}
    prev = previous.report if previous else None
    statuses = dict(SurveyResponse.Status.choices)
    tables = []
    for key, title in survey_report.DIMENSIONS:
        rows = survey_report.table(data, key, prev)
        for row in rows:
            row["status_label"] = statuses.get(row["status"], "")
        tables.append({"key": key, "title": str(title), "rows": rows})
    return {
        "tables": tables, "totals": data.get("totals", {}),
        "prev_totals": (prev or {}).get("totals"), "has_previous": previous is not None,
        "evaluations": queries.report_evaluations(organisation, campaign.fiscal_year),
    }


def report_detail(request, slug, year):
    organisation = _organisation(slug)
    campaign, previous = _report(organisation, year)
    return render(request, "collaboration/report_detail.html", {
        "organisation": organisation, "campaign": campaign,
        # read only when the shared fragment is rendered, not when it is served stored
        "report": SimpleLazyObject(lambda: _report_contents(organisation, campaign, previous)),
    })


def report_pdf(request, slug, year):
    """The survey report as a PDF: its figures, tables and evaluations (a published report
    only, so nothing but public data)."""
    organisation = _organisation(slug)
    campaign, previous = _report(organisation, year)
    return render_pdf(request, "collaboration/report_pdf.html", {
        "organisation": organisation, "campaign": campaign,
        "report": _report_contents(organisation, campaign, previous),
        "page_url": request.build_absolute_uri(
            reverse("collaboration:report", args=[slug, campaign.fiscal_year])),
    }, str(campaign.display_title))


def report_download(request, slug, year, fmt):
    organisation = _organisation(slug)
    campaign, previous = queries.report_pair(organisation, year)
    if campaign is None or fmt not in exports.FORMATS:
        raise Http404
    return exports.report_response(campaign, previous, fmt)


def evaluation_list(request, slug):
    organisation = _organisation(slug)
    evaluations = list(queries.evaluations(organisation, statuses=[Evaluation.Status.PUBLISHED]))
    return render(request, "collaboration/evaluation_list.html", {
        "organisation": organisation, "evaluations": evaluations,
    })


def _side_by_side(evaluation, user):
    """Rows (criterion, administration rating, partner rating, gap) for the sheets the user may
    see; a sheet the user may not see yields None for its ratings."""
    sheets = {s.side: s for s in evaluation.sheets.all()}
    visible = {side: user.has_perm("collaboration.view_sheet", sheet)
               for side, sheet in sheets.items()}
    ratings = {side: {r.criterion_id: r for r in sheet.ratings.all()} if visible[side] else None
               for side, sheet in sheets.items()}
    rows = []
    for criterion in evaluation.template.criteria.all():
        if criterion.stage != evaluation.stage:
            continue
        a = (ratings[Side.ADMINISTRATION] or {}).get(criterion.pk)
        p = (ratings[Side.PARTNER] or {}).get(criterion.pk)
        gap = abs(a.score - p.score) if a and p else None
        rows.append({"criterion": criterion, "admin": a, "partner": p, "gap": gap,
                     "wide_gap": gap is not None and gap >= 2})
    return sheets, visible, rows


def evaluation_detail(request, slug, pk):
    organisation = _organisation(slug)
    try:
        evaluation = queries.evaluation_detail(pk)
    except Evaluation.DoesNotExist:
        raise Http404 from None
    if evaluation.project.organisation_id != organisation.pk:
        raise Http404
    _require(request, "collaboration.view_evaluation", evaluation)
    sheets, visible, rows = _side_by_side(evaluation, request.user)
    joint_form = JointCommentForm(request.POST or None,
                                  initial={"joint_comment": evaluation.joint_comment})
    can_comment = request.user.has_perm("collaboration.write_joint_comment", evaluation)
    if request.method == "POST":
        if not can_comment:
            raise PermissionDenied
        if joint_form.is_valid():
            try:
                actions.save_joint_comment(request.user, evaluation,
                                           joint_form.cleaned_data["joint_comment"])
            except ValidationError as error:
                add_errors(joint_form, error)
            else:
                messages.success(request, _("総括を保存しました。"))
                return redirect(evaluation.get_absolute_url())
    my_sheets = [s for s in sheets.values()
                 if request.user.has_perm("collaboration.fill_sheet", s)]
    return render(request, "collaboration/evaluation_detail.html", {
        "organisation": organisation, "evaluation": evaluation, "rows": rows,
        "sheets": sheets, "visible": visible, "admin_sheet": sheets[Side.ADMINISTRATION],
        "partner_sheet": sheets[Side.PARTNER], "my_sheets": my_sheets,
        "joint_form": joint_form, "can_comment": can_comment,
        "can_publish": request.user.has_perm("collaboration.publish_evaluation", evaluation)
        and evaluation.status == Evaluation.Status.REVEALED,
        "can_correct": request.user.has_perm("collaboration.publish_evaluation", evaluation)
        and evaluation.status == Evaluation.Status.PUBLISHED and evaluation.withdrawn_at is None,
        "correction_form": EvaluationCorrectionForm(initial={"joint_comment": evaluation.joint_comment}),
        "withdrawal_form": WithdrawalForm(),
        "scale": evaluation.template.scale,
    })


@login_required
def sheet_edit(request, slug, pk, side):
    organisation = _organisation(slug)
    try:
        evaluation = queries.evaluation_detail(pk)
    except Evaluation.DoesNotExist:
        raise Http404 from None
    if evaluation.project.organisation_id != organisation.pk or side not in Side.values:
        raise Http404
    sheet = next(s for s in evaluation.sheets.all() if s.side == side)
    sheet.evaluation = evaluation
    _require(request, "collaboration.fill_sheet", sheet)
    criteria = [c for c in evaluation.template.criteria.all() if c.stage == evaluation.stage]
    ratings = {r.criterion_id: (r.score, r.comment) for r in sheet.ratings.all()}
    form = SheetForm(request.POST or None, criteria=criteria, scale=evaluation.template.scale,
                     ratings=ratings, overall=sheet.overall_comment)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            actions.save_sheet(request.user, sheet, ratings=form.ratings(),
                               overall_comment=form.cleaned_data["overall_comment"], submit=submit)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("評価シートを提出しました。") if submit
                             else _("評価シートを一時保存しました。"))
            return redirect(evaluation.get_absolute_url())
    return render(request, "collaboration/sheet_form.html", {
        "organisation": organisation, "evaluation": evaluation, "sheet": sheet, "form": form,
    })


@login_required
@require_POST
def evaluation_publish(request, slug, pk):
    organisation = _organisation(slug)
    evaluation = get_object_or_404(Evaluation.objects.select_related("project"), pk=pk,
                                   project__organisation=organisation)
    try:
        actions.publish_evaluation(request.user, evaluation)
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("評価結果を公表しました。"))
    return redirect(evaluation.get_absolute_url())


@login_required
@require_POST
def evaluation_correction(request, slug, pk, step):
    """訂正 (``correct``) or 取下げ (``withdraw``) of a published evaluation, with a reason."""
    organisation = _organisation(slug)
    evaluation = get_object_or_404(Evaluation.objects.select_related("project"), pk=pk,
                                   project__organisation=organisation)
    _require(request, "collaboration.publish_evaluation", evaluation)
    if step == "correct":
        form = EvaluationCorrectionForm(request.POST)
    elif step == "withdraw":
        form = WithdrawalForm(request.POST)
    else:
        raise Http404
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("reason") or form.errors.get("joint_comment")
                                  or _("入力内容を確認してください。"))
        if step == "correct":
            actions.correct_evaluation(request.user, evaluation, reason=form.cleaned_data["reason"],
                                       joint_comment=form.cleaned_data["joint_comment"])
            messages.success(request, _("総括を訂正しました。公開ページに訂正の理由と訂正前の総括を表示します。"))
        else:
            actions.withdraw_evaluation(request.user, evaluation, reason=form.cleaned_data["reason"])
            messages.success(request, _("評価結果を取り下げました。公開ページに取下げの理由を表示します。"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(evaluation.get_absolute_url())


def initiatives(request, slug):
    organisation = _organisation(slug)
    items = queries.timeline(organisation)
    years = {}
    for item in items:
        years.setdefault(item.fiscal_year, []).append(item)
    return render(request, "collaboration/initiatives.html", {
        "organisation": organisation, "years": list(years.items()),
        "categories": [c for c in items[0].Category] if items else [],
    })


# --- Partner members --------------------------------------------------------------------------------

@login_required
def partner_edit(request, slug, pk):
    organisation = _organisation(slug)
    partner = get_object_or_404(Partner, pk=pk, organisation=organisation)
    _require(request, "collaboration.edit_partner_profile", partner)
    pending = partner.submissions.filter(status=ProfileSubmission.Status.PENDING).first()
    last = partner.submissions.first()
    initial = None
    if pending:
        initial = dict(pending.data)
        initial["fields_"] = initial.pop("fields", [])
    form = PartnerProfileForm(request.POST or None, instance=Partner.objects.get(pk=partner.pk),
                              initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_profile(request.user, partner, form.proposal())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("変更を申請しました。職員が確認した後に公開されます。"))
            return redirect("collaboration:partner_edit", slug=slug, pk=pk)
    return render(request, "collaboration/partner_form.html", {
        "organisation": organisation, "partner": partner, "form": form, "pending": pending,
        "last": last,
    })


# --- Staff: survey ----------------------------------------------------------------------------------

@login_required
def manage_home(request, slug):
    organisation = _organisation(slug)
    _require(request, "collaboration.view_workspace", organisation)
    from kyodo.core.rules import departments_for

    from .rules import partner_ids_of

    mine = departments_for(request.user)
    campaigns = list(queries.campaigns(organisation))
    open_responses = list(SurveyResponse.objects.filter(
        department_id__in=mine, campaign__organisation=organisation,
        campaign__status=SurveyCampaign.Status.OPEN).select_related("campaign", "department"))
    can_manage = request.user.has_perm("collaboration.manage", organisation)
    return render(request, "collaboration/manage/home.html", {
        "organisation": organisation, "campaigns": campaigns, "open_responses": open_responses,
        "can_manage": can_manage,
        "is_staff": request.user.has_perm("collaboration.view_staff_area", organisation),
        "my_partners": list(Partner.objects.filter(pk__in=partner_ids_of(request.user),
                                                   organisation=organisation)),
        "submissions": list(queries.pending_submissions(organisation)) if can_manage else [],
        "evaluations": list(queries.evaluations_for_user(request.user, organisation)),
        "all_evaluations": list(queries.evaluations(organisation, statuses=[
            Evaluation.Status.OPEN, Evaluation.Status.REVEALED])) if can_manage else [],
    })


@login_required
def campaign_new(request, slug):
    organisation = _organisation(slug)
    _require(request, "collaboration.manage", organisation)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = actions.create_campaign(request.user, organisation, **{
                k: form.cleaned_data[k] for k in ("fiscal_year", "deadline", "title",
                                                  "instructions")})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("調査を作成しました。内容を確認して開始してください。"))
            return redirect("collaboration:campaign", slug=slug, pk=campaign.pk)
    return render(request, "collaboration/manage/campaign_form.html", {
        "organisation": organisation, "form": form,
    })


def _campaign(request, slug, pk, permission="collaboration.manage"):
    organisation = _organisation(slug)
    campaign = get_object_or_404(SurveyCampaign, pk=pk, organisation=organisation)
    _require(request, permission, campaign)
    return organisation, campaign


@login_required
def campaign_detail(request, slug, pk):
    organisation, campaign = _campaign(request, slug, pk)
    responses = queries.campaign_progress(campaign)
    done = sum(1 for r in responses if r.is_complete)
    return render(request, "collaboration/manage/campaign.html", {
        "organisation": organisation, "campaign": campaign, "responses": responses,
        "done": done, "total": len(responses),
        "reopen_form": ReopenForm(initial={"deadline": campaign.deadline}),
        "correction_form": ReportCorrectionForm(), "withdrawal_form": WithdrawalForm(),
    })


@login_required
def campaign_edit(request, slug, pk):
    """Correct a campaign until it opens (準備中 only)."""
    organisation, campaign = _campaign(request, slug, pk)
    if campaign.status != SurveyCampaign.Status.DRAFT:
        messages.error(request, _("開始した調査は変更できません。"))
        return redirect("collaboration:campaign", slug=slug, pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_campaign(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("調査の内容を保存しました。"))
            return redirect("collaboration:campaign", slug=slug, pk=pk)
    return render(request, "collaboration/manage/campaign_form.html", {
        "organisation": organisation, "form": form, "campaign": campaign,
    })


def _posted_reason(request, form_class):
    """The reason a correction or withdrawal step posted (refused, with the field's message, when
    missing)."""
    form = form_class(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors["reason"])
    return form.cleaned_data["reason"]


@login_required
@require_POST
def campaign_step(request, slug, pk, step):
    organisation, campaign = _campaign(request, slug, pk)
    try:
        if step == "delete":
            actions.delete_campaign(request.user, campaign)
            messages.success(request, _("準備中の調査を削除しました。"))
            return redirect("collaboration:manage", slug=slug)
        if step == "open":
            actions.open_campaign(request.user, campaign)
            messages.success(request, _("調査を開始し、各部署に通知しました。"))
        elif step == "close":
            actions.close_campaign(request.user, campaign)
            messages.success(request, _("調査を締め切りました。"))
        elif step == "reopen":
            form = ReopenForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("新しい回答期限を入力してください。"))
            actions.reopen_campaign(request.user, campaign, deadline=form.cleaned_data["deadline"])
            messages.success(request, _("回答の受付を再開しました。"))
        elif step == "remind":
            ids = _posted_ids(request, "department") or None
            count = actions.send_reminders(request.user, campaign, department_ids=ids)
            messages.success(request, _("%(n)d部署に督促のお知らせを送りました。") % {"n": count})
        elif step == "publish":
            actions.publish_campaign(request.user, campaign)
            messages.success(request, _("集計結果を公表しました。"))
        elif step == "refresh":
            actions.correct_report(request.user, campaign, reason=_posted_reason(request, ReportCorrectionForm))
            messages.success(request, _("再集計し、訂正として公表ページに理由と訂正前の数値を表示しました。"))
        elif step == "withdraw":
            actions.withdraw_report(request.user, campaign, reason=_posted_reason(request, WithdrawalForm))
            messages.success(request, _("集計結果を取り下げました。公表ページに取下げの日付と理由を表示します。"))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("collaboration:campaign", slug=slug, pk=pk)


def _response(request, slug, pk, department_pk):
    organisation = _organisation(slug)
    response = get_object_or_404(
        SurveyResponse.objects.select_related("campaign", "department", "campaign__organisation"),
        campaign_id=pk, campaign__organisation=organisation, department_id=department_pk)
    if not (request.user.has_perm("collaboration.answer_survey", response)
            or request.user.has_perm("collaboration.manage", organisation)):
        raise PermissionDenied
    return organisation, response


@login_required
def response_detail(request, slug, pk, department_pk):
    organisation, response = _response(request, slug, pk, department_pk)
    campaign = response.campaign
    projects = [_label_project(p) for p in queries.department_projects(campaign, response.department)]
    taken = {p.title for p in projects}
    last_year = [p for p in Project.objects.filter(
        department=response.department, fiscal_year=campaign.fiscal_year - 1).order_by("title")
        if p.title not in taken]
    return render(request, "collaboration/manage/response.html", {
        "organisation": organisation, "campaign": campaign, "response": response,
        "projects": projects, "open": campaign.accepts_answers(),
        "can_answer": request.user.has_perm("collaboration.answer_survey", response),
        # 代理入力: the coordinator enters an answer the department sent on paper, by mail or fax.
        "proxy_form": (ProxyEntryForm(initial={"channel": response.channel if response.entered_on_behalf else ""})
                       if request.user.has_perm("collaboration.answer_on_behalf", response) else None),
        "carry_form": CarryOverForm(choices=[(p.pk, p.title) for p in last_year]) if last_year else None,
    })


@login_required
@require_POST
def response_step(request, slug, pk, department_pk, step):
    organisation, response = _response(request, slug, pk, department_pk)
    try:
        channel = SurveyResponse.Channel.WEB
        if "channel" in request.POST:
            proxy = ProxyEntryForm(request.POST)
            if not proxy.is_valid():
                raise ValidationError(proxy.errors["channel"])
            channel = proxy.cleaned_data["channel"]
        on_behalf = {"d": response.department.name,
                     "c": SurveyResponse.Channel(channel).label}
        if step == "none":
            actions.declare_none(request.user, response, channel=channel)
            if channel == SurveyResponse.Channel.WEB:
                messages.success(request, _("「該当なし」と回答しました。"))
            else:
                messages.success(request, _("%(d)sの回答(%(c)sで受付)を「該当なし」として代理入力しました。") % on_behalf)
        elif step == "submit":
            actions.submit_response(request.user, response, channel=channel)
            if channel == SurveyResponse.Channel.WEB:
                messages.success(request, _("回答を提出しました。ご協力ありがとうございました。"))
            else:
                messages.success(request, _("%(d)sの回答(%(c)sで受付)を登録した事業で代理入力しました。") % on_behalf)
        elif step == "carry":
            ids = _posted_ids(request, "projects")
            if not ids:
                raise ValidationError(_("引き継ぐ事業を選んでください。"))
            created = actions.carry_over(request.user, response, ids)
            messages.success(request, _("前年度の事業を%(n)d件引き継ぎました。内容を確認してください。")
                             % {"n": len(created)})
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("collaboration:response", slug=slug, pk=pk, department_pk=department_pk)


@login_required
def project_edit(request, slug, pk, department_pk, project_pk=None):
    organisation, response = _response(request, slug, pk, department_pk)
    campaign = response.campaign
    if project_pk is None:
        project = Project(organisation=organisation, campaign=campaign,
                          department=response.department, fiscal_year=campaign.fiscal_year)
        partner_initial = []
    else:
        project = get_object_or_404(Project.objects.prefetch_related("forms", "fields", "partners"),
                                    pk=project_pk, campaign=campaign,
                                    department=response.department)
        partner_initial = [{"name": p.name, "partner_type": p.partner_type, "role": p.role}
                           for p in project.partners.all()]
    _require(request, "collaboration.edit_project", project)
    form = ProjectForm(request.POST or None, instance=project, fiscal_year=campaign.fiscal_year)
    formset = ProjectPartnerFormSet(request.POST or None, initial=partner_initial,
                                    prefix="partners")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        directory = {p.name: p for p in Partner.objects.filter(organisation=organisation)}
        partners = [{**f.cleaned_data, "partner": directory.get(f.cleaned_data["name"].strip())}
                    for f in formset if f.cleaned_data.get("name")]
        try:
            actions.save_project(request.user, form.instance, forms=form.cleaned_data["forms_"],
                                 fields=form.cleaned_data["fields_"], partners=partners)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    target = {"forms": "forms_", "fields": "fields_"}.get(field, field)
                    if field == "partners":
                        formset._non_form_errors = formset.error_class(errors)
                        continue
                    form.add_error(target if target in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("協働事業「%(t)s」を保存しました。") % {"t": project.title})
            return redirect("collaboration:response", slug=slug, pk=pk, department_pk=department_pk)
    return render(request, "collaboration/manage/project_form.html", {
        "organisation": organisation, "campaign": campaign, "response": response,
        "project": project, "form": form, "formset": formset,
        "directory": list(Partner.objects.filter(organisation=organisation,
                                                 verified_at__isnull=False)
                          .values_list("name", flat=True).order_by("name")),
    })


@login_required
@require_POST
def project_delete(request, slug, pk, department_pk, project_pk):
    organisation, response = _response(request, slug, pk, department_pk)
    project = get_object_or_404(Project, pk=project_pk, campaign=response.campaign,
                                department=response.department)
    try:
        actions.delete_project(request.user, project)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("協働事業を削除しました。"))
    return redirect("collaboration:response", slug=slug, pk=pk, department_pk=department_pk)


@login_required
def project_import(request, slug, pk, department_pk):
    from . import imports

    organisation, response = _response(request, slug, pk, department_pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = imports.import_projects(request.user, response, form.cleaned_data["file"])
        except imports.ImportRefused as refusal:
            errors = refusal.errors
        except PermissionDenied:
            raise
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(request, _("%(n)d件の協働事業を取り込みました。") % {"n": len(created)})
            return redirect("collaboration:response", slug=slug, pk=pk, department_pk=department_pk)
    return render(request, "collaboration/manage/import.html", {
        "organisation": organisation, "campaign": response.campaign, "response": response,
        "form": form, "errors": errors, "columns": imports.COLUMNS,
    }, status=400 if errors else 200)


def import_template(request, slug):
    from . import imports

    _organisation(slug)
    year = query_value(request.GET, "year", FiscalYearField(min_value=1989))
    return imports.template_response(year)


# --- Staff: partners and evaluations -------------------------------------------------------------

@login_required
def submission_review(request, slug, pk):
    organisation = _organisation(slug)
    _require(request, "collaboration.verify_partner", organisation)
    submission = get_object_or_404(ProfileSubmission.objects.select_related("partner"),
                                   pk=pk, partner__organisation=organisation)
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        try:
            if "verify" in request.POST:
                actions.verify_profile(request.user, submission)
                messages.success(request, _("変更内容を確認し、公開しました。"))
                return redirect("collaboration:manage", slug=slug)
            if form.is_valid():
                actions.return_profile(request.user, submission, form.cleaned_data["comment"])
                messages.success(request, _("変更申請を差し戻しました。"))
                return redirect("collaboration:manage", slug=slug)
        except ValidationError as error:
            add_errors(form, error)
    partner = submission.partner
    current_fields = set(partner.fields.values_list("field", flat=True))
    rows = []
    for key in actions.PROFILE_FIELDS:
        label = Partner._meta.get_field(key).verbose_name
        before, after = getattr(partner, key), submission.data.get(key)
        if key == "partner_type":
            before, after = PartnerType(before).label, PartnerType(after).label if after else ""
        rows.append((label, before, after, before != after))
    rows.append((_("活動分野"), "、".join(str(FIELD_SHORT[f]) for f in sorted(current_fields)),
                 "、".join(str(FIELD_SHORT.get(f, f)) for f in sorted(submission.data.get("fields", []))),
                 current_fields != set(submission.data.get("fields", []))))
    return render(request, "collaboration/manage/submission.html", {
        "organisation": organisation, "submission": submission, "rows": rows, "form": form,
    })


@login_required
def evaluation_new(request, slug, project_pk):
    organisation = _organisation(slug)
    project = get_object_or_404(Project, pk=project_pk, organisation=organisation)
    _require(request, "collaboration.manage", project)
    partners = Partner.objects.filter(project_roles__project=project).distinct()
    form = StartEvaluationForm(request.POST or None, partners=partners)
    template = organisation.evaluation_templates.filter(is_active=True).first()
    if request.method == "POST" and form.is_valid():
        if template is None:
            form.add_error(None, _("評価様式が登録されていません。"))
        else:
            try:
                evaluation = actions.start_evaluation(
                    request.user, project, partner=form.cleaned_data["partner"],
                    template=template, stage=form.cleaned_data["stage"],
                    deadline=form.cleaned_data["deadline"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("評価を開始しました。担当部署と協働団体がそれぞれ評価シートを記入します。"))
                return redirect(evaluation.get_absolute_url())
    return render(request, "collaboration/manage/evaluation_form.html", {
        "organisation": organisation, "project": project, "form": form,
    })


# --- Coordinator: partners and their members ----------------------------------------------------

def _partner_for_staff(request, slug, pk):
    organisation = _organisation(slug)
    partner = get_object_or_404(Partner.objects.select_related("organisation"), pk=pk,
                                organisation=organisation)
    _require(request, "collaboration.manage_partners", partner)
    return organisation, partner


@login_required
def partner_admin_list(request, slug):
    organisation = _organisation(slug)
    _require(request, "collaboration.manage_partners", organisation)
    form = StaffPartnerFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    partners = queries.filter_staff_partners(queries.staff_partners(organisation), data)
    page = Paginator(partners, 50).get_page(request.GET.get("page"))
    for partner in page.object_list:
        partner.field_labels = [FIELD_SHORT.get(f.field, f.field) for f in partner.fields.all()]
    template = ("collaboration/manage/partner_list.html#results" if request.htmx
                else "collaboration/manage/partner_list.html")
    return render(request, template, {
        "organisation": organisation, "form": form, "page": page,
        "query": _query_string(request),
    })


def _save_partner_form(request, form):
    """Save a PartnerProfileForm through the action; False (errors on the form) if refused."""
    try:
        actions.save_partner(request.user, form.instance, fields=form.cleaned_data["fields_"])
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                target = "fields_" if field == "fields" else field
                form.add_error(target if target in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return False
    return True


@login_required
def partner_admin_new(request, slug):
    organisation = _organisation(slug)
    _require(request, "collaboration.manage_partners", organisation)
    form = PartnerProfileForm(request.POST or None, instance=Partner(organisation=organisation))
    if request.method == "POST" and form.is_valid() and _save_partner_form(request, form):
        messages.success(request, _("団体「%(n)s」を登録しました。名簿に公開されます。")
                         % {"n": form.instance.name})
        return redirect("collaboration:partner_admin", slug=slug, pk=form.instance.pk)
    return render(request, "collaboration/manage/partner_form.html", {
        "organisation": organisation, "form": form, "partner": None,
    })


@login_required
def partner_admin(request, slug, pk):
    """A partner's staff page: correct the profile directly (counts as verified), see a pending
    change, add and remove members."""
    organisation, partner = _partner_for_staff(request, slug, pk)
    form = PartnerProfileForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid() and _save_partner_form(request, form):
        messages.success(request, _("団体情報を保存しました。"))
        return redirect("collaboration:partner_admin", slug=slug, pk=pk)
    return _render_partner_admin(request, organisation, partner, form,
                                 PartnerMemberForm(prefix="member"))


def _render_partner_admin(request, organisation, partner, form, member_form):
    return render(request, "collaboration/manage/partner_form.html", {
        "organisation": organisation, "partner": partner, "form": form,
        "member_form": member_form, "members": queries.partner_members(partner),
        "pending": partner.submissions.filter(status=ProfileSubmission.Status.PENDING).first(),
    })


@login_required
@require_POST
def partner_member_add(request, slug, pk):
    organisation, partner = _partner_for_staff(request, slug, pk)
    member_form = PartnerMemberForm(request.POST, prefix="member")
    if member_form.is_valid():
        try:
            member, _created = actions.invite_partner_member(
                request.user, partner, email=member_form.cleaned_data["email"],
                display_name=member_form.cleaned_data["display_name"])
        except ValidationError as error:
            add_errors(member_form, error)
        else:
            messages.success(request, _("%(e)s をメンバーに追加し、招待メールを送りました。"
                                        "本人が招待を承認すると有効になります。") % {"e": member.user.email})
            return redirect("collaboration:partner_admin", slug=slug, pk=pk)
    return _render_partner_admin(request, organisation, partner,
                                 PartnerProfileForm(instance=partner), member_form)


@login_required
@require_POST
def partner_member_remove(request, slug, pk, member_pk):
    organisation, partner = _partner_for_staff(request, slug, pk)
    member = get_object_or_404(PartnerMember.objects.select_related("user", "partner"),
                               pk=member_pk, partner=partner)
    actions.remove_partner_member(request.user, member)
    messages.success(request, _("%(e)s をメンバーから外しました。") % {"e": member.user.email})
    return redirect("collaboration:partner_admin", slug=slug, pk=pk)


# --- Coordinator: evaluation templates and criteria ---------------------------------------------

def _template_for_staff(request, slug, pk):
    organisation = _organisation(slug)
    template = get_object_or_404(EvaluationTemplate, pk=pk, organisation=organisation)
    _require(request, "collaboration.manage_templates", template)
    return organisation, template


def _criterion_for_staff(request, slug, pk, criterion_pk):
    organisation, template = _template_for_staff(request, slug, pk)
    criterion = get_object_or_404(EvaluationCriterion, pk=criterion_pk, template=template)
    criterion.template = template
    return organisation, template, criterion


@login_required
def template_list(request, slug):
    organisation = _organisation(slug)
    _require(request, "collaboration.manage_templates", organisation)
    return render(request, "collaboration/manage/template_list.html", {
        "organisation": organisation, "templates": queries.evaluation_templates(organisation),
    })


@login_required
def template_edit(request, slug, pk=None):
    """Create a template (pk None) or show one: its name and scale, and its criteria by stage."""
    if pk is None:
        organisation = _organisation(slug)
        _require(request, "collaboration.manage_templates", organisation)
        template, in_use = EvaluationTemplate(organisation=organisation), False
    else:
        organisation, template = _template_for_staff(request, slug, pk)
        in_use = actions.template_in_use(template)
    form = EvaluationTemplateForm(request.POST or None, instance=template, scale_locked=in_use)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_template(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("評価様式「%(n)s」を保存しました。") % {"n": template.name})
            return redirect("collaboration:template", slug=slug, pk=template.pk)
    return render(request, "collaboration/manage/template_form.html", {
        "organisation": organisation, "template": template if pk else None, "form": form,
        "in_use": in_use,
        "stages": queries.criteria_by_stage(template) if pk else [],
        "criterion_form": CriterionForm(prefix="new") if pk and not in_use else None,
    })


@login_required
@require_POST
def template_copy(request, slug, pk):
    organisation, template = _template_for_staff(request, slug, pk)
    copy = actions.copy_template(request.user, template)
    messages.success(request, _("「%(n)s」を作りました。評価項目を直してから「使用中」にしてください。")
                     % {"n": copy.name})
    return redirect("collaboration:template", slug=slug, pk=copy.pk)


@login_required
def criterion_new(request, slug, pk):
    organisation, template = _template_for_staff(request, slug, pk)
    form = CriterionForm(request.POST or None, prefix="new",
                         initial={"stage": request.GET.get("stage")})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_criterion(request.user, template, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("評価項目「%(t)s」を追加しました。") % {"t": form.cleaned_data["title"]})
            return redirect("collaboration:template", slug=slug, pk=pk)
    return render(request, "collaboration/manage/criterion_form.html", {
        "organisation": organisation, "template": template, "form": form, "criterion": None,
    })


@login_required
def criterion_edit(request, slug, pk, criterion_pk):
    organisation, template, criterion = _criterion_for_staff(request, slug, pk, criterion_pk)
    form = CriterionForm(request.POST or None, instance=criterion, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_criterion(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("評価項目を保存しました。"))
            return redirect("collaboration:template", slug=slug, pk=pk)
    return render(request, "collaboration/manage/criterion_form.html", {
        "organisation": organisation, "template": template, "form": form, "criterion": criterion,
    })


@login_required
@require_POST
def criterion_step(request, slug, pk, criterion_pk, step):
    """Delete, or move up / down, a criterion (plain POST buttons on the template page)."""
    organisation, template, criterion = _criterion_for_staff(request, slug, pk, criterion_pk)
    try:
        if step == "delete":
            actions.delete_criterion(request.user, criterion)
            messages.success(request, _("評価項目「%(t)s」を削除しました。") % {"t": criterion.title})
        elif step in ("up", "down"):
            actions.move_criterion(request.user, criterion, step)
            messages.success(request, _("評価項目「%(t)s」の順番を変えました。") % {"t": criterion.title})
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('collaboration:template', args=[slug, pk])}#stage-{criterion.stage}")


# --- Coordinator: initiatives timeline ------------------------------------------------------------

@login_required
def initiative_list(request, slug):
    organisation = _organisation(slug)
    _require(request, "collaboration.manage_initiatives", organisation)
    return render(request, "collaboration/manage/initiative_list.html", {
        "organisation": organisation, "items": queries.timeline(organisation),
    })


@login_required
def initiative_edit(request, slug, pk=None):
    organisation = _organisation(slug)
    if pk is None:
        initiative = Initiative(organisation=organisation)
        _require(request, "collaboration.manage_initiatives", organisation)
    else:
        initiative = get_object_or_404(Initiative, pk=pk, organisation=organisation)
        _require(request, "collaboration.manage_initiatives", initiative)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_initiative(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("取組「%(t)s」を保存しました。") % {"t": initiative.title})
            return redirect("collaboration:initiative_list", slug=slug)
    return render(request, "collaboration/manage/initiative_form.html", {
        "organisation": organisation, "initiative": initiative if pk else None, "form": form,
    })


@login_required
@require_POST
def initiative_delete(request, slug, pk):
    organisation = _organisation(slug)
    initiative = get_object_or_404(Initiative, pk=pk, organisation=organisation)
    _require(request, "collaboration.manage_initiatives", initiative)
    actions.delete_initiative(request.user, initiative)
    messages.success(request, _("取組「%(t)s」を削除しました。") % {"t": initiative.title})
    return redirect("collaboration:initiative_list", slug=slug)


# --- Regional directory ------------------------------------------------------------------------------

def regional_index(request):
    from .forms import InitiativeFilter

    initiative_filter = InitiativeFilter(request.GET or None,
                                         queryset=queries.regional_initiatives())
    groups = {}
    for item in initiative_filter.qs:
        groups.setdefault(item.organisation, []).append(item)
    prefectures = Organisation.objects.filter(kind=Organisation.Kind.PREFECTURE,
                                              collaboration_initiatives__isnull=False).distinct()
    template = ("collaboration/regional.html#results" if request.htmx
                else "collaboration/regional.html")
    return render(request, template, {
        "filter": initiative_filter, "groups": list(groups.items()),
        "prefectures": list(prefectures),
    })

