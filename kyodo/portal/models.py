"""What a signed-in person keeps on their my page (follows, mail settings) and the open-data
licence an organisation publishes under."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import Organisation

#: CC BY 4.0, the licence of the 自治体標準オープンデータセット and the default here.
DEFAULT_LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


class Follow(models.Model):
    """フォロー — a person following a plan item, a council, a partner or an organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("利用者"),
                             on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("フォローした日時"), default=timezone.now)

    class Meta:
        verbose_name = _("フォロー")
        verbose_name_plural = _("フォロー")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "content_type", "object_id"],
                                               name="portal_follow_once")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="portal_follow_target")]


class MailSetting(models.Model):
    """メール通知の設定 — for one kind of notice (a module), mail at once, in a weekly digest,
    or not at all (the notice still shows on the my page)."""

    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", _("すぐにメールで受け取る")
        DIGEST = "digest", _("週に1回まとめて受け取る")
        OFF = "off", _("メールは受け取らない(マイページのお知らせのみ)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("利用者"),
                             on_delete=models.CASCADE, related_name="mail_settings")
    kind = models.CharField(_("お知らせの種類"), max_length=30)
    mode = models.CharField(_("受け取り方"), max_length=10, choices=Mode.choices,
                            default=Mode.IMMEDIATE)

    class Meta:
        verbose_name = _("メール通知の設定")
        verbose_name_plural = _("メール通知の設定")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="portal_mail_kind")]


class HeldMail(models.Model):
    """A notice whose mail waits for the person's weekly digest (``send_digests``)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    notification = models.ForeignKey("core.Notification", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("まとめて送るお知らせ")
        verbose_name_plural = _("まとめて送るお知らせ")
        indexes = [models.Index(fields=["user", "created_at"], name="portal_heldmail_user")]


class OpenDataLicence(models.Model):
    """The licence an organisation publishes its open data under (CC BY 4.0 unless set)."""

    organisation = models.OneToOneField(Organisation, verbose_name=_("団体"),
                                        on_delete=models.CASCADE, related_name="open_data_licence")
    name = models.CharField(_("ライセンス"), max_length=100, default=DEFAULT_LICENCE[0])
    url = models.URLField(_("ライセンスのURL"), default=DEFAULT_LICENCE[1])
    attribution = models.CharField(_("出典の表記"), max_length=200, blank=True,
                                   help_text=_("空欄なら団体名を出典とします。"))

    class Meta:
        verbose_name = _("オープンデータのライセンス")
        verbose_name_plural = _("オープンデータのライセンス")

    def __str__(self):
        return self.name

    @property
    def audit_organisation_id(self):
        return self.organisation_id
