"""イベント・研修 — events, seminars and staff training (SPEC §3.4, issue 16; seed 004:
北海道's 市民活動地域交流会 H13–H14, 協働推進セミナー H15–H16, 新任職員研修, NPOへの長期派遣研修).

    Event イベント ─ department 主催課, partners 共催団体 (collaboration.Partner)
     ├ Session 回 (dates, capacity 定員; seats_taken kept under a row lock)
     │  └ Registration 申込 ─ receipt number 受付番号 (per organisation and 年度, from ReceiptCounter)
     │      status: confirmed 参加予定 / waitlisted キャンセル待ち / cancelled 取消
     │      checked_in_at 受付済 (on the day), Feedback アンケート回答
     └ EventReport 開催報告 (参加者数, 概要) ─ ReportPhoto 写真の説明

Registrations carry personal data (name, kana, e-mail, phone, group, needs); it is shown only
to the event's organisers (its department and the organisation's coordinators), never in public
pages, feeds, exports or the API, and anonymised a set time after the event (retention.py).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import validate_phone
from kyodo.core.models import Department, Organisation

#: Seats one registration may take at most (a group registering together).
MAX_GROUP_SEATS = 50
MAX_CAPACITY = 100_000
MAX_FEE = 1_000_000


def _between(low, high):
    return [MinValueValidator(low), MaxValueValidator(high)]


class Kind(models.TextChoices):
    EXCHANGE = "exchange", _("交流会")
    SEMINAR = "seminar", _("セミナー")
    TRAINING = "training", _("研修")
    BRIEFING = "briefing", _("説明会")
    WORKSHOP = "workshop", _("ワークショップ")
    SYMPOSIUM = "symposium", _("フォーラム・シンポジウム")
    OTHER = "other", _("その他")


class Audience(models.TextChoices):
    PUBLIC = "public", _("どなたでも")
    PARTNERS = "partners", _("協働団体・市民活動団体向け")
    STAFF = "staff", _("職員限定")


class Event(models.Model):
    """イベント — a 交流会, セミナー, 研修… published by one of the organisation's departments."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        PUBLISHED = "published", _("公開中")
        CANCELLED = "cancelled", _("中止")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="events")
    department = models.ForeignKey(Department, verbose_name=_("主催課"), on_delete=models.PROTECT,
                                   related_name="events")
    partners = models.ManyToManyField("collaboration.Partner", verbose_name=_("共催団体"), blank=True,
                                      related_name="events")
    title = models.CharField(_("イベント名"), max_length=120)
    title_kana = models.CharField(_("イベント名(カナ)"), max_length=200, blank=True)
    kind = models.CharField(_("種類"), max_length=12, choices=Kind.choices)
    audience = models.CharField(_("対象"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(_("概要"))
    programme = models.TextField(_("プログラム"), blank=True)
    speakers = models.TextField(_("講師・登壇者"), blank=True)
    area = models.CharField(_("地域"), max_length=60, blank=True,
                            help_text=_("例: 石狩、札幌市、全道。一覧の絞り込みに使います。"))
    online = models.BooleanField(_("オンライン開催"), default=False)
    venue = models.CharField(_("会場名"), max_length=100, blank=True)
    address = models.CharField(_("会場の住所"), max_length=200, blank=True)
    access = models.TextField(_("交通・アクセス"), blank=True)
    fee = models.PositiveIntegerField(_("参加費(円)"), default=0, validators=_between(0, MAX_FEE))
    fee_note = models.CharField(_("参加費の説明"), max_length=200, blank=True)
    wheelchair = models.BooleanField(_("車いすで参加できます"), default=False)
    sign_language = models.BooleanField(_("手話通訳があります"), default=False)
    childcare = models.BooleanField(_("託児があります"), default=False)
    accessibility_note = models.TextField(_("配慮についての説明"), blank=True)
    registration_required = models.BooleanField(_("申込が必要"), default=True)
    registration_opens = models.DateTimeField(_("申込の受付開始"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("申込の締切"), null=True, blank=True)
    max_seats_per_registration = models.PositiveSmallIntegerField(
        _("1件の申込で申し込める人数"), default=1, validators=_between(1, MAX_GROUP_SEATS),
        help_text=_("2以上にすると、団体でまとめて申し込めます。"))
    ask_group = models.BooleanField(_("所属団体を尋ねる"), default=False)
    ask_age_band = models.BooleanField(_("年代を尋ねる"), default=False)
    ask_area = models.BooleanField(_("お住まいの地域を尋ねる"), default=False)
    contact = models.CharField(_("問い合わせ先"), max_length=200, blank=True,
                               help_text=_("課の名前と電話番号など(公開されます)"))
    #: The first session's start and the last session's end, kept by actions.save_session (the
    #: list sorts and filters on them without reading the sessions).
    starts_at = models.DateTimeField(_("開始日時"), null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(_("終了日時"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("イベント")
        verbose_name_plural = _("イベント")
        ordering = ["organisation_id", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "audience", "starts_at"], name="events_event_public"),
            models.Index(fields=["status", "audience", "ends_at"], name="events_event_upcoming"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.registration_opens and self.registration_closes and \
                self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("申込の締切は受付開始より後にしてください。")
        if not self.online and not (self.venue or "").strip():
            errors["venue"] = _("会場名を入力してください(オンライン開催のときは「オンライン開催」にチェック)。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.audience != Audience.STAFF

    @property
    def is_staff_only(self):
        return self.audience == Audience.STAFF

    @property
    def is_free(self):
        return not self.fee

    def registration_state(self, now=None):
        """"open", "not_yet", "closed" or "none" (no registration)."""
        now = now or timezone.now()
        if not self.registration_required or self.status != self.Status.PUBLISHED:
            return "none"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        if self.registration_closes and now >= self.registration_closes:
            return "closed"
        return "open"

    @property
    def audit_organisation_id(self):
        return self.organisation_id


FILE_TYPES = {  # extension → the bytes every such file starts with
    "pdf": b"%PDF-", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04", "pptx": b"PK\x03\x04",
    "png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff",
}
FILE_MAX_BYTES = 10 * 1024 * 1024


def event_file_path(instance, filename):
    return f"events/{instance.event_id}/{filename}"


class EventFile(models.Model):
    """資料 — a file of the event (チラシ, 次第, 講演資料…): PDF, Office or image, 10 MB at most."""

    event = models.ForeignKey(Event, verbose_name=_("イベント"), on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("資料名"), max_length=150)
    file = models.FileField(_("ファイル"), upload_to=event_file_path)
    kind = models.CharField(_("形式"), max_length=5)
    size = models.PositiveIntegerField(_("サイズ(バイト)"), default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("イベントの資料")
        verbose_name_plural = _("イベントの資料")
        ordering = ["event_id", "id"]

    def __str__(self):
        return self.title

    @property
    def audit_organisation_id(self):
        return self.event.organisation_id


class Session(models.Model):
    """回 — one dated session of an event, with its own capacity (定員)."""

    event = models.ForeignKey(Event, verbose_name=_("イベント"), on_delete=models.CASCADE, related_name="sessions")
    label = models.CharField(_("回の名前"), max_length=60, blank=True, help_text=_("例: 第1回、札幌会場"))
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"))
    capacity = models.PositiveIntegerField(_("定員"), validators=_between(1, MAX_CAPACITY))
    #: Seats of confirmed registrations; changed only under a row lock on the session (actions).
    seats_taken = models.PositiveIntegerField(_("申込済みの人数"), default=0, editable=False)
    walk_ins = models.PositiveIntegerField(_("当日参加(申込なし)"), default=0, validators=_between(0, MAX_CAPACITY))

    class Meta:
        verbose_name = _("回")
        verbose_name_plural = _("回")
        ordering = ["event_id", "starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="events_session_start")]

    def __str__(self):
        return self.label or timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("終了日時は開始日時より後にしてください。")
        if self.capacity is not None and self.pk and self.capacity < self.seats_taken:
            errors["capacity"] = _("定員を申込済みの人数(%(n)d人)より少なくはできません。") % {"n": self.seats_taken}
        if errors:
            raise ValidationError(errors)

    @property
    def seats_left(self):
        return max(0, self.capacity - self.seats_taken)

    @property
    def is_full(self):
        return self.seats_taken >= self.capacity

    @property
    def audit_organisation_id(self):
        return self.event.organisation_id


class ReceiptCounter(models.Model):
    """The last receipt number given, per organisation and fiscal year (locked while taken)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "fiscal_year"],
                                               name="events_receipt_counter_unique")]


class AgeBand(models.TextChoices):
    UNDER_20 = "u20", _("10代以下")
    TWENTIES = "20s", _("20代")
    THIRTIES = "30s", _("30代")
    FORTIES = "40s", _("40代")
    FIFTIES = "50s", _("50代")
    SIXTIES = "60s", _("60代")
    OVER_70 = "70+", _("70代以上")


class Registration(models.Model):
    """申込 — a person's (or a group's) registration for one session."""

    PERSONAL_FIELDS = ("name", "name_kana", "email", "phone", "group_name", "area", "needs")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("参加予定")
        WAITLISTED = "waitlisted", _("キャンセル待ち")
        CANCELLED = "cancelled", _("取消")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="event_registrations")
    event = models.ForeignKey(Event, verbose_name=_("イベント"), on_delete=models.CASCADE,
                              related_name="registrations")
    session = models.ForeignKey(Session, verbose_name=_("回"), on_delete=models.CASCADE,
                                related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("アカウント"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="event_registrations")
    #: The department a member of staff belonged to when they registered (training records).
    department = models.ForeignKey(Department, verbose_name=_("所属"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("通し番号"))
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    seats = models.PositiveSmallIntegerField(_("人数"), default=1, validators=_between(1, MAX_GROUP_SEATS))
    name = models.CharField(_("氏名"), max_length=60)
    name_kana = models.CharField(_("ふりがな"), max_length=100, blank=True)
    email = models.EmailField(_("メールアドレス"))
    phone = models.CharField(_("電話番号"), max_length=20, blank=True, validators=[validate_phone])
    group_name = models.CharField(_("所属団体"), max_length=100, blank=True)
    age_band = models.CharField(_("年代"), max_length=4, choices=AgeBand.choices, blank=True)
    area = models.CharField(_("お住まいの地域"), max_length=60, blank=True)
    needs = models.TextField(_("必要な配慮"), blank=True)
    consent = models.BooleanField(_("個人情報の取扱いに同意"), default=False)
    form_token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    feedback_token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("申込日時"), default=timezone.now)
    promoted_at = models.DateTimeField(_("繰り上げ日時"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消日時"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("受付日時"), null=True, blank=True)
    erased_at = models.DateTimeField(_("個人情報の消去日時"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("イベントの申込")
        verbose_name_plural = _("イベントの申込")
        ordering = ["session_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fiscal_year", "sequence"],
                                    name="events_receipt_unique"),
            models.UniqueConstraint(Lower("email"), "session", condition=~models.Q(status="cancelled"),
                                    name="events_registration_once",
                                    violation_error_message=_("このメールアドレスでこの回にすでに申し込まれています。")),
        ]
        indexes = [
            models.Index(fields=["session", "status", "created_at"], name="events_reg_queue"),
            models.Index(fields=["user", "status"], name="events_reg_user"),
        ]

    def __str__(self):
        return self.receipt_number

    @property
    def receipt_number(self):
        """受付番号 — e.g. R8-E0012 (令和8年度の12件目)."""
        from kyodo.core.japanese import ERAS, era_of

        if not isinstance(self.fiscal_year, int) or not ERAS[-1].start.year <= self.fiscal_year <= 9998:
            return f"{self.fiscal_year}-E{self.sequence or 0:04d}"
        era = era_of(datetime.date(self.fiscal_year, 4, 1))
        return f"{era.letter}{era.year_of(self.fiscal_year)}-E{self.sequence:04d}"

    @property
    def attended(self):
        return self.checked_in_at is not None

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class Feedback(models.Model):
    """アンケート回答 — a participant's answers to the short satisfaction questionnaire."""

    class Rating(models.IntegerChoices):
        VERY_GOOD = 5, _("とても良かった")
        GOOD = 4, _("良かった")
        AVERAGE = 3, _("ふつう")
        POOR = 2, _("あまり良くなかった")
        BAD = 1, _("良くなかった")

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    satisfaction = models.PositiveSmallIntegerField(_("全体の満足度"), choices=Rating.choices)
    usefulness = models.PositiveSmallIntegerField(_("内容は役に立ちましたか"), choices=Rating.choices)
    join_again = models.BooleanField(_("また参加したい"), default=False)
    comment = models.TextField(_("ご意見・ご感想"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("アンケート回答")
        verbose_name_plural = _("アンケート回答")

    @property
    def audit_organisation_id(self):
        return self.event.organisation_id


class EventReport(models.Model):
    """開催報告 — what happened, published on the event's page."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="report")
    participants = models.PositiveIntegerField(_("参加者数"), validators=_between(0, MAX_CAPACITY))
    summary = models.TextField(_("概要"))
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("開催報告")
        verbose_name_plural = _("開催報告")

    @property
    def audit_organisation_id(self):
        return self.event.organisation_id


class ReportPhoto(models.Model):
    """写真 — a photo of the event described by its caption (the text alternative)."""

    report = models.ForeignKey(EventReport, on_delete=models.CASCADE, related_name="photos")
    caption = models.CharField(_("写真の説明"), max_length=200)
    image = models.FileField(_("写真(JPEG・PNG、5MBまで)"), upload_to="events/reports/", blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["report_id", "sort_order", "id"]

    @property
    def audit_organisation_id(self):
        return self.report.event.organisation_id
