"""出前講座 — on-demand lectures (SPEC §3.3, seed 000: 札幌市's 出前講座 with 広報課 as the
reception desk and 市政推進室 lecturing on 市役所改革).

    LectureRules 実施要綱 (one per organisation)
    Theme 講座 (the menu, per 年度) ─ department 担当課
    Request 申込 ─ receipt number 受付番号 (per organisation and 年度, from ReceiptCounter)
     └ Transition 手続の記録 (who, when, note)

Requests carry personal data (representative, phone, e-mail, address); it is shown only to
the reception desk and the department handling the request, never in public pages, exports
or the API.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.inputs import fold, validate_phone, year_validators
from kyodo.core.models import Department, Organisation


def _between(low, high):
    return [MinValueValidator(low), MaxValueValidator(high)]


class LectureRules(models.Model):
    """実施要綱 — the organisation's rules for requests, editable by its admin."""

    organisation = models.OneToOneField(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                        related_name="lecture_rules")
    min_audience = models.PositiveSmallIntegerField(_("最少人数"), default=10, validators=_between(1, 1000))
    service_area = models.CharField(
        _("実施区域"), max_length=200, blank=True,
        help_text=_("会場の住所がこの語句のどれかを含む必要があります。「、」で区切ります(例: 札幌市)。空欄なら制限しません。"))
    earliest_time = models.TimeField(_("開始できる時刻(最早)"), default=datetime.time(9, 0))
    latest_time = models.TimeField(_("終了する時刻(最遅)"), default=datetime.time(21, 0))
    weekdays = models.CharField(_("実施する曜日"), max_length=7, default="0123456",
                                help_text=_("月=0 … 日=6 の数字を並べます(例: 平日だけなら 01234)"))
    lead_days = models.PositiveSmallIntegerField(_("申込の期限(実施日の何日前まで)"), default=14,
                                                 validators=_between(0, 365))
    horizon_days = models.PositiveSmallIntegerField(_("受け付ける先の日数"), default=180,
                                                    validators=_between(1, 730))
    daily_cap_per_department = models.PositiveSmallIntegerField(_("1つの課が1日に実施できる件数"), default=3,
                                                                validators=_between(1, 50))
    excluded_purposes = models.CharField(_("お断りする目的"), max_length=200,
                                         default="政治活動、宗教活動、営利を目的とする催し")

    class Meta:
        verbose_name = _("出前講座の実施要綱")
        verbose_name_plural = _("出前講座の実施要綱")

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        """Rules that contradict each other would refuse every request."""
        errors = {}
        if self.lead_days is not None and self.horizon_days is not None and self.lead_days >= self.horizon_days:
            errors["horizon_days"] = _("受け付ける先の日数は、申込の期限(%(lead)d日前)より長くしてください。") % {
                "lead": self.lead_days}
        if self.earliest_time and self.latest_time and self.earliest_time >= self.latest_time:
            errors["latest_time"] = _("終了する時刻(最遅)は、開始できる時刻(最早)より後にしてください。")
        if errors:
            raise ValidationError(errors)

    @property
    def area_terms(self):
        return [t.strip() for t in self.service_area.replace(",", "、").split("、") if t.strip()]

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class Category(models.TextChoices):
    CITY = "city", _("市政・行財政")
    WELFARE = "welfare", _("健康・福祉")
    CHILDREN = "children", _("子育て・教育")
    ENVIRONMENT = "environment", _("環境・ごみ")
    TOWN = "town", _("まちづくり・交通")
    SAFETY = "safety", _("防災・安全")
    CULTURE = "culture", _("文化・スポーツ")
    ECONOMY = "economy", _("産業・観光")


class Theme(models.Model):
    """講座 — one theme of the menu (出前講座テーマ集) for a fiscal year."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="lecture_themes")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    number = models.PositiveSmallIntegerField(_("講座番号"), validators=_between(1, 9999))
    title = models.CharField(_("講座名"), max_length=100)
    summary = models.TextField(_("内容"))
    department = models.ForeignKey(Department, verbose_name=_("担当課"), on_delete=models.PROTECT,
                                   related_name="lecture_themes")
    duration_minutes = models.PositiveSmallIntegerField(_("所要時間(分)"), default=60, validators=_between(10, 600))
    category = models.CharField(_("分野"), max_length=12, choices=Category.choices)
    keywords = models.CharField(_("キーワード"), max_length=200, blank=True)
    active = models.BooleanField(_("受付中"), default=True)

    class Meta:
        verbose_name = _("講座")
        verbose_name_plural = _("講座")
        ordering = ["organisation_id", "-fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fiscal_year", "number"], name="lecture_theme_number",
                                    violation_error_message=_("この年度に同じ番号の講座がすでにあります。")),
        ]
        indexes = [models.Index(fields=["organisation", "active", "category"], name="lectures_theme_menu")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class ReceiptCounter(models.Model):
    """The last receipt number given, per organisation and fiscal year; locked while a request
    takes the next one, so numbers are never reused or skipped."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "fiscal_year"],
                                               name="receipt_counter_unique")]


class Request(models.Model):
    """申込 — a group's request for a lecture, and its way through the workflow."""

    PERSONAL_FIELDS = ("representative", "phone", "email", "venue_address")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("申込")
        RECEIVED = "received", _("受付")
        ROUTED = "routed", _("回付")
        SCHEDULING = "scheduling", _("日程調整")
        DECIDED = "decided", _("決定")
        HELD = "held", _("実施")
        REPORTED = "reported", _("実施報告済")
        WITHDRAWN = "withdrawn", _("取下げ")
        DECLINED = "declined", _("お断り")

    class Channel(models.TextChoices):
        """How the request reached the office: on the web form, or by the reception desk's
        代理入力 of one received otherwise."""
        WEB = "web", _("ウェブ")
        PAPER = "paper", _("書面")
        PHONE = "phone", _("電話")
        FAX = "fax", _("ファクス")
        COUNTER = "counter", _("窓口")

    class GroupKind(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", _("町内会・自治会")
        PTA = "pta", _("PTA")
        SENIORS = "seniors", _("老人クラブ")
        WOMEN = "women", _("婦人会・女性団体")
        CIRCLE = "circle", _("サークル・市民団体")
        SCHOOL = "school", _("学校")
        COMPANY = "company", _("企業・事業所")
        OTHER = "other", _("その他")

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="lecture_requests")
    theme = models.ForeignKey(Theme, verbose_name=_("講座"), on_delete=models.PROTECT,
                              related_name="requests")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    sequence = models.PositiveIntegerField(_("通し番号"))
    status = models.CharField(_("状態"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # The group and its contact (personal data).
    group_name = models.CharField(_("団体名"), max_length=100)
    group_kind = models.CharField(_("団体の種類"), max_length=15, choices=GroupKind.choices)
    representative = models.CharField(_("代表者名"), max_length=60)
    phone = models.CharField(_("電話番号"), max_length=20, validators=[validate_phone])
    # A request received by phone or on paper may come without an address; the web form asks for one.
    email = models.EmailField(_("メールアドレス"), blank=True)
    # What is asked for.
    preferred_1 = models.DateTimeField(_("第1希望日時"))
    preferred_2 = models.DateTimeField(_("第2希望日時"), null=True, blank=True)
    preferred_3 = models.DateTimeField(_("第3希望日時"), null=True, blank=True)
    venue = models.CharField(_("会場名"), max_length=100)
    venue_address = models.CharField(_("会場の住所"), max_length=200)
    audience = models.PositiveSmallIntegerField(_("参加予定人数"), validators=_between(1, 10000))
    questions = models.TextField(_("講師への質問・聞きたいこと"), blank=True)
    equipment = models.CharField(_("会場の設備(プロジェクター等)"), max_length=200, blank=True)
    # What the office decides and reports.
    department = models.ForeignKey(Department, verbose_name=_("担当課"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="lecture_requests")
    starts_at = models.DateTimeField(_("実施日時(開始)"), null=True, blank=True)
    ends_at = models.DateTimeField(_("実施日時(終了)"), null=True, blank=True)
    lecturer = models.CharField(_("講師"), max_length=60, blank=True)
    # The lecturer as a person when they are one of the department's staff (``lecturer`` then
    # holds their name as shown), so that the clash check compares people, not spellings.
    lecturer_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("講師(職員)"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    actual_audience = models.PositiveSmallIntegerField(_("参加者数(実績)"), null=True, blank=True,
                                                       validators=_between(0, 10000))
    report_questions = models.TextField(_("出された質問・意見"), blank=True)
    report_remarks = models.TextField(_("所感・特記事項"), blank=True)
    decline_reason = models.TextField(_("お断りの理由"), blank=True)
    channel = models.CharField(_("受付の方法"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代理入力した職員"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    form_token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("申込日時"), default=timezone.now)
    erased_at = models.DateTimeField(_("個人情報の消去日時"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("出前講座の申込")
        verbose_name_plural = _("出前講座の申込")
        ordering = ["organisation_id", "-fiscal_year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fiscal_year", "sequence"],
                                    name="lecture_receipt_unique"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="lectures_request_status"),
            models.Index(fields=["organisation", "fiscal_year", "status"], name="lectures_request_year"),
            models.Index(fields=["department", "starts_at"], name="lectures_request_slot"),
            # The one calendar reads a month of lectures across the region.
            models.Index(fields=["starts_at"], name="lectures_request_starts"),
            # My page finds a person's requests by the address they verified, whatever its case.
            models.Index(Lower("email"), name="lectures_request_email"),
        ]

    def __str__(self):
        return self.receipt_number

    def same_lecturer_as(self, other):
        """Whether ``other`` is lectured by the same person: the same member of staff, or — when
        either was typed in — the same name whatever its spaces, width or case
        (「推進 誠」「推進　誠」「推進誠」). Two different accounts are two people, even 同姓同名."""
        if self.lecturer_user_id and other.lecturer_user_id:
            return self.lecturer_user_id == other.lecturer_user_id
        mine = person_name(self.lecturer)
        return bool(mine) and mine == person_name(other.lecturer)

    @property
    def received_as(self):
        """「電話で受付(代理入力: 受付 和子)」, or 「ウェブで申込」."""
        if self.channel == self.Channel.WEB and self.entered_by_id is None:
            return _("ウェブで申込")
        return _("%(channel)sで受付(代理入力: %(who)s)") % {
            "channel": self.get_channel_display(), "who": self.entered_by or _("職員")}

    @property
    def receipt_number(self):
        """受付番号 — e.g. R8-0012 (令和8年度の12件目)."""
        from kyodo.core.japanese import ERAS, era_of

        # A stored year outside the eras (a bad import) still shows, as its Western year.
        if not isinstance(self.fiscal_year, int) or not ERAS[-1].start.year <= self.fiscal_year <= 9998:
            return f"{self.fiscal_year}-{self.sequence or 0:04d}"
        era = era_of(datetime.date(self.fiscal_year, 4, 1))
        return f"{era.letter}{era.year_of(self.fiscal_year)}-{self.sequence:04d}"

    @property
    def audit_organisation_id(self):
        return self.organisation_id


def person_name(name):
    """A person's name as compared: NFKC-folded, without any space, case-folded."""
    return "".join(fold(name).split()).casefold()


class Transition(models.Model):
    """手続の記録 — one step of a request (from, to, who, when, note)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=Request.Status.choices)
    to_status = models.CharField(max_length=12, choices=Request.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    by_applicant = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["request_id", "at", "id"]

    @property
    def audit_organisation_id(self):
        return self.request.organisation_id


class CalendarFeed(models.Model):
    """個人用カレンダーURL — a staff member's secret, revocable address of the iCalendar feed of
    the lectures they may see. Only a hash of the token is kept: the address is shown once when
    it is issued, and reissuing it replaces the hash, so the old address stops working at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lecture_calendar_feeds")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(_("発行日時"), default=timezone.now)

    class Meta:
        verbose_name = _("個人用カレンダーURL")
        verbose_name_plural = _("個人用カレンダーURL")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="lecture_calendar_feed_once")]

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def audit_organisation_id(self):
        return self.organisation_id
