"""The writes of 協働. Views, the API, the Excel import and the demo all call these.

Each action checks its rule (``rules.py``) and refuses with ``PermissionDenied`` carrying a
Japanese message; validates, refusing bad input with a Japanese ``ValidationError``; and writes
in one transaction with the actor on the audit log (``acting_as``); whoever the step hands
work to is told (``notices.py``: a my-page line, and a mail that leaves only if the transaction
commits).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.core import actions as core_actions
from kyodo.core import corrections
from kyodo.core.actions import acting_as
from kyodo.core.japanese import format_man_yen, wareki_fiscal_year
from kyodo.core.models import Department, Role, RoleAssignment, User
from kyodo.core.rules import forget_roles

from . import notices
from . import report as survey_report
from .models import (
    Evaluation, EvaluationCriterion, EvaluationSheet, EvaluationTemplate, Initiative, Partner,
    PartnerField, PartnerMember, ProfileSubmission, Project, ProjectField, ProjectForm,
    ProjectPartner, SheetRating, Side, Stage, SurveyCampaign, SurveyResponse,
)
from .rules import forget_partners
from .vocabularies import (
    CURRENT_FIELDS, ActivityField, CollaborationForm, PartnerType, field_label, field_list_for_fiscal_year,
)

REFUSALS = {
    "collaboration.manage": _("この操作は協働の主管課または団体管理者が行います。"),
    "collaboration.verify_partner": _("団体情報の確認は協働の主管課または団体管理者が行います。"),
    "collaboration.edit_partner_profile": _("この団体のメンバーではないため、団体情報を編集できません。"),
    "collaboration.edit_project": _("この協働事業の担当部署の職員ではないため、編集できません。"),
    "collaboration.answer_survey": _("この部署の職員ではないため、この部署の回答はできません。"),
    "collaboration.answer_on_behalf": _("紙・郵送・ファクスで届いた回答の代理入力は協働の主管課が行います。"),
    "collaboration.fill_sheet": _("この評価シートを記入できるのは、その側(担当部署または協働団体)だけです。提出後は変更できません。"),
    "collaboration.write_joint_comment": _("総括は双方の評価シートが提出された後に、担当部署・協働団体・主管課が記入できます。"),
    "collaboration.publish_evaluation": _("評価の公表は協働の主管課が行います。"),
    "collaboration.manage_partners": _("団体の名簿とメンバーは協働の主管課または団体管理者が管理します。"),
    "collaboration.manage_templates": _("評価様式は協働の主管課または団体管理者が管理します。"),
    "collaboration.manage_initiatives": _("協働の取組の経過は協働の主管課または団体管理者が管理します。"),
}


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


#: The parents an object keeps once stored. Moving it to another organisation, campaign or
#: template would take it out of the reach of the people responsible for it and into others'.
FIXED_PARENTS = {
    Partner: ("organisation",),
    SurveyCampaign: ("organisation",),
    Project: ("organisation", "campaign"),
    Initiative: ("organisation",),
    EvaluationTemplate: ("organisation",),
    EvaluationCriterion: ("template",),
}


def require_change(actor, permission, obj):
    """``require`` on the object as it will be and, once stored, as it is now — with its fixed
    parents unchanged. So an edited form, address or API call naming another department,
    campaign or organisation moves nothing out of the actor's reach, nor into it."""
    require(actor, permission, obj)
    stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    if stored is None:
        return
    require(actor, permission, stored)
    if any(getattr(stored, f"{name}_id") != getattr(obj, f"{name}_id")
           for name in FIXED_PARENTS.get(type(obj), ())):
        raise PermissionDenied(gettext("登録済みの内容を別の団体・調査・評価様式へ移すことはできません。"))


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


# --- Partners ------------------------------------------------------------------------------------

#: The profile fields a partner member may change (the rest is the organisation's business).
PROFILE_FIELDS = (
    "name", "name_kana", "partner_type", "area", "description", "website", "founded_year",
    "contact_name", "contact_name_public", "phone", "phone_public", "email", "email_public",
    "address", "address_public",
)


def _set_partner_fields(partner, fields):
    keys = list(dict.fromkeys(fields))
    unknown = [k for k in keys if k not in {f.value for f in CURRENT_FIELDS.keys}]
    if unknown:
        raise ValidationError({"fields": gettext("不明な活動分野です: %(keys)s") % {"keys": "、".join(unknown)}})
    PartnerField.objects.filter(partner=partner).exclude(field__in=keys).delete()
    existing = set(PartnerField.objects.filter(partner=partner).values_list("field", flat=True))
    PartnerField.objects.bulk_create(
        [PartnerField(partner=partner, field=k) for k in keys if k not in existing])


def save_partner(actor, partner, *, fields):
    """Staff register or correct a partner directly; what staff enter counts as verified."""
    require_change(actor, "collaboration.manage_partners", partner)
    if Partner.objects.filter(organisation_id=partner.organisation_id,
                              name=partner.name).exclude(pk=partner.pk).exists():
        raise ValidationError({"name": gettext("同じ名称の団体がすでに登録されています。")})
    with acting_as(actor), transaction.atomic():
        partner.full_clean()
        if partner.verified_at is None:
            partner.verified_at = timezone.now()
            partner.verified_by = _user(actor)
        partner.save()
        _set_partner_fields(partner, fields)
    return partner


def add_partner_member(actor, partner, user, *, accepted=False):
    """Make ``user`` a member of ``partner``; the membership counts once they accept the
    invitation mailed to them. ``accepted`` is for memberships the operator loads (the demo)."""
    require(actor, "collaboration.manage_partners", partner)
    with acting_as(actor), transaction.atomic():
        member = PartnerMember(partner=partner, user=user,
                               accepted_at=timezone.now() if accepted else None)
        member.full_clean()
        member.save()
        if not accepted:
            core_actions.invite(actor, user, organisation=partner.organisation)
    forget_partners(user)
    return member


def invite_partner_member(actor, partner, *, email, display_name=""):
    """Make the person with ``email`` a member of ``partner`` (団体のメンバーの追加).

    A new address gets an account without a password; a person lacking the organisation's
    協働団体メンバー role gets it. The membership and the role are pending until the person
    opens the invitation mailed to the address (and, for a new account, sets a password): an
    account someone opened with the address beforehand gains nothing. All or nothing.
    Returns (member, created) — ``created`` when the account is new.
    """
    require(actor, "collaboration.manage_partners", partner)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": gettext(
            "メールアドレスの形式が正しくありません(例: info@example.org)。")}) from None
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and PartnerMember.objects.filter(partner=partner, user=user).exists():
        raise ValidationError({"email": gettext("%(email)s はすでにこの団体のメンバーです。")
                                        % {"email": email}})
    if user is not None and not user.is_active:
        raise ValidationError({"email": gettext(
            "%(email)s のアカウントは停止されています。団体管理者に確認してください。") % {"email": email}})
    organisation = partner.organisation
    with acting_as(actor), transaction.atomic():
        user, created = core_actions.account_for(email, (display_name or "").strip())
        if not RoleAssignment.objects.filter(
                user=user, role=Role.PARTNER_MEMBER, organisation=organisation).exists():
            core_actions.grant_role(actor, user=user, role=Role.PARTNER_MEMBER,
                                    organisation=organisation)
        member = PartnerMember(partner=partner, user=user)
        member.full_clean()
        member.save()
        core_actions.invite(actor, user, organisation=organisation)
    forget_partners(user)
    forget_roles(user)
    return member, created


def remove_partner_member(actor, member):
    """Take a person off a partner; with no other partner of the organisation left, they also
    lose the organisation's 協働団体メンバー role (their account stays)."""
    require(actor, "collaboration.manage_partners", member)
    user, partner = member.user, member.partner
    with acting_as(actor), transaction.atomic():
        member.delete()
        if not PartnerMember.objects.filter(
                user=user, partner__organisation_id=partner.organisation_id).exists():
            for assignment in RoleAssignment.objects.filter(
                    user=user, role=Role.PARTNER_MEMBER, organisation_id=partner.organisation_id):
                core_actions.revoke_role(actor, assignment)
    forget_partners(user)
    forget_roles(user)


def submit_profile(actor, partner, data):
    """A member proposes a new profile; it replaces any pending proposal and waits for staff."""
    require(actor, "collaboration.edit_partner_profile", partner)
    clean = {key: data[key] for key in PROFILE_FIELDS if key in data}
    clean["fields"] = list(dict.fromkeys(data.get("fields", [])))
    # Validate as the partner would be after the change, so staff never apply bad data.
    candidate = Partner(**{f: getattr(partner, f) for f in PROFILE_FIELDS},
                        organisation=partner.organisation, pk=partner.pk)
    candidate._state.adding = False  # so that uniqueness checks skip the partner itself
    for key, value in clean.items():
        if key != "fields":
            setattr(candidate, key, value)
    known = {f.value for f in CURRENT_FIELDS.keys}
    unknown = [k for k in clean["fields"] if k not in known]
    if unknown:
        raise ValidationError({"fields": gettext("不明な活動分野です: %(keys)s") % {"keys": "、".join(map(str, unknown))}})
    candidate.full_clean(exclude=["verified_by"])
    with acting_as(actor), transaction.atomic():
        ProfileSubmission.objects.filter(partner=partner,
                                         status=ProfileSubmission.Status.PENDING).delete()
        submission = ProfileSubmission.objects.create(partner=partner, data=clean,
                                                      submitted_by=_user(actor))
        notices.profile_submitted(submission, actor)
    return submission


def verify_profile(actor, submission):
    """Apply a pending proposal to the partner and list it in the public directory."""
    partner = submission.partner
    require(actor, "collaboration.verify_partner", partner.organisation)
    if submission.status != ProfileSubmission.Status.PENDING:
        raise ValidationError(gettext("確認待ちの申請ではありません。"))
    with acting_as(actor), transaction.atomic():
        for key, value in submission.data.items():
            if key in PROFILE_FIELDS:
                setattr(partner, key, value)
        partner.verified_at = timezone.now()
        partner.verified_by = _user(actor)
        partner.full_clean()
        partner.save()
        _set_partner_fields(partner, submission.data.get("fields", []))
        submission.status = ProfileSubmission.Status.VERIFIED
        submission.decided_at = timezone.now()
        submission.decided_by = _user(actor)
        submission.save()
        notices.profile_decided(submission)
    return partner


def return_profile(actor, submission, comment):
    require(actor, "collaboration.verify_partner", submission.partner.organisation)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": gettext("差し戻す理由をコメントに入力してください。")})
    if submission.status != ProfileSubmission.Status.PENDING:
        raise ValidationError(gettext("確認待ちの申請ではありません。"))
    with acting_as(actor), transaction.atomic():
        submission.status = ProfileSubmission.Status.RETURNED
        submission.comment = comment
        submission.decided_at = timezone.now()
        submission.decided_by = _user(actor)
        submission.save()
        notices.profile_decided(submission)
    return submission


# --- Survey campaigns ---------------------------------------------------------------------------

def surveyed_departments(organisation):
    """The departments asked to answer: every unit with no sub-unit (課・室・係・出先)."""
    return list(Department.objects.filter(organisation=organisation, children__isnull=True)
                .order_by("sort_order", "id"))


def create_campaign(actor, organisation, *, fiscal_year, deadline, title="", instructions=""):
    require(actor, "collaboration.manage", organisation)
    with acting_as(actor), transaction.atomic():
        campaign = SurveyCampaign(organisation=organisation, fiscal_year=fiscal_year,
                                  deadline=deadline, title=title, instructions=instructions)
        campaign.full_clean()
        campaign.save()
    return campaign


def _require_draft(campaign):
    if campaign.status != SurveyCampaign.Status.DRAFT:
        raise ValidationError(gettext("開始した調査は変更・削除できません(準備中の調査だけです)。"))


def update_campaign(actor, campaign):
    """Correct a campaign that has not opened yet — its year, title, instructions or a
    deadline that has passed meanwhile (it must lie ahead only when the campaign opens)."""
    require_change(actor, "collaboration.manage", campaign)
    _require_draft(SurveyCampaign.objects.get(pk=campaign.pk))
    with acting_as(actor), transaction.atomic():
        campaign.full_clean()
        campaign.save()
    return campaign


def delete_campaign(actor, campaign):
    """Delete a campaign that has not opened: no department has been asked anything yet."""
    require_change(actor, "collaboration.manage", campaign)
    _require_draft(campaign)
    with acting_as(actor), transaction.atomic():
        campaign.delete()


def open_campaign(actor, campaign, *, today=None):
    """Start taking answers: one response per surveyed department, each department told."""
    require(actor, "collaboration.manage", campaign)
    today = today or timezone.localdate()
    if campaign.status != SurveyCampaign.Status.DRAFT:
        raise ValidationError(gettext("準備中の調査だけを開始できます。"))
    if campaign.deadline < today:
        raise ValidationError({"deadline": gettext("回答期限が過ぎています。期限を今日以降にしてから開始してください。")})
    with acting_as(actor), transaction.atomic():
        departments = surveyed_departments(campaign.organisation)
        existing = set(campaign.responses.values_list("department_id", flat=True))
        SurveyResponse.objects.bulk_create([
            SurveyResponse(campaign=campaign, department=d) for d in departments
            if d.pk not in existing])
        campaign.status = SurveyCampaign.Status.OPEN
        campaign.opened_at = timezone.now()
        campaign.save()
        notices.campaign_opened(campaign, departments, actor)
    return campaign


def close_campaign(actor, campaign):
    require(actor, "collaboration.manage", campaign)
    if campaign.status != SurveyCampaign.Status.OPEN:
        raise ValidationError(gettext("受付中の調査だけを締め切れます。"))
    with acting_as(actor), transaction.atomic():
        campaign.status = SurveyCampaign.Status.CLOSED
        campaign.closed_at = timezone.now()
        campaign.save()
    return campaign


def reopen_campaign(actor, campaign, *, deadline, today=None):
    """Take answers again (a closed or late campaign) until a new deadline."""
    require(actor, "collaboration.manage", campaign)
    today = today or timezone.localdate()
    if campaign.status not in (SurveyCampaign.Status.OPEN, SurveyCampaign.Status.CLOSED):
        raise ValidationError(gettext("受付中または締切後の調査だけを再開できます。公表済の調査は再開できません。"))
    if deadline is None or deadline < today:
        raise ValidationError({"deadline": gettext("新しい回答期限は今日以降の日付にしてください。")})
    with acting_as(actor), transaction.atomic():
        campaign.status = SurveyCampaign.Status.OPEN
        campaign.deadline = deadline
        campaign.closed_at = None
        campaign.save()
    return campaign


def send_reminders(actor, campaign, *, department_ids=None, today=None):
    """督促: tell the departments that have not completed their answer; returns how many."""
    require(actor, "collaboration.manage", campaign)
    if campaign.status != SurveyCampaign.Status.OPEN:
        raise ValidationError(gettext("受付中の調査だけ督促できます。"))
    with acting_as(actor), transaction.atomic():
        pending = campaign.responses.filter(
            status__in=[SurveyResponse.Status.NOT_STARTED, SurveyResponse.Status.IN_PROGRESS])
        if department_ids is not None:
            pending = pending.filter(department_id__in=department_ids)
        pending = list(pending.select_related("department"))
        now = timezone.now()
        overdue = campaign.deadline < (today or timezone.localdate())
        for response in pending:
            response.reminded_at = now
            response.reminder_count += 1
            response.save(update_fields=["reminded_at", "reminder_count"])
            notices.remind_department(campaign, response.department, overdue=overdue)
    return len(pending)


def publish_campaign(actor, campaign):
    """Freeze the aggregated report and make the year's projects public."""
    require(actor, "collaboration.manage", campaign)
    if campaign.status != SurveyCampaign.Status.CLOSED:
        raise ValidationError(gettext("締め切った調査だけを公表できます。先に調査を締め切ってください。"))
    with acting_as(actor), transaction.atomic():
        now = timezone.now()
        campaign.projects.filter(published_at__isnull=True).update(published_at=now)
        campaign.report = survey_report.compute(campaign)
        campaign.status = SurveyCampaign.Status.PUBLISHED
        campaign.published_at = now
        campaign.save()
    return campaign


def _report_figures(report):
    """The published figures a reader compares, by label (the notice's before and after)."""
    totals = (report or {}).get("totals", {})
    figures = {
        gettext("協働事業数"): gettext("%(n)s事業") % {"n": totals.get("projects", 0)},
        gettext("予算額の合計"): str(format_man_yen(totals.get("budget", 0))),
        gettext("回答した部署"): f"{totals.get('answered', 0)} / {totals.get('departments', 0)}",
    }
    for row in (report or {}).get("by_department", []):
        figures[row["name"]] = gettext("%(n)s事業 %(budget)s") % {
            "n": row["count"], "budget": format_man_yen(row["budget"])}
    return figures


def _recount_with_trail(actor, campaign, reason):
    """Recount a published report and keep the earlier figures with the reason; None when the
    recount changes nothing."""
    recounted = survey_report.compute(campaign)
    if recounted == campaign.report:
        return None
    before, after = _report_figures(campaign.report), _report_figures(recounted)
    record = corrections.correct(actor, campaign, reason=reason, changes={"report": recounted})
    # The report is stored as JSON; the public notice shows the figures that changed instead.
    changed = [label for label in {**before, **after} if before.get(label) != after.get(label)]
    record.before = {label: before.get(label, "—") for label in changed}
    record.after = {label: after.get(label, "—") for label in changed}
    record.save(update_fields=["before", "after"])
    return record


def correct_report(actor, campaign, *, reason):
    """訂正: recount a published report after its projects were corrected, with the reason shown
    on the public report beside the earlier figures (the publication date is kept)."""
    require(actor, "collaboration.manage", campaign)
    if campaign.status != SurveyCampaign.Status.PUBLISHED or campaign.withdrawn_at is not None:
        raise ValidationError(gettext("公表中の調査だけを再集計できます。"))
    with acting_as(actor), transaction.atomic():
        record = _recount_with_trail(actor, campaign, reason)
        if record is None:
            raise ValidationError(gettext("再集計しても集計結果は変わりません。訂正は記録していません。"))
    return record


def withdraw_report(actor, campaign, *, reason):
    """取下げ of a year's published survey results by the coordinator who published them: the
    report page stays readable with the reason and is marked withdrawn in the lists."""
    require(actor, "collaboration.manage", campaign)
    if campaign.status != SurveyCampaign.Status.PUBLISHED or campaign.withdrawn_at is not None:
        raise ValidationError(gettext("公表中の調査結果だけを取り下げできます。"))
    return corrections.withdraw(actor, campaign, reason=reason,
                                changes={"withdrawn_at": timezone.now()})


#: What the coordinator may correct in a published project (what its public page shows).
PROJECT_CORRECTABLE = ("title", "purpose", "content", "results", "budget", "start_date", "end_date")


def correct_project(actor, project, *, reason, changes):
    """訂正 of a published project by the coordinator, who published it with the year's survey:
    the project page shows the earlier values and the reason, and the year's report is
    recounted with the same reason when its figures change."""
    require(actor, "collaboration.manage", project)
    if project.published_at is None:
        raise ValidationError(gettext("公開済みの協働事業だけを訂正できます。公開前の事業は担当部署が編集します。"))
    unknown = sorted(set(changes) - set(PROJECT_CORRECTABLE))
    if unknown:
        raise ValidationError(gettext("訂正できない項目です: %(v)s") % {"v": "、".join(unknown)})
    with acting_as(actor), transaction.atomic():
        record = corrections.correct(actor, project, reason=reason, changes=changes)
        campaign = project.campaign
        if campaign is not None and campaign.status == SurveyCampaign.Status.PUBLISHED:
            _recount_with_trail(actor, campaign, reason)
    return record


def withdraw_project(actor, project, *, reason):
    """取下げ of a published project by the coordinator (registered twice, or not a collaboration
    after all): its page stays readable with the reason, it leaves the public lists, and the
    year's report is recounted with the same reason."""
    require(actor, "collaboration.manage", project)
    if project.published_at is None or project.withdrawn_at is not None:
        raise ValidationError(gettext("公開中の協働事業だけを取り下げできます。公開前の事業は担当部署が削除します。"))
    with acting_as(actor), transaction.atomic():
        record = corrections.withdraw(actor, project, reason=reason,
                                      changes={"withdrawn_at": timezone.now()})
        campaign = project.campaign
        if campaign is not None and campaign.status == SurveyCampaign.Status.PUBLISHED:
            _recount_with_trail(actor, campaign, reason)
    return record


def _require_answerable(campaign, today=None):
    if campaign is None:
        return
    if not campaign.accepts_answers(today):
        if campaign.status == SurveyCampaign.Status.OPEN:
            raise ValidationError(gettext("回答期限(%(deadline)s)を過ぎています。登録・変更が必要な場合は主管課に"
                                     "受付の再開を依頼してください。")
                                  % {"deadline": campaign.deadline.isoformat()})
        raise ValidationError(gettext("この調査は現在回答を受け付けていません(%(status)s)。")
                              % {"status": campaign.get_status_display()})


def response_for(campaign, department):
    return SurveyResponse.objects.select_related("campaign", "department").get(
        campaign=campaign, department=department)


def _validate_project_lists(fiscal_year, forms, fields, partners):
    errors = {}
    forms = list(dict.fromkeys(forms or []))
    unknown = [f for f in forms if f not in CollaborationForm.values]
    if unknown:
        errors["forms"] = gettext("不明な協働の形態です: %(v)s") % {"v": "、".join(map(str, unknown))}
    elif not forms:
        errors["forms"] = gettext("協働の形態を1つ以上選んでください。")
    fields = list(dict.fromkeys(fields or []))
    allowed = {k.value for k in field_list_for_fiscal_year(fiscal_year).keys}
    bad = [f for f in fields if f not in allowed]
    if bad:
        errors["fields"] = gettext("%(year)sには使えない分野です: %(v)s(その年度の特定非営利活動促進法 別表の分野から選んでください)") % {
            "year": wareki_fiscal_year(fiscal_year),
            "v": "、".join(str(field_label(f)) if f in ActivityField.values
                          else str(f) for f in bad)}
    names = [p["name"].strip() for p in partners or []]
    if not names:
        # A collaboration project has a partner by definition (SPEC §3.4); the survey's
        # tallies by partner type count every project under at least one type.
        errors["partners"] = gettext("協働の相手方を1つ以上入力してください。")
    elif any(not n for n in names):
        errors["partners"] = gettext("相手方の団体名を入力してください。")
    elif len(set(names)) != len(names):
        errors["partners"] = gettext("同じ相手方が二重に入力されています。")
    elif any(p.get("partner_type") not in PartnerType.values for p in partners or []):
        errors["partners"] = gettext("相手方の団体の種別を選んでください。")
    if errors:
        raise ValidationError(errors)
    return forms, fields


def save_project(actor, project, *, forms, fields, partners, today=None):
    """Register or change a project, with its forms, fields and partners (all or nothing).

    ``partners`` is a list of dicts: name, partner_type, role and optionally partner (a Partner
    of the same organisation). A project in a survey campaign can only be written while that
    campaign takes answers; writing it marks the department's response as 入力中.
    """
    require_change(actor, "collaboration.edit_project", project)
    _require_answerable(project.campaign, today)
    forms, fields = _validate_project_lists(project.fiscal_year, forms, fields, partners)
    with acting_as(actor), transaction.atomic():
        project.full_clean()
        try:
            with transaction.atomic():
                project.save()
        except IntegrityError:
            raise ValidationError({"title": gettext("この部署の同じ年度に同じ事業名の協働事業がすでにあります。")}) from None
        ProjectForm.objects.filter(project=project).delete()
        ProjectForm.objects.bulk_create([ProjectForm(project=project, form=f) for f in forms])
        ProjectField.objects.filter(project=project).delete()
        ProjectField.objects.bulk_create([ProjectField(project=project, field=f) for f in fields])
        ProjectPartner.objects.filter(project=project).delete()
        rows = []
        for p in partners:
            partner = p.get("partner")
            if partner is not None and partner.organisation_id != project.organisation_id:
                raise ValidationError({"partners": gettext("相手方は同じ団体の名簿から選んでください。")})
            rows.append(ProjectPartner(project=project, partner=partner, name=p["name"].strip(),
                                       partner_type=p["partner_type"], role=p.get("role", "")))
        ProjectPartner.objects.bulk_create(rows)
        if project.campaign_id:
            SurveyResponse.objects.filter(
                campaign_id=project.campaign_id, department_id=project.department_id,
                status__in=[SurveyResponse.Status.NOT_STARTED, SurveyResponse.Status.NONE],
            ).update(status=SurveyResponse.Status.IN_PROGRESS, submitted_at=None)
    return project


def delete_project(actor, project, today=None):
    require_change(actor, "collaboration.edit_project", project)
    _require_answerable(project.campaign, today)
    if project.evaluations.exists():
        raise ValidationError(gettext("評価が始まっている協働事業は削除できません。"))
    with acting_as(actor), transaction.atomic():
        project.delete()


def _require_answering(actor, response, channel):
    """The department answers on the web; an answer received on paper, by mail or by fax is
    entered by the coordinator on the department's behalf (代理入力)."""
    if channel == SurveyResponse.Channel.WEB:
        require(actor, "collaboration.answer_survey", response)
        return
    if channel not in SurveyResponse.Channel.values:
        raise ValidationError({"channel": gettext("回答を受け取った方法を選んでください。")})
    require(actor, "collaboration.answer_on_behalf", response)


def _record_answer(actor, response, status, channel):
    response.status = status
    response.submitted_at = timezone.now()
    response.channel = channel
    if channel == SurveyResponse.Channel.WEB:
        response.submitted_by, response.entered_by = _user(actor), None
    else:
        # The department answered on paper; nobody of it signed in. The coordinator who typed
        # it in is the one the campaign page names.
        response.submitted_by, response.entered_by = None, _user(actor)
    response.save()


def carry_over(actor, response, project_ids, today=None):
    """Confirm last year's projects as continuing: copy them into this campaign. The coordinator
    may do it too while entering a paper answer; only submitting records the channel."""
    if actor is None or not actor.has_perm("collaboration.answer_on_behalf", response):
        require(actor, "collaboration.answer_survey", response)
    campaign = response.campaign
    _require_answerable(campaign, today)
    sources = list(Project.objects.filter(
        pk__in=project_ids, department_id=response.department_id,
        fiscal_year=campaign.fiscal_year - 1,
    ).prefetch_related("forms", "fields", "partners"))
    if len(sources) != len(set(project_ids)):
        raise ValidationError(gettext("前年度のこの部署の事業だけを引き継げます。"))
    taken = set(Project.objects.filter(department_id=response.department_id,
                                       fiscal_year=campaign.fiscal_year)
                .values_list("title", flat=True))
    duplicates = [s.title for s in sources if s.title in taken]
    if duplicates:
        raise ValidationError(gettext("今年度すでに登録されている事業です: %(v)s") % {"v": "、".join(duplicates)})
    allowed = {k.value for k in field_list_for_fiscal_year(campaign.fiscal_year).keys}
    created = []
    with acting_as(actor), transaction.atomic():
        for source in sources:
            project = Project(
                organisation_id=source.organisation_id, campaign=campaign,
                department_id=source.department_id, fiscal_year=campaign.fiscal_year,
                title=source.title, purpose=source.purpose, content=source.content,
                budget=source.budget, continued_from=source,
            )
            save_project(actor, project, forms=[f.form for f in source.forms.all()],
                         fields=[f.field for f in source.fields.all() if f.field in allowed],
                         partners=[{"name": p.name, "partner_type": p.partner_type,
                                    "role": p.role, "partner": p.partner}
                                   for p in source.partners.all()], today=today)
            created.append(project)
    return created


def declare_none(actor, response, today=None, channel=SurveyResponse.Channel.WEB):
    """「該当なし」: the department ran no collaboration project this year."""
    _require_answering(actor, response, channel)
    _require_answerable(response.campaign, today)
    if Project.objects.filter(campaign_id=response.campaign_id,
                              department_id=response.department_id).exists():
        raise ValidationError(gettext("この部署の協働事業が登録されています。該当なしと回答するには、先に登録した事業を削除してください。"))
    with acting_as(actor), transaction.atomic():
        _record_answer(actor, response, SurveyResponse.Status.NONE, channel)
    return response


def submit_response(actor, response, today=None, channel=SurveyResponse.Channel.WEB):
    """The department confirms its registered projects as its answer (回答済)."""
    _require_answering(actor, response, channel)
    _require_answerable(response.campaign, today)
    if not Project.objects.filter(campaign_id=response.campaign_id,
                                  department_id=response.department_id).exists():
        raise ValidationError(gettext("協働事業が1件も登録されていません。事業を登録するか、「該当なし」と回答してください。"))
    with acting_as(actor), transaction.atomic():
        _record_answer(actor, response, SurveyResponse.Status.SUBMITTED, channel)
    return response


# --- Evaluation ----------------------------------------------------------------------------------

def start_evaluation(actor, project, *, partner, template, stage="after", deadline=None,
                     today=None):
    """Open an evaluation of ``project`` by its department and ``partner``: two empty sheets,
    each side asked for its own (by ``deadline``, 提出期限, when one is set)."""
    require(actor, "collaboration.manage", project)
    if not project.partners.filter(partner=partner).exists():
        raise ValidationError({"partner": gettext("評価する団体は、この事業の相手方として登録された団体から選んでください。")})
    if template.organisation_id != project.organisation_id:
        raise ValidationError({"template": gettext("この団体の評価様式を選んでください。")})
    if not template.criteria.filter(stage=stage).exists():
        raise ValidationError({"stage": gettext("この評価様式にはこの段階の評価項目がありません。")})
    if deadline is not None and deadline < (today or timezone.localdate()):
        raise ValidationError({"deadline": gettext("提出期限は今日以降の日付にしてください。")})
    with acting_as(actor), transaction.atomic():
        evaluation = Evaluation(project=project, partner=partner, template=template, stage=stage,
                                deadline=deadline)
        evaluation.full_clean()
        evaluation.save()
        EvaluationSheet.objects.bulk_create([
            EvaluationSheet(evaluation=evaluation, side=side) for side in Side.values])
        notices.evaluation_started(evaluation, actor)
    return evaluation


def save_sheet(actor, sheet, *, ratings, overall_comment="", submit=False):
    """Save one side's sheet; ``ratings`` maps criterion id → (score, comment).

    Submitting needs a score for every criterion of the stage and locks the sheet. When the
    second sheet is submitted, the evaluation is revealed to both sides and scored.
    """
    require(actor, "collaboration.fill_sheet", sheet)
    evaluation = sheet.evaluation
    criteria = list(evaluation.template.criteria.filter(stage=evaluation.stage))
    allowed = set(evaluation.template.scale_values)
    errors = {}
    for criterion in criteria:
        score, _comment = ratings.get(criterion.pk, (None, ""))
        if score in (None, ""):
            if submit:
                errors[f"score_{criterion.pk}"] = gettext("「%(t)s」の評価を選んでください。") % {"t": criterion.title}
        elif int(score) not in allowed:
            errors[f"score_{criterion.pk}"] = gettext("「%(t)s」の評価が尺度にありません。") % {"t": criterion.title}
    if set(ratings) - {c.pk for c in criteria}:
        errors["__all__"] = gettext("この評価にない項目が含まれています。")
    if errors:
        raise ValidationError(errors)
    with acting_as(actor), transaction.atomic():
        locked = EvaluationSheet.objects.select_for_update().get(pk=sheet.pk)
        if locked.submitted_at is not None:
            raise ValidationError(gettext("提出済の評価シートは変更できません。"))
        SheetRating.objects.filter(sheet=sheet).delete()
        SheetRating.objects.bulk_create([
            SheetRating(sheet=sheet, criterion=c, score=int(ratings[c.pk][0]),
                        comment=(ratings[c.pk][1] or "").strip())
            for c in criteria if ratings.get(c.pk, (None,))[0] not in (None, "")])
        sheet.overall_comment = overall_comment.strip()
        if submit:
            sheet.submitted_at = timezone.now()
            sheet.submitted_by = _user(actor)
        sheet.save()
        if submit:
            if not _reveal_if_both_in(evaluation):
                notices.sheet_submitted(sheet, actor)
    return sheet


def _reveal_if_both_in(evaluation):
    """Reveal and score the evaluation once both sheets are in; returns whether it did."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    sheets = list(evaluation.sheets.all())
    if evaluation.status != Evaluation.Status.OPEN or any(s.submitted_at is None for s in sheets):
        return False
    scores = list(SheetRating.objects.filter(sheet__evaluation=evaluation)
                  .values_list("score", flat=True))
    top = evaluation.template.max_score
    evaluation.score = (Decimal(sum(scores)) * 100 / (len(scores) * top)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP) if scores else None
    evaluation.status = Evaluation.Status.REVEALED
    evaluation.revealed_at = timezone.now()
    evaluation.save()
    notices.evaluation_revealed(evaluation)
    return True


def save_joint_comment(actor, evaluation, text):
    require(actor, "collaboration.write_joint_comment", evaluation)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"joint_comment": gettext("総括を入力してください。")})
    with acting_as(actor), transaction.atomic():
        evaluation.joint_comment = text
        evaluation.save(update_fields=["joint_comment"])
    return evaluation


def publish_evaluation(actor, evaluation):
    require(actor, "collaboration.publish_evaluation", evaluation)
    if evaluation.status != Evaluation.Status.REVEALED:
        raise ValidationError(gettext("双方の評価シートが提出された評価だけを公表できます。"))
    if not evaluation.joint_comment.strip():
        raise ValidationError({"joint_comment": gettext("公表する前に双方の協議による総括を記入してください。")})
    with acting_as(actor), transaction.atomic():
        evaluation.status = Evaluation.Status.PUBLISHED
        evaluation.published_at = timezone.now()
        evaluation.save()
        if evaluation.project.published_at is None:
            evaluation.project.published_at = evaluation.published_at
            evaluation.project.save(update_fields=["published_at"])
    return evaluation


def _require_standing_publication(evaluation):
    if evaluation.status != Evaluation.Status.PUBLISHED or evaluation.withdrawn_at is not None:
        raise ValidationError(gettext("公表中の評価だけを訂正・取り下げできます。"))


def correct_evaluation(actor, evaluation, *, reason, joint_comment):
    """訂正 of a published evaluation's summary by the coordinator who published it; the page
    shows the earlier summary and the reason. The two sheets are each side's own and stay."""
    require(actor, "collaboration.publish_evaluation", evaluation)
    _require_standing_publication(evaluation)
    return corrections.correct(actor, evaluation, reason=reason,
                               changes={"joint_comment": (joint_comment or "").strip()})


def withdraw_evaluation(actor, evaluation, *, reason):
    """取下げ of a published evaluation: its page stays, saying when and why, and its score
    leaves the year's results."""
    require(actor, "collaboration.publish_evaluation", evaluation)
    _require_standing_publication(evaluation)
    return corrections.withdraw(actor, evaluation, reason=reason,
                                changes={"withdrawn_at": timezone.now()})


# --- Initiatives ---------------------------------------------------------------------------------

def save_initiative(actor, initiative):
    """Add or correct an entry of the timeline (協働の取組の経過)."""
    require_change(actor, "collaboration.manage_initiatives", initiative)
    if Initiative.objects.filter(organisation_id=initiative.organisation_id,
                                 fiscal_year=initiative.fiscal_year,
                                 title=initiative.title).exclude(pk=initiative.pk).exists():
        raise ValidationError({"title": gettext("同じ年度に同じ取組がすでにあります。")})
    with acting_as(actor), transaction.atomic():
        initiative.full_clean()
        initiative.save()
    return initiative


def delete_initiative(actor, initiative):
    require(actor, "collaboration.manage_initiatives", initiative)
    with acting_as(actor), transaction.atomic():
        initiative.delete()


# --- Evaluation templates (評価様式・評価項目) ------------------------------------------------------

def template_in_use(template):
    """Has any sheet rated one of the template's criteria? Then its criteria and scale are
    frozen: changing them would change what published and submitted ratings mean."""
    return SheetRating.objects.filter(criterion__template=template).exists()


def _require_unused(template):
    if template_in_use(template):
        raise ValidationError(gettext(
            "この評価様式はすでに評価シートで使われているため、評価項目と尺度は変更・削除できません。"
            "変更が必要な場合は「コピーして新しい様式を作る」を使ってください。"))


#: The highest value a rating scale may use (ratings are stored in a small integer).
MAX_SCALE = 100
MAX_SCALE_LABEL = 40


def check_scale(scale):
    """The rating scale: at least two levels, whole numbers, best (highest) first, distinct,
    each with a label. Returns it normalised as [[value, label], …]."""
    if not isinstance(scale, (list, tuple)) or len(scale) < 2:
        raise ValidationError({"scale": gettext("評価の尺度は2段階以上にしてください。")})
    rows = []
    for row in scale:
        try:
            value, label = row
            value = int(value)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError({"scale": gettext("尺度の各行は「数値 ラベル」の形で入力してください。")}) from None
        label = str(label).strip().replace("\x00", "")
        if not label:
            raise ValidationError({"scale": gettext("尺度の %(v)s にラベルを付けてください。") % {"v": value}})
        if len(label) > MAX_SCALE_LABEL:
            raise ValidationError({"scale": gettext("尺度のラベルは%(n)d文字以内にしてください。")
                                            % {"n": MAX_SCALE_LABEL}})
        if not 0 <= value <= MAX_SCALE:
            raise ValidationError({"scale": gettext("尺度の数値は0から%(max)dの間にしてください。")
                                            % {"max": MAX_SCALE}})
        rows.append([value, label])
    values = [v for v, _label in rows]
    if len(set(values)) != len(values):
        raise ValidationError({"scale": gettext("尺度の数値が重複しています。")})
    if values != sorted(values, reverse=True):
        raise ValidationError({"scale": gettext("尺度は最も良い評価(大きい数値)から順に並べてください。")})
    if values[0] == 0:
        raise ValidationError({"scale": gettext("尺度の最高点は1以上にしてください。")})
    return rows


def save_template(actor, template):
    """Create or rename a template, change its scale (not once used) or take it out of use."""
    require_change(actor, "collaboration.manage_templates", template)
    template.scale = check_scale(template.scale)
    if EvaluationTemplate.objects.filter(organisation_id=template.organisation_id,
                                         name=template.name).exclude(pk=template.pk).exists():
        raise ValidationError({"name": gettext("同じ名前の評価様式がすでにあります。")})
    if template.pk is not None:
        before = EvaluationTemplate.objects.get(pk=template.pk)
        if check_scale(before.scale) != template.scale and template_in_use(template):
            raise ValidationError({"scale": gettext(
                "この評価様式はすでに評価シートで使われているため、尺度は変更できません。"
                "「コピーして新しい様式を作る」を使ってください。")})
    with acting_as(actor), transaction.atomic():
        template.full_clean()
        template.save()
    return template


def copy_template(actor, template, *, name=None):
    """Copy a template and its criteria as a new template, not yet in use (使用中 off)."""
    require(actor, "collaboration.manage_templates", template)
    if name is None:
        taken = set(EvaluationTemplate.objects.filter(organisation_id=template.organisation_id)
                    .values_list("name", flat=True))
        name, n = gettext("%(name)s(コピー)") % {"name": template.name}, 2
        base = name
        while name in taken:
            name, n = f"{base}{n}", n + 1
    with acting_as(actor), transaction.atomic():
        copy = EvaluationTemplate(organisation_id=template.organisation_id, name=name[:100],
                                  scale=template.scale, is_active=False)
        copy.full_clean()
        copy.save()
        for criterion in template.criteria.order_by("stage", "number"):
            EvaluationCriterion.objects.create(template=copy, stage=criterion.stage,
                                               number=criterion.number, title=criterion.title,
                                               question=criterion.question)
    return copy


def _check_criterion_text(title):
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": gettext("評価項目を入力してください。")})
    if len(title) > 60:
        raise ValidationError({"title": gettext("評価項目は60文字以内にしてください。")})
    return title


def add_criterion(actor, template, *, stage, title, question=""):
    """Add a criterion at the end of its stage (事前・中間・事後)."""
    require(actor, "collaboration.manage_templates", template)
    if stage not in Stage.values:
        raise ValidationError({"stage": gettext("段階を選んでください。")})
    title = _check_criterion_text(title)
    _require_unused(template)
    with acting_as(actor), transaction.atomic():
        EvaluationTemplate.objects.select_for_update().get(pk=template.pk)
        last = template.criteria.filter(stage=stage).aggregate(n=Max("number"))["n"] or 0
        criterion = EvaluationCriterion(template=template, stage=stage, number=last + 1,
                                        title=title, question=(question or "").strip())
        criterion.full_clean()
        criterion.save()
    return criterion


def save_criterion(actor, criterion):
    """Change a criterion's wording (its stage and place are kept; reorder with ``move``)."""
    require_change(actor, "collaboration.manage_templates", criterion)
    criterion.title = _check_criterion_text(criterion.title)
    criterion.question = (criterion.question or "").strip()
    _require_unused(criterion.template)
    with acting_as(actor), transaction.atomic():
        criterion.full_clean()
        criterion.save()
    return criterion


def delete_criterion(actor, criterion):
    """Delete a criterion; the ones after it in its stage move up, so numbers stay 1, 2, 3…"""
    require(actor, "collaboration.manage_templates", criterion)
    template = criterion.template
    _require_unused(template)
    with acting_as(actor), transaction.atomic():
        EvaluationTemplate.objects.select_for_update().get(pk=template.pk)
        number, stage = criterion.number, criterion.stage
        criterion.delete()
        for later in template.criteria.filter(stage=stage, number__gt=number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])


def move_criterion(actor, criterion, direction):
    """Swap a criterion with its neighbour above ("up") or below ("down") in its stage."""
    require(actor, "collaboration.manage_templates", criterion)
    if direction not in ("up", "down"):
        raise ValidationError(gettext("移動の向きが正しくありません。"))
    template = criterion.template
    _require_unused(template)
    with acting_as(actor), transaction.atomic():
        EvaluationTemplate.objects.select_for_update().get(pk=template.pk)
        siblings = template.criteria.filter(stage=criterion.stage)
        neighbour = (siblings.filter(number__lt=criterion.number).order_by("-number").first()
                     if direction == "up" else
                     siblings.filter(number__gt=criterion.number).order_by("number").first())
        if neighbour is None:
            return criterion
        mine, theirs = criterion.number, neighbour.number
        # Through a free number, since (template, stage, number) is unique at every step.
        criterion.number = (siblings.aggregate(n=Max("number"))["n"] or 0) + 1
        criterion.save(update_fields=["number"])
        neighbour.number = mine
        neighbour.save(update_fields=["number"])
        criterion.number = theirs
        criterion.save(update_fields=["number"])
    return criterion


def projects_in(campaign, department):
    return Project.objects.filter(campaign=campaign, department=department)

