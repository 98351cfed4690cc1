"""One notification path: a line on the recipient's pages and a mail through the task worker,
only when the action commits, never failing the action when the mail server fails."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from kyodo.core import notify
from kyodo.core.models import Role

from .factories import DepartmentFactory, UserFactory, grant

pytestmark = pytest.mark.django_db(transaction=True)


def test_recipients_get_a_line_and_a_mail_with_the_link(sapporo):
    desk = UserFactory(email="desk@city.example.jp")
    with transaction.atomic():
        notify.notify([desk, "resident@example.jp"], subject="【出前講座】新しい申込があります",
                      body="受付番号 R8-0001 の申込が届きました。", url="/org/sapporo/lectures/manage/",
                      organisation=sapporo)
        assert mail.outbox == []  # nothing leaves before the action commits
    assert sorted(m.to[0] for m in mail.outbox) == ["desk@city.example.jp", "resident@example.jp"]
    body = mail.outbox[0].body
    assert "受付番号 R8-0001" in body and "http://127.0.0.1:8000/org/sapporo/lectures/manage/" in body
    [line] = notify.Notification.objects.all()
    assert line.recipient == desk and line.read_at is None and line.organisation == sapporo


def test_nothing_is_told_when_the_action_rolls_back(sapporo):
    desk = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        notify.notify([desk], subject="件名", body="本文")
        raise RuntimeError("the write failed")
    assert mail.outbox == [] and not notify.Notification.objects.exists()


@override_settings(EMAIL_BACKEND="kyodo.core.tests.test_notifications.BrokenMailBackend")
def test_a_failing_mail_server_never_fails_the_action(sapporo):
    desk = UserFactory()
    with transaction.atomic():
        notify.notify([desk], subject="件名", body="本文")
    # The action committed and the person still sees the line on their page.
    assert notify.Notification.objects.filter(recipient=desk).exists()


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_each_address_gets_its_own_mail(sapporo):
    notify.notify(["a@example.jp", "b@example.jp", "A@example.jp"], subject="件名", body="本文")
    assert [m.to for m in mail.outbox] == [["a@example.jp"], ["b@example.jp"]]


def test_holders_count_only_grants_that_took_effect(sapporo):
    department = DepartmentFactory(organisation=sapporo, name="広報課")
    active = UserFactory(email="active@city.example.jp")
    grant(active, Role.RECEPTION_DESK, sapporo, department)
    pending = UserFactory(email="pending@city.example.jp")
    assignment = grant(pending, Role.RECEPTION_DESK, sapporo, department)
    type(assignment).objects.filter(pk=assignment.pk).update(accepted_at=None)
    assert notify.holders(sapporo, {Role.RECEPTION_DESK}, department) == [active]


def test_my_page_shows_unread_lines_and_opening_one_marks_it_read(client, sapporo):
    person = UserFactory()
    notify.notify([person], subject="報告が差し戻されました", body="理由: 数値の確認",
                  url="/org/sapporo/plans/manage/")
    client.force_login(person)
    html = client.get(reverse("core:mypage")).content.decode()
    assert "報告が差し戻されました" in html and "未読 1件" in html
    line = notify.Notification.objects.get()
    response = client.get(reverse("core:notification", args=[line.pk]))
    assert response.status_code == 302 and response["Location"] == "/org/sapporo/plans/manage/"
    line.refresh_from_db()
    assert line.read_at is not None
    assert "未読" not in client.get(reverse("core:mypage")).content.decode()


def test_nobody_opens_anothers_notification(client, sapporo):
    notify.notify([UserFactory()], subject="件名", body="本文")
    client.force_login(UserFactory())
    line = notify.Notification.objects.get()
    assert client.get(reverse("core:notification", args=[line.pk])).status_code == 404
    assert notify.Notification.objects.get().read_at is None


def test_an_outside_link_is_never_followed(client, sapporo):
    person = UserFactory()
    notify.notify([person], subject="件名", body="本文", url="https://evil.example.com/")
    client.force_login(person)
    line = notify.Notification.objects.get()
    response = client.get(reverse("core:notification", args=[line.pk]))
    assert response["Location"] == reverse("core:notifications")


@pytest.mark.parametrize("count", [3, 40])
def test_the_list_runs_a_fixed_number_of_queries(client, sapporo, count, django_assert_max_num_queries):
    person = UserFactory()
    for number in range(count):
        notify.notify([person], subject=f"お知らせ {number}", body="本文")
    client.force_login(person)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("core:notifications")).status_code == 200
