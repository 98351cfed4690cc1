"""イベント一覧 open data of events: one row per session of every public event (past and
future), in the current 自治体標準オープンデータセット layout written by ``core.eventlist``.
Only what the public event page shows: never a registrant, never the seats taken."""

import datetime

from django.urls import reverse
from django.utils import timezone

from kyodo.core import downloads, eventlist
from kyodo.core.japanese import fiscal_year_range
from kyodo.core.notify import absolute_url

from .models import Audience, Event, Session


def open_data_sessions(organisation, year=None):
    sessions = Session.objects.filter(
        event__organisation=organisation, event__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED],
    ).exclude(event__audience=Audience.STAFF)
    if year is not None:
        start, end = fiscal_year_range(year)
        sessions = sessions.filter(
            starts_at__gte=timezone.make_aware(datetime.datetime.combine(start, datetime.time())),
            starts_at__lt=timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1),
                                                                        datetime.time())))
    return (sessions.select_related("event__department", "event__organisation__prefecture")
            .prefetch_related("event__partners").order_by("starts_at", "pk"))


def accessibility_text(event):
    notes = [label for flag, label in ((event.wheelchair, "車いす可"), (event.sign_language, "手話通訳あり"),
                                       (event.childcare, "託児あり")) if flag]
    return "・".join(notes)


def event_rows(organisation, sessions, request=None):
    for session in sessions.iterator(chunk_size=downloads.BATCH):
        event = session.event
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        closes = timezone.localtime(event.registration_closes) if event.registration_closes else None
        organisers = [f"{organisation.name} {event.department.name}", *(p.name for p in event.partners.all())]
        remarks = [accessibility_text(event)]
        if event.status == Event.Status.CANCELLED:
            remarks.insert(0, "中止")
        url = absolute_url(reverse("events:event", args=[organisation.slug, event.pk]))
        yield eventlist.row(
            organisation, ID=f"{event.pk}-{session.pk}",
            イベント名=f"{event.title} {session.label}".strip(), イベント名_カナ=event.title_kana,
            開始日=start.date().isoformat(), 終了日=end.date().isoformat(),
            開始時間=start.strftime("%H:%M"), 終了時間=end.strftime("%H:%M"), 説明=event.summary,
            **{"料金(基本)": "無料" if not event.fee else f"{event.fee}円", "料金(詳細)": event.fee_note},
            連絡先名称=event.contact or event.department.name, 主催者="、".join(organisers),
            場所名称="オンライン" if event.online else event.venue,
            所在地_連結表記="" if event.online else event.address, アクセス方法=event.access,
            定員=session.capacity, 参加申込終了日=closes.date().isoformat() if closes else "",
            参加申込終了時間=closes.strftime("%H:%M") if closes else "",
            参加申込方法="ウェブで申込(アカウント不要)" if event.registration_required else "申込不要",
            URL=url, 備考="・".join(r for r in remarks if r),
        )
