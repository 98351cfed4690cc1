"""Background tasks shared by the modules (django-tasks).

Every mail leaves through :func:`send_mail_on_commit` (directly, or through
``kyodo.core.notify.notify``): the mail is queued only if the transaction that caused it
commits, the request never waits for SMTP, and a mail server that fails never fails the action.
A failed mail is tried again later (``RETRY_DELAYS``) when the task backend can defer work
(the database queue in production); after the last attempt it stays in the queue as failed,
with its traceback, for the operator.
"""

import logging
from datetime import timedelta
from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

#: Waits before the 2nd, 3rd, … attempt of a mail that failed.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6))


@task()
def send_notification(recipients: list[str], subject: str, body: str, attempt: int = 1) -> int:
    """Send one plain-text mail; returns the number of mails sent. Retried when it fails."""
    try:
        return send_mail(subject, body, None, recipients)
    except Exception:
        if attempt <= len(RETRY_DELAYS) and default_task_backend.supports_defer:
            logger.warning("mail %r failed (attempt %d); trying again later", subject, attempt)
            send_notification.using(
                run_after=timezone.now() + RETRY_DELAYS[attempt - 1]
            ).enqueue(recipients, subject, body, attempt + 1)
        else:
            logger.exception("mail %r failed for good after %d attempts", subject, attempt)
        raise


def send_mail_on_commit(recipients, subject, body):
    """Queue ``send_notification`` once the current transaction commits."""
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    transaction.on_commit(partial(
        send_notification.enqueue, list(recipients), str(subject), str(body),
    ))
