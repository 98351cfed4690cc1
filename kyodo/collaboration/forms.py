"""Forms of 協働's pages. They parse and show errors; the rules and the writes are in actions."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyodo.core import corrections
from kyodo.core.widgets import department_choices
from kyodo.core.inputs import (
    AmountField, DateField, FiscalYearField, ModelForm, PhoneField, TextField, YearField, fold,
)

from .actions import PROJECT_CORRECTABLE
from .models import (
    EvaluationCriterion, EvaluationTemplate, Initiative, Partner, Project, Stage, SurveyCampaign,
    SurveyResponse,
)
from .vocabularies import FIELD_SHORT, CURRENT_FIELDS, CollaborationForm, PartnerType, field_choices


def short_field_choices():
    return [(k.value, FIELD_SHORT[k]) for k in CURRENT_FIELDS.keys]


# --- Public directory and lists --------------------------------------------------------------------

#: Search words of the lists: long enough for any name, short enough for a cheap LIKE.
SEARCH_LENGTH = 100


class PartnerFilterForm(forms.Form):
    q = TextField(label=_("キーワード"), required=False, max_length=SEARCH_LENGTH,
                  help_text=_("団体名・よみがな・紹介文から探します"))
    partner_type = forms.ChoiceField(label=_("団体の種別"), required=False,
                                     choices=[("", _("すべて"))] + PartnerType.choices)
    field = forms.ChoiceField(label=_("活動分野"), required=False)
    area = TextField(label=_("活動地域"), required=False, max_length=SEARCH_LENGTH,
                     help_text=_("例: 札幌、石狩"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("すべて"))] + short_field_choices()


class FoldedTypedChoiceField(forms.TypedChoiceField):
    """A select whose value may also be typed in the address (「２００５」 is 2005)."""

    def to_python(self, value):
        return fold(super().to_python(value))


class ProjectFilterForm(forms.Form):
    fiscal_year = FoldedTypedChoiceField(label=_("年度"), required=False, coerce=int,
                                         empty_value=None)
    department = FoldedTypedChoiceField(label=_("担当部署"), required=False, coerce=int,
                                        empty_value=None)
    form = forms.ChoiceField(label=_("協働の形態"), required=False,
                             choices=[("", _("すべて"))] + CollaborationForm.choices)
    field = forms.ChoiceField(label=_("分野"), required=False)
    q = TextField(label=_("キーワード"), required=False, max_length=SEARCH_LENGTH)

    def __init__(self, *args, organisation, years=(), department_ids=(), **kwargs):
        from kyodo.core.japanese import wareki_fiscal_year

        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [("", _("すべて"))] + [
            (y, wareki_fiscal_year(y)) for y in years]
        # A list filter: one select grouped by 部局 with full paths (not a flat list of
        # look-alike 課 names); only departments that have projects to find.
        self.fields["department"].choices = [("", _("すべて"))] + department_choices(
            organisation, only=set(department_ids))
        self.fields["field"].choices = [("", _("すべて"))] + short_field_choices()


class InitiativeFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("種類"), choices=Initiative.Kind.choices,
                                       empty_label=_("すべて"))

    class Meta:
        model = Initiative
        fields = ["kind"]


# --- Partner profile --------------------------------------------------------------------------------

def url_field(label, max_length=200):
    return forms.URLField(label=label, required=False, assume_scheme="https",
                          max_length=max_length,
                          error_messages={"invalid": _("https:// から始まるURLを入力してください。")})


class PartnerProfileForm(ModelForm):
    """The partner's profile: members propose it (``partner_edit``), the coordinator saves it
    directly (``partner_admin``)."""

    website = url_field(_("ウェブサイト"))
    founded_year = YearField(label=_("設立年"), required=False,
                             help_text=_("西暦または和暦(例: 2001、平成13)"))
    phone = PhoneField(label=_("電話番号"), required=False, help_text=_("例: 011-211-2111"))
    fields_ = forms.MultipleChoiceField(
        label=_("活動分野(特定非営利活動促進法 別表)"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=field_choices())

    class Meta:
        model = Partner
        fields = ["name", "name_kana", "partner_type", "area", "description", "website",
                  "founded_year", "contact_name", "contact_name_public", "phone", "phone_public",
                  "email", "email_public", "address", "address_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_"].label = _("活動分野(特定非営利活動促進法 別表)")
        if self.instance.pk and not self.is_bound:
            self.initial["fields_"] = list(self.instance.fields.values_list("field", flat=True))
        # Put the fields after the type, where people look for them.
        order = list(self.fields)
        order.remove("fields_")
        order.insert(order.index("partner_type") + 1, "fields_")
        self.order_fields(order)

    def proposal(self):
        data = {k: v for k, v in self.cleaned_data.items() if k != "fields_"}
        data["fields"] = self.cleaned_data["fields_"]
        return data


class StaffPartnerFilterForm(forms.Form):
    """The coordinator's partner list: every partner, verified or not."""

    class Verified(models.TextChoices):
        YES = "yes", _("確認済")
        NO = "no", _("未確認")

    q = TextField(label=_("団体名"), required=False, max_length=SEARCH_LENGTH,
                  help_text=_("団体名・よみがなから探します"))
    partner_type = forms.ChoiceField(label=_("団体の種別"), required=False,
                                     choices=[("", _("すべて"))] + PartnerType.choices)
    verified = forms.ChoiceField(label=_("確認状況"), required=False,
                                 choices=[("", _("すべて"))] + Verified.choices)


class PartnerMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("メンバーのメールアドレス"),
        help_text=_("未登録の方にはパスワード設定のご案内をメールで送ります。"),
        error_messages={"invalid": _("メールアドレスの形式が正しくありません(例: info@example.org)。"),
                        "required": _("追加する方のメールアドレスを入力してください。")})
    display_name = forms.CharField(label=_("表示名"), max_length=60, required=False,
                                   help_text=_("未登録の方のみ。例: 森 太郎(事務局)"))


class ReturnForm(forms.Form):
    comment = TextField(label=_("差し戻す理由"), widget=forms.Textarea(attrs={"rows": 3}))


# --- Survey -------------------------------------------------------------------------------------------

class CampaignForm(ModelForm):
    fiscal_year = FiscalYearField(label=_("対象年度"), min_value=1989,
                                  help_text=_("西暦または和暦で入力します(例: 2005、平成17年度)"))

    class Meta:
        model = SurveyCampaign
        fields = ["fiscal_year", "title", "deadline", "instructions"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 4})}


class ReopenForm(forms.Form):
    deadline = DateField(label=_("新しい回答期限"))


class ProjectForm(ModelForm):
    forms_ = forms.MultipleChoiceField(label=_("協働の形態(複数選択可)"),
                                       widget=forms.CheckboxSelectMultiple,
                                       choices=CollaborationForm.choices)
    fields_ = forms.MultipleChoiceField(label=_("分野(複数選択可)"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    budget = AmountField(label=_("予算額(円)"), required=False,
                         help_text=_("円単位で入力します(例: 1200000)"),
                         error_messages={"max_value": _("予算額は1兆円未満で入力してください。")})

    class Meta:
        model = Project
        fields = ["title", "purpose", "content", "budget", "start_date", "end_date", "results"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}),
                   "content": forms.Textarea(attrs={"rows": 4}),
                   "results": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, fiscal_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_"].choices = field_choices(fiscal_year)
        self.fields["forms_"].label = _("協働の形態(複数選択可)")
        self.fields["fields_"].label = _("分野(複数選択可)")
        if self.instance.pk and not self.is_bound:
            self.initial["forms_"] = [f.form for f in self.instance.forms.all()]
            self.initial["fields_"] = [f.field for f in self.instance.fields.all()]
        self.order_fields(["title", "forms_", "fields_", "purpose", "content", "budget",
                           "start_date", "end_date", "results"])

    def validate_unique(self):
        # The action checks uniqueness within the department's year (and says so in Japanese).
        pass


class ProjectPartnerForm(forms.Form):
    name = forms.CharField(label=_("相手方の団体名"), max_length=100, required=False)
    partner_type = forms.ChoiceField(label=_("団体の種別"), required=False,
                                     choices=[("", _("選んでください"))] + PartnerType.choices)
    role = forms.CharField(label=_("相手方の役割"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("partner_type"):
            self.add_error("partner_type", _("団体の種別を選んでください。"))
        if data.get("partner_type") and not data.get("name"):
            self.add_error("name", _("団体名を入力してください。"))
        return data


ProjectPartnerFormSet = forms.formset_factory(ProjectPartnerForm, extra=0, min_num=3,
                                              max_num=10)


class CarryOverForm(forms.Form):
    projects = forms.MultipleChoiceField(label=_("今年度も続けている事業"),
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["projects"].choices = choices


class ProxyEntryForm(forms.Form):
    """How the department's answer reached the coordinator (代理入力)."""

    channel = forms.ChoiceField(
        label=_("受け取った方法"),
        choices=[("", "—")] + [c for c in SurveyResponse.Channel.choices
                               if c[0] != SurveyResponse.Channel.WEB],
        error_messages={"required": _("回答を受け取った方法を選んでください。"),
                        "invalid_choice": _("回答を受け取った方法を選んでください。")})


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excelファイル(.xlsx)"),
                           help_text=_("様式をダウンロードして記入してください。1MBまで。"))


# --- Evaluation ---------------------------------------------------------------------------------------

class StartEvaluationForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("評価する協働団体"), queryset=Partner.objects.none())
    stage = forms.ChoiceField(label=_("段階"), choices=Stage.choices, initial=Stage.AFTER)
    deadline = DateField(label=_("評価シートの提出期限"), required=False,
                         help_text=_("期限の3日前と翌日に、まだ提出していない側へお知らせします。"))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class SheetForm(forms.Form):
    """One radio group per criterion plus a comment, then an overall comment."""

    def __init__(self, *args, criteria, scale, ratings=None, overall="", **kwargs):
        super().__init__(*args, **kwargs)
        ratings = ratings or {}
        self.criteria = criteria
        choices = [(str(v), f"{v} {label}") for v, label in scale]
        for criterion in criteria:
            score, comment = ratings.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=f"{criterion.number}. {criterion.title}", choices=choices, required=False,
                widget=forms.RadioSelect, initial=str(score) if score else None,
                help_text=criterion.question)
            self.fields[f"comment_{criterion.pk}"] = TextField(
                label=_("「%(t)s」の理由・意見") % {"t": criterion.title}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}), initial=comment)
        self.fields["overall_comment"] = TextField(
            label=_("全体を通しての所感"), required=False,
            widget=forms.Textarea(attrs={"rows": 4}), initial=overall)

    def ratings(self):
        return {c.pk: (self.cleaned_data.get(f"score_{c.pk}") or None,
                       self.cleaned_data.get(f"comment_{c.pk}", ""))
                for c in self.criteria}


class JointCommentForm(forms.Form):
    joint_comment = TextField(label=_("双方の協議による総括"),
                                    widget=forms.Textarea(attrs={"rows": 5}))


class EvaluationCorrectionForm(forms.Form):
    """訂正 of a published evaluation's summary, with the reason the public page shows."""

    joint_comment = TextField(label=_("訂正後の総括"), widget=forms.Textarea(attrs={"rows": 5}))
    reason = corrections.reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="correct", **kwargs)


class WithdrawalForm(forms.Form):
    """取下げ of a published record, with the reason the public page shows."""

    reason = corrections.reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)


class ProjectCorrectionForm(ModelForm):
    """訂正 of a published project's public fields, with the reason the public page shows."""

    reason = corrections.reason_field()

    class Meta:
        model = Project
        fields = list(PROJECT_CORRECTABLE)
        field_classes = {"budget": AmountField, "start_date": DateField, "end_date": DateField}
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("purpose", "content", "results")}

    def changes(self):
        """The corrected fields and their new values (only what differs from the record)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields
                if self.cleaned_data[name] != self.initial.get(name)}


class ReportCorrectionForm(forms.Form):
    """再集計 of a published report: a correction, so with its reason."""

    reason = corrections.reason_field()


# --- Coordinator: evaluation templates and initiatives ---------------------------------------------

class ScaleField(forms.CharField):
    """The rating scale as text, one level a line, best first: 「5 はるかに上回った」."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{v} {label}" for v, label in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):  # the stored scale (a disabled field's initial value)
            return value
        text = super().to_python(value)
        if len(text) > 2000:
            raise forms.ValidationError(_("評価の尺度は2000文字以内で入力してください。"))
        # The parsed rows are a list, which CharField's NUL check does not look inside.
        if "\x00" in text:
            raise forms.ValidationError(_("使用できない文字が含まれています。"))
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = fold(line)
            if not line:
                continue
            head, _sep, label = line.replace(":", " ").partition(" ")
            # isdigit() alone would take 「²」, which int() refuses.
            if not (head.isascii() and head.isdigit()) or not label.strip():
                raise forms.ValidationError(
                    _("%(n)d行目: 「数値 ラベル」の形で入力してください(例: 5 はるかに上回った)。"),
                    params={"n": number})
            rows.append([int(head), label.strip()])
        return rows


class EvaluationTemplateForm(ModelForm):
    scale = ScaleField(label=_("評価の尺度"),
                       help_text=_("1行に1段階、「数値 ラベル」の形で、最も良い評価から順に書きます(例: 5 はるかに上回った)。"))

    class Meta:
        model = EvaluationTemplate
        fields = ["name", "scale", "is_active"]
        help_texts = {"is_active": _("使用中の様式が新しい評価に使われます。")}

    def __init__(self, *args, scale_locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale"].label = _("評価の尺度")
        if scale_locked:
            self.fields["scale"].disabled = True
            self.fields["scale"].help_text = _("評価シートで使われているため変更できません。")

    def validate_unique(self):
        # The action checks the name within the organisation (and says so in Japanese).
        pass


class CriterionForm(ModelForm):
    class Meta:
        model = EvaluationCriterion
        fields = ["stage", "title", "question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"question": _("評価する人に示す問いかけ(任意)")}

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The stage is kept on edit; move a criterion by deleting and adding it.
            del self.fields["stage"]
        else:
            self.fields["stage"].choices = [("", _("選んでください"))] + Stage.choices

    def validate_unique(self):
        pass


class InitiativeForm(ModelForm):
    url = url_field(_("参考URL"), max_length=300)
    fiscal_year = FiscalYearField(label=_("年度"), required=False, min_value=1989,
                                  help_text=_("西暦または和暦で入力します(例: 2005、平成17年度)"))

    class Meta:
        model = Initiative
        fields = ["fiscal_year", "date", "category", "kind", "title", "description",
                  "department_name", "continuing", "url", "sort_order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"continuing": _("年表に ☆ を付けます"),
                      "sort_order": _("同じ年度の中での並び順(小さい順)")}

    def validate_unique(self):
        pass
