"""Forms of the council pages and the workspace. Every field is one of core's typed inputs
(``kyodo.core.inputs``): bounded numbers and years, dates within range, folded phone numbers,
text with a length limit and no NUL byte."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.corrections import reason_field
from kyodo.core.inputs import (
    MAX_YEAR, MIN_YEAR, CountField, DateField, FiscalYearField, ModelForm,
    ModelMultipleChoiceField, PhoneField, TextField, YearField,
)
from kyodo.core.japanese import wareki_fiscal_year

from .models import DEFAULT_CRITERIA, DEFAULT_SCALE, Criterion, Meeting, MemberProgress, Recommendation

#: An e-mail address longer than this cannot be stored (EmailField's max_length).
EMAIL_MAX = 254
#: How many criteria and scale steps a round may have, and how long a scale label may be.
MAX_CRITERIA = 20
SCALE_LABEL_MAX = 30


class ApplicationForm(forms.Form):
    name = TextField(label=_("氏名"), max_length=60)
    name_kana = TextField(label=_("ふりがな"), max_length=60)
    email = forms.EmailField(label=_("メールアドレス"), max_length=EMAIL_MAX,
                             help_text=_("受付と選考結果のお知らせに使います。"))
    phone = PhoneField(label=_("電話番号"), help_text=_("市外局番から(例: 011-211-2111)"))
    address = TextField(label=_("住所"), max_length=200)
    birth_year = YearField(label=_("生まれた年"), required=False,
                           help_text=_("西暦または和暦(例: 1970、昭和45)"))
    essay = TextField(label=_("小論文"), widget=forms.Textarea(attrs={"rows": 12}))
    consent = forms.BooleanField(
        label=_("個人情報の取扱いに同意します"),
        help_text=_("応募書類は選考のためだけに事務局が使い、選考後に消去します。公開されるのは委員に選ばれた方の氏名だけです。"),
        error_messages={"required": _("応募には個人情報の取扱いへの同意が必要です。")})

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["essay"].help_text = _("テーマ: %(theme)s(%(max)d字以内)") % {
            "theme": call.essay_theme, "max": call.essay_max_chars}

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("生まれた年が今年より後になっています。"))
        return year


class ReservationForm(forms.Form):
    name = TextField(label=_("氏名"), max_length=60)
    email = forms.EmailField(label=_("メールアドレス"), max_length=EMAIL_MAX)
    seats = CountField(label=_("人数"), min_value=1, max_value=4, initial=1,
                       help_text=_("1人から4人まで"))


class ResponseForm(ModelForm):
    """市の考え方 and 反映状況. Once a response is given it is public: changing it asks for the
    reason of the correction (shown with the earlier text on the public pages)."""

    class Meta:
        model = Recommendation
        fields = ["status", "response", "reason"]
        widgets = {"response": forms.Textarea(attrs={"rows": 5}),
                   "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.response.strip():
            self.fields["correction_reason"] = reason_field()
            self.fields["correction_reason"].required = False
            self.fields["correction_reason"].label = _("市の考え方を訂正する理由")
            self.fields["correction_reason"].help_text = _(
                "市の考え方を変えるときだけ書きます。公開ページに、訂正前の内容とともに表示されます。")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Recommendation.Status.NOT_REFLECTED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("「反映せず」とするときは、その理由を書いてください。"))
        return cleaned


class MeetingRecordForm(ModelForm):
    class Meta:
        model = Meeting
        fields = ["observers", "attendees", "minutes_kind", "minutes"]
        widgets = {"attendees": forms.CheckboxSelectMultiple,
                   "minutes": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.instance.council.members.all()
        if self.instance.minutes_approved_on:
            # Approved minutes change only through a correction with its reason.
            for name in ("minutes_kind", "minutes"):
                self.fields[name].disabled = True
            self.fields["minutes"].help_text = _("承認済みです。直すときは下の「会議録の訂正」から、理由を添えて訂正してください。")


class MinutesCorrectionForm(forms.Form):
    """訂正 of approved minutes: the corrected text and the reason shown on the public page."""

    minutes = TextField(label=_("訂正後の会議録"), widget=forms.Textarea(attrs={"rows": 12}))
    reason = reason_field()
    personal_data = forms.BooleanField(
        label=_("個人情報などを含むため、訂正前の会議録の公開をただちに停止する"), required=False,
        help_text=_("訂正前の会議録は、訂正中も訂正後も公開ページに表示せず、監査ログにだけ残します。"
                    "チェックしない場合、訂正前の会議録は訂正の記録として閲覧できます。"))


class WithdrawMaterialForm(forms.Form):
    reason = reason_field()
    removed = forms.BooleanField(
        label=_("個人情報などを含むため、ファイルの公開をただちに停止する"), required=False,
        help_text=_("停止したファイルは誰にも配信されず、記録のためだけに保管されます。"
                    "チェックしない場合、取り下げた資料として閲覧はできます。"))


class WithdrawalForm(forms.Form):
    """取下げ of a published evaluation (or of a response to a recommendation): the reason is
    shown on the public pages."""

    reason = reason_field()


class MaterialForm(forms.Form):
    title = TextField(label=_("資料名"), max_length=150)
    file = forms.FileField(label=_("ファイル"),
                           help_text=_("PDF、Word、Excel、PowerPoint、PNG、JPEG(10MBまで)"))


class RoundForm(forms.Form):
    title = TextField(label=_("評価の名称"), max_length=100)
    fiscal_year = FiscalYearField(label=_("対象年度"), widget=forms.Select)
    items = ModelMultipleChoiceField(label=_("対象の取組項目"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)
    criteria = TextField(label=_("評価の観点"), widget=forms.Textarea(attrs={"rows": 6}),
                         max_length=MAX_CRITERIA * 160, help_text=_("1行に1つ"),
                         initial="\n".join(str(c) for c in DEFAULT_CRITERIA))
    scale_labels = TextField(label=_("評価の段階"), max_length=10 * (SCALE_LABEL_MAX + 1),
                             help_text=_("高い順に「、」で区切ります(2〜10段階)"),
                             initial="、".join(str(s) for s in DEFAULT_SCALE))
    deadline = DateField(label=_("締切日"), required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        from kyodo.plans.models import ActionItem

        items = ActionItem.objects.filter(plan__organisation=council.organisation)
        if council.plan_id:
            items = items.filter(plan=council.plan_id)
        self.fields["items"].queryset = items.select_related("plan")
        self.years = range(max(MIN_YEAR, council.term_start.year - 2),
                           min(MAX_YEAR, council.term_end.year + 1) + 1)
        self.fields["fiscal_year"].widget.choices = [
            (y, wareki_fiscal_year(y, western=True)) for y in self.years]

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        if year not in self.years:
            raise forms.ValidationError(_("対象年度は会議の任期の前後(%(first)s〜%(last)s年度)から選んでください。")
                                        % {"first": self.years[0], "last": self.years[-1]})
        return year

    def clean_criteria(self):
        criteria = [line.strip() for line in self.cleaned_data["criteria"].splitlines() if line.strip()]
        limit = Criterion._meta.get_field("text").max_length
        if len(criteria) > MAX_CRITERIA:
            raise forms.ValidationError(_("評価の観点は%(max)d個までです。") % {"max": MAX_CRITERIA})
        if any(len(c) > limit for c in criteria):
            raise forms.ValidationError(_("評価の観点は1つ%(max)d字以内にしてください。") % {"max": limit})
        return criteria

    def clean_scale_labels(self):
        labels = [s.strip() for s in self.cleaned_data["scale_labels"].replace(",", "、").split("、")
                  if s.strip()]
        if not 2 <= len(labels) <= 10:
            raise forms.ValidationError(_("評価の段階は2から10までです(いま%(n)d段階)。") % {"n": len(labels)})
        if any(len(label) > SCALE_LABEL_MAX for label in labels):
            raise forms.ValidationError(_("段階の説明は1つ%(max)d字以内にしてください。") % {"max": SCALE_LABEL_MAX})
        return labels


class VerdictForm(forms.Form):
    evaluation = TextField(label=_("会議としての総合評価"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    response = TextField(label=_("市の回答"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    correction_reason = TextField(label=_("訂正の理由"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class ProxyEntryForm(forms.Form):
    """How the member's sheet reached the secretariat (代理入力)."""

    channel = forms.ChoiceField(
        label=_("受け取った方法"),
        choices=[("", "—")] + [c for c in MemberProgress.Channel.choices if c[0] != MemberProgress.Channel.WEB],
        error_messages={"required": _("評価票を受け取った方法を選んでください。"),
                        "invalid_choice": _("評価票を受け取った方法を選んでください。")})


class TrackingFilterForm(forms.Form):
    """The public table's filters. A value that is not one of the choices is shown as an
    error next to its field and that filter is left out; the other filters still apply."""

    status = forms.ChoiceField(label=_("反映状況"), required=False)
    theme = forms.TypedChoiceField(label=_("重点項目"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("すべて")), *Recommendation.Status.choices]
        self.fields["theme"].choices = [("", _("すべて"))] + [
            (t.pk, f"{t.plan.title} {t.number} {t.title}") for t in themes]

    def value(self, name):
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)
