"""The reads of アンケート that pages, downloads and the API share. Every aggregate is computed
by the database in a fixed number of grouped queries, whatever the number of answers (tested
at two sizes)."""


from django.db.models import Avg, Count, Max, Min, Q
from django.utils.translation import gettext as _

from .models import AGE_BANDS, ATTRIBUTES, GENDERS, RELATIONS, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse

K = SurveyQuestion.Kind
#: Below this many respondents a cell or a group's percentages are flagged as unreliable.
SMALL = 10
COUNTED_KINDS = [K.SINGLE, K.MULTIPLE, K.LIKERT, K.MATRIX]


def public_surveys(organisation):
    return Survey.objects.filter(organisation=organisation).exclude(status=Survey.Status.DRAFT).select_related(
        "department")


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _distribution(question, counts, base, row=0):
    """[(label, count, percent)] of one question (or one matrix row)."""
    if question.kind in (K.LIKERT, K.MATRIX):
        labels = question.scale()
    else:
        labels = list(enumerate(question.choice_list(), start=1))
    return [{"value": value, "label": label, "count": counts.get((question.pk, row, value), 0),
             "percent": _pct(counts.get((question.pk, row, value), 0), base)} for value, label in labels]


def _scale_summary(distribution):
    answered = sum(d["count"] for d in distribution)
    if not answered:
        return None, 0.0
    mean = sum(d["value"] * d["count"] for d in distribution) / answered
    satisfied = sum(d["count"] for d in distribution if d["value"] >= 4)
    return round(mean, 2), _pct(satisfied, answered)


def _counts(questions):
    ids = [q.pk for q in questions if q.kind in COUNTED_KINDS]
    counts, bases = {}, {}
    if not ids:
        return counts, bases
    for row in (SurveyAnswer.objects.filter(question_id__in=ids, value__isnull=False)
                .values("question_id", "row", "value").annotate(n=Count("id")).order_by()):
        counts[(row["question_id"], row["row"], row["value"])] = row["n"]
    for row in (SurveyAnswer.objects.filter(question_id__in=ids).values("question_id")
                .annotate(n=Count("response_id", distinct=True)).order_by()):
        bases[row["question_id"]] = row["n"]
    return counts, bases


def results(survey):
    """Every question's aggregate, and the previous round's for the questions that match it
    (same number and kind): a fixed number of queries."""
    questions = list(survey.questions.all())
    counts, bases = _counts(questions)
    numbers = {row["question_id"]: row for row in SurveyAnswer.objects.filter(
        question__survey=survey, question__kind__in=[K.NUMBER]).values("question_id").annotate(
        n=Count("id"), mean=Avg("value"), low=Min("value"), high=Max("value")).order_by()}
    others = {row["question_id"]: row for row in SurveyAnswer.objects.filter(
        question__survey=survey, question__kind__in=[K.DATE, K.TEXT]).exclude(
        Q(text="") & Q(date__isnull=True)).values("question_id").annotate(
        n=Count("id"), low=Min("date"), high=Max("date")).order_by()}
    previous = {}
    if survey.previous_id:
        earlier = list(SurveyQuestion.objects.filter(survey_id=survey.previous_id))
        prev_counts, prev_bases = _counts(earlier)
        for question in earlier:
            previous[(question.number, question.kind)] = (question, prev_counts, prev_bases)
    blocks = []
    for question in questions:
        block = {"question": question, "base": bases.get(question.pk, 0)}
        if question.kind in (K.SINGLE, K.MULTIPLE, K.LIKERT):
            block["rows"] = _distribution(question, counts, block["base"])
            if question.kind == K.LIKERT:
                block["mean"], block["satisfied"] = _scale_summary(block["rows"])
        elif question.kind == K.MATRIX:
            block["items"] = []
            for row, item in enumerate(question.choice_list(), start=1):
                distribution = _distribution(question, counts, sum(
                    counts.get((question.pk, row, v), 0) for v in range(1, 6)), row)
                mean, satisfied = _scale_summary(distribution)
                block["items"].append({"row": row, "label": item, "rows": distribution, "mean": mean,
                                       "satisfied": satisfied, "base": sum(d["count"] for d in distribution)})
        elif question.kind == K.NUMBER:
            stats = numbers.get(question.pk) or {}
            block["base"] = stats.get("n", 0)
            block["stats"] = stats
        else:
            stats = others.get(question.pk) or {}
            block["base"] = stats.get("n", 0)
            block["stats"] = stats
        match = previous.get((question.number, question.kind))
        if match and question.kind in (K.SINGLE, K.MULTIPLE, K.LIKERT, K.MATRIX):
            earlier, prev_counts, prev_bases = match
            block["previous"] = _previous_block(earlier, prev_counts, prev_bases)
            _attach_change(block)
        blocks.append(block)
    respondents = SurveyResponse.objects.filter(survey=survey).aggregate(
        n=Count("id"), web=Count("id", filter=Q(channel="web")))
    return {"survey": survey, "blocks": blocks, "respondents": respondents["n"],
            "web": respondents["web"], "paper": respondents["n"] - respondents["web"]}


def _previous_block(question, counts, bases):
    base = bases.get(question.pk, 0)
    block = {"question": question, "base": base}
    if question.kind == K.MATRIX:
        block["items"] = {}
        for row, item in enumerate(question.choice_list(), start=1):
            distribution = _distribution(question, counts, sum(
                counts.get((question.pk, row, v), 0) for v in range(1, 6)), row)
            block["items"][item] = _scale_summary(distribution)
    else:
        block["rows"] = {d["label"]: d for d in _distribution(question, counts, base)}
        if question.kind == K.LIKERT:
            block["mean"], block["satisfied"] = _scale_summary(list(block["rows"].values()))
    return block


def _attach_change(block):
    previous = block["previous"]
    if "items" in block:
        for item in block["items"]:
            earlier = previous.get("items", {}).get(item["label"])
            item["previous_satisfied"] = earlier[1] if earlier else None
            item["previous_mean"] = earlier[0] if earlier else None
    else:
        for row in block["rows"]:
            earlier = previous.get("rows", {}).get(row["label"])
            row["previous_percent"] = earlier["percent"] if earlier else None


# --- Cross-tabulation ----------------------------------------------------------------------------

def attribute_values(survey, attribute):
    """The values of an attribute in their natural order, with labels, plus 無回答."""
    if attribute == "age_band":
        values = [(k, str(v)) for k, v in AGE_BANDS]
    elif attribute == "gender":
        values = [(k, str(v)) for k, v in GENDERS]
    elif attribute == "relation":
        values = [(k, str(v)) for k, v in RELATIONS]
    else:
        values = [(a, a) for a in survey.area_choices()]
    return values + [("", _("無回答"))]


def crosstab(survey, question, attribute, row=0):
    """Counts and row percentages of ``question`` (one matrix row when ``row``) for each value of
    ``attribute``: one line per group with its base n (respondents of the group who answered);
    groups and cells under SMALL respondents are flagged."""
    if attribute not in ATTRIBUTES:
        raise ValueError(attribute)
    key = f"response__{attribute}"
    answers = SurveyAnswer.objects.filter(question=question, row=row, value__isnull=False)
    counts = {(r[key], r["value"]): r["n"] for r in answers.values(key, "value").annotate(n=Count("id")).order_by()}
    bases = {r[key]: r["n"] for r in answers.values(key).annotate(
        n=Count("response_id", distinct=True)).order_by()}
    if question.kind in (K.LIKERT, K.MATRIX):
        columns = question.scale()
    else:
        columns = list(enumerate(question.choice_list(), start=1))
    lines = []
    for value, label in attribute_values(survey, attribute):
        base = bases.get(value, 0)
        if value == "" and not base:
            continue
        cells = [{"count": counts.get((value, c), 0), "percent": _pct(counts.get((value, c), 0), base),
                  "small": counts.get((value, c), 0) < SMALL, "label": str(column)} for c, column in columns]
        lines.append({"value": value, "label": label, "base": base, "small": base < SMALL, "cells": cells})
    total_base = sum(bases.values())
    totals = [{"count": sum(counts.get((v, c), 0) for v in bases), "percent": 0.0, "label": str(column)}
              for c, column in columns]
    for cell in totals:
        cell["percent"] = _pct(cell["count"], total_base)
    return {"question": question, "attribute": attribute, "attribute_label": ATTRIBUTES[attribute],
            "columns": [label for _c, label in columns], "lines": lines, "total_base": total_base,
            "totals": totals, "row": row,
            "row_label": question.choice_list()[row - 1] if row and question.kind == K.MATRIX else ""}


# --- Plans and councils ----------------------------------------------------------------------------

def headline_figures(surveys):
    """For published surveys: (survey, question, satisfied %, mean, base n) of their headline
    question (the first Likert question when none is marked) — two queries for any number."""
    surveys = list(surveys)
    questions = {}
    for question in SurveyQuestion.objects.filter(survey__in=surveys, kind=K.LIKERT).order_by(
            "survey_id", "-headline", "number"):
        questions.setdefault(question.survey_id, question)
    counts, _bases = _counts(list(questions.values()))
    figures = []
    for survey in surveys:
        question = questions.get(survey.pk)
        if question is None:
            continue
        distribution = _distribution(question, counts, 0)
        mean, satisfied = _scale_summary(distribution)
        figures.append({"survey": survey, "question": question, "satisfied": satisfied, "mean": mean,
                        "base": sum(d["count"] for d in distribution)})
    return figures
