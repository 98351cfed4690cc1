"""Who answered is not kept for ever (core.retention): once the results are published and the
organisation's retention period has passed, a response's link to the respondent's account is
erased — with an audit entry that names no one — and the answers and attributes stay."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import retention
from kyodo.core.models import AuditEntry
from kyodo.core.tests.factories import UserFactory
from kyodo.surveys.models import Survey, SurveyResponse

from .conftest import fill, make_survey

pytestmark = pytest.mark.django_db


def test_the_respondents_account_is_unlinked_after_the_retention_period(sapporo, office):
    old = make_survey(sapporo, office, title="前回の調査", method=Survey.Method.ACCOUNT,
                      status=Survey.Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=400))
    recent = make_survey(sapporo, office, title="今回の調査", method=Survey.Method.ACCOUNT,
                         status=Survey.Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=10))
    still_open = make_survey(sapporo, office, title="実施中の調査", method=Survey.Method.ACCOUNT)
    resident = UserFactory()
    kept = []
    for survey in (old, recent, still_open):
        response = fill(survey, 1)[0]
        SurveyResponse.objects.filter(pk=response.pk).update(user=resident)
        kept.append(response.pk)
    answers = SurveyResponse.objects.get(pk=kept[0]).answers.count()
    counts = retention.purge()
    assert counts["surveys.response"] == 1
    erased = SurveyResponse.objects.get(pk=kept[0])
    assert erased.user_id is None and erased.age_band and erased.answers.count() == answers > 0
    assert SurveyResponse.objects.filter(pk__in=kept[1:], user=resident).count() == 2
    entry = AuditEntry.objects.get(object_id=kept[0], object_repr__startswith="アンケートの回答者")
    assert resident.email not in str(entry.changes) and "保存期間" in str(entry.changes)
    assert retention.purge()["surveys.response"] == 0  # nothing twice
