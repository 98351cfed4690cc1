"""アンケート in /api/v1/: published surveys and their aggregates per question. Never a single
answer, a free-text answer, an account or an invitation code."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Id, Pagination
from kyodo.core.models import Organisation

from . import queries
from .models import Survey

router = Router(tags=["surveys"])


class SurveySummaryOut(Schema):
    id: int
    title: str
    description: str
    department: str | None
    opens_on: datetime.date
    closes_on: datetime.date
    published_at: datetime.datetime | None
    previous_id: int | None


class SurveyOptionOut(Schema):
    label: str
    count: int
    percent: float
    previous_percent: float | None


class SurveyMatrixItemOut(Schema):
    label: str
    base: int
    mean: float | None
    satisfied_percent: float
    options: list[SurveyOptionOut]


class SurveyQuestionResultOut(Schema):
    number: int
    text: str
    kind: str
    base: int
    mean: float | None
    satisfied_percent: float | None
    options: list[SurveyOptionOut]
    items: list[SurveyMatrixItemOut]
    statistics: dict | None


class SurveyResultsOut(Schema):
    survey: SurveySummaryOut
    respondents: int
    questions: list[SurveyQuestionResultOut]


def _summary(survey):
    return {"id": survey.pk, "title": survey.title, "description": survey.description,
            "department": survey.department.name if survey.department_id else None,
            "opens_on": survey.opens_on, "closes_on": survey.closes_on, "published_at": survey.published_at,
            "previous_id": survey.previous_id if survey.previous_id and survey.previous.is_published else None}


def _options(rows):
    return [{"label": str(r["label"]), "count": r["count"], "percent": r["percent"],
             "previous_percent": r.get("previous_percent")} for r in rows]


@router.get("/organisations/{slug}/surveys", response=list[SurveySummaryOut], summary="公表したアンケートの一覧")
@paginate(Pagination, page_size=100)
def list_surveys(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return [_summary(s) for s in Survey.objects.filter(organisation=organisation, status=Survey.Status.PUBLISHED)
            .select_related("department", "previous")]


@router.get("/surveys/{survey_id}/results", response=SurveyResultsOut, summary="アンケートの設問ごとの集計")
def get_results(request, survey_id: Id):
    survey = get_object_or_404(Survey.objects.select_related("department", "previous"), pk=survey_id,
                               status=Survey.Status.PUBLISHED)
    data = queries.results(survey)
    questions = []
    for block in data["blocks"]:
        q = block["question"]
        entry = {"number": q.number, "text": q.text, "kind": q.kind, "base": block["base"], "mean": None,
                 "satisfied_percent": None, "options": [], "items": [], "statistics": None}
        if "rows" in block:
            entry["options"] = _options(block["rows"])
            if q.kind == "likert":
                entry["mean"], entry["satisfied_percent"] = block.get("mean"), block.get("satisfied")
        elif "items" in block:
            entry["items"] = [{"label": i["label"], "base": i["base"], "mean": i["mean"],
                               "satisfied_percent": i["satisfied"], "options": _options(i["rows"])}
                              for i in block["items"]]
        elif q.kind == "number":
            stats = block.get("stats") or {}
            entry["statistics"] = {"mean": float(stats["mean"]) if stats.get("mean") is not None else None,
                                   "min": stats.get("low"), "max": stats.get("high")}
        questions.append(entry)
    return {"survey": _summary(survey), "respondents": data["respondents"], "questions": questions}
