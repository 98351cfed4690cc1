"""Pages of アンケート: the public list, the answer form, the results with their cross-tab and
downloads; the staff screens to build a survey, generate codes, key in paper answers, run the
word analysis and download the raw answers. Thin: parse, check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kyodo.core import downloads
from kyodo.core.inputs import add_errors, IntegerField, page_number, query_value, TextField
from kyodo.core.models import Department, Organisation
from kyodo.core.rules import departments_for
from kyodo.core.throttle import SubmissionLimit

from . import actions, exports, queries
from .forms import (
    CodesForm, CorrectSurveyForm, QuestionForm, ResponseForm, SurveyForm, TransitionForm, normalise_code,
)
from .models import ATTRIBUTES, Survey, SurveyAnalysis, SurveyAnswer, SurveyQuestion, SurveyResponse

#: Accepted answers of an open survey per address (a mistake on the form does not count).
OPEN_LIMIT = SubmissionLimit("surveys.answer", rate="5/h")
#: Code attempts, against guessing codes.
CODE_LIMIT = SubmissionLimit("surveys.code", rate="20/h")


def organisation_or_404(slug):
    return get_object_or_404(Organisation, slug=slug)


def survey_or_404(organisation, survey_id, **filters):
    return get_object_or_404(Survey.objects.select_related("department", "previous", "organisation"),
                             pk=survey_id, organisation=organisation, **filters)


def results_visible(request, survey):
    if survey.is_published:
        return True
    return request.user.has_perm("surveys.view_results", survey)


# --- Public ------------------------------------------------------------------------------------

def index(request, slug):
    organisation = organisation_or_404(slug)
    surveys = list(queries.public_surveys(organisation))
    today = timezone.localdate()
    return render(request, "surveys/index.html", {
        "organisation": organisation,
        "open_surveys": [s for s in surveys if s.accepting(today)],
        "published": [s for s in surveys if s.is_published],
        "can_manage": request.user.has_perm("surveys.use_staff_screens", organisation),
    })


def _questions(survey):
    return list(survey.questions.select_related("show_if_question"))


@never_cache
def answer(request, slug, survey_id):
    """The answer form. One page; questions asked only on an earlier answer say so and are
    evaluated on the server. Refusals (closed, second answer, used code) keep what was typed."""
    organisation = organisation_or_404(slug)
    survey = survey_or_404(organisation, survey_id)
    if survey.status == Survey.Status.DRAFT:
        raise Http404
    invitation = survey.method == Survey.Method.INVITATION
    initial = {}
    if invitation and request.method == "GET":
        initial["code"] = normalise_code(query_value(request.GET, "code", TextField(max_length=20), default=""))
    form = ResponseForm(request.POST or None, initial=initial, survey=survey, questions=_questions(survey),
                        with_code=invitation)
    limited = False
    already = (survey.method == Survey.Method.ACCOUNT and request.user.is_authenticated
               and SurveyResponse.objects.filter(survey=survey, user=request.user).exists())
    if request.method == "POST" and survey.accepting():
        limit = CODE_LIMIT if invitation else OPEN_LIMIT if survey.method == Survey.Method.OPEN else None
        if limit is not None and limit.reached(request):
            limited = True
            form.add_error(None, limit.message(request))
        elif form.is_valid():
            try:
                actions.submit_response(survey, form.answers, form.attributes(), user=request.user,
                                        code=normalise_code(form.cleaned_data.get("code", "")))
            except ValidationError as error:
                add_errors(form, error)
                if invitation and "code" in getattr(error, "error_dict", {}):
                    CODE_LIMIT.count(request)
            else:
                if limit is OPEN_LIMIT:
                    limit.count(request)
                return redirect("surveys:thanks", slug=slug, survey_id=survey.pk)
    return render(request, "surveys/answer.html", {
        "organisation": organisation, "survey": survey, "form": form, "accepting": survey.accepting(),
        "already": already, "preview": False,
        "needs_sign_in": survey.method == Survey.Method.ACCOUNT and not request.user.is_authenticated,
    }, status=429 if limited else 400 if form.errors else 200)


def thanks(request, slug, survey_id):
    organisation = organisation_or_404(slug)
    survey = survey_or_404(organisation, survey_id)
    if survey.status == Survey.Status.DRAFT:
        raise Http404
    return render(request, "surveys/thanks.html", {"organisation": organisation, "survey": survey})


def results_with_analyses(survey):
    """The results and, for each free-text question, its word analysis (status only)."""
    data = queries.results(survey)
    analyses = {a.question_id: a for a in SurveyAnalysis.objects.filter(question__survey=survey).only(
        "id", "question_id", "status", "done", "total")}
    for block in data["blocks"]:
        block["analysis"] = analyses.get(block["question"].pk)
    return data


def results(request, slug, survey_id):
    organisation = organisation_or_404(slug)
    survey = survey_or_404(organisation, survey_id)
    if not results_visible(request, survey):
        raise Http404
    return render(request, "surveys/results.html", {
        "organisation": organisation, "survey": survey,
        # lazy: the results are the same for everyone, kept in a shared fragment
        "data": SimpleLazyObject(lambda: results_with_analyses(survey)),
        "staff": request.user.has_perm("surveys.view_results", survey),
        "attributes": ATTRIBUTES,
    })


def results_pdf(request, slug, survey_id):
    """The published results as a PDF (the same report as the page), through core's renderer."""
    try:
        from kyodo.core.pdf import render_pdf
    except ImportError:  # the renderer is not installed in this build
        raise Http404 from None
    organisation = organisation_or_404(slug)
    survey = survey_or_404(organisation, survey_id, status=Survey.Status.PUBLISHED)
    context = {"organisation": organisation, "survey": survey, "data": queries.results(survey)}
    return render_pdf(request, "surveys/results_pdf.html", context, f"survey-{survey.pk}-results.pdf")


def _crosstab_params(request, survey):
    questions = [q for q in survey.questions.all() if q.kind in queries.COUNTED_KINDS]
    by_id = {q.pk: q for q in questions}
    question_id = query_value(request.GET, "question", IntegerField(min_value=1), default=None)
    question = by_id.get(question_id) if question_id else (questions[0] if questions else None)
    if question_id and question is None:
        raise Http404
    attribute = query_value(request.GET, "by", TextField(max_length=20), default="age_band")
    if attribute not in ATTRIBUTES:
        raise Http404
    row = 0
    if question is not None and question.kind == SurveyQuestion.Kind.MATRIX:
        row = query_value(request.GET, "row", IntegerField(min_value=1, max_value=len(question.choice_list())),
                          default=1)
    return questions, question, attribute, row


def crosstab(request, slug, survey_id):
    organisation = organisation_or_404(slug)
    survey = survey_or_404(organisation, survey_id)
    if not results_visible(request, survey):
        raise Http404
    questions, question, attribute, row = _crosstab_params(request, survey)
    return render(request, "surveys/crosstab.html", {
        "organisation": organisation, "survey": survey, "questions": questions, "question": question,
        # lazy: the table is the same for everyone who may see it, kept in a shared fragment
        "table": SimpleLazyObject(lambda: queries.crosstab(survey, question, attribute, row)) if question else None,
        "attribute": attribute, "attributes": ATTRIBUTES, "row": row,
        "small": queries.SMALL,
    })


def results_download(request, slug, survey_id, fmt):
    """The published aggregates (never an answer): one row per question × option."""
    organisation = organisation_or_404(slug)
    survey = survey_or_404(organisation, survey_id)
    if fmt not in downloads.CONTENT_TYPES or not results_visible(request, survey):
        raise Http404
    rows = exports.aggregate_rows(queries.results(survey))
    return downloads.response(fmt, f"survey-{survey.pk}-results.{fmt}", exports.AGGREGATE_COLUMNS, rows,
                              sheet_title="集計", head={"survey": survey.title, "organisation": organisation.name})


# --- Staff -------------------------------------------------------------------------------------

def staff_organisation(request, slug):
    organisation = organisation_or_404(slug)
    if not request.user.has_perm("surveys.use_staff_screens", organisation):
        raise PermissionDenied(_("この画面は団体の職員だけが使えます。"))
    return organisation


def managed_survey(request, organisation, survey_id, permission="surveys.manage"):
    survey = survey_or_404(organisation, survey_id)
    if not request.user.has_perm(permission, survey):
        raise PermissionDenied(_("このアンケートを担当する課・主管課の職員だけが使えます。"))
    return survey


@login_required
def manage(request, slug):
    organisation = staff_organisation(request, slug)
    surveys = Survey.objects.filter(organisation=organisation).select_related("department").annotate(
        answers=Count("responses"))
    return render(request, "surveys/manage/index.html", {
        "organisation": organisation, "surveys": surveys,
        "can_create": request.user.has_perm("surveys.create", organisation),
    })


@login_required
def survey_edit(request, slug, survey_id=None):
    organisation = staff_organisation(request, slug)
    if survey_id:
        survey = managed_survey(request, organisation, survey_id)
    else:
        if not request.user.has_perm("surveys.create", organisation):
            raise PermissionDenied(_("アンケートを作れるのは主管課と団体管理者です。"))
        survey = None
    if survey is not None and survey.is_published:
        return redirect("surveys:survey_correct", slug=slug, survey_id=survey.pk)
    departments = Department.objects.filter(organisation=organisation)
    if not request.user.has_perm("surveys.create", organisation):  # 担当課: its own departments only
        departments = departments.filter(pk__in=departments_for(request.user))
    form = SurveyForm(request.POST or None, instance=survey, organisation=organisation, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_survey(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("アンケート「%(title)s」を保存しました。") % {"title": saved.title})
            return redirect("surveys:manage_survey", slug=slug, survey_id=saved.pk)
    return render(request, "surveys/manage/form.html", {
        "organisation": organisation, "form": form, "survey": survey,
        "title": _("アンケートの編集") if survey else _("アンケートの作成"),
    }, status=400 if form.errors else 200)


@login_required
def survey_correct(request, slug, survey_id):
    """訂正 of a published survey (title, description, summary of results) with the reason."""
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id)
    if not survey.is_published:
        return redirect("surveys:survey_edit", slug=slug, survey_id=survey.pk)
    form = CorrectSurveyForm(request.POST or None, initial={f: getattr(survey, f) for f in actions.CORRECTABLE})
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_survey(request.user, survey, reason=form.cleaned_data["reason"],
                                   changes={f: form.cleaned_data[f] for f in actions.CORRECTABLE})
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("アンケートを訂正しました。結果のページに訂正の記録が表示されます。"))
            return redirect("surveys:manage_survey", slug=slug, survey_id=survey.pk)
    return render(request, "surveys/manage/form.html", {
        "organisation": organisation, "form": form, "survey": survey, "title": _("公表した結果の訂正"),
    }, status=400 if form.errors else 200)


@login_required
def manage_survey(request, slug, survey_id):
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id, "surveys.view_results")
    can_manage = request.user.has_perm("surveys.manage", survey)
    form = TransitionForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("このアンケートを担当する課・主管課の職員だけが使えます。"))
        if form.is_valid():
            try:
                actions.transition(request.user, survey, form.cleaned_data["step"], form.cleaned_data["summary"],
                                   form.cleaned_data["reason"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("「%(step)s」を行いました。") % {
                    "step": actions.STEP_LABELS[form.cleaned_data["step"]]})
                return redirect("surveys:manage_survey", slug=slug, survey_id=survey.pk)
    counts = survey.invitations.aggregate(total=Count("id"), used=Count("used_at"))
    responses = survey.responses.count()
    steps = [(step, actions.STEP_LABELS[step]) for step, (sources, _t) in actions.STEPS.items()
             if survey.status in sources]
    return render(request, "surveys/manage/survey.html", {
        "organisation": organisation, "survey": survey, "questions": _questions(survey), "form": form,
        "steps": steps if can_manage else [], "can_manage": can_manage,
        "can_enter_paper": request.user.has_perm("surveys.enter_paper", survey),
        "responses": responses, "codes": counts,
        "questions_fixed": survey.is_published or responses > 0,
    }, status=400 if form.errors else 200)


@login_required
def question_edit(request, slug, survey_id, question_id=None):
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id)
    question = get_object_or_404(SurveyQuestion, pk=question_id, survey=survey) if question_id else None
    if question is None and request.method == "GET":
        last = survey.questions.order_by("-number").first()
        initial = {"number": (last.number + 1) if last else 1}
    else:
        initial = {}
    form = QuestionForm(request.POST or None, instance=question, survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_question(request.user, form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("設問を保存しました。"))
            return redirect("surveys:manage_survey", slug=slug, survey_id=survey.pk)
    return render(request, "surveys/manage/form.html", {
        "organisation": organisation, "form": form, "survey": survey,
        "title": _("設問の編集") if question else _("設問の追加"),
    }, status=400 if form.errors else 200)


@login_required
def preview(request, slug, survey_id):
    """The answer form as respondents will see it; posting checks the answers without storing."""
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id, "surveys.view_results")
    form = ResponseForm(request.POST or None, survey=survey, questions=_questions(survey),
                        with_code=survey.method == Survey.Method.INVITATION)
    checked = request.method == "POST" and form.is_valid()
    return render(request, "surveys/answer.html", {
        "organisation": organisation, "survey": survey, "form": form, "accepting": True, "preview": True,
        "checked": checked,
    }, status=400 if form.errors else 200)


@login_required
def codes(request, slug, survey_id):
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id)
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.generate_codes(request.user, survey, form.cleaned_data["count"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("回答用コードを%(n)d件発行しました。") % {"n": made})
            return redirect("surveys:manage_survey", slug=slug, survey_id=survey.pk)
    return render(request, "surveys/manage/form.html", {
        "organisation": organisation, "form": form, "survey": survey, "title": _("回答用コードの発行"),
    }, status=400 if form.errors else 200)


@login_required
def codes_download(request, slug, survey_id):
    """The unused codes with the answer address, for printing the letters."""
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id)
    address = request.build_absolute_uri(reverse("surveys:answer", args=[slug, survey.pk]))
    rows = ({"code": code, "url": f"{address}?code={code}"} for code in survey.invitations.filter(
        used_at__isnull=True).values_list("code", flat=True).iterator(chunk_size=downloads.BATCH))
    return downloads.response("csv", f"survey-{survey.pk}-codes.csv", exports.CODE_COLUMNS, rows)


@login_required
def paper_entry(request, slug, survey_id):
    """代理入力: staff key in an answer received on paper, at the counter or at an event."""
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id, "surveys.enter_paper")
    channels = [c for c in SurveyResponse.Channel.choices if c[0] != SurveyResponse.Channel.WEB]
    form = ResponseForm(request.POST or None, survey=survey, questions=_questions(survey), channel_choices=channels)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_response(survey, form.answers, form.attributes(), channel=form.cleaned_data["channel"],
                                    entered_by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("紙の回答を1件入力しました。続けて入力できます。"))
            return redirect("surveys:paper", slug=slug, survey_id=survey.pk)
    return render(request, "surveys/manage/paper.html", {
        "organisation": organisation, "survey": survey, "form": form,
    }, status=400 if form.errors else 200)


@login_required
def raw_download(request, slug, survey_id, fmt):
    """Every answer, one row per response (no account, no name): staff only, recorded in the
    audit log with who took it and when."""
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id, "surveys.download_raw")
    if fmt not in downloads.CONTENT_TYPES:
        raise Http404
    questions = _questions(survey)
    exports.record_raw_download(request.user, survey, fmt)
    columns = exports.raw_columns(questions)
    return downloads.response(fmt, f"survey-{survey.pk}-answers.{fmt}", columns,
                              exports.raw_rows(survey, questions), sheet_title="回答",
                              head={"survey": survey.title})


@login_required
def words(request, slug, survey_id, question_id):
    """The word analysis of a free-text question: most frequent words, the co-occurrence
    network with its table, the comparison by attribute, and (for its managers) the answers
    behind a word."""
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id, "surveys.view_results")
    question = get_object_or_404(SurveyQuestion, pk=question_id, survey=survey, kind=SurveyQuestion.Kind.TEXT)
    analysis = SurveyAnalysis.objects.filter(question=question).first()
    word = query_value(request.GET, "word", TextField(max_length=50), default="")
    can_read = request.user.has_perm("surveys.read_answers", survey)
    behind, behind_total, page = [], 0, 1
    if word and analysis and analysis.status == SurveyAnalysis.Status.DONE:
        if not can_read:
            raise PermissionDenied(_("回答の本文を読めるのは、このアンケートを担当する職員だけです。"))
        from . import textanalysis

        ids, behind_total = textanalysis.answers_with_word(analysis.result, word)
        page = page_number(request.GET)
        chosen = ids[(page - 1) * 50: page * 50]
        behind = list(SurveyAnswer.objects.filter(pk__in=chosen).select_related("response").order_by("pk"))
    by = query_value(request.GET, "by", TextField(max_length=20), default="age_band")
    if by not in ATTRIBUTES:
        raise Http404
    comparison = (analysis.result.get("by_attribute", {}).get(by) if analysis and analysis.result else None)
    return render(request, "surveys/manage/words.html", {
        "organisation": organisation, "survey": survey, "question": question, "analysis": analysis,
        "word": word, "behind": behind, "behind_total": behind_total, "behind_shown": len(behind),
        "can_read": can_read, "can_manage": request.user.has_perm("surveys.manage", survey),
        "by": by, "attributes": {k: v for k, v in ATTRIBUTES.items() if k != "gender"}, "comparison": comparison,
        "page": page,
    })


@login_required
@require_POST
def words_run(request, slug, survey_id, question_id):
    organisation = staff_organisation(request, slug)
    survey = managed_survey(request, organisation, survey_id)
    question = get_object_or_404(SurveyQuestion, pk=question_id, survey=survey, kind=SurveyQuestion.Kind.TEXT)
    actions.request_analysis(request.user, question)
    messages.success(request, _("単語の分析を始めました。回答が多いときは数分かかります。"))
    return redirect("surveys:words", slug=slug, survey_id=survey.pk, question_id=question.pk)
