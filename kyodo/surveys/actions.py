"""The writes of アンケート, each in one transaction: answering (by account, code or open), paper
answers keyed in by staff, the survey's life (準備中 → 実施中 → 締切 → 結果公表), invitation
codes, and the word analysis run in the background."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from kyodo.core import corrections
from kyodo.core.db import analyze_if_bulk

from . import textanalysis
from .models import AGE_BANDS, RELATIONS, Survey, SurveyAnalysis, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

K = SurveyQuestion.Kind

NOT_ACCEPTING = _("このアンケートは現在回答を受け付けていません。")
ALREADY_ANSWERED = _("このアカウントではすでに回答済みです。回答は1人1回です。")
CODE_UNKNOWN = _("回答用コードが見つかりません。調査票に印刷されたコードを確かめてください。")
CODE_USED = _("この回答用コードはすでに使われています。コードは1回だけ使えます。")
SIGN_IN_NEEDED = _("このアンケートにはログインして回答してください。")


def _answer_rows(response, answers):
    rows = []
    for question, value in answers:
        if question.kind == K.MULTIPLE:
            rows += [SurveyAnswer(response=response, question=question, value=v) for v in sorted(set(value))]
        elif question.kind == K.MATRIX:
            rows += [SurveyAnswer(response=response, question=question, row=r, value=v)
                     for r, v in sorted(value.items())]
        elif question.kind == K.DATE:
            rows.append(SurveyAnswer(response=response, question=question, date=value))
        elif question.kind == K.TEXT:
            rows.append(SurveyAnswer(response=response, question=question, text=value.strip()))
        else:
            rows.append(SurveyAnswer(response=response, question=question, value=value))
    return rows


def _check_values(survey, answers):
    """The form checked the values; the action checks them again against the questions as
    stored, so no path (API, import, a stale form) stores a value out of range."""
    for question, value in answers:
        if question.survey_id != survey.pk:
            raise ValidationError(_("別のアンケートの設問です。"))
        if question.kind in (K.SINGLE, K.MULTIPLE):
            allowed = range(1, len(question.choice_list()) + 1)
            if any(v not in allowed for v in (value if isinstance(value, list) else [value])):
                raise ValidationError({f"q{question.pk}": _("選択肢から選んでください。")})
        elif question.kind == K.LIKERT and value not in range(1, 6):
            raise ValidationError({f"q{question.pk}": _("1から5で答えてください。")})
        elif question.kind == K.MATRIX and any(v not in range(1, 6) for v in value.values()):
            raise ValidationError({f"q{question.pk}_r1": _("1から5で答えてください。")})
        elif question.kind == K.NUMBER:
            if question.min_value is not None and value < question.min_value or \
                    question.max_value is not None and value > question.max_value:
                raise ValidationError({f"q{question.pk}": _("範囲内の数値で答えてください。")})


def submit_response(survey, answers, attributes, *, user=None, code="", channel=SurveyResponse.Channel.WEB,
                    entered_by=None, today=None):
    """Store one response. ``answers`` is ``[(question, value)]`` as ResponseForm cleans them.
    Refuses, with nothing saved: a survey not accepting answers (except paper answers keyed in
    by staff after the close, until results are published), a second answer by the same
    account, an unknown or already used invitation code."""
    paper = entered_by is not None
    if paper:
        if survey.status not in (Survey.Status.OPEN, Survey.Status.CLOSED):
            raise ValidationError(_("結果を公表したアンケートには回答を追加できません。"))
    elif not survey.accepting(today):
        raise ValidationError(NOT_ACCEPTING)
    _check_values(survey, answers)
    with transaction.atomic():
        invitation = None
        if survey.method == Survey.Method.INVITATION and not paper:
            invitation = (SurveyInvitation.objects.select_for_update()
                          .filter(survey=survey, code=code).first() if code else None)
            if invitation is None:
                raise ValidationError({"code": CODE_UNKNOWN})
            if invitation.used_at is not None:
                raise ValidationError({"code": CODE_USED})
            invitation.used_at = timezone.now()
            invitation.save(update_fields=["used_at"])
        if survey.method == Survey.Method.ACCOUNT and not paper:
            if user is None or not user.is_authenticated:
                raise ValidationError(SIGN_IN_NEEDED)
            if SurveyResponse.objects.filter(survey=survey, user=user).exists():
                raise ValidationError(ALREADY_ANSWERED)
        response = SurveyResponse(
            survey=survey, user=user if (user is not None and user.is_authenticated and not paper) else None,
            invitation=invitation, channel=channel, entered_by=entered_by, **attributes)
        response.full_clean(exclude=["user", "invitation", "survey", "entered_by"])
        try:
            with transaction.atomic():
                response.save()
        except IntegrityError:
            raise ValidationError(ALREADY_ANSWERED) from None
        SurveyAnswer.objects.bulk_create(_answer_rows(response, answers))
    return response


# --- The survey's life -----------------------------------------------------------------------------

PUBLISHED_CHANGE = _("結果を公表したアンケートは「訂正」から理由を添えて変更してください。訂正の記録は結果のページに表示されます。")
QUESTIONS_FIXED = _("回答が届いているアンケートや結果を公表したアンケートの設問は、追加も変更もできません。"
                    "集計の意味が変わってしまうためです。")
REOPEN_REASON = _("公表を取り消す理由を入力してください。結果のページに表示されます。")
#: What a correction of published results may change.
CORRECTABLE = ("title", "description", "results_summary")


DEPARTMENT_REFUSED = _("担当課は、あなたが担当する課から選んでください。")


def save_survey(actor, survey):
    """Create or change a survey not yet published; a published one changes only by 訂正.
    Checked as the survey is and as it will be: its department's staff may not hand it to
    another department."""
    stored = Survey.objects.filter(pk=survey.pk).first() if survey.pk else None
    if stored is not None:
        allowed = actor.has_perm("surveys.manage", stored)
    else:
        allowed = actor.has_perm("surveys.create", survey.organisation)
    if not allowed:
        raise PermissionDenied(_("このアンケートを担当する課・主管課の職員だけが使えます。"))
    if not actor.has_perm("surveys.manage", survey):
        raise ValidationError({"department": DEPARTMENT_REFUSED})
    with transaction.atomic():
        if stored and stored.status == Survey.Status.PUBLISHED:
            raise ValidationError(PUBLISHED_CHANGE)
        survey.full_clean()
        survey.save()
    return survey


def save_question(actor, question):
    """Add or change a question — only while no answer has arrived: a question reworded, its
    options reordered or a new required one added would change what the stored answers mean."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=question.survey_id)
        if survey.status == Survey.Status.PUBLISHED or survey.responses.exists():
            raise ValidationError(QUESTIONS_FIXED)
        question.full_clean()
        question.save()
    return question


def correct_survey(actor, survey, *, reason, changes):
    """訂正 of a published survey's title, description or summary of results, with the reason
    and the earlier text shown on the results page (``core.corrections``)."""
    if survey.status != Survey.Status.PUBLISHED:
        raise ValidationError(_("訂正は結果を公表したアンケートだけで行います。公表前は設定を編集してください。"))
    return corrections.correct(actor, survey, reason=reason,
                               changes={k: v for k, v in changes.items() if k in CORRECTABLE})


STEPS = {
    "open": ({Survey.Status.DRAFT, Survey.Status.CLOSED}, Survey.Status.OPEN),
    "close": ({Survey.Status.OPEN}, Survey.Status.CLOSED),
    "publish": ({Survey.Status.CLOSED}, Survey.Status.PUBLISHED),
    "reopen": ({Survey.Status.PUBLISHED}, Survey.Status.CLOSED),
}
STEP_LABELS = {"open": _("受付を始める"), "close": _("締め切る"), "publish": _("結果を公表する"),
               "reopen": _("公表を取り消す")}


def transition(actor, survey, step, summary="", reason=""):
    """Move the survey on. 公表を取り消す withdraws published results: it needs a reason, kept as
    a 取下げ (``core.corrections``) and shown on the results page when they are published again."""
    sources, target = STEPS[step]
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.status not in sources:
            raise ValidationError(_("この状態からは「%(step)s」にできません。") % {"step": STEP_LABELS[step]})
        if step == "open" and not survey.questions.exists():
            raise ValidationError(_("設問が1つもありません。設問を作ってから受付を始めてください。"))
        if step == "reopen":
            if not (reason or "").strip():
                raise ValidationError({"reason": REOPEN_REASON})
            corrections.withdraw(actor, survey, reason=reason,
                                 changes={"status": target, "published_at": None})
            return survey
        survey.status = target
        if step == "publish":
            survey.published_at = timezone.now()
            if summary:
                survey.results_summary = summary
        survey.save()
    return survey


def generate_codes(actor, survey, count):
    """Issue ``count`` new single-use codes (unique across the platform)."""
    if survey.method != Survey.Method.INVITATION:
        raise ValidationError(_("回答用コードは「回答用コード」方式のアンケートだけで発行できます。"))
    with transaction.atomic():
        made = set()
        existing = set()
        while len(made) < count:
            batch = {SurveyInvitation.new_code() for _i in range(count - len(made))} - made
            existing = set(SurveyInvitation.objects.filter(code__in=batch).values_list("code", flat=True))
            made |= batch - existing
        SurveyInvitation.objects.bulk_create([SurveyInvitation(survey=survey, code=c) for c in sorted(made)],
                                             batch_size=1000)
        analyze_if_bulk(len(made), SurveyInvitation)  # up to 20,000 rows (issue 13 §11)
    return len(made)


# --- The word analysis ---------------------------------------------------------------------------

def text_rows(question):
    """(id, text, attributes) of a free-text question's answers, streamed."""
    rows = (SurveyAnswer.objects.filter(question=question).exclude(text="")
            .values_list("pk", "text", "response__age_band", "response__area", "response__relation")
            .order_by("pk").iterator(chunk_size=2000))
    ages, relations = dict(AGE_BANDS), dict(RELATIONS)
    for pk, text, age_band, area, relation in rows:
        yield pk, text, {"age_band": str(ages.get(age_band, "")), "area": area,
                         "relation": str(relations.get(relation, ""))}


def request_analysis(actor, question):
    """Queue the analysis of a free-text question (run at once by the immediate backend)."""
    if question.kind != K.TEXT:
        raise ValidationError(_("単語の分析は自由記述の設問だけでできます。"))
    total = SurveyAnswer.objects.filter(question=question).exclude(text="").count()
    analysis, _created = SurveyAnalysis.objects.update_or_create(
        question=question, defaults={"status": SurveyAnalysis.Status.QUEUED, "done": 0, "total": total})
    transaction.on_commit(lambda: analyse_question.enqueue(analysis.pk))
    return analysis


def run_analysis(analysis_id, *, measure=False):
    analysis = SurveyAnalysis.objects.select_related("question").get(pk=analysis_id)
    question = analysis.question
    total = SurveyAnswer.objects.filter(question=question).exclude(text="").count()
    return textanalysis.run_and_store(analysis, text_rows(question), total=total,
                                      title=f"問{question.number}の共起ネットワーク", measure=measure)


@task()
def analyse_question(analysis_id: int) -> None:
    """The background task: analyse one free-text question's answers and store the result."""
    run_analysis(analysis_id)
