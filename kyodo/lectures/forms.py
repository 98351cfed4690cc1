"""Forms of the 出前講座 pages and staff screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category, LectureRules, Request, Theme

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PHONE = r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$"


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), required=False)
    category = forms.ChoiceField(label=_("分野"), required=False,
                                 choices=[("", _("すべて")), *Category.choices])
    department = forms.TypedChoiceField(label=_("担当課"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("すべて"))] + [(d.pk, d.name) for d in departments]

    def value(self, name):
        return (self.cleaned_data.get(name) if self.is_bound and self.is_valid() else None) or ""


class RequestForm(forms.ModelForm):
    """The application form (works without JavaScript, one column on a phone)."""

    form_token = forms.CharField(widget=forms.HiddenInput)
    purpose_confirmed = forms.BooleanField(label=_("政治・宗教・営利を目的とした催しではありません"), required=False)
    consent = forms.BooleanField(
        label=_("個人情報の取扱いに同意します"),
        help_text=_("お名前と連絡先は、この講座の連絡のためだけに受付窓口と担当課が使います。公開はしません。"),
        error_messages={"required": _("お申込みには個人情報の取扱いへの同意が必要です。")})

    class Meta:
        model = Request
        fields = ["group_name", "group_kind", "representative", "phone", "email", "preferred_1",
                  "preferred_2", "preferred_3", "venue", "venue_address", "audience", "questions",
                  "equipment"]
        widgets = {"preferred_1": WHEN, "preferred_2": WHEN, "preferred_3": WHEN,
                   "questions": forms.Textarea(attrs={"rows": 3}),
                   "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
                   "email": forms.EmailInput(attrs={"autocomplete": "email"}),
                   "audience": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"})}
        help_texts = {"preferred_1": _("開始の日時を選びます。第2・第3希望もあると調整しやすくなります。"),
                      "venue": _("会場は申込者が用意します。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("preferred_1", "preferred_2", "preferred_3"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean_phone(self):
        import re

        phone = self.cleaned_data["phone"].strip().replace("ー", "-").replace("−", "-")
        if not re.match(PHONE, phone) or len(re.sub(r"\D", "", phone)) not in (10, 11):
            raise forms.ValidationError(_("電話番号は 011-211-2111 のように入力してください。"))
        return phone

    def request_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["purpose_confirmed"] = self.cleaned_data["purpose_confirmed"]
        return data


class StatusForm(forms.Form):
    receipt = forms.CharField(label=_("受付番号"), max_length=12, help_text=_("例: R8-0012"))
    email = forms.EmailField(label=_("お申込みのメールアドレス"))


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("回付先の担当課"), queryset=None)
    note = forms.CharField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organisation.departments.all()


class DecideForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("実施日時"), widget=WHEN,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    lecturer = forms.CharField(label=_("講師"), max_length=60)
    note = forms.CharField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReportForm(forms.Form):
    actual_audience = forms.IntegerField(label=_("参加者数(実績)"), min_value=0)
    questions = forms.CharField(label=_("出された質問・意見"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    remarks = forms.CharField(label=_("所感・特記事項"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("お断りの理由"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("申込者にメールでお知らせします。"))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["fiscal_year", "number", "title", "summary", "department", "duration_minutes",
                  "category", "keywords", "active"]

    def __init__(self, *args, organisation, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["department"].queryset = departments if departments is not None else organisation.departments.all()


class RulesForm(forms.ModelForm):
    class Meta:
        model = LectureRules
        exclude = ["organisation"]
        widgets = {"earliest_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                   "latest_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def clean_weekdays(self):
        value = "".join(sorted(set(self.cleaned_data["weekdays"])))
        if not value or any(c not in "0123456" for c in value):
            raise forms.ValidationError(_("曜日は 0(月)〜6(日)の数字で入力してください。"))
        return value
