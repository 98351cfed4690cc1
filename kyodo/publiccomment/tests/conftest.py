"""Fixtures for the 意見公募 tests: 札幌市 with 市政推進室 owning a call, its staff, a coordinator,
staff of another department, and helpers to build calls in each phase."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.publiccomment.models import Call, Comment, CommenterType, Section

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo
sapporo_department = core_fixtures.sapporo_department  # 総務局 広報課
sapporo_admin = core_fixtures.sapporo_admin
hokkaido_department = core_fixtures.hokkaido_department


@pytest.fixture
def office(sapporo):
    return DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")


@pytest.fixture
def office_staff(sapporo, office):
    user = UserFactory(email="suishin@sapporo.example.jp")
    grant(user, "department_staff", sapporo, office)
    return user


@pytest.fixture
def other_staff(sapporo, sapporo_department):
    user = UserFactory(email="koho@sapporo.example.jp")
    grant(user, "department_staff", sapporo, sapporo_department)
    return user


@pytest.fixture
def coordinator(sapporo, office):
    user = UserFactory(email="coordinator@sapporo.example.jp")
    grant(user, "coordinator", sapporo, office)
    return user


def make_call(organisation, department, *, opens=None, days=30, status=Call.Status.ANNOUNCED, **extra):
    opens = opens or timezone.localdate() - datetime.timedelta(days=5)
    call = Call.objects.create(
        organisation=organisation, department=department, title=extra.pop("title", "市民意見の反映方針(案)"),
        summary="案の概要", reason="趣旨", opens_on=opens, closes_on=opens + datetime.timedelta(days=days - 1),
        eligible=extra.pop("eligible", list(CommenterType.values)), status=status, **extra)
    Section.objects.create(call=call, number=1, heading="意見公募の徹底", text="案は30日以上公表します。")
    return call


@pytest.fixture
def open_call(sapporo, office):
    return make_call(sapporo, office)


@pytest.fixture
def closed_call(sapporo, office):
    return make_call(sapporo, office, opens=timezone.localdate() - datetime.timedelta(days=40))


def add_comments(call, n, *, email=True, start=1):
    comments = [Comment(call=call, sequence=start + i, commenter_type="resident", name=f"提出者{i}",
                        email=f"c{i}@example.jp" if email else "", address_area="札幌市北区",
                        body=f"意見{i}", consent=True) for i in range(n)]
    Comment.objects.bulk_create(comments)
    Call.objects.filter(pk=call.pk).update(last_receipt=start + n - 1)
    call.last_receipt = start + n - 1
    return list(call.comments.order_by("sequence"))


@pytest.fixture
def comment_data():
    return {"commenter_type": "resident", "name": "札幌 花子", "address_area": "札幌市中央区",
            "email": "hanako@example.jp", "phone": "", "section": None,
            "body": "意見公募の結果を早く公表してください。", "consent": True}
