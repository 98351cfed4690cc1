"""市民活動インフォメーション — the information desks a prefecture set up in its 支庁 (seed 004, H17).

    Desk 窓口 ─ DeskHours 開設時間 (weekdays + times + notes)
         └─ Consultation 相談記録 (a day's anonymous count per topic and channel)

A desk belongs to one department of the organisation (the 支庁's 地域政策部, say) whose staff
keep its consultation log, and covers an area: the 支庁's name and the municipalities in it
(those on the platform linked as organisations, the others listed by name). The log holds no
personal data at all: a date, a topic from a fixed vocabulary, the channel and a count.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import Department, Organisation, User

WEEKDAY_LABELS = ["月", "火", "水", "木", "金", "土", "日"]


class Desk(models.Model):
    """市民活動インフォメーション — one desk: where, when, what it offers and which area it covers."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="desks")
    department = models.ForeignKey(Department, verbose_name=_("担当部署"), on_delete=models.PROTECT,
                                   related_name="desks",
                                   help_text=_("この部署の職員が相談記録をつけます"))
    name = models.CharField(_("窓口の名称"), max_length=100)
    area_name = models.CharField(_("担当地域"), max_length=60, help_text=_("例: 石狩支庁管内"))
    municipalities = models.TextField(
        _("管内の市町村"), blank=True, help_text=_("1行に1市町村(プラットフォームに参加していない市町村も)"))
    covered_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("管内の参加団体"), blank=True, related_name="covering_desks")
    place = models.CharField(_("設置場所"), max_length=150, help_text=_("例: 石狩支庁 2階 地域政策課"))
    postal_code = models.CharField(_("郵便番号"), max_length=8, blank=True)
    address = models.CharField(_("所在地"), max_length=200)
    access = models.TextField(_("交通アクセス"), blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    fax = models.CharField(_("FAX番号"), max_length=20, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    services = models.TextField(_("相談・サービスの内容"), help_text=_("1行に1項目"))
    notes = models.TextField(_("お知らせ"), blank=True)
    opened_on = models.DateField(_("開設日"), null=True, blank=True)
    is_public = models.BooleanField(_("公開"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("市民活動インフォメーション")
        verbose_name_plural = _("市民活動インフォメーション")
        ordering = ["organisation_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="desk_unique_name",
                                    violation_error_message=_("同じ名称の窓口がすでにあります。")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("desks:desk", args=[self.organisation.slug, self.pk])

    def clean(self):
        if self.department_id and self.organisation_id and self.department.organisation_id != self.organisation_id:
            raise ValidationError({"department": _("担当部署は同じ団体の部署から選んでください。")})

    @property
    def municipality_names(self):
        return [line.strip() for line in self.municipalities.splitlines() if line.strip()]

    @property
    def service_lines(self):
        return [line.strip() for line in self.services.splitlines() if line.strip()]

    @property
    def audit_organisation_id(self):
        return self.organisation_id


class DeskHours(models.Model):
    """開設時間 — on these weekdays from ``opens`` to ``closes`` (one desk may have several lines)."""

    desk = models.ForeignKey(Desk, verbose_name=_("窓口"), on_delete=models.CASCADE, related_name="hours")
    weekdays = models.CharField(
        _("曜日"), max_length=7, help_text=_("0=月 … 6=日 の数字を並べたもの(例: 01234 は月〜金)"))
    opens = models.TimeField(_("開始時刻"))
    closes = models.TimeField(_("終了時刻"))
    note = models.CharField(_("備考"), max_length=100, blank=True, help_text=_("例: 祝日・年末年始を除く"))
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("開設時間")
        verbose_name_plural = _("開設時間")
        ordering = ["desk_id", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="deskhours_ordered",
                                   violation_error_message=_("終了時刻は開始時刻より後にしてください。")),
        ]

    def clean(self):
        if not self.weekdays or any(c not in "0123456" for c in self.weekdays) or len(set(self.weekdays)) != len(self.weekdays):
            raise ValidationError({"weekdays": _("曜日を1つ以上選んでください。")})

    @property
    def weekday_numbers(self):
        return sorted(int(c) for c in self.weekdays if c in "0123456")

    @property
    def weekdays_label(self):
        """「月〜金」 for a run of three or more days, otherwise 「月・水・金」."""
        days = self.weekday_numbers
        if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
            return f"{WEEKDAY_LABELS[days[0]]}〜{WEEKDAY_LABELS[days[-1]]}"
        return "・".join(WEEKDAY_LABELS[d] for d in days)

    @property
    def audit_organisation_id(self):
        return self.desk.organisation_id


class Topic(models.TextChoices):
    """相談の分類 — the fixed vocabulary of the consultation log (statistics compare years)."""

    NPO_ESTABLISHMENT = "npo_establishment", _("NPO法人の設立・運営")
    VOLUNTEERING = "volunteering", _("ボランティア活動")
    FUNDING = "funding", _("助成金・資金")
    COLLABORATION = "collaboration", _("行政との協働")
    PUBLICITY = "publicity", _("情報発信・広報")
    VENUES = "venues", _("活動場所・施設")
    NETWORKING = "networking", _("団体の紹介・交流")
    ACCOUNTING = "accounting", _("会計・税務・法務")
    OTHER = "other", _("その他")


class Channel(models.TextChoices):
    VISIT = "visit", _("来所")
    PHONE = "phone", _("電話")
    EMAIL = "email", _("メール")
    FAX = "fax", _("FAX")
    OUTREACH = "outreach", _("出張相談")


MAX_COUNT = 999


class Consultation(models.Model):
    """相談記録 — how many consultations on a topic came in by a channel on a day. Anonymous:
    no name, contact or content of what was asked is ever recorded."""

    desk = models.ForeignKey(Desk, verbose_name=_("窓口"), on_delete=models.CASCADE,
                             related_name="consultations")
    date = models.DateField(_("相談日"))
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    topic = models.CharField(_("相談の分類"), max_length=30, choices=Topic.choices)
    channel = models.CharField(_("相談の方法"), max_length=10, choices=Channel.choices, default=Channel.VISIT)
    count = models.PositiveSmallIntegerField(_("件数"), default=1, validators=[
        MinValueValidator(1, _("件数は1以上にしてください。")),
        MaxValueValidator(MAX_COUNT, _("件数は%(limit_value)s以下にしてください。"))])
    recorded_by = models.ForeignKey(User, verbose_name=_("記録した職員"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("記録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("相談記録")
        verbose_name_plural = _("相談記録")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["desk", "fiscal_year"], name="desks_consultation_year")]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gte=1), name="consultation_count_positive",
                                   violation_error_message=_("件数は1以上にしてください。")),
        ]

    def __str__(self):
        return f"{self.date} {self.get_topic_display()} {self.count}"

    def save(self, *args, **kwargs):
        from kyodo.core.japanese import fiscal_year

        if self.date:
            self.fiscal_year = fiscal_year(self.date)
        super().save(*args, **kwargs)

    @property
    def audit_organisation_id(self):
        return self.desk.organisation_id
