"""Who is told what in 協働 (issue 14 §5): each step that hands work to someone tells them — a
mail, and a line on the my page of those with an account (``kyodo.core.notify``) — and the
scheduled reminders (``kyodo.core.reminders``) around the survey's and the sheets' deadlines.

    campaign opened              → the staff of each department asked to answer (and the
                                   department's own address)
    N days before its deadline   → departments that have not answered, while it is open;
    the day after it             → the same (overdue); also when the coordinator presses 督促
    profile change submitted     → the coordinators (主管課)
    profile verified / returned  → the member who submitted it
    evaluation started           → both sides: the project's department and the partner's members
    one sheet submitted          → the other side, while its sheet is not in
    N days before the sheets' deadline / the day after → the side that has not submitted
    both sheets in               → the coordinators, to write the summary and publish

Nobody is told of their own step. Every mail carries its 和暦 dates and the link to the page
where the work is done.
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.core import reminders
from kyodo.core.japanese import wareki_date
from kyodo.core.models import STAFF_ROLES, Role
from kyodo.core.notify import holders, notify

#: Days before a deadline (the survey's, an evaluation's sheets') when those who have not
#: answered are reminded; the overdue reminder goes the day after it.
DAYS_BEFORE_DEADLINE = 3


def _others(recipients, actor):
    return [r for r in recipients
            if actor is None or isinstance(r, str) or r.pk != getattr(actor, "pk", None)]


def coordinators(organisation):
    return holders(organisation, [Role.COORDINATOR])


def department_recipients(organisation, department):
    """The department's staff, and its own address (課の共有アドレス) when it has one."""
    recipients = holders(organisation, STAFF_ROLES, department=department)
    if department.email:
        recipients.append(department.email)
    return recipients


def partner_recipients(partner):
    """The partner's members whose membership took effect."""
    return [m.user for m in partner.members.select_related("user")
            .filter(accepted_at__isnull=False, user__is_active=True).order_by("pk")]


# --- The survey ----------------------------------------------------------------------------------

def _response_url(campaign, department):
    return reverse("collaboration:response",
                   args=[campaign.organisation.slug, campaign.pk, department.pk])


def campaign_opened(campaign, departments, actor):
    """年度別協働取組実態調査 opened: each department asked is told, with its own answer page."""
    context = {"title": campaign.display_title, "deadline": wareki_date(campaign.deadline)}
    for department in departments:
        notify(_others(department_recipients(campaign.organisation, department), actor),
               subject=_("【協働】%(title)sへの回答のお願い") % context,
               body=_("%(department)s 御中\n\n%(title)sを開始しました。回答期限は%(deadline)sです。\n"
                      "貴部署の協働事業を登録・確認して回答するか、該当がない場合は「該当なし」を"
                      "回答してください。") % {**context, "department": department.name},
               url=_response_url(campaign, department), organisation=campaign.organisation)


def _answer_reminder(campaign, department, *, overdue):
    context = {"title": campaign.display_title, "deadline": wareki_date(campaign.deadline),
               "department": department.name}
    if overdue:
        subject = _("【協働】%(title)sの回答期限(%(deadline)s)を過ぎています") % context
        lead = _("%(department)s 御中\n\n%(title)sの回答期限(%(deadline)s)を過ぎましたが、"
                 "貴部署の回答がまだ完了していません。") % context
    else:
        subject = _("【協働】%(title)sの回答期限は%(deadline)sです") % context
        lead = _("%(department)s 御中\n\n%(title)sの回答期限(%(deadline)s)が近づいていますが、"
                 "貴部署の回答がまだ完了していません。") % context
    body = lead + "\n" + _("協働事業を登録して回答を完了するか、該当がない場合は「該当なし」を"
                           "回答してください。")
    return subject, body


def remind_department(campaign, department, *, overdue):
    """The coordinator's 督促: one department that has not answered is told now."""
    subject, body = _answer_reminder(campaign, department, overdue=overdue)
    notify(department_recipients(campaign.organisation, department), subject=subject, body=body,
           url=_response_url(campaign, department), organisation=campaign.organisation)


def _unanswered(campaigns):
    from .models import SurveyResponse

    return (SurveyResponse.objects.filter(campaign__in=campaigns)
            .exclude(status__in=[SurveyResponse.Status.SUBMITTED, SurveyResponse.Status.NONE])
            .select_related("campaign__organisation", "department")
            .order_by("campaign_id", "department__sort_order", "department_id"))


def _answer_reminders(campaigns, *, overdue):
    for response in _unanswered(campaigns):
        campaign, department = response.campaign, response.department
        subject, body = _answer_reminder(campaign, department, overdue=overdue)
        # The deadline is in the key: a campaign reopened until a new deadline reminds again.
        yield reminders.Reminder(
            key=f"collaboration.survey:{campaign.pk}:{department.pk}:{campaign.deadline}:"
                f"{'overdue' if overdue else 'due'}",
            recipients=department_recipients(campaign.organisation, department),
            subject=subject, body=body, url=_response_url(campaign, department),
            organisation=campaign.organisation)


def _open_campaigns():
    from .models import SurveyCampaign

    return SurveyCampaign.objects.filter(status=SurveyCampaign.Status.OPEN)


def answers_due(today):
    """回答期限の前: from N days before the deadline to the day itself (a missed daily run still
    reminds, once), to each department that has not answered."""
    return _answer_reminders(_open_campaigns().filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=DAYS_BEFORE_DEADLINE)),
        overdue=False)


def answers_overdue(today):
    """回答期限の後: once, to each department that has not answered while the campaign is open."""
    return _answer_reminders(_open_campaigns().filter(deadline__lt=today), overdue=True)


# --- Partner profiles ----------------------------------------------------------------------------

def profile_submitted(submission, actor):
    partner = submission.partner
    notify(_others(coordinators(partner.organisation), actor),
           subject=_("【協働】団体情報の変更申請: %(name)s") % {"name": partner.name},
           body=_("%(name)s から団体情報の変更申請がありました(%(date)s)。内容を確認し、"
                  "公開するか差し戻してください。") % {
               "name": partner.name, "date": wareki_date(submission.submitted_at)},
           url=reverse("collaboration:submission", args=[partner.organisation.slug, submission.pk]),
           organisation=partner.organisation)


def profile_decided(submission):
    """The member who submitted the change hears whether it was published or returned."""
    partner = submission.partner
    context = {"name": partner.name, "date": wareki_date(submission.submitted_at),
               "comment": submission.comment}
    if submission.status == submission.Status.VERIFIED:
        subject = _("【協働】団体情報の変更を公開しました: %(name)s") % context
        body = _("%(date)sにいただいた%(name)sの団体情報の変更を確認し、団体名簿に公開しました。") % context
        url = partner.get_absolute_url()
    else:
        subject = _("【協働】団体情報の変更申請が差し戻されました: %(name)s") % context
        body = _("%(date)sにいただいた%(name)sの団体情報の変更申請が差し戻されました。\n"
                 "理由: %(comment)s\n内容を直して、もう一度申請してください。") % context
        url = reverse("collaboration:partner_edit", args=[partner.organisation.slug, partner.pk])
    notify([submission.submitted_by], subject=subject, body=body, url=url,
           organisation=partner.organisation)


# --- Evaluation ----------------------------------------------------------------------------------

def side_recipients(evaluation, side):
    from .models import Side

    project = evaluation.project
    if side == Side.ADMINISTRATION:
        return holders(project.organisation, STAFF_ROLES, department=project.department)
    return partner_recipients(evaluation.partner)


def _sheet_url(evaluation, side):
    return reverse("collaboration:sheet",
                   args=[evaluation.project.organisation.slug, evaluation.pk, side])


def _evaluation_lines(evaluation):
    lines = [_("協働事業: %(title)s(%(department)s)") % {
                 "title": evaluation.project.title, "department": evaluation.project.department.name},
             _("協働団体: %(name)s") % {"name": evaluation.partner.name},
             _("評価の段階: %(stage)s") % {"stage": evaluation.get_stage_display()}]
    if evaluation.deadline:
        lines.append(_("提出期限: %(date)s") % {"date": wareki_date(evaluation.deadline)})
    return "\n".join(lines)


def evaluation_started(evaluation, actor):
    """Both sides are asked for their sheet."""
    from .models import Side

    for side in Side.values:
        notify(_others(side_recipients(evaluation, side), actor),
               subject=_("【協働】協働評価の評価シートの記入をお願いします: %(title)s") % {
                   "title": evaluation.project.title},
               body=_("協働評価を始めました。%(side)sの評価シートを記入し、提出してください。"
                      "相手方の評価は、双方が提出するまで見えません。\n\n%(lines)s") % {
                   "side": Side(side).label, "lines": _evaluation_lines(evaluation)},
               url=_sheet_url(evaluation, side), organisation=evaluation.project.organisation)


def sheet_submitted(sheet, actor):
    """One side submitted: the other side, if its sheet is still out, is told it is awaited."""
    from .models import Side

    from .models import EvaluationSheet

    evaluation = sheet.evaluation
    other = EvaluationSheet.objects.filter(evaluation=evaluation).exclude(side=sheet.side).first()
    if other is None or other.submitted_at is not None:
        return
    notify(_others(side_recipients(evaluation, other.side), actor),
           subject=_("【協働】相手方が評価シートを提出しました: %(title)s") % {
               "title": evaluation.project.title},
           body=_("%(submitted)sが評価シートを提出しました。%(side)sの評価シートの提出をお待ちしています。"
                  "\n\n%(lines)s") % {
               "submitted": Side(sheet.side).label, "side": Side(other.side).label,
               "lines": _evaluation_lines(evaluation)},
           url=_sheet_url(evaluation, other.side), organisation=evaluation.project.organisation)


def evaluation_revealed(evaluation):
    notify(coordinators(evaluation.project.organisation),
           subject=_("【協働】評価シートがそろいました: %(title)s") % {"title": evaluation.project.title},
           body=_("担当部署と協働団体の評価シートが提出されました。総括を記入し、公表してください。"
                  "\n\n%(lines)s") % {"lines": _evaluation_lines(evaluation)},
           url=evaluation.get_absolute_url(), organisation=evaluation.project.organisation)


def _sheet_reminders(evaluations, *, overdue):
    for evaluation in evaluations:
        context = {"title": evaluation.project.title, "date": wareki_date(evaluation.deadline),
                   "lines": _evaluation_lines(evaluation)}
        for sheet in evaluation.sheets.all():
            if sheet.submitted_at is not None:
                continue
            if overdue:
                subject = _("【協働】評価シートの提出期限(%(date)s)を過ぎています: %(title)s") % context
                lead = _("評価シートの提出期限を過ぎましたが、まだ提出されていません。")
            else:
                subject = _("【協働】評価シートの提出期限は%(date)sです: %(title)s") % context
                lead = _("評価シートの提出期限が近づいていますが、まだ提出されていません。")
            yield reminders.Reminder(
                key=f"collaboration.sheet:{sheet.pk}:{evaluation.deadline}:"
                    f"{'overdue' if overdue else 'due'}",
                recipients=side_recipients(evaluation, sheet.side), subject=subject,
                body=f"{lead}\n\n{context['lines']}", url=_sheet_url(evaluation, sheet.side),
                organisation=evaluation.project.organisation)


def _open_evaluations():
    from .models import Evaluation

    return (Evaluation.objects.filter(status=Evaluation.Status.OPEN, deadline__isnull=False)
            .select_related("project__organisation", "project__department", "partner")
            .prefetch_related("sheets"))


def sheets_due(today):
    """評価シートの提出期限の前: to the side that has not submitted (once)."""
    return _sheet_reminders(_open_evaluations().filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=DAYS_BEFORE_DEADLINE)),
        overdue=False)


def sheets_overdue(today):
    """評価シートの提出期限の後: once, to the side that has not submitted while it is open."""
    return _sheet_reminders(_open_evaluations().filter(deadline__lt=today), overdue=True)
