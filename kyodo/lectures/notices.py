"""Who is told what in 出前講座 (issue 14 §5): every step that hands a request to someone tells
them — a line on their my page and a mail (``kyodo.core.notify``) — and the scheduled reminders
(``kyodo.core.reminders``) before a decided lecture and when its 実施報告 is overdue.

    new request        → the reception desk (受付窓口); the applicant gets the receipt number
    受付 / 決定 / お断り  → the applicant (to the address they gave, if any)
    回付                → the department it is routed to
    受付窓口へ戻す / お断り → the reception desk (and the department, if it held the request)
    取下げ              → whoever holds it: the reception desk and, once routed, the department
    3 days before       → the department (講座の準備)
    7 days after        → the department, while no 実施報告 is filed

Every mail says the receipt number, the theme, the group, the date and time in 和暦 and the
place, and ends with the link to the page where the work is. Nobody is told of their own step.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import reminders
from kyodo.core.japanese import wareki_date
from kyodo.core.models import DEPARTMENT_ROLES, Role
from kyodo.core.notify import holders, notify

from .models import Request

WEEKDAYS = "月火水木金土日"
#: Days before a decided lecture when the department is reminded of it.
DAYS_BEFORE = 3
#: Days after a lecture when the department is reminded of a 実施報告 not yet filed.
REPORT_DUE_DAYS = 7
#: States in which the request is in a department's hands.
WITH_DEPARTMENT = frozenset({Request.Status.ROUTED, Request.Status.SCHEDULING, Request.Status.DECIDED,
                             Request.Status.HELD})


def when_text(moment, until=None):
    """「令和8年5月12日(火) 14:00〜15:30」 in Japan's time."""
    moment = timezone.localtime(moment)
    text = f"{wareki_date(moment.date())}({WEEKDAYS[moment.weekday()]}) {moment:%H:%M}"
    if until is not None:
        text += f"〜{timezone.localtime(until):%H:%M}"
    return text


def details(request):
    """The lines every mail about ``request`` carries."""
    if request.starts_at:
        when = _("日時: %(when)s") % {"when": when_text(request.starts_at, request.ends_at)}
    else:
        when = _("第1希望日時: %(when)s") % {"when": when_text(request.preferred_1)}
    lines = [
        _("受付番号: %(no)s") % {"no": request.receipt_number},
        _("講座: %(theme)s") % {"theme": request.theme.title},
        _("団体: %(group)s") % {"group": request.group_name},
        when,
        _("会場: %(venue)s(%(address)s)") % {"venue": request.venue, "address": request.venue_address},
    ]
    if request.lecturer:
        lines.append(_("講師: %(lecturer)s") % {"lecturer": request.lecturer})
    return "\n".join(lines)


def staff_page(request):
    return reverse("lectures:request", args=[request.organisation.slug, request.pk])


def reception_desk(request):
    return holders(request.organisation, {Role.RECEPTION_DESK})


def department(request):
    """Those who act for the department handling ``request`` (the roles that may handle it)."""
    if request.department_id is None:
        return []
    return holders(request.organisation, DEPARTMENT_ROLES, department=request.department)


def tell_staff(recipients, actor, request, subject, lead):
    others = [user for user in recipients if actor is None or user.pk != actor.pk]
    notify(others, subject=subject % {"no": request.receipt_number},
           body=f"{lead}\n\n{details(request)}", url=staff_page(request), organisation=request.organisation)


def tell_applicant(request, subject, lead):
    """The applicant's mail (no account: the address they gave, if they gave one)."""
    if not request.email:
        return
    greeting = _("%(group)s %(name)s 様") % {"group": request.group_name, "name": request.representative}
    notify([request.email], subject=subject % {"no": request.receipt_number},
           body=f"{greeting}\n\n{lead}\n\n{details(request)}",
           url=reverse("lectures:status", args=[request.organisation.slug]), organisation=request.organisation)


# --- The steps ------------------------------------------------------------------------------------

def submitted(request, actor=None):
    lead = _("出前講座の新しい申込がありました。受付の手続をしてください。")
    if request.entered_by_id:
        lead += "\n" + _("受付の方法: %(how)s") % {"how": request.received_as}
    tell_staff(reception_desk(request), actor, request, _("【出前講座】新しい申込(受付番号 %(no)s)"), lead)
    tell_applicant(request, _("【出前講座】お申込みを受け付けました(受付番号 %(no)s)"), _(
        "出前講座「%(theme)s」のお申込みを受け付けました。担当課と日程を調整し、決まりしだいお知らせします。"
        "状況は受付番号とメールアドレスで確認できます。") % {"theme": request.theme.title})


def received(request, actor):
    tell_applicant(request, _("【出前講座】受付のお知らせ(受付番号 %(no)s)"), _(
        "出前講座「%(theme)s」のお申込みを受け付けました。担当課から日程のご相談をします。")
        % {"theme": request.theme.title})


def routed(request, actor, note=""):
    lead = _("受付窓口から出前講座の申込が回付されました。申込者と日程を調整し、実施日時と講師を決定してください。")
    if note:
        lead += "\n" + _("受付窓口のメモ: %(note)s") % {"note": note}
    tell_staff(department(request), actor, request, _("【出前講座】申込が回付されました(受付番号 %(no)s)"), lead)


def returned(request, actor, reason):
    tell_staff(reception_desk(request), actor, request, _("【出前講座】申込が受付窓口へ戻されました(受付番号 %(no)s)"),
               _("%(department)sから申込が受付窓口へ戻されました。回付先を見直してください。\n理由: %(reason)s")
               % {"department": request.department.name if request.department_id else "—", "reason": reason})


def decided(request, actor):
    tell_applicant(request, _("【出前講座】実施日が決まりました(受付番号 %(no)s)"), _(
        "出前講座「%(theme)s」の実施日が決まりました。当日はよろしくお願いします。") % {"theme": request.theme.title})


def declined(request, actor, reason, from_status):
    recipients = reception_desk(request)
    if from_status in WITH_DEPARTMENT:
        recipients += department(request)
    tell_staff(recipients, actor, request, _("【出前講座】申込をお断りしました(受付番号 %(no)s)"),
               _("%(who)sさんが申込をお断りしました。\n理由: %(reason)s") % {"who": actor, "reason": reason})
    tell_applicant(request, _("【出前講座】お申込みについて(受付番号 %(no)s)"), _(
        "出前講座「%(theme)s」のお申込みは、次の理由によりお受けできませんでした。\n%(reason)s")
        % {"theme": request.theme.title, "reason": reason})


def withdrawn(request, reason, from_status):
    """取下げ by the applicant: whoever holds the request stops working on it."""
    recipients = reception_desk(request)
    if from_status in WITH_DEPARTMENT:
        recipients += department(request)
    if from_status == Request.Status.DECIDED:
        subject = _("【出前講座】決定済みの講座が取り下げられました(受付番号 %(no)s)")
        lead = _("実施日の決まっていた出前講座が申込者により取り下げられました。講師の予定を空けてください。")
    else:
        subject = _("【出前講座】申込が取り下げられました(受付番号 %(no)s)")
        lead = _("出前講座の申込が申込者により取り下げられました。")
    if reason:
        lead += "\n" + _("理由: %(reason)s") % {"reason": reason}
    tell_staff(recipients, None, request, subject, lead)


# --- Reminders ------------------------------------------------------------------------------------

def _day_starts(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def upcoming_lectures(today):
    """A decided lecture in the next ``DAYS_BEFORE`` days: the department prepares it."""
    lectures = (Request.objects.filter(status=Request.Status.DECIDED,
                                       starts_at__gte=_day_starts(today + datetime.timedelta(days=1)),
                                       starts_at__lt=_day_starts(today + datetime.timedelta(days=DAYS_BEFORE + 1)))
                .select_related("organisation", "theme", "department"))
    for lecture in lectures:
        yield reminders.Reminder(
            key=f"lectures.upcoming:{lecture.pk}:{timezone.localtime(lecture.starts_at):%Y%m%d%H%M}",
            recipients=department(lecture),
            subject=_("【出前講座】%(when)sに講座があります(受付番号 %(no)s)") % {
                "when": when_text(lecture.starts_at), "no": lecture.receipt_number},
            body=_("担当の出前講座が近づいています。資料と講師の準備を確かめてください。") + "\n\n" + details(lecture),
            url=staff_page(lecture), organisation=lecture.organisation)


def overdue_reports(today):
    """A lecture ``REPORT_DUE_DAYS`` days past with no 実施報告: the department files it."""
    lectures = (Request.objects.filter(status__in=[Request.Status.DECIDED, Request.Status.HELD],
                                       starts_at__lt=_day_starts(today - datetime.timedelta(days=REPORT_DUE_DAYS - 1)))
                .select_related("organisation", "theme", "department"))
    for lecture in lectures:
        yield reminders.Reminder(
            key=f"lectures.report_due:{lecture.pk}",
            recipients=department(lecture),
            subject=_("【出前講座】実施報告をお願いします(受付番号 %(no)s)") % {"no": lecture.receipt_number},
            body=_("%(date)sの出前講座の実施報告がまだありません。参加者数と出された質問・意見を報告してください。")
            % {"date": wareki_date(timezone.localtime(lecture.starts_at).date())} + "\n\n" + details(lecture),
            url=staff_page(lecture), organisation=lecture.organisation)
