"""Fixtures for the council tests: 札幌市's council with its secretariat, two member
accounts, a plan item to recommend on and evaluate."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.councils.models import Call, Council, Member
from kyodo.plans.tests import conftest as plan_fixtures

hokkaido = core_fixtures.hokkaido
hokkaido_department = core_fixtures.hokkaido_department
sapporo = core_fixtures.sapporo
sapporo_department = core_fixtures.sapporo_department
plan = plan_fixtures.plan
theme = plan_fixtures.theme
item = plan_fixtures.item
indicator = plan_fixtures.indicator

D = datetime.date


@pytest.fixture
def office(sapporo):
    return DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")


@pytest.fixture
def council(sapporo, office, plan):
    return Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="市民の意見を市役所改革に反映する",
        secretariat=office, established_on=D(2003, 11, 1), term_start=D(2003, 11, 1),
        term_end=D(2005, 10, 31), quota_public=10, quota_nominated=5, plan=plan)


@pytest.fixture
def secretariat(sapporo, office):
    """職員 of 市政推進室, the council's secretariat."""
    user = UserFactory(email="suishin@sapporo.example.jp")
    grant(user, "department_staff", sapporo, office)
    return user


def make_member(council, name, email=None, **extra):
    user = UserFactory(email=email) if email else None
    if user is not None:
        grant(user, "council_member", council.organisation)
    return Member.objects.create(council=council, name=name, user=user,
                                 user_accepted_at=timezone.now() if user else None,
                                 category=extra.pop("category", "public"),
                                 term_start=council.term_start, term_end=council.term_end,
                                 email=extra.pop("contact", ""), **extra)


@pytest.fixture
def member_a(council):
    return make_member(council, "会議 一郎", "ichiro@example.jp", contact="ichiro@example.jp")


@pytest.fixture
def member_b(council):
    return make_member(council, "田中 美咲", "misaki@example.jp")


@pytest.fixture
def open_call(council):
    today = timezone.localdate()
    return Call.objects.create(council=council, title="委員の公募", seats=5,
                               opens_on=today - datetime.timedelta(days=3),
                               closes_on=today + datetime.timedelta(days=20),
                               requirements="市内在住の18歳以上", essay_theme="私が考える市役所改革",
                               essay_max_chars=400)
