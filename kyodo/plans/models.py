"""改革プラン・進行管理 — reform plans and the management of their progress (SPEC §3.1).

Seed 000 (札幌市): the 市役所改革市民会議 deliberated on four themes (市民サービス,
コミュニケーション, 市役所経営資源, 業務システムの改革); their final recommendation became the
「市役所改革プラン」 of 平成16年12月, whose progress 市政推進室 publishes, and the council
evaluates "whether the plan is carried out as intended and adapts to a changing environment".

The shape:

    Plan 計画 ─ PlanDocument 策定の根拠
     └ Theme 重点項目
        └ ActionItem 取組項目 ─ departments 担当課 (M2M)
           ├ ItemSchedule 年度別スケジュール, ItemBudget 予算・決算
           ├ Indicator 成果指標 ─ IndicatorTarget 目標値, IndicatorActual 実績値 (from a report)
           ├ ProgressReport 進捗報告 ─ ReportTransition 手続の記録
           └ Revision 見直しの記録 (before/after, reason)

Every fiscal year is stored as the Western year in which it starts (FY2005 = 平成17年度) and
must lie within the plan's span. Money is whole yen; indicator values are Decimals. The
achievement and progress roll-up is in ``progress.py``; the report workflow in ``workflow.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import MAX_AMOUNT, year_validators
from kyodo.core.japanese import wareki_fiscal_year
from kyodo.core.models import Department, Organisation

DECIMAL = {"max_digits": 18, "decimal_places": 3}
#: Budgets and settlements: what the display and every database hold (core's MAX_AMOUNT).
amount_validators = [MaxValueValidator(MAX_AMOUNT, _("金額は%(limit_value)s円以下で入力してください。"))]


class Period(models.TextChoices):
    """報告期間 — the stretch of a fiscal year a progress report covers."""

    YEAR = "year", _("年度")
    FIRST_HALF = "h1", _("上半期")
    SECOND_HALF = "h2", _("下半期")
    Q1 = "q1", _("第1四半期")
    Q2 = "q2", _("第2四半期")
    Q3 = "q3", _("第3四半期")
    Q4 = "q4", _("第4四半期")


#: Order of periods inside one fiscal year, by the month they end (the annual report last,
#: as it sums the year up). Used to find an item's latest report.
PERIOD_ORDER = {
    Period.Q1: 1, Period.Q2: 2, Period.FIRST_HALF: 2, Period.Q3: 3,
    Period.Q4: 4, Period.SECOND_HALF: 4, Period.YEAR: 5,
}


#: The longest plan span: a 総合計画 runs ten to twenty years.
MAX_SPAN_YEARS = 30


def fiscal_year_label(year):
    return wareki_fiscal_year(year, western=True)


class Plan(models.Model):
    """計画 — a reform plan (市役所改革プラン, サービスアップ行動計画) spanning fiscal years."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("素案")
        ADOPTED = "adopted", _("策定済")
        REVISED = "revised", _("改定")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("団体"), on_delete=models.CASCADE, related_name="plans"
    )
    title = models.CharField(_("計画名"), max_length=100)
    summary = models.TextField(_("概要"), blank=True)
    start_fiscal_year = models.PositiveSmallIntegerField(_("計画期間(開始年度)"),
                                                         validators=year_validators)
    end_fiscal_year = models.PositiveSmallIntegerField(_("計画期間(終了年度)"),
                                                       validators=year_validators)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    adopted_on = models.DateField(_("策定日"), null=True, blank=True)
    coordinating_department = models.ForeignKey(
        Department, verbose_name=_("主管課"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="coordinated_plans",
    )
    reporting_period = models.CharField(
        _("報告の周期"), max_length=4, choices=Period.choices, default=Period.YEAR,
        help_text=_("担当課が進捗報告を出す単位"),
    )
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("計画")
        verbose_name_plural = _("計画")
        ordering = ["organisation_id", "sort_order", "-start_fiscal_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="plan_unique_title",
                violation_error_message=_("同じ名称の計画がすでにあります。"),
            ),
            models.CheckConstraint(
                condition=models.Q(start_fiscal_year__lte=models.F("end_fiscal_year")),
                name="plan_span_ordered",
                violation_error_message=_("終了年度は開始年度以降にしてください。"),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.coordinating_department_id and self.organisation_id and (
            self.coordinating_department.organisation_id != self.organisation_id
        ):
            raise ValidationError({"coordinating_department": _("主管課は同じ団体の部署から選んでください。")})
        # Every screen of a plan lists its years (targets, budgets, the report form): a span
        # typed as 1900〜2100 would give each of them two hundred rows.
        if (self.start_fiscal_year and self.end_fiscal_year
                and self.end_fiscal_year - self.start_fiscal_year >= MAX_SPAN_YEARS):
            raise ValidationError({"end_fiscal_year": _(
                "計画期間は%(years)s年度以内にしてください。") % {"years": MAX_SPAN_YEARS}})

    @property
    def fiscal_years(self):
        return range(self.start_fiscal_year, self.end_fiscal_year + 1)

    @property
    def span_label(self):
        return _("%(start)s〜%(end)s") % {
            "start": wareki_fiscal_year(self.start_fiscal_year),
            "end": wareki_fiscal_year(self.end_fiscal_year),
        }

    def check_fiscal_year(self, year, field="fiscal_year"):
        """Refuse a fiscal year outside the plan's span, with a message that says which."""
        if year is None:
            return
        if not (self.start_fiscal_year <= year <= self.end_fiscal_year):
            raise ValidationError({field: _(
                "%(year)sはこの計画の期間(%(span)s)の外です。計画期間内の年度を指定してください。"
            ) % {"year": fiscal_year_label(year), "span": self.span_label}}, code="out_of_span")

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class PlanDocument(models.Model):
    """策定の根拠 — a document the plan rests on (市民会議の提言書, 施政方針…)."""

    plan = models.ForeignKey(Plan, verbose_name=_("計画"), on_delete=models.CASCADE,
                             related_name="documents")
    title = models.CharField(_("文書名"), max_length=150)
    issuer = models.CharField(_("作成者"), max_length=100, blank=True)
    issued_on = models.DateField(_("日付"), null=True, blank=True)
    url = models.URLField(_("URL"), blank=True)
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("策定の根拠")
        verbose_name_plural = _("策定の根拠")
        ordering = ["plan_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="plan_document_unique_title",
                                    violation_error_message=_("同じ名称の文書がすでにあります。")),
        ]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.plan.organisation_id


class Theme(models.Model):
    """重点項目 — a theme of the plan (the council's deliberation themes)."""

    plan = models.ForeignKey(Plan, verbose_name=_("計画"), on_delete=models.CASCADE,
                             related_name="themes")
    number = models.PositiveSmallIntegerField(_("番号"))
    title = models.CharField(_("重点項目名"), max_length=100)
    description = models.TextField(_("説明"), blank=True)

    class Meta:
        verbose_name = _("重点項目")
        verbose_name_plural = _("重点項目")
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="theme_unique_number",
                                    violation_error_message=_("同じ番号の重点項目がすでにあります。")),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def audit_organisation_id(self):
        return self.plan.organisation_id


class ActionItem(models.Model):
    """取組項目 — one promise of a plan, kept by its responsible departments (担当課)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("未着手")
        IN_PROGRESS = "in_progress", _("実施中")
        DONE = "done", _("完了")
        UNDER_REVIEW = "under_review", _("見直し")
        CANCELLED = "cancelled", _("中止")

    plan = models.ForeignKey(Plan, verbose_name=_("計画"), on_delete=models.CASCADE,
                             related_name="items")
    theme = models.ForeignKey(Theme, verbose_name=_("重点項目"), on_delete=models.PROTECT,
                              related_name="items")
    code = models.CharField(_("項目番号"), max_length=12, help_text=_("例: 1-3"))
    title = models.CharField(_("取組項目名"), max_length=150)
    description = models.TextField(_("取組内容"), blank=True)
    departments = models.ManyToManyField(Department, verbose_name=_("担当課"),
                                         related_name="plan_items")
    status = models.CharField(_("取組状況"), max_length=15, choices=Status.choices,
                              default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(
        _("進捗率(%)"), default=0, validators=[MaxValueValidator(100)],
        help_text=_("最新の公表済み進捗報告から反映されます"),
    )
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("取組項目")
        verbose_name_plural = _("取組項目")
        ordering = ["plan_id", "theme__number", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="action_item_unique_code",
                                    violation_error_message=_("同じ項目番号の取組項目がすでにあります。")),
            models.CheckConstraint(condition=models.Q(progress__lte=100),
                                   name="action_item_progress_max_100"),
        ]
        indexes = [models.Index(fields=["plan", "status"], name="plans_item_plan_status")]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        if self.plan_id is None and self.theme_id is not None:
            self.plan_id = self.theme.plan_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.plan_id is None and self.theme_id is not None:
            self.plan_id = self.theme.plan_id
        if self.theme_id and self.theme.plan_id != self.plan_id:
            raise ValidationError({"theme": _("重点項目は同じ計画のものを選んでください。")})

    @property
    def audit_organisation_id(self):
        return self.plan.organisation_id


class ItemYear(models.Model):
    """What an item states for one fiscal year of its plan (its schedule, its budget)."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.item.code} {fiscal_year_label(self.fiscal_year)}"

    def clean(self):
        self.item.plan.check_fiscal_year(self.fiscal_year)

    @property
    def audit_organisation_id(self):
        return self.item.plan.organisation_id


class ItemSchedule(ItemYear):
    """年度別スケジュール — what the item plans to do in one fiscal year."""

    item = models.ForeignKey(ActionItem, verbose_name=_("取組項目"), on_delete=models.CASCADE,
                             related_name="schedules")
    content = models.TextField(_("予定"))

    class Meta:
        verbose_name = _("年度別スケジュール")
        verbose_name_plural = _("年度別スケジュール")
        ordering = ["item_id", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["item", "fiscal_year"], name="item_schedule_unique_year",
                                    violation_error_message=_("この年度のスケジュールはすでにあります。")),
        ]


class ItemBudget(ItemYear):
    """予算・決算 — an item's budget and settled spending for one fiscal year, in yen."""

    item = models.ForeignKey(ActionItem, verbose_name=_("取組項目"), on_delete=models.CASCADE,
                             related_name="budgets")
    budget = models.PositiveBigIntegerField(_("予算額(円)"), null=True, blank=True,
                                            validators=amount_validators)
    settlement = models.PositiveBigIntegerField(_("決算額(円)"), null=True, blank=True,
                                                validators=amount_validators)

    class Meta:
        verbose_name = _("予算・決算")
        verbose_name_plural = _("予算・決算")
        ordering = ["item_id", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["item", "fiscal_year"], name="item_budget_unique_year",
                                    violation_error_message=_("この年度の予算・決算はすでにあります。")),
        ]


class Indicator(models.Model):
    """成果指標 — a measurable outcome of an item, with its unit and baseline (基準値)."""

    item = models.ForeignKey(ActionItem, verbose_name=_("取組項目"), on_delete=models.CASCADE,
                             related_name="indicators")
    name = models.CharField(_("指標名"), max_length=150)
    unit = models.CharField(_("単位"), max_length=20, help_text=_("例: 件, %, 人, 日"))
    baseline = models.DecimalField(_("基準値"), **DECIMAL, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("基準年度"), null=True, blank=True,
                                                     validators=year_validators)
    higher_is_better = models.BooleanField(
        _("値が大きいほど良い"), default=True,
        help_text=_("待ち時間や苦情件数のように小さいほど良い指標ではオフにします"),
    )
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("成果指標")
        verbose_name_plural = _("成果指標")
        ordering = ["item_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "name"], name="indicator_unique_name",
                                    violation_error_message=_("同じ名称の成果指標がすでにあります。")),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_organisation_id(self):
        return self.item.plan.organisation_id


class IndicatorTarget(models.Model):
    """目標値 — the value an indicator should reach in one fiscal year."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("成果指標"), on_delete=models.CASCADE,
                                  related_name="targets")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    value = models.DecimalField(_("目標値"), **DECIMAL)

    class Meta:
        verbose_name = _("目標値")
        verbose_name_plural = _("目標値")
        ordering = ["indicator_id", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "fiscal_year"], name="indicator_target_unique_year",
                                    violation_error_message=_("この年度の目標値はすでにあります。")),
        ]

    def __str__(self):
        return f"{self.indicator} {fiscal_year_label(self.fiscal_year)}: {self.value}"

    def clean(self):
        self.indicator.item.plan.check_fiscal_year(self.fiscal_year)

    @property
    def audit_organisation_id(self):
        return self.indicator.item.plan.organisation_id


class ProgressReport(models.Model):
    """進捗報告 — a department's report on one item for one period of a fiscal year.

    Written by the item's department, checked by the coordinator (主管課), then published;
    ``workflow.py`` holds the allowed steps.
    """

    Period = Period

    class Status(models.TextChoices):
        DRAFT = "draft", _("作成中")
        SUBMITTED = "submitted", _("提出済")
        RETURNED = "returned", _("差戻し")
        APPROVED = "approved", _("承認済")
        PUBLISHED = "published", _("公表済")
        #: Withdrawn by the coordinator after publication (取下げ, ``actions.withdraw_report``):
        #: still shown publicly with the reason, its figures no longer count.
        WITHDRAWN = "withdrawn", _("取下げ")

    item = models.ForeignKey(ActionItem, verbose_name=_("取組項目"), on_delete=models.CASCADE,
                             related_name="reports")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    period = models.CharField(_("報告期間"), max_length=4, choices=Period.choices,
                              default=Period.YEAR)
    status = models.CharField(_("手続の状態"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    item_status = models.CharField(_("取組状況"), max_length=15,
                                   choices=ActionItem.Status.choices,
                                   default=ActionItem.Status.IN_PROGRESS)
    progress = models.PositiveSmallIntegerField(_("進捗率(%)"), default=0,
                                                validators=[MaxValueValidator(100)])
    narrative = models.TextField(_("取組の内容・実績"), blank=True)
    problems = models.TextField(_("課題"), blank=True)
    next_steps = models.TextField(_("今後の取組"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作成者"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    #: The item's title when the report was published: a later 見直し may rename the item, and
    #: a past report must still read as it was published (issue 14 §1).
    item_title = models.CharField(_("公表時の取組項目名"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("進捗報告")
        verbose_name_plural = _("進捗報告")
        ordering = ["item_id", "-fiscal_year", "period"]
        constraints = [
            # A withdrawn report stays on record; the department may then report the period anew.
            models.UniqueConstraint(
                fields=["item", "fiscal_year", "period"], name="progress_report_unique_period",
                condition=~models.Q(status="withdrawn"),
                violation_error_message=_("この取組項目には同じ年度・期間の進捗報告がすでにあります。"),
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100),
                                   name="progress_report_progress_max_100"),
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "period", "status"], name="plans_report_period"),
            models.Index(fields=["status", "-published_at"], name="plans_report_published"),
        ]

    def __str__(self):
        return f"{self.item.code} {fiscal_year_label(self.fiscal_year)} {self.get_period_display()}"

    def clean(self):
        self.item.plan.check_fiscal_year(self.fiscal_year)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def title_as_published(self):
        return self.item_title or self.item.title

    @property
    def period_key(self):
        """Sorts reports of one item from the oldest period to the latest."""
        return (self.fiscal_year, PERIOD_ORDER[self.period])

    @property
    def audit_organisation_id(self):
        return self.item.plan.organisation_id


class ReportTransition(models.Model):
    """手続の記録 — one step of a report's workflow: from, to, who, when, and the comment."""

    report = models.ForeignKey(ProgressReport, verbose_name=_("進捗報告"),
                               on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("変更前"), max_length=10,
                                   choices=ProgressReport.Status.choices)
    to_status = models.CharField(_("変更後"), max_length=10,
                                 choices=ProgressReport.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("実施者"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("日時"), default=timezone.now)
    comment = models.TextField(_("コメント"), blank=True)

    class Meta:
        verbose_name = _("手続の記録")
        verbose_name_plural = _("手続の記録")
        ordering = ["report_id", "at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def audit_organisation_id(self):
        return self.report.item.plan.organisation_id


class IndicatorActual(models.Model):
    """実績値 — an indicator's value for a fiscal year, as stated in a progress report.

    It counts (for the achievement rate) once its report is published; when several published
    reports state a value for the same year, the most recently published one holds.
    """

    indicator = models.ForeignKey(Indicator, verbose_name=_("成果指標"), on_delete=models.CASCADE,
                                  related_name="actuals")
    report = models.ForeignKey(ProgressReport, verbose_name=_("進捗報告"),
                               on_delete=models.CASCADE, related_name="actuals")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    value = models.DecimalField(_("実績値"), **DECIMAL)
    recorded_at = models.DateTimeField(_("記録日時"), auto_now=True)

    class Meta:
        verbose_name = _("実績値")
        verbose_name_plural = _("実績値")
        ordering = ["indicator_id", "fiscal_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "report", "fiscal_year"], name="indicator_actual_unique",
                violation_error_message=_("この報告にはこの年度の実績値がすでにあります。"),
            ),
        ]
        indexes = [models.Index(fields=["indicator", "fiscal_year"], name="plans_actual_year")]

    def __str__(self):
        return f"{self.indicator} {fiscal_year_label(self.fiscal_year)}: {self.value}"

    def clean(self):
        self.indicator.item.plan.check_fiscal_year(self.fiscal_year)
        if self.indicator.item_id != self.report.item_id:
            raise ValidationError({"indicator": _("この進捗報告の取組項目の成果指標ではありません。")})

    @property
    def audit_organisation_id(self):
        return self.indicator.item.plan.organisation_id


class Revision(models.Model):
    """見直しの記録 — a change to an item's content, schedule or targets, with its reason
    and the values before and after (the council asks whether the plan adapts to change)."""

    class Reason(models.TextChoices):
        ENVIRONMENT = "environment", _("環境変化への対応")
        CITIZEN_VOICE = "citizen_voice", _("市民意見・提言の反映")
        EVALUATION = "evaluation", _("評価結果の反映")
        PROGRESS = "progress", _("進捗状況による見直し")
        LAW = "law", _("法令・制度の改正")
        FINANCE = "finance", _("財政状況の変化")
        OTHER = "other", _("その他")

    item = models.ForeignKey(ActionItem, verbose_name=_("取組項目"), on_delete=models.CASCADE,
                             related_name="revisions")
    reason_category = models.CharField(_("見直しの理由(区分)"), max_length=20,
                                       choices=Reason.choices)
    reason = models.TextField(_("見直しの理由"))
    before = models.JSONField(_("変更前"), default=dict)
    after = models.JSONField(_("変更後"), default=dict)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("実施者"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    revised_at = models.DateTimeField(_("見直し日時"), default=timezone.now)

    class Meta:
        verbose_name = _("見直しの記録")
        verbose_name_plural = _("見直しの記録")
        ordering = ["item_id", "-revised_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="revision_reason_required",
                                   violation_error_message=_("見直しの理由を入力してください。")),
        ]

    def __str__(self):
        return f"{self.item.code} {self.get_reason_category_display()}"

    @property
    def audit_organisation_id(self):
        return self.item.plan.organisation_id
