"""Who is told what about events. Registrants have no account (or need none): they are mailed
at the address they gave with ``core.tasks.send_mail_on_commit``, inside the action's
transaction, so nothing leaves if the action fails.

    registered         → the registrant: receipt number, session, status (参加予定 / キャンセル待ち)
    promoted           → the registrant moved up from the waitlist
    cancelled          → the registrant (confirmation)
    event cancelled    → every registrant not cancelled
    the day before     → every confirmed registrant (reminder, ``events.day_before``)
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core.japanese import wareki_date
from kyodo.core.notify import absolute_url
from kyodo.core.tasks import send_mail_on_commit

WEEKDAYS = "月火水木金土日"


def when_text(session):
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    text = f"{wareki_date(start.date())}({WEEKDAYS[start.weekday()]}) {start:%H:%M}〜"
    if end.date() != start.date():
        text += f"{wareki_date(end.date())} "
    return text + f"{end:%H:%M}"


def place_text(event):
    if event.online:
        return _("オンライン")
    return f"{event.venue}({event.address})" if event.address else event.venue


def details(registration):
    event, session = registration.event, registration.session
    lines = [
        _("受付番号: %(no)s") % {"no": registration.receipt_number},
        _("イベント: %(title)s") % {"title": event.title},
        _("日時: %(when)s") % {"when": when_text(session)},
        _("会場: %(place)s") % {"place": place_text(event)},
        _("人数: %(n)d人") % {"n": registration.seats},
        _("状況: %(status)s") % {"status": registration.get_status_display()},
    ]
    return "\n".join(lines)


def status_url(registration):
    return absolute_url(reverse("events:status", args=[registration.organisation.slug]))


def _mail(registration, subject, opening):
    body = "\n\n".join([
        _("%(name)s 様") % {"name": registration.name}, opening, details(registration),
        _("申込の確認・取消は、受付番号とメールアドレスで次のページから行えます。") + "\n" + status_url(registration),
        registration.organisation.name + (f" {registration.event.department.name}"
                                          if registration.event.department_id else ""),
    ])
    send_mail_on_commit([registration.email], subject, body)


def registered(registration):
    if registration.status == registration.Status.WAITLISTED:
        opening = _("キャンセル待ちに登録しました。席が空いたら自動で繰り上げ、メールでお知らせします。")
        subject = _("【キャンセル待ち受付】%(title)s")
    else:
        opening = _("お申込みを受け付けました。当日は受付で受付番号をお伝えください。")
        subject = _("【申込受付】%(title)s")
    _mail(registration, subject % {"title": registration.event.title}, opening)


def promoted(registration):
    _mail(registration, _("【参加が決まりました】%(title)s") % {"title": registration.event.title},
          _("キャンセルが出たため、キャンセル待ちから繰り上がり、参加が決まりました。"
            "ご都合が悪くなったときは、下のページから取り消してください。"))


def cancelled(registration):
    _mail(registration, _("【申込の取消】%(title)s") % {"title": registration.event.title},
          _("お申込みを取り消しました。"))


def event_cancelled(registration, reason):
    _mail(registration, _("【中止のお知らせ】%(title)s") % {"title": registration.event.title},
          _("誠に申し訳ありませんが、このイベントは中止になりました。理由: %(reason)s") % {"reason": reason})


def day_before(today):
    """Reminder source (``core.reminders``): every confirmed registrant of a session held tomorrow."""
    from kyodo.core.reminders import Reminder

    from .models import Registration

    tomorrow = today + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    registrations = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, erased_at__isnull=True, session__starts_at__gte=start,
        session__starts_at__lt=start + datetime.timedelta(days=1),
        event__status="published").select_related("event__department", "session", "organisation")
    for registration in registrations:
        yield Reminder(
            key=f"events.day_before:{registration.pk}", recipients=[registration.email],
            subject=_("【明日開催】%(title)s") % {"title": registration.event.title},
            body="\n\n".join([_("%(name)s 様") % {"name": registration.name},
                               _("明日のイベントのご案内です。ご来場をお待ちしています。"), details(registration)]),
            url=reverse("events:status", args=[registration.organisation.slug]),
            organisation=registration.organisation)
