"""Fixtures for the plans tests: a small 札幌市 plan, its people, and builders."""

import datetime

import pytest

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.plans.models import (
    ActionItem, Indicator, IndicatorTarget, Plan, ProgressReport, Theme,
)

# The foundation's fixtures (pytest finds a fixture by its name in a conftest module).
hokkaido = core_fixtures.hokkaido
hokkaido_department = core_fixtures.hokkaido_department
sapporo = core_fixtures.sapporo
sapporo_department = core_fixtures.sapporo_department


@pytest.fixture
def plan(sapporo):
    return Plan.objects.create(
        organisation=sapporo, title="市役所改革プラン", start_fiscal_year=2005,
        end_fiscal_year=2006, status=Plan.Status.ADOPTED, adopted_on=datetime.date(2004, 12, 1),
    )


@pytest.fixture
def theme(plan):
    return Theme.objects.create(plan=plan, number=1, title="市民サービスの改革")


@pytest.fixture
def item(theme, sapporo_department):
    """An item kept by 広報課 (sapporo_department)."""
    item = ActionItem.objects.create(theme=theme, code="1-1", title="出前講座の充実")
    item.departments.set([sapporo_department])
    return item


@pytest.fixture
def indicator(item):
    indicator = Indicator.objects.create(item=item, name="出前講座の開催回数", unit="回",
                                         baseline=260)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=2005, value=300)
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=2006, value=350)
    return indicator


@pytest.fixture
def coordinator(sapporo):
    user = UserFactory(email="coordinator@sapporo.example.jp")
    office = DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")
    grant(user, "coordinator", sapporo, office)
    return user


@pytest.fixture
def staff(sapporo, sapporo_department):
    """職員 of 広報課, the item's department."""
    user = UserFactory(email="koho@sapporo.example.jp")
    grant(user, "department_staff", sapporo, sapporo_department)
    return user


@pytest.fixture
def other_staff(sapporo):
    """職員 of another 札幌市 department."""
    user = UserFactory(email="zaisei@sapporo.example.jp")
    grant(user, "department_staff", sapporo, DepartmentFactory(organisation=sapporo, name="財政課"))
    return user


@pytest.fixture
def report(item, staff):
    return ProgressReport.objects.create(item=item, fiscal_year=2005, created_by=staff,
                                         item_status="in_progress", progress=50)
