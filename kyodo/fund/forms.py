"""Forms of the fund database: the public filters and the staff screens. Every field is one of
core's typed fields (和暦 years, full-width digits, bounded amounts)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyodo.collaboration.models import Partner
from kyodo.collaboration.vocabularies import FIELD_SHORT, ActivityField
from kyodo.core.corrections import reason_field
from kyodo.core.inputs import (
    AmountField, CountField, FiscalYearField, ModelChoiceField, ModelForm, TextField,
)
from kyodo.core.japanese import wareki_fiscal_year

from .models import DonationYear, Donor, Fund, FundRound, Grant, GrantCategory


def field_options(blank=True):
    options = [(key.value, f"{FIELD_SHORT[key]}") for key in ActivityField]
    return ([("", _("すべての分野"))] if blank else []) + options


class GrantFilterForm(forms.Form):
    """The public grant database's filters: 年度, 分野, 地域, 金額の範囲, ファンド, キーワード."""

    q = TextField(label=_("キーワード(団体名・事業名)"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("年度"), required=False, coerce=int, empty_value=None)
    field = forms.ChoiceField(label=_("分野"), required=False, choices=field_options())
    area = forms.ChoiceField(label=_("活動地域"), required=False)
    amount_min = AmountField(label=_("助成額(円)の下限"), required=False)
    amount_max = AmountField(label=_("助成額(円)の上限"), required=False)
    fund = forms.TypedChoiceField(label=_("ファンド"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), areas=(), funds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("すべての年度"))] + [
            (y, wareki_fiscal_year(y, western=True)) for y in years]
        self.fields["area"].choices = [("", _("すべての地域"))] + [(a, a) for a in areas]
        self.fields["fund"].choices = [("", _("すべてのファンド"))] + [(f.pk, f.name) for f in funds]
        if len(funds) <= 1:
            del self.fields["fund"]

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", _("上限は下限以上の金額にしてください。"))
        return data

    def value(self):
        return self.cleaned_data if self.is_bound and self.is_valid() else {}


class FundForm(ModelForm):
    established_fiscal_year = FiscalYearField(label=_("創設年度"), required=False)

    class Meta:
        model = Fund
        fields = ["name", "purpose", "rules", "established_fiscal_year"]


class RoundForm(ModelForm):
    fiscal_year = FiscalYearField()

    class Meta:
        model = FundRound
        fields = ["fiscal_year", "number", "opens_on", "closes_on", "notes"]


class CategoryForm(ModelForm):
    cap = AmountField(label=_("1件あたりの上限額(円)"))

    class Meta:
        model = GrantCategory
        fields = ["name", "cap"]


class GrantForm(ModelForm):
    amount = AmountField(label=_("助成額(円)"))
    field = forms.ChoiceField(label=_("分野"), choices=field_options(blank=False),
                              help_text=_("その年度に施行されていた特定非営利活動促進法の分野から選びます"
                                          "(平成14年度までは12分野、平成23年度までは17分野)。"))

    class Meta:
        model = Grant
        fields = ["round", "category", "group_name", "partner", "title", "field", "area", "amount",
                  "summary", "report", "reported_on"]

    def __init__(self, *args, fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"] = ModelChoiceField(
            label=_("募集回"), queryset=FundRound.objects.filter(fund=fund).order_by("-fiscal_year", "number"))
        self.fields["category"] = ModelChoiceField(
            label=_("区分"), required=False,
            queryset=GrantCategory.objects.filter(round__fund=fund).select_related("round")
            .order_by("-round__fiscal_year", "round__number", "pk"))
        self.fields["category"].label_from_instance = lambda c: f"{c.round} {c.name}(上限 {c.cap:,}円)"
        self.fields["partner"] = ModelChoiceField(
            label=_("市民活動団体名簿の団体(任意)"), required=False,
            queryset=Partner.objects.filter(organisation_id=fund.organisation_id).order_by("name"),
            help_text=_("名簿にある団体なら選ぶと、団体のページに助成が載ります。"))
        if self.instance.pk:
            self.fields["correction_reason"] = reason_field()
            self.fields["correction_reason"].required = False
            self.fields["correction_reason"].label = _("訂正の理由")
            self.fields["correction_reason"].help_text = _(
                "登録済みの内容を変えるときは必須です。公開ページに日付とともに表示されます"
                "(はじめて実績報告を入力するときは不要です)。")


class DonationYearForm(ModelForm):
    fiscal_year = FiscalYearField()
    count = CountField(label=_("件数"))
    amount = AmountField(label=_("金額(円)"))

    class Meta:
        model = DonationYear
        fields = ["fiscal_year", "count", "amount"]


class DonorForm(ModelForm):
    class Meta:
        model = Donor
        fields = ["name", "name_public"]


class GrantImportForm(forms.Form):
    file = forms.FileField(label=_("Excelファイル(.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Excelファイル(.xlsx)を選んでください。"))
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("ファイルは5MB以下にしてください。"))
        return upload


class WithdrawalForm(forms.Form):
    """取消 of a recorded grant, with the reason its public page shows."""

    reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)
