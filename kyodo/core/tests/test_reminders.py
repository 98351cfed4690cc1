"""Scheduled reminders go out once each, through the one notification path."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from kyodo.core import reminders
from kyodo.core.notify import Notification

from .factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deadline_source(monkeypatch):
    member = UserFactory(email="member@example.jp")
    seen_days = []

    def due_sheets(today):
        seen_days.append(today)
        deadline = datetime.date(2026, 12, 10)
        if (deadline - today).days <= 3:
            yield reminders.Reminder(
                key="test.sheet:1:3days", recipients=[member],
                subject="評価シートの締切が近づいています", body="締切は令和8年12月10日です。",
                url="/org/sapporo/councils/workspace/")

    monkeypatch.setattr(reminders, "_SOURCES", {"test.sheets": due_sheets})
    return member, seen_days


def test_a_reminder_goes_out_when_due_and_only_once(deadline_source):
    member, seen_days = deadline_source
    assert reminders.send_due(datetime.date(2026, 12, 1)) == {"test.sheets": 0}
    assert reminders.send_due(datetime.date(2026, 12, 7)) == {"test.sheets": 1}
    assert reminders.send_due(datetime.date(2026, 12, 7)) == {"test.sheets": 0}  # run twice a day
    assert reminders.send_due(datetime.date(2026, 12, 8)) == {"test.sheets": 0}
    assert [m.to for m in mail.outbox] == [["member@example.jp"]]
    assert "令和8年12月10日" in mail.outbox[0].body
    assert Notification.objects.filter(recipient=member).count() == 1


def test_the_command_reports_what_it_sent(deadline_source, capsys):
    call_command("send_reminders")
    assert "reminder(s) sent" in capsys.readouterr().out
