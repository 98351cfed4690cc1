"""A resident answers a survey: validation (range, required, branching), one answer per person
by the survey's method, invitation codes, paper answers, nothing half-saved."""

import datetime

import pytest
from django.urls import reverse

from kyodo.core.tests.factories import UserFactory
from kyodo.surveys import actions
from kyodo.surveys.models import Survey, SurveyAnswer, SurveyInvitation, SurveyResponse

from .conftest import valid_post

pytestmark = pytest.mark.django_db


def answer_url(survey):
    return reverse("surveys:answer", args=[survey.organisation.slug, survey.pk])


def test_a_complete_answer_is_stored_with_its_attributes(client, survey):
    response = client.post(answer_url(survey), valid_post(survey))
    assert response.status_code == 302
    stored = SurveyResponse.objects.get(survey=survey)
    assert (stored.age_band, stored.area, stored.relation, stored.channel) == ("40s", "中央区", "resident", "web")
    q = survey.q
    values = {(a.question_id, a.row): a for a in stored.answers.all()}
    assert values[(q["overall"].pk, 0)].value == 4
    assert sorted(a.value for a in stored.answers.filter(question=q["channels"])) == [1, 2]
    assert values[(q["matrix"].pk, 3)].value == 2
    assert values[(q["date"].pk, 0)].date == datetime.date(2026, 10, 1)
    assert values[(q["comment"].pk, 0)].text == "窓口の対応が丁寧でした。"
    assert stored.user is None


def test_required_questions_left_empty_are_refused_next_to_the_field(client, survey):
    q = survey.q
    response = client.post(answer_url(survey), valid_post(survey, **{f"q{q['overall'].pk}": None,
                                                                     f"q{q['matrix'].pk}_r2": None}))
    assert response.status_code == 400
    content = response.content.decode()
    assert "この設問は回答が必要です。" in content
    assert "すべての項目に回答してください。" in content
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


@pytest.mark.parametrize("field,value", [("visits", "101"), ("visits", "-1"), ("visits", "たくさん"),
                                         ("overall", "6"), ("channels", ["9"]), ("date", "9999-01-01")])
def test_answers_out_of_range_are_refused(client, survey, field, value):
    response = client.post(answer_url(survey), valid_post(survey, **{f"q{survey.q[field].pk}": value}))
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_full_width_numbers_are_read(client, survey):
    client.post(answer_url(survey), valid_post(survey, **{f"q{survey.q['visits'].pk}": "１２"}))
    assert SurveyAnswer.objects.get(question=survey.q["visits"]).value == 12


def test_branching_a_question_not_asked_is_neither_required_nor_stored(client, survey):
    q = survey.q
    # 「いいえ」: 問3 (window) is not asked — though required, it may be empty, and a stray value is dropped.
    response = client.post(answer_url(survey), valid_post(survey, **{f"q{q['used'].pk}": "2",
                                                                     f"q{q['window'].pk}": "9"}))
    assert response.status_code == 302
    assert not SurveyAnswer.objects.filter(question=q["window"]).exists()


def test_branching_a_question_asked_is_required(client, survey):
    q = survey.q
    response = client.post(answer_url(survey), valid_post(survey, **{f"q{q['window'].pk}": None}))
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_closed_or_not_yet_open_surveys_refuse_answers(client, survey):
    survey.closes_on = survey.opens_on = datetime.date(2020, 1, 1)
    survey.save()
    response = client.post(answer_url(survey), valid_post(survey))
    assert "現在回答を受け付けていません" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_draft_survey_is_not_found(client, survey):
    survey.status = Survey.Status.DRAFT
    survey.save()
    assert client.get(answer_url(survey)).status_code == 404


def test_account_surveys_one_answer_per_account(client, survey):
    survey.method = Survey.Method.ACCOUNT
    survey.save()
    assert "ログインして回答" in client.get(answer_url(survey)).content.decode()
    user = UserFactory()
    client.force_login(user)
    assert client.post(answer_url(survey), valid_post(survey)).status_code == 302
    page = client.get(answer_url(survey)).content.decode()
    assert "すでに回答済み" in page
    with pytest.raises(Exception):
        actions.submit_response(survey, [], {}, user=user)
    assert SurveyResponse.objects.filter(survey=survey, user=user).count() == 1


def test_invitation_code_works_once(client, survey):
    survey.method = Survey.Method.INVITATION
    survey.save()
    actions.generate_codes(None, survey, 3)
    code = SurveyInvitation.objects.filter(survey=survey).first().code
    # Typed in lower case without the dash, as people do from paper.
    assert client.post(answer_url(survey), valid_post(survey, code=code.lower().replace("-", ""))).status_code == 302
    assert SurveyInvitation.objects.get(code=code).used_at is not None
    again = client.post(answer_url(survey), valid_post(survey, code=code))
    assert again.status_code == 400
    assert "この回答用コードはすでに使われています" in again.content.decode()
    unknown = client.post(answer_url(survey), valid_post(survey, code="ZZZZ-ZZZZ"))
    assert "回答用コードが見つかりません" in unknown.content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_invitation_code_prefilled_from_the_letter_address(client, survey):
    survey.method = Survey.Method.INVITATION
    survey.save()
    page = client.get(answer_url(survey) + "?code=abcd-ef23").content.decode()
    assert 'value="ABCD-EF23"' in page


def test_codes_are_issued_unique_and_only_for_invitation_surveys(survey):
    with pytest.raises(Exception):
        actions.generate_codes(None, survey, 5)
    survey.method = Survey.Method.INVITATION
    assert actions.generate_codes(None, survey, 500) == 500
    codes = list(SurveyInvitation.objects.values_list("code", flat=True))
    assert len(set(codes)) == 500 and all(len(c) == 9 and c[4] == "-" for c in codes)


def test_open_surveys_are_throttled(client, survey, settings):
    for _i in range(5):
        assert client.post(answer_url(survey), valid_post(survey)).status_code == 302
    limited = client.post(answer_url(survey), valid_post(survey))
    assert limited.status_code == 429
    assert SurveyResponse.objects.count() == 5


def test_paper_answers_are_keyed_in_with_the_channel(client, survey, coordinator):
    client.force_login(coordinator)
    url = reverse("surveys:paper", args=[survey.organisation.slug, survey.pk])
    assert client.post(url, valid_post(survey, channel="paper")).status_code == 302
    stored = SurveyResponse.objects.get()
    assert stored.channel == "paper" and stored.entered_by == coordinator and stored.user is None
    # Keyed in after the close too (letters arrive late), but not once published.
    survey.status = Survey.Status.CLOSED
    survey.save()
    assert client.post(url, valid_post(survey, channel="counter")).status_code == 302
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    assert client.post(url, valid_post(survey, channel="paper")).status_code == 400
    assert SurveyResponse.objects.count() == 2


def test_question_validation_rules(survey):
    from django.core.exceptions import ValidationError

    from kyodo.surveys.models import SurveyQuestion

    bad = [
        dict(kind="single", choices="ひとつだけ"),
        dict(kind="number", min_value=10, max_value=1),
        dict(kind="single", choices="a\nb", show_if_question=survey.q["comment"], show_if_choices="1"),
        dict(kind="single", choices="a\nb", show_if_question=survey.q["used"], show_if_choices=""),
    ]
    for fields in bad:
        with pytest.raises(ValidationError):
            SurveyQuestion(survey=survey, number=50, text="x", **fields).full_clean()
    later = SurveyQuestion(survey=survey, number=1, text="x", kind="single", choices="a\nb",
                           show_if_question=survey.q["used"], show_if_choices="1")
    with pytest.raises(ValidationError):
        later.full_clean(validate_unique=False)  # a condition on a later question
