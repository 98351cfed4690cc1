"""The calendar month, the list and the feed run a constant number of queries whatever the
number of events, meetings and lectures (bulk-created at two sizes)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.councils.models import Meeting
from kyodo.events.models import Event, Session
from kyodo.lectures.models import Request

from .conftest import at

pytestmark = pytest.mark.django_db


def fill(council, theme, size):
    Meeting.objects.filter(council=council).delete()
    Request.objects.filter(theme=theme).delete()
    Event.objects.filter(organisation=council.organisation).delete()
    start = at(2026, 12, 1, 9)
    events = Event.objects.bulk_create([
        Event(organisation=council.organisation, department=theme.department, title=f"市民活動交流会{n}",
              kind="exchange", status="published", summary="交流", venue="市民交流プラザ",
              starts_at=start + datetime.timedelta(hours=3 * n), ends_at=start + datetime.timedelta(hours=3 * n + 2))
        for n in range(size)])
    Session.objects.bulk_create([Session(event=e, starts_at=e.starts_at, ends_at=e.ends_at, capacity=30)
                                 for e in events])
    Meeting.objects.bulk_create([
        Meeting(council=council, number=n + 1, starts_at=start + datetime.timedelta(hours=3 * n + 1), venue="会議室",
                agenda="議題", is_open=True, observer_seats=n % 3) for n in range(size)])
    Request.objects.bulk_create([
        Request(organisation=theme.organisation, theme=theme, fiscal_year=2026, sequence=n + 1, status="decided",
                group_name="町内会", group_kind="neighbourhood", representative="申込 花子", phone="011-000-0000",
                venue="会館", venue_address="札幌市", audience=20, preferred_1=start, department=theme.department,
                starts_at=start + datetime.timedelta(hours=3 * n + 2), ends_at=start + datetime.timedelta(hours=3 * n + 3))
        for n in range(size)])


def count(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("name, args", [("calendar:month", ["sapporo"]), ("calendar:list", ["sapporo"]),
                                        ("calendar_regional:month", []), ("calendar:feed", ["sapporo"])])
def test_constant_queries_at_two_sizes(client, sapporo, council, lecture_theme, name, args):
    url = reverse(name, args=args)
    params = {"month": "2026-12"} if "feed" not in name else {}
    fill(council, lecture_theme, 40)
    small, response = count(client, url, params)
    fill(council, lecture_theme, 200)
    large, response = count(client, url, params)
    assert small == large
    if "feed" not in name:
        assert response.context["entries"]["count"] == 600
    assert large <= 9


def test_the_api_runs_constant_queries(client, sapporo, council, lecture_theme):
    url = "/api/v1/calendar/entries"
    params = {"start": "2026-12-01", "end": "2026-12-31"}
    fill(council, lecture_theme, 5)
    small, _response = count(client, url, params)
    fill(council, lecture_theme, 100)
    large, response = count(client, url, params)
    assert small == large and response.json()["count"] == 300
