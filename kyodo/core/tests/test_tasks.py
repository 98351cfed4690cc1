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
