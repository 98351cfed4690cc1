"""One notification path: telling people that something needs them (issue 14 item 5).

Every step that hands work to someone — a lecture request to the reception desk, a report to
the coordinator, a selection result to an applicant — calls :func:`notify` from inside its
action. It

- keeps a line (``Notification``) for each recipient with an account, shown on their my page
  and staff screens (``{% notifications_panel %}``), so nothing depends on mail alone;
- mails every recipient once the action's transaction commits, through the task worker
  (``tasks.send_mail_on_commit``: retried, never failing the action);
- writes what it is about in the recipient's terms: the body is the module's text with 和暦
  dates (``|wareki``), and ends with the link to the page where the work is.

Recipients are accounts (``User``) or bare addresses (applicants without an account). Who
holds a role is read with :func:`holders`, which counts only grants that took effect.
"""

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tasks import send_mail_on_commit


class Notification(models.Model):
    """お知らせ — one line telling one person that something needs them."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("宛先"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("団体"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    subject = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("本文"))
    url = models.CharField(_("リンク"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("通知日時"), default=timezone.now)
    read_at = models.DateTimeField(_("既読日時"), null=True, blank=True)

    class Meta:
        app_label = "core"
        verbose_name = _("お知らせ")
        verbose_name_plural = _("お知らせ")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "-created_at"], name="notification_inbox")]

    def __str__(self):
        return self.subject


def absolute_url(path):
    """The address of ``path`` on this site, for mails (``KYODO_SITE_URL``)."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.KYODO_SITE_URL.rstrip("/") + path


_mail_policies = []


def register_mail_policy(policy):
    """``policy(users, kind, lines) -> user ids`` whose mail does not leave now (held for a
    digest, or not wanted); their line is kept all the same. Registered by the portal, which
    keeps each person's mail settings (kyodo/portal/notices.py)."""
    _mail_policies.append(policy)


def kind_of(url):
    """The kind of a notice, for people's mail settings: the module of the page it links to
    (lectures, councils…), or "general"."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve
    from django.utils import translation

    path = urlsplit(str(url or "")).path or "/"
    for code, _name in settings.LANGUAGES:  # /en/org/… is the same page as /org/…
        if path.startswith(f"/{code}/"):
            path = path[len(code) + 1:]
    try:
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(path)
    except (Resolver404, ValueError):
        return "general"
    namespace = (match.app_names or [""])[0].removesuffix("_regional")
    return namespace if namespace not in ("", "core", "manage", "platform") else "general"


def notify(recipients, *, subject, body="", template=None, context=None, url="", organisation=None,
           kind=None):
    """Tell ``recipients`` (users and/or addresses) that something needs them.

    ``template`` (a plain-text template, rendered with ``context``) or ``body`` is the message;
    the link to ``url`` is added at the end. Call it inside the action's transaction: the lines
    are saved with the action and the mails leave only if it commits. A user's mail follows
    their settings for the ``kind`` of notice (by default the module ``url`` belongs to); a
    bare address is always mailed.
    """
    if template:
        body = render_to_string(template, context or {}).strip()
    subject = str(subject)
    mail_body = str(body)
    if url:
        mail_body += "\n\n" + str(_("詳しくは次のページをご覧ください。")) + "\n" + absolute_url(url)
    mail_body += "\n\n-- \n" + str(_("このメールは Kyodo 協働ポータルから自動で送信しています。"))

    users, addresses, seen, bare = [], [], set(), set()
    for recipient in recipients:
        if recipient is None:
            continue
        email = recipient if isinstance(recipient, str) else recipient.email
        if isinstance(recipient, str) and email:
            bare.add(email.lower())
        if hasattr(recipient, "pk") and recipient.pk not in {u.pk for u in users}:
            users.append(recipient)
        if email and email.lower() not in seen:
            seen.add(email.lower())
            addresses.append(email)
    lines = Notification.objects.bulk_create([
        Notification(recipient=user, organisation=organisation, subject=subject[:200],
                     body=str(body), url=url) for user in users
    ])
    quiet = set()
    if users and _mail_policies:
        kind = kind or kind_of(url)
        for policy in _mail_policies:
            quiet |= set(policy(users, kind, lines))
    if quiet:
        held = {u.email.lower() for u in users if u.pk in quiet and u.email} - bare
        addresses = [address for address in addresses if address.lower() not in held]
    for address in addresses:  # one mail each: recipients must not see each other's addresses
        send_mail_on_commit([address], subject, mail_body)
    return len(addresses)


def holders(organisation, roles, department=None):
    """The accounts that hold one of ``roles`` in ``organisation`` (and ``department``), counting
    only grants that took effect; each account once."""
    from .models import RoleAssignment, User

    grants = RoleAssignment.objects.filter(
        organisation=organisation, role__in=list(roles), accepted_at__isnull=False,
        user__is_active=True,
    )
    if department is not None:
        grants = grants.filter(department=department)
    return list(User.objects.filter(pk__in=grants.values("user_id")).order_by("pk"))


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_id):
    """Mark one of ``user``'s notifications read; returns it (None if not theirs)."""
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
