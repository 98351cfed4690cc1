"""The retention gap: a lecture left decided or held with no 実施報告 still closes — 90 days after
its date — so its applicant's contact is anonymised after the retention period like any other."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import retention
from kyodo.core.retention import RetentionPolicy
from kyodo.lectures import actions
from kyodo.lectures.models import Request
from kyodo.lectures.retention import UNREPORTED_CLOSE_DAYS

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(sapporo, theme, request_data):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    lecture_date = timezone.now() - datetime.timedelta(days=400)
    Request.objects.filter(pk=lecture_request.pk).update(
        status="held", starts_at=lecture_date, ends_at=lecture_date + datetime.timedelta(hours=1))
    return lecture_request


def purge_after(lecture_request, days_after_lecture):
    return retention.purge(now=Request.objects.get(pk=lecture_request.pk).starts_at
                           + datetime.timedelta(days=days_after_lecture))["lectures.request"]


@pytest.mark.parametrize("status", ["held", "decided"])
def test_a_lecture_never_reported_closes_some_days_after_its_date(held, status):
    Request.objects.filter(pk=held.pk).update(status=status)
    period = RetentionPolicy.DEFAULT_DAYS
    assert purge_after(held, UNREPORTED_CLOSE_DAYS + period - 1) == 0
    assert Request.objects.get(pk=held.pk).representative == "佐藤 一郎"
    assert purge_after(held, UNREPORTED_CLOSE_DAYS + period + 1) == 1
    erased = Request.objects.get(pk=held.pk)
    assert erased.erased_at is not None and erased.representative != "佐藤 一郎" and erased.phone == ""
    assert erased.status == status and erased.starts_at is not None  # the statistics keep it


def test_an_open_request_never_closes(sapporo, theme, request_data):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    assert retention.purge(now=timezone.now() + datetime.timedelta(days=5000))["lectures.request"] == 0
    assert Request.objects.get(pk=lecture_request.pk).erased_at is None
