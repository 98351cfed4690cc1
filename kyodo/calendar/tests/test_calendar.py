"""The one calendar: it merges what every module registers, reads months in Japan time, keeps
personal data out, filters by kind and organisation, and refuses hostile parameters with a 400."""

import datetime

import pytest
from django.urls import reverse

from kyodo.core import modules
from kyodo.lectures.models import Request

from .conftest import at, lecture, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_provider(sapporo, monkeypatch):
    """A third module's provider (as events or public comments register theirs)."""
    calls = []

    def provider(start, end, organisation_ids, limit=None):
        calls.append((start, end, organisation_ids))
        entry = modules.CalendarEntry(organisation_id=sapporo.pk, kind="意見公募締切", title="条例案への意見募集 締切",
                                      url="/org/sapporo/public-comments/1/", starts=datetime.date(2026, 12, 10),
                                      uid="publiccomment.call:1")
        return [entry] if start.date() <= entry.starts < end.date() else []

    monkeypatch.setitem(modules._registry, "calendar", [*modules._registry["calendar"], provider])
    return calls


def month_page(client, slug=None, **params):
    url = reverse("calendar:month", args=[slug]) if slug else reverse("calendar_regional:month")
    return client.get(url, params)


def test_the_month_merges_every_provider(client, sapporo, council, lecture_theme, extra_provider):
    meeting(council, 1, at(2026, 12, 3, 14))
    lecture(lecture_theme, at(2026, 12, 5, 10))
    page = month_page(client, "sapporo", month="2026-12").content.decode()
    assert "市役所改革市民会議 第1回" in page
    assert "出前講座「札幌市の財政のいま」" in page
    assert "条例案への意見募集 締切" in page
    assert "会議(傍聴可)" in page and "終日" in page
    assert 'data-testid="entry-count">この月の予定: 3件' in page


def test_months_are_japan_time(client, sapporo, council):
    # 00:30 on 1 December in Tokyo is still 30 November in UTC: it belongs to December.
    meeting(council, 1, at(2026, 12, 1, 0, 30))
    meeting(council, 2, at(2026, 11, 30, 23, 30))
    december = month_page(client, "sapporo", month="2026-12").content.decode()
    november = month_page(client, "sapporo", month="2026-11").content.decode()
    assert "第1回" in december and "第2回" not in december
    assert "第2回" in november and "第1回" not in november


def test_a_december_month_reaches_into_january(client, sapporo, council):
    meeting(council, 1, at(2026, 12, 31, 18))
    meeting(council, 2, at(2027, 1, 1, 0, 0))
    december = month_page(client, "sapporo", month="令和8年12月").content.decode()
    assert "第1回" in december and "第2回" not in december
    assert "month=2027-01" in december and "month=2026-11" in december


def test_closed_meetings_and_undecided_lectures_stay_off(client, sapporo, council, lecture_theme):
    meeting(council, 1, at(2026, 12, 3, 14), is_open=False, closed_reason="人事案件のため")
    meeting(council, 2, at(2026, 12, 4, 14), observer_seats=0)
    lecture(lecture_theme, at(2026, 12, 5, 10), status=Request.Status.SCHEDULING, number=1)
    lecture(lecture_theme, at(2026, 12, 6, 10), status=Request.Status.HELD, number=2)
    page = month_page(client, "sapporo", month="2026-12").content.decode()
    assert "第1回" not in page
    assert "第2回" in page and "市民会議" in page
    assert page.count("出前講座「札幌市の財政のいま」") == 1


def test_no_personal_data_of_lecture_applicants(client, sapporo, lecture_theme):
    lecture(lecture_theme, at(2026, 12, 5, 10))
    for response in (month_page(client, "sapporo", month="2026-12"),
                     client.get(reverse("calendar:feed", args=["sapporo"]))):
        text = response.content.decode()
        for secret in ("ひまわり", "申込 花子", "011-000-0000", "himawari@example.jp", "北区1-1"):
            assert secret not in text


def test_filter_by_kind_and_organisation(client, hokkaido, sapporo, council, lecture_theme):
    meeting(council, 1, at(2026, 12, 3, 14))
    lecture(lecture_theme, at(2026, 12, 5, 10))
    only_lectures = month_page(client, "sapporo", month="2026-12", kind="出前講座").content.decode()
    assert "出前講座「" in only_lectures and "第1回" not in only_lectures
    regional = month_page(client, month="2026-12").content.decode()
    assert "第1回" in regional and "(札幌市)" in regional
    other = month_page(client, month="2026-12", org="hokkaido").content.decode()
    assert "第1回" not in other


def test_the_list_view_lists_the_days_with_entries(client, sapporo, council):
    meeting(council, 1, at(2026, 12, 3, 14))
    page = client.get(reverse("calendar:list", args=["sapporo"]), {"month": "2026-12"}).content.decode()
    assert "12月3日" in page and "14:00〜16:00" in page
    assert "<table" not in page


@pytest.mark.parametrize("params", [
    {"month": "2026-13"}, {"month": "99999-01"}, {"month": "0-1"}, {"month": "2026-12\x00"},
    {"month": "x" * 5000}, {"kind": "k" * 41}, {"kind": "a\x00"}, {"org": "no-such-org"},
    {"org": "../../etc"},
])
def test_hostile_parameters_are_a_400(client, sapporo, params):
    assert month_page(client, **params).status_code == 400
    if "org" not in params:
        assert month_page(client, "sapporo", **params).status_code == 400
        assert client.get(reverse("calendar:feed", args=["sapporo"]), params if "kind" in params else {}
                          ).status_code in (200, 400)


def test_full_width_and_wareki_months_are_read(client, sapporo):
    assert month_page(client, "sapporo", month="２０２６－１２").status_code == 200
    assert month_page(client, "sapporo", month="R8/12").context["month"] == 12


def test_the_last_and_first_accepted_months_have_no_link_beyond(client, sapporo):
    from kyodo.core.inputs import MAX_YEAR, MIN_YEAR

    last = month_page(client, "sapporo", month=f"{MAX_YEAR}-12")
    assert last.status_code == 200 and last.context["following"] is None
    first = month_page(client, "sapporo", month=f"{MIN_YEAR}-01")
    assert first.status_code == 200 and first.context["previous"] is None


def test_an_unknown_organisation_is_a_404(client, db):
    assert month_page(client, "nowhere").status_code == 404


def test_a_crowded_day_shows_a_few_entries_and_links_the_rest(client, sapporo, council):
    from kyodo.calendar.queries import DAY_CELL_LIMIT

    for n in range(DAY_CELL_LIMIT + 3):
        meeting(council, n + 1, at(2026, 12, 3, 9 + n))
    page = month_page(client, "sapporo", month="2026-12").content.decode()
    assert page.count("calendar__entry\"") == DAY_CELL_LIMIT
    assert "12/3のほか3件" in page and "list/?month=2026-12#day-20261203" in page
    listing = client.get(reverse("calendar:list", args=["sapporo"]), {"month": "2026-12"}).content.decode()
    assert listing.count("calendar__entry\"") == DAY_CELL_LIMIT + 3
