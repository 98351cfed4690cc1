"""Who is told what in 市民会議 (issue 14 §5): each step that hands work to someone tells them —
a mail, and a line on the staff home for those with an account (``kyodo.core.notify``) — and
the scheduled reminders (``kyodo.core.reminders``) around an evaluation round's deadline.

    selection result           → the applicant (an address: applicants have no account)
    evaluation round opened    → the council's members still serving
    3 days before the deadline → members who have not submitted their sheet
    the day after the deadline → the same, while the round is still open (overdue)
    minutes awaiting approval  → the secretariat (recorded for the first time, or corrected
                                 after approval and so back to approval)

Members without an account are reached at their contact address, and told to send their sheet
to the secretariat on paper, by fax or by hand (the secretariat enters it on their behalf); a
member with neither account nor address is the secretariat's to call. Nobody is told of their
own step. Every mail carries the 和暦 dates and a link.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import reminders
from kyodo.core.japanese import wareki_date
from kyodo.core.models import DEPARTMENT_ROLES
from kyodo.core.notify import holders, notify

#: Days before a round's deadline when members who have not submitted are reminded.
DAYS_BEFORE_DEADLINE = 3


def member_recipients(member):
    """A member's account (once its link is accepted) and contact address, whichever exist."""
    recipients = []
    if member.user_id and member.user_accepted_at:
        recipients.append(member.user)
    if member.email:
        recipients.append(member.email)
    return recipients


def has_account(member):
    return bool(member.user_id and member.user_accepted_at)


def secretariat_staff(council):
    return holders(council.organisation, DEPARTMENT_ROLES, department=council.secretariat)


def _others(users, actor):
    return [u for u in users if actor is None or u.pk != actor.pk]


# --- Recruitment ------------------------------------------------------------------------------

def selection_result(application):
    """選考結果: the applicant is told whether they were selected, at the address they gave."""
    call = application.call
    council = call.council
    context = {"name": application.name, "call": call.title, "council": council.name}
    if application.status == application.Status.SELECTED:
        member = application.member
        subject = _("【%(council)s】委員公募の選考結果のお知らせ(選出)") % context
        body = _("%(name)s 様\n\n「%(call)s」にご応募いただき、ありがとうございました。\n"
                 "選考の結果、%(council)sの委員に選ばれました。\n任期: %(start)s〜%(end)s\n"
                 "会議の日程などは、あらためて事務局からご連絡します。") % {
            **context, "start": wareki_date(member.term_start), "end": wareki_date(member.term_end)}
    else:
        subject = _("【%(council)s】委員公募の選考結果のお知らせ") % context
        body = _("%(name)s 様\n\n「%(call)s」にご応募いただき、ありがとうございました。\n"
                 "慎重に選考しましたが、今回は委員にお選びすることができませんでした。\n"
                 "会議は傍聴でき、会議録も公開しています。今後ともよろしくお願いします。") % context
    body += "\n\n" + _("%(council)s 事務局(%(department)s)") % {
        "council": council.name, "department": council.secretariat.name}
    notify([application.email], subject=subject, body=body,
           url=reverse("councils:council", args=[council.organisation.slug, council.pk]),
           organisation=council.organisation)


# --- Evaluation rounds ---------------------------------------------------------------------------

def _round_lines(round_):
    lines = [_("評価: %(title)s(%(year)s)") % {"title": round_.title, "year": round_.fiscal_year_label},
             _("対象の取組項目: %(n)d件") % {"n": round_.items.count()}]
    if round_.deadline:
        lines.append(_("締切: %(date)s") % {"date": wareki_date(round_.deadline)})
    return "\n".join(lines)


def _how_to_send(member, round_):
    """The member's way to send the sheet: online with an account, else to the secretariat."""
    if has_account(member):
        return _("委員の画面で評価票に入力し、「提出する」を押してください。入力は自動で一時保存されます。")
    return _("評価票を書面で事務局(%(department)s)へお送りください(郵送、ファクス、持参のいずれでも)。"
             "事務局が代わりに入力します。") % {"department": round_.council.secretariat.name}


def _member_url(member, round_):
    slug = round_.council.organisation.slug
    if has_account(member):
        return reverse("councils:rate", args=[slug, round_.pk])
    return reverse("councils:council", args=[slug, round_.council_id])


def round_members(round_, today):
    """The council's members who still serve (or are yet to): those a new round concerns."""
    return [m for m in round_.council.members.select_related("user") if m.term_end >= today]


def round_opened(round_, today):
    """A new evaluation round reaches each member still serving."""
    council = round_.council
    for member in round_members(round_, today):
        recipients = member_recipients(member)
        if not recipients:
            continue
        notify(recipients, subject=_("【%(council)s】実施状況の評価をお願いします: %(title)s") % {
                   "council": council.name, "title": round_.title},
               body=_("%(name)s 委員\n\n実施状況の評価を始めました。\n\n%(lines)s\n\n%(how)s") % {
                   "name": member.name, "lines": _round_lines(round_), "how": _how_to_send(member, round_)},
               url=_member_url(member, round_), organisation=council.organisation)


def _unsubmitted(round_, today):
    from .models import MemberProgress

    submitted = set(MemberProgress.objects.filter(round=round_, submitted_at__isnull=False)
                    .values_list("member_id", flat=True))
    return [m for m in round_members(round_, today) if m.pk not in submitted]


def _sheet_reminder(round_, member, *, overdue):
    recipients = member_recipients(member)
    if not recipients:
        return None
    council = round_.council
    context = {"council": council.name, "title": round_.title, "name": member.name,
               "lines": _round_lines(round_), "how": _how_to_send(member, round_),
               "date": wareki_date(round_.deadline)}
    if overdue:
        subject = _("【%(council)s】評価票の締切(%(date)s)を過ぎています: %(title)s") % context
        lead = _("%(name)s 委員\n\n評価票の締切を過ぎましたが、まだ提出されていません。"
                 "事務局が集計を始める前に、ご提出をお願いします。") % context
    else:
        subject = _("【%(council)s】評価票の締切は%(date)sです: %(title)s") % context
        lead = _("%(name)s 委員\n\n評価票の締切が近づいています。まだ提出されていません。") % context
    return reminders.Reminder(
        key=f"councils.sheet:{round_.pk}:{member.pk}:{'overdue' if overdue else 'due'}",
        recipients=recipients, subject=subject,
        body=f"{lead}\n\n{context['lines']}\n\n{context['how']}",
        url=_member_url(member, round_), organisation=council.organisation)


def _open_rounds_with_deadline():
    from .models import EvaluationRound

    return (EvaluationRound.objects.filter(status=EvaluationRound.Status.OPEN, deadline__isnull=False)
            .select_related("council__organisation", "council__secretariat"))


def sheets_due(today):
    """評価票の締切前: from N days before the deadline to the day itself (a missed daily run
    still reminds, once), to each member who has not submitted."""
    for round_ in _open_rounds_with_deadline().filter(
            deadline__gte=today, deadline__lte=today + datetime.timedelta(days=DAYS_BEFORE_DEADLINE)):
        for member in _unsubmitted(round_, today):
            reminder = _sheet_reminder(round_, member, overdue=False)
            if reminder is not None:
                yield reminder


def sheets_overdue(today):
    """評価票の締切後: once, to each member who has not submitted while the round is open."""
    for round_ in _open_rounds_with_deadline().filter(deadline__lt=today):
        for member in _unsubmitted(round_, today):
            reminder = _sheet_reminder(round_, member, overdue=True)
            if reminder is not None:
                yield reminder


# --- Minutes -------------------------------------------------------------------------------------

def minutes_awaiting_approval(meeting, actor, *, corrected=False):
    """The secretariat is told that minutes wait for approval (approval publishes them)."""
    council = meeting.council
    context = {"council": council.name, "n": meeting.number, "actor": actor,
               "date": wareki_date(timezone.localdate(meeting.starts_at))}
    if corrected:
        subject = _("【%(council)s】訂正した会議録の承認をお願いします(第%(n)s回)") % context
        body = _("%(actor)sさんが、承認済みだった第%(n)s回(%(date)s)の会議録を訂正しました。"
                 "承認されるまで、公開ページには「訂正中」と訂正前の会議録が表示されます。") % context
    else:
        subject = _("【%(council)s】会議録の承認をお願いします(第%(n)s回)") % context
        body = _("%(actor)sさんが第%(n)s回(%(date)s)の会議録を入力しました。"
                 "内容を確認し、承認して公開してください。") % context
    notify(_others(secretariat_staff(council), actor), subject=subject, body=body,
           url=reverse("councils:manage_meeting", args=[council.organisation.slug, meeting.pk]),
           organisation=council.organisation)
