"""Demo data for events (seed 004's timeline of 北海道's 職員への意識づくり): the
市民活動地域交流会 of H13–H14 and the 協働推進セミナー of H15–H16 with their reports, a recent
交流会 with its report, an upcoming 協働推進セミナー with one session full and a waitlist and
one with seats left, a 新任職員研修 (staff only) whose participants have training records, and a
札幌市 event. The dates of the seed's years and the event names are the seed's; venues, counts,
programmes and every person are illustrative."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kyodo.core.japanese import fiscal_year
from kyodo.core.models import User

from .models import Event, EventReport, ReceiptCounter, Registration, Session

TOKYO = ZoneInfo("Asia/Tokyo")
PREF = "北海道"
COORDINATION = ("環境生活部", "生活文化・青少年室", "生活振興課")
PERSONNEL = ("総務部", "人事局", "人事課")
NAMES = ["佐々木 陽子", "高橋 健", "伊藤 美咲", "山田 大輔", "中村 さくら", "小林 直樹", "加藤 恵", "吉田 翔",
         "山口 千尋", "松本 拓也", "井上 由美", "木村 聡", "林 亜希", "清水 誠", "森 優子", "池田 亮"]


def at(year, month, day, hour=13, minute=30):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TOKYO)


# title, kind, start, hours, venue, address, area, participants, summary, report
PAST = [
    ("市民活動地域交流会(石狩会場)", "exchange", at(2001, 11, 17), 3, "かでる2・7", "札幌市中央区北2条西7丁目", "石狩", 86,
     "市民活動団体と道・市町村の職員が、地域の課題と協働の可能性を話し合う交流会です。",
     "道内各地のNPO・ボランティア団体と行政職員86人が参加しました。分科会(福祉・環境・まちづくり)で、それぞれの地域の課題と協働の事例を紹介し合いました。"),
    ("市民活動地域交流会(上川会場)", "exchange", at(2002, 10, 26), 3, "旭川市民活動交流センター", "旭川市宮前1条3丁目", "上川", 64,
     "地域で活動する市民活動団体と行政の交流会です。",
     "64人が参加しました。協働で取り組む事業の進め方について、団体と行政の双方から意見が出されました。"),
    ("協働推進セミナー", "seminar", at(2003, 12, 5), 3, "北海道庁別館 地下大会議室", "札幌市中央区北3条西7丁目", "全道", 120,
     "「北海道協働推進基本指針」(平成15年3月)をもとに、協働の考え方と進め方を学ぶセミナーです。",
     "道職員・市町村職員・NPOから120人が参加しました。基本指針の説明と、協働事業の事例発表を行いました。"),
    ("協働推進セミナー", "seminar", at(2004, 11, 19), 3, "かでる2・7", "札幌市中央区北2条西7丁目", "全道", 104,
     "協働評価システムの試行を踏まえ、協働事業の評価の進め方を学ぶセミナーです。",
     "104人が参加しました。協働評価システムの試行結果を報告し、行政とNPOの双方からの評価の違いについて話し合いました。"),
]


def load(world):
    organisations = world["organisations"]
    hokkaido, sapporo = organisations[PREF], organisations["札幌市"]
    departments = world["departments"]
    coordination = departments[(PREF, COORDINATION)]
    personnel = departments[(PREF, PERSONNEL)]
    if Event.objects.filter(organisation=hokkaido).exists():
        return
    now = timezone.now()
    with transaction.atomic():
        partners = _partners(hokkaido)
        for title, kind, start, hours, venue, address, area, participants, summary, report in PAST:
            event = _event(hokkaido, coordination, title, kind, start, hours, venue, address, area, summary,
                           capacity=150, partners=partners)
            _report(event, participants, report, start + datetime.timedelta(days=20))

        # A recent exchange meeting with its report.
        last_year = fiscal_year(timezone.localdate()) - 1
        recent = _event(hokkaido, coordination, "市民活動地域交流会(オホーツク会場)", "exchange",
                        at(last_year, 10, 18), 3, "北見市民会館", "北見市寿町2丁目", "オホーツク",
                        "地域の市民活動団体・企業・行政が、担い手不足の中での協働を話し合う交流会です。",
                        capacity=80, partners=partners)
        _report(recent, 58, "58人が参加しました。企業の社会貢献と市民活動をつなぐ仕組みについて、グループで話し合いました。",
                at(last_year, 11, 10), captions=["グループごとに地域の課題を付箋で整理する参加者",
                                                  "企業とNPOの協働事例を発表する登壇者"])
        registrations_for(recent, recent.sessions.get(), 40, checked_in=36)

        # An upcoming seminar: one session full with a waitlist, one with seats left.
        upcoming_day = timezone.localdate() + datetime.timedelta(days=21)
        first = datetime.datetime.combine(upcoming_day, datetime.time(13, 30), tzinfo=TOKYO)
        seminar = _event(hokkaido, coordination, "協働推進セミナー ― 協働事業の評価と改善", "seminar", first, 3,
                         "かでる2・7 大会議室", "札幌市中央区北2条西7丁目", "全道",
                         "協働事業を行政とNPOの双方から評価し、次の事業に生かす方法を学びます。",
                         capacity=30, partners=partners, label="札幌会場",
                         programme="13:30 開会\n13:40 講演「協働評価の考え方」\n14:40 事例発表(NPO・道)\n15:40 意見交換\n16:30 閉会",
                         speakers="北海道大学 公共政策大学院 教員(講演)\n市民活動団体 代表(事例発表)",
                         wheelchair=True, sign_language=True, childcare=True,
                         accessibility_note="託児は1歳以上の未就学児、申込の際にお知らせください。",
                         registration_opens=now - datetime.timedelta(days=14),
                         registration_closes=first - datetime.timedelta(days=3), max_seats_per_registration=4,
                         ask_group=True, ask_area=True, contact="環境生活部 生活振興課 協働推進係 011-231-4111")
        full = seminar.sessions.get()
        registrations_for(seminar, full, 30)
        registrations_for(seminar, full, 3, status=Registration.Status.WAITLISTED, offset=30)
        second_start = first + datetime.timedelta(days=7)
        Session.objects.create(event=seminar, label="オンライン(同時配信)", starts_at=second_start,
                               ends_at=second_start + datetime.timedelta(hours=3), capacity=100)
        Session.objects.filter(pk=full.pk).update(seats_taken=30)
        Event.objects.filter(pk=seminar.pk).update(ends_at=second_start + datetime.timedelta(hours=3))

        # 新任職員研修 (staff only), held this fiscal year, with records for the demo staff.
        this_year = fiscal_year(timezone.localdate())
        training = _event(hokkaido, personnel, "新任職員研修(協働の基礎)", "training", at(this_year, 5, 20, 9, 30), 3,
                          "北海道職員研修センター", "江別市文京台", "全道",
                          "新たに採用された職員が、協働の考え方と道の取組、NPOとの連携の実際を学びます。",
                          capacity=60, audience="staff")
        staff = list(User.objects.filter(email__in=["staff@hokkaido.example.jp", "coordinator@hokkaido.example.jp"]))
        session = training.sessions.get()
        for user in staff:
            assignment = user.role_assignments.filter(organisation=hokkaido, department__isnull=False).first()
            _registration(training, session, user.display_name, user.email, user=user,
                          department=assignment.department if assignment else None, checked_in=True)
        _report(training, len(staff) + 40, "新任職員42人が受講しました。NPO法人の代表から協働事業の実際を聞き、グループ討議を行いました。",
                at(this_year, 6, 1))
        dispatch_day = timezone.localdate() + datetime.timedelta(days=40)
        _event(hokkaido, personnel, "NPOへの派遣研修 説明会", "training",
               datetime.datetime.combine(dispatch_day, datetime.time(15, 0), tzinfo=TOKYO), 1,
               "道庁本庁舎 研修室", "札幌市中央区北3条西6丁目", "全道",
               "NPOへの長期派遣研修(☆継続中)の内容と応募方法を説明します。", capacity=30, audience="staff")

        # A Sapporo event.
        sapporo_department = departments.get(("札幌市", ("市民まちづくり局", "地域振興部", "市民活動促進課")))
        if sapporo_department is not None:
            day = timezone.localdate() + datetime.timedelta(days=30)
            sapporo_event = _event(
                sapporo, sapporo_department, "さっぽろ市民活動交流フェア", "workshop",
                datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=TOKYO), 6, "札幌市民交流プラザ",
                "札幌市中央区北1条西1丁目", "札幌市",
                "市民活動団体の活動紹介と、町内会・NPO・企業が協働を考えるワークショップです。",
                capacity=50, fee=500, fee_note="資料代", wheelchair=True)
            registrations_for(sapporo_event, sapporo_event.sessions.get(), 12, offset=40)


def _partners(organisation):
    try:
        from kyodo.collaboration.models import Partner
    except ImportError:  # pragma: no cover
        return []
    return list(Partner.objects.filter(organisation=organisation).order_by("pk")[:2])


def _event(organisation, department, title, kind, start, hours, venue, address, area, summary, *, capacity,
           partners=(), label="", audience="public", **fields):
    end = start + datetime.timedelta(hours=hours)
    event = Event.objects.create(
        organisation=organisation, department=department, title=title, kind=kind, audience=audience,
        status=Event.Status.PUBLISHED, summary=summary, venue=venue, address=address, area=area,
        starts_at=start, ends_at=end, published_at=min(timezone.now(), start - datetime.timedelta(days=30)),
        **fields)
    if partners and audience == "public":
        event.partners.set(partners)
    Session.objects.create(event=event, label=label, starts_at=start, ends_at=end, capacity=capacity)
    return event


def _report(event, participants, summary, published, captions=()):
    report = EventReport.objects.create(event=event, participants=participants, summary=summary,
                                        published_at=min(published, timezone.now()))
    for order, caption in enumerate(captions):
        report.photos.create(caption=caption, sort_order=order)


def _next(organisation, year):
    counter, _created = ReceiptCounter.objects.get_or_create(organisation=organisation, fiscal_year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _registration(event, session, name, email, *, status=Registration.Status.CONFIRMED, user=None,
                  department=None, checked_in=False, seats=1):
    created = min(timezone.now(), session.starts_at - datetime.timedelta(days=10))
    year = fiscal_year(timezone.localtime(created).date())
    registration = Registration.objects.create(
        organisation_id=event.organisation_id, event=event, session=session, user=user, department=department,
        fiscal_year=year, sequence=_next(event.organisation, year), status=status, seats=seats, name=name,
        email=email, consent=True, created_at=created,
        checked_in_at=session.starts_at if checked_in else None)
    if status == Registration.Status.CONFIRMED:
        Session.objects.filter(pk=session.pk).update(seats_taken=session.registrations.filter(
            status=Registration.Status.CONFIRMED).count())
    return registration


def registrations_for(event, session, count, *, status=Registration.Status.CONFIRMED, offset=0, checked_in=0):
    for n in range(count):
        index = n + offset
        family = NAMES[index % len(NAMES)].split()[0]
        given = NAMES[(index * 5 + index // len(NAMES)) % len(NAMES)].split()[1]
        name = f"{family} {given}"
        _registration(event, session, name, f"demo-{event.pk}-{n + offset}@example.jp", status=status,
                      checked_in=n < checked_in)
