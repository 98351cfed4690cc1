"""Forms of the council pages and the workspace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.japanese import wareki_fiscal_year

from .models import DEFAULT_CRITERIA, DEFAULT_SCALE, Meeting, Recommendation


class ApplicationForm(forms.Form):
    name = forms.CharField(label=_("氏名"), max_length=60)
    name_kana = forms.CharField(label=_("ふりがな"), max_length=60)
    email = forms.EmailField(label=_("メールアドレス"),
                             help_text=_("受付と選考結果のお知らせに使います。"))
    phone = forms.RegexField(label=_("電話番号"), regex=r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$",
                             error_messages={"invalid": _("電話番号は 011-211-2111 のように入力してください。")})
    address = forms.CharField(label=_("住所"), max_length=200)
    birth_year = forms.IntegerField(label=_("生まれた年(西暦)"), required=False, min_value=1900,
                                    max_value=2100)
    essay = forms.CharField(label=_("小論文"), widget=forms.Textarea(attrs={"rows": 12}))
    consent = forms.BooleanField(
        label=_("個人情報の取扱いに同意します"),
        help_text=_("応募書類は選考のためだけに事務局が使い、選考後に消去します。公開されるのは委員に選ばれた方の氏名だけです。"),
        error_messages={"required": _("応募には個人情報の取扱いへの同意が必要です。")})

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["essay"].help_text = _("テーマ: %(theme)s(%(max)d字以内)") % {
            "theme": call.essay_theme, "max": call.essay_max_chars}


class ReservationForm(forms.Form):
    name = forms.CharField(label=_("氏名"), max_length=60)
    email = forms.EmailField(label=_("メールアドレス"))
    seats = forms.IntegerField(label=_("人数"), min_value=1, max_value=4, initial=1)


class ResponseForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["status", "response", "reason"]
        widgets = {"response": forms.Textarea(attrs={"rows": 5}),
                   "reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Recommendation.Status.NOT_REFLECTED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("「反映せず」とするときは、その理由を書いてください。"))
        return cleaned


class MeetingRecordForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["observers", "attendees", "minutes_kind", "minutes"]
        widgets = {"attendees": forms.CheckboxSelectMultiple,
                   "minutes": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.instance.council.members.all()


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("資料名"), max_length=150)
    file = forms.FileField(label=_("ファイル"),
                           help_text=_("PDF、Word、Excel、PowerPoint、PNG、JPEG(10MBまで)"))


class RoundForm(forms.Form):
    title = forms.CharField(label=_("評価の名称"), max_length=100)
    fiscal_year = forms.TypedChoiceField(label=_("対象年度"), coerce=int)
    items = forms.ModelMultipleChoiceField(label=_("対象の取組項目"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)
    criteria = forms.CharField(label=_("評価の観点"), widget=forms.Textarea(attrs={"rows": 6}),
                               help_text=_("1行に1つ"),
                               initial="\n".join(str(c) for c in DEFAULT_CRITERIA))
    scale_labels = forms.CharField(label=_("評価の段階"), help_text=_("高い順に「、」で区切ります"),
                                   initial="、".join(str(s) for s in DEFAULT_SCALE))
    deadline = forms.DateField(label=_("締切日"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        from kyodo.plans.models import ActionItem

        items = ActionItem.objects.filter(plan__organisation=council.organisation)
        if council.plan_id:
            items = items.filter(plan=council.plan_id)
        self.fields["items"].queryset = items.select_related("plan")
        years = range(council.term_start.year - 2, council.term_end.year + 2)
        self.fields["fiscal_year"].choices = [(y, wareki_fiscal_year(y, western=True)) for y in years]

    def labels(self):
        return [s.strip() for s in self.cleaned_data["scale_labels"].replace(",", "、").split("、") if s.strip()]


class VerdictForm(forms.Form):
    evaluation = forms.CharField(label=_("会議としての総合評価"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    response = forms.CharField(label=_("市の回答"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))


class TrackingFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("反映状況"), required=False)
    theme = forms.TypedChoiceField(label=_("重点項目"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("すべて")), *Recommendation.Status.choices]
        self.fields["theme"].choices = [("", _("すべて"))] + [
            (t.pk, f"{t.plan.title} {t.number} {t.title}") for t in themes]

    def value(self, name):
        return self.cleaned_data.get(name) if self.is_bound and self.is_valid() else None
