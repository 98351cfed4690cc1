"""Fixtures for the events tests: 北海道 with its 生活振興課 (the coordinator's department) and
an organising department, a published seminar with one session, and a registrant's data."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.events.models import Event, Session

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo
hokkaido_department = core_fixtures.hokkaido_department  # 生活振興課


def soon(days=14, hour=13):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def organiser_department(hokkaido):
    return DepartmentFactory(organisation=hokkaido, name="協働推進課")


@pytest.fixture
def organiser(hokkaido, organiser_department):
    user = UserFactory(email="kyodo@pref.example.jp", display_name="協働 一郎")
    grant(user, "department_staff", hokkaido, organiser_department)
    return user


@pytest.fixture
def coordinator(hokkaido, hokkaido_department):
    user = UserFactory(email="shinko@pref.example.jp", display_name="振興 明美")
    grant(user, "coordinator", hokkaido, hokkaido_department)
    return user


@pytest.fixture
def other_staff(hokkaido):
    department = DepartmentFactory(organisation=hokkaido, name="環境政策課")
    user = UserFactory(email="kankyo@pref.example.jp", display_name="環境 花子")
    grant(user, "department_staff", hokkaido, department)
    return user


def make_event(organisation, department, *, capacity=3, title="協働推進セミナー", audience="public",
               max_seats=1, starts=None, kind="seminar", **fields):
    starts = starts or soon()
    event = Event.objects.create(
        organisation=organisation, department=department, title=title, kind=kind, audience=audience,
        status=Event.Status.PUBLISHED, summary="NPOと行政の協働の進め方を学びます。", venue="かでる2・7",
        address="札幌市中央区北2条西7丁目", max_seats_per_registration=max_seats, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), published_at=timezone.now(), **fields)
    Session.objects.create(event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                           capacity=capacity)
    return event


@pytest.fixture
def seminar(hokkaido, organiser_department):
    return make_event(hokkaido, organiser_department)


@pytest.fixture
def session(seminar):
    return seminar.sessions.get()


def person(n=1, **extra):
    return {"name": f"参加 {n}郎", "name_kana": "さんか", "email": f"p{n}@example.jp", "phone": "",
            "needs": "", "consent": True, "seats": 1, **extra}
