"""意見公募 — public comment on a draft (パブリックコメント; issue 17 §1–2, DOMAIN-NOTES §7:
行政手続法 第39–43条 as municipalities apply it by their own 要綱).

    Call 意見公募 (a department's draft 案, its reason, period, who may comment)
     ├ Document 資料 (files, served only through the permission-checked download view)
     ├ Section 案の項目 (the draft's text, section by section; the final text after the changes)
     ├ Comment 提出意見 ─ receipt number 受付番号; channel; moderation (masking, original kept)
     ├ OpinionItem 意見の概要 ─ M2M comments; 市の考え方; 修正の有無 and the changed text
     └ CommentAnalysis 語の分析 ─ the stored word analysis of the comments (run in the background)

A call's phase is its stored state plus the calendar: once 公示 (``announced``) it reads 予告
before its first day, 募集中 from the first to the last day, 締切 after it; staff then move it
to 集計・検討 and publish the results (結果公表).

Commenters' names, addresses and contacts are personal data: shown only to the staff who
handle the call, never on public pages, in the API or in exports.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import validate_phone
from kyodo.core.models import Department, Organisation
from kyodo.surveys.models import WordAnalysis

#: 行政手続法 第39条第3項: at least 30 days from the day of publication.
MINIMUM_DAYS = 30


class CommenterType(models.TextChoices):
    """Who may comment (和光市's 区分番号 1–6, 浜田市's list)."""

    RESIDENT = "resident", _("市内に住所を有する方")
    COMMUTER = "commuter", _("市内に通勤する方")
    STUDENT = "student", _("市内に通学する方")
    BUSINESS = "business", _("市内に事務所・事業所を有する個人・法人等")
    TAXPAYER = "taxpayer", _("市に納税義務を有する方")
    INTERESTED = "interested", _("案に利害関係を有する方")


class Channel(models.TextChoices):
    """How a comment reached the office: the web form, or keyed in by staff."""

    WEB = "web", _("ウェブ")
    POST = "post", _("郵送")
    FAX = "fax", _("ファクス")
    COUNTER = "counter", _("窓口持参")
    EMAIL = "email", _("電子メール")


class Call(models.Model):
    """意見公募 — a department's draft put out for public comment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("作成中")
        ANNOUNCED = "announced", _("公示")
        REVIEWING = "reviewing", _("集計・検討")
        PUBLISHED = "published", _("結果公表")

    class Phase(models.TextChoices):
        """What the public sees: the stored state read against the calendar."""

        DRAFT = "draft", _("作成中")
        NOTICE = "notice", _("予告")
        OPEN = "open", _("募集中")
        CLOSED = "closed", _("締切")
        REVIEWING = "reviewing", _("集計・検討")
        PUBLISHED = "published", _("結果公表")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="public_comment_calls")
    department = models.ForeignKey(Department, verbose_name=_("担当課"), on_delete=models.PROTECT,
                                   related_name="public_comment_calls")
    title = models.CharField(_("案の名称"), max_length=150)
    summary = models.TextField(_("案の概要"), max_length=4000)
    reason = models.TextField(_("案を作成した趣旨・目的・背景"), max_length=4000)
    opens_on = models.DateField(_("募集開始日"))
    closes_on = models.DateField(_("募集締切日"))
    short_period_reason = models.TextField(
        _("30日未満とする理由"), max_length=2000, blank=True,
        help_text=_("意見提出期間を30日より短くするときだけ書きます(行政手続法 第40条)。公示ページに表示されます。"))
    eligible = models.JSONField(_("意見を提出できる方"), default=list, blank=True)
    name_required = models.BooleanField(_("氏名を必須とする"), default=True)
    publish_comments = models.BooleanField(
        _("提出された意見を個別に公表する"), default=False,
        help_text=_("結果公表のとき、氏名・連絡先を除いた意見の本文を公表します。"))
    submission_address = models.TextField(
        _("郵送・ファクス・持参・電子メールの提出先"), max_length=1000, blank=True,
        help_text=_("例: 〒060-8611 札幌市中央区北1条西2丁目 市政推進室 / FAX 011-218-5100"))
    # Links into the cycle (issue 17 §6).
    plan = models.ForeignKey("plans.Plan", verbose_name=_("関係する計画"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="public_comment_calls")
    plan_revision = models.ForeignKey("plans.Revision", verbose_name=_("関係する計画の見直し"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="public_comment_calls")
    recommendation = models.ForeignKey("councils.Recommendation", verbose_name=_("関係する市民会議の提言"),
                                       null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="public_comment_calls")
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    announced_at = models.DateTimeField(_("公示日時"), null=True, blank=True)
    results_summary = models.TextField(
        _("結果の概要"), max_length=4000, blank=True,
        help_text=_("意見を考慮した結果と、案から変わった点の要旨(行政手続法 第43条)。"))
    results_published_at = models.DateTimeField(_("結果公表日時"), null=True, blank=True)
    #: The last receipt number given (locked while a comment takes the next one).
    last_receipt = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)

    class Meta:
        verbose_name = _("意見公募")
        verbose_name_plural = _("意見公募")
        ordering = ["organisation_id", "-opens_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "closes_on"], name="publiccomment_call_state")]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on:
            if self.closes_on < self.opens_on:
                errors["closes_on"] = _("募集締切日は募集開始日より後にしてください。")
            elif self.period_days < MINIMUM_DAYS and not (self.short_period_reason or "").strip():
                errors["short_period_reason"] = _(
                    "意見提出期間が%(days)d日です。30日未満とするときは、その理由を書いてください(行政手続法 第40条)。"
                ) % {"days": self.period_days}
        unknown = [value for value in (self.eligible or []) if value not in CommenterType.values]
        if unknown or not isinstance(self.eligible, list):
            errors["eligible"] = _("意見を提出できる方を一覧から選んでください。")
        elif not self.eligible:
            errors["eligible"] = _("意見を提出できる方を1つ以上選んでください。")
        if self.department_id and self.organisation_id and self.department.organisation_id != self.organisation_id:
            errors["department"] = _("この団体の部署を選んでください。")
        if errors:
            raise ValidationError(errors)

    @property
    def period_days(self):
        """The days comments are accepted, both ends included (行政手続法 counts 30日以上)."""
        if not (self.opens_on and self.closes_on):
            return 0
        return (self.closes_on - self.opens_on).days + 1

    def phase(self, today=None):
        today = today or timezone.localdate()
        if self.status == self.Status.DRAFT:
            return self.Phase.DRAFT
        if self.status == self.Status.REVIEWING:
            return self.Phase.REVIEWING
        if self.status == self.Status.PUBLISHED:
            return self.Phase.PUBLISHED
        if today < self.opens_on:
            return self.Phase.NOTICE
        if today <= self.closes_on:
            return self.Phase.OPEN
        return self.Phase.CLOSED

    @property
    def current_phase(self):
        return self.phase()

    @property
    def phase_label(self):
        return self.Phase(self.current_phase).label

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def is_open(self):
        return self.current_phase == self.Phase.OPEN

    @property
    def eligible_labels(self):
        return [CommenterType(value).label for value in self.eligible or [] if value in CommenterType.values]

    def get_absolute_url(self):
        return reverse("publiccomment:call", args=[self.organisation.slug, self.pk])

    @property
    def audit_organisation_id(self):
        return self.organisation_id


def document_path(instance, filename):
    return f"publiccomment/{instance.call_id}/{filename}"


class Document(models.Model):
    """資料 — a file of the call (the draft, its summary, references); PDF, Office or image."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("案")
        SUMMARY = "summary", _("案の概要")
        REFERENCE = "reference", _("参考資料")
        RESULT = "result", _("結果資料")

    call = models.ForeignKey(Call, verbose_name=_("意見公募"), on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("資料名"), max_length=150)
    kind = models.CharField(_("資料の種類"), max_length=10, choices=Kind.choices, default=Kind.DRAFT)
    file = models.FileField(_("ファイル"), upload_to=document_path)
    size = models.PositiveIntegerField(_("サイズ(バイト)"), default=0)
    extension = models.CharField(_("形式"), max_length=5)
    withdrawn_at = models.DateTimeField(_("取下げ日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("意見公募の資料")
        verbose_name_plural = _("意見公募の資料")
        ordering = ["call_id", "id"]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class Section(models.Model):
    """案の項目 — one section of the draft's text, and its final text when the results change it."""

    call = models.ForeignKey(Call, verbose_name=_("意見公募"), on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("項目番号"), validators=[MinValueValidator(1), MaxValueValidator(999)])
    heading = models.CharField(_("見出し"), max_length=150)
    text = models.TextField(_("案の本文"), max_length=20000)
    final_text = models.TextField(
        _("修正後の本文"), max_length=20000, blank=True,
        help_text=_("意見を受けて修正したときだけ書きます。空欄なら案のとおりです。"))

    class Meta:
        verbose_name = _("案の項目")
        verbose_name_plural = _("案の項目")
        ordering = ["call_id", "number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="publiccomment_section_number",
                                               violation_error_message=_("同じ番号の項目がすでにあります。"))]

    def __str__(self):
        return f"{self.number}. {self.heading}"

    @property
    def changed(self):
        return bool(self.final_text) and self.final_text != self.text

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class Comment(models.Model):
    """提出意見 — one submission, from the web form or keyed in by staff with its channel."""

    PERSONAL_FIELDS = ("name", "address_area", "email", "phone", "original_body")

    class MaskReason(models.TextChoices):
        ATTACK = "attack", _("個人を誹謗中傷する表現")
        PERSONAL_DATA = "personal_data", _("他人の個人情報")
        OTHER = "other", _("その他(理由に記載)")

    call = models.ForeignKey(Call, verbose_name=_("意見公募"), on_delete=models.CASCADE, related_name="comments")
    sequence = models.PositiveIntegerField(_("通し番号"))
    channel = models.CharField(_("提出の方法"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代理入力した職員"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出した利用者"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="public_comments")
    commenter_type = models.CharField(_("提出者の区分"), max_length=12, choices=CommenterType.choices)
    name = models.CharField(_("氏名(法人・団体は名称と代表者名)"), max_length=100, blank=True)
    address_area = models.CharField(_("住所(区・町名まで)"), max_length=100, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True, validators=[validate_phone])
    section = models.ForeignKey(Section, verbose_name=_("意見の対象となる項目"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="comments")
    body = models.TextField(_("意見"), max_length=8000)
    consent = models.BooleanField(_("取扱いへの同意"), default=False)
    submitted_at = models.DateTimeField(_("提出日時"), default=timezone.now)
    # Moderation: ``body`` is what the public may read; ``original_body`` keeps what was
    # written, for the staff, once something was masked.
    original_body = models.TextField(_("提出された原文"), blank=True)
    mask_reason = models.CharField(_("非公開とした理由(区分)"), max_length=15, choices=MaskReason.choices, blank=True)
    mask_note = models.TextField(_("非公開とした理由"), max_length=1000, blank=True)
    masked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("非公開とした職員"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    masked_at = models.DateTimeField(_("非公開とした日時"), null=True, blank=True)
    form_token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("個人情報の消去日時"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("提出意見")
        verbose_name_plural = _("提出意見")
        ordering = ["call_id", "sequence"]
        constraints = [models.UniqueConstraint(fields=["call", "sequence"], name="publiccomment_receipt_unique")]
        indexes = [models.Index(fields=["call", "channel"], name="publiccomment_comment_channel"),
                   models.Index(fields=["user"], name="publiccomment_comment_user")]

    def __str__(self):
        return self.receipt_number

    @property
    def receipt_number(self):
        """受付番号 — e.g. PC12-0034 (意見公募12の34件目)."""
        return f"PC{self.call_id}-{self.sequence:04d}"

    @property
    def masked(self):
        return bool(self.masked_at)

    @property
    def received_as(self):
        if self.channel == Channel.WEB and self.entered_by_id is None:
            return _("ウェブで提出")
        return _("%(channel)sで受付(代理入力: %(who)s)") % {
            "channel": self.get_channel_display(), "who": self.entered_by or _("職員")}

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class OpinionItem(models.Model):
    """意見の概要 — one opinion the comments raised, the administration's view (市の考え方), and
    whether the draft changed because of it (修正の有無, with the changed text)."""

    call = models.ForeignKey(Call, verbose_name=_("意見公募"), on_delete=models.CASCADE, related_name="opinion_items")
    number = models.PositiveSmallIntegerField(_("番号"), validators=[MinValueValidator(1), MaxValueValidator(9999)])
    section = models.ForeignKey(Section, verbose_name=_("案の項目"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="opinion_items")
    summary = models.TextField(_("意見の概要"), max_length=4000)
    response = models.TextField(_("市の考え方"), max_length=4000, blank=True)
    modified = models.BooleanField(_("案の修正あり"), default=False)
    modification = models.TextField(
        _("修正の内容"), max_length=4000, blank=True,
        help_text=_("修正ありのとき、どこをどう変えたかを書きます。"))
    comments = models.ManyToManyField(Comment, verbose_name=_("該当する提出意見"), blank=True,
                                      related_name="opinion_items")

    class Meta:
        verbose_name = _("意見の概要と市の考え方")
        verbose_name_plural = _("意見の概要と市の考え方")
        ordering = ["call_id", "number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="publiccomment_opinion_number",
                                               violation_error_message=_("同じ番号の意見がすでにあります。"))]

    def __str__(self):
        return f"{self.number}. {self.summary[:30]}"

    def clean(self):
        if self.modified and not (self.modification or "").strip():
            raise ValidationError({"modification": _("修正ありのときは、修正の内容を書いてください。")})
        if self.section_id and self.call_id and self.section.call_id != self.call_id:
            raise ValidationError({"section": _("この意見公募の項目を選んでください。")})

    @property
    def audit_organisation_id(self):
        return self.call.organisation_id


class CommentAnalysis(WordAnalysis):
    """語の分析 — the word analysis of a call's comments (their public, masked text), run in the
    background like a survey's (``kyodo.surveys.textanalysis.run_and_store``). ``comments_state``
    is what the comments were when it was queued (how many, the last one, the last masking), so
    the page says when comments were added or masked since."""

    call = models.OneToOneField(Call, verbose_name=_("意見公募"), on_delete=models.CASCADE, related_name="analysis")
    comments_state = models.CharField(_("分析した提出意見"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("提出意見の語の分析")
        verbose_name_plural = _("提出意見の語の分析")

    def __str__(self):
        return str(self.call)


def default_closes_on(opens_on):
    """The default last day: 30 days counted from the first day."""
    return opens_on + datetime.timedelta(days=MINIMUM_DAYS - 1)
