"""Generating invitation codes is a bulk write (up to 20,000 rows): the code that makes it
refreshes PostgreSQL's statistics so that the next code look-ups are not planned as if the table
were empty (issue 13 §11)."""

import pytest

from kyodo.core import db
from kyodo.surveys import actions
from kyodo.surveys.models import Survey, SurveyInvitation

pytestmark = pytest.mark.django_db


def test_a_bulk_of_codes_refreshes_the_planners_statistics(survey, monkeypatch):
    survey.method = Survey.Method.INVITATION
    survey.save()
    analysed = []
    monkeypatch.setattr(db, "analyze", lambda *models: analysed.extend(models))
    actions.generate_codes(None, survey, 5)
    assert analysed == []  # a handful of rows: the statistics stay good enough
    actions.generate_codes(None, survey, db.BULK_ROWS)
    assert analysed == [SurveyInvitation]
    assert SurveyInvitation.objects.filter(survey=survey).count() == 5 + db.BULK_ROWS
