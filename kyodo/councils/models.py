"""市民会議・審議会 — citizens' councils (SPEC §3.2, seed 000: 札幌市's 市役所改革市民会議).

    Council 市民会議 ─ CouncilBudget 運営費 (per 年度 and 内訳)
     ├ Member 委員 (公募/指名/学識経験者, 会長/副会長/委員, term; contacts private)
     ├ Call 公募 ─ Application 応募 (with its essay; private to the secretariat)
     ├ Meeting 第N回 ─ Material 会議資料, Reservation 傍聴の予約, attendance, minutes
     ├ Activity 職場訪問・意見交換 …
     ├ RecommendationReport 提言書 ─ Recommendation 提言 (→ action items, 市の考え方, 反映状況)
     └ EvaluationRound 実施状況の評価 ─ Criterion, Rating (member × item × criterion),
                                      MemberProgress, ItemVerdict (総合評価 + 市の回答)
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import MAX_AMOUNT, MAX_TEXT, validate_phone, year_validators
from kyodo.core.japanese import wareki_date, wareki_fiscal_year
from kyodo.core.models import Department, InvitedGrant, Organisation
from kyodo.plans.models import ActionItem, Plan, Theme


class Council(models.Model):
    """市民会議 — a council with its purpose, secretariat, term and member quota."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="councils")
    name = models.CharField(_("会議の名称"), max_length=100)
    purpose = models.TextField(_("設置目的"))
    secretariat = models.ForeignKey(Department, verbose_name=_("事務局"), on_delete=models.PROTECT,
                                    related_name="councils")
    established_on = models.DateField(_("設置日"))
    term_start = models.DateField(_("任期(開始)"))
    term_end = models.DateField(_("任期(終了)"))
    themes = models.TextField(_("審議テーマ"), blank=True, help_text=_("1行に1テーマ"))
    method = models.TextField(_("審議方法"), blank=True)
    quota_public = models.PositiveSmallIntegerField(_("定数(公募)"), default=0)
    quota_nominated = models.PositiveSmallIntegerField(_("定数(指名)"), default=0)
    quota_expert = models.PositiveSmallIntegerField(_("定数(学識経験者)"), default=0)
    plan = models.ForeignKey(Plan, verbose_name=_("対象の計画"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="councils")

    class Meta:
        verbose_name = _("市民会議")
        verbose_name_plural = _("市民会議")
        ordering = ["organisation_id", "-established_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="council_unique_name",
                                    violation_error_message=_("同じ名称の会議がすでにあります。")),
            models.CheckConstraint(condition=models.Q(term_start__lte=models.F("term_end")),
                                   name="council_term_ordered",
                                   violation_error_message=_("任期の終了は開始より後にしてください。")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """The secretariat and plan are the organisation's; the term is in order and still
        holds every member's term; no quota falls below the members serving at once."""
        errors = {}
        if self.secretariat_id and self.organisation_id and self.secretariat.organisation_id != self.organisation_id:
            errors["secretariat"] = _("事務局は同じ団体の部署から選んでください。")
        if self.plan_id and self.organisation_id and self.plan.organisation_id != self.organisation_id:
            errors["plan"] = _("対象の計画は同じ団体の計画から選んでください。")
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("任期の終了は開始より後にしてください。")
        elif self.pk and self.term_start and self.term_end:
            members = list(self.members.all())
            outside = [m.name for m in members if m.term_start < self.term_start or m.term_end > self.term_end]
            if outside:
                errors["term_end"] = _("任期の外になる委員がいます(%(names)s)。先に委員の任期を直してください。") % {
                    "names": "、".join(outside)}
            for category, label in Member.Category.choices:
                quota = getattr(self, f"quota_{category}")
                serving = most_serving_at_once(
                    [(m.term_start, m.term_end) for m in members if m.category == category])
                if quota is not None and serving > quota:
                    errors[f"quota_{category}"] = _(
                        "%(label)sの委員が同時に%(n)d人います。定数をそれより少なくはできません。") % {
                        "label": label, "n": serving}
        if errors:
            raise ValidationError(errors)

    @property
    def quota_total(self):
        return self.quota_public + self.quota_nominated + self.quota_expert

    @property
    def theme_list(self):
        return [line.strip() for line in self.themes.splitlines() if line.strip()]

    @property
    def audit_organisation_id(self):
        return self.organisation_id


def most_serving_at_once(terms):
    """The largest number of ``(start, end)`` terms that share one day (a day on which the
    most people serve is always the first day of one of the terms)."""
    return max((sum(1 for start, end in terms if start <= day <= end) for day, _end in terms), default=0)


class CouncilBudget(models.Model):
    """運営費 — one line of the council's operating budget for a fiscal year."""

    class Kind(models.TextChoices):
        FEES = "fees", _("委員報酬")
        VENUE = "venue", _("会場費")
        MINUTES = "minutes", _("議事録作成費")
        OTHER = "other", _("その他")

    council = models.ForeignKey(Council, verbose_name=_("市民会議"), on_delete=models.CASCADE,
                                related_name="budgets")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    kind = models.CharField(_("内訳"), max_length=10, choices=Kind.choices)
    amount = models.PositiveBigIntegerField(_("金額(円)"), validators=[
        MaxValueValidator(MAX_AMOUNT, _("金額は%(limit_value)s円以下で入力してください。"))])
    note = models.CharField(_("備考"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("運営費")
        verbose_name_plural = _("運営費")
        ordering = ["council_id", "fiscal_year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["council", "fiscal_year", "kind"], name="council_budget_unique",
                                    violation_error_message=_("この年度のこの内訳はすでにあります。")),
        ]

    @property
    def audit_organisation_id(self):
        return self.council.organisation_id


class Member(InvitedGrant, models.Model):
    """委員 — public name, category, role and term; contact details private. The link to a user
    account opens the members' screens once that user has accepted the invitation
    (``user_accepted_at``)."""

    PERSONAL_FIELDS = ("email", "phone")

    grant_accepted_field = "user_accepted_at"
    grant_organisation_path = "council__organisation"

    class Category(models.TextChoices):
        PUBLIC = "public", _("公募")
        NOMINATED = "nominated", _("指名")
        EXPERT = "expert", _("学識経験者")

    class Position(models.TextChoices):
        CHAIR = "chair", _("会長")
        VICE_CHAIR = "vice_chair", _("副会長")
        MEMBER = "member", _("委員")

    council = models.ForeignKey(Council, verbose_name=_("市民会議"), on_delete=models.CASCADE,
                                related_name="members")
    name = models.CharField(_("氏名(公開)"), max_length=60)
    category = models.CharField(_("区分"), max_length=10, choices=Category.choices)
    position = models.CharField(_("役職"), max_length=10, choices=Position.choices,
                                default=Position.MEMBER)
    term_start = models.DateField(_("任期(開始)"))
    term_end = models.DateField(_("任期(終了)"))
    affiliation = models.CharField(_("所属・経歴(公開)"), max_length=100, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("利用者アカウント"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="council_memberships")
    user_accepted_at = models.DateTimeField(_("アカウント連携の承認日時"), null=True, blank=True)
    email = models.EmailField(_("連絡先メール(非公開)"), blank=True)
    phone = models.CharField(_("連絡先電話(非公開)"), max_length=20, blank=True,
                             validators=[validate_phone])
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("委員")
        verbose_name_plural = _("委員")
        ordering = ["council_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], condition=models.Q(user__isnull=False),
                                    name="member_unique_user",
                                    violation_error_message=_("この利用者はすでに委員です。")),
        ]

    def __str__(self):
        return self.name

    def describe_grant(self):
        return _("%(council)sの委員(%(name)s)") % {"council": self.council.name, "name": self.name}

    def is_serving(self, day=None):
        day = day or timezone.localdate()
        return self.term_start <= day <= self.term_end

    def clean(self):
        """The term ends after it starts and lies within the council's; the category's quota
        (定数) holds on every day of the term; one 会長 and one 副会長 at a time."""
        if not (self.council_id and self.term_start and self.term_end):
            return
        council = self.council
        errors = {}
        if self.term_end <= self.term_start:
            errors["term_end"] = _("任期の終了は開始より後にしてください。")
        elif self.term_start < council.term_start or self.term_end > council.term_end:
            errors["term_start"] = _("委員の任期は会議の任期(%(start)s〜%(end)s)の中にしてください。") % {
                "start": wareki_date(council.term_start), "end": wareki_date(council.term_end)}
        else:
            overlapping = [m for m in council.members.exclude(pk=self.pk)
                           if m.term_start <= self.term_end and m.term_end >= self.term_start]
            quota = getattr(council, f"quota_{self.category}", None)
            serving = most_serving_at_once([(max(m.term_start, self.term_start), min(m.term_end, self.term_end))
                                            for m in overlapping if m.category == self.category])
            if quota is not None and serving >= quota:
                errors["category"] = _("%(category)sの定数は%(quota)d人で、任期の重なる%(category)sの委員がすでに%(n)d人います。") % {
                    "category": self.get_category_display(), "quota": quota, "n": serving}
            if self.position in (self.Position.CHAIR, self.Position.VICE_CHAIR):
                holder = next((m for m in overlapping if m.position == self.position), None)
                if holder is not None:
                    errors["position"] = _("任期の重なる%(position)sがすでにいます(%(name)s)。%(position)sは1人です。") % {
                        "position": self.get_position_display(), "name": holder.name}
        if errors:
            raise ValidationError(errors)

    @property
    def audit_organisation_id(self):
        return self.council.organisation_id


class Call(models.Model):
    """公募 — a public call for members: period, requirements, essay theme."""

    council = models.ForeignKey(Council, verbose_name=_("市民会議"), on_delete=models.CASCADE,
                                related_name="calls")
    title = models.CharField(_("募集名"), max_length=100)
    seats = models.PositiveSmallIntegerField(_("募集人員"), validators=[
        MinValueValidator(1, _("募集人員は1人以上にしてください。"))])
    opens_on = models.DateField(_("募集開始日"))
    closes_on = models.DateField(_("募集締切日"))
    requirements = models.TextField(_("応募資格"))
    essay_theme = models.CharField(_("小論文のテーマ"), max_length=150)
    essay_max_chars = models.PositiveSmallIntegerField(_("小論文の字数上限"), default=800, validators=[
        MinValueValidator(1, _("字数上限は1字以上にしてください。")),
        MaxValueValidator(MAX_TEXT, _("字数上限は%(limit_value)s字以下にしてください。"))])
    selection_method = models.CharField(_("選考方法"), max_length=100, default="書類選考")

    class Meta:
        verbose_name = _("公募")
        verbose_name_plural = _("公募")
        ordering = ["council_id", "-opens_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(opens_on__lte=models.F("closes_on")),
                                   name="call_period_ordered",
                                   violation_error_message=_("締切日は開始日以降にしてください。")),
        ]

    def __str__(self):
        return self.title

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    @property
    def audit_organisation_id(self):
        return self.council.organisation_id


class Application(models.Model):
    """応募 — one person's application with the essay. Seen by the secretariat only; its
    personal data is erased (``actions.erase_applications``) once the selection is over."""

    PERSONAL_FIELDS = ("name", "name_kana", "email", "phone", "address", "birth_year", "essay")

    class Status(models.TextChoices):
        RECEIVED = "received", _("受付")
        SELECTED = "selected", _("選出")
        NOT_SELECTED = "not_selected", _("不選出")

    call = models.ForeignKey(Call, verbose_name=_("公募"), on_delete=models.CASCADE,
                             related_name="applications")
    name = models.CharField(_("氏名"), max_length=60)
    name_kana = models.CharField(_("ふりがな"), max_length=60)
    email = models.EmailField(_("メールアドレス"))
    phone = models.CharField(_("電話番号"), max_length=20, validators=[validate_phone])
    address = models.CharField(_("住所"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("生まれた年(西暦)"), null=True, blank=True,
                                                  validators=year_validators)
    essay = models.TextField(_("小論文"))
    status = models.CharField(_("選考結果"), max_length=15, choices=Status.choices,
                              default=Status.RECEIVED)
    submitted_at = models.DateTimeField(_("応募日時"), default=timezone.now)
    erased_at = models.DateTimeField(_("個人情報の消去日時"), null=True, blank=True)
    member = models.OneToOneField(Member, verbose_name=_("委員"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="application")

    class Meta:
        verbose_name = _("応募")
        verbose_name_plural = _("応募")
        ordering = ["call_id", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "email"], name="application_once_per_call",
                                    condition=models.Q(erased_at__isnull=True),
                                    violation_error_message=_("このメールアドレスからはすでにこの公募に応募があります。")),
        ]

    def __str__(self):
        return f"{self.call} / {self.pk}"

    @property
    def audit_organisation_id(self):
        return self.call.council.organisation_id


class Meeting(models.Model):
    """会議 — 第N回: date, venue, agenda, openness, 傍聴, attendance and minutes."""

    class MinutesKind(models.TextChoices):
        FULL = "full", _("議事録")
        SUMMARY = "summary", _("議事要旨")

    council = models.ForeignKey(Council, verbose_name=_("市民会議"), on_delete=models.CASCADE,
                                related_name="meetings")
    number = models.PositiveSmallIntegerField(_("回"), validators=[
        MinValueValidator(1, _("回は1以上にしてください。"))])
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"), null=True, blank=True)
    venue = models.CharField(_("会場"), max_length=150)
    agenda = models.TextField(_("議題"))
    is_open = models.BooleanField(_("公開"), default=True)
    closed_reason = models.TextField(_("非公開の理由"), blank=True)
    observer_seats = models.PositiveSmallIntegerField(_("傍聴定員"), default=0)
    observers = models.PositiveSmallIntegerField(_("傍聴者数"), null=True, blank=True)
    attendees = models.ManyToManyField(Member, verbose_name=_("出席委員"), blank=True,
                                       related_name="meetings_attended")
    minutes_kind = models.CharField(_("会議録の種類"), max_length=10, choices=MinutesKind.choices,
                                    default=MinutesKind.SUMMARY)
    minutes = models.TextField(_("会議録"), blank=True)
    minutes_approved_on = models.DateField(_("会議録の承認日"), null=True, blank=True,
                                           help_text=_("承認されると公開ページに載ります"))
    #: The text as last approved: what the public page keeps showing (as 「訂正中」) while a
    #: correction of approved minutes waits for its approval.
    approved_minutes = models.TextField(_("承認済みの会議録"), blank=True)

    class Meta:
        verbose_name = _("会議")
        verbose_name_plural = _("会議")
        ordering = ["council_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="meeting_unique_number",
                                    violation_error_message=_("同じ回の会議がすでにあります。")),
            models.CheckConstraint(condition=models.Q(is_open=True) | ~models.Q(closed_reason=""),
                                   name="meeting_closed_has_reason",
                                   violation_error_message=_("非公開にするときは理由を書いてください。")),
        ]

    def __str__(self):
        return f"第{self.number}回 {self.council}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("終了日時は開始日時より後にしてください。")})

    @property
    def minutes_published(self):
        return bool(self.minutes_approved_on and self.minutes.strip())

    @property
    def minutes_under_correction(self):
        """Approved minutes were corrected and wait for approval again (the public page shows
        the earlier approved text, marked 「訂正中」)."""
        return not self.minutes_approved_on and bool(self.approved_minutes.strip())

    @property
    def audit_organisation_id(self):
        return self.council.organisation_id


MATERIAL_TYPES = {  # extension → (content type, the bytes every such file starts with)
    "pdf": ("application/pdf", b"%PDF-"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b"PK\x03\x04"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
}
MATERIAL_MAX_BYTES = 10 * 1024 * 1024


def material_path(instance, filename):
    return f"councils/{instance.meeting.council_id}/meeting-{instance.meeting_id}/{filename}"


class Material(models.Model):
    """会議資料 — a file of a meeting (PDF, Office, image; 10 MB at most)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("会議"), on_delete=models.CASCADE,
                                related_name="materials")
    title = models.CharField(_("資料名"), max_length=150)
    file = models.FileField(_("ファイル"), upload_to=material_path)
    size = models.PositiveIntegerField(_("サイズ(バイト)"), default=0)
    kind = models.CharField(_("形式"), max_length=5)
    #: Set by ``actions.withdraw_material``; the reason (and whether the file was withdrawn for
    #: a personal-data incident, never to be served again) is in its ``core.corrections`` trail.
    withdrawn_at = models.DateTimeField(_("取下げ日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("会議資料")
        verbose_name_plural = _("会議資料")
        ordering = ["meeting_id", "id"]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.meeting.council.organisation_id


class Reservation(models.Model):
    """傍聴の予約 — a seat (or a few) at an open meeting; the contact stays private."""

    PERSONAL_FIELDS = ("name", "email")

    meeting = models.ForeignKey(Meeting, verbose_name=_("会議"), on_delete=models.CASCADE,
                                related_name="reservations")
    name = models.CharField(_("氏名"), max_length=60)
    email = models.EmailField(_("メールアドレス"))
    seats = models.PositiveSmallIntegerField(_("人数"), default=1)
    created_at = models.DateTimeField(_("予約日時"), default=timezone.now)

    class Meta:
        verbose_name = _("傍聴の予約")
        verbose_name_plural = _("傍聴の予約")
        ordering = ["meeting_id", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="reservation_once",
                                    violation_error_message=_("このメールアドレスではすでに予約があります。")),
        ]

    @property
    def audit_organisation_id(self):
        return self.meeting.council.organisation_id


class Activity(models.Model):
    """活動記録 — workplace visits, exchanges with staff and other activities."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("職場訪問")
        EXCHANGE = "exchange", _("職員との意見交換")
        STUDY = "study", _("勉強会")
        OTHER = "other", _("その他")

    council = models.ForeignKey(Council, verbose_name=_("市民会議"), on_delete=models.CASCADE,
                                related_name="activities")
    held_on = models.DateField(_("日付"))
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("件名"), max_length=150)
    description = models.TextField(_("内容"), blank=True)

    class Meta:
        verbose_name = _("活動記録")
        verbose_name_plural = _("活動記録")
        ordering = ["council_id", "-held_on", "id"]

    @property
    def audit_organisation_id(self):
        return self.council.organisation_id


class RecommendationReport(models.Model):
    """提言書 — a report the council submits to the mayor, made of numbered 提言."""

    council = models.ForeignKey(Council, verbose_name=_("市民会議"), on_delete=models.CASCADE,
                                related_name="reports")
    title = models.CharField(_("提言書の名称"), max_length=150)
    submitted_on = models.DateField(_("提出日"))
    addressee = models.CharField(_("提出先"), max_length=60, default="市長")
    summary = models.TextField(_("概要"), blank=True)

    class Meta:
        verbose_name = _("提言書")
        verbose_name_plural = _("提言書")
        ordering = ["council_id", "-submitted_on", "id"]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.council.organisation_id


class Recommendation(models.Model):
    """提言 — one numbered item of a report, the action items it concerns, the
    administration's response (市の考え方) and its reflection status (反映状況)."""

    class Status(models.TextChoices):
        REFLECTED = "reflected", _("反映済")
        PARTLY = "partly", _("一部反映")
        CONSIDERING = "considering", _("検討中")
        NOT_REFLECTED = "not_reflected", _("反映せず")

    report = models.ForeignKey(RecommendationReport, verbose_name=_("提言書"),
                               on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("番号"), validators=[
        MinValueValidator(1, _("番号は1以上にしてください。"))])
    theme = models.ForeignKey(Theme, verbose_name=_("重点項目"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="recommendations")
    title = models.CharField(_("提言の要旨"), max_length=200)
    body = models.TextField(_("提言の内容"), blank=True)
    items = models.ManyToManyField(ActionItem, verbose_name=_("関係する取組項目"), blank=True,
                                   related_name="recommendations")
    response = models.TextField(_("市の考え方"), blank=True)
    status = models.CharField(_("反映状況"), max_length=15, choices=Status.choices,
                              default=Status.CONSIDERING)
    reason = models.TextField(_("反映しない理由"), blank=True)
    status_changed_at = models.DateTimeField(_("反映状況の更新日時"), default=timezone.now)

    class Meta:
        verbose_name = _("提言")
        verbose_name_plural = _("提言")
        ordering = ["report_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="recommendation_unique_number",
                                    violation_error_message=_("同じ番号の提言がすでにあります。")),
            models.CheckConstraint(condition=~models.Q(status="not_reflected") | ~models.Q(reason=""),
                                   name="recommendation_not_reflected_has_reason",
                                   violation_error_message=_("「反映せず」には理由が必要です。")),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def audit_organisation_id(self):
        return self.report.council.organisation_id


class EvaluationRound(models.Model):
    """実施状況の評価 — one round: the items, criteria and scale; members rate, the council
    adopts an overall evaluation per item, the administration answers; then it is published."""

    class Status(models.TextChoices):
        OPEN = "open", _("評価中")
        CLOSED = "closed", _("締切・集計済")
        PUBLISHED = "published", _("公表済")

    council = models.ForeignKey(Council, verbose_name=_("市民会議"), on_delete=models.CASCADE,
                                related_name="evaluation_rounds")
    title = models.CharField(_("評価の名称"), max_length=100)
    fiscal_year = models.PositiveSmallIntegerField(_("対象年度"), validators=year_validators)
    items = models.ManyToManyField(ActionItem, verbose_name=_("対象の取組項目"),
                                   related_name="evaluation_rounds")
    scale_max = models.PositiveSmallIntegerField(_("評価の段階数"), default=5, validators=[
        MinValueValidator(2, _("評価の段階は2以上にしてください。")),
        MaxValueValidator(10, _("評価の段階は10以下にしてください。"))])
    scale_labels = models.JSONField(_("段階の説明"), default=list, blank=True,
                                    help_text=_("高い順に、例: 十分, おおむね十分, 普通, やや不十分, 不十分"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.OPEN)
    deadline = models.DateField(_("締切日"), null=True, blank=True)
    closed_at = models.DateTimeField(_("締切日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    #: 取下げ: the published round stays readable with the notice, but no longer stands as the
    #: council's evaluation (``withdraw_round``; the reason is kept by core.corrections).
    withdrawn_at = models.DateTimeField(_("取下げ日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("実施状況の評価")
        verbose_name_plural = _("実施状況の評価")
        ordering = ["council_id", "-fiscal_year", "id"]

    def __str__(self):
        return self.title

    @property
    def fiscal_year_label(self):
        return wareki_fiscal_year(self.fiscal_year)

    def scale(self):
        """[(score, label)] from the highest score down."""
        labels = list(self.scale_labels or [])
        return [(score, labels[self.scale_max - score] if self.scale_max - score < len(labels) else str(score))
                for score in range(self.scale_max, 0, -1)]

    @property
    def audit_organisation_id(self):
        return self.council.organisation_id


#: The seed's viewpoints (①②③ of 市役所改革実施状況の評価).
DEFAULT_CRITERIA = [
    _("計画の進捗状況"),
    _("趣旨どおりに実行されているか"),
    _("環境の変化に柔軟に対応しているか"),
    _("市民の満足度"),
    _("市民との相互理解が進んでいるか"),
]
DEFAULT_SCALE = [_("十分"), _("おおむね十分"), _("普通"), _("やや不十分"), _("不十分")]


class Criterion(models.Model):
    """評価の観点 — one criterion of a round."""

    round = models.ForeignKey(EvaluationRound, verbose_name=_("評価"), on_delete=models.CASCADE,
                              related_name="criteria")
    number = models.PositiveSmallIntegerField(_("番号"))
    text = models.CharField(_("観点"), max_length=150)

    class Meta:
        verbose_name = _("評価の観点")
        verbose_name_plural = _("評価の観点")
        ordering = ["round_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="council_criterion_unique_number"),
        ]

    def __str__(self):
        return self.text

    @property
    def audit_organisation_id(self):
        return self.round.council.organisation_id


class Rating(models.Model):
    """評点 — one member's score (and comment) for one item on one criterion. Saved as a
    draft while the member works; counted once the member has submitted the round."""

    round = models.ForeignKey(EvaluationRound, verbose_name=_("評価"), on_delete=models.CASCADE,
                              related_name="ratings")
    member = models.ForeignKey(Member, verbose_name=_("委員"), on_delete=models.CASCADE,
                               related_name="ratings")
    item = models.ForeignKey(ActionItem, verbose_name=_("取組項目"), on_delete=models.CASCADE,
                             related_name="ratings")
    criterion = models.ForeignKey(Criterion, verbose_name=_("観点"), on_delete=models.CASCADE,
                                  related_name="ratings")
    score = models.PositiveSmallIntegerField(_("評点"), null=True, blank=True)
    comment = models.TextField(_("意見"), blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("評点")
        verbose_name_plural = _("評点")
        ordering = ["round_id", "item_id", "criterion_id", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "item", "criterion"], name="rating_unique",
                                    violation_error_message=_("この観点の評点はすでにあります。")),
        ]
        indexes = [models.Index(fields=["round", "item"], name="councils_rating_round_item")]

    @property
    def audit_organisation_id(self):
        return self.round.council.organisation_id


class MemberProgress(models.Model):
    """A member's work on a round: when it was last saved and when it was submitted."""

    round = models.ForeignKey(EvaluationRound, verbose_name=_("評価"), on_delete=models.CASCADE,
                              related_name="progress")
    member = models.ForeignKey(Member, verbose_name=_("委員"), on_delete=models.CASCADE,
                               related_name="evaluation_progress")
    class Channel(models.TextChoices):
        """How the sheet reached the council: entered by the member, or received by the
        secretariat and entered on the member's behalf (代理入力)."""
        WEB = "web", _("本人が入力")
        PAPER = "paper", _("書面(郵送)")
        FAX = "fax", _("ファクス")
        HAND = "hand", _("持参")
        EMAIL = "email", _("メール")

    saved_at = models.DateTimeField(_("最終保存日時"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    channel = models.CharField(_("受付の方法"), max_length=8, choices=Channel.choices,
                               default=Channel.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代理入力した職員"),
                                   null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("評価の進み具合")
        verbose_name_plural = _("評価の進み具合")
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="member_progress_unique"),
        ]

    @property
    def entered_on_behalf(self):
        return self.channel != self.Channel.WEB

    @property
    def audit_organisation_id(self):
        return self.round.council.organisation_id


class ItemVerdict(models.Model):
    """総合評価 — the council's adopted evaluation of one item, and the administration's answer."""

    round = models.ForeignKey(EvaluationRound, verbose_name=_("評価"), on_delete=models.CASCADE,
                              related_name="verdicts")
    item = models.ForeignKey(ActionItem, verbose_name=_("取組項目"), on_delete=models.CASCADE,
                             related_name="verdicts")
    evaluation = models.TextField(_("会議としての総合評価"), blank=True)
    response = models.TextField(_("市の回答"), blank=True)
    #: The item's number and title when the round was published (``actions.publish_round``):
    #: a later 見直し may rename the item, and a published evaluation must still read as it
    #: was published (issue 14 §1). Blank until then.
    item_code = models.CharField(_("公表時の項目番号"), max_length=12, blank=True)
    item_title = models.CharField(_("公表時の取組項目名"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("総合評価")
        verbose_name_plural = _("総合評価")
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="verdict_unique"),
        ]

    @property
    def code_as_published(self):
        return self.item_code or self.item.code

    @property
    def title_as_published(self):
        return self.item_title or self.item.title

    @property
    def current_name(self):
        """The item's name today when it differs from the one published (for 「現在の名称」),
        else ``""``; the number is named too when it has changed."""
        if (self.code_as_published, self.title_as_published) == (self.item.code, self.item.title):
            return ""
        if self.code_as_published != self.item.code:
            return f"{self.item.code} {self.item.title}"
        return self.item.title

    @property
    def audit_organisation_id(self):
        return self.round.council.organisation_id
