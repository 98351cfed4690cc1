"""協働事業提案制度 — proposal calls, proposals, screening by a panel, results (issue 15 §1–4).

Seed 004 lists 根室市's 「根室市まちづくり協働事業」の提案募集; DOMAIN-NOTES §2 gives the practice:
two types of call (行政提案型: the administration sets themes with a department and a budget
cap; 市民提案型: free themes in courses such as 50万円コース), eligibility rules (原則5人以上,
no 営利・宗教・政治・選挙, no facility building, nothing already publicly funded), required
documents (提案書, 収支予算書, 団体概要), phases (募集 → 事前相談 → 提出 → 書類審査 →
公開プレゼンテーション → 選定 → 協定締結 → 実施 → 実施報告), and a rubric of weighted
criteria scored 0–5 with thresholds (「合計が基準点未満は不採択」「1項目でも2点未満で不採択」).

    Call 提案募集 ─ Theme テーマ/コース, RequiredDocument 提出書類, Phase 日程, Criterion 審査項目
     │            PanelMember 審査委員 ─ Recusal 利害関係による除斥
    Proposal 提案 ─ ProposalFile 添付書類, ReviewSheet 審査票 (委員×提案×段階) ─ Score 項目の評点
     └ project → collaboration.Project once adopted (協働事業)

Money is whole yen; 年度 is the Western year in which the fiscal year starts.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.collaboration.models import FISCAL_YEAR, Partner, Project
from kyodo.collaboration.vocabularies import PartnerType
from kyodo.core.inputs import MAX_AMOUNT, validate_phone
from kyodo.core.japanese import wareki_fiscal_year
from kyodo.core.models import Department, Organisation

AMOUNT = [MaxValueValidator(MAX_AMOUNT, _("金額は1兆円未満で入力してください。"))]
#: Scores are 0–5 (DOMAIN-NOTES §2).
MAX_SCORE = 5


class CallKind(models.TextChoices):
    ADMINISTRATION = "administration", _("行政提案型")
    CITIZEN = "citizen", _("市民提案型")


class ExcludedPurpose(models.TextChoices):
    """Purposes a call may exclude (龍ケ崎 and others); the proposer declares each."""

    COMMERCIAL = "commercial", _("営利を目的とする事業")
    PRIVATE_BENEFIT = "private_benefit", _("特定の個人・団体の利益を目的とする事業")
    RELIGIOUS = "religious", _("宗教活動を目的とする事業")
    POLITICAL = "political", _("政治活動を目的とする事業")
    ELECTION = "election", _("選挙活動を目的とする事業")
    FACILITY = "facility", _("施設の建設を目的とする事業")
    PUBLIC_FUNDED = "public_funded", _("国・自治体などから既に補助を受けている事業")


class Stage(models.TextChoices):
    """審査の段階 — scores may be split between the documents and the presentation."""

    DOCUMENTS = "documents", _("書類審査")
    PRESENTATION = "presentation", _("プレゼンテーション審査")


class Call(models.Model):
    """提案募集 — one call for proposals of a fiscal year, of one type."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("準備中")
        OPEN = "open", _("募集中")
        SCREENING = "screening", _("審査中")
        PUBLISHED = "published", _("結果公表")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="proposal_calls")
    fiscal_year = models.PositiveSmallIntegerField(_("実施年度"), **FISCAL_YEAR)
    kind = models.CharField(_("募集の種類"), max_length=20, choices=CallKind.choices)
    title = models.CharField(_("募集名"), max_length=150)
    summary = models.TextField(_("募集の趣旨"), blank=True)
    department = models.ForeignKey(Department, verbose_name=_("事務局(担当課)"),
                                   on_delete=models.PROTECT, related_name="+")
    eligibility = models.TextField(_("応募できる団体"), blank=True,
                                   help_text=_("例: 市内で活動する5人以上の団体"))
    min_members = models.PositiveSmallIntegerField(
        _("最少構成員数"), default=5, validators=[MaxValueValidator(1000)])
    excluded_purposes = models.JSONField(_("対象外の事業"), default=list, blank=True)
    opens_at = models.DateTimeField(_("募集開始"))
    closes_at = models.DateTimeField(_("提出期限"))
    report_due = models.DateField(_("実施報告の期限"), null=True, blank=True)
    #: 合計(100点満点)がこれ未満は不採択.
    pass_mark = models.PositiveSmallIntegerField(
        _("採択の基準点(100点満点)"), default=60, validators=[MaxValueValidator(100)])
    #: どれか1項目の平均点がこれ未満なら不採択 (0–5).
    criterion_floor = models.DecimalField(
        _("項目の最低点(0〜5)"), max_digits=3, decimal_places=1, default=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)])
    show_reviewer_names = models.BooleanField(_("委員名と評点を並べて公表する"), default=False)
    stage = models.CharField(_("審査の段階"), max_length=15, choices=Stage.choices,
                             default=Stage.DOCUMENTS)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    review_comment = models.TextField(_("審査講評"), blank=True)
    published_at = models.DateTimeField(_("結果公表日時"), null=True, blank=True)
    #: 取下げ of the published results (core.corrections, with the reason): the results page stays
    #: readable with the notice; they leave the download, the open-data counts and the search.
    results_withdrawn_at = models.DateTimeField(_("審査結果の取下げ日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("提案募集")
        verbose_name_plural = _("提案募集")
        ordering = ["organisation_id", "-fiscal_year", "-opens_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(opens_at__lt=models.F("closes_at")),
                                   name="proposal_call_period_ordered",
                                   violation_error_message=_("提出期限は募集開始より後にしてください。")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:call", args=[self.organisation.slug, self.pk])

    def clean(self):
        if self.department_id and self.organisation_id and (
                self.department.organisation_id != self.organisation_id):
            raise ValidationError({"department": _("事務局は同じ団体の部署から選んでください。")})
        bad = [p for p in self.excluded_purposes or [] if p not in ExcludedPurpose.values]
        if bad:
            raise ValidationError({"excluded_purposes": _("不明な対象外の事業です。")})

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def results_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def results_standing(self):
        """Published and not withdrawn: the results may still be corrected or withdrawn."""
        return self.results_published and self.results_withdrawn_at is None

    def accepts_proposals(self, now=None):
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now <= self.closes_at

    @property
    def year_label(self):
        return wareki_fiscal_year(self.fiscal_year)

    def excluded_purpose_labels(self):
        return [ExcludedPurpose(p).label for p in self.excluded_purposes or []
                if p in ExcludedPurpose.values]

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class Theme(models.Model):
    """テーマ (行政提案型: with its department and budget cap) or コース (市民提案型: a cap)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField(_("番号"), validators=[MaxValueValidator(999)])
    title = models.CharField(_("テーマ・コース名"), max_length=150)
    description = models.TextField(_("説明"), blank=True)
    department = models.ForeignKey(Department, verbose_name=_("担当課"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    budget_cap = models.PositiveBigIntegerField(_("上限額(円)"), validators=AMOUNT)

    class Meta:
        verbose_name = _("テーマ・コース")
        verbose_name_plural = _("テーマ・コース")
        ordering = ["call_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="proposal_theme_number",
                                    violation_error_message=_("同じ番号のテーマがすでにあります。")),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.call_id and self.call.kind == CallKind.ADMINISTRATION and not self.department_id:
            raise ValidationError({"department": _("行政提案型のテーマには担当課を指定してください。")})
        if self.department_id and self.call_id and (
                self.department.organisation_id != self.call.organisation_id):
            raise ValidationError({"department": _("担当課は同じ団体の部署から選んでください。")})

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


def document_path(instance, filename):
    return f"proposals/{instance.call_id}/documents/{filename}"


class RequiredDocument(models.Model):
    """提出書類 — e.g. 提案書 (様式1), 収支予算書, 団体概要; with its form to download."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    number = models.PositiveSmallIntegerField(_("様式番号"), validators=[MaxValueValidator(999)])
    title = models.CharField(_("書類名"), max_length=100)
    required = models.BooleanField(_("必須"), default=True)
    form_file = models.FileField(_("様式ファイル"), upload_to=document_path, blank=True,
                                 max_length=300)

    class Meta:
        verbose_name = _("提出書類")
        verbose_name_plural = _("提出書類")
        ordering = ["call_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="proposal_document_number"),
        ]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class Phase(models.Model):
    """日程 — one phase of the call and its dates (募集 → … → 実施報告)."""

    class Kind(models.TextChoices):
        RECRUITING = "recruiting", _("募集")
        CONSULTATION = "consultation", _("事前相談")
        SUBMISSION = "submission", _("提出")
        DOCUMENTS = "documents", _("書類審査")
        PRESENTATION = "presentation", _("公開プレゼンテーション")
        SELECTION = "selection", _("選定")
        AGREEMENT = "agreement", _("協定締結")
        IMPLEMENTATION = "implementation", _("実施")
        REPORT = "report", _("実施報告")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("段階"), max_length=15, choices=Kind.choices)
    starts_on = models.DateField(_("開始日"))
    ends_on = models.DateField(_("終了日"), null=True, blank=True)
    starts_at = models.DateTimeField(_("開始日時"), null=True, blank=True,
                                     help_text=_("公開プレゼンテーションなど時刻のあるもの"))
    place = models.CharField(_("会場"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("日程")
        verbose_name_plural = _("日程")
        ordering = ["call_id", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "kind"], name="proposal_phase_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__lte=models.F("ends_on")),
                name="proposal_phase_ordered",
                violation_error_message=_("終了日は開始日以降にしてください。")),
        ]

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class Criterion(models.Model):
    """審査項目 — e.g. 公益性, 協働による効果, 実現可能性; scored 0–5, weighted."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("番号"), validators=[MaxValueValidator(99)])
    title = models.CharField(_("審査項目"), max_length=60)
    description = models.TextField(_("審査の観点"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("配点の重み"), default=1,
        validators=[MinValueValidator(1, _("重みは1以上にしてください。")), MaxValueValidator(10)])
    stage = models.CharField(_("審査の段階"), max_length=15, choices=Stage.choices,
                             default=Stage.DOCUMENTS)

    class Meta:
        verbose_name = _("審査項目")
        verbose_name_plural = _("審査項目")
        ordering = ["call_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="proposal_criterion_number"),
        ]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class PanelMember(models.Model):
    """審査委員 — a member of the call's panel (holds the reviewer role in the organisation)."""

    PERSONAL_FIELDS = ("user",)

    class Kind(models.TextChoices):
        EXPERT = "expert", _("有識者")
        CITIZEN = "citizen", _("市民")
        STAFF = "staff", _("職員")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("委員"),
                             on_delete=models.PROTECT, related_name="proposal_panels")
    name = models.CharField(_("氏名(公表用)"), max_length=60)
    kind = models.CharField(_("区分"), max_length=10, choices=Kind.choices)
    affiliation = models.CharField(_("所属"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("審査委員")
        verbose_name_plural = _("審査委員")
        ordering = ["call_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="proposal_panel_unique",
                                    violation_error_message=_("この方はすでに審査委員です。")),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class Proposal(models.Model):
    """提案 — drafted by a partner member or a group registering on the spot, then submitted."""

    PERSONAL_FIELDS = ("contact_name", "contact_email", "contact_phone", "contact_address")

    class Status(models.TextChoices):
        DRAFT = "draft", _("作成中")
        SUBMITTED = "submitted", _("提出済")
        ADOPTED = "adopted", _("採択")
        REJECTED = "rejected", _("不採択")
        WITHDRAWN = "withdrawn", _("取下げ")

    call = models.ForeignKey(Call, verbose_name=_("提案募集"), on_delete=models.CASCADE,
                             related_name="proposals")
    theme = models.ForeignKey(Theme, verbose_name=_("テーマ・コース"), on_delete=models.PROTECT,
                              related_name="proposals")
    partner = models.ForeignKey(Partner, verbose_name=_("団体(名簿)"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="proposals")
    group_name = models.CharField(_("団体名"), max_length=100)
    group_type = models.CharField(_("団体の種別"), max_length=20, choices=PartnerType.choices)
    member_count = models.PositiveIntegerField(_("構成員数"), validators=[MaxValueValidator(100000)])
    based_locally = models.BooleanField(_("市内で活動している"), default=True)
    declared_purposes = models.JSONField(_("該当する事業の性格"), default=list, blank=True)
    contact_name = models.CharField(_("代表者・連絡担当者"), max_length=60)
    contact_email = models.EmailField(_("メールアドレス"))
    contact_phone = models.CharField(_("電話番号"), max_length=20, blank=True,
                                     validators=[validate_phone])
    contact_address = models.CharField(_("所在地"), max_length=200, blank=True)
    title = models.CharField(_("事業名"), max_length=150)
    summary = models.TextField(_("事業の概要"))
    partner_role = models.TextField(_("団体の役割"), blank=True)
    administration_role = models.TextField(_("行政の役割"), blank=True)
    amount = models.PositiveBigIntegerField(_("事業費(希望額・円)"), validators=AMOUNT)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提案者"),
                                   on_delete=models.PROTECT, related_name="proposals")
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    # 協議結果 (様式5) of the department concerned.
    consultation = models.TextField(_("担当課との協議結果"), blank=True)
    consulted_at = models.DateTimeField(_("協議結果の記録日時"), null=True, blank=True)
    consulted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("記録した職員"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # 選定
    total = models.DecimalField(_("合計点(100点満点)"), max_digits=5, decimal_places=1,
                                null=True, blank=True)
    decision_reason = models.TextField(_("選定の理由・講評"), blank=True)
    decided_at = models.DateTimeField(_("選定日時"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("選定を記録した職員"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    project = models.ForeignKey(Project, verbose_name=_("協働事業"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="proposals")
    agreement_date = models.DateField(_("協定締結日"), null=True, blank=True)
    report = models.TextField(_("実施報告"), blank=True)
    reported_at = models.DateTimeField(_("実施報告の提出日時"), null=True, blank=True)
    # 取下げ — by the proposer, with a reason, before the decision.
    withdrawal_reason = models.TextField(_("取下げの理由"), blank=True)
    withdrawn_at = models.DateTimeField(_("取下げ日時"), null=True, blank=True)
    #: When the contact details were anonymised (retention.py).
    erased_at = models.DateTimeField(_("連絡先の消去日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("提案")
        verbose_name_plural = _("提案")
        ordering = ["call_id", "theme__number", "id"]
        indexes = [models.Index(fields=["call", "status"], name="proposal_call_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:proposal", args=[self.call.organisation.slug, self.pk])

    @property
    def department_id(self):
        """The department concerned: the theme's (行政提案型) or else the call's secretariat."""
        return self.theme.department_id or self.call.department_id

    @property
    def is_decided(self):
        return self.status in (self.Status.ADOPTED, self.Status.REJECTED)

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


MAX_FILE_BYTES = 10 * 1024 * 1024


def proposal_file_path(instance, filename):
    return f"proposals/{instance.proposal.call_id}/proposal-{instance.proposal_id}/{filename}"


class ProposalFile(models.Model):
    """添付書類 — a file of a proposal (PDF, Office, image; 10 MB at most), for a required
    document of the call."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(RequiredDocument, verbose_name=_("書類"), on_delete=models.PROTECT,
                                 related_name="+")
    file = models.FileField(_("ファイル"), upload_to=proposal_file_path, max_length=300)
    kind = models.CharField(_("形式"), max_length=5)
    size = models.PositiveIntegerField(_("大きさ(バイト)"))
    uploaded_at = models.DateTimeField(_("添付日時"), default=timezone.now)

    class Meta:
        verbose_name = _("添付書類")
        verbose_name_plural = _("添付書類")
        ordering = ["proposal_id", "document__number", "id"]

    @property
    def filename(self):
        return Path(self.file.name).name

    @property
    def audit_organisation_id(self):
        return self.proposal.call.organisation_id


class Recusal(models.Model):
    """利害関係の申告 — the reviewer takes no part in (and sees nothing of) this proposal."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="recusals")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="recusals")
    reason = models.CharField(_("利害関係の内容"), max_length=200)
    declared_at = models.DateTimeField(_("申告日時"), default=timezone.now)

    class Meta:
        verbose_name = _("利害関係の申告")
        verbose_name_plural = _("利害関係の申告")
        constraints = [
            models.UniqueConstraint(fields=["member", "proposal"], name="proposal_recusal_unique"),
        ]

    @property
    def audit_organisation_id(self):
        return self.member.call.organisation_id


class ReviewSheet(models.Model):
    """審査票 — one reviewer's scores of one proposal at one stage, sealed from the others."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="sheets")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sheets")
    stage = models.CharField(_("審査の段階"), max_length=15, choices=Stage.choices)
    comment = models.TextField(_("所見"), blank=True)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("審査票")
        verbose_name_plural = _("審査票")
        constraints = [
            models.UniqueConstraint(fields=["member", "proposal", "stage"],
                                    name="proposal_sheet_unique"),
        ]

    @property
    def audit_organisation_id(self):
        return self.member.call.organisation_id


class Score(models.Model):
    """評点 — one criterion's score (0–5) on a sheet."""

    sheet = models.ForeignKey(ReviewSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("評点"), validators=[MaxValueValidator(MAX_SCORE, _("評点は0から5で入力してください。"))])

    class Meta:
        verbose_name = _("評点")
        verbose_name_plural = _("評点")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="proposal_score_unique"),
            models.CheckConstraint(condition=models.Q(value__lte=MAX_SCORE),
                                   name="proposal_score_range"),
        ]

    @property
    def audit_organisation_id(self):
        return self.sheet.member.call.organisation_id
