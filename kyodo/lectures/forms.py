"""Forms of the 出前講座 pages and staff screens. Every field is one of core's typed inputs
(``kyodo.core.inputs``): folded, bounded, with Japanese messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core import inputs
from kyodo.core.models import User
from kyodo.core.widgets import department_choices, use_department_picker

from .models import Category, LectureRules, Request, Theme

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
WHEN_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]
DASHES_TO_HYPHEN = str.maketrans({c: "-" for c in inputs.DASHES})


class CatalogueFilterForm(forms.Form):
    q = inputs.TextField(label=_("キーワード"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("分野"), required=False,
                                 choices=[("", _("すべて")), *Category.choices])
    department = forms.TypedChoiceField(label=_("担当課"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, organisation, departments, **kwargs):
        super().__init__(*args, **kwargs)
        # Grouped by 部局 with the full path, so two 総務課 are told apart.
        self.fields["department"].choices = [("", _("すべて"))] + department_choices(
            organisation, only={d.pk for d in departments})

    def value(self, name):
        """The filter's cleaned value; a refused filter is shown next to its field and ignored,
        the other filters still apply."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""


class RequestForm(inputs.ModelForm):
    """The application form (works without JavaScript, one column on a phone)."""

    form_token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    phone = inputs.PhoneField(label=_("電話番号"))
    audience = inputs.CountField(label=_("参加予定人数"), min_value=1, max_value=10000)
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
                   "email": forms.EmailInput(attrs={"autocomplete": "email"})}
        help_texts = {"preferred_1": _("開始の日時を選びます。第2・第3希望もあると調整しやすくなります。"),
                      "venue": _("会場は申込者が用意します。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("preferred_1", "preferred_2", "preferred_3"):
            self.fields[name].input_formats = WHEN_FORMATS
        # The status page and the mails need it from a resident applying themselves.
        self.fields["email"].required = True

    def request_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["purpose_confirmed"] = self.cleaned_data["purpose_confirmed"]
        return data


class ProxyRequestForm(RequestForm):
    """代理入力: the reception desk types in a request received on paper, by phone, by fax or at
    the counter — the application form's fields, the theme asked for and how it came."""

    channel = forms.ChoiceField(label=_("受付の方法"),
                                choices=[c for c in Request.Channel.choices if c[0] != Request.Channel.WEB])
    theme = forms.ModelChoiceField(label=_("講座"), queryset=Theme.objects.none())
    consent = forms.BooleanField(
        label=_("申込者に個人情報の取扱いを説明し、同意を得ました"),
        error_messages={"required": _("代理入力には、申込者から個人情報の取扱いへの同意を得ていることの確認が必要です。")})
    field_order = ["channel", "theme"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(organisation=organisation, active=True).order_by(
            "-fiscal_year", "number")
        self.fields["email"].required = False
        self.fields["email"].help_text = _("申込者がメールアドレスを伝えたときだけ入力します。受付番号をメールでお知らせします。")


class StatusForm(forms.Form):
    receipt = forms.CharField(label=_("受付番号"), max_length=12, help_text=_("例: R8-0012"))
    email = forms.EmailField(label=_("お申込みのメールアドレス"))

    def clean_receipt(self):
        # 「Ｒ８－００１２」 typed on a phone is the same number.
        return inputs.fold(self.cleaned_data["receipt"]).translate(DASHES_TO_HYPHEN).upper()


class WithdrawForm(forms.Form):
    """取下げ of a lecture whose date is decided: a confirmation and the reason."""

    confirmed = forms.BooleanField(label=_("実施日が決まっているこの講座を取り下げます"), required=False)
    reason = inputs.TextField(label=_("取り下げる理由"), required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("担当課にお知らせします(例: 行事が中止になったため)。"))


class RouteForm(forms.Form):
    department = inputs.ModelChoiceField(label=_("回付先の担当課"), queryset=None)
    note = inputs.TextField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = organisation.departments.all()
        use_department_picker(self.fields["department"], organisation, multiple=False)


class DecideForm(forms.Form):
    starts_at = inputs.DateTimeField(label=_("実施日時"), widget=WHEN, input_formats=WHEN_FORMATS)
    lecturer_user = inputs.ModelChoiceField(label=_("講師(担当課の職員)"), queryset=None, required=False,
                                            empty_label=_("(職員以外の講師)"))
    lecturer = inputs.TextField(label=_("講師の名前(職員以外のとき)"), max_length=60, required=False,
                                help_text=_("職員から選んだときは空欄にします。"))
    override_reason = inputs.TextField(
        label=_("実施要綱の例外とする理由"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("実施要綱の曜日・時間外に決めるときだけ書きます。理由は手続の記録に残ります。"))
    note = inputs.TextField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, lecturers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturer_user"].queryset = User.objects.filter(pk__in=[u.pk for u in lecturers]).order_by("pk")

    def clean(self):
        data = super().clean()
        if not data.get("lecturer_user") and not data.get("lecturer"):
            self.add_error("lecturer_user", _("講師を職員から選ぶか、名前を入力してください。"))
        return data


class ReportForm(forms.Form):
    actual_audience = inputs.CountField(label=_("参加者数(実績)"), max_value=10000)
    questions = inputs.TextField(label=_("出された質問・意見"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    remarks = inputs.TextField(label=_("所感・特記事項"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(forms.Form):
    reason = inputs.TextField(label=_("お断りの理由"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("申込者にメールでお知らせします。"))


class ReturnForm(forms.Form):
    reason = inputs.TextField(label=_("受付窓口へ戻す理由"), widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("受付窓口にお知らせします(例: 担当は子育て支援課です)。"))


class NoteForm(forms.Form):
    note = inputs.TextField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ThemeForm(inputs.ModelForm):
    fiscal_year = inputs.FiscalYearField()

    class Meta:
        model = Theme
        fields = ["fiscal_year", "number", "title", "summary", "department", "duration_minutes",
                  "category", "keywords", "active"]

    def __init__(self, *args, organisation, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["department"].queryset = departments
        # The tree with full paths and a search box: two 総務課 are told apart.
        use_department_picker(self.fields["department"], organisation,
                              only={d.pk for d in departments}, multiple=False)


class RulesForm(inputs.ModelForm):
    class Meta:
        model = LectureRules
        exclude = ["organisation"]

    def clean_weekdays(self):
        value = "".join(sorted(set(inputs.fold(self.cleaned_data["weekdays"]))))
        if not value or any(c not in "0123456" for c in value):
            raise forms.ValidationError(_("曜日は 0(月)〜6(日)の数字で入力してください。"))
        return value
