"""Background tasks shared by the modules (django-tasks).

Modules queue mail with :func:`send_mail_on_commit` from inside their actions: the mail leaves
only if the transaction that caused it commits, and the request never waits for SMTP.
"""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_notification(recipients: list[str], subject: str, body: str) -> int:
    """Send one plain-text notification; returns the number of mails sent."""
    return send_mail(subject, body, None, recipients)


def send_mail_on_commit(recipients, subject, body):
    """Queue ``send_notification`` once the current transaction commits."""
    transaction.on_commit(partial(
        send_notification.enqueue, list(recipients), str(subject), str(body),
    ))
