"""The calendar's iCalendar feeds (valid RFC 5545: VEVENT with UID, DTSTAMP, TZID=Asia/Tokyo,
all-day dates, folded lines) and its read API with a bounded range."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from .conftest import at, lecture, meeting

pytestmark = pytest.mark.django_db


def soon(days, hour=14):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return at(day.year, day.month, day.day, hour)


def test_the_feed_is_valid_icalendar(client, sapporo, council, lecture_theme):
    long_venue = "札幌市役所本庁舎 18階 第一常任委員会会議室(エレベーターをお降りになり右手奥へお進みください)"
    first = meeting(council, 1, soon(3), venue=long_venue)
    lecture(lecture_theme, soon(5, 10))
    response = client.get(reverse("calendar:feed", args=["sapporo"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    lines = body.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and b"VERSION:2.0" in lines
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Asia/Tokyo" in body
    calendar = Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    by_uid = {str(e["UID"]): e for e in events}
    event = by_uid[f"councils.meeting:{first.pk}@kyodo"]
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event["DTSTART"].dt == soon(3)
    assert event["DTEND"].dt == soon(3) + datetime.timedelta(hours=2)
    assert "DTSTAMP" in event
    assert str(event["LOCATION"]) == long_venue
    assert str(event["URL"]).startswith("http://testserver/org/sapporo/councils/meetings/")


def test_an_all_day_entry_is_a_date(client, sapporo, monkeypatch):
    from kyodo.core import modules

    day = timezone.localdate() + datetime.timedelta(days=4)

    def provider(start, end, organisation_ids, limit=None):
        return [modules.CalendarEntry(organisation_id=sapporo.pk, kind="意見公募締切", title="意見募集の締切",
                                      url="/org/sapporo/public-comments/1/", starts=day, uid="pc:1")]

    monkeypatch.setitem(modules._registry, "calendar", [provider])
    event = Calendar.from_ical(client.get(reverse("calendar_regional:feed")).content).walk("VEVENT")[0]
    assert event["DTSTART"].dt == day and event["DTSTART"].params.get("VALUE") == "DATE"
    assert event["DTEND"].dt == day + datetime.timedelta(days=1)


def test_the_regional_feed_has_every_organisation(client, hokkaido, sapporo, council):
    meeting(council, 1, soon(3))
    events = Calendar.from_ical(client.get(reverse("calendar_regional:feed")).content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["市役所改革市民会議 第1回"]
    assert client.get(reverse("calendar_regional:feed"), {"org": "nowhere"}).status_code == 400


def test_the_api_lists_entries_in_a_range(client, sapporo, council):
    meeting(council, 1, at(2026, 12, 3, 14))
    meeting(council, 2, at(2027, 1, 10, 14))
    data = client.get("/api/v1/organisations/sapporo/calendar/entries",
                      {"start": "2026-12-01", "end": "2026-12-31"}).json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["title"] == "市役所改革市民会議 第1回" and item["kind"] == "会議(傍聴可)"
    assert item["starts"].startswith("2026-12-03T14:00:00+09:00") and item["all_day"] is False
    regional = client.get("/api/v1/calendar/entries", {"start": "2026-12-01", "end": "2027-01-31"}).json()
    assert regional["count"] == 2 and regional["items"][0]["organisation_slug"] == "sapporo"


@pytest.mark.parametrize("params", [
    {"start": "2026-01-01", "end": "2027-06-01"},  # more than 366 days
    {"start": "2026-12-31", "end": "2026-12-01"},  # reversed
    {"start": "9999-12-31"}, {"start": "0001-01-01"}, {"start": "2026-13-01"}, {"start": "x"},
    {"kind": "k" * 300},
])
def test_the_api_refuses_unbounded_or_bad_ranges_with_a_422(client, sapporo, params):
    assert client.get("/api/v1/organisations/sapporo/calendar/entries", params).status_code == 422
    assert client.get("/api/v1/calendar/entries", params).status_code == 422
