"""Who is told what in 意見公募.

    each comment            → the commenter (the receipt number, if they gave an address)
    new comments (daily)    → the owning department's staff: one reminder a day listing the
                              day's count, rather than a mail per comment
    the period has ended    → the owning department's staff (集計・検討 to start)
    results published       → every commenter who gave an address, ONE mail each (no
                              individual replies, 行政手続法 practice)
"""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import reminders
from kyodo.core.japanese import wareki_date
from kyodo.core.models import DEPARTMENT_ROLES
from kyodo.core.notify import absolute_url, holders, notify
from kyodo.core.tasks import send_mail_on_commit

from .models import Call


def department_staff(call):
    return holders(call.organisation, DEPARTMENT_ROLES, department=call.department)


def comment_received(comment):
    """The commenter's receipt (the anonymous commenter has no account: straight to the address)."""
    if not comment.email:
        return
    call = comment.call
    subject = _("【意見公募】ご意見を受け付けました(受付番号 %(no)s)") % {"no": comment.receipt_number}
    body = _(
        "「%(title)s」へのご意見を受け付けました。\n受付番号: %(no)s\n\n"
        "いただいたご意見は、内容ごとに整理して「意見の概要と市の考え方」として公表します。"
        "個別の回答はいたしません。結果を公表したときに、このアドレスにお知らせします。"
    ) % {"title": call.title, "no": comment.receipt_number}
    url = reverse("publiccomment:call", args=[call.organisation.slug, call.pk])
    send_mail_on_commit([comment.email], subject, f"{body}\n\n{absolute_url(url)}")


def results_published(call):
    """One mail to each commenter's address (each address once, whatever it sent)."""
    addresses = sorted({e.lower() for e in call.comments.exclude(email="").values_list("email", flat=True)})
    if not addresses:
        return 0
    return notify(
        addresses,
        subject=_("【意見公募】「%(title)s」の結果を公表しました") % {"title": call.title},
        body=_("ご意見をお寄せいただいた「%(title)s」について、意見の概要と市の考え方、案の修正の有無を公表しました。"
               "ご協力ありがとうございました。") % {"title": call.title},
        url=reverse("publiccomment:results", args=[call.organisation.slug, call.pk]),
        organisation=call.organisation)


def staff_page(call):
    return reverse("publiccomment:manage_call", args=[call.organisation.slug, call.pk])


def _day_starts(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def new_comments(today):
    """Yesterday's comments, counted per call: one reminder a day to the owning department."""
    start, end = _day_starts(today - datetime.timedelta(days=1)), _day_starts(today)
    calls = (Call.objects.filter(status=Call.Status.ANNOUNCED)
             .annotate(new=Count("comments", filter=Q(comments__submitted_at__gte=start,
                                                     comments__submitted_at__lt=end)))
             .filter(new__gt=0).select_related("organisation", "department"))
    for call in calls:
        yield reminders.Reminder(
            key=f"publiccomment.new:{call.pk}:{today:%Y%m%d}",
            recipients=department_staff(call),
            subject=_("【意見公募】「%(title)s」に%(n)d件の意見がありました") % {"title": call.title, "n": call.new},
            body=_("%(date)sに%(n)d件の意見が提出されました。内容を確かめ、必要なら個人情報等を非公開にしてください。")
            % {"date": wareki_date(today - datetime.timedelta(days=1)), "n": call.new},
            url=staff_page(call), organisation=call.organisation)


def period_ended(today):
    """The day after a call's last day: the department starts 集計・検討."""
    calls = (Call.objects.filter(status=Call.Status.ANNOUNCED, closes_on=today - datetime.timedelta(days=1))
             .annotate(total=Count("comments")).select_related("organisation", "department"))
    for call in calls:
        yield reminders.Reminder(
            key=f"publiccomment.closed:{call.pk}",
            recipients=department_staff(call),
            subject=_("【意見公募】「%(title)s」の募集を締め切りました") % {"title": call.title},
            body=_("意見の募集を締め切りました(%(n)d件)。「集計・検討」に進み、意見を整理して市の考え方をまとめてください。")
            % {"n": call.total},
            url=staff_page(call), organisation=call.organisation)

