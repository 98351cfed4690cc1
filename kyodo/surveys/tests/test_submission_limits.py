"""An open survey counts only the answers it accepted (kyodo/core/throttle.py): a respondent who
leaves a required question empty is never locked out, and on the limit the form keeps what was
typed and says in Japanese when to try again (issue 13 §9)."""

import pytest

from kyodo.core.tests.limits import assert_refused_at_the_limit
from kyodo.surveys import views
from kyodo.surveys.models import SurveyResponse

from .conftest import valid_post
from .test_answering import answer_url

pytestmark = pytest.mark.django_db


def test_refused_answers_do_not_count_and_the_limit_keeps_what_was_typed(client, survey, monkeypatch):
    monkeypatch.setattr(views.OPEN_LIMIT, "rate", "2/h")
    overall = f"q{survey.q['overall'].pk}"
    comment = f"q{survey.q['comment'].pk}"
    for _attempt in range(5):  # the required first question left empty: refused, never counted
        assert client.post(answer_url(survey), valid_post(survey, **{overall: None})).status_code == 400
    for _answer in range(2):
        assert client.post(answer_url(survey), valid_post(survey)).status_code == 302
    response = client.post(answer_url(survey), valid_post(survey, **{comment: "三回目の回答です。"}))
    assert_refused_at_the_limit(response, "三回目の回答です。")
    assert SurveyResponse.objects.count() == 2
