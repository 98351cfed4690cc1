"""Fixtures for the portal: 札幌市 with a council calling for members and a lecture theme."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory
from kyodo.councils.models import Call, Council
from kyodo.lectures.models import Request, Theme

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo
sapporo_department = core_fixtures.sapporo_department
sapporo_admin = core_fixtures.sapporo_admin

D = datetime.date


@pytest.fixture
def office(sapporo):
    return DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")


@pytest.fixture
def council(sapporo, office):
    return Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="市民の意見を市役所改革に反映する",
        secretariat=office, established_on=D(2003, 11, 1), term_start=D(2003, 11, 1),
        term_end=D(2005, 10, 31), quota_public=10, quota_nominated=5)


def make_call(council, title, opens_in, closes_in):
    today = timezone.localdate()
    return Call.objects.create(council=council, title=title, seats=5,
                               opens_on=today + datetime.timedelta(days=opens_in),
                               closes_on=today + datetime.timedelta(days=closes_in),
                               requirements="市内在住の18歳以上", essay_theme="私が考える市役所改革")


@pytest.fixture
def open_call(council):
    return make_call(council, "委員の公募(第2期)", -3, 20)


@pytest.fixture
def closed_call(council):
    return make_call(council, "委員の公募(第1期)", -60, -1)


@pytest.fixture
def theme(sapporo, office):
    return Theme.objects.create(organisation=sapporo, fiscal_year=2026, number=1,
                                title="市役所改革 ― 市民志向・成果志向の市役所へ", summary="改革プランの説明",
                                department=office, duration_minutes=90, category="city")


def make_request(theme, email, sequence=None, status="submitted"):
    now = timezone.now()
    sequence = sequence or Request.objects.filter(organisation=theme.organisation).count() + 1
    return Request.objects.create(
        organisation=theme.organisation, theme=theme, fiscal_year=2026, sequence=sequence,
        status=status, group_name="北一条町内会", group_kind="neighbourhood", representative="佐藤 一郎",
        phone="011-211-2111", email=email, preferred_1=now, venue="北一条会館",
        venue_address="札幌市中央区北1条西5丁目", audience=25, department=theme.department)
