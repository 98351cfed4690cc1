"""The citizen fund database (市民活動ファンド; issue 15 §5): 道民チャレンジ21世紀ファンド and the like.

- ``Fund``: a fund of an organisation with its purpose and rules (募集要項).
- ``FundRound``: a round of applications (募集回) of a 年度, with its ``GrantCategory`` rows
  (区分: e.g. 一般枠・スタートアップ枠) and each category's cap per grant (上限額).
- ``Grant``: a grant decided in a round: the group (団体名, optionally the directory's
  ``collaboration.Partner``), the project (事業名), its activity field (NPO Act 別表, a stable key
  of ``collaboration.vocabularies.ActivityField`` that must be in force for the 年度), its area,
  amount and 年度, and the 実績報告 once received. A grant is public from the moment it is
  recorded: only decided grants are entered. A grant is never deleted: it is corrected, or
  withdrawn (取消, ``withdrawn_at``) with a reason, its page kept with the notice.
- ``DonationYear``: donations received per 年度 (件数・金額), and ``Donor``: a named donor, whose
  name is public only with their consent (``name_public``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.collaboration.models import Partner
from kyodo.collaboration.vocabularies import ActivityField, field_list_for_fiscal_year
from kyodo.core.inputs import MAX_AMOUNT, MAX_COUNT, year_validators
from kyodo.core.japanese import wareki_fiscal_year
from kyodo.core.models import Organisation

amount_validators = [MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)]


class Fund(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="funds")
    name = models.CharField(_("ファンドの名称"), max_length=100)
    purpose = models.TextField(_("目的"))
    rules = models.TextField(_("助成の決まり(対象・要件・対象外経費など)"), blank=True)
    established_fiscal_year = models.PositiveSmallIntegerField(
        _("創設年度"), null=True, blank=True, validators=year_validators)
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("ファンド")
        verbose_name_plural = _("ファンド")
        ordering = ["organisation_id", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="fund_unique_name")]

    def __str__(self):
        return self.name


class FundRound(models.Model):
    """募集回: 「平成15年度 第1回」."""

    fund = models.ForeignKey(Fund, verbose_name=_("ファンド"), on_delete=models.CASCADE,
                             related_name="rounds")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    number = models.PositiveSmallIntegerField(_("回"), default=1,
                                              validators=[MinValueValidator(1), MaxValueValidator(99)])
    opens_on = models.DateField(_("募集開始日"), null=True, blank=True)
    closes_on = models.DateField(_("募集締切日"), null=True, blank=True)
    notes = models.TextField(_("募集の内容"), blank=True)

    class Meta:
        verbose_name = _("募集回")
        verbose_name_plural = _("募集回")
        ordering = ["fund_id", "-fiscal_year", "number"]
        constraints = [models.UniqueConstraint(fields=["fund", "fiscal_year", "number"],
                                               name="fund_round_unique_number")]

    def __str__(self):
        return _("%(year)s 第%(n)s回") % {"year": wareki_fiscal_year(self.fiscal_year), "n": self.number}

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("募集締切日は募集開始日より後の日付にしてください。")})


class GrantCategory(models.Model):
    """区分 of a round, with the cap of one grant in it."""

    round = models.ForeignKey(FundRound, verbose_name=_("募集回"), on_delete=models.CASCADE,
                              related_name="categories")
    name = models.CharField(_("区分"), max_length=60)
    cap = models.PositiveBigIntegerField(_("1件あたりの上限額(円)"), validators=amount_validators)

    class Meta:
        verbose_name = _("助成区分")
        verbose_name_plural = _("助成区分")
        ordering = ["round_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="fund_category_unique_name")]

    def __str__(self):
        return self.name


class Grant(models.Model):
    """A decided grant (助成決定): public data."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                     related_name="fund_grants", editable=False)
    fund = models.ForeignKey(Fund, verbose_name=_("ファンド"), on_delete=models.CASCADE,
                             related_name="grants", editable=False)
    round = models.ForeignKey(FundRound, verbose_name=_("募集回"), on_delete=models.PROTECT,
                              related_name="grants")
    category = models.ForeignKey(GrantCategory, verbose_name=_("区分"), on_delete=models.PROTECT,
                                 related_name="grants", null=True, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators, editable=False)
    group_name = models.CharField(_("団体名"), max_length=100)
    partner = models.ForeignKey(Partner, verbose_name=_("市民活動団体名簿の団体"), on_delete=models.SET_NULL,
                                related_name="fund_grants", null=True, blank=True)
    title = models.CharField(_("事業名"), max_length=150)
    field = models.CharField(_("分野"), max_length=20, choices=ActivityField.choices)
    area = models.CharField(_("活動地域"), max_length=60, help_text=_("例: 札幌市、石狩管内、全道"))
    amount = models.PositiveBigIntegerField(_("助成額(円)"), validators=amount_validators)
    summary = models.TextField(_("事業の概要"), blank=True)
    report = models.TextField(_("実績報告"), blank=True)
    reported_on = models.DateField(_("実績報告日"), null=True, blank=True)
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)
    #: 取消 of a recorded grant (entered by mistake, or the decision revoked): its page stays with
    #: the reason (core.corrections), it leaves the lists, totals, downloads, API and partner pages.
    withdrawn_at = models.DateTimeField(_("取消日時"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("助成")
        verbose_name_plural = _("助成")
        ordering = ["-fiscal_year", "group_name", "pk"]
        indexes = [
            models.Index(fields=["organisation", "fiscal_year"], name="fund_grant_org_year"),
            models.Index(fields=["organisation", "field"], name="fund_grant_org_field"),
            models.Index(fields=["organisation", "area"], name="fund_grant_org_area"),
            models.Index(fields=["organisation", "amount"], name="fund_grant_org_amount"),
        ]

    def __str__(self):
        return f"{self.group_name}「{self.title}」"

    def save(self, *args, **kwargs):
        self.fund_id = self.round.fund_id
        self.organisation_id = self.round.fund.organisation_id
        self.fiscal_year = self.round.fiscal_year
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        round_ = self.round if self.round_id else None
        if self.category_id and round_ and self.category.round_id != round_.pk:
            errors["category"] = _("この募集回の区分を選んでください。")
        elif self.category_id and self.amount is not None and self.amount > self.category.cap:
            errors["amount"] = _("区分「%(name)s」の上限額 %(cap)s円 を超えています。") % {
                "name": self.category.name, "cap": f"{self.category.cap:,}"}
        if round_ and self.field:
            field_list = field_list_for_fiscal_year(round_.fiscal_year)
            if self.field not in field_list.keys:
                errors["field"] = _("この分野は%(year)sにはありません(%(list)s)。") % {
                    "year": wareki_fiscal_year(round_.fiscal_year), "list": field_list.name}
        if self.partner_id and round_ and self.partner.organisation_id != round_.fund.organisation_id:
            errors["partner"] = _("この団体の名簿にある市民活動団体を選んでください。")
        if errors:
            raise ValidationError(errors)


class DonationYear(models.Model):
    """寄附の受入れ of one 年度: how many donations and how much in total."""

    fund = models.ForeignKey(Fund, verbose_name=_("ファンド"), on_delete=models.CASCADE,
                             related_name="donation_years")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators)
    count = models.PositiveIntegerField(_("件数"), validators=[MaxValueValidator(MAX_COUNT)])
    amount = models.PositiveBigIntegerField(_("金額(円)"), validators=amount_validators)

    class Meta:
        verbose_name = _("寄附の受入れ")
        verbose_name_plural = _("寄附の受入れ")
        ordering = ["fund_id", "-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["fund", "fiscal_year"],
                                               name="fund_donation_unique_year")]


class Donor(models.Model):
    """A named donor of a 年度. The name is personal data: public only with consent."""

    PERSONAL_FIELDS = ("name",)

    donation_year = models.ForeignKey(DonationYear, verbose_name=_("年度"), on_delete=models.CASCADE,
                                      related_name="donors")
    name = models.CharField(_("寄附者名"), max_length=100)
    name_public = models.BooleanField(_("名前の公表に同意している"), default=False)

    class Meta:
        verbose_name = _("寄附者")
        verbose_name_plural = _("寄附者")
        ordering = ["donation_year_id", "pk"]

    def __str__(self):
        return self.name
