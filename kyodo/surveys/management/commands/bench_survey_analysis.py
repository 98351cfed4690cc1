"""``manage.py bench_survey_analysis [--answers 100000]`` — the word analysis of a large survey's
free-text answers (issue 17 §5), as the background task runs it: time and peak memory, as JSON
for ``scripts/bench``. The answers are generated like the demo's (natural Japanese from varied
templates), written in a transaction that is rolled back, so the database is left as it was."""

import json
import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from kyodo.core.models import Organisation
from kyodo.surveys import actions, demo
from kyodo.surveys.models import Survey, SurveyAnalysis, SurveyAnswer, SurveyQuestion, SurveyResponse


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time and peak memory of the word analysis of N free-text survey answers (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--answers", type=int, default=100_000)

    def handle(self, *args, answers, **options):
        result = {}
        try:
            with transaction.atomic():
                result = measure(answers)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(json.dumps(result, ensure_ascii=False))


def measure(count):
    organisation = Organisation.objects.create(name="ベンチマーク市", name_kana="べんちまーくし", slug="bench-surveys",
                                               kind="city", local_government_code="999999")
    import datetime

    survey = Survey.objects.create(organisation=organisation, title="bench", opens_on=datetime.date(2026, 1, 1),
                                   closes_on=datetime.date(2026, 1, 31))
    question = SurveyQuestion.objects.create(survey=survey, number=1, kind=SurveyQuestion.Kind.TEXT, text="ご意見")
    rng = random.Random(100_000)
    ages = list(demo.AGE_WEIGHTS)
    written = time.perf_counter()
    for start in range(0, count, 10_000):
        size = min(10_000, count - start)
        responses = SurveyResponse.objects.bulk_create([
            SurveyResponse(survey=survey, age_band=rng.choice(ages), area=rng.choice(demo.WARDS))
            for _i in range(size)])
        SurveyAnswer.objects.bulk_create([
            SurveyAnswer(response=r, question=question, text=demo.comment(rng, r.age_band, rng.random() < 0.4))
            for r in responses])
    written = time.perf_counter() - written
    analysis = SurveyAnalysis.objects.create(question=question, total=count)
    cpu = time.process_time()
    seconds, peak = actions.run_analysis(analysis.pk, measure=True)
    cpu = time.process_time() - cpu
    analysis.refresh_from_db()
    return {"name": "surveys.word_analysis", "answers": count, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
            "peak_memory_mib": round(peak, 1), "distinct_words": analysis.result["distinct_words"],
            "top_words": [w["word"] for w in analysis.result["words"][:10]],
            "data_written_seconds": round(written, 1)}
