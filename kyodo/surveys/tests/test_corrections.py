"""Published results are never changed silently (the hardening issue's 訂正・取下げ, core.corrections):
a published survey's title, description and summary change only by 訂正 with a reason shown on
the results page; 公表を取り消す needs a reason, kept as a 取下げ; and a survey's questions are
fixed once answers have arrived (rewording a question would change what the answers mean)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kyodo.core.corrections import Correction
from kyodo.surveys import actions
from kyodo.surveys.models import Survey, SurveyQuestion

from .conftest import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(survey):
    fill(survey, 30)
    survey.status = Survey.Status.PUBLISHED
    survey.results_summary = "満足の割合は62%でした。"
    survey.save()
    return survey


def urls(survey):
    slug, pk = survey.organisation.slug, survey.pk
    return {"correct": reverse("surveys:survey_correct", args=[slug, pk]),
            "edit": reverse("surveys:survey_edit", args=[slug, pk]),
            "manage": reverse("surveys:manage_survey", args=[slug, pk]),
            "results": reverse("surveys:results", args=[slug, pk]),
            "question_new": reverse("surveys:question_new", args=[slug, pk]),
            "question": reverse("surveys:question_edit", args=[slug, pk, survey.q["overall"].pk])}


def correction_data(survey, **changes):
    return {"title": survey.title, "description": survey.description, "results_summary": survey.results_summary,
            "reason": "", **changes}


def test_published_results_change_only_by_a_correction_with_its_reason(client, coordinator, published):
    client.force_login(coordinator)
    url = urls(published)
    assert client.get(url["edit"])["Location"] == url["correct"]
    published.title = "書き換えた調査名"
    with pytest.raises(ValidationError, match="訂正"):
        actions.save_survey(coordinator, published)
    published.refresh_from_db()

    response = client.post(url["correct"], correction_data(published, results_summary="満足の割合は64%でした。"))
    assert response.status_code == 400 and 'id="id_reason_error"' in response.content.decode()
    published.refresh_from_db()
    assert published.results_summary == "満足の割合は62%でした。" and not Correction.objects.exists()

    response = client.post(url["correct"], correction_data(
        published, results_summary="満足の割合は64%でした。", reason="集計表の転記を誤っていました。"))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.results_summary == "満足の割合は64%でした。"
    correction = Correction.objects.get()
    assert correction.kind == Correction.Kind.CORRECTED and correction.actor == coordinator
    assert correction.before == {"結果の概要": "満足の割合は62%でした。"}
    client.logout()
    page = client.get(url["results"]).content.decode()
    assert "集計表の転記を誤っていました。" in page and "満足の割合は62%でした。" in page  # the earlier text, struck


def test_withdrawing_published_results_needs_a_reason_kept_as_a_withdrawal(client, coordinator, published):
    client.force_login(coordinator)
    url = urls(published)
    response = client.post(url["manage"], {"step": "reopen", "reason": " "})
    assert response.status_code == 400 and "公表を取り消す理由を入力してください" in response.content.decode()
    assert Survey.objects.get(pk=published.pk).status == Survey.Status.PUBLISHED
    response = client.post(url["manage"], {"step": "reopen", "reason": "回答の一部を二重に入力していました。"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == Survey.Status.CLOSED and published.published_at is None
    assert Correction.objects.get().kind == Correction.Kind.WITHDRAWN
    client.logout()
    assert client.get(url["results"]).status_code == 404
    actions.transition(coordinator, published, "publish")
    assert "回答の一部を二重に入力していました。" in client.get(url["results"]).content.decode()


def test_questions_are_fixed_once_answers_have_arrived(client, coordinator, survey):
    client.force_login(coordinator)
    url = urls(survey)
    new_question = {"number": "9", "kind": "single", "text": "新しい設問", "choices": "はい\nいいえ",
                    "required": "on"}
    fill(survey, 1)
    page = client.get(url["manage"]).content.decode()
    assert 'data-testid="questions-fixed"' in page and url["question_new"] not in page
    response = client.post(url["question_new"], new_question)
    assert response.status_code == 400 and "設問は、追加も変更もできません" in response.content.decode()
    response = client.post(url["question"], {"number": "1", "kind": "likert", "text": "言い換えた設問",
                                             "required": "on"})
    assert response.status_code == 400
    assert not SurveyQuestion.objects.filter(text__in=["新しい設問", "言い換えた設問"]).exists()


def test_questions_can_be_added_before_any_answer(client, coordinator, survey):
    client.force_login(coordinator)
    response = client.post(urls(survey)["question_new"], {
        "number": "9", "kind": "single", "text": "新しい設問", "choices": "はい\nいいえ", "required": "on"})
    assert response.status_code == 302 and survey.questions.filter(text="新しい設問").exists()


def test_only_the_surveys_managers_correct_it(client, people_other_department, published):
    client.force_login(people_other_department)
    response = client.post(urls(published)["correct"], correction_data(published, title="別名", reason="理由"))
    assert response.status_code == 403
    assert Survey.objects.get(pk=published.pk).title == published.title


@pytest.fixture
def people_other_department(sapporo):
    from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant

    user = UserFactory()
    grant(user, "department_staff", sapporo, DepartmentFactory(organisation=sapporo, name="道路維持課"))
    return user
