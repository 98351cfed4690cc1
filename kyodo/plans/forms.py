"""Forms of the plans pages: the dashboard's filters and the staff screens' forms.

Every field is one of core's typed inputs (``kyodo.core.inputs``): years and 年度 (西暦 or 和暦,
full-width or not), yen, indicator values and free text are bounded and folded, so that what
cannot be stored is a Japanese message next to the field, never a server error.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyodo.core import inputs
from kyodo.core.corrections import reason_field
from kyodo.core.widgets import department_choices, use_department_picker
from kyodo.core.japanese import wareki_fiscal_year

from .actions import INDICATOR_FIELDS, plain, value_field
from .models import ActionItem, Indicator, Plan, ProgressReport, Revision, Theme


def year_choices(plan):
    return [(year, wareki_fiscal_year(year, western=True)) for year in plan.fiscal_years]


class PlanYearField(inputs.FiscalYearField):
    """A 年度 of the plan, picked from a list (or typed as 「2005」「平成17年度」 in a link)."""

    def __init__(self, plan, **kwargs):
        self.plan = plan
        kwargs.setdefault("widget", forms.Select(choices=year_choices(plan)))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            try:
                self.plan.check_fiscal_year(value)
            except ValidationError as error:
                raise ValidationError(error.messages, code="out_of_span") from None


class DashboardFilterForm(forms.Form):
    """絞り込み — theme, department, status and fiscal year, all optional.

    The choices come from the plan already loaded for the dashboard, so the form costs no
    query. The fiscal year also changes which year's targets, actuals and budget count. A
    value that is not one of the choices is a message next to its field; the others still
    filter.
    """

    theme = forms.TypedChoiceField(label=_("重点項目"), required=False, coerce=int,
                                   empty_value=None)
    department = forms.TypedChoiceField(label=_("担当課"), required=False, coerce=int,
                                        empty_value=None)
    status = forms.ChoiceField(label=_("取組状況"), required=False)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("すべて"))]
        self.fields["theme"].choices = everything + [
            (t.pk, f"{t.number} {t.title}") for t in plan.themes.all()
        ]
        departments = {d.pk for t in plan.themes.all() for i in t.items.all()
                       for d in i.departments.all()}
        # Grouped by 部局 with the full path, so two 総務課 are told apart.
        self.fields["department"].choices = everything + department_choices(
            plan.organisation, only=departments)
        self.fields["status"].choices = everything + list(ActionItem.Status.choices)
        self.fields["fiscal_year"] = PlanYearField(plan, label=_("年度"), required=False)
        self.fields["fiscal_year"].widget.choices = [("", _("最新の年度"))] + year_choices(plan)

    def _value(self, name):
        if not self.is_bound:
            return None
        self.is_valid()
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

class PlanForm(inputs.ModelForm):
    start_fiscal_year = inputs.FiscalYearField(label=_("計画期間(開始年度)"))
    end_fiscal_year = inputs.FiscalYearField(label=_("計画期間(終了年度)"))

    class Meta:
        model = Plan
        fields = ["title", "summary", "start_fiscal_year", "end_fiscal_year", "status",
                  "adopted_on", "coordinating_department", "reporting_period", "sort_order"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["coordinating_department"].queryset = organisation.departments.all()
        use_department_picker(self.fields["coordinating_department"], organisation, multiple=False)
        for name in ("start_fiscal_year", "end_fiscal_year"):
            self.fields[name].help_text = _("西暦か和暦で入力します(例: 2005 または 平成17年度)")


class ThemeForm(inputs.ModelForm):
    """A theme. Once the plan is adopted, an existing theme's number and text are shown fixed
    (``actions.save_theme`` refuses them)."""

    class Meta:
        model = Theme
        fields = ["number", "title", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.plan.status != Plan.Status.DRAFT:
            for name in self.Meta.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("策定済みの計画の重点項目は変更できません。")


class DepartmentsField(forms.ModelMultipleChoiceField):
    """担当課, posted as ids. An id no row can have is an invalid choice before any query: the
    ``id__in`` lookup Django makes overflows the database's integer on it (a server error)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 19 and int(text) <= inputs.MAX_ID):
                raise ValidationError(self.error_messages["invalid_pk_value"],
                                      code="invalid_pk_value", params={"pk": text[:30]})
        return super()._check_values(value)


#: What an adopted plan's item promises: changed by a 見直し only (``actions.refuse_unrevised``).
PROMISED = ("theme", "code", "title", "description", "departments", "sort_order")


class ItemForm(inputs.ModelForm):
    """An item's content and 担当課. The plan is the one in the URL; the theme and departments
    offered are that plan's and its organisation's only, as their tree (局 › 部 › 課) with a
    search. Once the plan is adopted, an existing item's content and 担当課 are shown but
    changed by a 見直し, with a reason."""

    class Meta:
        model = ActionItem
        fields = ["theme", "code", "title", "description", "departments", "sort_order"]
        field_classes = {"departments": DepartmentsField}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["departments"].queryset = plan.organisation.departments.all()
        use_department_picker(self.fields["departments"], plan.organisation)
        if self.instance.pk and plan.status != Plan.Status.DRAFT:
            for name in PROMISED:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("策定済みの計画では「見直し」で理由とともに変更します。")
        add_reason_fields(self, plan)


def add_reason_fields(form, plan):
    """An item or indicator added to an adopted plan is a 見直し 「追加」: the form asks why."""
    form.asks_reason = form.instance.pk is None and plan.status != Plan.Status.DRAFT
    if form.asks_reason:
        form.fields["reason_category"] = forms.ChoiceField(
            label=_("追加の理由(区分)"), choices=[("", "---------"), *Revision.Reason.choices])
        form.fields["reason"] = inputs.TextField(
            label=_("追加の理由"), widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("策定済みの計画への追加は、見直し(追加)として理由とともに公開ページに記録されます。"))


def addition_reason(form):
    """The reason arguments for ``actions.save_item`` / ``save_indicator``."""
    if not form.asks_reason:
        return {}
    return {"reason_category": form.cleaned_data["reason_category"], "reason": form.cleaned_data["reason"]}


def target_fields(plan, current, *, label):
    """One 目標値 field per fiscal year of the plan: ``{year: field}``."""
    return {
        year: value_field(label=label % {"year": wareki_fiscal_year(year, western=True)},
                          required=False, initial=plain(current.get(year)))
        for year in plan.fiscal_years
    }


class IndicatorForm(inputs.ModelForm):
    """An indicator and its 目標値 for each fiscal year of the plan."""

    baseline_year = inputs.FiscalYearField(label=_("基準年度"), required=False)

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "baseline_year", "higher_is_better", "sort_order"]

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.plan = item.plan
        current = {t.fiscal_year: t.value for t in self.instance.targets.all()} if self.instance.pk else {}
        # An adopted plan's targets, once set, change by a 見直し (actions.set_targets).
        fixed = bool(current) and self.plan.status != Plan.Status.DRAFT
        if self.instance.pk and self.plan.status != Plan.Status.DRAFT:
            for name in INDICATOR_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("策定済みの計画では「見直し」で理由とともに変更します。")
        for year, field in target_fields(self.plan, current, label=_("目標値(%(year)s)")).items():
            field.disabled = fixed
            self.fields[f"target_{year}"] = field
        add_reason_fields(self, self.plan)

    def targets(self):
        return {year: self.cleaned_data.get(f"target_{year}") for year in self.plan.fiscal_years}


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
                self.fields[f"schedule_{year}"] = inputs.TextField(
                    label=_("予定(%(year)s)") % {"year": label}, required=False,
                    widget=forms.Textarea(attrs={"rows": 2}), initial=schedules.get(year, ""))
            budget = budgets.get(year)
            self.fields[f"budget_{year}"] = inputs.AmountField(
                label=_("予算額・円(%(year)s)") % {"year": label}, required=False,
                initial=budget.budget if budget else None)
            self.fields[f"settlement_{year}"] = inputs.AmountField(
                label=_("決算額・円(%(year)s)") % {"year": label}, required=False,
                initial=budget.settlement if budget else None)


class NewReportForm(forms.Form):
    period = forms.ChoiceField(label=_("報告期間"), choices=ProgressReport.Period.choices)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"] = PlanYearField(item.plan, label=_("年度"))
        self.order_fields(["fiscal_year", "period"])
        self.fields["period"].initial = item.plan.reporting_period


class ReportForm(inputs.ModelForm):
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
        for key in ("min_value", "max_value"):
            self.fields["progress"].error_messages[key] = _("進捗率は0から100までの数で入力してください。")
        actuals = {a.indicator_id: a.value for a in report.actuals.all()
                   if a.fiscal_year == report.fiscal_year}
        self.indicators = list(report.item.indicators.all())
        for indicator in self.indicators:
            self.fields[f"actual_{indicator.pk}"] = value_field(
                label=_("%(name)s の実績値(%(unit)s)") % {"name": indicator.name, "unit": indicator.unit},
                required=False, initial=plain(actuals.get(indicator.pk)),
                help_text=_("数値で入力します。空欄にすると、この報告の実績値を取り消します。"),
            )

    def actuals(self):
        return {i.pk: self.cleaned_data.get(f"actual_{i.pk}") for i in self.indicators}


class CorrectReportForm(ReportForm):
    """訂正 of a published report by the coordinator: its text and figures as published,
    pre-filled, and the reason shown publicly. Each 実績値 the report states is its own field
    (a report may state another year's value too)."""

    def __init__(self, *args, **kwargs):
        super(ReportForm, self).__init__(*args, **kwargs)
        report = self.instance
        for key in ("min_value", "max_value"):
            self.fields["progress"].error_messages[key] = _("進捗率は0から100までの数で入力してください。")
        self.held = list(report.actuals.all())
        indicators = {i.pk: i for i in report.item.indicators.all()}
        for actual in self.held:
            indicator = indicators[actual.indicator_id]
            self.fields[f"actual_{actual.pk}"] = value_field(
                label=_("%(name)s の実績値(%(unit)s・%(year)s)") % {
                    "name": indicator.name, "unit": indicator.unit,
                    "year": wareki_fiscal_year(actual.fiscal_year, western=True)},
                initial=plain(actual.value),
            )
        self.fields["reason"] = reason_field()

    def actuals(self):
        return {a.pk: self.cleaned_data.get(f"actual_{a.pk}") for a in self.held}


class WithdrawReportForm(forms.Form):
    reason = reason_field()


class StepForm(forms.Form):
    step = forms.ChoiceField(choices=[(n, n) for n in ("submit", "return", "approve", "publish")])
    comment = inputs.TextField(label=_("コメント"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("差戻しのときは理由を必ず書いてください。"))


class ReportingStatusForm(forms.Form):
    """Which period the reporting status is shown for (read from the page's query string)."""

    period = forms.ChoiceField(label=_("報告期間"), choices=ProgressReport.Period.choices)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"] = PlanYearField(plan, label=_("年度"))
        self.order_fields(["fiscal_year", "period"])


class ReviseForm(forms.Form):
    """見直し: the item's content, schedule and targets, pre-filled, with the reason."""

    reason_category = forms.ChoiceField(label=_("見直しの理由(区分)"),
                                        choices=[("", "---------"), *Revision.Reason.choices])
    reason = inputs.TextField(label=_("見直しの理由"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("何が変わり、なぜ見直すのかを市民に分かるように書いてください。"))
    title = inputs.TextField(label=_("取組項目名"), max_length=150)
    description = inputs.TextField(label=_("取組内容"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["title"].initial = item.title
        self.fields["description"].initial = item.description
        self.fields["departments"] = DepartmentsField(
            label=_("担当課"), queryset=item.plan.organisation.departments.all(),
            initial=[d.pk for d in item.departments.all()])
        use_department_picker(self.fields["departments"], item.plan.organisation)
        self.fields["code"] = inputs.TextField(label=_("項目番号"), max_length=12, initial=item.code)
        self.fields["theme"] = forms.ModelChoiceField(label=_("重点項目"), queryset=item.plan.themes.all(),
                                                      initial=item.theme_id)
        self.fields["sort_order"] = inputs.IntegerField(label=_("表示順"), min_value=0,
                                                        initial=item.sort_order)
        self.order_fields(["reason_category", "reason", "theme", "code", "title", "description",
                           "departments", "sort_order"])
        schedules = {s.fiscal_year: s.content for s in item.schedules.all()}
        for year in item.plan.fiscal_years:
            self.fields[f"schedule_{year}"] = inputs.TextField(
                label=_("予定(%(year)s)") % {"year": wareki_fiscal_year(year, western=True)},
                required=False, initial=schedules.get(year, ""),
                widget=forms.Textarea(attrs={"rows": 2}))
        self.indicators = list(item.indicators.all())
        for indicator in self.indicators:
            current = {t.fiscal_year: t.value for t in indicator.targets.all()}
            label = _("%(name)s の目標値(%%(year)s)") % {"name": indicator.name}
            for year, field in target_fields(item.plan, current, label=label).items():
                self.fields[f"target_{indicator.pk}_{year}"] = field
            prefix = f"indicator_{indicator.pk}"
            self.fields[f"{prefix}_unit"] = inputs.TextField(
                label=_("%(name)s の単位") % {"name": indicator.name}, max_length=20,
                initial=indicator.unit)
            self.fields[f"{prefix}_baseline"] = value_field(
                label=_("%(name)s の基準値") % {"name": indicator.name}, required=False,
                initial=plain(indicator.baseline))
            self.fields[f"{prefix}_baseline_year"] = inputs.FiscalYearField(
                label=_("%(name)s の基準年度") % {"name": indicator.name}, required=False,
                initial=indicator.baseline_year)

    def changes(self):
        data = self.cleaned_data
        years = self.item.plan.fiscal_years
        return {
            "title": data["title"], "description": data["description"], "code": data["code"],
            "theme": data["theme"], "sort_order": data["sort_order"],
            "departments": data["departments"],
            "indicators": {i.pk: {name: data.get(f"indicator_{i.pk}_{name}") for name in INDICATOR_FIELDS}
                           for i in self.indicators},
            "schedules": {year: data.get(f"schedule_{year}", "") for year in years},
            "targets": {i.pk: {year: data.get(f"target_{i.pk}_{year}") for year in years}
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


class ImportRevisionForm(forms.Form):
    """The reason of the 見直し an import into an adopted plan records (shown publicly)."""

    reason_category = forms.ChoiceField(label=_("見直しの理由(区分)"),
                                        choices=[("", "---------"), *Revision.Reason.choices])
    reason = inputs.TextField(label=_("見直しの理由"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("取組項目ごとの見直しの記録に、変更前・変更後とともに公開されます。"))
