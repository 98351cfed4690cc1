"""The writes of 協働事業提案制度. Views, the API and the demo all call these.

Each action checks its rule (``rules.py``), refusing with ``PermissionDenied`` and a Japanese
message; validates, refusing bad input with a Japanese ``ValidationError`` naming the field
(or the eligibility rule broken); and writes in one transaction with the actor on the audit log.

    proposal submitted → the coordinators and the department concerned
    proposal withdrawn → the same (when it had been submitted), with the reason
    results published  → each proposer (their decision, with its reason)
    results corrected  → each proposer whose reason was corrected
    results withdrawn  → each proposer of a decided proposal, with the reason
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.collaboration import actions as collaboration_actions
from kyodo.collaboration.models import Project, SurveyCampaign
from kyodo.collaboration.vocabularies import CollaborationForm
from kyodo.core import corrections
from kyodo.core import notify as core_notify
from kyodo.core.actions import acting_as
from kyodo.core.japanese import wareki_date
from kyodo.core.models import STAFF_ROLES, Department, Role
from kyodo.core.rules import holds
from kyodo.councils.actions import check_material

from . import scoring
from .models import (
    Call, CallKind, Criterion, ExcludedPurpose, PanelMember, Phase, Proposal, ProposalFile, Recusal,
    RequiredDocument, ReviewSheet, Score, Stage, Theme,
)
from .rules import forget_panels

REFUSALS = {
    "proposals.manage": _("この操作は提案募集の主管課または団体管理者が行います。"),
    "proposals.edit_proposal": _("提出前の自分(自分の団体)の提案だけを編集できます。"),
    "proposals.withdraw": _("選定前の自分(自分の団体)の提案だけを取り下げられます。"),
    "proposals.consult": _("協議結果は提案に関係する担当課が記録します。"),
    "proposals.declare_conflict": _("この提案について申告できるのは、この募集の審査委員だけです。"),
    "proposals.score": _("この提案を採点できません(審査中の募集の審査委員で、利害関係の申告をしていない提案だけを採点できます)。"),
    "proposals.decide": _("選定は提案募集の主管課が行います。"),
    "proposals.report": _("実施報告は採択された提案の団体または主管課が行います。"),
}


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


# --- Calls (the coordinator) ---------------------------------------------------------------------

def save_call(actor, call):
    require(actor, "proposals.manage", call.organisation)
    if call.pk:
        stored = Call.objects.get(pk=call.pk)
        require(actor, "proposals.manage", stored)
        if stored.organisation_id != call.organisation_id:
            raise PermissionDenied(gettext("提案募集を別の団体へ移すことはできません。"))
    with acting_as(actor), transaction.atomic():
        return _save(call)


def add_to_call(actor, call, obj):
    """Add (or change) a theme, required document, phase or criterion of the call."""
    require(actor, "proposals.manage", call)
    if call.status == Call.Status.PUBLISHED:
        raise ValidationError(gettext("結果を公表した募集は変更できません。"))
    if isinstance(obj, Criterion) and call.status == Call.Status.SCREENING:
        raise ValidationError(gettext("審査が始まった後は審査項目を変更できません。"))
    obj.call = call
    with acting_as(actor), transaction.atomic():
        try:
            with transaction.atomic():
                return _save(obj)
        except IntegrityError:
            raise ValidationError({"number": gettext("同じ番号(段階)のものがすでにあります。")}) from None


def attach_form_file(actor, document, upload):
    """The form (様式) of a required document, to download from the call page."""
    require(actor, "proposals.manage", document.call)
    check_material(upload)
    with acting_as(actor), transaction.atomic():
        document.form_file.save(Path(upload.name).name, upload, save=False)
        return _save(document)


def appoint(actor, call, *, user, name, kind, affiliation="", order=0):
    """審査委員の委嘱 — only someone who holds the reviewer role in the organisation."""
    require(actor, "proposals.manage", call)
    if not holds(user, {Role.REVIEWER}, call):
        raise ValidationError({"user": gettext("審査委員の役割を持つ利用者を選んでください(役割の付与は団体管理者が行います)。")})
    with acting_as(actor), transaction.atomic():
        try:
            with transaction.atomic():
                member = _save(PanelMember(call=call, user=user, name=name.strip(), kind=kind,
                                           affiliation=affiliation.strip(), order=order))
        except (IntegrityError, ValidationError) as error:
            if isinstance(error, ValidationError) and "user" not in getattr(error, "error_dict", {}):
                raise
            raise ValidationError({"user": gettext("この方はすでに審査委員です。")}) from None
    forget_panels(user)
    return member


def _check_ready(call):
    problems = []
    if not call.themes.exists():
        problems.append(gettext("テーマ・コースがありません。"))
    if not call.criteria.exists():
        problems.append(gettext("審査項目がありません。"))
    if problems:
        raise ValidationError(problems)


def open_call(actor, call):
    require(actor, "proposals.manage", call)
    if call.status != Call.Status.DRAFT:
        raise ValidationError(gettext("準備中の募集だけを公開できます。"))
    _check_ready(call)
    call.status = Call.Status.OPEN
    with acting_as(actor), transaction.atomic():
        return _save(call)


def start_screening(actor, call, now=None):
    """Close the submissions and start the 書類審査 (after the deadline only)."""
    require(actor, "proposals.manage", call)
    now = now or timezone.now()
    if call.status != Call.Status.OPEN:
        raise ValidationError(gettext("募集中の募集だけを審査に進められます。"))
    if now <= call.closes_at:
        raise ValidationError(gettext("提出期限(%(deadline)s)の後に審査を始めてください。")
                              % {"deadline": wareki_date(timezone.localtime(call.closes_at).date())})
    call.status = Call.Status.SCREENING
    call.stage = Stage.DOCUMENTS
    with acting_as(actor), transaction.atomic():
        return _save(call)


def advance_stage(actor, call):
    """From 書類審査 to the presentation stage (its criteria can then be scored)."""
    require(actor, "proposals.manage", call)
    if call.status != Call.Status.SCREENING or call.stage != Stage.DOCUMENTS:
        raise ValidationError(gettext("書類審査中の募集だけをプレゼンテーション審査に進められます。"))
    call.stage = Stage.PRESENTATION
    with acting_as(actor), transaction.atomic():
        return _save(call)


# --- Proposals (the proposer) --------------------------------------------------------------------

def _check_open(call, now=None):
    now = now or timezone.now()
    if call.status != Call.Status.OPEN or now < call.opens_at:
        raise ValidationError(gettext("この募集は現在提案を受け付けていません。"))
    if now > call.closes_at:
        raise ValidationError(gettext("提出期限(%(deadline)s)を過ぎているため、提案を受け付けられません。")
                              % {"deadline": wareki_date(timezone.localtime(call.closes_at).date())})


def _check_amount(proposal):
    if proposal.theme_id and proposal.amount is not None and proposal.amount > proposal.theme.budget_cap:
        raise ValidationError({"amount": gettext("希望額が「%(theme)s」の上限額(%(cap)s円)を超えています。") % {
            "theme": proposal.theme.title, "cap": f"{proposal.theme.budget_cap:,}"}})


def save_proposal(actor, proposal, now=None):
    """Save a draft (new or changed). The call must be taking proposals; the theme must be the
    call's; the partner one the actor is a member of; the amount within the theme's cap."""
    from kyodo.collaboration.rules import partner_ids_of

    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(gettext("提案するにはログインしてください。"))
    if proposal.pk:
        stored = Proposal.objects.select_related("call", "theme").get(pk=proposal.pk)
        require(actor, "proposals.edit_proposal", stored)
        if stored.call_id != proposal.call_id:
            raise PermissionDenied(gettext("提案を別の募集へ移すことはできません。"))
    else:
        proposal.created_by = actor
        proposal.status = Proposal.Status.DRAFT
    _check_open(proposal.call, now)
    if proposal.theme_id and proposal.theme.call_id != proposal.call_id:
        raise ValidationError({"theme": gettext("この募集のテーマ・コースから選んでください。")})
    if proposal.partner_id:
        if proposal.partner_id not in partner_ids_of(actor):
            raise ValidationError({"partner": gettext("メンバーになっている団体だけを選べます。")})
        if proposal.partner.organisation_id != proposal.call.organisation_id:
            raise ValidationError({"partner": gettext("この団体の名簿にある団体を選んでください。")})
    _check_amount(proposal)
    bad = [p for p in proposal.declared_purposes or [] if p not in ExcludedPurpose.values]
    if bad:
        raise ValidationError({"declared_purposes": gettext("不明な項目です。")})
    with acting_as(actor), transaction.atomic():
        return _save(proposal)


def attach_file(actor, proposal, document, upload, now=None):
    require(actor, "proposals.edit_proposal", proposal)
    _check_open(proposal.call, now)
    if document.call_id != proposal.call_id:
        raise ValidationError({"document": gettext("この募集の提出書類から選んでください。")})
    kind = check_material(upload)
    with acting_as(actor), transaction.atomic():
        attached = ProposalFile(proposal=proposal, document=document, kind=kind, size=upload.size)
        attached.file.save(Path(upload.name).name, upload, save=False)
        return _save(attached)


def remove_file(actor, attached, now=None):
    require(actor, "proposals.edit_proposal", attached.proposal)
    _check_open(attached.proposal.call, now)
    with acting_as(actor), transaction.atomic():
        attached.file.delete(save=False)
        attached.delete()


def eligibility_refusals(proposal):
    """Each eligibility rule the proposal breaks, as (field, message naming the rule)."""
    call = proposal.call
    refusals = []
    if proposal.member_count < call.min_members:
        refusals.append(("member_count", gettext(
            "応募資格: 構成員が%(min)s人以上の団体であること(現在%(n)s人)。") % {
                "min": call.min_members, "n": proposal.member_count}))
    if not proposal.based_locally:
        refusals.append(("based_locally", gettext(
            "応募資格: %(org)s内で活動している団体であること。") % {"org": call.organisation.name}))
    for purpose in proposal.declared_purposes or []:
        if purpose in (call.excluded_purposes or []):
            refusals.append(("declared_purposes", gettext("対象外の事業: %(rule)s は提案できません。")
                             % {"rule": ExcludedPurpose(purpose).label}))
    if proposal.amount > proposal.theme.budget_cap:
        refusals.append(("amount", gettext("上限額: 「%(theme)s」の上限は%(cap)s円です。") % {
            "theme": proposal.theme.title, "cap": f"{proposal.theme.budget_cap:,}"}))
    return refusals


def submit_proposal(actor, proposal, now=None):
    """Submit before the deadline; every broken eligibility rule and every missing required
    document is named; nothing changes when one is."""
    require(actor, "proposals.edit_proposal", proposal)
    _check_open(proposal.call, now)
    errors = {}
    for field, message in eligibility_refusals(proposal):
        errors.setdefault(field, []).append(message)
    attached = set(proposal.files.values_list("document_id", flat=True))
    missing = [d.title for d in proposal.call.documents.filter(required=True) if d.pk not in attached]
    if missing:
        errors.setdefault("files", []).append(gettext("提出書類が添付されていません: %(docs)s")
                                              % {"docs": "、".join(missing)})
    if errors:
        raise ValidationError(errors)
    with acting_as(actor), transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != Proposal.Status.DRAFT:
            raise ValidationError(gettext("この提案はすでに提出されています。"))
        proposal.status = Proposal.Status.SUBMITTED
        proposal.submitted_at = now or timezone.now()
        proposal.save(update_fields=["status", "submitted_at"])
        _tell_submitted(actor, proposal)
    return proposal


def _tell_staff(actor, proposal, *, subject, body):
    """Tell the coordinators and the department concerned's staff (not the actor)."""
    call = proposal.call
    recipients = core_notify.holders(call.organisation, [Role.COORDINATOR])
    department = Department.objects.get(pk=proposal.department_id)
    recipients += core_notify.holders(call.organisation, STAFF_ROLES, department=department)
    recipients = [r for r in dict.fromkeys(recipients) if r.pk != actor.pk]
    if recipients:
        core_notify.notify(recipients, organisation=call.organisation, subject=subject, body=body,
                           url=reverse("proposals:proposal", args=[call.organisation.slug, proposal.pk]))


def _tell_submitted(actor, proposal):
    _tell_staff(
        actor, proposal,
        subject=gettext("提案が提出されました: %(title)s") % {"title": proposal.title},
        body=gettext("「%(call)s」に%(group)sから提案「%(title)s」が提出されました。担当課は協議結果を記録してください。") % {
            "call": proposal.call.title, "group": proposal.group_name, "title": proposal.title})


MAX_REASON = 2000


def withdraw_proposal(actor, proposal, reason, now=None):
    """取下げ — the proposer withdraws a draft or a submitted proposal, with a reason, until the
    decision. A submitted one leaves the panel's lists and the ranking (its sheets no longer
    count); the coordinators and the department concerned are told, with the reason."""
    require(actor, "proposals.withdraw", proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": gettext("取下げの理由を入力してください。")})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": gettext("取下げの理由は2000文字以内で入力してください。")})
    with acting_as(actor), transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status not in (Proposal.Status.DRAFT, Proposal.Status.SUBMITTED):
            raise ValidationError(gettext("選定の済んだ提案は取り下げられません。主管課にご相談ください。"))
        proposal.status = Proposal.Status.WITHDRAWN
        proposal.withdrawal_reason = reason
        proposal.withdrawn_at = now or timezone.now()
        proposal.save(update_fields=["status", "withdrawal_reason", "withdrawn_at"])
        if proposal.submitted_at:
            _tell_staff(
                actor, proposal,
                subject=gettext("提案が取り下げられました: %(title)s") % {"title": proposal.title},
                body=gettext("「%(call)s」の%(group)sの提案「%(title)s」が取り下げられました。\n\n理由: %(reason)s") % {
                    "call": proposal.call.title, "group": proposal.group_name,
                    "title": proposal.title, "reason": reason})
    return proposal


def record_consultation(actor, proposal, text):
    require(actor, "proposals.consult", proposal)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"consultation": gettext("協議結果を入力してください。")})
    proposal.consultation = text
    proposal.consulted_at = timezone.now()
    proposal.consulted_by = actor
    with acting_as(actor), transaction.atomic():
        proposal.save(update_fields=["consultation", "consulted_at", "consulted_by"])
    return proposal


# --- Screening (the panel) ----------------------------------------------------------------------

def member_for(actor, call):
    return PanelMember.objects.filter(call=call, user=actor).first()


def declare_conflict(actor, proposal, reason):
    require(actor, "proposals.declare_conflict", proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": gettext("利害関係の内容を入力してください。")})
    member = member_for(actor, proposal.call)
    with acting_as(actor), transaction.atomic():
        recusal = _save(Recusal(member=member, proposal=proposal, reason=reason[:200]))
        # Anything already scored of it no longer counts.
        ReviewSheet.objects.filter(member=member, proposal=proposal).delete()
    forget_panels(actor)
    return recusal


def sheet_for(member, proposal, stage):
    return ReviewSheet.objects.filter(member=member, proposal=proposal, stage=stage).first()


def save_sheet(actor, proposal, *, scores, comment="", submit=False):
    """A reviewer's scores of the call's current stage: {criterion id: 0–5}. Submitting needs
    every criterion of the stage scored; a submitted sheet is final."""
    require(actor, "proposals.score", proposal)
    call = proposal.call
    member = member_for(actor, call)
    criteria = {c.pk: c for c in call.criteria.filter(stage=call.stage)}
    errors = {}
    clean = {}
    for criterion_id, value in scores.items():
        if criterion_id not in criteria:
            raise ValidationError(gettext("この段階の審査項目ではありません。"))
        if value is None:
            continue
        if not isinstance(value, int) or not 0 <= value <= 5:
            errors[f"criterion_{criterion_id}"] = gettext("評点は0から5で入力してください。")
        else:
            clean[criterion_id] = value
    if submit:
        for criterion_id in criteria:
            if criterion_id not in clean and f"criterion_{criterion_id}" not in errors:
                errors[f"criterion_{criterion_id}"] = gettext("提出するにはすべての項目を採点してください。")
    if errors:
        raise ValidationError(errors)
    with acting_as(actor), transaction.atomic():
        sheet, _created = ReviewSheet.objects.select_for_update().get_or_create(
            member=member, proposal=proposal, stage=call.stage)
        if sheet.submitted_at:
            raise ValidationError(gettext("提出済みの審査票は変更できません。"))
        sheet.comment = (comment or "").strip()
        if submit:
            sheet.submitted_at = timezone.now()
        sheet.save()
        Score.objects.filter(sheet=sheet).delete()
        Score.objects.bulk_create([Score(sheet=sheet, criterion_id=c, value=v)
                                   for c, v in clean.items()])
    return sheet


# --- Decision and results (the coordinator) ------------------------------------------------------

def decide(actor, proposal, *, adopt, reason, result=None):
    """採択 or 不採択 with its reason; a proposal that fails the call's thresholds cannot be
    adopted. ``result`` is its scoring.Result (computed when not given)."""
    from .queries import ranking

    require(actor, "proposals.decide", proposal)
    call = proposal.call
    if call.status != Call.Status.SCREENING:
        raise ValidationError(gettext("審査中の募集の提案だけを選定できます。"))
    if proposal.status not in (Proposal.Status.SUBMITTED, Proposal.Status.ADOPTED,
                               Proposal.Status.REJECTED):
        raise ValidationError(gettext("提出された提案だけを選定できます。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": gettext("選定の理由を入力してください。")})
    if result is None:
        result = next(r for r in ranking(call)["results"] if r.proposal_id == proposal.pk)
    if adopt and not result.passes:
        raise ValidationError({"adopt": gettext("基準を満たさないため採択できません: %(why)s")
                               % {"why": "、".join(result.failures)}})
    proposal.status = Proposal.Status.ADOPTED if adopt else Proposal.Status.REJECTED
    proposal.decision_reason = reason
    proposal.total = result.total
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    with acting_as(actor), transaction.atomic():
        proposal.save(update_fields=["status", "decision_reason", "total", "decided_at",
                                     "decided_by"])
    return proposal


def publish_results(actor, call, *, review_comment):
    """Publish the adopted and rejected lists with the 審査講評; each adopted proposal becomes
    a collaboration project (協働事業) of its department with the partner; proposers are told."""
    require(actor, "proposals.manage", call)
    review_comment = (review_comment or "").strip()
    if call.status != Call.Status.SCREENING:
        raise ValidationError(gettext("審査中の募集だけ結果を公表できます。"))
    if not review_comment:
        raise ValidationError({"review_comment": gettext("審査講評を入力してください。")})
    undecided = call.proposals.filter(status=Proposal.Status.SUBMITTED).count()
    if undecided:
        raise ValidationError(gettext("選定していない提案が%(n)s件あります。") % {"n": undecided})
    now = timezone.now()
    with acting_as(actor), transaction.atomic():
        for proposal in (call.proposals.filter(status=Proposal.Status.ADOPTED)
                         .select_related("theme", "partner", "call__organisation")):
            proposal.call = call
            _make_project(actor, proposal, now)
        call.status = Call.Status.PUBLISHED
        call.review_comment = review_comment
        call.published_at = now
        call.save(update_fields=["status", "review_comment", "published_at"])
        _tell_decisions(call)
    return call


DECIDED = (Proposal.Status.ADOPTED, Proposal.Status.REJECTED)


def _require_standing_results(call):
    if not call.results_standing:
        raise ValidationError(gettext("公表中の審査結果だけを訂正・取り下げできます。"))


def correct_results(actor, call, *, reason, review_comment, decision_reasons):
    """訂正 of published results by the coordinator: the 審査講評 and the 選定の理由・講評 of
    decided proposals (``decision_reasons``: proposal pk → text; the decisions themselves stand).
    One ``core.corrections`` record on the call keeps when, why and every earlier text, shown on
    the results page; the proposers whose reason changed are told."""
    require(actor, "proposals.manage", call)
    _require_standing_results(call)
    review_comment = (review_comment or "").strip()
    if not review_comment:
        raise ValidationError({"review_comment": gettext("審査講評を入力してください。")})
    before, after = {}, {}
    if review_comment != call.review_comment:
        label = str(Call._meta.get_field("review_comment").verbose_name)
        before[label], after[label] = call.review_comment, review_comment
    changed = []
    for proposal in call.proposals.filter(status__in=DECIDED).select_related("created_by"):
        text = (decision_reasons.get(proposal.pk, proposal.decision_reason) or "").strip()
        if not text:
            raise ValidationError({f"decision_{proposal.pk}": gettext("選定の理由を入力してください。")})
        if text != proposal.decision_reason:
            label = gettext("選定の理由・講評「%(title)s」") % {"title": proposal.title}
            before[label], after[label] = proposal.decision_reason, text
            proposal.decision_reason = text
            changed.append(proposal)
    with acting_as(actor), transaction.atomic():
        record = corrections.record_correction(actor, call, reason=reason, before=before, after=after)
        call.review_comment = review_comment
        call.save(update_fields=["review_comment"])
        for proposal in changed:
            proposal.save(update_fields=["decision_reason"])
        _tell_results_changed(call, changed, gettext("審査結果を訂正しました"), record.reason)
    return record


def withdraw_results(actor, call, *, reason):
    """取下げ of published results by the coordinator (published in error, or the screening to be
    done again): the results page stays readable with the date and the reason; the results leave
    the download, the open-data counts and the search; the proposers are told. The 協働事業 made
    from adopted proposals stay (each is corrected or withdrawn in collaboration)."""
    require(actor, "proposals.manage", call)
    _require_standing_results(call)
    with acting_as(actor), transaction.atomic():
        record = corrections.withdraw(actor, call, reason=reason,
                                      changes={"results_withdrawn_at": timezone.now()})
        decided = call.proposals.filter(status__in=DECIDED).select_related("created_by")
        _tell_results_changed(call, decided, gettext("審査結果の公表を取り下げました"), record.reason)
    return record


def _tell_results_changed(call, proposals, what, reason):
    for proposal in proposals:
        core_notify.notify(
            [proposal.created_by], organisation=call.organisation,
            subject=gettext("%(what)s: %(call)s") % {"what": what, "call": call.title},
            body=gettext("「%(call)s」の%(what)s(ご提案「%(title)s」)。\n\n理由: %(reason)s") % {
                "call": call.title, "what": what, "title": proposal.title, "reason": reason},
            url=reverse("proposals:results", args=[call.organisation.slug, call.pk]))


def _make_project(actor, proposal, now):
    if proposal.project_id:
        return proposal.project
    call = proposal.call
    project = Project(
        organisation=call.organisation, department_id=proposal.department_id,
        campaign=_answerable_campaign(call), fiscal_year=call.fiscal_year,
        title=proposal.title[:150], purpose=proposal.summary,
        content="\n\n".join(filter(None, [proposal.partner_role, proposal.administration_role])),
        budget=proposal.amount, published_at=now)
    form = (CollaborationForm.COMMISSION if call.kind == CallKind.ADMINISTRATION
            else CollaborationForm.SUBSIDY)
    collaboration_actions.save_project(actor, project, forms=[form], fields=[], partners=[{
        "partner": proposal.partner, "name": proposal.group_name,
        "partner_type": proposal.group_type, "role": proposal.partner_role[:200]}])
    proposal.project = project
    proposal.save(update_fields=["project"])
    return project


def _answerable_campaign(call):
    """The 協働取組実態調査 of the call's 年度 when it takes answers: the project is entered in it
    (the department's answer lists it, marked 入力中), so nobody types it again."""
    campaign = SurveyCampaign.objects.filter(organisation=call.organisation,
                                             fiscal_year=call.fiscal_year).first()
    return campaign if campaign is not None and campaign.accepts_answers() else None


def _tell_decisions(call):
    for proposal in call.proposals.filter(
            status__in=[Proposal.Status.ADOPTED, Proposal.Status.REJECTED]).select_related("created_by"):
        core_notify.notify(
            [proposal.created_by], organisation=call.organisation,
            subject=gettext("提案の審査結果: %(title)s(%(status)s)") % {
                "title": proposal.title, "status": proposal.get_status_display()},
            body=gettext("「%(call)s」の審査結果を公表しました。ご提案「%(title)s」は%(status)sとなりました。\n\n%(reason)s") % {
                "call": call.title, "title": proposal.title,
                "status": proposal.get_status_display(), "reason": proposal.decision_reason},
            url=reverse("proposals:results", args=[call.organisation.slug, call.pk]))


def record_agreement(actor, proposal, agreement_date):
    require(actor, "proposals.manage", proposal)
    if proposal.status != Proposal.Status.ADOPTED:
        raise ValidationError(gettext("採択された提案だけ協定を記録できます。"))
    proposal.agreement_date = agreement_date
    with acting_as(actor), transaction.atomic():
        proposal.save(update_fields=["agreement_date"])
    return proposal


def submit_report(actor, proposal, text, today=None):
    """実施報告 — within the call's deadline for it."""
    require(actor, "proposals.report", proposal)
    today = today or timezone.localdate()
    due = proposal.call.report_due
    if due and today > due:
        raise ValidationError({"report": gettext("実施報告の期限(%(due)s)を過ぎています。主管課にご相談ください。")
                               % {"due": wareki_date(due)}})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"report": gettext("実施報告を入力してください。")})
    proposal.report = text
    proposal.reported_at = timezone.now()
    with acting_as(actor), transaction.atomic():
        proposal.save(update_fields=["report", "reported_at"])
    return proposal


__all__ = ["Theme", "Phase", "RequiredDocument", "scoring"]
