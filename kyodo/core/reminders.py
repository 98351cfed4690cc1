"""Scheduled reminders: deadlines coming and passed (issue 14 item 5).

A module declares what to remind with :func:`register` in its ``AppConfig.ready()``: a function
that, given "today", yields ``Reminder`` objects (who, what, the link, and a key naming the
reminder). ``manage.py send_reminders`` (run daily by cron or a systemd timer, see
docs/operations.md) sends each one through ``notify.notify`` — once: the key is remembered, so
running the command twice a day, or again after a failure, never mails anybody twice.

    reminders.register("councils.sheets", due_evaluation_sheets)

    def due_evaluation_sheets(today):
        for progress in …:
            yield Reminder(key=f"councils.sheet:{progress.pk}:3days", recipients=[member.user],
                           subject=…, body=…, url=…, organisation=…)
"""

import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .notify import notify

logger = logging.getLogger(__name__)

_SOURCES = {}


@dataclass
class Reminder:
    key: str
    recipients: list
    subject: str
    body: str
    url: str = ""
    organisation: object = None
    extra: dict = field(default_factory=dict)


class SentReminder(models.Model):
    """送信済みリマインダー — so that a reminder goes out once."""

    key = models.CharField(_("キー"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("送信日時"), default=timezone.now)

    class Meta:
        app_label = "core"
        verbose_name = _("送信済みリマインダー")
        verbose_name_plural = _("送信済みリマインダー")


def register(name, source):
    """Declare a source of reminders (called from a module's ``AppConfig.ready()``)."""
    _SOURCES[name] = source


def sources():
    return dict(_SOURCES)


def send_due(today=None):
    """Send every reminder that is due and not yet sent; returns {source name: count sent}."""
    today = today or timezone.localdate()
    sent = {}
    for name, source in sources().items():
        count = 0
        for reminder in source(today):
            try:
                with transaction.atomic():
                    SentReminder.objects.create(key=reminder.key[:200])
                    notify(reminder.recipients, subject=reminder.subject, body=reminder.body,
                           url=reminder.url, organisation=reminder.organisation)
            except IntegrityError:
                continue  # sent before
            count += 1
        sent[name] = count
        logger.info("reminders %s: %d sent", name, count)
    return sent
