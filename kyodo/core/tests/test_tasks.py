"""Notification mails are sent only when the transaction that caused them commits."""

import pytest
from django.core import mail
from django.db import transaction

from kyodo.core.tasks import send_mail_on_commit

pytestmark = pytest.mark.django_db(transaction=True)


def test_mail_is_sent_after_commit():
    with transaction.atomic():
        send_mail_on_commit(["resident@example.jp"], "受付のお知らせ", "受け付けました。")
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["resident@example.jp"]]
    assert mail.outbox[0].subject == "受付のお知らせ"


def test_no_mail_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            send_mail_on_commit(["resident@example.jp"], "受付のお知らせ", "受け付けました。")
            raise RuntimeError("the write failed")
    assert mail.outbox == []


def test_a_failed_mail_is_tried_again_later_and_gives_up_after_the_last_attempt(settings, monkeypatch):
    """A mail server that is down when the worker sends is tried again (RETRY_DELAYS), never
    lost silently: each failure queues the next attempt; the last one stays failed."""
    from django.utils import timezone
    from django_tasks import default_task_backend

    from kyodo.core import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def smtp_down(*args):
        raise OSError("SMTP down")

    monkeypatch.setattr(tasks, "send_mail", smtp_down)
    before = timezone.now()
    with pytest.raises(OSError):
        tasks.send_notification.call(["desk@example.jp"], "新しい申込", "本文")
    (queued,) = default_task_backend.results
    assert list(queued.args) == [["desk@example.jp"], "新しい申込", "本文", 2]
    assert queued.task.run_after >= before + tasks.RETRY_DELAYS[0]
    with pytest.raises(OSError):
        tasks.send_notification.call(["desk@example.jp"], "新しい申込", "本文", len(tasks.RETRY_DELAYS) + 1)
    assert len(default_task_backend.results) == 1  # the last attempt queues nothing more
