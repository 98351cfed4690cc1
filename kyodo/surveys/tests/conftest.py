"""Fixtures for the アンケート tests: 札幌市 with its 市政推進室 (the coordinator of the reform)
running a 市民満足度調査 with every kind of question, and a helper to fill it with answers in bulk."""

import datetime
import random

import pytest
from django.utils import timezone

from kyodo.core.db import analyze
from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.surveys.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse

hokkaido = core_fixtures.hokkaido
sapporo = core_fixtures.sapporo
sapporo_department = core_fixtures.sapporo_department
sapporo_admin = core_fixtures.sapporo_admin

WARDS = ["中央区", "北区", "東区", "白石区", "厚別区", "豊平区", "清田区", "南区", "西区", "手稲区"]


@pytest.fixture
def office(sapporo):
    return DepartmentFactory(organisation=sapporo, name="市政推進室", kind="office")


@pytest.fixture
def coordinator(sapporo, office):
    user = UserFactory(email="suishin@sapporo.example.jp")
    grant(user, "coordinator", sapporo, office)
    return user


def make_survey(organisation, department, **fields):
    today = timezone.localdate()
    values = dict(organisation=organisation, department=department, title="市民満足度調査",
                  status=Survey.Status.OPEN, method=Survey.Method.OPEN,
                  opens_on=today - datetime.timedelta(days=5), closes_on=today + datetime.timedelta(days=20),
                  areas="\n".join(WARDS), ask_gender=True)
    values.update(fields)
    survey = Survey.objects.create(**values)
    K = SurveyQuestion.Kind
    q = {}
    q["overall"] = SurveyQuestion.objects.create(survey=survey, number=1, kind=K.LIKERT, required=True,
                                                 text="市役所改革の取組全体に満足していますか", headline=True)
    q["used"] = SurveyQuestion.objects.create(survey=survey, number=2, kind=K.SINGLE, required=True,
                                              text="この1年に区役所の窓口を利用しましたか", choices="はい\nいいえ")
    q["window"] = SurveyQuestion.objects.create(survey=survey, number=3, kind=K.LIKERT, required=True,
                                                text="窓口の対応に満足しましたか", show_if_question=q["used"],
                                                show_if_choices="1")
    q["channels"] = SurveyQuestion.objects.create(survey=survey, number=4, kind=K.MULTIPLE,
                                                  text="市の情報をどこで得ていますか", choices="広報さっぽろ\nホームページ\nSNS\n町内会の回覧")
    q["visits"] = SurveyQuestion.objects.create(survey=survey, number=5, kind=K.NUMBER, min_value=0, max_value=100,
                                                text="この1年に市の施設を利用した回数")
    q["date"] = SurveyQuestion.objects.create(survey=survey, number=6, kind=K.DATE, text="最後に窓口を利用した日")
    q["matrix"] = SurveyQuestion.objects.create(survey=survey, number=7, kind=K.MATRIX, required=True,
                                                text="次の取組についての満足度", choices="窓口サービス\n情報公開\n市民参加")
    q["comment"] = SurveyQuestion.objects.create(survey=survey, number=8, kind=K.TEXT, text="ご意見・ご要望")
    survey.q = q
    return survey


@pytest.fixture
def survey(sapporo, office):
    return make_survey(sapporo, office)


def valid_post(survey, **overrides):
    q = survey.q
    data = {f"q{q['overall'].pk}": "4", f"q{q['used'].pk}": "1", f"q{q['window'].pk}": "5",
            f"q{q['channels'].pk}": ["1", "2"], f"q{q['visits'].pk}": "12", f"q{q['date'].pk}": "2026-10-01",
            f"q{q['matrix'].pk}_r1": "4", f"q{q['matrix'].pk}_r2": "3", f"q{q['matrix'].pk}_r3": "2",
            f"q{q['comment'].pk}": "窓口の対応が丁寧でした。", "age_band": "40s", "area": "中央区",
            "gender": "none", "relation": "resident"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


AGES = ["10s", "20s", "30s", "40s", "50s", "60s", "70s"]
COMMENTS = ["窓口の対応が丁寧でした。", "待ち時間が長いです。", "防災の情報をもっと知りたい。",
            "協働のまちづくりに参加したい。", "ホームページが見にくい。"]


def fill(survey, n, seed=1):
    """``n`` responses with answers to every question, by bulk_create."""
    rng = random.Random(seed)
    q = survey.q
    responses = SurveyResponse.objects.bulk_create([
        SurveyResponse(survey=survey, age_band=rng.choice(AGES), area=rng.choice(WARDS),
                       relation="resident", channel="web" if i % 4 else "paper") for i in range(n)],
        batch_size=2000)
    answers = []
    for response in responses:
        used = rng.choice([1, 2])
        answers += [SurveyAnswer(response=response, question=q["overall"], value=rng.randint(1, 5)),
                    SurveyAnswer(response=response, question=q["used"], value=used),
                    SurveyAnswer(response=response, question=q["channels"], value=rng.randint(1, 4)),
                    SurveyAnswer(response=response, question=q["visits"], value=rng.randint(0, 30)),
                    SurveyAnswer(response=response, question=q["comment"], text=rng.choice(COMMENTS))]
        if used == 1:
            answers.append(SurveyAnswer(response=response, question=q["window"], value=rng.randint(1, 5)))
        answers += [SurveyAnswer(response=response, question=q["matrix"], row=r, value=rng.randint(1, 5))
                    for r in (1, 2, 3)]
    SurveyAnswer.objects.bulk_create(answers, batch_size=5000)
    analyze(SurveyResponse, SurveyAnswer)  # as core.db.analyze_if_bulk does after a real bulk write
    return responses


def fill_in_sql(survey, n):
    """``n`` more responses answering every question like :func:`fill`, the answers written by
    the database itself (INSERT … SELECT over the new responses) — for the query-count tests at
    100,000 respondents (about 850,000 answer rows) in seconds rather than minutes."""
    from django.db import connection
    from django.db.models import Max

    last = survey.responses.aggregate(last=Max("id"))["last"] or 0
    for start in range(0, n, 20_000):
        SurveyResponse.objects.bulk_create([
            SurveyResponse(survey=survey, age_band=AGES[i % len(AGES)], area=WARDS[i % len(WARDS)],
                           relation="resident", channel="web" if i % 4 else "paper")
            for i in range(start, min(n, start + 20_000))], batch_size=5000)
    quote = connection.ops.quote_name  # "%%" is the modulo operator in a query with parameters
    comments = " ".join(f"WHEN {i} THEN '{text}'" for i, text in enumerate(COMMENTS))
    q = survey.q
    rows = [(q["overall"], 0, "(id %% 5) + 1", ""), (q["used"], 0, "(id %% 2) + 1", ""),
            (q["window"], 0, "(id %% 5) + 1", "AND id %% 2 = 0"), (q["channels"], 0, "(id %% 4) + 1", ""),
            (q["visits"], 0, "id %% 31", "")]
    rows += [(q["matrix"], row, f"((id + {row}) %% 5) + 1", "") for row in (1, 2, 3)]
    with connection.cursor() as cursor:
        for question, row, value, condition in rows + [(q["comment"], 0, "NULL", "")]:
            text = f"CASE id %% {len(COMMENTS)} {comments} END" if value == "NULL" else "''"
            cursor.execute(
                f"INSERT INTO {quote(SurveyAnswer._meta.db_table)} (response_id, question_id, {quote('row')}, value, "
                f"date, text) SELECT id, %s, %s, {value}, NULL, {text} FROM {quote(SurveyResponse._meta.db_table)} "
                f"WHERE survey_id = %s AND id > %s {condition}", [question.pk, row, survey.pk, last])
    analyze(SurveyResponse, SurveyAnswer)
