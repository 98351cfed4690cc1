"""Forms of アンケート: the answer form built from the survey's questions (branching evaluated
on the server), the staff forms for a survey and its questions, codes and paper answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core import corrections
from kyodo.core.widgets import use_department_picker
from kyodo.core.inputs import (
    CountField, DateField, IntegerField, ModelForm, TextField, fold,
)

from .models import AGE_BANDS, GENDERS, RELATIONS, Survey, SurveyQuestion, SurveyResponse

REQUIRED = _("この設問は回答が必要です。")


def field_name(question, row=None):
    return f"q{question.pk}" if row is None else f"q{question.pk}_r{row}"


class ResponseForm(forms.Form):
    """One respondent's answers. Every field is optional to Django; whether a question must be
    answered — and whether it is asked at all (「問3で『はい』と答えた方のみ」) — is decided in
    :meth:`clean` from the answers given, on the server, so the form works without JavaScript
    and a hidden question's stray answer is dropped, never stored."""

    def __init__(self, *args, survey, questions, with_code=False, channel_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.questions = survey, list(questions)
        if with_code:
            self.fields["code"] = TextField(label=_("回答用コード"), max_length=20,
                                            help_text=_("調査票に印刷された8文字のコード(例: ABCD-EF23)"))
        if channel_choices:
            self.fields["channel"] = forms.ChoiceField(label=_("回答の経路"), choices=channel_choices)
        for question in self.questions:
            self._add(question)
        blank = [("", _("選択してください"))]
        self.fields["age_band"] = forms.ChoiceField(label=_("年代"), choices=blank + AGE_BANDS, required=False)
        areas = survey.area_choices()
        if areas:
            self.fields["area"] = forms.ChoiceField(label=_("お住まいの区・地域"),
                                                    choices=blank + [(a, a) for a in areas], required=False)
        if survey.ask_gender:
            self.fields["gender"] = forms.ChoiceField(label=_("性別(任意)"), choices=blank + GENDERS,
                                                      required=False)
        self.fields["relation"] = forms.ChoiceField(label=_("市との関わり"), choices=blank + RELATIONS,
                                                    required=False)

    def _add(self, question):
        kind, label = question.kind, f"問{question.number} {question.text}"
        common = {"label": label, "required": False, "help_text": question.help_text}
        K = SurveyQuestion.Kind
        if kind == K.SINGLE:
            field = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, choices=[
                (i, c) for i, c in enumerate(question.choice_list(), start=1)], **common)
        elif kind == K.MULTIPLE:
            field = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple, choices=[
                (i, c) for i, c in enumerate(question.choice_list(), start=1)], **common)
        elif kind == K.LIKERT:
            field = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, choices=question.scale(), **common)
        elif kind == K.NUMBER:
            bounds = {k: v for k, v in (("min_value", question.min_value), ("max_value", question.max_value))
                      if v is not None}
            field = IntegerField(**bounds, **common)
        elif kind == K.DATE:
            field = DateField(**common)
        elif kind == K.TEXT:
            field = TextField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
        else:  # matrix: one 5-point row per item
            for row, item in enumerate(question.choice_list(), start=1):
                self.fields[field_name(question, row)] = forms.TypedChoiceField(
                    coerce=int, widget=forms.RadioSelect, choices=question.scale(), required=False,
                    label=f"問{question.number}-{row} {item}")
            return
        self.fields[field_name(question)] = field

    # --- What the template walks -------------------------------------------------------------

    def question_blocks(self):
        """(question, [bound fields]) in order, for the template."""
        for question in self.questions:
            if question.kind == SurveyQuestion.Kind.MATRIX:
                names = [field_name(question, r) for r in range(1, len(question.choice_list()) + 1)]
            else:
                names = [field_name(question)]
            yield question, [self[name] for name in names if name in self.fields]

    def attribute_fields(self):
        return [self[name] for name in ("age_band", "area", "gender", "relation") if name in self.fields]

    # --- Validation --------------------------------------------------------------------------

    def _value(self, question):
        cleaned = self.cleaned_data
        if question.kind == SurveyQuestion.Kind.MATRIX:
            values = {}
            for row in range(1, len(question.choice_list()) + 1):
                value = cleaned.get(field_name(question, row))
                if value not in (None, ""):
                    values[row] = value
            return values
        value = cleaned.get(field_name(question))
        return None if value in (None, "", []) else value

    def clean(self):
        cleaned = super().clean()
        given = {}
        self.answers = []
        for question in self.questions:
            name = field_name(question) if question.kind != SurveyQuestion.Kind.MATRIX else None
            if question.show_if_question_id:
                earlier = given.get(question.show_if_question_id)
                chosen = set(earlier if isinstance(earlier, list) else [earlier] if earlier is not None else [])
                if not chosen & question.condition_values():
                    # Not asked of this respondent: drop what was typed and any error of it.
                    for key in list(self._errors):
                        if key == name or (key.startswith(f"q{question.pk}_r")):
                            del self._errors[key]
                    continue
            value = self._value(question)
            if value in (None, {}, []) or (isinstance(value, str) and not value.strip()):
                if question.required:
                    if question.kind == SurveyQuestion.Kind.MATRIX:
                        self.add_error(field_name(question, 1), REQUIRED)
                    elif name not in self._errors:
                        self.add_error(name, REQUIRED)
                continue
            if question.kind == SurveyQuestion.Kind.MATRIX and question.required and \
                    len(value) < len(question.choice_list()):
                missing = next(r for r in range(1, len(question.choice_list()) + 1) if r not in value)
                self.add_error(field_name(question, missing), _("すべての項目に回答してください。"))
                continue
            given[question.pk] = value
            self.answers.append((question, value))
        return cleaned

    def attributes(self):
        return {name: self.cleaned_data.get(name, "") or "" for name in ("age_band", "area", "gender", "relation")}


class SurveyForm(ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "description", "department", "method", "opens_on", "closes_on", "areas",
                  "ask_gender", "previous", "plan", "evaluation_round"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "areas": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisation, departments, **kwargs):
        super().__init__(*args, **kwargs)
        from kyodo.councils.models import EvaluationRound
        from kyodo.plans.models import Plan

        self.instance.organisation = organisation
        self.fields["department"].queryset = departments
        # The tree with full paths and a search box (two 総務課 are told apart), still only the
        # departments the actor may give the survey to.
        use_department_picker(self.fields["department"], organisation,
                              only={d.pk for d in departments}, multiple=False)
        previous = Survey.objects.filter(organisation=organisation)
        if self.instance.pk:
            previous = previous.exclude(pk=self.instance.pk)
        self.fields["previous"].queryset = previous
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation)
        self.fields["evaluation_round"].queryset = EvaluationRound.objects.filter(
            council__organisation=organisation).select_related("council")


class QuestionForm(ModelForm):
    class Meta:
        model = SurveyQuestion
        fields = ["number", "kind", "text", "help_text", "required", "choices", "low_label", "high_label",
                  "min_value", "max_value", "show_if_question", "show_if_choices", "headline"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.survey = survey
        earlier = survey.questions.filter(kind__in=["single", "multiple", "likert"])
        if self.instance.pk:
            earlier = earlier.exclude(pk=self.instance.pk)
        self.fields["show_if_question"].queryset = earlier


class CodesForm(forms.Form):
    count = CountField(label=_("発行するコードの数"), min_value=1, max_value=20000)


class TransitionForm(forms.Form):
    step = forms.ChoiceField(choices=[("open", "open"), ("close", "close"), ("publish", "publish"),
                                      ("reopen", "reopen")])
    summary = TextField(label=_("結果の概要(公表する場合)"), max_length=4000, required=False,
                        widget=forms.Textarea(attrs={"rows": 4}))
    reason = TextField(label=_("公表を取り消す理由(取り消す場合)"), max_length=2000, required=False,
                       widget=forms.Textarea(attrs={"rows": 2}),
                       help_text=_("結果をふたたび公表したとき、結果のページに日付とともに表示されます。"))


class CorrectSurveyForm(forms.Form):
    """訂正 of a published survey: its title, description and summary of results, with the reason."""

    title = TextField(label=_("調査名"), max_length=120)
    description = TextField(label=_("調査の目的・説明"), max_length=4000, required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    results_summary = TextField(label=_("結果の概要"), max_length=4000, required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    reason = corrections.reason_field()


def normalise_code(value):
    text = fold(value).upper().replace(" ", "").replace("-", "")
    return f"{text[:4]}-{text[4:]}" if len(text) == 8 else text


class CodeCheck(forms.Form):
    """Only the shape of a code; whether it exists and is unused is the action's business."""

    code = TextField(max_length=20)

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


class ChannelChoice(forms.Form):
    channel = forms.ChoiceField(choices=[c for c in SurveyResponse.Channel.choices if c[0] != "web"])

