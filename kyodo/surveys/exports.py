"""Downloads of アンケート: the published aggregates (public; counts only), the raw answers
(staff only, recorded in the audit log; no account, name or contact is ever in them), and the
invitation codes for printing."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from kyodo.core.downloads import Column

from .models import AGE_BANDS, GENDERS, RELATIONS, SurveyAnswer, SurveyQuestion, SurveyResponse

logger = logging.getLogger(__name__)
K = SurveyQuestion.Kind

AGGREGATE_COLUMNS = [
    Column("number", "設問番号", number=True), Column("question", "設問"), Column("kind", "種類"),
    Column("item", "項目"), Column("option", "選択肢"), Column("count", "回答数", number=True),
    Column("percent", "割合(%)", number=True), Column("base", "回答者数(n)", number=True),
    Column("previous_percent", "前回の割合(%)", number=True),
]
CODE_COLUMNS = [Column("code", "回答用コード"), Column("url", "回答ページ")]


def aggregate_rows(data):
    """One row per question × option (× matrix item); number questions give their summary."""
    for block in data["blocks"]:
        question = block["question"]
        head = {"number": question.number, "question": question.text, "kind": question.get_kind_display(),
                "item": "", "previous_percent": None}
        if "rows" in block:
            for row in block["rows"]:
                yield dict(head, option=str(row["label"]), count=row["count"], percent=row["percent"],
                           base=block["base"], previous_percent=row.get("previous_percent"))
        elif "items" in block:
            for item in block["items"]:
                for row in item["rows"]:
                    yield dict(head, item=item["label"], option=str(row["label"]), count=row["count"],
                               percent=row["percent"], base=item["base"])
        elif question.kind == K.NUMBER:
            stats = block.get("stats") or {}
            for label, key in (("平均", "mean"), ("最小", "low"), ("最大", "high")):
                value = stats.get(key)
                yield dict(head, option=label, count=round(value, 2) if value is not None else None,
                           percent=None, base=block["base"])
        else:
            yield dict(head, option="回答数", count=block["base"], percent=None, base=block["base"])


_LABELS = {"age_band": dict(AGE_BANDS), "gender": dict(GENDERS), "relation": dict(RELATIONS)}


def raw_columns(questions):
    columns = [Column("response", "回答番号", number=True), Column("submitted_at", "回答日時"),
               Column("channel", "回答の経路"), Column("age_band", "年代"), Column("area", "地域"),
               Column("gender", "性別"), Column("relation", "市との関わり")]
    for question in questions:
        if question.kind == K.MATRIX:
            columns += [Column(f"q{question.pk}_r{r}", f"問{question.number}-{r} {item}", number=True)
                        for r, item in enumerate(question.choice_list(), start=1)]
        else:
            columns.append(Column(f"q{question.pk}", f"問{question.number} {question.text}",
                                  number=question.kind in (K.LIKERT, K.NUMBER)))
    return columns


def raw_rows(survey, questions, batch=1000):
    """One row per response, read in batches (constant memory for any number of answers)."""
    kinds = {q.pk: q for q in questions}
    channels = dict(SurveyResponse.Channel.choices)
    last = 0
    while True:
        responses = list(SurveyResponse.objects.filter(survey=survey, pk__gt=last).order_by("pk").values(
            "pk", "submitted_at", "channel", "age_band", "area", "gender", "relation")[:batch])
        if not responses:
            return
        last = responses[-1]["pk"]
        values = {}
        for response_id, question_id, row, value, date, text in SurveyAnswer.objects.filter(
                response_id__in=[r["pk"] for r in responses]).values_list(
                "response_id", "question_id", "row", "value", "date", "text").order_by("pk"):
            question = kinds.get(question_id)
            if question is None:
                continue
            cells = values.setdefault(response_id, {})
            if question.kind == K.MATRIX:
                cells[f"q{question_id}_r{row}"] = value
            elif question.kind == K.MULTIPLE:
                choices = question.choice_list()
                label = choices[value - 1] if 0 < value <= len(choices) else str(value)
                key = f"q{question_id}"
                cells[key] = f"{cells[key]}／{label}" if key in cells else label
            elif question.kind == K.SINGLE:
                choices = question.choice_list()
                cells[f"q{question_id}"] = choices[value - 1] if 0 < value <= len(choices) else value
            elif question.kind == K.DATE:
                cells[f"q{question_id}"] = date
            elif question.kind == K.TEXT:
                cells[f"q{question_id}"] = text
            else:
                cells[f"q{question_id}"] = value
        for response in responses:
            row = {"response": response["pk"], "submitted_at": response["submitted_at"],
                   "channel": str(channels.get(response["channel"], response["channel"]))}
            for name in ("age_band", "gender", "relation"):
                row[name] = str(_LABELS[name].get(response[name], response[name]))
            row["area"] = response["area"]
            for question in questions:
                if question.kind == K.MATRIX:
                    for r in range(1, len(question.choice_list()) + 1):
                        row[f"q{question.pk}_r{r}"] = values.get(response["pk"], {}).get(f"q{question.pk}_r{r}")
                else:
                    row[f"q{question.pk}"] = values.get(response["pk"], {}).get(f"q{question.pk}")
            yield row


def record_raw_download(actor, survey, fmt):
    """The audit entry of a raw-answer download: who took the answers of which survey, when,
    in which format (filed under the survey's organisation)."""
    from auditlog.context import auditlog_value

    from kyodo.core.models import AuditEntry

    context = auditlog_value.get(None) or {}
    entry = AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(survey), object_pk=str(survey.pk), object_id=survey.pk,
        object_repr=str(survey)[:200], action=AuditEntry.Action.ACCESS, organisation_id=survey.organisation_id,
        actor=actor, actor_email=actor.email, remote_addr=context.get("remote_addr"),
        changes={str(_("書き出したもの")): [None, _("アンケートの個票データ（%(format)s）") % {"format": fmt}]},
    )
    logger.info("survey raw answers download by %s for survey %s (%s)", actor.pk, survey.pk, fmt)
    return entry
