"""Scale data for events (``manage.py generate_scale``; see ``kyodo/core/scale.py``).

Every generated municipality publishes ``scale.rows`` events in all (100,000 at m), spread
over its years and months: 交流会, セミナー, 説明会, ワークショップ… of its 市民協働 and other
divisions, one session each, free or with a fee, in one of its districts; a tenth are staff-only
研修. Past public events have a published report one time in three; the current year's run
into the months ahead, so the event list, the calendar, the open data and the API are measured
with 100 to 100,000 events. No registrations are generated (no personal data, not even
invented).
"""

import datetime

from kyodo.core.scale import DISTRICTS, day_in_fiscal_year, jst

from .models import Event, EventFile, EventReport, Feedback, ReceiptCounter, Registration, ReportPhoto, Session

# (title, kind, hours, fee)
TITLES = [
    ("市民活動交流会", "exchange", 3, 0), ("協働のまちづくりセミナー", "seminar", 2, 0),
    ("NPO法人設立説明会", "briefing", 2, 0), ("町内会の担い手ワークショップ", "workshop", 3, 0),
    ("ボランティア入門講座", "seminar", 2, 0), ("市民活動フォーラム", "symposium", 4, 500),
    ("助成金の申請書の書き方講座", "seminar", 2, 0), ("地域の防災ワークショップ", "workshop", 3, 0),
    ("広報紙づくり講座", "seminar", 2, 300), ("子ども食堂交流会", "exchange", 2, 0),
]
TRAININGS = [("新任職員研修(協働の基礎)", 3), ("協働事業の評価研修", 2), ("NPOへの派遣研修 説明会", 1)]


def generate(ctx):
    events = ctx.table(Event, ["organisation_id", "department_id", "title", "kind", "audience", "status",
                               "summary", "area", "venue", "address", "fee", "starts_at", "ends_at",
                               "created_at", "published_at"], batch=10_000)
    sessions = ctx.table(Session, ["event_id", "starts_at", "ends_at", "capacity", "seats_taken"], batch=10_000)
    reports = ctx.table(EventReport, ["event_id", "participants", "summary", "published_at"], batch=10_000)
    per_year = ctx.scale.per_org_year(ctx.scale.rows)
    now = ctx.now
    for org in ctx.organisations:
        rng = ctx.rng("events", org.pk)
        departments = [pk for pk, _name in org.departments]
        for year in ctx.years:
            for n in range(per_year):
                day = day_in_fiscal_year(rng, year)
                starts = jst(day.year, day.month, day.day, rng.choice((10, 13, 14, 18)))
                district = rng.choice(DISTRICTS)
                if n % 10 == 9:
                    title, hours = rng.choice(TRAININGS)
                    kind, audience, fee = "training", "staff", 0
                else:
                    title, kind, hours, fee = rng.choice(TITLES)
                    audience = "public" if n % 5 else "partners"
                ends = starts + datetime.timedelta(hours=hours)
                published = starts - datetime.timedelta(days=rng.randint(14, 45))
                capacity = rng.choice((20, 30, 50, 80, 100))
                event = events.add(
                    org.pk, rng.choice(departments), f"{title}({district})", kind, audience, "published",
                    f"{org.name}{district}地区の{title}です。", district, f"{district}コミュニティセンター",
                    f"{org.name}{district}{rng.randint(1, 9)}丁目", fee, starts, ends, published, published)
                taken = rng.randint(0, capacity) if ends < now else rng.randint(0, capacity // 2)
                sessions.add(event, starts, ends, capacity, taken)
                if ends < now and audience != "staff" and rng.random() < 1 / 3:
                    reports.add(event, taken, f"{taken}人が参加しました。{district}地区の団体と職員が意見を交わしました。",
                                ends + datetime.timedelta(days=rng.randint(7, 30)))


def purge(organisations):
    using = organisations.db
    ids = organisations.values("pk")
    Feedback.objects.filter(event__organisation__in=ids)._raw_delete(using)
    Registration.objects.filter(organisation__in=ids)._raw_delete(using)
    ReceiptCounter.objects.filter(organisation__in=ids)._raw_delete(using)
    ReportPhoto.objects.filter(report__event__organisation__in=ids)._raw_delete(using)
    EventReport.objects.filter(event__organisation__in=ids)._raw_delete(using)
    EventFile.objects.filter(event__organisation__in=ids)._raw_delete(using)
    Session.objects.filter(event__organisation__in=ids)._raw_delete(using)
    Event.partners.through.objects.filter(event__organisation__in=ids)._raw_delete(using)
    Event.objects.filter(organisation__in=ids)._raw_delete(using)
