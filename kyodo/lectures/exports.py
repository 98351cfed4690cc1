"""Downloads of 出前講座: yearly statistics (CSV/Excel), the held lectures as the Digital
Agency's standard open-data 「イベント一覧」, and iCalendar feeds of decided lectures.
None of the public ones carries personal data: no representative, phone or e-mail is ever
read; only a staff member's secret feed names the group and the venue."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from kyodo.core import eventlist
from kyodo.core.japanese import wareki_fiscal_year

#: 自治体標準オープンデータセット「イベント一覧」 in its current layout: one writer for the whole
#: site (kyodo/core/eventlist.py).
EVENT_COLUMNS = eventlist.COLUMNS
EVENT_DOWNLOAD_COLUMNS = eventlist.DOWNLOAD_COLUMNS


def statistics_rows(stats):
    year = wareki_fiscal_year(stats["year"], western=True)
    rows = [["年度", year], ["申込件数", stats["requests"]], ["実施件数", stats["held"]],
            ["お断り件数", stats["declined"]], ["取下げ件数", stats["withdrawn"]],
            ["受講者数(合計)", stats["audience"]], [],
            ["講座番号", "講座名", "申込件数", "実施件数", "受講者数"]]
    rows += [list(row) for row in stats["by_theme"]]
    rows += [[], ["担当課", "実施件数", "受講者数"]]
    rows += [list(row) for row in stats["by_department"]]
    rows += [[], ["月", "実施件数"]]
    rows += [[f"{m}月", n] for m, n in stats["by_month"]]
    return rows


def public_area(organisation):
    """Where a lecture took place, as far as the public may know: the municipality."""
    if organisation.prefecture_id and organisation.prefecture.name not in organisation.name:
        return f"{organisation.prefecture.name}{organisation.name}"
    return organisation.name


def event_rows(organisation, lectures):
    for number, lecture in enumerate(lectures, start=1):
        start = timezone.localtime(lecture.starts_at) if lecture.starts_at else None
        end = timezone.localtime(lecture.ends_at) if lecture.ends_at else None
        yield eventlist.row(
            organisation, ID=number, イベント名=f"出前講座「{lecture.theme.title}」",
            開始日=start.date().isoformat() if start else "", 終了日=end.date().isoformat() if end else "",
            開始時間=start.strftime("%H:%M") if start else "", 終了時間=end.strftime("%H:%M") if end else "",
            説明=lecture.theme.summary, **{"料金(基本)": "無料"},
            連絡先名称=lecture.department.name if lecture.department_id else "", 主催者=organisation.name,
            # The venue is the group's (possibly a private home): the municipality at most.
            所在地_連結表記=public_area(organisation),
            備考=f"参加者数 {lecture.actual_audience}人" if lecture.actual_audience is not None else "",
        )


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Kyodo//出前講座//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(lecture, summary):
    event = Event()
    event.add("uid", f"lecture-{lecture.pk}@kyodo")
    event.add("summary", summary)
    event.add("dtstart", lecture.starts_at)
    event.add("dtend", lecture.ends_at or lecture.starts_at + datetime.timedelta(hours=1))
    event.add("dtstamp", timezone.now())
    return event


def public_ical(organisation, name, lectures):
    """A public feed carries what the public pages show: the theme, the date and time and the
    municipality. The group, its venue (possibly a private home) and the receipt number (half of
    the status page's credential) stay out."""
    calendar = _calendar(name)
    for lecture in lectures:
        event = _event(lecture, f"出前講座「{lecture.theme.title}」")
        event.add("location", public_area(organisation))
        calendar.add_component(event)
    return calendar.to_ical()


def staff_ical(name, lectures):
    """A staff member's secret feed: the group, venue, receipt number and lecturer too."""
    calendar = _calendar(name)
    for lecture in lectures:
        event = _event(lecture, f"出前講座「{lecture.theme.title}」({lecture.group_name})")
        event.add("location", f"{lecture.venue} {lecture.venue_address}")
        event.add("description", f"受付番号 {lecture.receipt_number} / 担当課 "
                                 f"{lecture.department.name if lecture.department_id else ''} / 講師 {lecture.lecturer}")
        calendar.add_component(event)
    return calendar.to_ical()
