"""People's mail settings in the one notification path (core/notify.py).

``notify()`` asks :func:`mail_policy` which of its recipients want no mail now: a person who
chose 「週に1回まとめて」 for the kind of notice gets it held (``HeldMail``) until
``manage.py send_digests`` (weekly, docs/operations.md) mails them one summary; a person who
chose 「受け取らない」 gets only the line on their my page. The kind of a notice is the module of
the page it links to (``notify.kind_of``).
"""

from django.apps import apps
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core.notify import Notification, absolute_url
from kyodo.core.tasks import send_mail_on_commit

from .models import HeldMail, MailSetting

#: Apps whose notices are not a kind of their own (the site frame and the site-wide pages).
NOT_KINDS = {"core", "portal", "search", "calendar", "api"}


def kinds():
    """(kind, label) for every module that sends notices, then 「その他」."""
    found = [(config.label, config.verbose_name) for config in apps.get_app_configs()
             if config.name.startswith("kyodo.") and config.label not in NOT_KINDS]
    return found + [("general", gettext_lazy("その他のお知らせ(招待・役割など)"))]


def settings_of(user):
    """{kind: mode} for every kind (one query); a kind never set mails at once."""
    chosen = dict(MailSetting.objects.filter(user=user).values_list("kind", "mode"))
    return {kind: chosen.get(kind, MailSetting.Mode.IMMEDIATE) for kind, _label in kinds()}


@transaction.atomic
def save_settings(user, modes):
    """Keep ``modes`` ({kind: mode}); a kind set back to 「すぐに」 keeps no row."""
    known = {kind for kind, _label in kinds()}
    MailSetting.objects.filter(user=user).delete()
    MailSetting.objects.bulk_create([
        MailSetting(user=user, kind=kind, mode=mode) for kind, mode in modes.items()
        if kind in known and mode in MailSetting.Mode.values and mode != MailSetting.Mode.IMMEDIATE
    ])


def mail_policy(users, kind, lines):
    """The ids of ``users`` whose mail of this ``kind`` does not leave now (one query; one more
    to hold the digest's lines)."""
    modes = dict(MailSetting.objects.filter(user__in=[u.pk for u in users], kind=kind)
                 .values_list("user_id", "mode"))
    if not modes:
        return set()
    held = [HeldMail(user_id=line.recipient_id, notification_id=line.pk) for line in lines
            if modes.get(line.recipient_id) == MailSetting.Mode.DIGEST and line.pk]
    HeldMail.objects.bulk_create(held)
    return set(modes)


def send_digests(now=None):
    """Mail every person with held notices one summary of them; returns how many were mailed.

    Run weekly (``manage.py send_digests``). Each person's held lines are taken in the same
    transaction as the mail is queued, so a second run sends nothing twice."""
    now = now or timezone.now()
    sent = 0
    user_ids = list(HeldMail.objects.filter(created_at__lte=now).values_list("user_id", flat=True)
                    .distinct())
    for user_id in user_ids:
        with transaction.atomic():
            held = list(HeldMail.objects.select_for_update().filter(user_id=user_id, created_at__lte=now)
                        .select_related("user", "notification").order_by("created_at", "pk"))
            if not held:
                continue
            user = held[0].user
            lines = [h.notification for h in held]
            HeldMail.objects.filter(pk__in=[h.pk for h in held]).delete()
            if not user.email or not user.is_active:
                continue
            body = render_to_string("portal/mail/digest.txt", {
                "user": user, "lines": [(line, absolute_url(line.url)) for line in lines],
                "settings_url": absolute_url("/my/settings/"),
            }).strip()
            send_mail_on_commit([user.email], _("【協働ポータル】今週のお知らせ(%(count)d件)") % {
                "count": len(lines)}, body)
            sent += 1
    return sent


__all__ = ["Notification", "kinds", "mail_policy", "save_settings", "send_digests", "settings_of"]
