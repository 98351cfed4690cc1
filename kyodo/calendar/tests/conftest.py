"""Fixtures for the calendar tests: 札幌市 with a council and a lecture theme, and builders of
meetings and lectures (the two providers of existing modules)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory
from kyodo.councils.models import Council, Meeting
from kyodo.lectures.models import Request, Theme

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo
JST = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def office(sapporo):
    return DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")


@pytest.fixture
def council(sapporo, office):
    d = datetime.date
    return Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="市民の意見を市役所改革に反映する",
        secretariat=office, established_on=d(2003, 11, 1), term_start=d(2003, 11, 1), term_end=d(2030, 10, 31))


@pytest.fixture
def lecture_theme(sapporo, office):
    return Theme.objects.create(organisation=sapporo, fiscal_year=2026, number=1, title="札幌市の財政のいま",
                                summary="予算のしくみ", department=office, duration_minutes=60, category="city")


def at(*args):
    return datetime.datetime(*args, tzinfo=JST)


def meeting(council, number, starts, **extra):
    values = {"venue": "市役所本庁舎 18階 第一常任委員会会議室", "agenda": "改革プランについて", "is_open": True,
              "observer_seats": 10}
    values.update(extra)
    return Meeting.objects.create(council=council, number=number, starts_at=starts,
                                  ends_at=starts + datetime.timedelta(hours=2), **values)


def lecture(theme, starts, status=Request.Status.DECIDED, number=1):
    return Request.objects.create(
        organisation=theme.organisation, theme=theme, fiscal_year=2026, status=status, sequence=number,
        group_name="ひまわり町内会", group_kind="neighbourhood", representative="申込 花子",
        phone="011-000-0000", email="himawari@example.jp", venue="ひまわり会館", venue_address="札幌市北区1-1",
        audience=20, preferred_1=starts, department=theme.department,
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=1))
