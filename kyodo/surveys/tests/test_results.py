"""Results: aggregates, comparison with the previous round, cross-tab with row percentages and
small-cell flags, downloads, and a constant number of queries at 1,000 and 100,000 answers."""

import json

import pytest
from django.urls import reverse

from kyodo.surveys import queries
from kyodo.surveys.models import Survey, SurveyAnswer, SurveyResponse

from .conftest import fill, fill_in_sql, make_survey

pytestmark = pytest.mark.django_db


def publish(survey):
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    return survey


def answer(survey, overall, age="30s", used=1, window=None):
    response = SurveyResponse.objects.create(survey=survey, age_band=age, area="北区")
    SurveyAnswer.objects.create(response=response, question=survey.q["overall"], value=overall)
    SurveyAnswer.objects.create(response=response, question=survey.q["used"], value=used)
    if window:
        SurveyAnswer.objects.create(response=response, question=survey.q["window"], value=window)
    return response


def block(data, question):
    return next(b for b in data["blocks"] if b["question"].pk == question.pk)


def test_aggregates_counts_percentages_mean_and_satisfied_share(survey):
    for value in (5, 5, 4, 2):
        answer(survey, value)
    data = queries.results(survey)
    overall = block(data, survey.q["overall"])
    assert overall["base"] == 4
    assert [r["count"] for r in overall["rows"]] == [0, 1, 0, 1, 2]
    assert [r["percent"] for r in overall["rows"]] == [0.0, 25.0, 0.0, 25.0, 50.0]
    assert overall["mean"] == 4.0 and overall["satisfied"] == 75.0
    assert data["respondents"] == 4


def test_comparison_with_the_previous_round(sapporo, office, survey):
    earlier = make_survey(sapporo, office, title="前回の市民満足度調査")
    for value in (5, 1):
        answer(earlier, value)
    survey.previous = earlier
    survey.save()
    for value in (5, 5, 5, 1):
        answer(survey, value)
    overall = block(queries.results(survey), survey.q["overall"])
    assert overall["previous"]["satisfied"] == 50.0
    assert overall["rows"][4]["previous_percent"] == 50.0 and overall["rows"][4]["percent"] == 75.0


def test_crosstab_row_percentages_base_and_small_cells(survey):
    for _i in range(12):
        answer(survey, 5, age="70s")
    for _i in range(8):
        answer(survey, 4, age="70s")
    for _i in range(3):
        answer(survey, 1, age="20s")
    table = queries.crosstab(survey, survey.q["overall"], "age_band")
    lines = {line["value"]: line for line in table["lines"]}
    seventies = lines["70s"]
    assert seventies["base"] == 20 and not seventies["small"]
    assert [c["percent"] for c in seventies["cells"]] == [0.0, 0.0, 0.0, 40.0, 60.0]
    assert [c["small"] for c in seventies["cells"]][3:] == [True, False]
    assert lines["20s"]["base"] == 3 and lines["20s"]["small"]
    assert lines["40s"]["base"] == 0
    assert table["total_base"] == 23
    assert table["totals"][4]["count"] == 12


def test_crosstab_page_flags_small_groups(client, survey):
    publish(survey)
    for _i in range(3):
        answer(survey, 1, age="20s")
    url = reverse("surveys:crosstab", args=[survey.organisation.slug, survey.pk])
    page = client.get(url, {"question": survey.q["overall"].pk, "by": "age_band"}).content.decode()
    assert "crosstab__small" in page and "回答者が少ない" in page
    assert client.get(url, {"by": "name"}).status_code == 404
    assert client.get(url, {"question": "99999999"}).status_code == 404
    matrix = client.get(url, {"question": survey.q["matrix"].pk, "row": "2", "by": "area"})
    assert matrix.status_code == 200 and "情報公開" in matrix.content.decode()
    assert client.get(url, {"question": survey.q["matrix"].pk, "row": "9"}).status_code == 400


def test_aggregate_downloads_carry_no_answer_text(client, survey):
    publish(survey)
    fill(survey, 30)
    for fmt in ("csv", "xlsx", "json"):
        response = client.get(reverse("surveys:results_download", args=[survey.organisation.slug, survey.pk, fmt]))
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        if fmt == "csv":
            text = body.decode("utf-8-sig")
            assert "市役所改革の取組全体に満足していますか" in text
            assert "窓口の対応が丁寧でした" not in text
        if fmt == "json":
            document = json.loads(body)
            assert document["survey"] == survey.title and document["rows"]


def test_results_and_crosstab_run_a_constant_number_of_queries_from_1000_to_100000_answers(
        client, survey, django_assert_max_num_queries):
    """Issue 17, done when: the same queries at 1,000 and at 100,000 respondents (about 850,000
    answer rows), for the results page and the cross-tab of a Likert and a matrix question."""
    publish(survey)
    slug = survey.organisation.slug
    urls = [reverse("surveys:results", args=[slug, survey.pk]),
            reverse("surveys:crosstab", args=[slug, survey.pk]) + f"?question={survey.q['overall'].pk}&by=age_band",
            reverse("surveys:crosstab", args=[slug, survey.pk]) + f"?question={survey.q['matrix'].pk}&row=2&by=area"]
    fill(survey, 1000, seed=1)
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(16) as small:
            assert client.get(url).status_code == 200
        counts[url] = len(small.captured_queries)
    fill_in_sql(survey, 99_000)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            response = client.get(url)
        assert response.status_code == 200
    assert "100000" in client.get(urls[0]).content.decode().replace(",", "")
