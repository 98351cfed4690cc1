"""Notification settings (issue 18 §3): per kind of notice, mail at once, in a weekly digest or
not at all; notify() follows them; the line on the my page stays whatever the choice."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from kyodo.core import notify
from kyodo.core.tests.factories import UserFactory
from kyodo.portal.models import HeldMail, MailSetting

pytestmark = pytest.mark.django_db(transaction=True)

LECTURES = "/org/sapporo/lectures/manage/"


def send(recipients, url=LECTURES, subject="【出前講座】新しい申込があります"):
    with transaction.atomic():
        notify.notify(recipients, subject=subject, body="本文", url=url)


def test_the_kind_of_a_notice_is_the_module_of_its_page(sapporo):
    assert notify.kind_of("/org/sapporo/lectures/manage/") == "lectures"
    assert notify.kind_of("/en/org/sapporo/councils/workspace/") == "councils"
    assert notify.kind_of("/collaboration/") == "collaboration"
    assert notify.kind_of("/org/sapporo/manage/roles/") == "general"
    assert notify.kind_of("") == "general" and notify.kind_of("/no/such/page/") == "general"


def test_by_default_every_notice_is_mailed_at_once(sapporo):
    user = UserFactory(email="desk@city.example.jp")
    send([user])
    assert [m.to for m in mail.outbox] == [["desk@city.example.jp"]]


def test_a_kind_turned_off_is_not_mailed_but_still_shown(sapporo):
    user = UserFactory(email="desk@city.example.jp")
    MailSetting.objects.create(user=user, kind="lectures", mode="off")
    send([user, "applicant@example.jp"])
    assert [m.to for m in mail.outbox] == [["applicant@example.jp"]]  # bare addresses always
    assert notify.Notification.objects.filter(recipient=user).count() == 1
    send([user], url="/org/sapporo/councils/workspace/")  # another kind: mailed
    assert mail.outbox[-1].to == ["desk@city.example.jp"]


def test_digest_holds_the_mails_and_sends_one_summary_once(sapporo):
    user = UserFactory(email="resident@example.jp")
    MailSetting.objects.create(user=user, kind="lectures", mode="digest")
    send([user], subject="一通目")
    send([user], subject="二通目")
    assert mail.outbox == [] and HeldMail.objects.count() == 2
    call_command("send_digests", stdout=open("/dev/null", "w"))
    [digest] = mail.outbox
    assert digest.to == ["resident@example.jp"] and "2件" in digest.subject
    assert "一通目" in digest.body and "二通目" in digest.body
    assert "http://127.0.0.1:8000/org/sapporo/lectures/manage/" in digest.body
    call_command("send_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1  # nothing twice


def test_the_settings_page_saves_choices_per_kind(client, sapporo):
    user = UserFactory(email="resident@example.jp")
    client.force_login(user)
    page = client.get("/my/settings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "出前講座" in html and "市民会議" in html and "週に1回まとめて受け取る" in html
    from kyodo.portal.notices import kinds

    data = {kind: "immediate" for kind, _label in kinds()}
    data.update(lectures="digest", councils="off")
    assert client.post("/my/settings/", data).status_code == 302
    assert dict(MailSetting.objects.filter(user=user).values_list("kind", "mode")) == {
        "lectures": "digest", "councils": "off"}
    data["lectures"] = "bogus"
    refused = client.post("/my/settings/", data)
    assert refused.status_code == 400 and "選択肢の中から選んでください" in refused.content.decode()
    assert MailSetting.objects.get(user=user, kind="lectures").mode == "digest"
