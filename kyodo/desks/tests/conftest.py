"""Fixtures for the desks tests: 北海道 with 石狩支庁's desk (run by 地域政策部) and its people."""

import datetime

import pytest

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.desks.models import Desk, DeskHours

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo


@pytest.fixture
def ishikari_department(hokkaido):
    top = DepartmentFactory(organisation=hokkaido, name="石狩支庁", kind="bureau")
    return DepartmentFactory(organisation=hokkaido, name="地域政策部", parent=top, kind="bureau")


@pytest.fixture
def other_department(hokkaido):
    return DepartmentFactory(organisation=hokkaido, name="環境政策課")


def make_desk(organisation, department, name="石狩支庁市民活動インフォメーション", **changes):
    values = {"area_name": "石狩支庁管内", "municipalities": "札幌市\n江別市\n千歳市\n当別町",
              "place": "石狩支庁 地域政策課内", "address": "札幌市中央区北3条西7丁目", "phone": "011-231-4111",
              "services": "NPO法人の設立相談\n助成金の情報提供", "sort_order": 1}
    values.update(changes)
    desk = Desk.objects.create(organisation=organisation, department=department, name=name, **values)
    DeskHours.objects.create(desk=desk, weekdays="01234", opens=datetime.time(8, 45), closes=datetime.time(17, 30),
                             note="祝日を除く")
    return desk


@pytest.fixture
def desk(hokkaido, ishikari_department):
    return make_desk(hokkaido, ishikari_department)


@pytest.fixture
def desk_staff(hokkaido, ishikari_department):
    user = UserFactory(email="desk@hokkaido.example.jp")
    grant(user, "department_staff", hokkaido, ishikari_department)
    return user


@pytest.fixture
def coordinator(hokkaido, other_department):
    user = UserFactory(email="coordinator@hokkaido.example.jp")
    grant(user, "coordinator", hokkaido, other_department)
    return user
