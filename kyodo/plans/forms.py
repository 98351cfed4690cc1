"""Forms of the plans pages: the dashboard's filters and the staff screens' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.core.japanese import wareki_fiscal_year

from .models import ActionItem


class DashboardFilterForm(forms.Form):
    """絞り込み — theme, department, status and fiscal year, all optional.

    The choices come from the plan already loaded for the dashboard, so the form costs no
    query. The fiscal year also changes which year's targets, actuals and budget count.
    """

    theme = forms.TypedChoiceField(label=_("重点項目"), required=False, coerce=int,
                                   empty_value=None)
    department = forms.TypedChoiceField(label=_("担当課"), required=False, coerce=int,
                                        empty_value=None)
    status = forms.ChoiceField(label=_("取組状況"), required=False)
    fiscal_year = forms.TypedChoiceField(label=_("年度"), required=False, coerce=int,
                                         empty_value=None)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("すべて"))]
        self.fields["theme"].choices = everything + [
            (t.pk, f"{t.number} {t.title}") for t in plan.themes.all()
        ]
        departments = {d.pk: d for t in plan.themes.all() for i in t.items.all()
                       for d in i.departments.all()}
        self.fields["department"].choices = everything + [
            (d.pk, d.name) for d in sorted(departments.values(), key=lambda d: (d.sort_order, d.pk))
        ]
        self.fields["status"].choices = everything + list(ActionItem.Status.choices)
        self.fields["fiscal_year"].choices = [("", _("最新の年度"))] + [
            (year, wareki_fiscal_year(year, western=True)) for year in plan.fiscal_years
        ]

    def _value(self, name):
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get(name) or None

    def chosen_fiscal_year(self):
        return self._value("fiscal_year")

    def is_filtering(self):
        return any(self._value(name) for name in ("theme", "department", "status"))

    def apply(self, item_summaries):
        theme, department, status = (self._value(n) for n in ("theme", "department", "status"))
        return [
            s for s in item_summaries
            if (theme is None or s.item.theme_id == theme)
            and (status is None or s.item.status == status)
            and (department is None or any(d.pk == department for d in s.item.departments.all()))
        ]


# --- Staff screens ---------------------------------------------------------------------------

from django.core.exceptions import ValidationError  # noqa: E402

from .actions import parse_number, parse_yen, plain  # noqa: E402
from .models import Indicator, Plan, ProgressReport, Revision, Theme  # noqa: E402


def year_choices(plan):
    return [(year, wareki_fiscal_year(year, western=True)) for year in plan.fiscal_years]


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "summary", "start_fiscal_year", "end_fiscal_year", "status",
                  "adopted_on", "coordinating_department", "reporting_period", "sort_order"]
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["coordinating_department"].queryset = organisation.departments.all()
        for name in ("start_fiscal_year", "end_fiscal_year"):
            self.fields[name].help_text = _("西暦の年で入力します(例: 2005 は平成17年度)")


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["number", "title", "description"]


class ItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["theme", "code", "title", "description", "departments", "sort_order"]
        widgets = {"departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["departments"].queryset = plan.organisation.departments.all()


class IndicatorForm(forms.ModelForm):
    """An indicator and its 目標値 for each fiscal year of the plan."""

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "baseline_year", "higher_is_better", "sort_order"]

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.plan = item.plan
        current = {t.fiscal_year: t.value for t in self.instance.targets.all()} if self.instance.pk else {}
        for year in self.plan.fiscal_years:
            self.fields[f"target_{year}"] = forms.CharField(
                label=_("目標値(%(year)s)") % {"year": wareki_fiscal_year(year, western=True)},
                required=False, initial=plain(current.get(year)),
            )

    def clean(self):
        cleaned = super().clean()
        for year in self.plan.fiscal_years:
            raw = cleaned.get(f"target_{year}")
            if raw and raw.strip():
                try:
                    parse_number(raw, label=self.fields[f"target_{year}"].label)
                except ValidationError as error:
                    self.add_error(f"target_{year}", error)
        return cleaned

    def targets(self):
        return {year: self.cleaned_data.get(f"target_{year}", "") for year in self.plan.fiscal_years}


class YearsForm(forms.Form):
    """年度別の予定・予算 — one row per fiscal year. The schedule is editable here only while
    the plan is a 素案; afterwards a change of schedule is a 見直し with a reason."""

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.schedule_editable = item.plan.status == Plan.Status.DRAFT
        schedules = {s.fiscal_year: s.content for s in item.schedules.all()}
        budgets = {b.fiscal_year: b for b in item.budgets.all()}
        for year in item.plan.fiscal_years:
            label = wareki_fiscal_year(year, western=True)
            if self.schedule_editable:
                self.fields[f"schedule_{year}"] = forms.CharField(
                    label=_("予定(%(year)s)") % {"year": label}, required=False,
                    widget=forms.Textarea(attrs={"rows": 2}), initial=schedules.get(year, ""))
            budget = budgets.get(year)
            self.fields[f"budget_{year}"] = forms.CharField(
                label=_("予算額・円(%(year)s)") % {"year": label}, required=False,
                initial=budget.budget if budget else None)
            self.fields[f"settlement_{year}"] = forms.CharField(
                label=_("決算額・円(%(year)s)") % {"year": label}, required=False,
                initial=budget.settlement if budget else None)

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if name.startswith(("budget_", "settlement_")):
                try:
                    parse_yen(cleaned.get(name), label=field.label)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class NewReportForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int)
    period = forms.ChoiceField(label=_("報告期間"), choices=ProgressReport.Period.choices)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = year_choices(item.plan)
        self.fields["period"].initial = item.plan.reporting_period


class ReportForm(forms.ModelForm):
    """The department's report, with the 実績値 of each of the item's indicators for the
    report's fiscal year (typed leniently: 「１,２００」 is 1200)."""

    class Meta:
        model = ProgressReport
        fields = ["item_status", "progress", "narrative", "problems", "next_steps"]
        widgets = {
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "inputmode": "numeric"}),
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "problems": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report = self.instance
        self.fields["progress"].error_messages["max_value"] = _("進捗率は0から100までの数で入力してください。")
        actuals = {a.indicator_id: a.value for a in report.actuals.all()
                   if a.fiscal_year == report.fiscal_year}
        self.indicators = list(report.item.indicators.all())
        for indicator in self.indicators:
            self.fields[f"actual_{indicator.pk}"] = forms.CharField(
                label=_("%(name)s の実績値(%(unit)s)") % {"name": indicator.name, "unit": indicator.unit},
                required=False, initial=plain(actuals.get(indicator.pk)),
                help_text=_("数値で入力します。空欄にすると、この報告の実績値を取り消します。"),
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )

    def clean(self):
        cleaned = super().clean()
        for indicator in self.indicators:
            name = f"actual_{indicator.pk}"
            raw = cleaned.get(name)
            if raw and raw.strip():
                try:
                    parse_number(raw, label=self.fields[name].label)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def actuals(self):
        return {i.pk: self.cleaned_data.get(f"actual_{i.pk}", "") for i in self.indicators}


class StepForm(forms.Form):
    step = forms.ChoiceField(choices=[(n, n) for n in ("submit", "return", "approve", "publish")])
    comment = forms.CharField(label=_("コメント"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("差戻しのときは理由を必ず書いてください。"))


class ReportingStatusForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int)
    period = forms.ChoiceField(label=_("報告期間"), choices=ProgressReport.Period.choices)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = year_choices(plan)


class ReviseForm(forms.Form):
    """見直し: the item's content, schedule and targets, pre-filled, with the reason."""

    reason_category = forms.ChoiceField(label=_("見直しの理由(区分)"),
                                        choices=[("", "---------"), *Revision.Reason.choices])
    reason = forms.CharField(label=_("見直しの理由"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("何が変わり、なぜ見直すのかを市民に分かるように書いてください。"))
    title = forms.CharField(label=_("取組項目名"), max_length=150)
    description = forms.CharField(label=_("取組内容"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["title"].initial = item.title
        self.fields["description"].initial = item.description
        schedules = {s.fiscal_year: s.content for s in item.schedules.all()}
        for year in item.plan.fiscal_years:
            self.fields[f"schedule_{year}"] = forms.CharField(
                label=_("予定(%(year)s)") % {"year": wareki_fiscal_year(year, western=True)},
                required=False, initial=schedules.get(year, ""),
                widget=forms.Textarea(attrs={"rows": 2}))
        self.indicators = list(item.indicators.all())
        for indicator in self.indicators:
            targets = {t.fiscal_year: t.value for t in indicator.targets.all()}
            for year in item.plan.fiscal_years:
                self.fields[f"target_{indicator.pk}_{year}"] = forms.CharField(
                    label=_("%(name)s の目標値(%(year)s)") % {
                        "name": indicator.name, "year": wareki_fiscal_year(year, western=True)},
                    required=False, initial=plain(targets.get(year)))

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if name.startswith("target_") and (cleaned.get(name) or "").strip():
                try:
                    parse_number(cleaned[name], label=field.label)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def changes(self):
        data = self.cleaned_data
        years = self.item.plan.fiscal_years
        return {
            "title": data["title"], "description": data["description"],
            "schedules": {year: data.get(f"schedule_{year}", "") for year in years},
            "targets": {i.pk: {year: data.get(f"target_{i.pk}_{year}", "") for year in years}
                        for i in self.indicators},
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excelファイル(.xlsx)"),
                           help_text=_("ひな形に記入したファイルを選んでください(5MBまで)。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Excelファイル(.xlsx)を選んでください。"))
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("ファイルが大きすぎます(5MBまで)。"))
        return upload
