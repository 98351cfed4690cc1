"""Fixtures for the 出前講座 tests: 札幌市 with its reception desk (広報課), a department
(市政推進室) with a theme, and a valid request's data."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.lectures.models import LectureRules, Theme

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo
sapporo_department = core_fixtures.sapporo_department  # 総務局 広報課
sapporo_admin = core_fixtures.sapporo_admin


@pytest.fixture
def office(sapporo):
    return DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")


@pytest.fixture
def rules(sapporo):
    return LectureRules.objects.create(organisation=sapporo, service_area="札幌市")


@pytest.fixture
def theme(sapporo, office, rules):
    return Theme.objects.create(organisation=sapporo, fiscal_year=2026, number=1,
                                title="市役所改革 ― 市民志向・成果志向の市役所へ", summary="改革プランの説明",
                                department=office, duration_minutes=90, category="city")


@pytest.fixture
def reception(sapporo, sapporo_department):
    user = UserFactory(email="koho@sapporo.example.jp")
    grant(user, "reception_desk", sapporo, sapporo_department)
    return user


@pytest.fixture
def office_staff(sapporo, office):
    user = UserFactory(email="suishin@sapporo.example.jp")
    grant(user, "department_staff", sapporo, office)
    return user


def next_weekday_at(days_ahead, hour=14):
    """A Tuesday–Thursday at ``hour`` about ``days_ahead`` days from now, in Tokyo."""
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    while day.weekday() not in (1, 2, 3):
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def request_data():
    return {
        "group_name": "北一条町内会", "group_kind": "neighbourhood", "representative": "佐藤 一郎",
        "phone": "011-211-2111", "email": "sato@example.jp", "preferred_1": next_weekday_at(30),
        "preferred_2": None, "preferred_3": None, "venue": "北一条会館",
        "venue_address": "札幌市中央区北1条西5丁目", "audience": 25, "questions": "", "equipment": "",
        "purpose_confirmed": True,
    }
