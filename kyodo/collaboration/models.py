"""協働 — partners, collaboration projects, the annual survey, two-sided evaluation (SPEC §3.4).

Seed 004 (北海道): the prefecture promotes 「市民と行政の協働による地域社会づくり」; since
平成12年度 it surveys every year which collaboration projects its departments run
(☆年度別協働取組実態調査), and from 平成16–17年度 it evaluates collaboration from both sides
(協働評価システム). The seed's table of initiatives and its list of nine municipalities'
initiatives are the ``Initiative`` records.

    Partner 市民活動団体 ─ PartnerField 活動分野, PartnerMember 団体のメンバー,
     │                   ProfileSubmission 団体情報の変更申請 (verified by staff)
    Project 協働事業 ─ ProjectForm 協働の形態, ProjectField 分野, ProjectPartner 相手方と役割
     └ (campaign) SurveyCampaign 年度別協働取組実態調査 ─ SurveyResponse 部署ごとの回答
    EvaluationTemplate 評価様式 ─ EvaluationCriterion 評価項目 (事前/中間/事後)
    Evaluation 協働評価 ─ EvaluationSheet 評価シート (行政/団体) ─ SheetRating 項目ごとの評価
    Initiative 協働の取組 (条例・指針・制度・会議; timeline and regional directory)

Fiscal years are stored as the Western year in which they start (FY2005 = 平成17年度); money
is whole yen. Activity fields are stored by stable key (``vocabularies.py``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import MAX_AMOUNT, validate_phone, year_validators
from kyodo.core.japanese import wareki_fiscal_year
from kyodo.core.models import Department, InvitedGrant, Organisation

from .vocabularies import ActivityField, CollaborationForm, PartnerType

#: 年度 of the module's records: the platform's range, and no earlier than 平成元年度 (the
#: prefecture's survey started in 平成12年度; nothing of 協働 is recorded before 平成).
FISCAL_YEAR = {"validators": [*year_validators, MinValueValidator(
    1989, _("年度は平成元年度(1989年度)以降で入力してください。"))]}


# --- Partners ------------------------------------------------------------------------------------

def detail_url(name, slug):
    """A function of a row id giving the address of its page (``name`` one of this module's
    ``<slug>/…/<id>/`` pages), for lists of rows: ``reverse`` once, not once per row."""
    prefix = reverse(name, args=[slug, 1]).removesuffix("1/")
    return lambda pk: f"{prefix}{pk}/"


class Partner(models.Model):
    """市民活動団体 — an NPO, association, company… that collaborates with the organisation.

    The public directory shows verified partners (``verified_at`` set). Contact details are
    personal or semi-personal: each is public only if its ``*_public`` flag says so.
    """

    PERSONAL_FIELDS = ("contact_name", "phone", "email", "address")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="partners")
    name = models.CharField(_("団体名"), max_length=100)
    name_kana = models.CharField(_("よみがな"), max_length=150, blank=True)
    partner_type = models.CharField(_("団体の種別"), max_length=20, choices=PartnerType.choices)
    area = models.CharField(_("活動地域"), max_length=100, blank=True,
                            help_text=_("例: 札幌市、石狩管内、全道"))
    description = models.TextField(_("団体の紹介"), blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("設立年(西暦)"), null=True, blank=True,
        validators=year_validators)
    contact_name = models.CharField(_("連絡担当者"), max_length=60, blank=True)
    contact_name_public = models.BooleanField(_("担当者名を公開する"), default=False)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True, validators=[validate_phone])
    phone_public = models.BooleanField(_("電話番号を公開する"), default=False)
    email = models.EmailField(_("メールアドレス"), blank=True)
    email_public = models.BooleanField(_("メールアドレスを公開する"), default=False)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    address_public = models.BooleanField(_("所在地を公開する"), default=False)
    verified_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("確認した職員"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("市民活動団体")
        verbose_name_plural = _("市民活動団体")
        ordering = ["organisation_id", "name_kana", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_unique_name",
                                    violation_error_message=_("同じ名称の団体がすでに登録されています。")),
            models.CheckConstraint(condition=models.Q(partner_type__in=PartnerType.values),
                                   name="partner_known_type",
                                   violation_error_message=_("不明な団体の種別です。")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("collaboration:partner", args=[self.organisation.slug, self.pk])

    @property
    def is_listed(self):
        return self.verified_at is not None

    #: The contact fields a partner may publish, each with its ``<field>_public`` choice.
    CONTACT_FIELDS = (("contact_name", _("連絡担当者")), ("phone", _("電話番号")),
                      ("email", _("メールアドレス")), ("address", _("所在地")))

    @property
    def public_contact(self):
        """The contact details the partner chose to publish, as (label, value) pairs."""
        return self.public_contact_of(vars(self))

    @classmethod
    def public_contact_of(cls, values):
        """``public_contact`` of a partner's column values (a ``values()`` row will do)."""
        return [(label, values[name]) for name, label in cls.CONTACT_FIELDS
                if values[f"{name}_public"] and values[name]]

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class PartnerField(models.Model):
    """活動分野 of a partner (stable key of the NPO Act's list)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="fields")
    field = models.CharField(_("活動分野"), max_length=20, choices=ActivityField.choices)

    class Meta:
        verbose_name = _("団体の活動分野")
        verbose_name_plural = _("団体の活動分野")
        constraints = [
            models.UniqueConstraint(fields=["partner", "field"], name="partner_field_unique"),
            models.CheckConstraint(condition=models.Q(field__in=ActivityField.values),
                                   name="partner_field_known"),
        ]

    @property
    def audit_organisation_id(self):
        return self.partner.organisation_id


class PartnerMember(InvitedGrant, models.Model):
    """団体のメンバー — a user who keeps the partner's profile and answers its evaluations; the
    membership counts once the user has accepted the invitation (``accepted_at``)."""

    PERSONAL_FIELDS = ("user",)

    grant_organisation_path = "partner__organisation"

    partner = models.ForeignKey(Partner, verbose_name=_("団体"), on_delete=models.CASCADE,
                                related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("利用者"),
                             on_delete=models.CASCADE, related_name="partner_memberships")
    accepted_at = models.DateTimeField(_("承認日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("団体のメンバー")
        verbose_name_plural = _("団体のメンバー")
        constraints = [
            models.UniqueConstraint(fields=["partner", "user"], name="partner_member_unique",
                                    violation_error_message=_("この利用者はすでにこの団体のメンバーです。")),
        ]

    @property
    def audit_organisation_id(self):
        return self.partner.organisation_id

    def describe_grant(self):
        return _("協働団体「%(name)s」のメンバー") % {"name": self.partner.name}


class ProfileSubmission(models.Model):
    """団体情報の変更申請 — a member's edit of the profile, applied once staff verify it."""

    PERSONAL_FIELDS = ("data",)

    class Status(models.TextChoices):
        PENDING = "pending", _("確認待ち")
        VERIFIED = "verified", _("確認済")
        RETURNED = "returned", _("差戻し")

    partner = models.ForeignKey(Partner, verbose_name=_("団体"), on_delete=models.CASCADE,
                                related_name="submissions")
    data = models.JSONField(_("変更内容"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申請者"),
                                     null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("申請日時"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("確認した職員"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    comment = models.TextField(_("職員からのコメント"), blank=True)

    class Meta:
        verbose_name = _("団体情報の変更申請")
        verbose_name_plural = _("団体情報の変更申請")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partner"], condition=models.Q(status="pending"),
                                    name="one_pending_submission_per_partner",
                                    violation_error_message=_("確認待ちの変更申請がすでにあります。")),
        ]

    @property
    def audit_organisation_id(self):
        return self.partner.organisation_id


# --- Survey campaigns ---------------------------------------------------------------------------

class SurveyCampaign(models.Model):
    """年度別協働取組実態調査 — one fiscal year's survey of every department's projects."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("準備中")
        OPEN = "open", _("受付中")
        CLOSED = "closed", _("締切")
        PUBLISHED = "published", _("公表済")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="survey_campaigns")
    fiscal_year = models.PositiveSmallIntegerField(_("対象年度"), **FISCAL_YEAR)
    title = models.CharField(_("調査名"), max_length=100, blank=True)
    instructions = models.TextField(_("回答にあたっての説明"), blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    deadline = models.DateField(_("回答期限"))
    opened_at = models.DateTimeField(_("開始日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("締切日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    #: 取下げ of the published results: the report stays readable with the reason (the year's
    #: projects stay public; each is corrected or withdrawn on its own).
    withdrawn_at = models.DateTimeField(_("取下げ日時"), null=True, blank=True)
    #: The aggregated report, frozen when published (see ``report.py``).
    report = models.JSONField(_("集計結果"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("協働取組実態調査")
        verbose_name_plural = _("協働取組実態調査")
        ordering = ["organisation_id", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fiscal_year"],
                                    name="campaign_unique_year",
                                    violation_error_message=_("この年度の調査はすでにあります。")),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or _("%(year)s 協働取組実態調査") % {
            "year": wareki_fiscal_year(self.fiscal_year)}

    def accepts_answers(self, today=None):
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and today <= self.deadline

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class SurveyResponse(models.Model):
    """部署ごとの回答 — a department's answer to a campaign: its projects, or 「該当なし」."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("未回答")
        IN_PROGRESS = "in_progress", _("入力中")
        SUBMITTED = "submitted", _("回答済")
        NONE = "none", _("該当なし")

    class Channel(models.TextChoices):
        """How the answer reached the coordinator: entered by the department itself, or
        received on paper, by mail or by fax and entered on its behalf (代理入力)."""
        WEB = "web", _("部署が入力")
        PAPER = "paper", _("紙")
        MAIL = "mail", _("郵送")
        FAX = "fax", _("ファクス")

    campaign = models.ForeignKey(SurveyCampaign, verbose_name=_("調査"), on_delete=models.CASCADE,
                                 related_name="responses")
    department = models.ForeignKey(Department, verbose_name=_("部署"), on_delete=models.PROTECT,
                                   related_name="survey_responses")
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices,
                              default=Status.NOT_STARTED)
    submitted_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回答者"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    reminded_at = models.DateTimeField(_("督促日時"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("督促回数"), default=0)
    channel = models.CharField(_("受付の方法"), max_length=8, choices=Channel.choices,
                               default=Channel.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代理入力した職員"),
                                   null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("部署の回答")
        verbose_name_plural = _("部署の回答")
        ordering = ["campaign_id", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "department"],
                                    name="response_unique_department"),
        ]

    def __str__(self):
        return f"{self.campaign} — {self.department}"

    @property
    def is_complete(self):
        return self.status in (self.Status.SUBMITTED, self.Status.NONE)

    @property
    def entered_on_behalf(self):
        return self.channel != self.Channel.WEB

    @property
    def audit_organisation_id(self):
        return self.department.organisation_id


# --- Projects ------------------------------------------------------------------------------------

class Project(models.Model):
    """協働事業 — one collaboration project of a department in a fiscal year."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="collaboration_projects")
    campaign = models.ForeignKey(SurveyCampaign, verbose_name=_("調査"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="projects")
    department = models.ForeignKey(Department, verbose_name=_("担当部署"), on_delete=models.PROTECT,
                                   related_name="collaboration_projects")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), **FISCAL_YEAR)
    title = models.CharField(_("事業名"), max_length=150)
    purpose = models.TextField(_("目的"), blank=True)
    content = models.TextField(_("事業の内容"), blank=True)
    results = models.TextField(_("成果"), blank=True)
    budget = models.PositiveBigIntegerField(
        _("予算額(円)"), null=True, blank=True,
        validators=[MaxValueValidator(MAX_AMOUNT, _("予算額は1兆円未満で入力してください。"))])
    start_date = models.DateField(_("開始日"), null=True, blank=True)
    end_date = models.DateField(_("終了日"), null=True, blank=True)
    continued_from = models.ForeignKey("self", verbose_name=_("前年度の事業"), null=True,
                                       blank=True, on_delete=models.SET_NULL,
                                       related_name="continuations")
    #: Set when the survey report of its year is published (or the coordinator publishes it).
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    #: 取下げ of a published project (registered twice, or not a collaboration after all): its
    #: page stays readable with the reason, it leaves the lists and the year's report.
    withdrawn_at = models.DateTimeField(_("取下げ日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("協働事業")
        verbose_name_plural = _("協働事業")
        ordering = ["organisation_id", "-fiscal_year", "department__sort_order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "fiscal_year", "title"], name="project_unique_in_year",
                violation_error_message=_("この部署の同じ年度に同じ事業名の協働事業がすでにあります。"),
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True) | models.Q(end_date__isnull=True)
                | models.Q(start_date__lte=models.F("end_date")),
                name="project_period_ordered",
                violation_error_message=_("終了日は開始日以降にしてください。"),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "fiscal_year"], name="project_org_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("collaboration:project", args=[self.organisation.slug, self.pk])

    def clean(self):
        if self.department_id and self.organisation_id and (
                self.department.organisation_id != self.organisation_id):
            raise ValidationError({"department": _("担当部署は同じ団体の部署から選んでください。")})
        if self.campaign_id and self.campaign.organisation_id != self.organisation_id:
            raise ValidationError({"campaign": _("同じ団体の調査を選んでください。")})
        if self.campaign_id and self.fiscal_year and self.campaign.fiscal_year != self.fiscal_year:
            raise ValidationError({"fiscal_year": _("調査の対象年度と事業の年度が一致しません。")})
        if self.continued_from_id and self.continued_from.organisation_id != self.organisation_id:
            raise ValidationError({"continued_from": _("前年度の事業は同じ団体の事業から選んでください。")})

    @property
    def is_public(self):
        return self.published_at is not None

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class ProjectForm(models.Model):
    """協働の形態 of a project (several per project)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="forms")
    form = models.CharField(_("協働の形態"), max_length=20, choices=CollaborationForm.choices)

    class Meta:
        verbose_name = _("協働の形態")
        verbose_name_plural = _("協働の形態")
        constraints = [
            models.UniqueConstraint(fields=["project", "form"], name="project_form_unique"),
            models.CheckConstraint(condition=models.Q(form__in=CollaborationForm.values),
                                   name="project_form_known"),
        ]

    @property
    def audit_organisation_id(self):
        return self.project.organisation_id


class ProjectField(models.Model):
    """分野 of a project (stable key; must exist in the project's fiscal year)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fields")
    field = models.CharField(_("分野"), max_length=20, choices=ActivityField.choices)

    class Meta:
        verbose_name = _("事業の分野")
        verbose_name_plural = _("事業の分野")
        constraints = [
            models.UniqueConstraint(fields=["project", "field"], name="project_field_unique"),
            models.CheckConstraint(condition=models.Q(field__in=ActivityField.values),
                                   name="project_field_known"),
        ]

    @property
    def audit_organisation_id(self):
        return self.project.organisation_id


class ProjectPartner(models.Model):
    """協働の相手方 — a partner of the project and its role. A partner not (yet) in the
    directory is named by ``name``; its type is kept on the row for the survey's tallies."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(Partner, verbose_name=_("団体"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="project_roles")
    name = models.CharField(_("団体名"), max_length=100)
    partner_type = models.CharField(_("団体の種別"), max_length=20, choices=PartnerType.choices)
    role = models.CharField(_("役割"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("協働の相手方")
        verbose_name_plural = _("協働の相手方")
        ordering = ["project_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="project_partner_unique",
                                    violation_error_message=_("同じ相手方が二重に登録されています。")),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_organisation_id(self):
        return self.project.organisation_id


# --- Evaluation ----------------------------------------------------------------------------------

class Stage(models.TextChoices):
    """評価の段階."""

    BEFORE = "before", _("事前")
    MIDWAY = "midway", _("中間")
    AFTER = "after", _("事後")


class EvaluationTemplate(models.Model):
    """評価様式 — the criteria per stage and the rating scale of collaboration evaluation."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="evaluation_templates")
    name = models.CharField(_("様式名"), max_length=100)
    #: [[5, "はるかに上回った"], …, [1, "はるかに低い"]], best first.
    scale = models.JSONField(_("評価の尺度"))
    is_active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        verbose_name = _("評価様式")
        verbose_name_plural = _("評価様式")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="template_unique_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def scale_values(self):
        return [int(value) for value, _label in self.scale]

    @property
    def max_score(self):
        return max(self.scale_values)

    def scale_label(self, value):
        return dict((int(v), label) for v, label in self.scale).get(value, "")

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class EvaluationCriterion(models.Model):
    """評価項目 — e.g. 目的の共有, 対等な関係, 役割分担 — asked at one stage."""

    template = models.ForeignKey(EvaluationTemplate, on_delete=models.CASCADE,
                                 related_name="criteria")
    stage = models.CharField(_("段階"), max_length=10, choices=Stage.choices)
    number = models.PositiveSmallIntegerField(_("番号"))
    title = models.CharField(_("評価項目"), max_length=60)
    question = models.TextField(_("評価の観点"), blank=True)

    class Meta:
        verbose_name = _("評価項目")
        verbose_name_plural = _("評価項目")
        ordering = ["template_id", "stage", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "stage", "number"],
                                    name="criterion_unique_number"),
        ]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.template.organisation_id


class Side(models.TextChoices):
    """評価する側."""

    ADMINISTRATION = "administration", _("行政(担当部署)")
    PARTNER = "partner", _("協働団体")


class Evaluation(models.Model):
    """協働評価 — one project's evaluation at one stage, by both sides.

    Each side fills in its own sheet, sealed from the other until both are submitted
    (状態: 評価中 → 双方提出済); then both views are shown side by side, a joint comment is
    written, and the coordinator publishes it (公表済).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("評価中")
        REVEALED = "revealed", _("双方提出済")
        PUBLISHED = "published", _("公表済")

    project = models.ForeignKey(Project, verbose_name=_("協働事業"), on_delete=models.CASCADE,
                                related_name="evaluations")
    template = models.ForeignKey(EvaluationTemplate, verbose_name=_("評価様式"),
                                 on_delete=models.PROTECT, related_name="evaluations")
    stage = models.CharField(_("段階"), max_length=10, choices=Stage.choices, default=Stage.AFTER)
    partner = models.ForeignKey(Partner, verbose_name=_("評価する団体"), on_delete=models.PROTECT,
                                related_name="evaluations")
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    #: 提出期限 of both sheets: each side that has not submitted is reminded before and after it.
    deadline = models.DateField(_("評価シートの提出期限"), null=True, blank=True)
    joint_comment = models.TextField(_("双方の協議による総括"), blank=True)
    #: Mean of both sides' ratings, as a percentage of the scale's top (set when revealed).
    score = models.DecimalField(_("評価点(100点満点)"), max_digits=5, decimal_places=1,
                                null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    revealed_at = models.DateTimeField(_("双方提出日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    #: 取下げ: the published evaluation stays readable with the notice of why, but its score no
    #: longer counts among the year's results.
    withdrawn_at = models.DateTimeField(_("取下げ日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("協働評価")
        verbose_name_plural = _("協働評価")
        ordering = ["-project__fiscal_year", "project__title", "stage"]
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="evaluation_unique_stage",
                                    violation_error_message=_("この事業のこの段階の評価はすでにあります。")),
        ]

    def __str__(self):
        return f"{self.project} ({self.get_stage_display()})"

    def get_absolute_url(self):
        return reverse("collaboration:evaluation", args=[self.project.organisation.slug, self.pk])

    @property
    def audit_organisation_id(self):
        return self.project.organisation_id


class EvaluationSheet(models.Model):
    """評価シート — one side's ratings of the project; sealed until both sides submit."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="sheets")
    side = models.CharField(_("評価する側"), max_length=15, choices=Side.choices)
    overall_comment = models.TextField(_("全体を通しての所感"), blank=True)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出者"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("評価シート")
        verbose_name_plural = _("評価シート")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "side"], name="sheet_unique_side"),
        ]

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    @property
    def audit_organisation_id(self):
        return self.evaluation.project.organisation_id


class SheetRating(models.Model):
    """One criterion's rating (and comment) on a sheet."""

    sheet = models.ForeignKey(EvaluationSheet, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("評価"))
    comment = models.TextField(_("理由・意見"), blank=True)

    class Meta:
        verbose_name = _("項目の評価")
        verbose_name_plural = _("項目の評価")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="rating_unique_criterion"),
        ]

    @property
    def audit_organisation_id(self):
        return self.sheet.evaluation.project.organisation_id


# --- Initiatives -------------------------------------------------------------------------------

class Initiative(models.Model):
    """協働の取組 — a milestone of an organisation's collaboration policy (seed 004's table, and
    its list of municipal initiatives, which the regional directory shows across organisations)."""

    class Category(models.TextChoices):
        BASIS = "basis", _("根拠法規など(条例・方針・指針など)")
        MECHANISM = "mechanism", _("協働推進の仕組みづくり")
        EVALUATION = "evaluation", _("協働評価システムづくり(取組事例の広報や評価手法など)")
        STAFF = "staff", _("職員への意識づくり(セミナーや職員研修など)")

    class Kind(models.TextChoices):
        ORDINANCE = "ordinance", _("条例")
        GUIDELINE = "guideline", _("方針・指針")
        SYSTEM = "system", _("制度・事業")
        MEETING = "meeting", _("会議・協議会")
        ORGANISATION = "organisation", _("組織・窓口")
        TRAINING = "training", _("研修・セミナー")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="collaboration_initiatives")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True, **FISCAL_YEAR)
    date = models.DateField(_("日付"), null=True, blank=True,
                            help_text=_("施行日・設置日など。わかる場合のみ"))
    category = models.CharField(_("区分"), max_length=12, choices=Category.choices)
    kind = models.CharField(_("種類"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("取組"), max_length=150)
    description = models.TextField(_("説明"), blank=True)
    department_name = models.CharField(_("担当"), max_length=100, blank=True)
    continuing = models.BooleanField(_("現在も継続中"), default=False)
    url = models.URLField(_("参考URL"), blank=True, max_length=300)
    sort_order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("協働の取組")
        verbose_name_plural = _("協働の取組")
        ordering = ["organisation_id", "fiscal_year", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fiscal_year", "title"],
                                    name="initiative_unique_title",
                                    violation_error_message=_("同じ年度に同じ取組がすでにあります。")),
        ]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.organisation_id
